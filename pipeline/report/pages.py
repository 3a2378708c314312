"""The report's HTML pages: one page per document (its cleaned text with the found spans
marked, its records and programmes beside it) and the index (charts, documents, failures).

Every page is self-contained: inline CSS, inline SVG, no script, no font, no image, and a
Content-Security-Policy that forbids scripts and any request, so an input that slipped
through escaping still could not run or call out. Input text only ever appears through
``text_html``; links and ids are made of numbers only.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..schema import MENTION_LABELS
from .charts import euros_full
from .markup import MarkedText, Span, text_html

# No script, no request to any host (not even this one's files): styles and SVG are inline.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
LABEL_COLOURS = {  # displaCy's palette where it has the label
    "LAND": "#7aecec", "ORG": "#aa9cfc", "PROGRAMME": "#feca74", "MONEY": "#e4e7d2",
    "PERCENT": "#e4e7d2", "DATE": "#bfe1d9", "PERIOD": "#bfe1d9", "DURATION": "#ffeb80",
}
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#fff;border-bottom:1px solid #d8dde3;padding:10px 20px}
header h1{font-size:19px;margin:2px 0}header p{margin:2px 0;color:#4a5562}
h2{font-size:16px;margin:14px 0 6px}
a{color:#0b57a8}
.wrap{padding:10px 20px}
.doc{display:grid;grid-template-columns:minmax(0,0.55fr) minmax(0,1.45fr);gap:16px;padding:12px 20px;align-items:start}
.text pre{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.7 Georgia,"DejaVu Serif",serif;background:#fff;
 border:1px solid #d8dde3;border-radius:4px;padding:14px 16px;margin:0}
.side{position:sticky;top:0;max-height:100vh;overflow:auto}
table{border-collapse:collapse;background:#fff;font-size:12px;width:100%}
th,td{border:1px solid #d8dde3;padding:2px 4px;text-align:left;vertical-align:top}
th{background:#eef1f4;position:sticky;top:0}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}td.nw{white-space:nowrap}
tr:target{outline:3px solid #e8590c}tr.out td{color:#6b7580}
.m{border-radius:3px;padding:1px 2px;color:inherit;text-decoration:none}
a.m{outline:2px solid #59636e;font-weight:600}
a.m:target{outline:3px solid #e8590c}
.lab{font:600 9px/1 system-ui,sans-serif;margin-left:3px;vertical-align:2px;color:#3a4550;text-transform:uppercase}
.odd{font:10px monospace;background:#ffe3e3;color:#a61e1e;border:1px solid #a61e1e;border-radius:2px;padding:0 2px}
.legend .m{margin-right:6px}
.basis{color:#4a5562;font-size:11px;white-space:nowrap}
.note{color:#8a4b00}
.charts{display:flex;flex-wrap:wrap;gap:18px}
.chart{background:#fff;border:1px solid #d8dde3;border-radius:4px;padding:8px}
.ct{font:600 14px system-ui,sans-serif}.cl,.cv{font:12px system-ui,sans-serif;fill:#1d232b}
.cb{fill:#2f6fb2}.cb.rest{fill:#9aa7b4}
""" + "".join(f".{label}{{background:{colour}}}" for label, colour in LABEL_COLOURS.items())


def page(title: str, body: str) -> str:
    """A whole HTML page around body (title is input text: escaped here)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{text_html(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n")


def value_text(record) -> str:
    """A record's value as an analyst reads it: "1.503.900.000 €", "80 %"."""
    try:
        number = Decimal(str(record.value))
    except InvalidOperation:
        return str(record.value)
    if record.kind == "amount":
        return euros_full(number)
    return f"{record.value} %".replace(".", ",")


def period_text(record) -> str:
    start, end = record.period_start, record.period_end
    if not start and not end:
        return ""
    return start if start == end else f"{start}–{end}"


def record_spans(records, mentions, to_clean) -> list[Span]:
    """The spans to mark in the cleaned text: every mention, and each record's figure (with
    its mention's label, or MONEY/PERCENT where no mention has its span)."""
    spans, label_at = [], {}
    for mention in mentions:
        placed = to_clean(mention.start, mention.end)
        if placed is not None:
            spans.append(Span(*placed, mention.label))
            label_at.setdefault((mention.start, mention.end), mention.label)
    for number, record in enumerate(records, 1):
        placed = to_clean(record.start, record.end)
        if placed is not None:
            label = label_at.get((record.start, record.end), "MONEY" if record.kind == "amount" else "PERCENT")
            spans.append(Span(*placed, label, number))
    return spans


RECORD_COLUMNS = ("#", "kind", "value", "qualifier", "per", "land", "programme", "body", "period",
                  "deadline", "duration", "basis")


