"""The review report (issue 16): hostile input only ever shows as text, spans are placed in
the cleaned text and linked to their records, the charts add only what counts, and the
report comes and goes with the output set. Every German sentence here was written for
these tests."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.clean.offsets import CleanText
from pipeline.extract import DocResult
from pipeline.io.batch import run_extract
from pipeline.report.charts import MAX_BARS, Totals, bar_chart_svg, euros_full, euros_short, year_of
from pipeline.report.markup import SourceToClean, Span, mark_spans, text_html
from pipeline.report.pages import document_page, index_page, value_text
from pipeline.report.writer import ReportWriter
from pipeline.schema import Mention, Programme, Record
from test_cli_robustness import fake_extractor

HOSTILE = [
    pytest.param("<script>document.title='gekapert'</script>", id="script"),
    pytest.param("</textarea><script>alert(1)</script>", id="end-of-textarea"),
    pytest.param('<a href="javascript:alert(1)">Antrag</a>', id="javascript-link"),
    pytest.param("javascript:alert(document.cookie)", id="javascript-url-as-text"),
    pytest.param('"><img src=x onerror=alert(1)>', id="attribute-breakout"),
    pytest.param("' onmouseover='alert(1)", id="single-quote-breakout"),
    pytest.param("</pre></section><h1>Falsch</h1>", id="end-of-pre"),
    pytest.param("<style>body{display:none}</style>", id="style"),
    pytest.param("<svg onload=alert(1)><text>x</text></svg>", id="svg"),
    pytest.param("<!-- --><!--", id="comment"),
    pytest.param("]]><x>", id="cdata-end"),
    pytest.param("&lt;script&gt; &amp; &#60;", id="entities-as-text"),
    pytest.param("Förderung \u202e orue 000.02", id="right-to-left-override"),
    pytest.param("20.000\u200b Euro \u2066x\u2069", id="zero-width-and-isolates"),
    pytest.param("Land\x00Bayern\x1b[31m", id="nul-and-escape"),
    pytest.param("\ufeffText\u2028Zeile", id="bom-and-line-separator"),
    pytest.param("Kreis \udcff", id="lone-surrogate"),
]
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "p", "a", "h1", "h2", "main",
                "section", "pre", "aside", "table", "thead", "tbody", "tr", "th", "td", "mark", "span", "br",
                "div", "svg", "text", "rect", "g"}
OUR_LINK_RE = re.compile(r"#[sr]\d+|\.\./report\.html|report/\d{5}\.html")


class Parsed(HTMLParser):
    """What a browser's parser makes of a page: its tags, attributes and text, and the
    document text shown in its <pre> (without the labels of the marks)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.data: list[str] = []
        self.pre_text: list[str] = []
        self.open: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag != "br":
            self.open.append("lab" if dict(attrs).get("class") == "lab" else tag)

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        self.data.append(data)
        if "pre" in self.open and self.open[-1] != "lab":
            self.pre_text.append(data)


def visible(text: str) -> str:
    """How the report shows a text: odd characters as their code point."""
    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\udcff]",
                  lambda m: f"U+{ord(m.group()):04X}", text)


def _hostile_result(hostile: str) -> tuple[DocResult, str]:
    text = f"Das Land fördert {hostile} mit 20.000 Euro.\nZweite Zeile {hostile}."
    start = text.index("20.000 Euro")
    record = Record(f"d:{start}-{start + 11}:amount", hostile, hostile, hostile, hostile, "amount", "20000", "exact",
                    "", "2024", "2024", "", "", hostile, start, start + 11, "land=sentence")
    mentions = [Mention(hostile, "MONEY", start, start + 11, "20.000 Euro", "20000"),
                Mention(hostile, "PROGRAMME", 17, 17 + len(hostile), hostile, hostile)]
    programmes = [Programme(hostile, hostile, hostile, hostile, "", "", "")]
    return DocResult(hostile, [record], programmes, mentions, clean=CleanText(text, (0,), (0,))), text


