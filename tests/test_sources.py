"""sources.csv: one row per input file, in path order, with its status, size, SHA-256 and
what it says of itself (pipeline/io/sources.py, io/page_facts.py)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from pipeline.io.batch import EXIT_REFUSED, run_extract
from pipeline.io.reading import read_source
from pipeline.schema import SourceFile, columns

from test_cli_robustness import FakeDocResult, fake_extractor

HTML_PAGE = """<html><head><title>Neue Sporthallen | Land Musterland</title>
<meta name="date" content="2024-05-03">
<meta property="og:site_name" content="Musterland.de">
<link rel="canonical" href="https://www.musterland.example/presse/sporthallen">
</head><body><article><h1>Neue Sporthallen</h1>
<p>Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro für neue Sporthallen.
Anträge können ab sofort gestellt werden.</p></article></body></html>"""


def _rows(out: Path) -> list[dict]:
    with open(out / "sources.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_html_page_states_title_date_url_and_site(tmp_path):
    page = read_source(_write(tmp_path, "seite.html", HTML_PAGE.encode())).page
    assert (page.title, page.date, page.url, page.sitename) == (
        "Neue Sporthallen", "2024-05-03", "https://www.musterland.example/presse/sporthallen", "Musterland.de")


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_one_row_per_input_in_path_order(tmp_path):
    text = "Hannover, 12.03.2024 – Das Land gibt 20.000 Euro.\n".encode()
    inputs = tmp_path / "eingang"
    _write(inputs, "a_meldung.txt", text)
    _write(inputs, "b_leer.txt", b"")
    _write(inputs, "c_seite.html", HTML_PAGE.encode())
    _write(inputs, "d_bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(inputs, "unter/a_meldung.md", b"Ein zweites Mal: 10.000 Euro.\n")  # the same doc_id again

    status = run_extract([tmp_path / "fehlt.txt", inputs], tmp_path / "out", extractor=fake_extractor,
                         progress=False)

    assert status == EXIT_REFUSED
    rows = _rows(tmp_path / "out")
    assert list(rows[0]) == columns(SourceFile)
    got = [(Path(r["path"]).name, r["doc_id"], r["status"], r["problem"]) for r in rows]
    assert got == [
        ("fehlt.txt", "", "refused", "no such file or directory"),
        ("a_meldung.txt", "a_meldung", "read", ""),
        ("b_leer.txt", "b_leer", "refused", "empty file"),
        ("c_seite.html", "c_seite", "read", ""),
        ("d_bild.txt", "d_bild", "refused", "binary file (PNG image), not text"),
        ("a_meldung.md", "a_meldung", "refused",
         f"duplicate doc_id 'a_meldung' (already read from {inputs / 'a_meldung.txt'})"),
    ]
    read_text, empty, html, png = rows[1], rows[2], rows[3], rows[4]
    assert (read_text["bytes"], read_text["sha256"]) == (str(len(text)), hashlib.sha256(text).hexdigest())
    assert (read_text["dateline"], read_text["date"]) == ("Hannover, 12.03.2024", "2024-03-12")
    assert (empty["bytes"], empty["sha256"]) == ("0", "")
    assert png["sha256"] == hashlib.sha256(b"\x89PNG\r\n\x1a\n\x00\x00").hexdigest()
    assert (html["title"], html["date"], html["sitename"]) == ("Neue Sporthallen", "2024-05-03", "Musterland.de")


def test_a_document_the_extractor_fails_on_is_failed(tmp_path):
    from pipeline.extract import DocFailure

    def failing_on_b(sources):
        for source in sources:
            if source.doc_id == "b":
                yield DocFailure(source, ValueError("kaputt"), "trace")
            else:
                yield FakeDocResult(source.doc_id)

    for name in ("a", "b", "c"):
        _write(tmp_path / "in", f"{name}.txt", b"Das Land gibt 20.000 Euro.\n")
    run_extract([tmp_path / "in"], tmp_path / "out", extractor=failing_on_b, progress=False)
    assert [(r["doc_id"], r["status"], r["problem"]) for r in _rows(tmp_path / "out")] == [
        ("a", "read", ""), ("b", "failed", "internal error: ValueError"), ("c", "read", "")]


def test_rows_keep_file_order_when_results_lag_behind_reading(tmp_path):
    """An extractor that reads ahead (as nlp.pipe does in batches) settles refusals before
    the results of files read earlier; the rows still come in file order."""

    def reading_ahead(sources):
        batch = list(sources)  # everything read (and every refusal settled) before any result
        yield from fake_extractor(batch)

    for name, data in (("a", b"20.000 Euro\n"), ("b", b""), ("c", b"30.000 Euro\n"), ("d", b" \n")):
        _write(tmp_path / "in", f"{name}.txt", data)
    run_extract([tmp_path / "in"], tmp_path / "out", extractor=reading_ahead, progress=False)
    assert [(r["doc_id"], r["status"]) for r in _rows(tmp_path / "out")] == [
        ("a", "read"), ("b", "refused"), ("c", "read"), ("d", "refused")]
