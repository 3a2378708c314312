"""The gold validator: every kind of broken gold is caught and named, real gold is clean."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.evaluation.gold import dump_gold, gold_paths, load_gold
from pipeline.evaluation.gold_checks import validate_dir, validate_gold

ROOT = Path(__file__).resolve().parents[1]
DOC_ID = "900_kleine_gemeinden"
ARTICLE = (
    "Der Freistaat Sachsen fördert mit dem Programm „Digitale Gemeinde“ kleine Kommunen "
    "in den Jahren 2021 bis 2024 mit bis zu 20.000 Euro pro Jahr.\n"
    "Der Fördersatz beträgt 80 Prozent. Anträge sind bis zum 31.08.2021 bei der "
    "Sächsischen Aufbaubank zu stellen. Die Laufzeit beträgt zwei Jahre.\n"
)
# (label, surface text, value); the list order is the mentions' index in the gold file.
MENTIONS = [
    ("LAND", "Sachsen", "Sachsen"),
    ("PROGRAMME", "Digitale Gemeinde", "Digitale Gemeinde"),
    ("PERIOD", "2021 bis 2024", "2021/2024"),
    ("MONEY", "20.000 Euro", "20000"),
    ("PERCENT", "80 Prozent", "80"),
    ("DATE", "31.08.2021", "2021-08-31"),
    ("ORG", "Sächsischen Aufbaubank", "Sächsische Aufbaubank"),
    ("DURATION", "zwei Jahre", "P2Y"),
]
MONEY, PERCENT = 3, 4


def span(text: str) -> dict:
    start = ARTICLE.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def record(kind: str, value, text: str, **fields) -> dict:
    return {
        "kind": kind, "value": value, "qualifier": "exact", "per": "", "land": "Sachsen",
        "programme": "Digitale Gemeinde", "body": "Sächsische Aufbaubank | Freistaat Sachsen",
        "period_start": "2021", "period_end": "2024", "deadline": "2021-08-31",
        "duration": "P2Y", **span(text),
    } | fields


def valid_gold() -> dict:
    return {
        "doc_id": DOC_ID,
        "source": f"corpus/{DOC_ID}.txt",
        "records": [
            record("amount", 20000, "20.000 Euro", qualifier="up_to", per="year"),
            record("funding_rate", 80, "80 Prozent"),
        ],
        "programmes": [
            {"programme": "Digitale Gemeinde", "land": "Sachsen", "body": "Sächsische Aufbaubank",
             "period_start": "2021", "period_end": "2024", "deadline": "2021-08-31"},
        ],
        "mentions": [
            {"label": label, **span(text), "value": value} for label, text, value in MENTIONS
        ],
    }


def write_gold_set(tmp_path: Path, gold: dict, file_stem: str = DOC_ID) -> tuple[Path, Path]:
    annotations, corpus = tmp_path / "annotations", tmp_path / "corpus"
    annotations.mkdir()
    corpus.mkdir()
    (corpus / f"{DOC_ID}.txt").write_text(ARTICLE, encoding="utf-8")
    dump_gold(gold, annotations / f"{file_stem}.json")
    return annotations, corpus


def set_in(path: tuple, value):
    """A mutation that sets gold[path...] = value."""
    def mutate(gold):
        *parents, last = path
        target = gold
        for key in parents:
            target = target[key]
        target[last] = value
    return mutate


def delete_in(path: tuple):
    def mutate(gold):
        *parents, last = path
        target = gold
        for key in parents:
            target = target[key]
        del target[last]
    return mutate


def shift_mention(index: int, by: int):
    def mutate(gold):
        gold["mentions"][index]["start"] += by
        gold["mentions"][index]["end"] += by
    return mutate


def append_copy(key: str, index: int):
    def mutate(gold):
        gold[key].append(copy.deepcopy(gold[key][index]))
    return mutate


# (case, mutation of the valid gold, fragments every one of which one message must contain)
BAD_GOLD = [
    ("stale offsets", shift_mention(MONEY, 1),
     [f"mentions[{MONEY}]", "does not match the source"]),
    ("record value as string", set_in(("records", 0, "value"), "20000"),
     ["records[0]", "must be a JSON number"]),
    ("money value with trailing zeros", set_in(("mentions", MONEY, "value"), "20000.0"),
     [f"mentions[{MONEY}]", "not canonical number text"]),
    ("money value with exponent", set_in(("mentions", MONEY, "value"), "2E+4"),
     [f"mentions[{MONEY}]", "not canonical number text"]),
    ("percent with decimal comma", set_in(("mentions", PERCENT, "value"), "80,0"),
     [f"mentions[{PERCENT}]", "is not a number"]),
    ("money value as JSON number", set_in(("mentions", MONEY, "value"), 20000),
     [f"mentions[{MONEY}]", "must be a string"]),
    ("German date as value", set_in(("mentions", 5, "value"), "31.08.2021"),
     ["mentions[5]", "not an ISO date"]),
    ("impossible calendar date", set_in(("mentions", 5, "value"), "2021-02-30"),
     ["mentions[5]", "not a calendar date"]),
    ("period with a hyphen", set_in(("mentions", 2, "value"), "2021-2024"),
     ["mentions[2]", "not an ISO interval"]),
    ("period open on both sides", set_in(("mentions", 2, "value"), "../.."),
     ["mentions[2]", "open on both sides"]),
    ("period backwards", set_in(("mentions", 2, "value"), "2024/2021"),
     ["mentions[2]", "starts after it ends"]),
    ("duration in words", set_in(("mentions", 7, "value"), "2 Jahre"),
     ["mentions[7]", "not an ISO 8601 duration"]),
    ("short Land name", set_in(("mentions", 0, "value"), "NRW"),
     ["mentions[0]", "not a canonical Land name"]),
    ("record land alternative not a Land", set_in(("records", 0, "land"), "Sachsen | Freistaat"),
     ["records[0]", "land", "'Freistaat' is not a canonical Land name"]),
    ("programme land in English", set_in(("programmes", 0, "land"), "Saxony"),
     ["programmes[0]", "not a canonical Land name"]),
    ("quoted programme value", set_in(("mentions", 1, "value"), "„Digitale Gemeinde“"),
     ["mentions[1]", "without quotes"]),
    ("unknown label", set_in(("mentions", 0, "label"), "STATE"),
     ["mentions[0]", "unknown label 'STATE'"]),
    ("unknown record key", set_in(("records", 1, "note"), "prüfen"),
     ["records[1]", "unknown key 'note'"]),
    ("missing record key", delete_in(("records", 0, "duration")),
     ["records[0]", "missing key 'duration'"]),
    ("missing programme key", delete_in(("programmes", 0, "deadline")),
     ["programmes[0]", "missing key 'deadline'"]),
    ("missing top-level key", delete_in(("programmes",)),
     ["missing key 'programmes'"]),
    # Without "mentions" a file is record-only gold (schema §5): offsets give way to evidence.
    ("no mentions: read as record-only gold", delete_in(("mentions",)),
     ["records[0]", "missing key 'evidence'"]),
    ("unknown top-level key", set_in(("comment",), "offen"),
     ["unknown key 'comment'"]),
    ("unknown kind", set_in(("records", 0, "kind"), "grant"),
     ["records[0]", "kind", "'grant' not in"]),
    ("German qualifier", set_in(("records", 0, "qualifier"), "bis zu"),
     ["records[0]", "qualifier", "'bis zu' not in"]),
    ("empty qualifier", set_in(("records", 1, "qualifier"), ""),
     ["records[1]", "qualifier"]),
    ("per units out of order", set_in(("records", 0, "per"), "municipality+year"),
     ["records[0]", "per: 'municipality+year' is not in canonical order", "'year+municipality'"]),
    ("unknown per unit", set_in(("records", 0, "per"), "month"),
     ["records[0]", "per: unit 'month'"]),
    ("deadline as written", set_in(("records", 0, "deadline"), "31.08.2021"),
     ["records[0]", "deadline", "not an ISO date"]),
    ("duration as written", set_in(("records", 0, "duration"), "zwei Jahre"),
     ["records[0]", "duration", "not an ISO 8601 duration"]),
    ("alternatives without spaces", set_in(("records", 0, "body"), "Sächsische Aufbaubank|SAB"),
     ["records[0]", "body", "separate alternatives by ' | '"]),
    ("record without its mention", delete_in(("mentions", MONEY)),
     ["records[0]", "no MONEY mention at"]),
    ("funding rate on a money span", set_in(("records", 1), record("funding_rate", 20000, "20.000 Euro")),
     ["records[1]", "no PERCENT mention at"]),
    ("record value not its mention's", set_in(("records", 0, "value"), 25000),
     ["records[0]", "disagrees with its MONEY mention's value '20000'"]),
    ("duplicate record", append_copy("records", 0),
     ["records[2]", "duplicate amount record"]),
    ("duplicate mention", append_copy("mentions", 0),
     [f"mentions[{len(MENTIONS)}]", "duplicate LAND mention"]),
    ("duplicate programme", append_copy("programmes", 0),
     ["programmes[1]", "duplicate programme 'Digitale Gemeinde'"]),
    ("empty programme name", set_in(("programmes", 0, "programme"), ""),
     ["programmes[0]", "name is empty"]),
    ("offsets past the end", set_in(("mentions", 0, "end"), len(ARTICLE) + 5),
     ["mentions[0]", "out of range"]),
    ("doc_id not the file name", set_in(("doc_id",), "901_andere_meldung"),
     ["doc_id '901_andere_meldung' does not match the file name"]),
]


@pytest.mark.parametrize(
    "mutate, fragments", [pytest.param(m, f, id=case) for case, m, f in BAD_GOLD]
)
def test_bad_gold_is_named(tmp_path, mutate, fragments):
    gold = valid_gold()
    mutate(gold)
    annotations, corpus = write_gold_set(tmp_path, gold)
    problems = validate_dir(annotations, corpus)
    assert any(
        message.startswith(f"{DOC_ID}.json: ") and all(fragment in message for fragment in fragments)
        for message in problems
    ), problems


def test_missing_source_file_is_named(tmp_path):
    gold = valid_gold() | {"source": "corpus/900_kleine_gemeinden.html"}
    annotations, corpus = write_gold_set(tmp_path, gold)
    problems = validate_dir(annotations, corpus)
    assert problems == [f"{DOC_ID}.json: source file {corpus / (DOC_ID + '.html')} missing"]


def test_unreadable_json_is_named(tmp_path):
    annotations, corpus = write_gold_set(tmp_path, valid_gold())
    (annotations / f"{DOC_ID}.json").write_text('{"doc_id": "a", "doc_id": "b"}', encoding="utf-8")
    problems = validate_dir(annotations, corpus)
    assert len(problems) == 1 and "duplicate key 'doc_id'" in problems[0], problems


def test_stale_offsets_hint_where_the_text_is(tmp_path):
    gold = valid_gold()
    shift_mention(MONEY, 2)(gold)
    annotations, corpus = write_gold_set(tmp_path, gold)
    money = span("20.000 Euro")
    hint = f"(the text occurs at {money['start']}-{money['end']})"
    assert any(hint in message for message in validate_dir(annotations, corpus))


def test_loaded_gold_is_typed(tmp_path):
    annotations, _ = write_gold_set(tmp_path, valid_gold())
    gold = load_gold(annotations / f"{DOC_ID}.json")
    assert (gold.doc_id, gold.records[0].kind, str(gold.records[0].value)) == (DOC_ID, "amount", "20000")
    assert gold.mentions[MONEY].text == "20.000 Euro" and gold.programmes[0].land == "Sachsen"
    assert validate_gold(gold, ARTICLE) == []


def test_baseline_file_is_not_gold(tmp_path):
    annotations, corpus = write_gold_set(tmp_path, valid_gold())
    (annotations / "baseline.json").write_text(json.dumps({"records_f1": 0.5}), encoding="utf-8")
    assert [path.name for path in gold_paths(annotations)] == [f"{DOC_ID}.json"]
    assert validate_dir(annotations, corpus) == []


def gold_sets(tmp_path: Path) -> list[tuple[Path, Path]]:
    """The project's gold, plus one tiny set built here so the check never runs on nothing."""
    sets = [write_gold_set(tmp_path, valid_gold())]
    if gold_paths(ROOT / "annotations"):
        sets.append((ROOT / "annotations", ROOT / "corpus"))
    return sets


def test_every_gold_file_is_valid(tmp_path):
    checked = 0
    for annotations_dir, corpus in gold_sets(tmp_path):
        problems = validate_dir(annotations_dir, corpus)
        assert problems == [], "\n".join(problems)
        checked += len(gold_paths(annotations_dir))
    assert checked >= 1
