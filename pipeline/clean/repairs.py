"""Repairs of characters, broken lines and broken figures; each deletes characters or turns
a space-like character into a space, so the map into the source stays exact.

- stage 1, split_lines: odd spaces shown as a space, soft hyphens and other invisible
  characters deleted, spaces collapsed;
- stage 4, join_broken_lines: words and sentences a PDF or CMS broke over two lines
  ("Digitali-" + "sierung", "Hard-" + "und Software");
- stage 6, repair_inline: figures and compounds broken inside a line ("4, 2 Millionen",
  "1. 000 Euro", "Millionen. Euro", "Mio.. Euro", "IT- Dienstleister"), and a credit
  trailing a caption.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import (
    ABBREVIATED_SCALE_WORDS, FIGURE_UNITS, FULL_SCALE_WORDS, FURNITURE, HYPHENATED_LAND_PARTS, LETTER,
    NOT_LETTER_AHEAD, PLAIN_CURRENCIES, REPAIRS, cue_alternation, flat_alternation,
)
from .lines import Line, drop_matches

__all__ = ["EXTRA_SPACES", "INVISIBLE_CHARS", "SPACE_CHARS", "join_broken_lines", "repair_inline", "split_lines"]

# ---------------------------------------------------------------------------
# Stage 1: characters
# ---------------------------------------------------------------------------

#: Characters deleted outright: soft hyphen, zero-width space/joiners, word joiner, BOM.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: Characters shown as a plain space: tab, VT, FF (PDF page break), CR, separators,
#: no-break, en/em/thin/hair/figure spaces, narrow no-break, math and ideographic space.
SPACE_CHARS = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
SPACE_LIKE = re.compile(f"[{SPACE_CHARS}]")
INVISIBLE = re.compile(f"(?P<drop>[{INVISIBLE_CHARS}]+)")
# spaces at either end of a line, and every space after the first of a run
EXTRA_SPACES = re.compile(r"(?P<drop>^ +| +$|(?<= ) +)")


# Kept speed tricks (measured against running the regex on every text and line): most texts
# hold no invisible character (saves ~0.03 s/MB, 6 % of the pipeline) and most lines no extra
# space (~0.056 s/MB, 11 %); a plain `in` test finds that, and only a text or line that holds
# one pays for the regex pass.


def may_hold_invisible(text: str) -> bool:
    """False for a text INVISIBLE finds nothing in."""
    return any(char in text for char in INVISIBLE_CHARS)


def may_hold_extra_spaces(text: str) -> bool:
    """False for a line EXTRA_SPACES finds nothing in (after SPACE_LIKE, a space is " ")."""
    return "  " in text or text[:1] == " " or text[-1:] == " "


def split_lines(source_text: str) -> list[Line]:
    """Source lines after character repairs; blank lines are left out.

    Only "\\n" breaks lines; a "\\r" before it is a space and is stripped with the line end.
    """
    shown = SPACE_LIKE.sub(" ", source_text)  # one-to-one: offsets unchanged
    has_invisible = may_hold_invisible(source_text)
    lines: list[Line] = []
    offset = 0
    for number, raw in enumerate(shown.split("\n")):
        end = offset + len(raw)
        line = Line(raw, [0], [offset], number, end)
        offset = end + 1
        if has_invisible:
            drop_matches(line, INVISIBLE)
        if may_hold_extra_spaces(line.text):
            drop_matches(line, EXTRA_SPACES)
        if line.text:
            lines.append(line)
    return lines


# ---------------------------------------------------------------------------
# Stage 4: line joins
# ---------------------------------------------------------------------------

#: A line this long that stops mid-sentence and continues lowercase was soft-wrapped.
SOFT_WRAP_MIN_CHARS = 40
_COORDINATED = rf"(?:{flat_alternation(REPAIRS['coordinating_words'])})(?:\.|{NOT_LETTER_AHEAD})"

# a line ending in a word and a hyphen: "Digitali-", "Bund-", "2020-"
LINE_END_HYPHEN = re.compile(rf"(?:(?P<word>{LETTER}+)|\d)-$")
# the next line opens with a coordinating word: "und Software" (keep the hyphen)
STARTS_COORDINATED = re.compile(rf"^{_COORDINATED}")
# the next line opens lowercase, not a brand like "eGovernment"
STARTS_LOWERCASE = re.compile(r"^[a-zäöüß](?![A-ZÄÖÜ])")
STARTS_UPPERCASE_OR_DIGIT = re.compile(r"^[A-ZÄÖÜ\d]")
# a line that ends a sentence or introduces something (":"), so it was not wrapped
ENDS_SENTENCE = re.compile(r"""[.!?;:]["'“”„»«)\]]*$""")
# words no sentence or heading ends with ("… bis zum")
CONTINUING_WORDS = frozenset(REPAIRS["continuing_words"])
# what such a line goes on with: a word, a figure or a quote, not a list item ("- Schulen")
STARTS_RUNNING_TEXT = re.compile(r"^[^\W_]|^[„\"»‚(]")


