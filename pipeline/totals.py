"""Which records count in totals, and why the others do not (the in_totals columns).

A sum over every amount of an article adds things that are not money spent: the bound of a
range (both ends of "20.000 bis 50.000 Euro"), a figure per unit ("1,20 Euro pro
Einwohner"), a percentage, and the headline figure again where the body repeats it. One
rule, applied to each document's records in order, says which records a total may add:

1. ``percent``: a funding rate or an own share (schema kinds other than ``amount``);
2. ``per_unit``: an amount per something (``per`` is not empty);
3. ``range_bound``: an end of a range. The schema writes a range as two records, the lower
   bound ``at_least`` and the upper ``up_to`` (§1); they are read here as a record
   ``at_least`` followed directly by one ``up_to`` of the same kind in the same sentence,
   at most RANGE_GAP_CHARS apart ("mindestens 5 … und höchstens 8 Mio. Euro" too);
4. ``change``: the first figure of a change, "von 5 auf 8 Mio. Euro" (the old level) or
   "um 3 auf 8 Mio. Euro" (the increase): the new level after "auf" is what there is. Read
   from the two records' figures as written (their MONEY mentions) in their sentence, so
   only where the mentions are at hand;
5. ``part``: a part of the amount before it, "84 Mio. Euro, davon 43 Mio. Euro für …",
   "Davon entfallen 30 Mio. Euro auf …" (a part word of records.yaml's part_of_previous at
   most five words before the figure, no comma between, after an amount in its sentence or
   at most PART_GAP_CHARS before it), and the amounts after a part in its sentence ("… auf
   Schulen, 20 Mio. Euro auf Kitas"), up to a ";" or a word that adds ("weitere",
   "insgesamt": records.yaml's adding_words). Read from the figures as written, as a change;
6. ``restatement``: the same kind, value, land and programme as a record counted before
   it in the same document (the headline figure repeated in the body).

The first reason that applies is the one given; a record with none counts.
The rule reads records (and, for a change or a part, the mentions of their figures), so
it applies to any records.csv, gold included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .lexicon import read_lexicon
from .schema import Record

PERCENT = "percent"
PER_UNIT = "per_unit"
RANGE_BOUND = "range_bound"
CHANGE = "change"
PART = "part"
RESTATEMENT = "restatement"
NOT_COUNTED_REASONS = (PERCENT, PER_UNIT, RANGE_BOUND, CHANGE, PART, RESTATEMENT)  # in the order they are tried
COUNTED_KIND = "amount"
# Source characters between a range's two figures: "bis zu", "und höchstens", a dash.
RANGE_GAP_CHARS = 30
# Source characters from an amount to a part of it in the next sentence ("Davon …").
PART_GAP_CHARS = 300
WORDS = read_lexicon("records")  # part_of_previous, change_from, change_to, adding_words
# a part word and at most five words before the figure, no comma or clause mark between
PART_BEFORE = re.compile(rf"(?<!\w)(?:{'|'.join(WORDS['part_of_previous'])})(?:\s+[^\s,;:]+){{0,5}}\s+$",
                         re.IGNORECASE)
# what ends a run of parts in a sentence: a ";" or a word that adds to the whole
PARTS_END = re.compile(rf";|(?<!\w)(?:{'|'.join(WORDS['adding_words'])})(?!\w)", re.IGNORECASE)
CHANGE_FROM, CHANGE_TO = "|".join(WORDS["change_from"]), "|".join(WORDS["change_to"])

FigureKey = tuple[str, Decimal, str, str]  # kind, value, land, programme


def figure_key(record: Record) -> FigureKey:
    """What makes two records the same figure for a total (values compared as numbers)."""
    return record.kind, Decimal(str(record.value)), record.land, record.programme


def is_range_pair(lower: Record, upper: Record) -> bool:
    """Whether two records in document order are the two ends of one range."""
    return (lower.qualifier == "at_least" and upper.qualifier == "up_to" and lower.kind == upper.kind
            and lower.evidence == upper.evidence and 0 <= upper.start - lower.end <= RANGE_GAP_CHARS)


def range_bounds(records: Sequence[Record]) -> set[int]:
    """Indexes of the records (in document order) that are a range's lower or upper bound."""
    bounds: set[int] = set()
    for i in range(len(records) - 1):
        if is_range_pair(records[i], records[i + 1]):
            bounds.update((i, i + 1))
    return bounds


