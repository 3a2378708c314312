"""Gold checked against its source text before it is scored, and the checked gold set.

Schema §5: each span stores its surface text so that stale offsets are detected, never
silently scored. So every span is compared with the source, every value with its canonical
form (annotations/GUIDELINES.md, "File format"), and every record with its mention.
Record-only gold (third-party articles, schema v1.2 §5: no "mentions" key) gives each
record its `evidence` sentence instead of offsets; the evidence must occur in the source.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pipeline.evaluation.canonical import FIELD_CHECKS, MENTION_VALUE_CHECKS, iso_date_problem
from pipeline.evaluation.evidence import EvidenceFinder
from pipeline.evaluation.gold import (
    MENTION_KEYS, PROGRAMME_KEYS, RECORD_KEYS, RECORD_MENTION_LABEL, RECORD_ONLY_OPTIONAL_KEYS,
    RECORD_ONLY_PROGRAMME_KEYS, RECORD_ONLY_RECORD_KEYS, RECORD_ONLY_TOP_KEYS, TOP_KEYS, Gold, GoldError,
    gold_paths, load_gold, source_path,
)
from pipeline.io.reading import InputError, Source, read_source
from pipeline.schema import MENTION_LABELS


# ---------------------------------------------------------------- validation


def _key_problems(item: dict, expected: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[str]:
    missing = [key for key in expected if key not in item]
    unknown = [key for key in item if key not in expected and key not in optional]
    problems = [f"missing key {key!r}" for key in missing]
    problems += [f"unknown key {key!r}" for key in unknown]
    return problems


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span_problems(item: dict, source_text: str) -> list[str]:
    """Offsets must be in range and `text` must equal the source there."""
    start, end, text = item.get("start"), item.get("end"), item.get("text")
    if not (_is_int(start) and _is_int(end)):
        return ["start and end must be integers"]
    if not isinstance(text, str):
        return ["text must be a string"]
    if not 0 <= start < end <= len(source_text):
        return [f"offsets {start}-{end} out of range for a source of {len(source_text)} chars"]
    found = source_text[start:end]
    if found == text:
        return []
    hint = ""
    if text and (at := _nearest(source_text, text, start)) is not None:
        hint = f" (the text occurs at {at}-{at + len(text)})"
    return [f"text {text!r} does not match the source {found!r} at {start}-{end}{hint}"]


def _nearest(source_text: str, text: str, near: int) -> int | None:
    """Offset of the occurrence of `text` nearest to `near`, to help fix stale offsets."""
    hits = [match.start() for match in re.finditer(re.escape(text), source_text)]
    return min(hits, key=lambda hit: (abs(hit - near), hit)) if hits else None


def _field_problems(item: dict, keys: tuple[str, ...]) -> list[str]:
    """Text fields of records and programmes: strings, canonical where the schema says so."""
    problems = []
    for key in keys:
        if key not in item or key not in FIELD_CHECKS:
            continue
        value = item[key]
        if not isinstance(value, str):
            problems.append(f"{key} must be a string")
        elif problem := FIELD_CHECKS[key](value):
            problems.append(f"{key}: {problem}")
    return problems


def _mention_problems(mention: dict, source_text: str) -> list[str]:
    problems = _key_problems(mention, MENTION_KEYS)
    label = mention.get("label")
    if label not in MENTION_LABELS:
        problems.append(f"unknown label {label!r} (expected one of {MENTION_LABELS})")
    problems += _span_problems(mention, source_text)
    value = mention.get("value")
    if not isinstance(value, str):
        problems.append(f"value {value!r} must be a string in canonical form")
    elif label in MENTION_VALUE_CHECKS and (problem := MENTION_VALUE_CHECKS[label](value)):
        problems.append(f"value {problem}")
    return problems


def _record_problems(record: dict, source_text: str, mentions_at: dict) -> list[str]:
    problems = _key_problems(record, RECORD_KEYS)
    problems += _field_problems(record, RECORD_KEYS)
    value = record.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"value {value!r} must be a JSON number")
        value = None
    span_problems = _span_problems(record, source_text)
    problems += span_problems
    label = RECORD_MENTION_LABEL.get(record.get("kind"))
    if label and not span_problems:
        mention = mentions_at.get(tuple(map(repr, (label, record["start"], record["end"]))))
        if mention is None:
            problems.append(
                f"no {label} mention at {record['start']}-{record['end']} ({record['text']!r})"
            )
        elif value is not None and not _same_number(mention.get("value"), value):
            problems.append(
                f"value {value!r} disagrees with its {label} mention's value "
                f"{mention.get('value')!r}"
            )
    return problems


def _same_number(text, number) -> bool:
    try:
        return Decimal(str(text)) == Decimal(str(number))
    except InvalidOperation:
        return False


def validate_gold(gold: Gold, source_text: str) -> list[str]:
    """Problems of one gold file against its source text; empty means valid.

    Each message names the file, the item ("records[3]") and the problem.
    """
    name = gold.path.name
    raw = gold.raw
    problems = [f"{name}: {problem}" for problem in _key_problems(raw, TOP_KEYS)]

    doc_id = raw.get("doc_id")
    if not isinstance(doc_id, str):
        problems.append(f"{name}: doc_id must be a string")
    elif doc_id != gold.path.stem:
        problems.append(
            f"{name}: doc_id {doc_id!r} does not match the file name {gold.path.stem!r}"
        )
    source = raw.get("source")
    if not isinstance(source, str):
        problems.append(f"{name}: source must be a string")
    elif isinstance(doc_id, str) and Path(source).stem != doc_id:
        problems.append(f"{name}: source {source!r} is not the document {doc_id!r}")

    for key in ("records", "programmes", "mentions"):
        if key in raw and not isinstance(raw[key], list):
            problems.append(f"{name}: {key} must be a list")

    def items(key):
        entries = raw.get(key)
        for index, item in enumerate(entries if isinstance(entries, list) else []):
            where = f"{name}: {key}[{index}]"
            if isinstance(item, dict):
                yield where, item
            else:
                problems.append(f"{where}: must be an object")

    mentions_at: dict[tuple, dict] = {}  # (label, start, end) as repr, for unhashable junk
    for where, mention in items("mentions"):
        problems += [f"{where}: {problem}" for problem in _mention_problems(mention, source_text)]
        at = tuple(map(repr, (mention.get("label"), mention.get("start"), mention.get("end"))))
        if at in mentions_at:
            label, start, end = mention.get("label"), mention.get("start"), mention.get("end")
            problems.append(f"{where}: duplicate {label} mention at {start}-{end}")
        mentions_at.setdefault(at, mention)

    records_at: set[tuple] = set()
    for where, record in items("records"):
        problems += [
            f"{where}: {problem}" for problem in _record_problems(record, source_text, mentions_at)
        ]
        start, end, kind = record.get("start"), record.get("end"), record.get("kind")
        at = tuple(map(repr, (start, end, kind)))  # repr: malformed values may be unhashable
        if at in records_at:
            problems.append(f"{where}: duplicate {kind} record at {start}-{end}")
        records_at.add(at)

    programme_names: set[str] = set()
    for where, programme in items("programmes"):
        problems += [f"{where}: {problem}" for problem in _key_problems(programme, PROGRAMME_KEYS)]
        problems += [
            f"{where}: {problem}" for problem in _field_problems(programme, PROGRAMME_KEYS)
        ]
        programme_name = programme.get("programme")
        if programme_name == "":
            problems.append(f"{where}: programme: name is empty")
        elif isinstance(programme_name, str):
            if programme_name.casefold() in programme_names:
                problems.append(f"{where}: duplicate programme {programme_name!r}")
            programme_names.add(programme_name.casefold())
    return problems


def validate_record_only_gold(gold: Gold, source_text: str) -> list[str]:
    """Problems of one record-only gold file: keys, canonical fields, and every record's
    evidence found in the source text (a stale file is reported, never scored)."""
    name = gold.path.name
    raw = gold.raw
    problems = [
        f"{name}: {problem}"
        for problem in _key_problems(raw, RECORD_ONLY_TOP_KEYS, RECORD_ONLY_OPTIONAL_KEYS)
    ]
    if raw.get("doc_id") != gold.path.stem:
        problems.append(f"{name}: doc_id {raw.get('doc_id')!r} does not match the file name")
    dateline = raw.get("dateline", "")
    if not isinstance(dateline, str) or (dateline and iso_date_problem(dateline)):
        problems.append(f"{name}: dateline {dateline!r} is not empty or an ISO date")
    finder = EvidenceFinder(source_text)
    item_keys = {
        "records": (RECORD_ONLY_RECORD_KEYS, ()),
        "programmes": (RECORD_ONLY_PROGRAMME_KEYS, PROGRAMME_KEYS),
    }
    for key, (required, optional) in item_keys.items():
        entries = raw.get(key)
        if not isinstance(entries, list):
            problems.append(f"{name}: {key} must be a list")
            continue
        for index, item in enumerate(entries):
            where = f"{name}: {key}[{index}]"
            if not isinstance(item, dict):
                problems.append(f"{where}: must be an object")
                continue
            problems += [
                f"{where}: {problem}" for problem in _key_problems(item, required, optional)
            ]
            problems += [
                f"{where}: {problem}" for problem in _field_problems(item, (*required, *optional))
            ]
            if key == "records":
                problems += [f"{where}: {problem}" for problem in _evidence_problems(item, finder)]
    return problems


def _evidence_problems(record: dict, finder: EvidenceFinder) -> list[str]:
    value = record.get("value")
    problems = []
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"value {value!r} must be a JSON number")
    evidence = record.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        problems.append("evidence must be the record's sentence")
    elif finder.span(evidence) is None:
        problems.append(f"evidence {evidence[:60]!r}… does not occur in the source")
    return problems


def with_evidence_spans(gold: Gold, source_text: str) -> Gold:
    """Record-only gold with each record's span set to its evidence sentence in the source."""
    finder = EvidenceFinder(source_text)
    records = []
    for record in gold.records:
        span = finder.span(record.evidence) if record.evidence else None
        start, end = span if span else (None, None)
        records.append(replace(record, start=start, end=end))
    return replace(gold, records=tuple(records))


