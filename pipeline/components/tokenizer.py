"""spaCy's German tokenizer, splitting a little more, and keeping the text it was given.

Extra infixes split a hyphen or dash that joins a number to a number or word ("2021-2024",
"2023–2026", "880-Millionen-Paket") and a slash between years ("2023/24"), so rule spans
align with tokens. The input text is kept on the doc: spaCy rebuilds ``doc.text`` from its
tokens on every access, which costs more than some of our components.

Special cases that are pure whitespace ("\n", " ", "\t") are dropped: they tokenise exactly
as they would without a rule, but spaCy stops caching a doc's chunks after its first
special case (spaCy #1250), so with them every article stopped caching after its first
line break and tokenised at about a third of the speed.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex, registry

from .rules import remember_text

EXTRA_INFIXES = [r"(?<=[0-9])[\-–—](?=[0-9A-Za-zÄÖÜäöü])", r"(?<=[0-9])/(?=[0-9])"]


@registry.tokenizers("de_funding.tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> "TextKeepingTokenizer":
        inner = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        inner.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + EXTRA_INFIXES).finditer
        return TextKeepingTokenizer(inner)

    return make


class TextKeepingTokenizer:
    """A spaCy Tokenizer that remembers each doc's text; serialises as the tokenizer it wraps."""

    def __init__(self, inner):
        self.inner = inner
        drop_whitespace_rules(inner)

    def __call__(self, text: str):
        doc = self.inner(text)
        remember_text(doc, text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_disk(self, path, **kwargs):
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.inner.from_disk(path, **kwargs)
        drop_whitespace_rules(self.inner)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs):
        self.inner.from_bytes(data, **kwargs)
        drop_whitespace_rules(self.inner)
        return self

    def __getattr__(self, name):
        if name == "inner":  # not yet set (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)


def drop_whitespace_rules(tokenizer) -> None:
    """Remove the special cases that are pure whitespace and only set ORTH (see above)."""
    rules = tokenizer.rules or {}
    redundant = [k for k, tokens in rules.items() if not k.strip() and tokens == [{ORTH: k}]]
    if redundant:
        tokenizer.rules = {k: v for k, v in rules.items() if k not in redundant}