def records_table(records, reasons=None) -> str:
    """The records, each row id r<n> linking to its figure s<n>; with each one's reason not
    to count in totals ("" when it counts: pipeline/totals.py), an "in totals" column."""
    head = RECORD_COLUMNS[:3] + (("in totals",) if reasons is not None else ()) + RECORD_COLUMNS[3:]
    rows = ["<table class=\"records\"><thead><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr></thead><tbody>"]
    for number, r in enumerate(records, 1):
        reason = reasons[number - 1] if reasons is not None else None
        cells = [f'<td class="n"><a href="#s{number}">{number}</a></td>', f"<td>{text_html(r.kind)}</td>",
                 f'<td class="n">{text_html(value_text(r))}</td>']
        if reason is not None:  # beside the value it is about
            cells.append(f'<td class="nw">{text_html("no: " + reason.replace("_", " ") if reason else "yes")}</td>')
        cells += [f"<td>{text_html(v)}</td>" for v in (r.qualifier, r.per, r.land, r.programme, r.body)]
        cells += [f'<td class="nw">{text_html(v)}</td>' for v in (period_text(r), r.deadline, r.duration)]
        cells.append('<td class="basis">' + "<br>".join(text_html(part.replace("=", ": ")) for part in r.basis.split(";")) + "</td>")
        row_class = ' class="out"' if reason else ""
        rows.append(f'<tr id="r{number}"{row_class}>' + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return "".join(rows) if records else "<p>No records.</p>"


def programmes_table(programmes) -> str:
    if not programmes:
        return "<p>No programmes named.</p>"
    head = ("programme", "land", "body", "period", "deadline")
    rows = [f"<tr><td>{text_html(p.programme)}</td><td>{text_html(p.land)}</td><td>{text_html(p.body)}</td>"
            f"<td>{text_html(period_text(p))}</td><td>{text_html(p.deadline)}</td></tr>" for p in programmes]
    return ("<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def legend() -> str:
    return ('<p class="legend">' + "".join(f'<mark class="m {label}">{label.lower()}</mark>' for label in MENTION_LABELS)
            + ' <a class="m MONEY">figure of a record</a> (click it for its record; a record\'s # for its figure)</p>')


def document_page(*, doc_id: str, path: str, marked: MarkedText | None, records, programmes, mentions,
                  reasons=None) -> str:
    """One document's page: its cleaned text with spans, its records and programmes beside it."""
    counts = f"{len(records)} records · {len(programmes)} programmes · {len(mentions)} mentions"
    header = (f'<header><p><a href="../report.html">← all documents</a></p><h1>{text_html(doc_id)}</h1>'
              f"<p>{text_html(path)} · {counts}</p>{legend()}</header>")
    if marked is None:
        text = '<p class="note">The cleaned text is not available for this document.</p>'
    else:
        text = f'<pre lang="de">{marked.html}</pre>'
        if marked.not_shown:
            text += (f'<p class="note">{len(marked.not_shown)} span(s) not marked (each crosses a span shown; '
                     'offsets in the cleaned text): ' + "; ".join(map(text_html, marked.not_shown)) + "</p>")
    side = (f"<h2>Records</h2>{records_table(records, reasons)}"
            f"<h2>Programmes</h2>{programmes_table(programmes)}")
    body = f'{header}<main class="doc"><section class="text">{text}</section><aside class="side">{side}</aside></main>'
    return page(f"{doc_id} – funding report", body)


def index_page(*, summary: str, charts: str, documents: list[tuple], failures) -> str:
    """The index: the run in one line, the charts, one row per document, one per failure.
    documents: (page file name, doc_id, path, records, programmes, mentions, programme names)."""
    rows = [f'<tr><td class="n">{n}</td><td><a href="report/{page_name}">{text_html(doc_id)}</a></td>'
            f'<td>{text_html(path)}</td><td class="n">{records}</td><td class="n">{programmes}</td>'
            f'<td class="n">{mentions}</td><td>{text_html("; ".join(names))}</td></tr>'
            for n, (page_name, doc_id, path, records, programmes, mentions, names) in enumerate(documents, 1)]
    doc_table = ("<table><thead><tr><th>#</th><th>document</th><th>path</th><th>records</th><th>programmes</th>"
                 "<th>mentions</th><th>programme names</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    failed = "".join(f"<tr><td>{text_html(path)}</td><td>{text_html(problem)}</td></tr>" for path, problem in failures)
    failed_table = ("<table><thead><tr><th>file</th><th>problem</th></tr></thead><tbody>" + failed + "</tbody></table>"
                    if failures else "<p>None.</p>")
    body = (f"<header><h1>Funding records: review report</h1><p>{summary}</p></header><div class=\"wrap\">"
            f"<h2>Totals (counted amounts only)</h2><div class=\"charts\">{charts}</div>"
            f"<h2>Documents</h2>{doc_table}<h2>Failures</h2>{failed_table}</div>")
    return page("Funding records: review report", body)
