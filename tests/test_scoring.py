"""The scorer (schema §6) on small hand-made cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.evaluation.gold import GoldMention, GoldRecord
from pipeline.schema import Mention, Programme, Record
from pipeline.evaluation.matching import field_matches, match_mentions, match_records, normalise_text
from pipeline.evaluation.scoring import prf, score_corpus, score_document

FIELD_DEFAULTS = {
    "land": "Bayern", "programme": "Digitales Rathaus", "body": "", "qualifier": "exact",
    "per": "", "period_start": "", "period_end": "", "deadline": "", "duration": "",
}


def pred(kind: str, value: str, start: int, end: int, **fields) -> Record:
    """A predicted record as the extractor gives it: value as canonical text."""
    return Record(
        record_id=f"doc:{start}-{end}:{kind}", doc_id="doc", kind=kind, value=value,
        evidence="", start=start, end=end, **(FIELD_DEFAULTS | fields),
    )


def gold(kind: str, value, start: int, end: int, **fields) -> GoldRecord:
    return GoldRecord(
        kind=kind, value=Decimal(str(value)), start=start, end=end, text="",
        **(FIELD_DEFAULTS | fields),
    )


NORMALISED = [
    ("„Digitales Rathaus“", "digitales rathaus"),
    ("»Starke Heimat Hessen«", "starke heimat hessen"),
    ("‚Digital-Lotsen-Sachsen‘", "digital lotsen sachsen"),
    ('"KomPrOZG"', "komprozg"),
    ("  Ministerium für Inneres,  Digitalisierung und Kommunen. ",
     "ministerium für inneres digitalisierung und kommunen"),
    ("STAATSMINISTERIUM DER FINANZEN", "staatsministerium der finanzen"),
    ("Landesamt für Straßenbau", "landesamt für strassenbau"),
    ("Förderaufruf (2. Runde)", "förderaufruf 2 runde"),
    ("", ""),
]


@pytest.mark.parametrize("raw, expected", NORMALISED)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


FIELD_CASES = [
    # exact fields: case and quotes do not matter, nothing else is lenient
    ("land", "Bayern", "Bayern", True),
    ("land", "bayern", "Bayern", True),
    ("land", "Bayern", "Hessen", False),
    ("land", "Sachsen-Anhalt", "Sachsen", False),
    ("land", "Hessen", "Bayern | Hessen", True),
    ("qualifier", "up_to", "up_to", True),
    ("qualifier", "exact", "up_to", False),
    ("per", "year", "year+municipality", False),
    ("per", "year+municipality", "year+municipality", True),
    ("period_start", "2021-01", "2021", False),
    ("deadline", "2020-08-31", "2020-08-31", True),
    # empty matches only empty
    ("land", "", "", True),
    ("land", "Bayern", "", False),
    ("land", "", "Bayern", False),
    ("body", "", "Sächsische Aufbaubank", False),
    ("body", "Landratsamt Görlitz", "", False),
    ("programme", "", "", True),
    # programme / body: quotes, containment either way, Jaccard >= 0.5
    ("programme", "Digitales Rathaus", "„Digitales Rathaus“", True),
    ("programme", "Förderprogramm Digitales Rathaus", "Digitales Rathaus", True),
    ("programme", "Rathaus", "Digitales Rathaus", True),
    ("programme", "Rat", "Digitales Rathaus", False),
    ("programme", "Starke Heimat Hessen", "Starke Kommunen Hessen", True),  # 2/4 = 0.5
    ("programme", "Starke Heimat Hessen Plus", "Starke Kommunen Hessen", False),  # 2/5
    ("programme", "Breitbandförderung des Landes", "Gigabitrichtlinie Bayern", False),
    ("body", "Sächsische Aufbaubank", "SAB | Sächsische Aufbaubank – Förderbank", True),
    ("body", "SAB", "SAB | Sächsische Aufbaubank – Förderbank", True),
    ("body", "Innenministerium", "SAB | Sächsische Aufbaubank – Förderbank", False),
    ("body", "Hessisches Ministerium für Digitale Strategie", "Hessisches Digitalministerium", False),
]


@pytest.mark.parametrize("field, predicted, wanted, expected", FIELD_CASES)
def test_field_matches(field, predicted, wanted, expected):
    assert field_matches(field, predicted, wanted) is expected


TOLERANCE_CASES = [
    ("amount", "100500", "amount", 100000, True),  # 0.5 % above
    ("amount", "99500", "amount", 100000, True),  # 0.5 % below
    ("amount", "100600", "amount", 100000, False),  # 0.6 % above
    ("amount", "99400", "amount", 100000, False),  # 0.6 % below
    ("amount", "3300000", "amount", 3300000, True),
    ("funding_rate", "80.4", "funding_rate", 80, True),  # 0.5 %
    ("funding_rate", "80.5", "funding_rate", 80, False),  # 0.625 %
    ("funding_rate", "80", "own_share", 80, False),  # kinds differ
    ("amount", "0", "amount", 0, True),
    ("amount", "1", "amount", 0, False),
]


@pytest.mark.parametrize("pred_kind, pred_value, gold_kind, gold_value, matched", TOLERANCE_CASES)
def test_value_tolerance(pred_kind, pred_value, gold_kind, gold_value, matched):
    pairs = match_records([pred(pred_kind, pred_value, 10, 21)], [gold(gold_kind, gold_value, 10, 21)])
    assert pairs == ([(0, 0)] if matched else [])


MATCHING_CASES = [
    # two predictions, one gold: the one on the gold's offsets wins, the other is left over
    ("nearest offsets win",
     [pred("amount", "20000", 500, 511), pred("amount", "20000", 100, 111)],
     [gold("amount", 20000, 100, 111)],
     [(1, 0)]),
    ("same offsets: smallest value difference wins",
     [pred("amount", "100400", 100, 111), pred("amount", "100000", 100, 111)],
     [gold("amount", 100000, 100, 111)],
     [(1, 0)]),
    ("one prediction never takes two golds",
     [pred("amount", "50000000", 0, 12)],
     [gold("amount", 50000000, 0, 12), gold("amount", 50000000, 300, 312)],
     [(0, 0)]),
    ("headline and body repeat: each pairs with its own",
     [pred("amount", "50000000", 300, 312), pred("amount", "50000000", 0, 12)],
     [gold("amount", 50000000, 0, 12), gold("amount", 50000000, 300, 312)],
     [(0, 1), (1, 0)]),
    ("a greedy first choice does not cost a match",
     [pred("amount", "100200", 0, 10), pred("amount", "99600", 200, 210)],
     [gold("amount", 100000, 0, 10), gold("amount", 100400, 50, 60)],
     [(0, 1), (1, 0)]),
]


@pytest.mark.parametrize(
    "preds, golds, expected", [pytest.param(p, g, e, id=case) for case, p, g, e in MATCHING_CASES]
)
def test_match_records_one_to_one(preds, golds, expected):
    assert match_records(preds, golds) == expected


def test_exact_records_and_field_errors():
    golds = [
        gold("amount", 20000, 10, 21, qualifier="up_to", per="municipality"),
        gold("funding_rate", 80, 40, 50, qualifier="up_to"),
        gold("own_share", 25, 70, 74),
    ]
    preds = [
        pred("amount", "20000", 10, 21, qualifier="up_to", per="municipality"),  # all right
        pred("funding_rate", "80", 40, 50, qualifier="up_to", land="Hessen"),  # land wrong
        pred("amount", "7500", 90, 101),  # nothing to match
    ]
    score = score_document(preds, golds, doc_id="doc")
    counts = score.counts
    assert counts["records"] == {"tp": 2, "fp": 1, "fn": 1}
    assert counts["exact_records"] == {"tp": 1, "fp": 2, "fn": 2}
    assert counts["fields"]["land"] == {"correct": 1, "total": 2}
    assert counts["fields"]["qualifier"] == {"correct": 2, "total": 2}
    rows = sorted((e.error, e.kind, e.value, e.field, e.predicted, e.gold) for e in score.errors)
    assert rows == [
        ("field", "funding_rate", "80", "land", "Hessen", "Bayern"),
        ("fn", "own_share", "25", "", "", ""),
        ("fp", "amount", "7500", "", "", ""),
    ]


def test_false_negative_evidence_is_its_line():
    text = "Überschrift\nDas Land gibt 7.500 Euro je Kommune.\nWeitere Meldungen"
    start = text.index("7.500 Euro")
    score = score_document([], [gold("amount", 7500, start, start + 10)], source_text=text)
    assert [e.evidence for e in score.errors] == ["Das Land gibt 7.500 Euro je Kommune."]


MENTION_CASES = [
    # (pred label, pred span, pred value, gold span, strict tp, overlap tp, strict value right)
    ("MONEY", (10, 21), "20000", (10, 21), 1, 1, 1),
    ("MONEY", (10, 21), "2000", (10, 21), 1, 1, 0),
    ("MONEY", (3, 21), "20000", (10, 21), 0, 1, 0),  # "bis zu 20.000 Euro" against "20.000 Euro"
    ("MONEY", (10, 16), "20000", (10, 21), 0, 1, 0),  # "20.000" without its currency
    ("MONEY", (30, 41), "20000", (10, 21), 0, 0, 0),
    ("PERCENT", (10, 21), "20000", (10, 21), 0, 0, 0),  # other label
]


@pytest.mark.parametrize("label, span, value, gold_span, strict_tp, overlap_tp, value_right", MENTION_CASES)
def test_mentions_strict_and_overlap(label, span, value, gold_span, strict_tp, overlap_tp, value_right):
    predicted = [Mention("doc", label, *span, "", value)]
    wanted = [GoldMention("MONEY", *gold_span, "", "20000")]
    assert len(match_mentions(predicted, wanted, strict=True)) == strict_tp
    assert len(match_mentions(predicted, wanted, strict=False)) == overlap_tp
    money = score_document(pred_mentions=predicted, gold_mentions=wanted).counts["mentions"]["strict"]["MONEY"]
    assert (money["tp"], money["fn"], money["value_correct"]) == (strict_tp, 1 - strict_tp, value_right)


def test_refused_mentions_are_no_predictions():
    """A figure kept as refused (out of bounds) is neither a hit nor a false positive."""
    wanted = [GoldMention("MONEY", 10, 21, "", "20000")]
    refused = [Mention("doc", "MONEY", 10, 21, "", "", "an amount must be above 0 euro"),
               Mention("doc", "PERCENT", 30, 41, "", "", "a percentage must be at most 100")]
    counts = score_document(pred_mentions=refused, gold_mentions=wanted).counts["mentions"]["strict"]
    assert (counts["MONEY"]["tp"], counts["MONEY"]["fn"], counts["PERCENT"]["fp"]) == (0, 1, 0)


PRF_CASES = [
    # tp, fp, fn → precision, recall, f1
    (0, 0, 0, 1.0, 1.0, 1.0),  # nothing to find, nothing found
    (0, 2, 0, 0.0, 0.0, 0.0),  # no gold, only false positives
    (0, 0, 3, 0.0, 0.0, 0.0),  # no predictions
    (2, 0, 0, 1.0, 1.0, 1.0),
    (1, 1, 1, 0.5, 0.5, 0.5),
    (3, 1, 0, 0.75, 1.0, 6 / 7),
]


@pytest.mark.parametrize("tp, fp, fn, precision, recall, f1", PRF_CASES)
def test_prf_with_zero_denominators(tp, fp, fn, precision, recall, f1):
    figures = prf(tp, fp, fn)
    assert (figures["precision"], figures["recall"], figures["f1"]) == pytest.approx((precision, recall, f1))


def test_programmes_are_a_set_of_names():
    predicted = [
        Programme("doc", "Bayern", name, "", "", "", "")
        for name in ["Digitales Rathaus", "digitales Rathaus", "Starke Heimat Hessen", ""]
    ]
    wanted = [
        Programme("doc", "Bayern", name, "", "", "", "")
        for name in ["„Digitales Rathaus“", "Digitalisierungsoffensive Kommunen"]
    ]
    counts = score_document(pred_programmes=predicted, gold_programmes=wanted).counts
    assert counts["programmes"] == {"tp": 1, "fp": 1, "fn": 1}


def test_corpus_is_micro_averaged():
    found = score_document([pred("amount", "20000", 0, 11)], [gold("amount", 20000, 0, 11)], doc_id="a")
    missed = score_document(
        [], [gold("amount", 5000, 0, 10), gold("amount", 6000, 20, 30), gold("amount", 7000, 40, 50)],
        doc_id="b",
    )
    report = score_corpus([missed, found])
    assert list(report["documents"]) == ["a", "b"]
    assert report["documents"]["a"]["records"]["recall"] == 1.0
    assert report["overall"]["records"]["recall"] == pytest.approx(0.25)  # 1 of 4, not (1 + 0) / 2
    assert report["headline"]["records_f1"] == report["overall"]["records"]["f1"]
    assert report["headline"]["field_accuracy"]["land"] == 1.0
