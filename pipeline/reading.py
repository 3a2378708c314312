"""Read one input file into its source text (schema §5: offsets refer to this text)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import trafilatura

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


class InputError(Exception):
    """A file that cannot be read as an article; the message names file and problem."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class Source:
    doc_id: str
    path: str
    text: str
    is_html: bool


def html_main_text(html: str) -> str:
    """Main text of an HTML page as trafilatura extracts it; the HTML's source text."""
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    return text or ""


def read_source(path) -> Source:
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    is_html = path.suffix.lower() in HTML_SUFFIXES
    if is_html:
        text = html_main_text(text)
    return Source(doc_id=path.stem, path=str(path), text=text, is_html=is_html)
