"""The whole path on a short document: file -> CLI -> records.csv pointing into the source."""

import csv
import subprocess
import sys

PRESS_RELEASE = """Startseite > Presse > Meldungen
Land fördert digitale Rathäuser mit 12 Millionen Euro
Wiesbaden, 03.02.2025. Das Hessische Ministerium für Digitalisierung startet das Förderprogramm „Digitale Kommune Hessen“.
Jede Kommune kann bis zu 50.000 Euro erhalten. Der Fördersatz beträgt 80 Prozent der zuwendungsfähigen Ausgaben, der Eigenanteil der Kommunen mindestens 20 Prozent.
Anträge können bis zum 30. Juni 2025 gestellt werden.
Bild: Getty Images / Fotograf
Weitere Meldungen
Bayern: Neues Breitbandprogramm startet
[01.02.2025] Der Freistaat stellt 300 Millionen Euro bereit. mehr...
"""


def run_cli(tmp_path):
    src = tmp_path / "in" / "hessen_rathaus.txt"
    src.parent.mkdir()
    src.write_text(PRESS_RELEASE, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(src.parent), "--out", str(out),
                           "--no-progress"], capture_output=True, text=True)
    with open(out / "records.csv", newline="", encoding="utf-8") as f:
        return proc, list(csv.DictReader(f))


def test_short_document_end_to_end(tmp_path):
    proc, rows = run_cli(tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = [(r["kind"], r["value"], r["qualifier"], r["per"]) for r in rows]
    assert got == [
        ("amount", "12000000", "exact", ""),
        ("amount", "50000", "up_to", "municipality"),
        ("funding_rate", "80", "exact", ""),
        ("own_share", "20", "at_least", ""),
    ]
    spans = [PRESS_RELEASE[int(r["start"]):int(r["end"])] for r in rows]
    assert spans == ["12 Millionen Euro", "50.000 Euro", "80 Prozent", "20 Prozent"]
    for r in rows:
        assert r["doc_id"] == "hessen_rathaus"
        assert r["land"] == "Hessen"
        assert r["deadline"] == "2025-06-30"
    assert {r["programme"] for r in rows[1:]} == {"Digitale Kommune Hessen"}
    assert all("300" not in r["value"] for r in rows), "teaser figure must give no record"


def test_rerun_is_byte_identical(tmp_path):
    run_cli(tmp_path)
    first = (tmp_path / "out" / "records.csv").read_bytes()
    (tmp_path / "in" / "hessen_rathaus.txt").unlink()
    (tmp_path / "in").rmdir()
    run_cli(tmp_path)
    assert (tmp_path / "out" / "records.csv").read_bytes() == first
