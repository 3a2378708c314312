"""Where a cue list cannot match: its words, found by de_scan's one word pass.

Speed device (CueWords). Record assembly asks of each figure's window whether cue lists match
there (giving and deciding verbs, venue and pointer words, "bundesweit", the qualifiers
before the figure …): a regex search per list and window, about half of de_records'
instructions. Every match of a cue holds one of some literal words ("fördert", "länder" of
"alle[nm]?\\s+(?:Bundes)?Ländern?"): ``required_words`` reads them from the cue's regex
fragment. The lists register those words with the pipeline's SharedWords, whose
Aho–Corasick pass over the doc's lower-cased text (which de_scan makes anyway) reports
where they occur; a window none of them occurs in is answered "no match" without its regex.

Why "no" is safe. A match inside [s, e) holds a required word wholly inside [s, e), and the
lower-cased text holds it in lower case at the same offsets (``lower_same_length``): a
case-sensitive cue matches a subset of what its lower-cased words find. A case-insensitive
one matches what re folds together; str.lower() folds the same but for the letters in
FOLDS_SPECIALLY (re folds "ı", "İ" to "i" and "ſ" to "s"; lower() leaves them), so a doc
holding one of those gets no gate (``words_of``). Tests derive FOLDS_SPECIALLY from re for
every letter of the cues' words and compare each gated answer with the plain search.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..rules import QUANTIFIERS, group_end, token_end, top_level_alternatives

# the characters that re.IGNORECASE matches to a letter of the cues' words (a–z, äöüß) but
# str.lower() does not lower to it (derived in tests/components/test_records_cue_words.py)
FOLDS_SPECIALLY = "İıſ"
MAX_FORMS = 200  # the most words a run of literal forms is followed through
MIN_WORD = 2  # a cue whose best word is shorter (one letter) leaves its list ungated: too common a word
# the characters that, escaped, stand for themselves (re.escape's and the lexicon's escapes)
LITERAL_ESCAPES = frozenset(".- ,/&'\":;!?()[]{}+*|^$#\\")


def required_words(fragment: str) -> set[str] | None:
    """Lower-cased literal words one of which every match of the regex fragment holds, None
    if none are sure: the best (by its shortest word) of the fragment's literal runs, each
    with the words of the groups it runs through ("f(?:onds|örderung)" -> {"fonds",
    "förderung"}), and of its unquantified groups ("(?:in|für)\\s+Deutschland" -> {"deutschland"})."""
    alternatives = top_level_alternatives(fragment)
    if len(alternatives) > 1:
        found = [required_words(a) for a in alternatives]
        return None if any(f is None for f in found) else set().union(*found)
    candidates: list[set[str]] = []  # each a set of words one of which every match holds
    run = {""}  # the literal words read since the last break

    def close_run():
        nonlocal run
        candidates.append(run)
        run = {""}

    for token, inner, optional, repeated in tokens(fragment):
        if inner is None and token is None:  # a lookaround: its text need not be in the match
            close_run()
            continue
        forms = literal_forms(inner) if inner is not None else {token} if token else None
        if forms is not None and len(run) * len(forms) <= MAX_FORMS and not repeated:
            run = {r + f for r in run for f in forms} | (run if optional else set())
            continue
        if forms is not None and not optional:  # "+": once at least, the run goes on only to here
            run = {r + f for r in run for f in forms}
        close_run()
        if inner is not None and not optional:
            found = required_words(inner)
            if found:
                candidates.append(found)
    close_run()
    return max((c for c in candidates if all(c)), key=lambda c: min(map(len, c)), default=None)


def literal_forms(fragment: str) -> set[str] | None:
    """Every lower-cased string the fragment matches, if they are a few literal ones (a trie
    of words: "f(?:onds|örderung)"); None if not."""
    forms = set()
    for alternative in top_level_alternatives(fragment):
        found = {""}
        for token, inner, optional, repeated in tokens(alternative):
            part = literal_forms(inner) if inner is not None else {token} if token else None
            if part is None or repeated or len(found) * len(part) > MAX_FORMS:
                return None
            found = {f + p for f in found for p in part} | (found if optional else set())
        forms |= found
    return forms


def tokens(fragment: str):
    """The fragment's top-level tokens: (the lower-cased character a token stands for or
    None, the contents of a plain group or None, whether its quantifier lets it be left out,
    whether it may repeat). A lookaround is (None, None, False, False)."""
    i, n = 0, len(fragment)
    while i < n:
        if fragment[i] == "(":
            # a plain group: "(", "(?:" or "(?P<name>"; else a lookaround or the like
            plain = fragment.startswith(("(?:", "(?P<"), i) or not fragment.startswith("(?", i)
            body = (i + 3 if fragment.startswith("(?:", i) else fragment.find(">", i) + 1 or i + 1) if plain \
                else i + 2
            end = group_end(fragment, body)
            if end < 0:
                raise ValueError(f"cue {fragment!r}: a group that does not close")
            i, optional, repeated = quantifier_end(fragment, end + 1)
            yield (None, fragment[body:end], optional, repeated) if plain else (None, None, False, False)
            continue
        end = token_end(fragment, i)
        char = literal(fragment[i:end])
        i, optional, repeated = quantifier_end(fragment, end)
        yield char if char is not None else "", None, optional, repeated


def quantifier_end(fragment: str, i: int) -> tuple[int, bool, bool]:
    """Where the quantifier at fragment[i] (if any) ends, whether it lets the token before it
    be left out ("?", "*", "{0,…}"; any "{…}" is taken as such) and whether it repeats it."""
    q = fragment[i:i + 1]
    if q not in QUANTIFIERS and q != "+":
        return i, False, False
    end = (fragment.find("}", i) + 1 or len(fragment)) if q == "{" else i + 1
    if fragment[end:end + 1] in ("?", "+"):  # lazy or possessive
        end += 1
    return end, q != "+", q != "?"


def literal(token: str) -> str | None:
    """The lower-cased character a regex token stands for ("a", "\\.", "[Üü]"), None if it
    stands for more than one (\\s, a set of different letters, ".", an anchor)."""
    if token == "\\" or token in ("^", "$", ".", "|"):
        return None
    if token.startswith("\\"):
        return token[1] if token[1:] in LITERAL_ESCAPES else None
    if token.startswith("["):
        body = token[1:-1]
        if not body.isalpha():
            return None
        lowered = {c.lower() for c in body}
        return lowered.pop() if len(lowered) == 1 and all(len(c.lower()) == 1 for c in body) else None
    return token.lower() if len(token.lower()) == 1 else None


class CueWords:
    """A cue regex with the words its matches hold, registered with the doc scan's word pass."""

    def __init__(self, regex: re.Pattern, fragments: list[str]):
        self.regex = regex
        found = [required_words(f) for f in fragments]
        ok = all(f and min(map(len, f)) >= MIN_WORD for f in found)
        self.words: list[str] | None = sorted(set().union(*found)) if ok and found else None
        self.key: str | None = None  # set by register

    def may_match(self, words: dict[str, list[int]] | None, s: int, e: int) -> bool:
        """False where none of the cue's words starts inside [s, e) (so the regex finds
        nothing there); True where one does, or the doc has no word pass for it."""
        if words is None or self.key is None:
            return True
        starts = words[self.key]
        i = bisect_left(starts, s)
        return i < len(starts) and starts[i] < e

    def search(self, words: dict[str, list[int]] | None, text: str, s: int, e: int) -> re.Match | None:
        """regex.search(text, s, e), with the words' answer first."""
        return self.regex.search(text, s, e) if self.may_match(words, s, e) else None

    def search_cut(self, words: dict[str, list[int]] | None, cut: str, s: int, e: int) -> re.Match | None:
        """regex.search(cut), cut being text[s:e] or a part of it, as a piece of its own
        (nothing before it for a lookbehind, its end an end for "$"), with the words' answer
        first."""
        return self.regex.search(cut) if self.may_match(words, s, e) else None


def escaped_words(words: list[str]) -> list[str]:
    """A list of literal words as regex fragments (what ``alternation`` matches)."""
    return [re.escape(w) for w in words]


def register(shared, owner: str, cues: dict[str, CueWords]) -> None:
    """Register the cues' words with the pipeline's SharedWords (under owner), and give each
    cue its key there."""
    gated = {name: cue for name, cue in cues.items() if cue.words}
    keys = shared.register(owner, {name: cue.words for name, cue in gated.items()})
    for name, cue in gated.items():
        cue.key = keys[name]


def words_of(scan, shared) -> dict[str, list[int]] | None:
    """The doc's word starts for the cues (None: no gate), from its scan."""
    if any(c in scan.text for c in FOLDS_SPECIALLY):
        return None
    return scan.words_for(shared)
