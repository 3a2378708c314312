"""Gold annotations: the file format (annotations/GUIDELINES.md, "File format") read into
typed objects and written back. Checking gold against its source text, and the checked gold
set that evaluation scores, are in gold_checks.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pipeline.io.reading import SUPPORTED_SUFFIXES

TOP_KEYS = ("doc_id", "source", "records", "programmes", "mentions")
RECORD_KEYS = (
    "kind", "value", "qualifier", "per", "land", "programme", "body",
    "period_start", "period_end", "deadline", "duration", "start", "end", "text",
)
PROGRAMME_KEYS = ("programme", "land", "body", "period_start", "period_end", "deadline")
MENTION_KEYS = ("label", "start", "end", "text", "value")
ITEM_KEYS = {"records": RECORD_KEYS, "programmes": PROGRAMME_KEYS, "mentions": MENTION_KEYS}
# Record-only gold: no mention spans, no offsets; each record names its evidence sentence,
# each programme at least its name; `dateline` is the article's own date where it states one.
RECORD_ONLY_TOP_KEYS = ("doc_id", "records", "programmes")
RECORD_ONLY_OPTIONAL_KEYS = ("dateline", "source")
RECORD_ONLY_RECORD_KEYS = (*RECORD_KEYS[:RECORD_KEYS.index("start")], "evidence")
RECORD_ONLY_PROGRAMME_KEYS = ("programme",)

# The mention a record's span must coincide with (GUIDELINES: every record has one).
RECORD_MENTION_LABEL = {"amount": "MONEY", "funding_rate": "PERCENT", "own_share": "PERCENT"}
# JSON files in annotations/ that are not gold: the regression gate's measured figures.
BASELINE_FILE = "baseline.json"
NOT_GOLD_FILES = frozenset({BASELINE_FILE})
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
    evidence: str = ""  # record-only gold: the sentence; start/end are then its span


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
    """One gold file. Typed items are built leniently; `raw` keeps the JSON for validation.

    mentions is None for record-only gold (no "mentions" key): not annotated, not empty.
    """

    path: Path
    doc_id: str
    source: str
    records: tuple[GoldRecord, ...]
    programmes: tuple[GoldProgramme, ...]
    mentions: tuple[GoldMention, ...] | None
    raw: dict

    @property
    def record_only(self) -> bool:
        return self.mentions is None


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
            text=_str(r, "text"), evidence=_str(r, "evidence"),
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
    ) if "mentions" in raw else None
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