def _check_page(page: str) -> Parsed:
    page.encode("utf-8")  # writable
    parsed = Parsed(page)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert OUR_LINK_RE.fullmatch(attrs["href"]), attrs["href"]
    return parsed


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_shows_as_text_on_every_page(tmp_path, hostile):
    result, text = _hostile_result(hostile)
    writer = ReportWriter(tmp_path)
    writer.write(writer.prepare(result, path=hostile))
    doc_page = _check_page((tmp_path / "00001.html").read_text(encoding="utf-8"))
    assert "".join(doc_page.pre_text) == visible(text)  # the whole text, hostile part included, as text
    assert "".join(doc_page.data).count(visible(hostile)) >= 6  # title, heading, path, text twice, table cells
    assert [a["href"] for t, a in doc_page.tags if t == "a" and "id" in a] == ["#r1"]  # the figure, linked
    index = _check_page(writer.index_html([(hostile, "refused: " + hostile)]))
    assert "".join(index.data).count(visible(hostile)) >= 5  # doc id, path, programme, failure, chart label


def test_no_page_requests_another_host_or_runs_a_script(tmp_path, capsys):
    """The real pipeline over a hostile article: no script element, no handler, no link out."""
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "feindlich.html").write_text(
        "<html><head><title>Meldung</title><script>document.title='gekapert'</script></head><body><article>"
        "<h1>Förderung für Kommunen</h1><p>Das Land Bayern fördert das Programm „&lt;script&gt;alert(1)"
        "&lt;/script&gt; Digitale Dörfer“ mit bis zu 20.000 Euro je Kommune.</p>"
        "<p>Anträge: <a href=\"javascript:alert(1)\">hier</a> und <img src=\"https://example.org/x.png\"></p>"
        "<p>Weitere Informationen gibt es beim Ministerium in München im Internet und am Telefon.</p>"
        "</article></body></html>", encoding="utf-8")
    (corpus / "schlicht.txt").write_text("Hessen gibt 5 Millionen Euro für das Programm Starke Dörfer.\n",
                                         encoding="utf-8")
    out = tmp_path / "ausgabe"
    assert run_extract([corpus], out, progress=False) == 0
    pages = [out / "report.html", *sorted((out / "report").glob("*.html"))]
    assert len(pages) == 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:)?//""", html, re.I), page
        assert "<script" not in html.lower() and "Content-Security-Policy" in html
        _check_page(html)
    capsys.readouterr()


@pytest.mark.parametrize("spans, expected, not_shown", [
    pytest.param([Span(0, 6, "LAND")], '<mark class="m LAND">Bayern<span class="lab">LAND</span></mark> gibt 5 Euro',
                 [], id="one"),
    pytest.param([Span(12, 18, "MONEY", 1), Span(12, 18, "MONEY")],
                 'Bayern gibt <a class="m MONEY" id="s1" href="#r1">5 Euro<span class="lab">MONEY</span></a>', [],
                 id="a-figure-and-its-mention-once"),
    pytest.param([Span(0, 18, "PROGRAMME"), Span(0, 6, "LAND")],
                 '<mark class="m PROGRAMME"><mark class="m LAND">Bayern<span class="lab">LAND</span></mark> gibt 5 Euro'
                 '<span class="lab">PROGRAMME</span></mark>', [], id="nested"),
    pytest.param([Span(7, 14, "PROGRAMME"), Span(12, 18, "MONEY", 1)],
                 'Bayern gibt <a class="m MONEY" id="s1" href="#r1">5 Euro<span class="lab">MONEY</span></a>',
                 ['PROGRAMME "gibt 5 " at 7–14'], id="a-figure-wins-over-a-crossing-name"),
    pytest.param([Span(0, 9, "ORG"), Span(7, 14, "PROGRAMME")],
                 '<mark class="m ORG">Bayern gi<span class="lab">ORG</span></mark>bt 5 Euro',
                 ['PROGRAMME "gibt 5 " at 7–14'], id="crossing-mentions"),
    pytest.param([Span(3, 3, "DATE"), Span(10, 40, "DATE")], "Bayern gibt 5 Euro",
                 ['DATE "" at 3–3', 'DATE "" at 10–40'], id="empty-and-outside"),
])
def test_spans_are_marked_nested_or_listed(spans, expected, not_shown):
    marked = mark_spans("Bayern gibt 5 Euro", spans)
    assert (marked.html, marked.not_shown) == (expected, not_shown)


