"""Scores of predicted records, programmes and mentions against gold (schema §6).

Pure functions, no I/O: a document's score is a tree of counts, so the corpus score is
their sum (micro-average) and the figures are computed from counts only at the end.
Records and mentions are read by attribute, so pipeline.schema's dataclasses (values as
canonical strings) and pipeline.evaluation.gold's (values as Decimal) are scored alike.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pipeline.schema import MENTION_LABELS, format_value

FIELDS = (
    "land", "programme", "body", "qualifier", "per",
    "period_start", "period_end", "deadline", "duration",
)
# Fields where one name containing the other, or half the words shared, still counts.
LENIENT_FIELDS = frozenset({"programme", "body"})
VALUE_TOLERANCE = Decimal("0.005")  # |pred - gold| <= 0.5 % of gold
JACCARD_MIN = 0.5
QUOTE_CHARS = "„“”\"‚‘’'«»‹›"
ALTERNATIVE_SEPARATOR = "|"
NUMERIC_LABELS = frozenset({"MONEY", "PERCENT"})
ALL_LABELS = "ALL"
# basis: where the predicted record read its land, programme and body (schema §2), so that an
# error can be told apart by how far from the figure its field was read
ERROR_COLUMNS = ("doc_id", "error", "kind", "value", "field", "predicted", "gold", "evidence", "basis")
EVIDENCE_WIDTH = 160  # characters either side of a false negative's span, at most


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


def _span(item) -> tuple[int, int] | None:
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None


def _offset_preference(pred, gold) -> tuple:
    """Overlapping spans first, then the nearest ones (a missing span comes last)."""
    pred_span, gold_span = _span(pred), _span(gold)
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


def _programme_names(programmes) -> list[str]:
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
            pred_span, gold_span = _span(pred_mention), _span(gold_mention)
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


# ---------------------------------------------------------------- scores


@dataclass(frozen=True)
class ScoreError:
    """One row of errors.csv: a false positive, a false negative or a wrong field."""

    doc_id: str
    error: str  # fp, fn or field
    kind: str  # a record kind, or "programme"
    value: str
    field: str
    predicted: str
    gold: str
    evidence: str
    basis: str = ""  # the predicted record's; none for a false negative or a programme

    def as_row(self) -> dict:
        return {column: getattr(self, column) for column in ERROR_COLUMNS}


@dataclass
class DocScore:
    doc_id: str
    counts: dict
    errors: list[ScoreError] = field(default_factory=list)


def _prf_counts() -> dict:
    return {"tp": 0, "fp": 0, "fn": 0}


def empty_counts() -> dict:
    """The count tree of one document with nothing in it; sums of these are corpus counts."""
    return {
        "records": _prf_counts(),
        "exact_records": _prf_counts(),
        "fields": {name: {"correct": 0, "total": 0} for name in FIELDS},
        "programmes": _prf_counts(),
        "mention_documents": 0,  # documents whose gold holds mention spans
        "mentions": {
            mode: {label: _prf_counts() | {"value_correct": 0} for label in MENTION_LABELS}
            for mode in ("strict", "overlap")
        },
    }


def add_counts(total: dict, counts: dict) -> dict:
    """Add a count tree into `total` in place (micro-averaging sums counts)."""
    for key, value in counts.items():
        if isinstance(value, dict):
            add_counts(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value
    return total


def _sum(count_trees) -> dict:
    total: dict = {}
    for counts in count_trees:
        add_counts(total, counts)
    return total


def context_of(text: str, start: int, end: int) -> str:
    """The line around a span, cut to EVIDENCE_WIDTH either side: evidence for a gold
    record the extractor missed."""
    if not text or not 0 <= start <= end <= len(text):
        return ""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    line_start = max(line_start, start - EVIDENCE_WIDTH)
    line_end = min(line_end, end + EVIDENCE_WIDTH)
    return " ".join(text[line_start:line_end].split())


def _value_text(value) -> str:
    number = as_number(value)
    return format_value(number) if number is not None else str(value or "")


def score_document(
    pred_records=(),
    gold_records=(),
    pred_programmes=(),
    gold_programmes=(),
    pred_mentions=(),
    gold_mentions=(),
    doc_id: str = "",
    source_text: str = "",
) -> DocScore:
    """Counts and errors of one document.

    pred_records / gold_records: objects with kind, value, start, end and the FIELDS.
    pred_programmes / gold_programmes: objects with `programme` (or plain names).
    pred_mentions / gold_mentions: objects with label, start, end, value; gold_mentions
        None when the gold holds no mention spans (record-only gold): mentions are not scored;
        a predicted mention with a `refused` reason is not counted.
    source_text (str): the document's source text, for false negatives' evidence (a gold
        record's own `evidence` sentence, where it has one, is used instead).
    """
    pred_records, gold_records = list(pred_records), list(gold_records)
    counts = empty_counts()
    errors: list[ScoreError] = []

    pairs = match_records(pred_records, gold_records)
    matched_pred = {pred_index for pred_index, _ in pairs}
    matched_gold = {gold_index for _, gold_index in pairs}
    exact = 0
    for pred_index, gold_index in pairs:
        pred_record, gold_record = pred_records[pred_index], gold_records[gold_index]
        all_right = True
        for name in FIELDS:
            predicted, wanted = getattr(pred_record, name, ""), getattr(gold_record, name, "")
            right = field_matches(name, predicted, wanted)
            counts["fields"][name]["total"] += 1
            counts["fields"][name]["correct"] += right
            if not right:
                all_right = False
                errors.append(ScoreError(
                    doc_id, "field", gold_record.kind, _value_text(gold_record.value), name,
                    predicted or "", wanted or "", getattr(pred_record, "evidence", "") or "",
                    getattr(pred_record, "basis", "") or "",
                ))
        exact += all_right
    counts["records"] = {
        "tp": len(pairs),
        "fp": len(pred_records) - len(pairs),
        "fn": len(gold_records) - len(pairs),
    }
    counts["exact_records"] = {
        "tp": exact, "fp": len(pred_records) - exact, "fn": len(gold_records) - exact,
    }
    for pred_index, pred_record in enumerate(pred_records):
        if pred_index not in matched_pred:
            errors.append(ScoreError(
                doc_id, "fp", pred_record.kind, _value_text(pred_record.value), "", "", "",
                getattr(pred_record, "evidence", "") or "", getattr(pred_record, "basis", "") or "",
            ))
    for gold_index, gold_record in enumerate(gold_records):
        if gold_index not in matched_gold:
            span = _span(gold_record)
            evidence = getattr(gold_record, "evidence", "") or (
                context_of(source_text, *span) if span else ""
            )
            errors.append(ScoreError(
                doc_id, "fn", gold_record.kind, _value_text(gold_record.value), "", "", "",
                evidence,
            ))

    pred_names, gold_names = _programme_names(pred_programmes), _programme_names(gold_programmes)
    programme_pairs = match_programmes(pred_names, gold_names)
    counts["programmes"] = {
        "tp": len(programme_pairs),
        "fp": len(pred_names) - len(programme_pairs),
        "fn": len(gold_names) - len(programme_pairs),
    }
    matched_names = {pred_index for pred_index, _ in programme_pairs}
    matched_gold_names = {gold_index for _, gold_index in programme_pairs}
    errors += [
        ScoreError(doc_id, "fp", "programme", "", "programme", name, "", "")
        for index, name in enumerate(pred_names) if index not in matched_names
    ]
    errors += [
        ScoreError(doc_id, "fn", "programme", "", "programme", "", name, "")
        for index, name in enumerate(gold_names) if index not in matched_gold_names
    ]

    if gold_mentions is None:
        return DocScore(doc_id=doc_id, counts=counts, errors=errors)
    counts["mention_documents"] = 1
    # a refused mention (a figure out of bounds, kept with its reason) is no prediction
    pred_mentions = [m for m in pred_mentions if not getattr(m, "refused", "")]
    gold_mentions = list(gold_mentions)
    for mode in ("strict", "overlap"):
        mention_pairs = match_mentions(pred_mentions, gold_mentions, strict=mode == "strict")
        for label in MENTION_LABELS:
            label_counts = counts["mentions"][mode][label]
            label_pairs = [pair for pair in mention_pairs if gold_mentions[pair[1]].label == label]
            label_counts["tp"] = len(label_pairs)
            label_counts["fp"] = sum(m.label == label for m in pred_mentions) - len(label_pairs)
            label_counts["fn"] = sum(m.label == label for m in gold_mentions) - len(label_pairs)
            label_counts["value_correct"] = sum(
                mention_value_matches(label, pred_mentions[p].value, gold_mentions[g].value)
                for p, g in label_pairs
            )
    return DocScore(doc_id=doc_id, counts=counts, errors=errors)


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 with their counts.

    Nothing to find and nothing found is perfect (1.0); otherwise an undefined ratio
    (zero denominator) counts as 0.0.
    """
    if tp == fp == fn == 0:
        precision = recall = f1 = 1.0
    else:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def ratio(correct: int, total: int) -> float | None:
    """An accuracy; None when there is nothing to measure it on."""
    return correct / total if total else None


def metrics(counts: dict) -> dict:
    """The figures of one count tree (a document's or the corpus sum); mentions None when
    no document's gold holds mention spans (not available, which is not zero)."""
    mentions: dict[str, dict] | None = {}
    for label in (*MENTION_LABELS, ALL_LABELS):
        mentions[label] = {}
        for mode in ("strict", "overlap"):
            by_label = counts["mentions"][mode]
            label_counts = by_label[label] if label != ALL_LABELS else _sum(by_label.values())
            figures = prf(label_counts["tp"], label_counts["fp"], label_counts["fn"])
            figures["value_accuracy"] = ratio(label_counts["value_correct"], label_counts["tp"])
            mentions[label][mode] = figures
    if not counts["mention_documents"]:
        mentions = None
    return {
        "records": prf(**counts["records"]),
        "exact_records": prf(**counts["exact_records"]),
        "fields": {
            name: {"accuracy": ratio(c["correct"], c["total"])} | c
            for name, c in counts["fields"].items()
        },
        "programmes": prf(**counts["programmes"]),
        "mentions": mentions,
    }


def headline(figures: dict) -> dict:
    """The figures the regression gate guards, from metrics(): exact-record F1 leads."""
    return {
        "exact_record_f1": figures["exact_records"]["f1"],
        "records_f1": figures["records"]["f1"],
        "programme_f1": figures["programmes"]["f1"],
        "field_accuracy": {name: figures["fields"][name]["accuracy"] for name in FIELDS},
    }


def score_corpus(doc_scores) -> dict:
    """Micro-averaged figures over documents (counts summed), and each document's own."""
    doc_scores = sorted(doc_scores, key=lambda score: score.doc_id)
    total = empty_counts()
    for doc_score in doc_scores:
        add_counts(total, doc_score.counts)
    overall = metrics(total)
    return {
        "headline": headline(overall),
        "overall": overall,
        "documents": {score.doc_id: metrics(score.counts) for score in doc_scores},
    }
