"""The evaluator: run the extractor on the gold documents, score it, report and record it.

`evaluate()` is the plain function tests call; `main(argv)` is the thin command behind
`python -m pipeline evaluate`. The regression gate compares the headline figures with
annotations/baseline.json, which `--update-baseline` rewrites from a measured run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from pipeline.evaluation.gold import BASELINE_FILE, GoldError
from pipeline.evaluation.gold_checks import load_gold_set
from pipeline.evaluation.scoring import ALL_LABELS, ERROR_COLUMNS, FIELDS, score_corpus, score_document
from pipeline.schema import MENTION_LABELS
from pipeline.io.writing import AtomicFile

BASELINE_TOLERANCE = 1e-9
BASELINE_DECIMALS = Decimal("0.0001")  # baseline figures are rounded DOWN to this
UPDATE_COMMAND = "python -m pipeline evaluate --update-baseline"
MENTIONS_NOT_AVAILABLE = "Mentions: not available (the gold holds no mention spans)"
_NOT_SCORED = {"tp": 0, "fp": 0, "fn": 0, "f1": None, "value_accuracy": None}
NO_MENTIONS = {ALL_LABELS: {"strict": _NOT_SCORED, "overlap": _NOT_SCORED}}
FIELD_HEADERS = {
    "land": "land", "programme": "prog", "body": "body", "qualifier": "qual", "per": "per",
    "period_start": "p_start", "period_end": "p_end", "deadline": "deadl", "duration": "dur",
}


def default_extractor(sources):
    """The lead's extractor, imported only when needed so scoring works without spaCy models."""
    from pipeline.extract import extract_sources, load_nlp

    return extract_sources(sources, nlp=load_nlp())


def evaluate(
    annotations_dir="annotations",
    corpus_dir="corpus",
    out_dir="outputs",
    extractor=None,
    *,
    show: bool = True,
) -> dict:
    """Score the extractor against every gold file; write eval.json and errors.csv.

    extractor (callable): sources -> iterable of DocResult(doc_id, records, programmes,
        mentions); default: pipeline.extract.extract_sources.
    show (bool): print the tables to stdout.
    RETURNS (dict): {"headline", "overall", "documents"} as written to eval.json.
    Raises GoldError when a gold file is invalid: stale gold is never silently scored.
    """
    pairs, problems = load_gold_set(annotations_dir, corpus_dir)
    if problems:
        raise GoldError("invalid gold:\n" + "\n".join(problems))
    if not pairs:
        raise GoldError(f"no gold files in {annotations_dir}")
    sources = [source for _, source in pairs]
    results = {result.doc_id: result for result in (extractor or default_extractor)(sources)}

    doc_scores = []
    for gold, source in pairs:
        result = results.get(gold.doc_id)
        doc_scores.append(score_document(
            pred_records=result.records if result else (),
            gold_records=gold.records,
            pred_programmes=result.programmes if result else (),
            gold_programmes=gold.programmes,
            pred_mentions=result.mentions if result else (),
            gold_mentions=gold.mentions,  # None for record-only gold
            doc_id=gold.doc_id,
            source_text=source.text,
        ))
    report = score_corpus(doc_scores)
    errors = [error for doc_score in sorted(doc_scores, key=lambda s: s.doc_id)
              for error in doc_score.errors]

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / "eval.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    write_atomic(out_dir / "errors.csv", errors_csv(errors))
    if show:
        print(format_report(report))
    return report


