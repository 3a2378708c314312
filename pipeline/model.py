"""Build the packaged spaCy pipeline from the rule sources: ``make model``.

``spacy.blank("de")`` + a tokenizer that also splits "2021-2024" and "880-Millionen-Paket"
at the hyphen between a digit and a word, + our components, each initialised from
``models/patterns`` and ``models/lexicon``, saved with ``nlp.to_disk`` to
``models/de_funding``. ``pipeline.extract.load_nlp`` loads it with ``spacy.load``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from . import records  # noqa: F401  (registers de_records)
from .components import PIPE_NAMES
from .components.rules import MODELS_DIR

MODEL_DIR = MODELS_DIR / "de_funding"
# split a hyphen or dash that joins a number to a number or word: "2021-2024", "2023–2026",
# "880-Millionen-Paket"; and a slash between years: "2023/24"
EXTRA_INFIXES = [r"(?<=[0-9])[\-–—](?=[0-9A-Za-zÄÖÜäöü])", r"(?<=[0-9])/(?=[0-9])"]


def build_nlp() -> Language:
    nlp = spacy.blank("de")
    infixes = list(nlp.Defaults.infixes) + EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    nlp.initialize()
    nlp.meta["name"] = "funding"
    nlp.meta["description"] = "Rule-based extraction of funding figures from German press releases"
    return nlp


def main(argv=None) -> int:
    out = Path((argv or sys.argv[1:] or [str(MODEL_DIR)])[0])
    nlp = build_nlp()
    nlp.to_disk(out)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