@pytest.mark.parametrize("text, expected", [
    ("Förderung & <b>", "Förderung &amp; &lt;b&gt;"),
    ('"x" \'y\'', "&quot;x&quot; &#x27;y&#x27;"),
    ("a\u202eb", 'a<span class="odd" title="U+202E">U+202E</span>b'),
    ("a\x00b", 'a<span class="odd" title="U+0000">U+0000</span>b'),
    ("Zeile\n\tEinzug", "Zeile\n\tEinzug"),
])
def test_text_html(text, expected):
    assert text_html(text) == expected


def _clean_results():
    from pipeline.extract import extract_sources, load_nlp
    from pipeline.io.inputs import iter_input_files
    from pipeline.io.reading import read_source

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    sources = [read_source(path) for path in iter_input_files([corpus]) if isinstance(path, Path)]
    return list(extract_sources(sources, nlp=load_nlp()))


def test_every_span_of_the_corpus_is_placed_in_the_cleaned_text():
    """Source offsets map back into the cleaned text, to the very span they came from."""
    placed = 0
    for result in _clean_results():
        to_clean = SourceToClean(result.clean)
        for span in [*result.mentions, *result.records]:
            cleaned = to_clean.span(span.start, span.end)
            assert cleaned is not None, (result.doc_id, span)
            assert result.clean.to_source(*cleaned) == (span.start, span.end), (result.doc_id, span)
            placed += 1
    assert placed > 1000


@pytest.mark.parametrize("value, full, short", [
    ("1503900000", "1.503.900.000 €", "1,5 Mrd. €"),
    ("3300000", "3.300.000 €", "3,3 Mio. €"),
    ("1000000", "1.000.000 €", "1 Mio. €"),
    ("20000", "20.000 €", "20.000 €"),
    ("1.2", "1,2 €", "1 €"),
    ("999999.5", "999.999,5 €", "1.000.000 €"),
])
def test_euros(value, full, short):
    assert (euros_full(Decimal(value)), euros_short(Decimal(value))) == (full, short)


class R:
    """A record's fields the charts read."""

    def __init__(self, value, land="", programme="", period_start="", period_end="", kind="amount", per=""):
        self.value, self.land, self.programme, self.kind, self.per = value, land, programme, kind, per
        self.period_start, self.period_end = period_start, period_end


@pytest.mark.parametrize("start, end, year", [
    ("2021", "2021", "2021"), ("2021-03", "2021-12-31", "2021"), ("2021", "2024", "(several years)"),
    ("2020", "", "2020"), ("", "", "(no year)"),
])
def test_year_of(start, end, year):
    assert year_of(R(1, period_start=start, period_end=end)) == year


def _record(start, value, land="", programme="", period=("", ""), kind="amount", qualifier="exact", per="",
            evidence=""):
    return Record(f"d:{start}-{start + 5}:{kind}", "d", land, programme, "", kind, value, qualifier, per, *period,
                  "", "", evidence or f"Satz {start}.", start, start + 5, "")


def test_totals_by_land_programme_and_year():
    totals = Totals()
    for record in [R(100, "Bayern", "A", "2021", "2021"), R(50, "Bayern", "B"), R(30, "", "A", "2021", "2022"),
                   R(80, "Hessen", kind="funding_rate")]:
        totals.add(record)
    assert totals.records == 3
    assert totals.rows("land") == [("Bayern", 150, 2), ("(no Land)", 30, 1)]
    assert totals.rows("programme") == [("A", 130, 2), ("B", 50, 1)]
    assert totals.rows("year") == [("2021", 100, 1), ("(no year)", 50, 1), ("(several years)", 30, 1)]