# ---------------------------------------------------------------- files


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a file."""
    with AtomicFile(path) as target:
        target.handle.write(text)


def errors_csv(errors) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ERROR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(error.as_row() for error in errors)
    return buffer.getvalue()


# ---------------------------------------------------------------- baseline


def flatten(figures: dict, prefix: str = "") -> dict[str, float | None]:
    """{"field_accuracy": {"land": x}} → {"field_accuracy.land": x}."""
    flat = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def floor_figure(value: float | None) -> float:
    """A figure rounded DOWN to 4 decimals (an unmeasurable figure counts as 0), so the
    run that wrote the baseline always passes it."""
    if value is None:
        return 0.0
    return float(Decimal(repr(value)).quantize(BASELINE_DECIMALS, rounding=ROUND_FLOOR))


def baseline_from(headline: dict) -> dict:
    return {
        key: baseline_from(value) if isinstance(value, dict) else floor_figure(value)
        for key, value in headline.items()
    }


def write_baseline(headline: dict, path) -> Path:
    path = Path(path)
    write_atomic(path, json.dumps(baseline_from(headline), indent=1) + "\n")
    return path


def load_baseline(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def compare_with_baseline(headline: dict, baseline: dict) -> list[str]:
    """One message per baseline figure the measured headline falls below; empty = no drop.

    A figure that could not be measured (None, or absent) counts as 0.
    """
    measured = flatten(headline)
    drops = []
    for key, floor in flatten(baseline).items():
        value = measured.get(key)
        value = 0.0 if value is None else value
        if value < floor - BASELINE_TOLERANCE:
            drops.append(f"{key} fell from the baseline {floor:.4f} to {value:.4f}")
    return drops


# ---------------------------------------------------------------- tables


def _figure(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """Columns aligned: the first to the left, the rest (figures) to the right."""
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells):
        return "  ".join(
            str(cell).ljust(width) if i == 0 else str(cell).rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def format_report(report: dict) -> str:
    """The per-document and overall tables of an evaluation report."""
    named = [*report["documents"].items(), ("OVERALL", report["overall"])]
    records = format_table(
        ["document", "gold", "pred", "P", "R", "F1", "exactF1", "progF1"],
        [
            [
                name, figures["records"]["tp"] + figures["records"]["fn"],
                figures["records"]["tp"] + figures["records"]["fp"],
                _figure(figures["records"]["precision"]), _figure(figures["records"]["recall"]),
                _figure(figures["records"]["f1"]), _figure(figures["exact_records"]["f1"]),
                _figure(figures["programmes"]["f1"]),
            ]
            for name, figures in named
        ],
    )
    fields = format_table(
        ["document", "pairs", *(FIELD_HEADERS[name] for name in FIELDS)],
        [
            [name, figures["records"]["tp"],
             *(_figure(figures["fields"][field]["accuracy"]) for field in FIELDS)]
            for name, figures in named
        ],
    )
    tables = [
        "Records (value within 0.5 %, one-to-one); exact = every field right",
        records,
        "Field accuracy on matched record pairs",
        fields,
    ]
    if report["overall"]["mentions"] is None:
        return "\n\n".join([*tables, MENTIONS_NOT_AVAILABLE])
    return "\n\n".join([*tables, *format_mention_tables(named, report["overall"]["mentions"])])


def format_mention_tables(named: list[tuple[str, dict]], overall_mentions: dict) -> list[str]:
    """Mention tables; a document whose gold has no mention spans shows "–"."""
    mention_docs = format_table(
        ["document", "gold", "pred", "strictF1", "overlapF1", "value"],
        [
            [
                name, all_labels["strict"]["tp"] + all_labels["strict"]["fn"],
                all_labels["strict"]["tp"] + all_labels["strict"]["fp"],
                _figure(all_labels["strict"]["f1"]), _figure(all_labels["overlap"]["f1"]),
                _figure(all_labels["strict"]["value_accuracy"]),
            ]
            for name, figures in named
            for all_labels in [(figures["mentions"] or NO_MENTIONS)[ALL_LABELS]]
        ],
    )
    mention_labels = format_table(
        ["label", "gold", "pred", "sP", "sR", "sF1", "sValue", "oP", "oR", "oF1", "oValue"],
        [
            [
                label, by_mode["strict"]["tp"] + by_mode["strict"]["fn"],
                by_mode["strict"]["tp"] + by_mode["strict"]["fp"],
                *(
                    _figure(by_mode[mode][figure])
                    for mode in ("strict", "overlap")
                    for figure in ("precision", "recall", "f1", "value_accuracy")
                ),
            ]
            for label in (*MENTION_LABELS, ALL_LABELS)
            for by_mode in [overall_mentions[label]]
        ],
    )
    return [
        "Mentions per document (all labels)",
        mention_docs,
        "Mentions per label, overall "
        "(s = strict offsets, o = overlap; Value = value accuracy on matched spans)",
        mention_labels,
    ]


# ---------------------------------------------------------------- command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline evaluate",
        description="Score the extractor against a gold folder and the texts it annotates.",
    )
    parser.add_argument(
        "--gold", "--annotations", dest="annotations", default="annotations",
        help="gold directory: full gold, or record-only gold without mention spans "
        "(schema §5) (default: %(default)s)",
    )
    parser.add_argument(
        "--texts", "--corpus", dest="corpus", default="corpus",
        help="directory of the texts the gold annotates (default: %(default)s)",
    )
    parser.add_argument(
        "--out", default="outputs",
        help="where eval.json and errors.csv go (default: %(default)s)",
    )
    parser.add_argument(
        "--update-baseline", action="store_true",
        help=f"rewrite <annotations>/{BASELINE_FILE} from this run's figures (rounded down)",
    )
    return parser


def main(argv=None) -> int:
    """`python -m pipeline evaluate [...]`: 0 when evaluated, 2 when the gold or the
    extractor is unusable (a drop below the baseline is reported; the test gate fails on it)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["evaluate"]:  # tolerate being handed the subcommand itself
        argv = argv[1:]
    args = build_parser().parse_args(argv)
    try:
        report = evaluate(args.annotations, args.corpus, args.out)
    except GoldError as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 2
    except ImportError as error:
        print(f"evaluate: the extractor cannot be imported: {error}", file=sys.stderr)
        return 2
    print(f"\nwrote {Path(args.out) / 'eval.json'} and {Path(args.out) / 'errors.csv'}")
    baseline_path = Path(args.annotations) / BASELINE_FILE
    if args.update_baseline:
        write_baseline(report["headline"], baseline_path)
        print(f"baseline rewritten: {baseline_path}")
    elif baseline_path.exists():
        drops = compare_with_baseline(report["headline"], load_baseline(baseline_path))
        if drops:
            print("\n".join(["below the baseline:", *drops]))
        else:
            print("no figure below the baseline")
    return 0
