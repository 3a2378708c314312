"""Which predicted item is which gold item (schema §6): text fields compared as the schema
says (normalised, alternatives, lenient names), values within tolerance, and one-to-one
pairs of records, programmes and mentions. Pure functions; scoring.py counts on them.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

# Fields where one name containing the other, or half the words shared, still counts.
LENIENT_FIELDS = frozenset({"programme", "body"})
VALUE_TOLERANCE = Decimal("0.005")  # |pred - gold| <= 0.5 % of gold
JACCARD_MIN = 0.5
QUOTE_CHARS = "„“”\"‚‘’'«»‹›"
ALTERNATIVE_SEPARATOR = "|"
NUMERIC_LABELS = frozenset({"MONEY", "PERCENT"})


# ---------------------------------------------------------------- text fields


def normalise_text(text: str) -> str:
    """Case-folded text without quotes, punctuation or extra space.

    >>> normalise_text("  „Digitales   Rathaus“! ")
    'digitales rathaus'
    >>> normalise_text("Digital-Lotsen-Sachsen")
    'digital lotsen sachsen'
    """
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(
        " " if char in QUOTE_CHARS or unicodedata.category(char).startswith("P") else char
        for char in text
    )
    return " ".join(text.split())


def alternatives(gold_text: str) -> list[str]:
    """The readings a gold text field allows ("A | B" → ["A", "B"]; "" → [""])."""
    return [alternative.strip() for alternative in (gold_text or "").split(ALTERNATIVE_SEPARATOR)]


def names_match(pred_norm: str, gold_norm: str) -> bool:
    """Lenient name match of two normalised, non-empty names: whole-word containment either
    way, or word sets overlapping by Jaccard >= 0.5."""
    if f" {pred_norm} " in f" {gold_norm} " or f" {gold_norm} " in f" {pred_norm} ":
        return True
    pred_words, gold_words = set(pred_norm.split()), set(gold_norm.split())
    return len(pred_words & gold_words) / len(pred_words | gold_words) >= JACCARD_MIN


def field_matches(field_name: str, pred: str, gold: str) -> bool:
    """Whether a predicted field value counts as right against the gold (any alternative).

    Empty matches only empty; `programme` and `body` also match leniently.
    """
    pred_norm = normalise_text(pred)
    for alternative in alternatives(gold):
        gold_norm = normalise_text(alternative)
        if pred_norm == gold_norm:
            return True
        lenient = field_name in LENIENT_FIELDS and pred_norm and gold_norm
        if lenient and names_match(pred_norm, gold_norm):
            return True
    return False


# ---------------------------------------------------------------- matching


def as_number(value) -> Decimal | None:
    """A record or mention value as Decimal (canonical text, int, float or Decimal)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def value_within(pred_value, gold_value) -> bool:
    """Whether two values agree within VALUE_TOLERANCE of the gold value."""
    pred_number, gold_number = as_number(pred_value), as_number(gold_value)
    if pred_number is None or gold_number is None:
        return False
    return abs(pred_number - gold_number) <= VALUE_TOLERANCE * abs(gold_number)


def span_of(item) -> tuple[int, int] | None:
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None


def _offset_preference(pred, gold) -> tuple:
    """Overlapping spans first, then the nearest ones (a missing span comes last)."""
    pred_span, gold_span = span_of(pred), span_of(gold)
    if pred_span is None or gold_span is None:
        return (1, float("inf"), float("inf"))
    overlap = pred_span[0] < gold_span[1] and gold_span[0] < pred_span[1]
    gap = 0 if overlap else max(gold_span[0] - pred_span[1], pred_span[0] - gold_span[1])
    return (0 if overlap else 1, gap, abs(pred_span[0] - gold_span[0]))


