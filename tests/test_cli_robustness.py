"""A batch survives bad input: one clear stderr line per bad file, the good ones all extracted.

Each bad input runs together with a good document, twice over the same table: through
run_extract with a stand-in extractor (tests the batch now), and through the real CLI
with the real extractor (skipped until pipeline.extract and pipeline.cli exist).
Every German sentence here was written for these tests.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import pipeline.io.batch
import pipeline.io.outcomes
from pipeline.io.batch import EXIT_NOTHING, run_extract
from pipeline.io.reading import DEFAULT_MAX_BYTES, Source, read_source
from pipeline.schema import Mention, Record, record_id

GOOD_NAME = "gut.txt"
GOOD_TEXT = "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro.\n"
GOOD_FIGURE = ("gut", "20.000 Euro", "20000")

AMOUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3})+ Euro")


@dataclass
class FakeDocResult:
    doc_id: str
    records: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    mentions: list = field(default_factory=list)


def fake_extractor(sources: Iterable[Source]) -> Iterator[FakeDocResult]:
    """Stands in for the spaCy extractor: one amount record per "<digits> Euro"."""
    for source in sources:
        result = FakeDocResult(source.doc_id)
        for match in AMOUNT_RE.finditer(source.text):
            value = match.group().removesuffix(" Euro").replace(".", "")
            line_start = source.text.rfind("\n", 0, match.start()) + 1
            line_end = source.text.find("\n", match.end())
            evidence = source.text[line_start:line_end if line_end >= 0 else None]
            result.records.append(Record(
                record_id(source.doc_id, match.start(), match.end(), "amount"), source.doc_id, "", "", "",
                "amount", value, "exact", "", "", "", "", "", evidence, match.start(), match.end()))
            result.mentions.append(Mention(source.doc_id, "MONEY", match.start(), match.end(), match.group(), value))
        yield result


def real_pipeline_available() -> bool:
    try:
        import pipeline.cli  # noqa: F401
        import pipeline.extract  # noqa: F401
    except ImportError:
        return False
    return True


# --- the table of inputs -------------------------------------------------------------

Builder = Callable[[Path], Path]


def a_file(name: str, data: bytes, mode: int | None = None) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        if mode is not None:
            path.chmod(mode)
        return path
    return build


def a_folder(name: str, files: dict[str, bytes] | None = None) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        for file_name, data in (files or {}).items():
            (path / file_name).write_bytes(data)
        return path
    return build


def a_missing_path(name: str) -> Builder:
    return lambda folder: folder / name


@dataclass(frozen=True)
class Case:
    id: str
    build: Builder
    problem: str | None  # the stderr problem; None: the file reads fine
    figure: tuple[str, str, str] | None = None  # (doc_id, figure text, value) expected when it reads
    max_bytes: int = DEFAULT_MAX_BYTES
    unreadable: bool = False


NAV_ONLY_PAGE = (b"<html><head><title>Startseite</title></head><body><nav><ul>"
                 b"<li><a href='/'>Startseite</a></li><li><a href='/presse'>Presse</a></li></ul></nav></body></html>")
HTML_1252_PAGE = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
                  "<title>Förderung</title></head><body><article><h1>Zuschüsse für Städte</h1>"
                  "<p>Der Freistaat Sachsen unterstützt Gemeinden mit bis zu 40.000 Euro je Vorhaben. "
                  "Anträge nimmt die Sächsische Aufbaubank ab sofort entgegen.</p></article></body></html>")

CASES = [
    Case("empty file", a_file("leer.txt", b""), "empty file"),
    Case("only whitespace", a_file("leerraum.txt", b" \r\n\t\n   \n"), "only whitespace"),
    Case("png image", a_file("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
         "binary file (PNG image), not text"),
    Case("corrupt pdf", a_file("pressemitteilung.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
         "broken PDF (PDFSyntaxError)"),
    Case("no permission", a_file("gesperrt.txt", "Bayern gibt 10.000 Euro.\n".encode(), mode=0o000),
         "permission denied", unreadable=True),
    Case("broken html", a_file("kaputt.html", b"</td></tr></table></div>\n</body>"), "broken HTML (cannot be parsed)"),
    Case("html without main text", a_file("navigation.html", NAV_ONLY_PAGE), "HTML has no main text"),
    Case("over the size limit", a_file("riesig.txt", "Förderung von 1.000 Euro. ".encode() * 80), 
         "file is 2.2 kB, over the 1 kB limit (--max-bytes)", max_bytes=1000),
    Case("empty folder", a_folder("leerer_ordner"), "no supported files in folder (.txt, .md, .html, .htm, .pdf)"),
    Case("folder of unsupported files", a_folder("fotos", {"seite1.png": b"\x89PNG\r\n", "seite2.jpg": b"\xff\xd8\xff"}),
         "no supported files in folder (.txt, .md, .html, .htm, .pdf)"),
    Case("missing path", a_missing_path("gibt_es_nicht.txt"), "no such file or directory"),
    Case("windows-1252", a_file("windows.txt",
                                "Der Freistaat Thüringen fördert die Gemeinden mit 1.500.000 Euro.\r\n".encode("cp1252")),
         None, ("windows", "1.500.000 Euro", "1500000")),
    Case("utf-16 with BOM", a_file("breit.txt",
                                   "Für die Förderung stellt Sachsen-Anhalt 75.000 Euro bereit.\n".encode("utf-16")),
         None, ("breit", "75.000 Euro", "75000")),
    Case("CRLF line ends", a_file("zeilen.md", ("Förderaufruf Breitband\r\n\r\nDas Land Brandenburg unterstützt "
                                                "Kommunen mit bis zu 50.000 Euro.\r\n").encode()),
         None, ("zeilen", "50.000 Euro", "50000")),
    Case("html declaring windows-1252", a_file("sachsen.html", HTML_1252_PAGE.encode("cp1252")),
         None, ("sachsen", "40.000 Euro", "40000")),
]


def _prepare(tmp_path: Path, case: Case) -> tuple[Path, Path, Path]:
    inputs = tmp_path / "eingang"
    inputs.mkdir()
    good = inputs / GOOD_NAME
    good.write_bytes(GOOD_TEXT.encode("utf-8"))
    return good, case.build(inputs), tmp_path / "ausgabe"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _check_outcome(case: Case, good: Path, bad: Path, out: Path, status: int, stderr: str, exact: bool) -> None:
    failure_lines = [line for line in stderr.splitlines() if line.startswith("pipeline: ")]
    records = _read_csv(out / "records.csv")
    found = {(r["doc_id"], r["value"]) for r in records if r["kind"] == "amount"}
    expected_figures = [GOOD_FIGURE] + ([case.figure] if case.figure else [])
    for doc_id, _, value in expected_figures:
        assert (doc_id, value) in found
    # offsets refer to the decoded text (line ends normalised, BOM gone)
    texts = {"gut": GOOD_TEXT}
    if case.figure:
        texts[case.figure[0]] = read_source(bad).text
    for doc_id, figure, value in expected_figures:
        spans = [texts[doc_id][int(r["start"]):int(r["end"])] for r in records
                 if (r["doc_id"], r["value"]) == (doc_id, value)]
        assert figure in spans
    if case.problem is None:
        assert status == 0
        assert failure_lines == []
        summary = f"read 2 documents, 0 failed, 2 records -> {out}/" if exact else "read 2 documents, 0 failed"
    else:
        assert status == 1
        assert failure_lines == [f"pipeline: {bad}: {case.problem}"]
        summary = f"read 1 document, 1 failed, 1 record -> {out}/" if exact else "read 1 document, 1 failed"
    assert summary in stderr.splitlines()[-1]
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["documents_read"] == len(expected_figures)
    assert run["failures"] == ([] if case.problem is None else [{"path": str(bad), "problem": case.problem}])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_with_stand_in_extractor(tmp_path, monkeypatch, capsys, case):
    good, bad, out = _prepare(tmp_path, case)
    if case.unreadable and os.access(bad, os.R_OK):  # root reads anything: simulate the refusal
        real_open = Path.open

        def open_refusing(self, *args, **kwargs):
            if self == bad:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", open_refusing)
    status = run_extract([good, bad], out, max_bytes=case.max_bytes, extractor=fake_extractor)
    _check_outcome(case, good, bad, out, status, capsys.readouterr().err, exact=True)


@pytest.mark.skipif(not real_pipeline_available(), reason="needs the real extractor (pipeline.extract, pipeline.cli)")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_through_the_cli(tmp_path, case):
    good, bad, out = _prepare(tmp_path, case)
    if case.unreadable and os.access(bad, os.R_OK):
        pytest.skip("running as root: chmod 000 does not make the file unreadable")
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(good), str(bad), "--out", str(out),
         "--max-bytes", str(case.max_bytes), "--no-progress"],
        capture_output=True, text=True, timeout=600,
    )
    _check_outcome(case, good, bad, out, completed.returncode, completed.stderr, exact=False)


@pytest.mark.skipif(not real_pipeline_available(), reason="needs the real extractor (pipeline.extract, pipeline.cli)")
def test_text_over_a_million_characters_is_extracted(tmp_path, capsys):
    """spaCy refuses a text over nlp.max_length, a million characters unless set: here the
    reader's size cap is the only limit, so a long report is read like a short one."""
    from pipeline.extract import load_nlp

    long_file, good = tmp_path / "bericht.txt", tmp_path / GOOD_NAME
    long_file.write_text("Die Gemeinde plant den Ausbau ihrer Verwaltung.\n" * 22_000 + GOOD_TEXT, encoding="utf-8")
    good.write_text(GOOD_TEXT, encoding="utf-8")
    assert len(long_file.read_text(encoding="utf-8")) > 1_000_000
    out = tmp_path / "out"
    assert run_extract([long_file, good], out, max_bytes=2 * DEFAULT_MAX_BYTES) == 0
    rows = _read_csv(out / "records.csv")
    assert [(r["doc_id"], r["value"]) for r in rows] == [("bericht", "20000"), ("gut", "20000")]
    assert load_nlp().max_length >= 2 * DEFAULT_MAX_BYTES  # a raised cap raises spaCy's limit with it


