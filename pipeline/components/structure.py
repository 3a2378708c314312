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
HEADING_MAX_WORDS = 16
HEADING_MAX_CHARS = 140
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


def is_heading_line(line: str, next_line: str | None) -> bool:
    """A short line without final punctuation, followed by more text, is a heading."""
    text = line.strip()
    if not text or next_line is None or LIST_ITEM.match(text):
        return False
    if len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    return not HEADING_END.search(text)


@Language.factory("de_sections", assigns=["doc._.headings"])
def make_sections(nlp: Language, name: str):
    return SectionFinder(nlp, name)


class SectionFinder(RuleComponent):
    """Find heading lines; each heading opens a section that runs to the next heading."""

    def load_data(self) -> dict:
        return {"generic_headings": read_lexicon("programmes")["generic_headings"]}

    def __call__(self, doc: Doc) -> Doc:
        lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(doc.text)]
        headings = []
        for i, (start, end, text) in enumerate(lines):
            nxt = lines[i + 1][2] if i + 1 < len(lines) else None
            if is_heading_line(text, nxt):
                headings.append(Found("HEADING", start, end, text.strip()))
        doc._.headings = headings
        return doc
