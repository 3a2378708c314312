"""`evaluate --gold DIR --texts DIR` on record-only gold (schema v1.2 §5): no mention spans,
each record found by its evidence sentence; and `make eval-real` without the dev set.

The texts are short German sentences written for these tests, in the shapes real articles use.
"""

from __future__ import annotations

import csv
import json
import subprocess
from collections import namedtuple
from pathlib import Path

import pytest

import pipeline.evaluation.evaluate as evaluate_module
from pipeline.evaluation.evaluate import MENTIONS_NOT_AVAILABLE, evaluate, main
from pipeline.evaluation.evidence import EvidenceFinder
from pipeline.evaluation.gold_checks import validate_dir
from pipeline.schema import Programme, Record, record_id

ROOT = Path(__file__).resolve().parents[1]
DocResult = namedtuple("DocResult", "doc_id records programmes mentions")

DOC_ID = "r01"
TEXT = (
    "Land fördert Dorfläden\n"
    "Das Wirtschaftsministerium unterstützt im Programm „Dorfladen plus“ zwölf Gemeinden "
    "mit insgesamt 1,2 Millionen Euro.\n"
    "Jede Gemeinde erhält bis zu 100.000 Euro,\n"
    "der Fördersatz beträgt 80 Prozent.\n"
    "Gefördert wurden:\n"
    "Gemeinde Ahrbach 100.000\n"
    "Gemeinde Birkenau 100.000\n"
)
MINISTRY = "Wirtschaftsministerium"


def gold_record(kind, value, evidence, **fields) -> dict:
    return {
        "kind": kind, "value": value, "land": "Hessen", "programme": "Dorfladen plus",
        "body": MINISTRY, "qualifier": "exact", "per": "", "period_start": "", "period_end": "",
        "deadline": "", "duration": "", "evidence": evidence, **fields,
    }


GOLD = {
    "doc_id": DOC_ID,
    "dateline": "2024-03",
    "records": [
        gold_record("amount", 1200000, "Das Wirtschaftsministerium unterstützt im Programm "
                    "„Dorfladen plus“ zwölf Gemeinden mit insgesamt 1,2 Millionen Euro."),
        # evidence cut with "…", and a line break in the text where the gold has a space
        gold_record("amount", 100000, "Jede Gemeinde erhält … 100.000 Euro, der Fördersatz",
                    qualifier="up_to", per="municipality", body=f"{MINISTRY} | "),
        gold_record("funding_rate", 80, "der Fördersatz beträgt 80 Prozent."),
        gold_record("amount", 100000, "Gemeinde Ahrbach 100.000"),
        gold_record("amount", 100000, "Gemeinde Birkenau 100.000"),
    ],
    "programmes": [{"programme": "Dorfladen plus"}],
}


