"""Stage 5: teasers for other articles dropped: dated teaser items, summaries ending in or
followed by a more-link ("mehr...", "weiterlesen"), and "Weitere Meldungen" boxes; and a
lead cut off before the paragraph that prints it in full."""

from __future__ import annotations

import re

from .lexicon import HEADLINE_MAX_CHARS, TEASERS, cue_alternation
from .lines import Line
from .repairs import ends_open

__all__ = ["drop_teasers"]

MORE_CUES = TEASERS["more_cues"]
TEASER_BOX_HEADINGS = TEASERS["box_headings"]

#: A teaser box ends at the first paragraph at least this long (longer than any teaser
#: summary: a box sits at the end of a page, or the article resumes with a real paragraph).
TEASER_BOX_MAX_ITEM_CHARS = 400

_DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})"
_MORE_ARROW = r"(?:\.{2,}|…|»|›|→|>)"  # the ellipsis or arrow after a more-link

# "Weitere Meldungen", "Das könnte Sie auch interessieren:"
TEASER_BOX_HEADING = re.compile(rf"^{cue_alternation(TEASER_BOX_HEADINGS)}\s*:?$", re.IGNORECASE)
# "Lesen Sie auch: Kreis erhält 22 Millionen Euro": a one-line teaser under a box cue
TEASER_REFERENCE_LINE = re.compile(
    rf"^{cue_alternation(TEASER_BOX_HEADINGS)}\s*:\s*\S.{{0,{HEADLINE_MAX_CHARS}}}$", re.IGNORECASE
)
# a summary that ends in a more-link: "… mehr...", "… weiterlesen", "… [mehr]"
ENDS_WITH_MORE = re.compile(
    rf"""(?:^|\s)(?:
        \[?mehr\]?\s*{_MORE_ARROW}\]?     # "mehr..." needs its ellipsis or arrow
      | \[mehr\]
      | {cue_alternation(MORE_CUES)}\s*{_MORE_ARROW}?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# a line that is only a more-link
MORE_LINE = re.compile(
    rf"^(?:\[?mehr\]?\s*{_MORE_ARROW}?|{cue_alternation(MORE_CUES)}\s*{_MORE_ARROW}?)$", re.IGNORECASE
)
# "[07.02.2025] summary": the news-list form of a dated item
BRACKETED_DATED_LINE = re.compile(rf"^\[{_DATE}\]\s*\S")
# "07.02.2025 – summary", "07.02.2025 | summary"
DASHED_DATED_LINE = re.compile(rf"^{_DATE}\s*[–—|-]\s*\S")
# a date alone on a line: "07.02.2025", "[07.02.2025]"
DATE_ONLY_LINE = re.compile(rf"^\[?{_DATE}\]?\s*[–—|-]?$")
# a line ending in a clause mark is a sentence, not a headline ("?" and "!" headlines exist)
ENDS_CLAUSE = re.compile(r"[.;,:]$")


def is_headline(text: str) -> bool:
    """A short line that does not end like a sentence: a heading or a teaser's headline."""
    return len(text) <= HEADLINE_MAX_CHARS and not ENDS_CLAUSE.search(text)


def is_cut_off_copy(text: str, following: str) -> bool:
    """Whether the line is the start of the next one, cut off: a page's lead or teaser
    printed before the paragraph that holds it in full. A headline that the first sentence
    repeats ("Land fördert Dorfläden" + "Land fördert Dorfläden mit …") stays, unless it
    stops at a word no heading ends with ("… eine Verdoppelung der")."""
    return len(following) > len(text) and following.startswith(text) and (
        not is_headline(text) or ends_open(text))


def _is_dated_summary(text: str) -> bool:
    """A line opening with a date and going on as a sentence, as in news lists."""
    return bool(BRACKETED_DATED_LINE.match(text) or DASHED_DATED_LINE.match(text)) and len(text) >= 40


#: The last character of every line ENDS_WITH_MORE finds, but for the "." of a "..": an
#: ellipsis, arrow or bracket, or the last letter of a more-cue (re.IGNORECASE folds no other
#: character to these). Lines never end in a space (stage 1 strips it).
MORE_LINK_ENDINGS = "…»›→>]nNlL"
if not {cue[-1].lower() for cue in MORE_CUES} <= set(MORE_LINK_ENDINGS):
    raise ValueError("teasers.more_cues: a cue ends in a letter missing from MORE_LINK_ENDINGS")


def may_be_teaser_item(text: str) -> bool:
    """False for a line _is_teaser_item rejects by its first or last characters alone.

    Kept speed trick (saves ~0.034 s/MB, 7 % of the pipeline, against testing every line):
    a teaser item ends in a more-link (over 20 characters, ending in one of
    MORE_LINK_ENDINGS or "..") or opens with a date (40 characters or more, opening with "["
    or a digit: \\d is exactly str.isdecimal); most lines do neither.
    """
    size = len(text)
    return (size > 20 and (text[-1] in MORE_LINK_ENDINGS or text[-2:] == "..")) or (
        size >= 40 and (text[0] == "[" or text[0].isdecimal())
    )


def _is_teaser_item(lines: list[Line], i: int) -> bool:
    """Whether line i is the summary of a teaser for another article.

    A summary ending in a more-link is a teaser. A dated summary ("[07.02.2025] …",
    "07.02.2025 – …") is one only inside a list: another dated summary two lines away
    with a headline between. An article's own dated lead stands alone and stays.
    """
    text = lines[i].text
    if len(text) > 20 and ENDS_WITH_MORE.search(text):
        return True
    if not _is_dated_summary(text):
        return False
    for step in (-2, 2):
        j = i + step
        if 0 <= j < len(lines) and _is_dated_summary(lines[j].text):
            if is_headline(lines[(i + j) // 2].text):
                return True
    return False


def drop_teasers(lines: list[Line]) -> list[Line]:
    """Drop teaser items with their headline, teaser boxes to their end, and cut-off copies
    of the next line.

    A box runs from its heading to the end of the document, or up to the first paragraph
    of TEASER_BOX_MAX_ITEM_CHARS or more that is no teaser item (the article resumes).
    """
    kept: list[Line] = []
    in_box = False
    for i, line in enumerate(lines):
        text = line.text
        if TEASER_BOX_HEADING.match(text):
            in_box = True
            continue
        if TEASER_REFERENCE_LINE.match(text):
            continue
        if i + 1 < len(lines) and is_cut_off_copy(text, lines[i + 1].text):
            continue
        teaser = may_be_teaser_item(text) and _is_teaser_item(lines, i)
        if in_box:
            if len(text) < TEASER_BOX_MAX_ITEM_CHARS or teaser:
                continue
            in_box = False
        if MORE_LINE.match(text):
            # "mehr..." under a summary: the summary and its headline are a teaser
            if not kept or len(kept[-1].text) >= TEASER_BOX_MAX_ITEM_CHARS:
                continue
            summary = kept.pop()
            if is_headline(summary.text):
                continue  # "Headline" + "mehr...": the headline was the whole teaser
            teaser = True
        if teaser:
            while kept and DATE_ONLY_LINE.match(kept[-1].text):
                kept.pop()
            if kept and is_headline(kept[-1].text):
                kept.pop()
            continue
        kept.append(line)
    return kept
