"""Sentence boundaries and section headings: the context a figure is read in.

Cleaned text has one paragraph, heading or list item per line, so a line break always
ends a sentence; inside a line, sentences end at ".", "!" or "?" before a capitalised
word, a digit or a quote (abbreviations like "max." or "Mio." are single tokens).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .rules import Found, RuleComponent, read_lexicon

SENTENCE_END = {".", "!", "?"}
OPENERS = set("„\"»‚'(")
LINE = re.compile(r"[^\n]+")
HEADING_END = re.compile(r"[.:;,!?…]\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-–•*·]|\d+\)|[a-z]\))\s")


@Language.factory("de_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return sentence_boundaries


def sentence_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts at line breaks and after sentence-final punctuation."""
    start_next = True
    for token in doc:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = token.i == 0  # a line break closes the sentence before it
            start_next = True
            continue
        if start_next:
            token.is_sent_start = True
            start_next = False
        else:
            token.is_sent_start = False
        if token.text in SENTENCE_END and token.i + 1 < len(doc):
            nxt = doc[token.i + 1]
            if not token.whitespace_ and not nxt.is_space:
                continue  # "Digital.Campus", "IT.NRW": no sentence end without a space
            if nxt.is_space or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in OPENERS:
                start_next = True
    return doc


def is_heading_line(line: str, next_line: str | None, max_words: int = 16, max_chars: int = 140) -> bool:
    """A short line without final punctuation, followed by more text, is a heading."""
    text = line.strip()
    if not text or next_line is None or LIST_ITEM.match(text):
        return False
    if len(text) > max_chars or len(text.split()) > max_words:
        return False
    return not HEADING_END.search(text)


@Language.factory("de_sections", assigns=["doc._.headings"], default_config={"max_words": 16, "max_chars": 140})
def make_sections(nlp: Language, name: str, max_words: int, max_chars: int):
    """max_words, max_chars (int): the longest line still taken for a heading."""
    return SectionFinder(nlp, name, max_words, max_chars)


class SectionFinder(RuleComponent):
    """Find heading lines; each heading opens a section that runs to the next heading."""

    def __init__(self, nlp, name: str, max_words: int, max_chars: int):
        super().__init__(nlp, name)
        self.max_words, self.max_chars = max_words, max_chars

    def load_data(self) -> dict:
        return {"generic_headings": read_lexicon("programmes")["generic_headings"]}

    def __call__(self, doc: Doc) -> Doc:
        lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(doc.text)]
        headings = []
        for i, (start, end, text) in enumerate(lines):
            nxt = lines[i + 1][2] if i + 1 < len(lines) else None
            if is_heading_line(text, nxt, self.max_words, self.max_chars):
                headings.append(Found("HEADING", start, end, text.strip()))
        doc._.headings = headings
        return doc
