"""Scores of predicted records, programmes and mentions against gold (schema §6).

Pure functions, no I/O: a document's score is a tree of counts, so the corpus score is
their sum (micro-average) and the figures are computed from counts only at the end.
Records and mentions are read by attribute, so pipeline.schema's dataclasses (values as
canonical strings) and pipeline.evaluation.gold's (values as Decimal) are scored alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.evaluation.matching import (
    as_number, field_matches, match_mentions, match_programmes, match_records, mention_value_matches,
    programme_names, span_of,
)
from pipeline.schema import MENTION_LABELS, format_value

FIELDS = (
    "land", "programme", "body", "qualifier", "per",
    "period_start", "period_end", "deadline", "duration",
)
ALL_LABELS = "ALL"
# basis: where the predicted record read its land, programme and body (schema §2), so that an
# error can be told apart by how far from the figure its field was read
ERROR_COLUMNS = ("doc_id", "error", "kind", "value", "field", "predicted", "gold", "evidence", "basis")
EVIDENCE_WIDTH = 160  # characters either side of a false negative's span, at most


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
            span = span_of(gold_record)
            evidence = getattr(gold_record, "evidence", "") or (
                context_of(source_text, *span) if span else ""
            )
            errors.append(ScoreError(
                doc_id, "fn", gold_record.kind, _value_text(gold_record.value), "", "", "",
                evidence,
            ))

    pred_names, gold_names = programme_names(pred_programmes), programme_names(gold_programmes)
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
