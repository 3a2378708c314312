"""Our spaCy components; importing this package registers their factories."""

from . import figures, lands, orgs, programmes, records, structure, temporal, tokenizer  # noqa: F401

PIPE_NAMES = (
    "de_scan", "de_lands", "de_orgs", "de_money", "de_percent",
    "de_temporal", "de_programmes", "de_records",
)