def ends_open(text: str) -> bool:
    """Whether the line's last word is one no sentence or heading ends with: it was wrapped.
    (Its last word by rsplit: a regex anchored at the end would be tried at every position.)"""
    words = text.rsplit(None, 1)
    return bool(words) and words[-1] in CONTINUING_WORDS


def join_broken_lines(lines: list[Line]) -> list[Line]:
    """Re-join words and sentences that a PDF or CMS broke over two lines.

    "Digitali-" + "sierung" -> "Digitalisierung" (also across dropped furniture, as at
    a PDF page break); "Bund-" + "Länder" -> "Bund-Länder" and "Hard-" + "und Software"
    -> "Hard- und Software" only for adjacent lines; a long line that stops mid-sentence
    and continues lowercase on the next line is joined with a space, as is a line of any
    length that ends in a word no sentence ends with ("Anträge sind bis zum" + "30. Juni …").
    """
    joined: list[Line] = []
    for line in lines:
        if not joined:
            joined.append(line)
            continue
        prev = joined[-1]
        adjacent = line.number == prev.number + 1
        hyphen = LINE_END_HYPHEN.search(prev.text) if prev.text.endswith("-") else None
        if hyphen:
            word = (hyphen.group("word") or "").lower()
            if adjacent and STARTS_COORDINATED.match(line.text):
                prev.append(line, separator_source=prev.line_break)
                continue
            if word and STARTS_LOWERCASE.match(line.text) and word not in HYPHENATED_LAND_PARTS:
                prev.delete([(len(prev.text) - 1, len(prev.text))])
                prev.append(line, separator_source=None)
                continue
            if adjacent and (STARTS_UPPERCASE_OR_DIGIT.match(line.text) or STARTS_LOWERCASE.match(line.text)):
                prev.append(line, separator_source=None)
                continue
        elif adjacent and (
            (len(prev.text) >= SOFT_WRAP_MIN_CHARS and STARTS_LOWERCASE.match(line.text)
             and not ENDS_SENTENCE.search(prev.text))
            or (ends_open(prev.text) and STARTS_RUNNING_TEXT.match(line.text)
                and not line.text.startswith(prev.text))  # a teaser cut off before its full text
        ):
            prev.append(line, separator_source=prev.line_break)
            continue
        joined.append(line)
    return joined


# ---------------------------------------------------------------------------
# Stage 6: repairs inside a line (each deletes its "drop" groups)
# ---------------------------------------------------------------------------

_UNIT_AHEAD = rf"(?=\s?(?:{flat_alternation(FIGURE_UNITS)})(?![^\W\d_]))"
_CURRENCY = rf"(?:{flat_alternation(PLAIN_CURRENCIES)})(?![^\W\d_])"

