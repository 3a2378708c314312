"""Plain look-ups over the lexicon data in ``models/lexicon/de`` (no spaCy component)."""
