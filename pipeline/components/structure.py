"""The doc scan (``de_scan``, first in the pipeline) and what it reads: sentence
boundaries and section headings, the context a figure is read in.

Cleaned text has one paragraph, heading or list item per line, so a line break always
ends a sentence; inside a line, sentences end at ".", "!" or "?" (and the closing quotes or
bracket after it) before a capitalised word, a digit or an opening quote. Abbreviations like
"max." or "Mio." are single tokens and end none; a year or date does ("bis 2024.", "bis zum
31.12.2024."), and a number after a noun does before a word no ordinal stands before ("Stufe 1.
Die …"), where an ordinal goes on ("am 3. Mai").
"""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import alternation, read_lexicon
from .context import DocScan, Found, Layout, doc_extension, set_doc_extensions
from .rules import RuleComponent, lower_same_length
from .scanning import SharedWords

HEADING_END = re.compile(r"[.:;,!?…]\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-–•*·]|\d+\)|[a-z]\))\s")


@Language.factory(
    "de_scan", assigns=["doc._.scan", "doc._.mentions", "doc._.refused", "token.is_sent_start"],
    default_config={"max_words": 16, "max_chars": 140},
)
def make_scan(nlp: Language, name: str, max_words: int, max_chars: int):
    """max_words, max_chars (int): the longest line still taken for a heading."""
    return DocScanner(nlp, name, max_words, max_chars)


class DocScanner(RuleComponent):
    """Builds each doc's DocScan, once, before any other component reads the doc.

    It holds the pipeline's ``SharedWords``: the other components register their word lists
    (and rule sets) with it when they compile, and the scan finds them all in one pass."""

    def __init__(self, nlp, name: str, max_words: int, max_chars: int):
        super().__init__(nlp, name)
        self.max_words, self.max_chars = max_words, max_chars
        self.words = SharedWords()

    def load_data(self) -> dict:
        # sentences and headings are found by shape, but for the words no ordinal stands before
        return {"sentence_openers": read_lexicon("cues")["sentence_openers"]}

    def compile(self):
        self.opens_sentence = re.compile(alternation(self.data["sentence_openers"]) + r"(?![\w\-])")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_extension(doc, "tokenized_text")
        if text is None:  # a doc not made by our tokenizer
            text = doc.text
        lower = lower_same_length(text)
        layout = Layout.of(text, sentence_boundaries(doc, text, self.opens_sentence),
                           find_headings(text, self.max_words, self.max_chars))
        scan = DocScan(text, lower, layout, self.words.find(lower), self.words)
        # the finders append to the scan's lists: these are the doc's mention lists
        set_doc_extensions(doc, scan=scan, mentions=scan.mentions, refused=scan.refused)
        return doc


# a sentence may end where ".", "!" or "?" is a token of its own (or a number's "."),
# followed by closing quotes or a bracket, a space and a capitalised word, a digit or an
# opening quote; a line break always ends one. Written as one character class first (not
# "[.!?](?=…)|\n"): re then skips to candidate characters with a fast charset scan instead
# of trying both branches at every position (half the time).
CLOSERS = "“”\"«»‘’')"  # German „…“ ‚…‘ »…«, English “…” and Swiss «…» quotes, a bracket
SENTENCE_END_AT = re.compile(r"[\n.!?](?:(?<=\n)|(?=[“”\"«»‘’')]*[ \t]+[A-ZÄÖÜ0-9„\"»‚'(]))")
# a token ending in a number's "." ("2024.", "31.12.2024.", "3."): a year's or a date's ends
# a sentence, an ordinal's ("am 3. Mai") only before a word no ordinal stands before
NUMBER_AT_END = re.compile(r"(?:\d{1,2}\.){0,2}\d+\.")
YEAR_AT_END = re.compile(r"(?:\d{1,2}\.){0,2}(?:19|20)\d\d\.")
# a school or budget year ("bis 2023/24."): the tokens "2023", "/" and "24."
SLASH_YEAR_AT_END = re.compile(r"(?:19|20)\d\d/\d\d\.")
# spaCy's SENT_START for "not a sentence start" (-1) as the uint64 from_array wants
NOT_START = numpy.uint64(2**64 - 1)


