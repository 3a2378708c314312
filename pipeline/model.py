"""Build the packaged spaCy pipeline from the rule sources: ``make model``.

``spacy.blank("de")`` with spaCy's German tokenizer, wrapped to split a little more and to
keep each doc's text (``pipeline/components/tokenizer.py``), + our components, each initialised from
``models/patterns`` and ``models/lexicon``, saved with ``nlp.to_disk`` to
``models/de_funding``. ``pipeline.extract.load_nlp`` loads it with ``spacy.load``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

from .components import PIPE_NAMES  # importing it registers our factories
from .lexicon import MODELS_DIR, read_lexicon

MODEL_DIR = MODELS_DIR / "de_funding"
TOKENIZER = {"@tokenizers": "de_funding.tokenizer.v1"}  # pipeline/components/tokenizer.py


def build_nlp() -> Language:
    nlp = spacy.blank("de", config={"nlp": {"tokenizer": TOKENIZER}})
    for abbreviation in read_lexicon("cues")["tokenizer_abbreviations"]:  # saved with the tokenizer
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
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
