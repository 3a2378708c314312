"""The evaluator command and the regression gate against annotations/baseline.json."""

from __future__ import annotations

import csv
import json
from collections import namedtuple
from pathlib import Path

import pytest

import pipeline.evaluation.evaluate as evaluate_module
from pipeline.evaluation.evaluate import (
    UPDATE_COMMAND,
    compare_with_baseline,
    evaluate,
    floor_figure,
    load_baseline,
    main,
)
from pipeline.evaluation.gold import BASELINE_FILE, GoldError, dump_gold, gold_paths, load_gold
from pipeline.schema import Mention, Programme, Record, format_value, record_id

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "annotations" / BASELINE_FILE

DocResult = namedtuple("DocResult", "doc_id records programmes mentions")

DOC_ID = "910_digitale_doerfer"
ARTICLE = (
    "Land Brandenburg stellt 3,3 Mio. Euro für digitale Dörfer bereit\n"
    "Das Ministerium des Innern und für Kommunales stellt im Programm „Digitale Dörfer“ "
    "insgesamt 3,3 Mio. Euro bereit. Gefördert werden bis zu 90 Prozent der "
    "zuwendungsfähigen Ausgaben.\n"
    "Der Eigenanteil der Gemeinden beträgt 10 Prozent.\n"
)
BODY = "Ministerium des Innern und für Kommunales"


def nth_span(text: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = ARTICLE.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text}


def gold_record(kind, value, qualifier, text, occurrence=0) -> dict:
    return {
        "kind": kind, "value": value, "qualifier": qualifier, "per": "", "land": "Brandenburg",
        "programme": "Digitale Dörfer", "body": BODY, "period_start": "", "period_end": "",
        "deadline": "", "duration": "", **nth_span(text, occurrence),
    }


def tiny_gold() -> dict:
    return {
        "doc_id": DOC_ID,
        "source": f"corpus/{DOC_ID}.txt",
        "records": [
            gold_record("amount", 3300000, "exact", "3,3 Mio. Euro", 0),
            gold_record("amount", 3300000, "exact", "3,3 Mio. Euro", 1),
            gold_record("funding_rate", 90, "up_to", "90 Prozent"),
            gold_record("own_share", 10, "exact", "10 Prozent"),
        ],
        "programmes": [
            {"programme": "Digitale Dörfer", "land": "Brandenburg", "body": BODY,
             "period_start": "", "period_end": "", "deadline": ""},
        ],
        "mentions": [
            {"label": "LAND", **nth_span("Brandenburg"), "value": "Brandenburg"},
            {"label": "MONEY", **nth_span("3,3 Mio. Euro", 0), "value": "3300000"},
            {"label": "ORG", **nth_span(BODY), "value": BODY},
            {"label": "PROGRAMME", **nth_span("Digitale Dörfer"), "value": "Digitale Dörfer"},
            {"label": "MONEY", **nth_span("3,3 Mio. Euro", 1), "value": "3300000"},
            {"label": "PERCENT", **nth_span("90 Prozent"), "value": "90"},
            {"label": "PERCENT", **nth_span("10 Prozent"), "value": "10"},
        ],
    }


@pytest.fixture
def gold_set(tmp_path) -> tuple[Path, Path, Path]:
    annotations, corpus, out = tmp_path / "annotations", tmp_path / "corpus", tmp_path / "out"
    annotations.mkdir()
    corpus.mkdir()
    (corpus / f"{DOC_ID}.txt").write_text(ARTICLE, encoding="utf-8")
    dump_gold(tiny_gold(), annotations / f"{DOC_ID}.json")
    return annotations, corpus, out


def oracle_result(annotations: Path) -> DocResult:
    """What a perfect extractor would return for the tiny gold document."""
    gold = load_gold(annotations / f"{DOC_ID}.json")
    records = [
        Record(
            record_id=record_id(DOC_ID, r.start, r.end, r.kind), doc_id=DOC_ID, land=r.land,
            programme=r.programme, body=r.body, kind=r.kind, value=format_value(r.value),
            qualifier=r.qualifier, per=r.per, period_start=r.period_start, period_end=r.period_end,
            deadline=r.deadline, duration=r.duration, evidence=r.text, start=r.start, end=r.end,
        )
        for r in gold.records
    ]
    programmes = [Programme(DOC_ID, p.land, p.programme, p.body, "", "", "") for p in gold.programmes]
    mentions = [Mention(DOC_ID, m.label, m.start, m.end, m.text, m.value) for m in gold.mentions]
    return DocResult(DOC_ID, records, programmes, mentions)