# "IT- Dienstleister" -> "IT-Dienstleister"; not "Hard- und Software", "Kinder- Jugend- und"
COMPOUND_HYPHEN_GAP = re.compile(
    rf"""(?<={LETTER})-(?P<drop>\ )
        (?!{_COORDINATED})             # Ergänzungsstrich: "Bundes- oder Landesmittel"
        (?={LETTER})                   # the second part is a word
        (?!{LETTER}*-[\s,])            # a chain of Ergänzungsstriche: "Kinder- Jugend- und"
    """,
    re.VERBOSE,
)
# "4, 2 Millionen" / "4 ,2 Prozent" -> "4,2 …"; a year ("2021, 3 Projekte") never matches,
# nor a counted list ("Phase 2, 3 Millionen Euro")
_AFTER_NO_COUNTER = "".join(f"(?<!{re.escape(word)} \\d)" for word in REPAIRS["counter_words"])
DECIMAL_COMMA_GAP = re.compile(
    rf"\d(?<![\d.,]\d){_AFTER_NO_COUNTER}\d{{0,2}}(?:\.\d{{3}})*(?P<drop_before>\ ?),(?P<drop_after>\ ?)\d{{1,2}}(?!\d){_UNIT_AHEAD}"
)
# "1. 000 Euro" -> "1.000 Euro"
THOUSANDS_GAP = re.compile(
    rf"\d(?<![\d.,]\d)\d{{0,2}}\.(?P<drop>\ )\d{{3}}(?:\.\d{{3}})*(?:,\d+)?(?!\d){_UNIT_AHEAD}"
)
# "16,89 Millionen. Euro" -> "16,89 Millionen Euro": a stray period between scale and currency
SCALE_WORD_PERIOD = re.compile(rf"\d\s?(?:{flat_alternation(FULL_SCALE_WORDS)})(?P<drop>\.)\s?{_CURRENCY}")
# "3,3 Mio.. Euro" -> "3,3 Mio. Euro": the abbreviation keeps its one period
SCALE_ABBREVIATION_PERIOD = re.compile(
    rf"\d\s?(?:{flat_alternation(ABBREVIATED_SCALE_WORDS)})\.(?P<drop>\.+)\s?{_CURRENCY}"
)
# "… für Kommunen. (Foto: Staatskanzlei)": a credit trailing a caption
TRAILING_CREDIT = re.compile(
    rf"(?<=\S)(?P<drop>\s*\(\s*(?:{cue_alternation(FURNITURE['credit_cues'])}|©)\.?\s*:?[^()]*\))$", re.IGNORECASE
)
_FULL_SCALE_ENDINGS = "".join(sorted({word[-1] for word in FULL_SCALE_WORDS}))

#: Inline repairs in the order they run, each with a pre-test: a pattern that finds something
#: in every line where the repair would delete anything, and opens with literal text that the
#: regex engine finds with a fast scan. Kept speed trick (saves ~0.14 s/MB, 29 % of the
#: pipeline, against running every repair over every line): the pre-tests run once over the
#: whole text, and each repair only on the lines where its pre-test finds something.
#: - decimal_comma_gap deletes only a space before the comma (" ,") or after it (", 5");
#: - thousands_gap always deletes the space of ". 000";
#: - scale_word_period deletes the "." after a full scale word and before the currency;
#: - scale_abbreviation_period deletes the second "." of "Mio.. Euro";
#: - compound_hyphen_gap deletes the space of "- " between two letters;
#: - trailing_credit is anchored at the line end, after a ")".
#: The pre-tests are multiline, so that they can run over all lines joined by "\n".
INLINE_REPAIRS = (
    ("compound_hyphen_gap", COMPOUND_HYPHEN_GAP, re.compile(rf"- (?<={LETTER}- )(?={LETTER})")),
    ("decimal_comma_gap", DECIMAL_COMMA_GAP, re.compile(r",(?:(?<= ,)| \d)")),
    ("thousands_gap", THOUSANDS_GAP, re.compile(r"\. \d\d\d")),
    ("scale_word_period", SCALE_WORD_PERIOD, re.compile(rf"\.(?<=[{_FULL_SCALE_ENDINGS}]\.)\s?{_CURRENCY}")),
    ("scale_abbreviation_period", SCALE_ABBREVIATION_PERIOD, re.compile(r"\.\.")),
    ("trailing_credit", TRAILING_CREDIT, re.compile(r"\)$", re.MULTILINE)),
)


def repair_inline(lines: list[Line]) -> list[Line]:
    """Apply INLINE_REPAIRS in order, each to the lines its pre-test finds in the text."""
    # A line skipped here fails its pre-test after the earlier repairs too: those only delete
    # a character that comes before a kept one (so a line's last character stays), and the
    # characters a deletion brings together open no later pre-test's match. A hit lies in the
    # line where it starts (one running on into the next line, as "Millionen.\nEuro", only
    # adds a line that its repair leaves as it is). Repairs run one after another over their
    # lines: a repair reads only its own line, so each line sees them in the same order.
    joined = "\n".join([line.text for line in lines])
    line_starts = []
    pos = 0
    for line in lines:
        line_starts.append(pos)
        pos += len(line.text) + 1
    last = len(lines) - 1
    for _name, pattern, needed in INLINE_REPAIRS:
        hit = needed.search(joined)
        while hit is not None:
            k = bisect_right(line_starts, hit.start()) - 1
            drop_matches(lines[k], pattern)
            hit = needed.search(joined, line_starts[k + 1]) if k < last else None
    return [line for line in lines if line.text]
