"""What the components read of a doc: its scan, built once by ``de_scan``, and its mentions.

A document flows one way through the pipeline: the tokenizer keeps the text it was given
(``doc._.tokenized_text``); ``de_scan``, the first component, builds the doc's ``DocScan``
(``doc._.scan``): the text, its lower-cased copy, the sentence and section layout and where
the words of every component's lists occur; the finders read it and append their typed
mentions (``Found``) to its mention lists, which are ``doc._.mentions`` and ``doc._.refused``
themselves; ``de_records`` reads the scan and writes the results. Nothing else is kept per
document.

Speed: every ``doc._`` builds a spaCy ``Underscore`` view (about 10k instructions), and a
look-up through it costs as much again; a component reads the doc's scan once a call and
reaches the mention lists through it (not ``doc._`` again), and several extensions are read
or set through one view (``doc_extensions``, ``set_doc_extensions``). A doc made ~19
accesses fewer (33 -> 14), about 0.07 ms of a one-sentence doc's 0.35 ms. Reads go through
the view's ``get``: ``getattr`` first looks the name up on the view itself and formats an
AttributeError before spaCy's ``__getattr__`` is asked (a quarter of a read).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc


@dataclass
class Found:
    """One mention found by a rule, in cleaned-text character offsets."""

    label: str
    start: int
    end: int
    text: str
    value: str = ""
    rule: str = ""
    attrs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """Sentence and section boundaries of a doc, for fast offset look-ups."""

    text: str
    sent_starts: list[int]
    sent_ends: list[int]
    headings: list[Found]  # HEADING lines, in order; each opens a section
    heading_starts: list[int]

    @classmethod
    def of(cls, text: str, sentences: list[tuple[int, int]], headings: list[Found]) -> "Layout":
        return cls(text, [s for s, _ in sentences], [e for _, e in sentences], headings, [h.start for h in headings])

    def sentence(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sent_starts, offset) - 1)
        return self.sent_starts[i], self.sent_ends[i]

    def heading_index(self, offset: int) -> int:
        """Index of the last heading at or before offset, -1 if none."""
        return bisect.bisect_right(self.heading_starts, offset) - 1

    def section(self, offset: int) -> tuple[int, int]:
        """Span of the section (heading line included) holding offset."""
        i = self.heading_index(offset)
        start = self.headings[i].start if i >= 0 else 0
        end = self.headings[i + 1].start if i + 1 < len(self.headings) else len(self.text)
        return start, end


@dataclass(frozen=True)
class DocScan:
    """One doc as the components read it, built once by ``de_scan``.

    ``words`` maps each word list registered with the pipeline's ``SharedWords`` (by its
    key) to the sorted starts of its words in ``lower``. ``derived`` holds what the rule
    sets work out from these on first need and share for this doc (a gate's lines, where a
    kind of rule may start): each entry a function of the text and its key alone, so a
    cache, not state. ``mentions`` and ``refused`` are the lists the finders append their
    mentions and refused figures to (de_scan makes them ``doc._.mentions`` and
    ``doc._.refused``): with ``derived``, the parts that change after the scan is built.
    """

    text: str
    lower: str  # text.lower(), offset for offset (lower_same_length)
    layout: Layout
    words: dict[str, list[int]]
    shared: object  # the SharedWords that found words (de_scan's)
    derived: dict = field(default_factory=dict, compare=False, repr=False)
    mentions: list[Found] = field(default_factory=list, compare=False, repr=False)
    refused: list[Found] = field(default_factory=list, compare=False, repr=False)

    def words_for(self, shared) -> dict[str, list[int]] | None:
        """``words`` for a component whose lists are in ``shared``; None for one that is not
        one of this pipeline's components (it finds its words itself)."""
        return self.words if shared is self.shared else None


for _name in ("scan", "mentions", "refused", "tokenized_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _scan_view(name: str, attribute: str):
    """A read-only extension showing part of the doc's layout (None without a scan).
    Setting it to None, which de_records does to drop a doc's working data, is a no-op:
    the scan goes with forget_work."""

    def get(doc: Doc):
        scan = doc._.scan
        return None if scan is None else attribute_of(scan.layout, attribute)

    def set_(doc: Doc, value) -> None:
        if value is not None:
            raise AttributeError(f"doc._.{name} is read from doc._.scan; it cannot be set")

    if not Doc.has_extension(name):
        Doc.set_extension(name, getter=get, setter=set_)


def attribute_of(layout: Layout, attribute: str):
    if attribute == "sent_spans":
        return list(zip(layout.sent_starts, layout.sent_ends))
    return getattr(layout, attribute)


_scan_view("headings", "headings")
_scan_view("sent_spans", "sent_spans")


def scan_of(doc: Doc) -> DocScan:
    """doc._.scan; a doc that did not pass de_scan has none, which is an error to read."""
    scan = doc_extension(doc, "scan")
    if scan is None:
        raise ValueError("the doc has no scan: de_scan must run before the other components")
    return scan


def doc_extension(doc: Doc, name: str):
    """doc._.<name>."""
    return doc._.get(name)


def doc_extensions(doc: Doc, *names: str) -> tuple:
    """doc._.<name> for each name, read through one doc._ view (each doc._ builds one)."""
    view = doc._
    return tuple(view.get(name) for name in names)


def set_doc_extension(doc: Doc, name: str, value) -> None:
    """doc._.<name> = value."""
    setattr(doc._, name, value)


def set_doc_extensions(doc: Doc, **values) -> None:
    """doc._.<name> = value for each, set through one doc._ view."""
    view = doc._
    for name, value in values.items():
        setattr(view, name, value)


def forget_work(doc: Doc) -> None:
    """Drop the doc's scan and kept text before it leaves the pipeline (not shipped between
    processes); its mentions and results stay."""
    set_doc_extensions(doc, scan=None, tokenized_text=None)