def load_gold_set(annotations_dir, corpus_dir) -> tuple[list[tuple[Gold, Source]], list[str]]:
    """Every gold file with its source, and the problems found in them.

    Reads each source once, so evaluation and validation share the (slow) HTML extraction.
    """
    pairs: list[tuple[Gold, Source]] = []
    problems: list[str] = []
    for path in gold_paths(annotations_dir):
        try:
            gold = load_gold(path)
        except GoldError as error:
            problems.append(str(error))
            continue
        source_file = source_path(gold, corpus_dir)
        if source_file is None or not source_file.is_file():
            missing = source_file or Path(corpus_dir) / f"{gold.doc_id}.*"
            problems.append(f"{path.name}: source file {missing} missing")
            continue
        try:
            source = read_source(source_file)
        except InputError as error:
            problems.append(f"{path.name}: source unreadable: {error}")
            continue
        if gold.record_only:
            problems += validate_record_only_gold(gold, source.text)
            gold = with_evidence_spans(gold, source.text)
        else:
            problems += validate_gold(gold, source.text)
        pairs.append((gold, source))
    return pairs, problems


def validate_dir(annotations_dir, corpus_dir) -> list[str]:
    """Problems of every gold file in `annotations_dir` against `corpus_dir`; empty = valid."""
    _, problems = load_gold_set(annotations_dir, corpus_dir)
    return problems
