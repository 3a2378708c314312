"""Amounts whose currency is not beside the number: grant tables and bare list items.

Real articles list grants as a table under a header that names the money once
("Antragsteller / Bewilligte Zuwendung", "Kommune / Einwohner / Betrag in Euro") and then
give rows "Landkreis Nordheide 1.234.567,89", or, where the page's table was flattened, one
cell a line (name, then its numbers). Only the column under the money header holds amounts:
a count column (Einwohner, Anzahl) never does. A row whose number is in the German cents
format ("1.234.567,89") is money even without such a header. And in a list of grants a
single item may drop the currency its neighbours state ("A 600.000 Euro, B 300.000,
C 700.000 Euro"). Schema §7 "Grant lists and tables": each such number is an amount; its
per is empty. The header and count words are data (cues.yaml, ``table_*``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from ..normalize.bounds import ValueOutOfRange, check_euros
from ..normalize.money import money_value
from ..normalize.numbers import parse_number
from ..schema import format_value
from .context import Found

# a number as a table cell prints it: grouped thousands, optional cents, or plain digits
# (a count, or an amount where the header places it in a money column)
TABLE_NUMBER = r"(?:\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d{2})?|\d+,\d{2}|\d+)(?:,-{1,2}|,–)?"
CENTS = re.compile(r"\d{1,3}(?:[.\u00a0 ]\d{3})+,\d{2}$")
NUMBER_LINE = re.compile(TABLE_NUMBER)
# a row on one line: a name (it starts with a letter, holds no digit-led word and no
# sentence punctuation) and one or more numbers at the end
INLINE_ROW = re.compile(
    rf"(?P<name>[A-ZÄÖÜa-zäöüß][^\n\d:;!?]{{0,80}}?)\s+(?P<numbers>{TABLE_NUMBER}(?:\s+{TABLE_NUMBER})*)"
)
NUMBER_IN_ROW = re.compile(TABLE_NUMBER)
# a list item's amount is written with grouped thousands ("300.000", "300 000")
LIST_NUMBER = r"\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d{2})?"
# how every LIST_NUMBER begins (at most 7 characters), and what no list item's text holds
# between the amount before it and its own number
GROUPED = re.compile(r"\d{1,3}[.\u00a0 ]\d{3}")
GROUPED_CHARS = 7
NUMBER_CHARS = re.compile(r"[\d.,\u00a0 ]*")  # what a LIST_NUMBER is made of
ITEM_BREAK = re.compile(r"[.;:\n]")
NAME_LINE = re.compile(r"[A-ZÄÖÜ][^\n\d:;!?]{0,80}")
SENTENCE_END = re.compile(r"[.:;!?]$")
LINE_ENDS_IN_DIGIT = re.compile(r"\d[ \t]*(?:\n|$)")
MAX_NAME_WORDS = 8
LIST_ITEM_REACH = 60  # a list item's number is at most this far from the amounts beside it
MAX_HEADER_CELLS = 6
TABLE_RULE = "money-table-row"
LIST_RULE = "money-list-item"


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped
    offset: int  # where the stripped text starts


@dataclass
class Row:
    numbers: list[tuple[int, int, str]]  # (start, end, text) of each number in the row


class GrantTables:
    """Finds table and list amounts in a text, given the amounts already found in it."""

    def __init__(self, cues: dict, fragments: dict[str, str]):
        def words(key: str) -> re.Pattern:
            return re.compile(r"(?<![\w€])(?:" + "|".join(cues[key]) + r")(?![\w])", re.IGNORECASE)

        self.money_words = words("table_money_headers")
        self.count_words = words("table_count_headers")
        self.currency = re.compile(rf"(?:{fragments['SCALE']}\s*)?{fragments['CUR']}")
        self.list_item = re.compile(
            rf"(?:,|\bund)\s+[A-ZÄÖÜ][\w\-]*(?:\s+[\w\-()]+){{0,4}}?\s+(?P<num>{LIST_NUMBER})(?=\s*(?:,|\bund\b|\.|;|$))",
            re.MULTILINE,
        )

    # ---- tables ---------------------------------------------------------------------------

    def find(self, text: str, money: list[Found], refused: list[Found] | None = None) -> list[Found]:
        """Amounts in tables and lists of text that no rule in ``money`` found; a cell that
        is out of bounds ("0" under "Zuwendung in Euro") goes to ``refused``, if given, with
        the reason in attrs["refused"]."""
        out_of_bounds: list[Found] = []
        found = self.list_amounts(text, money, out_of_bounds)
        if LINE_ENDS_IN_DIGIT.search(text):  # a table row ends in its number
            found += self.table_amounts(text, out_of_bounds)
        taken = [(f.start, f.end) for f in money]
        if refused is not None:
            refused.extend(out_of_bounds)
        return [f for f in found if not any(s < f.end and f.start < e for s, e in taken)]

    def table_amounts(self, text: str, out_of_bounds: list[Found]) -> list[Found]:
        lines = split_lines(text)
        found: list[Found] = []
        i = 0
        while i < len(lines):
            rows, next_i = self.rows_from(lines, i)
            if not rows:
                i += 1
                continue
            header = self.header_before(lines, i)
            columns = self.columns(header) if header else []
            factor = self.unit(header)
            money_columns = "money" in columns
            if not money_columns and len(rows) < 2:
                i = next_i
                continue
            for row in rows:
                for start, end, number in self.amounts_of(row, columns, money_columns):
                    value = parse_number(number)
                    if value is None:
                        continue
                    implicit = {"implicit": not self.currency.search(" ".join(line.text for line in header))}
                    try:
                        value = check_euros(value * factor)
                    except ValueOutOfRange as error:
                        out_of_bounds.append(Found("MONEY", start, end, number, "", TABLE_RULE,
                                                   implicit | {"refused": error.reason}))
                        continue
                    found.append(Found("MONEY", start, end, number, format_value(value), TABLE_RULE, implicit))
            i = next_i
        return found

    def rows_from(self, lines: list[Line], i: int) -> tuple[list[Row], int]:
        """The table rows that start at line i (inline or one cell a line), and the line after."""
        rows = []
        while i < len(lines):
            line = lines[i]
            m = INLINE_ROW.fullmatch(line.text)
            if m and not SENTENCE_END.search(m.group("name")) and len(m.group("name").split()) <= MAX_NAME_WORDS:
                base = line.offset + m.start("numbers")
                rows.append(Row([(base + n.start(), base + n.end(), n.group())
                                 for n in NUMBER_IN_ROW.finditer(m.group("numbers"))]))
                i += 1
                continue
            if NAME_LINE.fullmatch(line.text) and not SENTENCE_END.search(line.text) \
                    and len(line.text.split()) <= MAX_NAME_WORDS:
                j = i + 1
                cells = []
                while j < len(lines) and NUMBER_LINE.fullmatch(lines[j].text):
                    cells.append((lines[j].offset, lines[j].offset + len(lines[j].text), lines[j].text))
                    j += 1
                if cells:
                    rows.append(Row(cells))
                    i = j
                    continue
            break
        return rows, i

    def header_before(self, lines: list[Line], i: int) -> list[Line]:
        """The header cells right above line i (short lines without sentence punctuation),
        from the first that names money or a count; empty when none names money."""
        cells: list[Line] = []
        j = i - 1
        while j >= 0 and len(cells) < MAX_HEADER_CELLS:
            line = lines[j]
            if SENTENCE_END.search(line.text) or len(line.text.split()) > 12 or NUMBER_LINE.fullmatch(line.text):
                break
            cells.insert(0, line)
            j -= 1
        if not any(self.names_money(c.text) for c in cells):
            return []
        while not (self.names_money(cells[0].text) or self.count_words.search(cells[0].text)):
            cells.pop(0)  # a name column's header ("Kommune"), a heading above the table
        return cells

    def names_money(self, text: str) -> bool:
        return bool(self.money_words.search(text) or self.currency.search(text))

    def columns(self, header: list[Line]) -> list[str]:
        """The header's number columns in order, each "money" or "count"; adjacent words of
        one kind are one column ("Gesamtbetrag in Euro")."""
        kinds: list[str] = []
        for line in header:
            marks = sorted([(m.start(), "money") for m in self.money_words.finditer(line.text)]
                           + [(m.start(), "money") for m in self.currency.finditer(line.text)]
                           + [(m.start(), "count") for m in self.count_words.finditer(line.text)])
            for _, kind in marks:
                if not kinds or kinds[-1] != kind:
                    kinds.append(kind)
        return kinds

    def unit(self, header: list[Line]) -> Decimal:
        """What a number under the header is worth: "in Tsd. Euro" or "T€" multiplies."""
        for line in header:
            m = self.currency.search(line.text)
            if m:
                return money_value("1 " + m.group()) or Decimal(1)
        return Decimal(1)

    @staticmethod
    def amounts_of(row: Row, columns: list[str], money_columns: bool) -> list[tuple[int, int, str]]:
        """The numbers of a row that stand in a money column; without a header that places
        them, the ones in the cents format."""
        numbers = row.numbers
        if len(numbers) == len(columns):
            return [n for n, kind in zip(numbers, columns) if kind == "money"]
        if len(numbers) == 1 and money_columns and "count" not in columns:
            return numbers
        return [n for n in numbers if CENTS.search(n[2])]

    # ---- lists ----------------------------------------------------------------------------

    def list_amounts(self, text: str, money: list[Found], out_of_bounds: list[Found]) -> list[Found]:
        """A list item "…, Südheim 300.000, …" whose neighbour item states the currency."""
        explicit = sorted((f.start, f.end) for f in money if not f.attrs.get("implicit"))
        if len(explicit) < 2 or not self.may_follow_an_amount(text, explicit):
            return []
        found = []
        for m in self.list_item.finditer(text):
            start, end = m.span("num")
            before = [e for s, e in explicit if e <= start and start - e <= LIST_ITEM_REACH]
            after = [s for s, e in explicit if s >= end and s - end <= LIST_ITEM_REACH]
            if not before or not after:
                continue
            if ITEM_BREAK.search(text, before[-1], start) or ITEM_BREAK.search(text, end, after[0]):
                continue
            value = parse_number(m.group("num"))
            try:
                value = check_euros(value) if value is not None else None
            except ValueOutOfRange as error:
                out_of_bounds.append(Found("MONEY", start, end, m.group("num"), "", LIST_RULE,
                                           {"implicit": True, "refused": error.reason}))
                value = None
            if value is not None:
                found.append(Found("MONEY", start, end, m.group("num"), format_value(value), LIST_RULE, {"implicit": True}))
        return found

    @staticmethod
    def may_follow_an_amount(text: str, explicit: list[tuple[int, int]]) -> bool:
        """Whether a list item's number may stand between two of the explicit amounts (sorted
        (start, end)): a grouped number begins at most LIST_ITEM_REACH characters after one,
        with no sentence or line break between, and another begins after it, at most
        LIST_ITEM_REACH characters after where that number can end. Where none may, the
        list item pattern, which re tries at every comma and "und" of the text, is not run:
        most texts with amounts hold no such list. (The pattern cost 9 % of the money,
        percent and temporal stages; tests/components/test_grant_tables.py compares the
        gated run with the plain one.)"""
        starts = [start for start, _ in explicit]
        for _, end in explicit:
            first = GROUPED.search(text, end, end + LIST_ITEM_REACH + GROUPED_CHARS)
            if not first or first.start() > end + LIST_ITEM_REACH or ITEM_BREAK.search(text, end, first.start()):
                continue
            # a number that begins by end + LIST_ITEM_REACH ends where the run of number
            # characters there ends, at the latest
            number_end = NUMBER_CHARS.match(text, min(end + LIST_ITEM_REACH, len(text))).end()
            after = bisect.bisect_right(starts, first.start())
            if after < len(starts) and starts[after] <= number_end + LIST_ITEM_REACH:
                return True
        return False


def split_lines(text: str) -> list[Line]:
    lines = []
    start = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(start, start + len(raw), stripped, start + raw.index(stripped)))
        start += len(raw) + 1
    return lines
