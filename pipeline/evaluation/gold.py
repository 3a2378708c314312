"""Gold annotations: load a file, and check it against its source text before it is scored.

Schema §5: each span stores its surface text so that stale offsets are detected, never
silently scored. So every span is compared with the source, every value with its canonical
form (annotations/GUIDELINES.md, "File format"), and every record with its mention.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pipeline.io.reading import SUPPORTED_SUFFIXES, InputError, Source, read_source
from pipeline.schema import (
    KINDS,
    LANDS,
    MENTION_LABELS,
    PER_UNITS,
    QUALIFIERS,
    format_value,
    join_per,
)

TOP_KEYS = ("doc_id", "source", "records", "programmes", "mentions")
RECORD_KEYS = (
    "kind", "value", "qualifier", "per", "land", "programme", "body",
    "period_start", "period_end", "deadline", "duration", "start", "end", "text",
)
PROGRAMME_KEYS = ("programme", "land", "body", "period_start", "period_end", "deadline")
MENTION_KEYS = ("label", "start", "end", "text", "value")
ITEM_KEYS = {"records": RECORD_KEYS, "programmes": PROGRAMME_KEYS, "mentions": MENTION_KEYS}

# The mention a record's span must coincide with (GUIDELINES: every record has one).
RECORD_MENTION_LABEL = {"amount": "MONEY", "funding_rate": "PERCENT", "own_share": "PERCENT"}
ALTERNATIVE_SEPARATOR = " | "
# JSON files in annotations/ that are not gold: the regression gate's measured figures.
BASELINE_FILE = "baseline.json"
NOT_GOLD_FILES = frozenset({BASELINE_FILE})
QUOTE_CHARS = "„“”\"‚‘’'«»‹›"

ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
ISO_DURATION = re.compile(
    r"""P(?!$)                        # at least one component must follow
        (?:\d+(?:\.\d+)?Y)?           # years
        (?:\d+(?:\.\d+)?M)?           # months
        (?:\d+(?:\.\d+)?W)?           # weeks
        (?:\d+(?:\.\d+)?D)?           # days
        (?:T(?=\d)                    # time part needs a component too
           (?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?
    """,
    re.VERBOSE,
)
OPEN_END = ".."


class GoldError(Exception):
    """A gold file (or set) that cannot be used; the message names file and problem."""


@dataclass(frozen=True)
class GoldRecord:
    kind: str
    value: Decimal | None
    qualifier: str
    per: str
    land: str
    programme: str
    body: str
    period_start: str
    period_end: str
    deadline: str
    duration: str
    start: int | None
    end: int | None
    text: str


@dataclass(frozen=True)
class GoldProgramme:
    programme: str
    land: str
    body: str
    period_start: str
    period_end: str
    deadline: str


@dataclass(frozen=True)
class GoldMention:
    label: str
    start: int | None
    end: int | None
    text: str
    value: str


@dataclass(frozen=True)
class Gold:
    """One gold file. Typed items are built leniently; `raw` keeps the JSON for validation."""

    path: Path
    doc_id: str
    source: str
    records: tuple[GoldRecord, ...]
    programmes: tuple[GoldProgramme, ...]
    mentions: tuple[GoldMention, ...]
    raw: dict


# ---------------------------------------------------------------- loading


def _reject_duplicate_keys(pairs):
    """JSON silently keeps the last of two equal keys; in gold that hides an edit."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _str(item: dict, key: str) -> str:
    value = item.get(key, "")
    return value if isinstance(value, str) else ""


def _int(item: dict, key: str) -> int | None:
    value = item.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(item: dict, key: str) -> Decimal | None:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return Decimal(str(value))


def _items(raw: dict, key: str) -> list[dict]:
    items = raw.get(key)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def load_gold(path) -> Gold:
    """Read one gold file. Raises GoldError only when it is not a JSON object at all;
    everything else is reported by validate_gold."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_reject_duplicate_keys)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise GoldError(f"{path.name}: cannot be read as JSON: {error}") from error
    if not isinstance(raw, dict):
        raise GoldError(f"{path.name}: top level must be a JSON object")
    records = tuple(
        GoldRecord(
            kind=_str(r, "kind"), value=_number(r, "value"), qualifier=_str(r, "qualifier"),
            per=_str(r, "per"), land=_str(r, "land"), programme=_str(r, "programme"),
            body=_str(r, "body"), period_start=_str(r, "period_start"),
            period_end=_str(r, "period_end"), deadline=_str(r, "deadline"),
            duration=_str(r, "duration"), start=_int(r, "start"), end=_int(r, "end"),
            text=_str(r, "text"),
        )
        for r in _items(raw, "records")
    )
    programmes = tuple(
        GoldProgramme(**{key: _str(p, key) for key in PROGRAMME_KEYS})
        for p in _items(raw, "programmes")
    )
    mentions = tuple(
        GoldMention(
            label=_str(m, "label"), start=_int(m, "start"), end=_int(m, "end"),
            text=_str(m, "text"), value=_str(m, "value"),
        )
        for m in _items(raw, "mentions")
    )
    return Gold(
        path=path, doc_id=_str(raw, "doc_id"), source=_str(raw, "source"),
        records=records, programmes=programmes, mentions=mentions, raw=raw,
    )


def gold_paths(annotations_dir) -> list[Path]:
    """The gold files of a directory, sorted: every *.json except the baseline."""
    return sorted(
        path for path in Path(annotations_dir).glob("*.json") if path.name not in NOT_GOLD_FILES
    )


def source_path(gold: Gold, corpus_dir) -> Path | None:
    """The corpus file a gold file annotates: its `source` file name, else `<doc_id>.<suffix>`."""
    corpus_dir = Path(corpus_dir)
    if gold.source:
        return corpus_dir / Path(gold.source).name
    for suffix in SUPPORTED_SUFFIXES:
        candidate = corpus_dir / f"{gold.doc_id}{suffix}"
        if candidate.exists():
            return candidate
    return None


# ---------------------------------------------------------------- canonical values


def number_text_problem(text: str) -> str | None:
    """Why `text` is not a canonical number ("3300000", "12.5"), or None."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return f"{text!r} is not a number"
    if not number.is_finite() or number < 0:
        return f"{text!r} is not a non-negative finite number"
    canonical = format_value(number)
    if canonical != text:
        return f"{text!r} is not canonical number text (expected {canonical!r})"
    return None


def iso_date_problem(text: str) -> str | None:
    """Why `text` is not an ISO date at year, month or day precision, or None."""
    match = ISO_DATE.fullmatch(text)
    if not match:
        return f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = match["year"], match["month"], match["day"]
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return f"{text!r} is not a calendar date"
    return None


def period_problem(text: str) -> str | None:
    """Why `text` is not an ISO interval "2021/2024" (".." for an open side), or None."""
    sides = text.split("/")
    if len(sides) != 2:
        return f"{text!r} is not an ISO interval START/END"
    if sides == [OPEN_END, OPEN_END]:
        return f"{text!r} is open on both sides"
    for side in sides:
        if side != OPEN_END and (problem := iso_date_problem(side)):
            return f"interval {text!r}: {problem}"
    start, end = sides
    if OPEN_END not in sides:
        common = min(len(start), len(end))
        if start[:common] > end[:common]:
            return f"interval {text!r} starts after it ends"
    return None


def duration_problem(text: str) -> str | None:
    """Why `text` is not an ISO 8601 duration ("P2Y", "P18M"), or None."""
    if not ISO_DURATION.fullmatch(text):
        return f"{text!r} is not an ISO 8601 duration (P2Y, P18M, ...)"
    return None


def land_problem(text: str) -> str | None:
    """Why `text` is not empty or canonical Land names joined by " | ", or None."""
    if not text:
        return None
    unknown = [alt for alt in text.split(ALTERNATIVE_SEPARATOR) if alt not in LANDS]
    if unknown:
        return f"{', '.join(map(repr, unknown))} is not a canonical Land name"
    return None


def per_problem(text: str) -> str | None:
    """Why `text` is not empty or per units joined by "+" in canonical order, or None."""
    if not text:
        return None
    units = text.split("+")
    unknown = [unit for unit in units if unit not in PER_UNITS]
    if unknown:
        return f"unit {', '.join(map(repr, unknown))} not in {PER_UNITS}"
    if len(set(units)) != len(units) or join_per(units) != text:
        return f"{text!r} is not in canonical order (expected {join_per(units)!r})"
    return None


def alternatives_problem(text: str) -> str | None:
    """Alternatives must be separated by exactly " | " with no stray space around them."""
    for alternative in text.split(ALTERNATIVE_SEPARATOR):
        if "|" in alternative:
            return f"{text!r}: separate alternatives by ' | '"
        if alternative != alternative.strip():
            return f"{text!r}: stray space around an alternative"
    return None


def name_problem(text: str) -> str | None:
    """A PROGRAMME or ORG value: the name as written, without quotes."""
    if not text.strip():
        return "empty name"
    if text != text.strip() or text[0] in QUOTE_CHARS or text[-1] in QUOTE_CHARS:
        return f"{text!r} must be the name without quotes or surrounding space"
    return None


MENTION_VALUE_CHECKS = {
    "LAND": lambda text: None if text in LANDS else f"{text!r} is not a canonical Land name",
    "PROGRAMME": name_problem,
    "ORG": name_problem,
    "MONEY": number_text_problem,
    "PERCENT": number_text_problem,
    "DATE": iso_date_problem,
    "PERIOD": period_problem,
    "DURATION": duration_problem,
}


# ---------------------------------------------------------------- validation


def _key_problems(item: dict, expected: tuple[str, ...]) -> list[str]:
    missing = [key for key in expected if key not in item]
    unknown = [key for key in item if key not in expected]
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


def _optional(check):
    """Empty means not stated (schema §2); only a stated value must be canonical."""
    return lambda text: check(text) if text else None


# Checks of the text fields of records and programmes, by key.
FIELD_CHECKS = {
    "kind": lambda text: None if text in KINDS else f"{text!r} not in {KINDS}",
    "qualifier": lambda text: None if text in QUALIFIERS else f"{text!r} not in {QUALIFIERS}",
    "per": per_problem,
    "land": lambda text: alternatives_problem(text) or land_problem(text),
    "programme": alternatives_problem,
    "body": alternatives_problem,
    "period_start": _optional(iso_date_problem),
    "period_end": _optional(iso_date_problem),
    "deadline": _optional(iso_date_problem),
    "duration": _optional(duration_problem),
}


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
        problems += validate_gold(gold, source.text)
        pairs.append((gold, source))
    return pairs, problems


def validate_dir(annotations_dir, corpus_dir) -> list[str]:
    """Problems of every gold file in `annotations_dir` against `corpus_dir`; empty = valid."""
    _, problems = load_gold_set(annotations_dir, corpus_dir)
    return problems


def dump_gold(gold: dict, path) -> None:
    """Write a gold dict in the file format of GUIDELINES.md (UTF-8, indent 1, key order)."""
    def in_order(item: dict, keys) -> dict:
        ordered = {key: item[key] for key in keys if key in item}
        return ordered | {key: value for key, value in item.items() if key not in ordered}

    ordered = in_order(gold, TOP_KEYS)
    for key, keys in ITEM_KEYS.items():
        if isinstance(ordered.get(key), list):
            ordered[key] = [in_order(item, keys) if isinstance(item, dict) else item
                            for item in ordered[key]]
    text = json.dumps(ordered, ensure_ascii=False, indent=1) + "\n"
    Path(path).write_text(text, encoding="utf-8")
