"""Programme titles introduced with an acronym in brackets, and the acronym used alone later.

German releases give a programme's official title once with its short form after it
("Rahmenprogramm Integrierte Stadtteilentwicklung (RISE)", "Richtlinie über die Gewährung von
Zuwendungen für … (RAT V)", "Brücken- und Wegeprogramm (BWP)")
and then use the short form alone ("357 Millionen Euro kamen von RISE"). The title starts at
the nearest capitalised word before the bracket that begins with the acronym's first letter
and from which the acronym's letters follow in order; it or the cue noun before it must hold
a programme head word, so
organisations and laws with acronyms ("Kreditanstalt für Wiederaufbau (KfW)") are not taken.
Every mention carries the title as its value, so the acronym folds into the title's programme.
"""

from __future__ import annotations

import re

from .rules import Containers, Found
from .scanning import whole_uses

# "(RISE)", "(RAT V)", "(RWP neu)", "(KomPrOZG)": a capital, then letters, at least two capitals
BRACKET = re.compile(r"\((?P<acronym>[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9})(?P<tail>[ \t]+(?:[IVX]{1,4}|\d{1,2}|[a-zäöü]{2,4}))?\)")
WORD = re.compile(r"[^\s]+")
STOP_CHARS = ".;:!?,()"  # the title does not cross these (nor a line break)
QUOTES = "„“”\"»«‚‘'"
MAX_WORDS = 20


def acronym_titles(text: str, heads: tuple[str, ...], orgs: Containers) -> list[Found]:
    """The bracketed titles of ``text`` and the later lone uses of their acronyms.

    heads (tuple[str, ...]): lowercase endings of programme head words ("programm", "richtlinie").
    orgs: spans of organisation mentions; a title inside one is no programme.
    """
    found: list[Found] = []
    seen: dict[str, str] = {}
    for m in BRACKET.finditer(text):
        acronym = m.group("acronym")
        if sum(c.isupper() for c in acronym) < 2:
            continue
        title = title_before(text, m.start(), acronym, heads)
        if title is None:
            continue
        start, end = title
        # a one-word title ("das Stadt-Pilotprojekt (StaPi)") is a cue noun: its acronym alone
        # is the name (the bracketed-acronym rule of programmes.py)
        if orgs.contain(start, end) or len(text[start:end].split()) < 2:
            continue
        name = text[start:end]
        short = m.group(0)[1:-1]
        seen.setdefault(short, name)
        found.append(Found("PROGRAMME", start, end, name, name, "programme-acronym-title"))
        found.append(Found("PROGRAMME", m.start() + 1, m.end() - 1, short, name, "programme-acronym-title"))
    for short, name in seen.items():
        for start, end in whole_uses(text, short, not_before="-(", not_after="-)"):
            found.append(Found("PROGRAMME", start, end, short, name, "programme-acronym-alone"))
    return found


def title_before(text: str, bracket: int, acronym: str, heads: tuple[str, ...]) -> tuple[int, int] | None:
    """(start, end) of the title that ``acronym`` abbreviates, ending before ``bracket``."""
    line_start = text.rfind("\n", 0, bracket) + 1
    stop = after_last_stop(text, line_start, bracket)
    words = [w.span() for w in WORD.finditer(text, stop, bracket)][-MAX_WORDS:]
    if not words:
        return None
    end = words[-1][1]
    while end > words[0][0] and text[end - 1] in QUOTES:
        end -= 1
    letters = acronym.lower()
    for start, _ in reversed(words):
        while start < end and text[start] in QUOTES:
            start += 1
        if start >= end or not text[start].isupper() or text[start].lower() != letters[0]:
            continue
        phrase = text[start:end].lower()
        if not in_order(letters[1:], phrase[1:]):
            continue
        # the nearest such word starts the title; a head word in it or in the cue noun
        # before it ("des Programms Digitale Verwaltung (DV)") makes it a programme
        cue = text[last_word_start(text, line_start, start):start].strip().lower()
        return (start, end) if any(h in phrase or h in cue for h in heads) else None
    return None


def after_last_stop(text: str, line_start: int, end: int) -> int:
    """Where text[line_start:end] goes on after its last stop character (line_start if it
    holds none): one rfind per stop character, not a match per comma and full stop of the
    line (a paragraph)."""
    return max(line_start - 1, *(text.rfind(c, line_start, end) for c in STOP_CHARS)) + 1


def last_word_start(text: str, line_start: int, end: int) -> int:
    """Where the last word (a run of non-space characters) of text[line_start:end] begins
    (line_start if it holds none): text[line_start:end].split()[-1], without splitting the
    line."""
    at = end
    while at > line_start and text[at - 1].isspace():
        at -= 1
    while at > line_start and not text[at - 1].isspace():
        at -= 1
    return at


def in_order(letters: str, phrase: str) -> bool:
    """Whether ``letters`` occur in ``phrase`` in this order (not necessarily together)."""
    rest = iter(phrase)
    return all(letter in rest for letter in letters)