def test_the_charts_and_the_records_table_follow_the_totals_rule(tmp_path):
    records = [_record(0, "100", "Bayern", "A", ("2021", "2021")),
               _record(10, "7", "Hessen", "A", per="year"),
               _record(20, "80", "Hessen", kind="funding_rate"),
               _record(30, "20000", "Bayern", qualifier="at_least", evidence="Von 20.000 bis 50.000 Euro."),
               _record(40, "50000", "Bayern", qualifier="up_to", evidence="Von 20.000 bis 50.000 Euro."),
               _record(50, "100", "Bayern", "A", ("2021", "2021"))]
    text = "x" * 60
    writer = ReportWriter(tmp_path)
    writer.write(writer.prepare(DocResult("d", records, [], [], clean=CleanText(text, (0,), (0,)))))
    assert writer.totals.rows("land") == [("Bayern", 100, 1)]
    page = Parsed((tmp_path / "00001.html").read_text(encoding="utf-8"))
    shown = [d for d in page.data if d == "yes" or d.startswith("no: ")]
    assert shown == ["yes", "no: per unit", "no: percent", "no: range bound", "no: range bound", "no: restatement"]
    assert "1 amounts count in totals, together 100 €" in writer.index_html([])


def test_a_long_tail_becomes_one_bar():
    totals = Totals()
    for n in range(MAX_BARS + 5):
        totals.add(R(n + 1, programme=f"Programm {n:02d}"))
    rows = totals.rows("programme")
    assert len(rows) == MAX_BARS and rows[-1][0] == "(6 more)" and rows[-1][1] == sum(range(1, 7))
    assert bar_chart_svg("Euros", rows).count("<rect") == MAX_BARS


@pytest.mark.parametrize("kind, value, shown", [
    ("amount", "3300000", "3.300.000 €"), ("funding_rate", "80", "80 %"), ("own_share", "12.5", "12,5 %"),
])
def test_value_text(kind, value, shown):
    assert value_text(R(value, kind=kind)) == shown


def test_a_page_without_cleaned_text_says_so():
    page = document_page(doc_id="d", path="d.txt", marked=None, records=[], programmes=[], mentions=[])
    assert "The cleaned text is not available" in page and "No records." in page


def test_no_report_writes_none_and_removes_the_last(tmp_path, capsys):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Das Land gibt 3.000 Euro.\n", encoding="utf-8")
    out = tmp_path / "ausgabe"
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 0
    assert (out / "report.html").is_file() and (out / "report" / "00001.html").is_file()
    assert "report/00001.html" in (out / "report.html").read_text(encoding="utf-8")
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False, report=False) == 0
    assert not (out / "report.html").exists() and not (out / "report").exists()
    assert not (out / "report").is_symlink()
    capsys.readouterr()


def test_the_cli_has_no_report():
    from pipeline.cli import build_parser

    assert build_parser().parse_args(["extract", "x", "--no-report"]).no_report
    assert not build_parser().parse_args(["extract", "x"]).no_report


def test_index_lists_failures_and_documents():
    page = index_page(summary="s", charts="", documents=[("00001.html", "a", "a.txt", 2, 1, 5, ["P"])],
                      failures=[("b.pdf", "PDF is not supported yet")])
    parsed = _check_page(page)
    assert "PDF is not supported yet" in parsed.data and "a" in parsed.data and "P" in parsed.data


@pytest.mark.parametrize("text", [
    "", "Förderung für Kommunen", "<b>", "a & b", 'say "x"', "it's", "a\u202eb", "\x00", "\u200b", "\ufeff",
    "Straße 12 – 14", "\ud800", "\u2028", "plain text with – dashes … and „quotes“",
])
def test_text_html_gives_what_escaping_gives(text):
    """text_html returns text as it is where nothing needs escaping or marking (issue 13:
    a third of the report's time); the result is html.escape's and the odd-character tags'."""
    import html

    from pipeline.report.markup import ODD_CHAR_RE, _odd_char_tag, text_html

    escaped = html.escape(text, quote=True)
    assert text_html(text) == ODD_CHAR_RE.sub(_odd_char_tag, escaped)
