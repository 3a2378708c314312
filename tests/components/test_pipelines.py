"""Two pipelines in one process keep to their own rules: each owns its word lists and rule
sets (held by its de_scan), so loading or changing one leaves the other as it was."""

from __future__ import annotations

import spacy

from pipeline.extract import DEFAULT_MODEL, load_nlp

TEXT = "Zauberland zahlt ab 2025 für zwei Jahre 5 Mio. Euro."


def labelled(nlp, text: str = TEXT) -> list[tuple[str, str, str]]:
    return [(m["label"], m["text"], m["value"]) for m in nlp(text)._.mentions]


def changed_pipeline():
    """The packaged pipeline with a made-up Land name ("Zauberland", for Bayern) and without
    the duration rule."""
    nlp = spacy.load(DEFAULT_MODEL, config={"components.de_records.compact": True})
    lands = nlp.get_pipe("de_lands")
    data = lands.data
    bayern = {**data["lands"]["Bayern"], "names": data["lands"]["Bayern"]["names"] + ["Zauberland"]}
    lands.initialize(data={**data, "lands": {**data["lands"], "Bayern": bayern}})
    temporal = nlp.get_pipe("de_temporal")
    patterns = [rule for rule in temporal.data["patterns"] if rule["id"] != "duration"]
    temporal.initialize(data={**temporal.data, "patterns": patterns})
    return nlp


def test_two_pipelines_side_by_side_give_their_own_results():
    packaged = load_nlp()
    before = labelled(packaged)
    changed = changed_pipeline()
    assert ("LAND", "Zauberland", "Bayern") in labelled(changed)
    assert not [m for m in labelled(changed) if m[0] == "DURATION"]
    # the packaged pipeline, run after and between runs of the other, is unchanged
    assert labelled(packaged) == before
    assert before == [("PERIOD", "2025", "2025/.."), ("DURATION", "zwei Jahre", "P2Y"), ("MONEY", "5 Mio. Euro", "5000000")]
    assert labelled(changed) == [("LAND", "Zauberland", "Bayern"), ("PERIOD", "2025", "2025/.."),
                                 ("MONEY", "5 Mio. Euro", "5000000")]
    assert labelled(changed) == labelled(changed_pipeline())
    assert labelled(packaged) == before


def test_each_pipeline_owns_its_word_lists():
    packaged, changed = load_nlp(), changed_pipeline()
    ours, theirs = packaged.get_pipe("de_scan").words, changed.get_pipe("de_scan").words
    assert ours is not theirs
    assert all(packaged.get_pipe(name).rules.shared is ours for name in ("de_money", "de_percent", "de_temporal"))
    assert not any("Zauberland" in words for lists in ours.lists.values() for words in lists.values())
    assert any("Zauberland" in words for lists in theirs.lists.values() for words in lists.values())
