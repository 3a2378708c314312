"""spaCy's German tokenizer, splitting a little more, keeping the text it was given, and
caching what it can.

Extra infixes split a hyphen or dash that joins a number to a number or word ("2021-2024",
"2023–2026", "880-Millionen-Paket") and a slash between years ("2023/24"), so rule spans
align with tokens. The input text is kept on the doc: spaCy rebuilds ``doc.text`` from its
tokens on every access, which costs more than some of our components.

Speed. spaCy caches the tokens of each whitespace-separated chunk, but stops caching a
doc's chunks after the doc's first special case (spaCy #1250): a chunk first met after one
is split affix by affix again on every run. Two kinds of special case did that to almost
every article:
- pure whitespace ("\\n", " ", "\\t"): dropped, they tokenise exactly as without a rule;
- abbreviations ("Mio.", "ca.", "bzw."): after one in the first paragraph, the rest of the
  article was split affix by affix on every run (on the bench corpus spaCy's tokenizer
  took 0.17 s/MB with them, 0.03 once its cache held the corpus's chunks).
``ChunkCacheWarmer`` fills spaCy's cache instead: the chunks of a doc not met before are
tokenised first on their own, where no special case comes before them, and so are cached;
then spaCy's tokenizer tokenises the doc. Every token is spaCy's own: the cache only ever
holds what spaCy computed for that chunk, and a chunk's tokens never depend on what
surrounds it (tokenisation never crosses whitespace), which is why spaCy caches by chunk.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, registry

from .context import set_doc_extension  # (and registers doc._.tokenized_text)
from ..lexicon import trie_regex
from .rules import prefix_free

EXTRA_INFIXES = [r"(?<=[0-9])[\-–—](?=[0-9A-Za-zÄÖÜäöü])", r"(?<=[0-9])/(?=[0-9])"]


@registry.tokenizers("de_funding.tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> "TextKeepingTokenizer":
        inner = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        inner.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + EXTRA_INFIXES).finditer
        return TextKeepingTokenizer(inner)

    return make


class TextKeepingTokenizer:
    """A spaCy Tokenizer that remembers each doc's text; serialises as the tokenizer it wraps.

    Settings read or changed on it are the wrapped tokenizer's (``nlp.tokenizer.rules = …``);
    a change (which empties spaCy's cache) starts the cache warming afresh."""

    _own = ("inner", "tokenize")

    def __init__(self, inner):
        self.inner = inner

    def __setattr__(self, name, value):
        if name in self._own:
            object.__setattr__(self, name, value)
            if name == "inner":
                self._prepare()
        else:
            setattr(self.inner, name, value)
            self._prepare()

    def _prepare(self):
        """After a change of settings: the cache warming is set up on first use (a load sets
        the tokenizer up, then reads its settings from disk)."""
        drop_whitespace_rules(self.inner)
        self.tokenize = None

    def add_special_case(self, string: str, substrings) -> None:
        self.inner.add_special_case(string, substrings)
        self._prepare()

    def __call__(self, text: str):
        if self.tokenize is None:
            self.tokenize = ChunkCacheWarmer(self.inner)
        doc = self.tokenize(text)
        set_doc_extension(doc, "tokenized_text", text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_disk(self, path, **kwargs):
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.inner.from_disk(path, **kwargs)
        self._prepare()
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs):
        self.inner.from_bytes(data, **kwargs)
        self._prepare()
        return self

    def __getattr__(self, name):
        if name in self._own:  # not yet set (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)


def drop_whitespace_rules(tokenizer) -> None:
    """Remove the special cases that are pure whitespace and only set ORTH (see above)."""
    rules = tokenizer.rules or {}
    redundant = [k for k, tokens in rules.items() if not k.strip() and tokens == [{ORTH: k}]]
    if redundant:
        tokenizer.rules = {k: v for k, v in rules.items() if k not in redundant}


class ChunkCacheWarmer:
    """``spacy_tokenizer``, with the chunks of each doc not met before tokenised on their
    own first, so spaCy caches them (see the module docstring)."""

    def __init__(self, spacy_tokenizer: Tokenizer):
        self.spacy_tokenizer = spacy_tokenizer
        # A chunk holding no special case's text can meet no special case, so any number of
        # them tokenised together are all cached. (A chunk holds no whitespace, and neither
        # can the part of a special case it holds.)
        keys = [key for key in spacy_tokenizer.rules or {} if not any(c.isspace() for c in key)]
        self.may_hold_special = search_for_any(keys)
        self.seen: set[str] = set()

    def __call__(self, text: str):
        # spaCy caches at most max_cache_size chunks: past that, warming would only tokenise
        # new chunks twice. A doc whose chunks were all met before costs one split and one set test.
        if len(self.seen) < self.spacy_tokenizer.max_cache_size:
            chunks = text.split()  # str.split and spaCy's tokenizer split at str.isspace
            if not self.seen.issuperset(chunks):
                self.warm(set(chunks).difference(self.seen))
        return self.spacy_tokenizer(text)

    def __getstate__(self):
        # a spaCy tokenizer is pickled without its cache
        return {**vars(self), "seen": set()}

    def warm(self, chunks: set[str]) -> None:
        """Have spaCy cache each of these chunks that it can cache."""
        self.seen.update(chunks)
        if self.spacy_tokenizer.vocab.in_memory_zone:
            return  # spaCy caches nothing then
        alone = [chunk for chunk in chunks if self.may_hold_special(chunk)]
        together = chunks.difference(alone)
        if together:
            # one doc: a single space between chunks is no token and ends a chunk
            self.spacy_tokenizer(" ".join(together))
        for chunk in alone:  # a special case in one would stop the caching of the next
            self.spacy_tokenizer(chunk)


def search_for_any(words):
    """A regex search for whether any of the words occurs, built as a trie (Python's re then
    follows one branch a character at each position, where a flat alternation, which
    pipeline.lexicon.alternation keeps when two words differ only in case, tries every word) of the
    words no other begins: whether one occurs is all that is asked."""
    return re.compile(trie_regex(prefix_free(set(words))) or "(?!)").search  # "(?!)" matches nowhere
