"""Sentence boundaries and section headings: the context a figure is read in.

Cleaned text has one paragraph, heading or list item per line, so a line break always
ends a sentence; inside a line, sentences end at ".", "!" or "?" before a capitalised
word, a digit or a quote (abbreviations like "max." or "Mio." are single tokens).
"""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .rules import Found, RuleComponent, doc_text

LINE = re.compile(r"[^\n]+")
HEADING_END = re.compile(r"[.:;,!?…]\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-–•*·]|\d+\)|[a-z]\))\s")


@Language.factory("de_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return sentence_boundaries


# a sentence may end where ".", "!" or "?" is a token of its own, followed by a space and a
# capitalised word, a digit or an opening quote; a line break always ends one
SENTENCE_END_AT = re.compile(r"[.!?](?=[ \t]+[A-ZÄÖÜ0-9„\"»‚'(])|\n")


def sentence_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts at line breaks and after sentence-final punctuation.

    Candidates come from one regex pass over the text; a period counts only where the
    tokenizer made it a token of its own, so abbreviations ("max.", "Mio.", "z. B.") never
    end a sentence. All marks are set in one from_array call (spaCy's is_sent_start setter
    scans the whole doc on every call). The sentences' character spans are kept on the doc
    for the components after this one.
    """
    if not len(doc):
        return doc
    text = doc_text(doc)
    table = doc.to_array([IDX, LENGTH, IS_SPACE])
    idx, lengths, spaces = (column.tolist() for column in table.T)
    n = len(idx)
    starts = [0]
    for m in SENTENCE_END_AT.finditer(text):
        i = bisect.bisect_left(idx, m.start())
        # a token must start there: a line break (its own token, or opening one), or a
        # period, "!" or "?" that is a whole token (not "max." or "3.")
        if i >= n or idx[i] != m.start() or (m.group() != "\n" and lengths[i] != 1):
            continue
        nxt = i + 1
        while nxt < n and spaces[nxt]:  # the sentence starts at the next non-space token
            nxt += 1
        if nxt < n and nxt > starts[-1]:
            starts.append(nxt)
    marks = numpy.full(n, -1, dtype="int64")
    marks[starts] = 1
    doc.from_array([SENT_START], marks.astype("uint64"))
    ends = starts[1:] + [n]
    doc._.sent_spans = [(idx[a], idx[b - 1] + lengths[b - 1]) for a, b in zip(starts, ends)]
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
        return {}  # headings are found by shape alone

    def __call__(self, doc: Doc) -> Doc:
        lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(doc_text(doc))]
        headings = []
        for i, (start, end, text) in enumerate(lines):
            nxt = lines[i + 1][2] if i + 1 < len(lines) else None
            if is_heading_line(text, nxt, self.max_words, self.max_chars):
                headings.append(Found("HEADING", start, end, text.strip()))
        doc._.headings = headings
        return doc