# --- whole runs ------------------------------------------------------------------------


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"meldung_{i:03d}.txt").write_text(
            f"Meldung {i}: Das Land Hessen fördert die Gemeinde {i} mit {i + 1}.000 Euro.\n"
            f"- die Förderung läuft bis 2024; „Sonderprogramm“, sagt das Ministerium.\n", encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    """The outputs a reader sees (through their links; a folder's files as folder/name; a
    link to a name the current set lacks shows nothing); hidden entries are the writer's."""
    shown = {}
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or not p.exists():
            continue
        if p.is_dir():
            shown.update({f"{p.name}/{q.name}": q.read_bytes() for q in sorted(p.iterdir())})
        else:
            shown[p.name] = p.read_bytes()
    return shown


def _hidden(folder: Path) -> list[str]:
    """The writer's own entries: the lock, the current set and its link; anything more is a leftover."""
    return sorted(".set-" if p.name.startswith(".set-") else p.name
                  for p in folder.iterdir() if p.name.startswith("."))


def test_rerun_is_byte_identical(tmp_path, capsys):
    corpus = _corpus(tmp_path / "korpus", 5)
    out = tmp_path / "ausgabe"
    assert run_extract([corpus], out, extractor=fake_extractor) == 0
    first = _snapshot(out)
    time.sleep(1.1)  # let the clock move on; nothing but run.json may notice
    assert run_extract([corpus], out, extractor=fake_extractor) == 0
    second = _snapshot(out)
    pages = {f"report/{n:05d}.html" for n in range(1, 6)}
    assert set(first) == {"records.csv", "programmes.csv", "mentions.csv", "records.xlsx", "run.json", "sources.csv",
                          "report.html"} | pages
    for name in ("records.csv", "programmes.csv", "mentions.csv", "records.xlsx", "report.html", *pages):
        assert first[name] == second[name], name
    run = json.loads(second["run.json"])
    assert run["documents_read"] == 5 and run["records_written"] == 5 and run["mentions_written"] == 5
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", run["finished_at"])
    assert run["pipeline_version"] == pipeline.__version__ and run["spacy_version"]
    rows = _read_csv(out / "records.csv")
    assert [r["doc_id"] for r in rows] == [f"meldung_{i:03d}" for i in range(5)]
    assert capsys.readouterr().err.splitlines() == [f"read 5 documents, 0 failed, 5 records -> {out}/"] * 2


def test_documents_stream_through_the_extractor(tmp_path, monkeypatch):
    """Each file is read only when the extractor asks for it, and its rows are written then."""
    corpus = _corpus(tmp_path / "korpus", 3)
    events: list[str] = []
    real_read = pipeline.io.outcomes.source_from_bytes

    def logged_read(path, data):
        events.append(f"read {Path(path).stem}")
        return real_read(path, data)

    def logged_extractor(sources):
        for result in fake_extractor(sources):
            events.append(f"extracted {result.doc_id}")
            yield result

    monkeypatch.setattr(pipeline.io.outcomes, "source_from_bytes", logged_read)
    run_extract([corpus], tmp_path / "ausgabe", extractor=logged_extractor, progress=False)
    assert events == [f"{step} meldung_{i:03d}" for i in range(3) for step in ("read", "extracted")]


def test_duplicate_doc_id_is_a_failure(tmp_path, capsys):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "meldung.html").write_bytes(HTML_1252_PAGE.encode("cp1252"))
    (corpus / "meldung.txt").write_text(GOOD_TEXT, encoding="utf-8")
    assert run_extract([corpus], tmp_path / "ausgabe", extractor=fake_extractor) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"pipeline: {corpus / 'meldung.txt'}: duplicate doc_id 'meldung' (already read from {corpus / 'meldung.html'})"
    assert [r["value"] for r in _read_csv(tmp_path / "ausgabe" / "records.csv")] == ["40000"]


