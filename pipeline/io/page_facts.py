"""What an input says of itself, for sources.csv: title, date, URL, site name, dateline.

HTML: trafilatura's metadata, read from the tree that reading parsed once for the main
text too. Plain text: the first line as the title when it reads as a heading, and the
dateline (io/dateline.py). These are the page's own statements, unchecked; nothing in
the records depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dateline import HEAD_LINES, find_dateline

MAX_TITLE_CHARS = 200
SENTENCE_ENDS = (".", ":", ",", ";")


@dataclass(frozen=True)
class PageFacts:
    """title, date (ISO, as precise as stated), url, sitename: as the page states them;
    dateline: a text's opening dateline as written ("Kiel, 28. Februar 2024")."""

    title: str = ""
    date: str = ""
    url: str = ""
    sitename: str = ""
    dateline: str = ""


NO_FACTS = PageFacts()


def html_page_facts(tree) -> PageFacts:
    """trafilatura's metadata of a parsed page; NO_FACTS when it cannot read them (they are
    a description of the page, and a page is still read without one)."""
    from trafilatura.metadata import extract_metadata

    try:
        meta = extract_metadata(tree)
    except Exception:  # htmldate and the meta readers raise many kinds on odd pages
        return NO_FACTS
    return PageFacts(title=meta.title or "", date=meta.date or "", url=meta.url or "",
                     sitename=meta.sitename or "")


def text_title(text: str) -> str:
    """The first non-empty line (a Markdown heading's "#" dropped), when it reads as a heading:
    short, and not ending like a sentence or a clause.

    >>> text_title("\\n# Land fördert Dorfläden\\n\\nDas Land …"), text_title("Das Land fördert Dorfläden.\\n")
    ('Land fördert Dorfläden', '')
    """
    for line in text.split("\n", HEAD_LINES)[:HEAD_LINES]:
        first = line.strip().lstrip("#").strip()
        if first:
            return "" if len(first) > MAX_TITLE_CHARS or first.endswith(SENTENCE_ENDS) else first
    return ""


def text_page_facts(text: str) -> PageFacts:
    """Title and dateline of a plain-text article (also a PDF's text)."""
    dateline, date = find_dateline(text)
    title = text_title(text)
    return PageFacts(title="" if title == dateline else title, date=date, dateline=dateline)
