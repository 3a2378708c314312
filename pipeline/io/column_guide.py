"""What every output column holds: one table that the workbook's `columns` sheet,
docs/columns.md and the workbook's cell types are all made from.

Each column says how a workbook cell holds it (CELL_KINDS) and what it means, in one
sentence for an analyst. tests/test_column_guide.py checks that docs/columns.md is this
table rendered (``python -m pipeline.io.column_guide > docs/columns.md`` remakes it) and
that each output's header has an entry for every column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# How a workbook cell holds a column's values (pipeline/io/xlsx.py):
TEXT = "text"  # a text cell, never a formula
INTEGER = "integer"  # a number
EURO = "euro"  # a number in euros, shown "1.503.900 €"
FIGURE = "euro or percent"  # records.value: euros for kind=amount, else a percent cell (80 % is 0.8)
DATE = "date"  # a full ISO date "2024-03-31" is a date cell; "2024" or "2024-03" stays text
CELL_KINDS = (TEXT, INTEGER, EURO, FIGURE, DATE)


@dataclass(frozen=True)
class Column:
    name: str
    cell: str  # one of CELL_KINDS
    meaning: str


PERIOD_MEANING = ("time the figure applies to, ISO 8601 at the precision stated (2021, 2021-02, 2019-09-27); "
                  "one year gives start = end; \"ab 2020\" gives only a start")

DOC_ID = Column("doc_id", TEXT, "the input file's name without its extension")

OUTPUT_COLUMNS: dict[str, tuple[Column, ...]] = {
    "records.csv": (
        Column("record_id", TEXT, "stable id doc_id:start-end:kind; the same input gives the same id on every run"),
        DOC_ID,
        Column("land", TEXT, "the German Land the figure belongs to (its government gives it or its municipalities "
                             "get it); empty for Bund or EU money for all of Germany, or when unknown"),
        Column("programme", TEXT, "the programme, measure or initiative the figure belongs to, as written; "
                                  "empty if none is named"),
        Column("body", TEXT, "the organisation named as giving, administering or implementing it; empty if none"),
        Column("kind", TEXT, "amount (money), funding_rate (Fördersatz) or own_share (Eigenanteil)"),
        Column("value", FIGURE, "euros for kind=amount (3,3 Mio. Euro is 3300000), percent for the other kinds "
                                "(80 Prozent is 80 in the CSV, a percent cell 80 % in the workbook)"),
        Column("qualifier", TEXT, "exact, up_to (bis zu, maximal), at_least (mindestens, ab, a range's lower bound), "
                                  "approx (rund, etwa) or over (über, mehr als)"),
        Column("per", TEXT, "what the figure is per: empty for a total, else year, municipality, person, cluster, "
                            "project, joined by + (year+municipality)"),
        Column("period_start", DATE, f"start of the {PERIOD_MEANING}"),
        Column("period_end", DATE, f"end of the {PERIOD_MEANING}"),
        Column("deadline", DATE, "date by which applications must be made, ISO at the precision stated"),
        Column("duration", TEXT, "run time of the funding or project, ISO 8601 duration (P2Y: two years)"),
        Column("evidence", TEXT, "the sentence holding the figure, from the cleaned text, cut to 300 characters "
                                 "each side of the figure (marked …)"),
        Column("start", INTEGER, "character offset where the figure starts in the source text (the decoded file; "
                                 "for HTML the extracted main text)"),
        Column("end", INTEGER, "character offset where the figure ends in the source text"),
        Column("basis", TEXT, "where land, programme and body were read: sentence, section or document each "
                              "(land=sentence;programme=section;body=document); empty fields left out"),
        Column("in_totals", INTEGER, "1 when the record counts in totals, else 0 (the sum of value × in_totals "
                                     "over amounts is the total; rule: pipeline/totals.py)"),
        Column("not_in_totals", TEXT, "why it does not count: percent (a rate or own share), per_unit (per is not "
                                      "empty), range_bound (an end of a range), change (the first figure of \"von 5 auf 8 "
                                      "Mio. Euro\" or \"um 3 auf 8 Mio. Euro\": the new level counts), part (a part of the "
                                      "amount before it: \"davon 43 Mio. Euro\"), restatement "
                                      "(same kind, value, land and programme as a record counted before in the "
                                      "document); empty when counted"),
    ),
    "programmes.csv": (
        DOC_ID,
        Column("land", TEXT, "the Land of the programme, read where it is first named"),
        Column("programme", TEXT, "the programme's name as written (one row per distinct name in a document)"),
        Column("body", TEXT, "the organisation giving or administering it, read where it is first named"),
        Column("period_start", DATE, "start of the period named with the programme, ISO at the precision stated"),
        Column("period_end", DATE, "end of the period named with the programme, ISO at the precision stated"),
        Column("deadline", DATE, "application deadline the article states for the programme"),
    ),
    "mentions.csv": (
        DOC_ID,
        Column("label", TEXT, "what was found: LAND, PROGRAMME, ORG, MONEY, PERCENT, DATE, PERIOD or DURATION"),
        Column("start", INTEGER, "character offset where the span starts in the source text"),
        Column("end", INTEGER, "character offset where the span ends in the source text"),
        Column("text", TEXT, "the span as written in the source text"),
        Column("value", TEXT, "its normalised value: a Land's name, euros, percent, ISO date, ISO interval "
                              "(2021/2024) or ISO duration (P2Y)"),
        Column("refused", TEXT, "why the value was refused as a figure (e.g. beyond what a funding figure can be); "
                                "empty for a mention in use"),
    ),
    "sources.csv": (
        DOC_ID,
        Column("path", TEXT, "the input file as given on the command line or found in a folder"),
        Column("status", TEXT, "read; refused (bad input: empty, not text, a broken or scanned PDF, a duplicate "
                               "doc_id …); failed (an internal error cost the document)"),
        Column("problem", TEXT, "why it was refused or failed, as on stderr and in run.json; empty when read"),
        Column("bytes", INTEGER, "the file's size in bytes"),
        Column("sha256", TEXT, "SHA-256 of the file's bytes, to tell whether a file changed"),
        Column("title", TEXT, "the page's own title (HTML metadata; for text and PDF, a first line that reads "
                              "as a heading)"),
        Column("date", DATE, "the date the page gives itself (HTML metadata; for text, its dateline's date)"),
        Column("url", TEXT, "the page's own address, where it states one"),
        Column("sitename", TEXT, "the site's name, where the page states one"),
        Column("dateline", TEXT, "a text's opening dateline as written (\"Berlin, 12. März 2024\", "
                                 "\"München (dpa)\")"),
    ),
    "summary (workbook sheet)": (
        Column("land", TEXT, "the Land; empty for records without one (listed last)"),
        Column("programme", TEXT, "the programme; empty for records without one (listed last within a Land)"),
        Column("total_euro", EURO, "the sum of the counted amounts (in_totals = 1) of this Land and programme"),
        Column("records", INTEGER, "how many counted amounts the total adds"),
    ),
}

COLUMN_SHEET_HEADER = ("output", "column", "in the workbook", "meaning")


def cell_kinds(output: str, header: Sequence[str]) -> list[str]:
    """The workbook cell kind of each column of an output's header; text for a column the
    guide does not know."""
    known = {column.name: column.cell for column in OUTPUT_COLUMNS.get(output, ())}
    return [known.get(name, TEXT) for name in header]


def column_sheet_rows() -> list[tuple[str, str, str, str]]:
    """The `columns` sheet: one row per column of every output."""
    return [(output, c.name, c.cell, c.meaning) for output, cols in OUTPUT_COLUMNS.items() for c in cols]


def markdown() -> str:
    """docs/columns.md: the same table, one section per output."""
    lines = ["# Output columns", "",
             "What every column of `python -m pipeline extract`'s outputs holds. Made from",
             "`pipeline/io/column_guide.py`, as is the `columns` sheet of records.xlsx; after a change there,",
             "run `python -m pipeline.io.column_guide > docs/columns.md` (a test checks this file is current).",
             "The CSVs are UTF-8, every text cell quoted and numbers bare; empty means unknown or not stated.",
             "In records.xlsx, \"in the workbook\" says how a cell holds the column.", ""]
    for output, cols in OUTPUT_COLUMNS.items():
        lines += [f"## {output}", "", "| column | in the workbook | meaning |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.cell} | {c.meaning.replace('|', '/')} |" for c in cols]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
