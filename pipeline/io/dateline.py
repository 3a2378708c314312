"""The dateline a plain-text press release opens with ("Berlin, 12. März 2024 –",
"München (dpa) –", "Pressemitteilung vom 3.5.2023"), and its date.

For sources.csv only: the extractor reads the document's own date elsewhere
(components/temporal.py), from the dates its rules found. The date's value comes from
normalize.dates, as every date of the pipeline does.
"""

from __future__ import annotations

import re

from ..normalize.dates import MONTH_PATTERN, date_value

HEAD_LINES = 12  # a dateline stands in the first lines …
BODY_LINE_CHARS = 250  # … at the latest at the start of the first body paragraph

DAY_DATE = rf"\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:19|20)?\d{{2}}|\d{{1,2}}\.?\s*(?i:{MONTH_PATTERN})\.?\s*(?:19|20)\d{{2}}"
PLACE = r"[A-ZÄÖÜ][^\W\d_][\w.\-]*(?:[ /][A-ZÄÖÜ][\w.\-]*){0,2}"
AGENCY = r"\s*\([^()\n]{1,30}\)"  # (dpa), (Thüringen)
DASH_OR_STOP = r"\s*(?:[–—:.]|-(?=\s)|$)"

# One line's dateline shapes, tried in this order at the line's start; the last two (a
# place without a date) never on the first line of a text, which is its title
# ("Klimaschutz – Bremen startet Förderaufruf").
DATELINE_SHAPES = tuple(re.compile(pattern, re.IGNORECASE if caseless else 0) for pattern, caseless in (
    # Berlin, 12. März 2024 –  /  Hannover, den 12.03.2024.  /  München (dpa), 5. Mai 2024:
    (rf"(?P<place>{PLACE})(?:{AGENCY})?\s*,\s*(?:den\s+)?(?P<date>{DAY_DATE})(?:{AGENCY})?{DASH_OR_STOP}", False),
    # Pressemitteilung vom 3.5.2023  /  Presseinformation Nr. 12/2024 vom 3. Mai 2024
    (rf"(?:Presse|Medien)(?:mitteilung|information|meldung)(?:\s+Nr\.\s*[\w/.\-]+)?\s+vom\s+(?P<date>{DAY_DATE})", True),
    # Veröffentlicht am 12.03.2024  /  Datum: 12. März 2024
    (rf"(?:Veröffentlicht|Erschienen|Datum|Stand)(?:\s+am)?\s*:?\s*(?P<date>{DAY_DATE})(?![\d])", True),
    # a line that is a date and nothing else
    (rf"\s*(?P<date>{DAY_DATE})\s*$", True),
    # München (dpa) –  /  Bad Steinfeld (Thüringen).
    (rf"(?P<place>{PLACE}){AGENCY}\s*(?:[–—:.]|-(?=\s))", False),
    # Stuttgart. Mit …  /  Potsdam – Das …
    (rf"(?P<place>{PLACE})(?:\.|\s[–—-])\s+(?=[A-ZÄÖÜ„\"])", False),
))
DATED_SHAPES = 4


def find_dateline(text: str) -> tuple[str, str]:
    """The first dateline in a text's head, as (dateline, ISO date), else ("", "").

    >>> find_dateline("Neue Kita\\n\\nKiel, 28. Februar 2024 – Das Land …")
    ('Kiel, 28. Februar 2024', '2024-02-28')
    """
    line_start = 0
    title_line = True
    for _ in range(HEAD_LINES):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        shapes = DATELINE_SHAPES[:DATED_SHAPES] if title_line and line_end < len(text) else DATELINE_SHAPES
        title_line = title_line and not line.strip()
        for shape in shapes:
            if match := shape.match(line):
                date = date_value(match["date"]) if match.re.groupindex.get("date") else ""
                if date is None:
                    continue  # "31.02.2024" is no date
                return match.group(0).strip().rstrip("–—-:.").strip(), date
        if line_end - line_start >= BODY_LINE_CHARS or line_end == len(text):
            break
        line_start = line_end + 1
    return "", ""
