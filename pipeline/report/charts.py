"""Totals of euro amounts by Land, by programme and by year, drawn as static SVG bars.

Why hand-written SVG: three horizontal bar charts are a few ``<rect>`` and ``<text>``
elements each; a plotting library (matplotlib, Altair with a Vega renderer) would add tens of
MB and a second or more of import to every run for that, and would need to be kept from
embedding fonts or scripts. The SVG is inline in report.html: it needs no file, no font
and no request, and prints as it shows. Only records that count in totals are added (the caller
decides which: pipeline/totals.py's rule).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .markup import text_html

MAX_BARS = 15  # bars per chart; the rest are summed into one last bar
NO_LAND, NO_PROGRAMME, NO_YEAR, SEVERAL_YEARS = "(no Land)", "(no programme)", "(no year)", "(several years)"
LABEL_CHARS = 38  # longer labels are cut (the full label is the bar's tooltip)
WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW_HEIGHT, BAR_HEIGHT = 640, 260, 100, 22, 15


def euros_full(value: Decimal) -> str:
    """Euros with German thousands separators: 1503900000 -> "1.503.900.000 €"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " €"


def euros_short(value: Decimal) -> str:
    """Euros at a glance: 1503900000 -> "1,5 Mrd. €", 3300000 -> "3,3 Mio. €", 20000 -> "20.000 €"."""
    for scale, word in ((Decimal(10) ** 9, "Mrd."), (Decimal(10) ** 6, "Mio.")):
        if abs(value) >= scale:
            return f"{value / scale:.1f}".replace(".", ",").replace(",0", "") + f" {word} €"
    return euros_full(value.quantize(Decimal(1)))


def year_of(record) -> str:
    """The year a record's money is for: its period's year when the period is one year."""
    start, end = record.period_start[:4], (record.period_end or record.period_start)[:4]
    if not start:
        return NO_YEAR
    return start if start == end else SEVERAL_YEARS


class Totals:
    """Sum and number of amount records per Land, per programme and per year (the caller
    adds only the records that count in totals)."""

    def __init__(self):
        self.by: dict[str, dict[str, list]] = {name: defaultdict(lambda: [Decimal(0), 0])
                                               for name in ("land", "programme", "year")}
        self.records = 0

    def add(self, record) -> None:
        if record.kind != "amount":
            return
        euros = Decimal(str(record.value))
        for name, key in (("land", record.land or NO_LAND), ("programme", record.programme or NO_PROGRAMME),
                          ("year", year_of(record))):
            entry = self.by[name][key]
            entry[0] += euros
            entry[1] += 1
        self.records += 1

    def rows(self, name: str) -> list[tuple[str, Decimal, int]]:
        """(label, euros, records): years in order, Länder and programmes largest first; the
        catch-all labels ("(no Land)" …) last; beyond MAX_BARS the rest in one row."""
        table = self.by[name]
        catch_all = [key for key in table if key.startswith("(")]
        named = [key for key in table if not key.startswith("(")]
        named.sort(key=(lambda k: k) if name == "year" else (lambda k: (-table[k][0], k)))
        rows = [(key, table[key][0], table[key][1]) for key in named]
        if len(rows) > MAX_BARS:
            rest = rows[MAX_BARS - 1:]
            rows = rows[:MAX_BARS - 1] + [(f"({len(rest)} more)", sum((r[1] for r in rest), Decimal(0)),
                                           sum(r[2] for r in rest))]
        return rows + [(key, table[key][0], table[key][1]) for key in sorted(catch_all)]


def bar_chart_svg(title: str, rows: list[tuple[str, Decimal, int]]) -> str:
    """A horizontal bar chart as inline SVG: one row per label, bar length by euros."""
    height = ROW_HEIGHT * max(len(rows), 1) + 34
    top = max((r[1] for r in rows), default=Decimal(0))
    bar_room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [f'<svg class="chart" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{text_html(title)}">',
             f'<text class="ct" x="0" y="16">{text_html(title)}</text>']
    if not rows:
        parts.append('<text class="cl" x="0" y="44">no counted amounts</text>')
    for i, (label, euros, count) in enumerate(rows):
        y = 30 + i * ROW_HEIGHT
        length = float(euros / top) * bar_room if top > 0 else 0.0
        shown = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
        tip = f"{label}: {euros_full(euros)} ({count} record{'s' if count != 1 else ''})"
        parts.append(
            f'<g><title>{text_html(tip)}</title>'
            f'<text class="cl" x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">{text_html(shown)}</text>'
            f'<rect class="{"cb rest" if label.startswith("(") else "cb"}" x="{LABEL_WIDTH}" y="{y}" '
            f'width="{max(length, 1.0):.1f}" height="{BAR_HEIGHT}"/>'
            f'<text class="cv" x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 13}">{text_html(euros_short(euros))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def charts_html(totals: Totals) -> str:
    """The three charts, for the index page."""
    return "\n".join(bar_chart_svg(title, totals.rows(name)) for name, title in (
        ("land", "Euros by Land"), ("programme", "Euros by programme"), ("year", "Euros by year")))
