"""spaCy's German tokenizer, splitting a little more, keeping the text it was given, and
caching what it can.

Extra infixes split a hyphen or dash that joins a number to a number or word ("2021-2024",
"2023–2026", "880-Millionen-Paket") and a slash between years ("2023/24"), so rule spans
align with tokens. The input text is kept on the doc: spaCy rebuilds ``doc.text`` from its
tokens on every access, which costs more than some of our components.

Speed. spaCy caches the tokens of each whitespace-separated chunk, but stops caching a
doc's chunks after the doc's first special case (spaCy #1250). Two kinds of special case
did that to almost every article:
- pure whitespace ("\\n", " ", "\\t"): dropped, they tokenise exactly as without a rule;
- abbreviations ending in a period ("Mio.", "ca.", "bzw."): after one in the first
  paragraph, the rest of the article was split affix by affix on every run (on the bench
  corpus spaCy's tokenizer took 0.18 s/MB with them, 0.03 without any special case).
  These are special cases that hold a prefix, suffix or infix character, and
  spaCy itself also applies them after splitting, by matching their split tokens and
  joining them again. ``SpecialCaseTokenizer`` does only that: it tokenises without them
  (so the cache keeps working) and joins their split tokens afterwards.
Tokenisation never crosses whitespace, so the result is the same chunk by chunk; each
distinct chunk in which an abbreviation could occur is checked once against spaCy's own
tokenizer, and a doc with a chunk where the two differ is tokenised by spaCy's.
"""

from __future__ import annotations

import re

from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, registry

from .rules import alternation, remember_text

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
    a change rebuilds the special-case handling."""

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
        """After a change of settings: the special-case handling is built on first use (a
        load sets the tokenizer up, then reads its settings from disk)."""
        drop_whitespace_rules(self.inner)
        self.tokenize = None

    def add_special_case(self, string: str, substrings) -> None:
        self.inner.add_special_case(string, substrings)
        self._prepare()

    def __call__(self, text: str):
        if self.tokenize is None:
            self.tokenize = SpecialCaseTokenizer(self.inner)
        doc = self.tokenize(text)
        remember_text(doc, text)
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


class SpecialCaseTokenizer:
    """What ``spacy_tokenizer`` returns, with the special cases that hold an affix character
    applied after splitting (see the module docstring)."""

    # how many distinct chunks are remembered as checked before that memory starts afresh
    max_checked = 100_000

    def __init__(self, spacy_tokenizer: Tokenizer):
        self.spacy_tokenizer = spacy_tokenizer
        rules = spacy_tokenizer.rules or {}
        # spaCy's own test of which special cases it re-applies after splitting
        self.joined = {k: v for k, v in rules.items() if has_affix(spacy_tokenizer, k)}
        self.split = copy_without_rules(spacy_tokenizer, {k: v for k, v in rules.items() if k not in self.joined})
        bare = copy_without_rules(spacy_tokenizer, {})
        self.matcher = PhraseMatcher(spacy_tokenizer.vocab)
        for key in self.joined:
            self.matcher.add(key, [bare(key)])
        self.may_hold_special = re.compile(alternation(self.joined)) if self.joined else None
        # a special case with a space between other characters may join tokens of two
        # chunks: then chunks cannot be checked alone, and spaCy's tokenizer does all the work
        self.chunkwise = not any(any(c.isspace() for c in key) and not key.isspace() for key in rules)
        self.checked: set[str] = set()
        self.differing: set[str] = set()

    def __call__(self, text: str):
        if not self.chunkwise:
            return self.spacy_tokenizer(text)
        chunks = set(text.split())
        if self.differing and not self.differing.isdisjoint(chunks):
            return self.spacy_tokenizer(text)
        unchecked = chunks - self.checked
        if unchecked and not self.check(unchecked):
            return self.spacy_tokenizer(text)
        return self.join_specials(self.split(text), text)

    def check(self, chunks: set[str]) -> bool:
        """Whether each chunk tokenises as spaCy's tokenizer would; remember the answers.

        Only a chunk in which a joined special case occurs can differ. Those are tokenised
        together, one space apart, both ways (tokens never cross a space), and one by one
        only if the two differ."""
        if len(self.checked) + len(self.differing) > self.max_checked:
            self.checked.clear()
            self.differing.clear()
        holding = [c for c in chunks if self.may_hold_special is not None and self.may_hold_special.search(c)]
        self.checked.update(chunks.difference(holding))
        if not holding or self.same_tokens(" ".join(holding)):
            self.checked.update(holding)
            return True
        for chunk in holding:
            (self.checked if self.same_tokens(chunk) else self.differing).add(chunk)
        return False

    def same_tokens(self, text: str) -> bool:
        return token_rows(self.join_specials(self.split(text), text)) == token_rows(self.spacy_tokenizer(text))

    def join_specials(self, doc, text: str):
        """Join the split tokens of a special case into the special case's token (text is
        the doc's text)."""
        spans = []
        for _, start, end in self.matcher(doc):
            last = doc[end - 1]
            tokens = self.joined.get(text[doc[start].idx:last.idx + len(last)])
            if tokens is not None and len(tokens) == 1:  # spelt without spaces, one token
                spans.append((start, end, tokens[0]))
        if not spans:
            return doc
        with doc.retokenize() as retokenizer:
            taken_until = 0
            for start, end, token in sorted(spans, key=lambda s: (s[0], -s[1])):
                if start < taken_until:
                    continue  # overlaps a longer one (the check finds any difference)
                taken_until = end
                # a special case without a NORM has its lexeme's, as in spaCy
                norm = token.get(NORM) or doc.vocab[token[ORTH]].norm_
                retokenizer.merge(doc[start:end], attrs={"NORM": norm})
        return doc


def has_affix(tokenizer: Tokenizer, key: str) -> bool:
    """spaCy's test (Tokenizer.add_special_case) of a special case it also matches after
    splitting: one that holds a prefix, suffix or infix, or a space."""
    return bool(not tokenizer.faster_heuristics or tokenizer.find_prefix(key) or tokenizer.find_infix(key)
                or tokenizer.find_suffix(key) or " " in key)


def copy_without_rules(tokenizer: Tokenizer, rules: dict) -> Tokenizer:
    """A tokenizer that splits like ``tokenizer`` with only the given special cases."""
    return Tokenizer(
        tokenizer.vocab, rules=rules, prefix_search=tokenizer.prefix_search, suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer, token_match=tokenizer.token_match, url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )


def token_rows(doc) -> list:
    """What a token is: its text, its normal form and whether a space follows."""
    return doc.to_array([ORTH, NORM, SPACY]).tolist()
