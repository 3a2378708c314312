"""The review report in a real browser (issue 16): headless Chromium from the system's
packages (.ci/run installs it) opens pages of a run over documents written for this test,
one of them hostile; the spans and records are there, no script from the input ran, and a
screenshot goes to outputs/report.png. Without Chromium the test skips and says why."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.io.batch import run_extract

REPO = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO / "outputs" / "report.png"
BROWSER = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
# What a script of the input would do if it ran: change the title, mark the page.
ATTACK = "document.title='GEKAPERT';document.documentElement.setAttribute('data-gekapert','1')"
HOSTILE_ARTICLE = (
    "Förderung für digitale Dörfer\n"
    f"Das Land Bayern fördert das Programm „Digitale Dörfer“ mit bis zu 20.000 Euro je Kommune.<script>{ATTACK}</script>\n"
    f"Anträge gibt es hier: <a href=\"javascript:{ATTACK}\">Antrag</a> und \"><img src=x onerror=\"{ATTACK}\">.\n"
    "Der Fördersatz beträgt bis zu 80 Prozent der zuwendungsfähigen Ausgaben.\n"
    "</textarea></pre><svg onload=\"" + ATTACK + "\"></svg> Text mit \u202e umgedrehter Richtung und \u200b Nullbreite.\n"
)
PLAIN_ARTICLE = ("Starke Dörfer in Hessen\n"
                 "Hessen stellt im Jahr 2024 insgesamt 5 Millionen Euro für das Programm Starke Dörfer bereit.\n")

pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on this machine (apt-get install chromium; .ci/run installs it)")


def _browser(tmp_path: Path, url: str, *extra: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"  # a new empty one per call
    done = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report_browser")
    corpus = folder / "korpus"
    corpus.mkdir()
    (corpus / "a_feindlich.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (corpus / "b_schlicht.txt").write_text(PLAIN_ARTICLE, encoding="utf-8")
    out = folder / "ausgabe"
    assert run_extract([corpus], out, progress=False) == 0
    return out


def test_a_document_page_shows_its_spans_and_records_and_runs_no_script(report, tmp_path):
    dom = _browser(tmp_path, (report / "report" / "00001.html").as_uri(), "--dump-dom")
    assert "GEKAPERT" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert re.match(r'<!DOCTYPE html>\s*<html lang="en">', dom)  # no attribute set on it
    assert not re.search(r"<(script|img|svg onload|textarea)\b", dom.split("</header>", 1)[1].replace("<svg class", ""))
    records = re.findall(r'<tr id="r(\d+)"', dom)
    figures = re.findall(r'<a class="m (?:MONEY|PERCENT)" id="s(\d+)" href="#r(\d+)">', dom)
    assert len(records) == 2 and [a for a, b in figures] == [b for a, b in figures] == records
    assert '20.000 Euro<span class="lab">MONEY</span>' in dom and '80 Prozent<span class="lab">PERCENT</span>' in dom
    assert '<mark class="m LAND">Bayern' in dom
    assert f"&lt;script&gt;{ATTACK}&lt;/script&gt;" in dom  # the script shows as text
    assert '<span class="odd" title="U+202E">U+202E</span> umgedrehter Richtung' in dom  # shown, not obeyed


def test_the_index_shows_the_documents_and_a_chart(report, tmp_path):
    dom = _browser(tmp_path, (report / "report.html").as_uri(), "--dump-dom")
    assert re.search(r'<a href="report/00001.html">a_feindlich</a>', dom)
    assert re.search(r'<a href="report/00002.html">b_schlicht</a>', dom)
    assert dom.count('<svg class="chart"') == 3 and ">Hessen</text>" in dom and ">2024</text>" in dom


def test_a_screenshot_of_a_document_page(report, tmp_path):
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    _browser(tmp_path, (report / "report" / "00001.html").as_uri(), f"--screenshot={SCREENSHOT}",
             "--window-size=1600,900")
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and SCREENSHOT.stat().st_size > 20_000
