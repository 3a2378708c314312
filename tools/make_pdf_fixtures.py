"""Write the small PDFs the PDF tests read (tests/fixtures/pdf/), with reportlab.

Run by hand when a fixture should change: `pip install -e '.[fixtures]'` then
`.venv/bin/python tools/make_pdf_fixtures.py`. The PDFs are committed, so the tests need
neither reportlab nor Pillow; reportlab's invariant mode makes the bytes reproducible.

- two_columns.pdf: a two-column page drawn line by line across both columns.
- hyphenated.pdf: words broken at line ends with a hyphen ("Förder-" / "mittel").
- table.pdf: a grant table (Kommune, Maßnahme, Zuwendung in Euro), one row per line.
- scanned.pdf: the same kind of page as an image only: no text layer.
The texts are the team's own.
"""

from __future__ import annotations

from io import BytesIO
from itertools import zip_longest
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

rl_config.invariant = 1  # no creation date or random id in the file: same bytes every run
OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pdf"
TOP, LEFT, LEADING = 780, 60, 15

LEFT_COLUMN = [
    "Land fördert Dorfläden",
    "Das Ministerium stellt den",
    "Gemeinden im Jahr 2024",
    "insgesamt 2,5 Millionen Euro",
    "für neue Dorfläden bereit.",
]
RIGHT_COLUMN = [
    "Anträge sind bis zum",
    "30. Juni 2024 zu stellen.",
    "Der Fördersatz beträgt bis",
    "zu 80 Prozent der Kosten.",
]
HYPHENATED = [
    "Kommunaler Klimaschutz: Förder-",
    "mittel in Höhe von 750.000 Euro ste-",
    "hen den Landkreisen für die Wärme-",
    "planung zur Verfügung.",
]
TABLE = [
    ("Kommune", "Maßnahme", "Zuwendung in Euro"),
    ("Musterstadt", "Sporthalle", "120.000"),
    ("Beispieldorf", "Feuerwehrhaus", "85.500"),
    ("Neuheim", "Kita-Neubau", "1.250.000"),
]
SCAN_LINES = ["Land fördert Radwege", "mit 3 Millionen Euro."]


def _lines(canvas: Canvas, x: int, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        canvas.drawString(x, TOP - i * LEADING, line)


def two_columns(canvas: Canvas) -> None:
    """Drawn line by line across both columns, as some producers write pages, so that the
    content stream's order is not the reading order."""
    for i, (left, right) in enumerate(zip_longest(LEFT_COLUMN, RIGHT_COLUMN)):
        for x, line in ((LEFT, left), (320, right)):
            if line:
                canvas.drawString(x, TOP - i * LEADING, line)


def hyphenated(canvas: Canvas) -> None:
    _lines(canvas, LEFT, HYPHENATED)


def table(canvas: Canvas) -> None:
    for row_number, row in enumerate(TABLE):
        y = TOP - row_number * LEADING * 1.5
        for x, cell in zip((LEFT, 200, 360), row):
            canvas.drawString(x, y, cell)
        canvas.line(LEFT, y - 5, 500, y - 5)


def scanned(canvas: Canvas) -> None:
    image = Image.new("L", (800, 200), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(SCAN_LINES):
        draw.text((20, 20 + 40 * i), line, fill=0)
    png = BytesIO()
    image.save(png, format="PNG")
    canvas.drawImage(ImageReader(BytesIO(png.getvalue())), LEFT, 500, width=400, height=100)


PAGES = {"two_columns": two_columns, "hyphenated": hyphenated, "table": table, "scanned": scanned}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in PAGES.items():
        canvas = Canvas(str(OUT / f"{name}.pdf"), pagesize=A4, invariant=1)
        canvas.setFont("Helvetica", 11)
        draw(canvas)
        canvas.showPage()
        canvas.save()
        print(f"wrote {OUT / name}.pdf")


if __name__ == "__main__":
    main()
