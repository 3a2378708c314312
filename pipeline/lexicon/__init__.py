"""The lexicon's files (``models/lexicon/de``) and the regex alternations built from their
word lists: shared by the cleaner, the spaCy components and the gazetteers, so none of them
reaches into another for it."""

from __future__ import annotations

import re
from pathlib import Path

import srsly

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
LEXICON_DIR = MODELS_DIR / "lexicon" / "de"


def read_lexicon(name: str) -> dict:
    return srsly.read_yaml(LEXICON_DIR / f"{name}.yaml")


def alternation(words, flags: str = "") -> str:
    """One regex alternation of literal words, longest first (so "Millionen" beats "Million").

    Built as a trie ("acht(?:zehn|zig)?" rather than "achtzehn|achtzig|acht"): Python's re
    tries a flat alternation word by word at every position of the text, a trie one
    character at a time. Both match the same words in the same order, longest first,
    because words that match at one position are prefixes of each other and so share
    the trie path. A case-insensitive match breaks that when two words differ only in
    case up to a prefix ("EUR", "Euro"); such lists stay flat.

    >>> alternation(["acht", "achtzehn", "achtzig", "elf"])
    '(?:(?:acht(?:z(?:ehn|ig))?|elf))'
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if _case_prefix_clash(unique):
        body = "|".join(re.escape(w) for w in unique)
    else:
        body = trie_regex(unique)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _case_prefix_clash(words: list[str]) -> bool:
    """Whether one word is a prefix of another ignoring case but not respecting it."""
    ordered = sorted(words, key=str.lower)
    for i, word in enumerate(ordered):
        lowered = word.lower()
        for other in ordered[i + 1:]:
            if not other.lower().startswith(lowered):
                break
            if not other.startswith(word):
                return True
    return False


def trie_regex(words: list[str]) -> str:
    """The words as a trie of literal characters, a longer word first where one ends."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return pattern(trie)