def read_errors(out: Path) -> list[dict]:
    with open(out / "errors.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_perfect_extractor_scores_one(gold_set):
    annotations, corpus, out = gold_set
    report = evaluate(annotations, corpus, out, extractor=lambda sources: [oracle_result(annotations)], show=False)
    headline = report["headline"]
    assert (headline["exact_record_f1"], headline["records_f1"], headline["programme_f1"]) == (1.0, 1.0, 1.0)
    assert set(headline["field_accuracy"].values()) == {1.0}
    assert report["overall"]["mentions"]["ALL"]["strict"]["f1"] == 1.0
    assert json.loads((out / "eval.json").read_text(encoding="utf-8")) == report
    assert read_errors(out) == []


def test_errors_csv_names_each_error(gold_set):
    annotations, corpus, out = gold_set
    result = oracle_result(annotations)
    funding_rate = result.records[2]
    records = [
        *result.records[:2],
        Record(**{**funding_rate.__dict__, "land": "Berlin"}),  # wrong field
        Record(**{**funding_rate.__dict__, "kind": "amount", "value": "7500"}),  # false positive
    ]  # own share missing: false negative
    report = evaluate(
        annotations, corpus, out, show=False,
        extractor=lambda sources: [result._replace(records=records, programmes=[])],
    )
    rows = [(r["doc_id"], r["error"], r["kind"], r["value"], r["field"], r["predicted"], r["gold"])
            for r in read_errors(out)]
    assert rows == [
        (DOC_ID, "field", "funding_rate", "90", "land", "Berlin", "Brandenburg"),
        (DOC_ID, "fp", "amount", "7500", "", "", ""),
        (DOC_ID, "fn", "own_share", "10", "", "", ""),
        (DOC_ID, "fn", "programme", "", "programme", "", "Digitale Dörfer"),
    ]
    assert "Eigenanteil der Gemeinden" in read_errors(out)[2]["evidence"]
    assert (report["overall"]["records"]["tp"], report["overall"]["exact_records"]["tp"]) == (3, 2)


def test_missing_document_counts_as_all_missed(gold_set):
    annotations, corpus, out = gold_set
    report = evaluate(annotations, corpus, out, extractor=lambda sources: [], show=False)
    assert report["overall"]["records"]["fn"] == 4 and report["headline"]["records_f1"] == 0.0
    assert report["headline"]["field_accuracy"]["land"] is None


def test_eval_json_is_byte_identical_across_runs(gold_set, tmp_path):
    annotations, corpus, _ = gold_set
    outputs = []
    for run in ("first", "second"):
        evaluate(annotations, corpus, tmp_path / run, show=False,
                 extractor=lambda sources: [oracle_result(annotations)._replace(programmes=[])])
        outputs.append(((tmp_path / run / "eval.json").read_bytes(), (tmp_path / run / "errors.csv").read_bytes()))
    assert outputs[0] == outputs[1]


def test_invalid_gold_is_never_scored(gold_set):
    annotations, corpus, out = gold_set
    broken = tiny_gold()
    broken["mentions"][1]["start"] += 1
    dump_gold(broken, annotations / f"{DOC_ID}.json")
    with pytest.raises(GoldError, match="does not match the source"):
        evaluate(annotations, corpus, out, extractor=lambda sources: [], show=False)
    assert not out.exists()


FLOOR_CASES = [
    (0.29, 0.29),
    (0.83339, 0.8333),
    (2 / 3, 0.6666),
    (1.0, 1.0),
    (0.0, 0.0),
    (None, 0.0),
]


@pytest.mark.parametrize("measured, floored", FLOOR_CASES)
def test_baseline_figures_round_down(measured, floored):
    assert floor_figure(measured) == floored
    assert measured is None or floor_figure(measured) <= measured


BASELINE_CASES = [
    # (measured headline, baseline, figures reported as dropped)
    ({"records_f1": 0.8}, {"records_f1": 0.8}, []),
    ({"records_f1": 0.81}, {"records_f1": 0.8}, []),
    ({"records_f1": 0.8 - 1e-10}, {"records_f1": 0.8}, []),  # within the tolerance
    ({"records_f1": 0.7999}, {"records_f1": 0.8}, ["records_f1"]),
    ({"field_accuracy": {"land": 0.5, "body": 0.9}}, {"field_accuracy": {"land": 0.6, "body": 0.9}},
     ["field_accuracy.land"]),
    ({"field_accuracy": {"land": None}}, {"field_accuracy": {"land": 0.6}}, ["field_accuracy.land"]),
    ({}, {"programme_f1": 0.5}, ["programme_f1"]),
    ({"exact_record_f1": 0.4, "programme_f1": 0.9}, {"programme_f1": 0.5}, []),  # unguarded figure
]


@pytest.mark.parametrize("headline, baseline, dropped", BASELINE_CASES)
def test_compare_with_baseline(headline, baseline, dropped):
    drops = compare_with_baseline(headline, baseline)
    assert [drop.split(" ")[0] for drop in drops] == dropped


def test_update_baseline_command(gold_set, monkeypatch, capsys):
    annotations, corpus, out = gold_set
    monkeypatch.setattr(evaluate_module, "default_extractor", lambda sources: [oracle_result(annotations)])
    argv = ["--annotations", str(annotations), "--corpus", str(corpus), "--out", str(out)]
    assert main([*argv, "--update-baseline"]) == 0
    baseline = load_baseline(annotations / BASELINE_FILE)
    assert baseline["exact_record_f1"] == 1.0 and baseline["field_accuracy"]["deadline"] == 1.0
    assert [path.name for path in gold_paths(annotations)] == [f"{DOC_ID}.json"]
    assert main(argv) == 0
    assert "no figure below the baseline" in capsys.readouterr().out


def test_command_refuses_without_gold(tmp_path, capsys):
    empty = tmp_path / "annotations"
    empty.mkdir()
    assert main(["--annotations", str(empty), "--corpus", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "no gold files" in capsys.readouterr().err


@pytest.mark.skipif(
    not BASELINE.exists(),
    reason=f"annotations/{BASELINE_FILE} is absent: no measured baseline yet "
    f"(create it from a real run with `{UPDATE_COMMAND}`)",
)
def test_no_figure_below_baseline(tmp_path):
    report = evaluate(ROOT / "annotations", ROOT / "corpus", tmp_path, show=False)
    drops = compare_with_baseline(report["headline"], load_baseline(BASELINE))
    assert not drops, (
        "The extractor fell below annotations/baseline.json:\n  " + "\n  ".join(drops)
        + f"\nFix the regression. If the change is a deliberate improvement overall, or the gold "
        f"changed, raise the baseline with `{UPDATE_COMMAND}` and commit annotations/{BASELINE_FILE}."
    )