def test_nothing_read_leaves_old_outputs(tmp_path, capsys):
    out = tmp_path / "ausgabe"
    assert run_extract([_corpus(tmp_path / "korpus", 2)], out, extractor=fake_extractor) == 0
    before = _snapshot(out)
    assert run_extract([tmp_path / "tippfehler"], out, extractor=fake_extractor) == EXIT_NOTHING
    assert _snapshot(out) == before
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"pipeline: {tmp_path / 'tippfehler'}: no such file or directory",
        f"read 0 documents, 1 failed; nothing written, {out}/ left as it was",
    ]


def test_writer_failing_halfway_keeps_old_outputs(tmp_path, monkeypatch, capsys):
    out = tmp_path / "ausgabe"
    corpus = _corpus(tmp_path / "korpus", 4)
    assert run_extract([corpus], out, extractor=fake_extractor) == 0
    before = _snapshot(out)

    def xlsx_writer_dying_halfway(handle, sheets):
        handle.write(b"PK\x03\x04 halb geschrieben")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.io.batch, "write_xlsx", xlsx_writer_dying_halfway)
    (corpus / "neu.txt").write_text("Neu: Bremen gibt 9.000 Euro.\n", encoding="utf-8")
    with pytest.raises(OSError):
        run_extract([corpus], out, extractor=fake_extractor)
    assert _snapshot(out) == before  # same files, same bytes
    assert _hidden(out) == [".current", ".lock", ".set-"]  # no staging folder left


