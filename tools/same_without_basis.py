"""Check that two extract outputs differ only by records.csv's basis column.

The basis column (schema v1.2 §2) adds where land, programme and body were read and changes
no other value: records.csv with that column removed, programmes.csv and mentions.csv must
be byte-identical to the output of the code before it.

    python tools/same_without_basis.py OLD_OUT_DIR NEW_OUT_DIR
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from pipeline.io.writing import CSV_LINE_TERMINATOR


def without_column(path: Path, column: str) -> bytes:
    """The CSV's bytes as the writer would give them without the column."""
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    drop = rows[0].index(column)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator=CSV_LINE_TERMINATOR)
    writer.writerows(row[:drop] + row[drop + 1:] for row in rows)
    return out.getvalue().encode("utf-8")


def differences(old: Path, new: Path) -> list[str]:
    """The files that differ, none if only the basis column does."""
    found = []
    if without_column(new / "records.csv", "basis") != (old / "records.csv").read_bytes():
        found.append("records.csv (without basis)")
    for name in ("programmes.csv", "mentions.csv"):
        if (old / name).read_bytes() != (new / name).read_bytes():
            found.append(name)
    return found


def main(argv: list[str]) -> int:
    old, new = map(Path, argv)
    found = differences(old, new)
    print("differ: " + ", ".join(found) if found else "identical but for the basis column")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
