"""The cleaner's word lists, read once from models/lexicon/de/, and the regex pieces built
from them.

Lists of the cleaner's own are in clean.yaml; lists kept for other components are read from
their file rather than repeated: the Land names whose first part keeps its hyphen
(lands.yaml) and the scale words and currencies of a figure (numbers.yaml).
"""

from __future__ import annotations

import re
from pathlib import Path

import srsly

from ..components.rules import cue_regex
from ..lexicon import LEXICON_DIR
from ..normalize.numbers import load_lexicon as numbers_lexicon

CLEAN_LEXICON_PATH = LEXICON_DIR / "clean.yaml"

#: The lists clean.yaml must hold, per stage.
CLEAN_LISTS = {
    "furniture": (
        "credit_cues", "button_cues", "share_connectives", "signup_and_consent_cues", "cookie_consent_stems",
        "breadcrumb_roots", "cms_metadata_lines", "cms_content_types", "cms_tag_labels",
        "byline_cues", "reading_time_labels",
    ),
    "teasers": ("more_cues", "box_headings"),
    "repairs": ("coordinating_words", "continuing_words", "percent_units", "counter_words", "abbreviated_scales"),
}


def read_clean_lexicon(path: Path = CLEAN_LEXICON_PATH) -> dict[str, dict[str, tuple[str, ...]]]:
    """clean.yaml as stage -> list name -> words; fails on load, naming file and list.

    path (Path): the YAML file.
    RETURNS (dict): {stage: {list name: tuple of words}}.
    """
    data = srsly.read_yaml(path)
    if not isinstance(data, dict) or set(data) != set(CLEAN_LISTS):
        raise ValueError(f"{path}: sections must be {sorted(CLEAN_LISTS)}, found {sorted(data or {})}")
    lexicon = {}
    for stage, names in CLEAN_LISTS.items():
        lists = data[stage]
        if not isinstance(lists, dict) or set(lists) != set(names):
            raise ValueError(f"{path}: {stage} must hold {sorted(names)}, found {sorted(lists or {})}")
        for name, words in lists.items():
            if not words or not all(isinstance(w, str) and w.strip() == w and w for w in words):
                raise ValueError(f"{path}: {stage}.{name} must be a non-empty list of words without outer spaces")
        lexicon[stage] = {name: tuple(words) for name, words in lists.items()}
    return lexicon


_CLEAN = read_clean_lexicon()
_LANDS = srsly.read_yaml(LEXICON_DIR / "lands.yaml")
_NUMBERS = numbers_lexicon()  # read and checked once, shared with the normalisers

FURNITURE = _CLEAN["furniture"]
TEASERS = _CLEAN["teasers"]
REPAIRS = _CLEAN["repairs"]

#: Lowercase first parts of hyphenated Land names ("baden", "nordrhein"): their hyphen is real
#: in adjectives ("nordrhein-westfälisch"), so a line ending in one is not a broken word.
HYPHENATED_LAND_PARTS = frozenset(name.split("-")[0].lower() for name in _LANDS if "-" in name)

#: Scale words as written in text ("Millionen", "Mio"), and those not abbreviated.
SCALE_WORDS = tuple(word.capitalize() for word in _NUMBERS["scales"])
if not set(REPAIRS["abbreviated_scales"]) <= set(_NUMBERS["scales"]):
    raise ValueError(f"{CLEAN_LEXICON_PATH}: repairs.abbreviated_scales must be scales of numbers.yaml")
FULL_SCALE_WORDS = tuple(
    word.capitalize() for word in _NUMBERS["scales"] if word not in REPAIRS["abbreviated_scales"]
)
ABBREVIATED_SCALE_WORDS = tuple(word.capitalize() for word in REPAIRS["abbreviated_scales"])
#: Currencies that name no scale of their own ("Euro", "EUR", "€"; not "TEUR").
PLAIN_CURRENCIES = tuple(word for word, multiplier in _NUMBERS["currencies"].items() if multiplier == 1)
#: Words that scale or name the unit of a figure; only before these is "4, 2" a number.
FIGURE_UNITS = SCALE_WORDS + tuple(_NUMBERS["currencies"]) + REPAIRS["percent_units"]


def flat_alternation(words) -> str:
    """Regex flat_alternation of literal words, longest first so prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def cue_alternation(words, flags: int = re.IGNORECASE) -> str:
    """flat_alternation of the words as one group, in the shape of the finders' cue lists
    (components.rules.cue_regex): a lookahead for their first letters, then the words
    grouped by first letter, in the same order. It matches what "(?:flat_alternation)"
    matches, in a pattern with these flags, alternative for alternative (cue_regex says
    why), but re fails a line at one character test, or tries only the words of its first
    letter, where it tried every word.

    Kept speed trick: the furniture and teaser line tests took 31 M instructions of the
    pipeline's 604 M on the corpus (a line tried every word of a list at its start), 19 M
    with this (the cleaner 63.8 -> 51.5 M). tests/test_clean.py matches every line with the
    flat alternations too."""
    escaped = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    return f"(?:{cue_regex(escaped, flags).pattern})"


LETTER = r"[^\W\d_]"  # a letter in any script, umlauts included
NOT_LETTER_AHEAD = rf"(?!{LETTER})"
#: At most this long: a teaser's headline, a heading, a credit or breadcrumb line.
HEADLINE_MAX_CHARS = 160