def one_to_one(candidates: list[tuple[tuple, int, int]]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of (preference key, pred index, gold index) candidates.

    Pairs are taken greedily in preference order, then augmenting paths (Kuhn) add any
    pair an early greedy choice blocked, so no match is lost to the order of choices.
    Deterministic: keys end in the indices. Returns (pred, gold) pairs sorted by pred.
    """
    ordered = sorted(candidates)
    options: dict[int, list[int]] = {}
    for _, pred_index, gold_index in ordered:
        options.setdefault(pred_index, []).append(gold_index)
    gold_of: dict[int, int] = {}
    pred_of: dict[int, int] = {}
    for _, pred_index, gold_index in ordered:
        if pred_index not in gold_of and gold_index not in pred_of:
            gold_of[pred_index], pred_of[gold_index] = gold_index, pred_index

    def augment(pred_index: int, visited: set[int]) -> bool:
        for gold_index in options[pred_index]:
            if gold_index in visited:
                continue
            visited.add(gold_index)
            if gold_index not in pred_of or augment(pred_of[gold_index], visited):
                gold_of[pred_index], pred_of[gold_index] = gold_index, pred_index
                return True
        return False

    for pred_index in sorted(options):
        if pred_index not in gold_of:
            augment(pred_index, set())
    return sorted(gold_of.items())


def match_records(pred, gold) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of records of the same kind whose values
    differ by at most 0.5 % of the gold value; overlapping/nearest offsets preferred, then
    the smallest value difference."""
    candidates = []
    for pred_index, pred_record in enumerate(pred):
        for gold_index, gold_record in enumerate(gold):
            if pred_record.kind != gold_record.kind:
                continue
            if not value_within(pred_record.value, gold_record.value):
                continue
            difference = abs(as_number(pred_record.value) - as_number(gold_record.value))
            offsets = _offset_preference(pred_record, gold_record)
            key = (*offsets, difference, pred_index, gold_index)
            candidates.append((key, pred_index, gold_index))
    return one_to_one(candidates)


def programme_names(programmes) -> list[str]:
    """Distinct non-empty names, first spelling kept (programmes are scored as a set)."""
    names: dict[str, str] = {}
    for programme in programmes:
        name = getattr(programme, "programme", programme) or ""
        key = normalise_text(name)
        if key and key not in names:
            names[key] = name
    return list(names.values())


def match_programmes(pred_names: list[str], gold_names: list[str]) -> list[tuple[int, int]]:
    """One-to-one lenient matching of programme names; an exact name is preferred."""
    candidates = []
    for pred_index, pred_name in enumerate(pred_names):
        for gold_index, gold_name in enumerate(gold_names):
            if not field_matches("programme", pred_name, gold_name):
                continue
            exact = any(
                normalise_text(pred_name) == normalise_text(alternative)
                for alternative in alternatives(gold_name)
            )
            candidates.append(((0 if exact else 1, pred_index, gold_index), pred_index, gold_index))
    return one_to_one(candidates)


def match_mentions(pred, gold, strict: bool) -> list[tuple[int, int]]:
    """One-to-one pairs of same-label mentions: same offsets (strict) or overlapping spans,
    the largest overlap preferred."""
    candidates = []
    for pred_index, pred_mention in enumerate(pred):
        for gold_index, gold_mention in enumerate(gold):
            pred_span, gold_span = span_of(pred_mention), span_of(gold_mention)
            if pred_mention.label != gold_mention.label or pred_span is None or gold_span is None:
                continue
            if strict and pred_span != gold_span:
                continue
            overlap = min(pred_span[1], gold_span[1]) - max(pred_span[0], gold_span[0])
            if overlap <= 0:
                continue
            key = (-overlap, abs(pred_span[0] - gold_span[0]), pred_index, gold_index)
            candidates.append((key, pred_index, gold_index))
    return one_to_one(candidates)


def mention_value_matches(label: str, pred_value, gold_value) -> bool:
    """Numbers compare as numbers, everything else as normalised text."""
    if label in NUMERIC_LABELS:
        pred_number, gold_number = as_number(pred_value), as_number(gold_value)
        return pred_number is not None and pred_number == gold_number
    return normalise_text(str(pred_value or "")) == normalise_text(str(gold_value or ""))
