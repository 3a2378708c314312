"""The packaged pipeline under models/ is what its sources build, and bad rules are refused."""

import filecmp

import pytest
import spacy

from pipeline.components.rules import RuleError, compile_rules, read_patterns
from pipeline.extract import DEFAULT_MODEL
from pipeline.model import build_nlp


def test_committed_model_is_up_to_date(tmp_path):
    """`make model` was run after the last change to models/patterns or models/lexicon."""
    build_nlp().to_disk(tmp_path / "model")
    for component in ("de_lands", "de_orgs", "de_programmes", "de_money", "de_percent", "de_temporal", "de_records"):
        fresh, committed = tmp_path / "model" / component / "rules.json", DEFAULT_MODEL / component / "rules.json"
        assert filecmp.cmp(fresh, committed, shallow=False), f"{committed} is stale: run `make model`"


def test_model_round_trip(tmp_path):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    text = "Das Land Hessen fördert jede Kommune mit bis zu 20.000 Euro."
    assert [m["value"] for m in loaded(text)._.mentions if m["label"] == "MONEY"] == ["20000"]
    assert loaded.pipe_names == nlp.pipe_names


@pytest.mark.parametrize("rule,problem", [
    ({"id": "x", "label": "MONEY", "pattern": "(", }, "bad pattern"),
])
def test_bad_pattern_is_refused_with_its_id(rule, problem):
    with pytest.raises(RuleError, match=f"rule x: {problem}"):
        compile_rules([rule], {})


def test_pattern_file_keys_are_checked(tmp_path, monkeypatch):
    import pipeline.components.rules as rules

    (tmp_path / "bad.jsonl").write_text('{"id": "r1", "label": "MONEY", "pattern": "x", "colour": "red"}\n')
    monkeypatch.setattr(rules, "PATTERNS_DIR", tmp_path)
    with pytest.raises(RuleError, match=r"bad.jsonl: rule r1: unknown keys \['colour'\]"):
        read_patterns("bad")