def at(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def predicted(kind, value, span, **fields) -> Record:
    values = {
        "land": "Hessen", "programme": "Dorfladen plus", "body": MINISTRY, "qualifier": "exact",
        "per": "", "period_start": "", "period_end": "", "deadline": "", "duration": "",
    } | fields
    start, end = span
    return Record(record_id=record_id(DOC_ID, start, end, kind), doc_id=DOC_ID, kind=kind,
                  value=value, evidence=TEXT[start:end], start=start, end=end, **values)


def perfect_records() -> list[Record]:
    return [
        predicted("amount", "1200000", at("1,2 Millionen Euro")),
        predicted("amount", "100000", at("100.000 Euro"), qualifier="up_to", per="municipality"),
        predicted("funding_rate", "80", at("80 Prozent")),
        predicted("amount", "100000", at("100.000", 1)),
        predicted("amount", "100000", at("100.000", 2)),
    ]


@pytest.fixture
def dirs(tmp_path) -> tuple[Path, Path, Path]:
    gold_dir, texts, out = tmp_path / "gold", tmp_path / "texts", tmp_path / "out"
    gold_dir.mkdir()
    texts.mkdir()
    (texts / f"{DOC_ID}.txt").write_text(TEXT, encoding="utf-8")
    (gold_dir / f"{DOC_ID}.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    return gold_dir, texts, out


def run(dirs, records, programmes=("Dorfladen plus",)) -> dict:
    gold_dir, texts, out = dirs
    result = DocResult(DOC_ID, records, [Programme(DOC_ID, "", name, "", "", "", "")
                                         for name in programmes], [])
    return evaluate(gold_dir, texts, out, extractor=lambda sources: [result], show=False)


def errors(dirs) -> list[tuple]:
    with open(dirs[2] / "errors.csv", encoding="utf-8", newline="") as stream:
        return [(r["error"], r["kind"], r["value"], r["field"], r["predicted"], r["gold"])
                for r in csv.DictReader(stream)]


def test_record_only_gold_is_valid(dirs):
    assert validate_dir(dirs[0], dirs[1]) == []


def test_perfect_extraction_scores_one_and_mentions_are_not_available(dirs):
    report = run(dirs, perfect_records())
    headline = report["headline"]
    assert (headline["records_f1"], headline["exact_record_f1"], headline["programme_f1"]) == (1, 1, 1)
    assert report["overall"]["mentions"] is None and report["documents"][DOC_ID]["mentions"] is None
    assert json.loads((dirs[2] / "eval.json").read_text(encoding="utf-8")) == report
    assert errors(dirs) == []


# (case, predicted records, (records tp, fp, fn), exact tp, errors.csv rows)
CASES = [
    ("a missed table row", perfect_records()[:4], (4, 0, 1), 4,
     [("fn", "amount", "100000", "", "", "")]),
    ("a wrong land",
     [Record(**{**perfect_records()[0].__dict__, "land": "Bayern"}), *perfect_records()[1:]],
     (5, 0, 0), 4, [("field", "amount", "1200000", "land", "Bayern", "Hessen")]),
    ("a spurious figure", [*perfect_records(), predicted("amount", "12", at("zwölf"))],
     (5, 1, 0), 5, [("fp", "amount", "12", "", "", "")]),
    ("an empty body is one of the gold's readings",
     [Record(**{**perfect_records()[1].__dict__, "body": ""}), *perfect_records()[0:1],
      *perfect_records()[2:]], (5, 0, 0), 5, []),
    # Three records of 100.000: each is matched to the gold record whose evidence holds it,
    # so the per of the sentence's figure is compared with that sentence's gold.
    ("same values matched by evidence", list(reversed(perfect_records())), (5, 0, 0), 5, []),
    ("a value read wrong is a miss and a spurious figure",
     [predicted("amount", "2000000", at("1,2 Millionen Euro")), *perfect_records()[1:]],
     (4, 1, 1), 4, [("fp", "amount", "2000000", "", "", ""), ("fn", "amount", "1200000", "", "", "")]),
]


@pytest.mark.parametrize("records, counts, exact, rows",
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_record_only_scores(dirs, records, counts, exact, rows):
    report = run(dirs, records)
    figures = report["overall"]["records"]
    assert (figures["tp"], figures["fp"], figures["fn"]) == counts
    assert report["overall"]["exact_records"]["tp"] == exact
    assert errors(dirs) == rows


def test_missed_record_shows_its_gold_evidence(dirs):
    run(dirs, perfect_records()[1:])
    with open(dirs[2] / "errors.csv", encoding="utf-8", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["error"] == "fn" and row["evidence"].startswith("Das Wirtschaftsministerium")


def test_errors_carry_the_predicted_records_basis(dirs):
    """A wrong field and a spurious figure show where the prediction read its fields; a
    missed figure has no prediction, so no basis."""
    basis = "land=section;programme=document;body=sentence"
    wrong_land = Record(**{**perfect_records()[0].__dict__, "land": "Bayern", "basis": basis})
    spurious = Record(**{**predicted("amount", "12", at("zwölf")).__dict__, "basis": basis})
    run(dirs, [wrong_land, *perfect_records()[1:4], spurious])
    with open(dirs[2] / "errors.csv", encoding="utf-8", newline="") as stream:
        rows = [(r["error"], r["basis"]) for r in csv.DictReader(stream)]
    assert rows == [("field", basis), ("fp", basis), ("fn", "")]


@pytest.mark.parametrize("names, counts", [
    (["Dorfladen plus"], (1, 0, 0)),
    (["Dorfladen"], (1, 0, 0)),  # one name inside the other counts (schema §6)
    (["Gemeinde Ahrbach"], (0, 1, 1)),  # a recipient is not a programme
    ([], (0, 0, 1)),
])
def test_programmes_of_record_only_gold(dirs, names, counts):
    figures = run(dirs, perfect_records(), programmes=names)["overall"]["programmes"]
    assert (figures["tp"], figures["fp"], figures["fn"]) == counts


@pytest.mark.parametrize("change, fragment", [
    ({"evidence": "Die Stadt erhält 5.000 Euro."}, "does not occur in the source"),
    ({"evidence": ""}, "evidence must be the record's sentence"),
    ({"land": "NRW"}, "not a canonical Land name"),
    ({"start": 3}, "unknown key 'start'"),
])
def test_stale_record_only_gold_is_named(dirs, change, fragment):
    gold = json.loads(json.dumps(GOLD))
    gold["records"][0] |= change
    (dirs[0] / f"{DOC_ID}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    problems = validate_dir(dirs[0], dirs[1])
    assert any(p.startswith(f"{DOC_ID}.json: records[0]") and fragment in p for p in problems), problems


@pytest.mark.parametrize("source, evidence, expected", [
    ("Der Bund gibt\n  5 Mio. Euro.", "Der Bund gibt 5 Mio. Euro.", "Der Bund gibt\n  5 Mio. Euro."),
    ("A. Das Land gibt viel. Es zahlt 80 %.", "Das Land … 80 %.", "Das Land gibt viel. Es zahlt 80 %."),
    ("Das Land gibt 80 %.", "Der Bund gibt 80 %.", None),
    ("zahlt 5 Euro, zahlt 6 Euro", "zahlt … 6 Euro", "zahlt 5 Euro, zahlt 6 Euro"),
])
def test_evidence_span(source, evidence, expected):
    span = EvidenceFinder(source).span(evidence)
    assert (source[span[0]:span[1]] if span else None) == expected


def test_command_with_gold_and_texts(dirs, monkeypatch, capsys):
    gold_dir, texts, out = dirs
    result = DocResult(DOC_ID, perfect_records(), [], [])
    monkeypatch.setattr(evaluate_module, "default_extractor", lambda sources: [result])
    assert main(["--gold", str(gold_dir), "--texts", str(texts), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert MENTIONS_NOT_AVAILABLE in printed and "strictF1" not in printed
    assert (out / "eval.json").exists() and (out / "errors.csv").exists()


def test_make_eval_real_without_devset_says_how_to_get_it(tmp_path):
    done = subprocess.run(
        # -o: take the venv as installed, so only the dev set check runs
        ["make", "-s", "-o", ".venv/.installed-stamp", "eval-real",
         f"DEVSET_TEXTS={tmp_path / 'none'}"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode != 0
    assert "shared/devset/README.md" in done.stderr and done.stdout == ""