RUNNER = textwrap.dedent("""
    import signal, sys, time
    from pathlib import Path
    # Ctrl-C as a terminal delivers it: a test run started in the background of a
    # non-interactive shell inherits SIGINT ignored, and the run would never see it
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.path.insert(0, sys.argv[3])
    from test_cli_robustness import fake_extractor
    from pipeline.io.batch import EXIT_NOTHING, run_extract

    def slow(sources):
        for result in fake_extractor(sources):
            time.sleep(0.02)
            yield result

    sys.exit(run_extract([sys.argv[1]], sys.argv[2], extractor=slow, progress=False))
""")

# (signal, whether the run can clean up its temporary files)
KILLS = [(signal.SIGKILL, False), (signal.SIGTERM, True), (signal.SIGINT, True)]


@pytest.mark.parametrize("signum, cleans_up", KILLS, ids=[s.name for s, _ in KILLS])
def test_run_killed_midway_keeps_old_outputs(tmp_path, signum, cleans_up):
    corpus = _corpus(tmp_path / "korpus", 300)
    out = tmp_path / "ausgabe"
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 0
    before = _snapshot(out)
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(runner), str(corpus), str(out), str(Path(__file__).parent)],
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size > 2000 for p in out.glob(".set-*/.records.csv.*.tmp")):
        assert process.poll() is None and time.monotonic() < deadline, "the run never got to writing"
        time.sleep(0.01)
    process.send_signal(signum)
    process.communicate(timeout=60)
    assert process.returncode != 0
    assert _snapshot(out) == before
    if cleans_up:
        assert _hidden(out) == [".current", ".lock", ".set-"]  # no staging folder left behind
    assert run_extract([corpus], out, extractor=fake_extractor, progress=False) == 0  # cleans the leftovers
    assert _hidden(out) == [".current", ".lock", ".set-"]


def test_output_folder_that_cannot_be_made(tmp_path, capsys):
    blocker = tmp_path / "ausgabe"
    blocker.write_text("eine Datei, kein Ordner", encoding="utf-8")
    corpus = _corpus(tmp_path / "korpus", 1)
    assert run_extract([corpus], blocker, extractor=fake_extractor) == EXIT_NOTHING
    assert capsys.readouterr().err.splitlines() == [f"pipeline: {blocker}: cannot write outputs (File exists)"]
    assert blocker.read_text(encoding="utf-8") == "eine Datei, kein Ordner"


@pytest.mark.parametrize("others, note", [
    ([], None),
    (["antrag.docx"], "pipeline: not read (type not supported): 1 .docx files in the folders given"),
    (["a.docx", "b.docx", "bild.png", "LIESMICH", "unter/c.DOCX"],
     "pipeline: not read (type not supported): 3 .docx, 1 (no suffix), 1 .png files in the folders given"),
    ([".versteckt.docx", ".git/config"], None),  # hidden files and folders are not counted
])
def test_files_of_other_types_in_a_folder_are_named_in_one_line(tmp_path, capsys, others, note):
    """A folder's files of a type not read are left out, and the run says so in one line
    (not a failure: the exit status stays 0)."""
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "meldung.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for name in others:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_bytes(b"PK\x03\x04")
    assert run_extract([corpus], tmp_path / "ausgabe", extractor=fake_extractor, progress=False) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "not read" in line]
    assert lines == ([note] if note else [])


def test_start_up_imports_no_dateparser():
    """dateparser (0.1 s CPU to import) is imported only when a span needs it
    (normalize/dates.date_parser), not by loading the command and the pipeline."""
    code = ("import sys, pipeline.cli, pipeline.io.batch, pipeline.extract; "
            "pipeline.extract.load_nlp(); print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