def sentence_boundaries(doc: Doc, text: str, opens_sentence: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Mark sentence starts at line breaks and after sentence-final punctuation; return
    the sentences' character spans (text is doc.text).

    Candidates come from one regex pass over the text; a period counts only where the
    tokenizer made it a token of its own, so abbreviations ("max.", "Mio.", "z. B.") never
    end a sentence, or where it ends a year's token ("2024."), or a number's after a noun
    before a word that opens_sentence matches (no ordinal stands before it: "Stufe 1.
    Die …"). Closing quotes and a bracket after the mark stay with the sentence they close.
    All marks are set in one from_array call (spaCy's is_sent_start setter scans the whole
    doc on every call).

    Only the tokens' IDX is read from the doc (a third of the cost of IDX, LENGTH and
    IS_SPACE); the rest follows from the text, because spaCy's tokenizer first cuts the text
    into maximal runs of whitespace and of non-whitespace (str.isspace) and every token lies
    inside one run (no special case of ours holds a space next to other characters):
    - a token is a space token iff its first character is whitespace;
    - a token ends where the next one starts (or the text ends), one character earlier if
      it is not a space token and that character is " ": spaCy's trailing space, the only
      character between tokens (tests/components/test_structure.py checks this);
    - a "." "!" or "?" token followed by a space, a tab or a closing quote is one character
      long, so the old LENGTH == 1 test always held once a token started there.
    """
    n = len(doc)
    if not n:
        return []
    idx = doc.to_array(IDX).tolist()
    starts = [0]
    begin = idx[0]  # character offset of the sentence being built (0)
    spans = []
    i = 0
    for m in SENTENCE_END_AT.finditer(text):
        p = m.start()
        i = bisect.bisect_left(idx, p, i)  # candidates come in order
        # a token must start there: a line break (its own token, or opening one), or a
        # period, "!" or "?" (then a token of its own, not "max." or "3."); or the period
        # ends a number's token ("2024.", "3.")
        own = i < n and idx[i] == p
        if not own and not (text[p] == "." and i and NUMBER_AT_END.fullmatch(text, idx[i - 1], p + 1)):
            continue
        q = p + 1
        if text[p] != "\n":
            while text[q] in CLOSERS:  # they close the sentence (the lookahead: a space follows)
                q += 1
        nxt = bisect.bisect_left(idx, q, i)
        while nxt < n and text[idx[nxt]].isspace():  # the sentence starts at the next non-space token
            nxt += 1
        if not own and not number_ends_sentence(text, idx, i, p, nxt, opens_sentence):
            continue  # an ordinal: "am 3. Mai", "die 2. Stufe", "und 2. Der Bau"
        if nxt < n and nxt > starts[-1]:
            starts.append(nxt)
            end = idx[nxt]
            if text[end - 1] == " " and not text[idx[nxt - 1]].isspace():
                end -= 1  # the last token's trailing space is not part of the sentence
            spans.append((begin, end))
            begin = idx[nxt]
    end = len(text)
    if text[end - 1] == " " and not text[idx[n - 1]].isspace():
        end -= 1
    spans.append((begin, end))
    marks = numpy.full(n, NOT_START)
    marks[starts] = 1
    doc.from_array([SENT_START], marks)
    return spans


def number_ends_sentence(text: str, idx: list[int], i: int, p: int, nxt: int,
                         opens_sentence: re.Pattern | None) -> bool:
    """Whether the number token i - 1, ending in the "." at p, ends its sentence (the next
    starts with token nxt): a year or date ("bis 2024.", "31.12.2024."), a school or budget
    year ("2023/24.": three tokens), or a number after a noun before a word no ordinal stands
    before ("Stufe 1. Die …")."""
    start = idx[i - 1]
    if YEAR_AT_END.fullmatch(text, start, p + 1):
        return True
    if i > 2 and idx[i - 3] == start - 5 and idx[i - 2] == start - 1 and SLASH_YEAR_AT_END.fullmatch(text, idx[i - 3], p + 1):
        return True
    return (opens_sentence is not None and nxt < len(idx) and opens_sentence.match(text, idx[nxt]) is not None
            and i > 1 and text[idx[i - 2]].isupper())  # after a noun ("Stufe 1."), not in a list


def is_heading_text(text: str, max_words: int = 16, max_chars: int = 140) -> bool:
    """Whether a line's stripped text has a heading's shape: short, not a list item, without
    final punctuation (a heading is also followed by more text). The cheapest test first:
    most lines are paragraphs, longer than max_chars."""
    return bool(text) and len(text) <= max_chars and not LIST_ITEM.match(text) \
        and len(text.split()) <= max_words and not HEADING_END.search(text)


def find_headings(text: str, max_words: int = 16, max_chars: int = 140) -> list[Found]:
    """The heading lines of text: a line of heading shape (is_heading_text) followed by more
    text opens a section. The lines come from str.split, several times faster than a regex
    over the lines; a blank line has no heading shape. The next line matters only by
    existing: the last line ends where the text's final line breaks begin."""
    last_end = len(text.rstrip("\n"))
    headings = []
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        line = raw.strip()
        if end != last_end and is_heading_text(line, max_words, max_chars):
            headings.append(Found("HEADING", start, end, line))
        start = end + 1
    return headings
