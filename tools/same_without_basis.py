"""Check that two extract outputs differ only by records.csv's basis column.

The basis column (schema v1.2 §2) adds where land, programme and body were read and changes
no other value: records.csv with that column removed, programmes.csv and mentions.csv must
be byte-identical to the output of the code before it.

    python tools/same_without_basis.py OLD_OUT_DIR NEW_OUT_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# basis is the last column: its cell (quoted or not, maybe empty) right before a row's end;
# the value's own shape keeps a line end inside a quoted evidence cell out of the match
PART = r"(?:land|programme|body)=(?:sentence|section|document)"
BASIS_CELL = re.compile(rf',"?(?:basis|{PART}(?:;{PART})*)?"?(?=\r?\n)'.encode())


def without_basis(data: bytes) -> bytes:
    """records.csv's bytes without its last column, basis."""
    return BASIS_CELL.sub(b"", data)


def differences(old: Path, new: Path) -> list[str]:
    """The files that differ; none if only the basis column does."""
    found = []
    if without_basis((new / "records.csv").read_bytes()) != (old / "records.csv").read_bytes():
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