def as_written(text: str) -> str:
    """A regex for the text with any run of spaces where it has one (the evidence is cleaned)."""
    return r"\s+".join(map(re.escape, text.split()))


def figure_texts(mentions: Sequence) -> dict[tuple[int, int], str]:
    """The MONEY figures as written, by their span: a record's figure is the one at its span."""
    return {(m.start, m.end): m.text for m in mentions if m.label == "MONEY"}


def change_starts(records: Sequence[Record], texts: dict[tuple[int, int], str]) -> set[int]:
    """Indexes of the records (in document order) that open a change "von X auf Y" or "um
    X auf Y" with the next record, found by the figures' texts in their sentence."""
    starts: set[int] = set()
    for i in range(len(records) - 1):
        first, then = records[i], records[i + 1]
        if first.kind != then.kind or first.evidence != then.evidence:
            continue
        old, new = texts.get((first.start, first.end)), texts.get((then.start, then.end))
        if not (old and new):
            continue
        change = rf"(?<!\w)(?:{CHANGE_FROM})\s+{as_written(old)}\s+(?:{CHANGE_TO})\s+{as_written(new)}"
        if re.search(change, first.evidence, re.IGNORECASE):
            starts.add(i)
    return starts


def part_records(records: Sequence[Record], texts: dict[tuple[int, int], str]) -> set[int]:
    """Indexes of the amounts (in document order) that are a part of the amount before them
    (see the module docstring), their figures found in their sentence by their texts."""
    parts: set[int] = set()
    whole_before, place = None, (0, 0)  # the last amount read and where its figure is in its sentence
    for i, record in enumerate(records):
        text = texts.get((record.start, record.end))
        if record.kind != COUNTED_KIND or text is None:
            continue
        previous = whole_before if whole_before is not None and records[whole_before].evidence == record.evidence else None
        cursor = 0 if previous is None else place[1]
        found = re.compile(as_written(text)).search(record.evidence, cursor)
        if found is None:
            whole_before = None
            continue
        before = record.evidence[cursor:found.start()]
        if previous is not None:
            part = (previous in parts and not PARTS_END.search(before)) or bool(PART_BEFORE.search(before))
        else:
            part = (whole_before is not None and record.start - records[whole_before].end <= PART_GAP_CHARS
                    and bool(PART_BEFORE.search(before)))
        if part:
            parts.add(i)
        whole_before, place = i, found.span()
    return parts


def not_counted_reason(record: Record, counted_before: set[FigureKey], range_bound: bool = False,
                       change: bool = False, part: bool = False) -> str:
    """Why the record does not count in totals ("" when it does); counted_before holds the
    figure keys of the records counted before it in its document."""
    if record.kind != COUNTED_KIND:
        return PERCENT
    if record.per:
        return PER_UNIT
    if range_bound:
        return RANGE_BOUND
    if change:
        return CHANGE
    if part:
        return PART
    if figure_key(record) in counted_before:
        return RESTATEMENT
    return ""


def not_counted_reasons(records: Sequence[Record], mentions: Sequence = ()) -> list[str]:
    """The reason of each of one document's records (in document order), "" for counted
    ones; mentions: the document's, where a change's first figure is read (none: no change
    is found)."""
    bounds = range_bounds(records)
    texts = figure_texts(mentions)
    changes, parts = change_starts(records, texts), part_records(records, texts)
    counted: set[FigureKey] = set()
    reasons = []
    for i, record in enumerate(records):
        reason = not_counted_reason(record, counted, i in bounds, i in changes, i in parts)
        if not reason:
            counted.add(figure_key(record))
        reasons.append(reason)
    return reasons


# The two columns written after each record's own (records.csv, the records sheet):
# in_totals 1 or 0, so that a spreadsheet's SUMPRODUCT(value; in_totals) is the total, and
# not_in_totals the reason, empty where the record counts.
TOTALS_COLUMNS = ("in_totals", "not_in_totals")


def totals_cells(reason: str) -> tuple[int, str]:
    """A record's values of TOTALS_COLUMNS, from its not-counted reason."""
    return (0 if reason else 1), reason
