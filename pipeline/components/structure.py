"""Sentence boundaries and section headings: the context a figure is read in.

Cleaned text has one paragraph, heading or list item per line, so a line break always
ends a sentence; inside a line, sentences end at ".", "!" or "?" before a capitalised
word, a digit or a quote (abbreviations like "max." or "Mio." are single tokens).
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .rules import Found, RuleComponent, doc_text, read_lexicon

SENTENCE_END = {".", "!", "?"}
OPENERS = set("„\"»‚'(")
LINE = re.compile(r"[^\n]+")
HEADING_END = re.compile(r"[.:;,!?…]\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-–•*·]|\d+\)|[a-z]\))\s")


@Language.factory("de_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return sentence_boundaries


def sentence_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts at line breaks and after sentence-final punctuation.

    The marks are collected first and set in one from_array call: spaCy's
    token.is_sent_start setter scans the whole doc on every call.
    """
    marks = []  # 1: starts a sentence, -1: does not (spaCy's SENT_START values)
    start_next = True
    length = len(doc)
    for token in doc:
        if token.is_space and "\n" in token.text:
            marks.append(1 if token.i == 0 else -1)  # a line break closes the sentence before it
            start_next = True
            continue
        marks.append(1 if start_next else -1)
        start_next = False
        if token.text in SENTENCE_END and token.i + 1 < length:
            nxt = doc[token.i + 1]
            if not token.whitespace_ and not nxt.is_space:
                continue  # "Digital.Campus", "IT.NRW": no sentence end without a space
            if nxt.is_space or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in OPENERS:
                start_next = True
    if marks:
        doc.from_array([SENT_START], numpy.array(marks, dtype="int64").astype("uint64"))
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
        lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(doc_text(doc))]
        headings = []
        for i, (start, end, text) in enumerate(lines):
            nxt = lines[i + 1][2] if i + 1 < len(lines) else None
            if is_heading_line(text, nxt, self.max_words, self.max_chars):
                headings.append(Found("HEADING", start, end, text.strip()))
        doc._.headings = headings
        return doc
