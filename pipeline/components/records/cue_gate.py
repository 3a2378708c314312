"""Where a sentence may hold a per cue: one pass per sentence instead of searches per figure.

Speed device (CueGate, CuePass). Per asks of each amount whether a per cue lies in the text
after it (up to the next figure) and before it (from the previous one). Most amounts have
none near them. A sentence is passed over once, for all its figures, by the alternation of
the cues in a relaxed form; a figure's question is then a bisect in those matches, and the
units' own regexes run only where it may find one. On the bench corpus (corpus x3, de_records
alone, py-spy) the per field took 0.11 s/MB before (about 6 % of the pipeline: two searches
of all cues per amount, an alternation with no first letters to skip on), 0.04 after. A test
checks on slices of its texts that the gate says "may" wherever a unit's regex finds a cue.

Why "no" is safe. The relaxed alternation is the cues without their lookaheads; the cues have
no lookbehind or anchor (the gate refuses them). A cue found at p in text[a:b] is then a match
from p in the text (nothing looks before a), and without lookaheads it still matches with the
sentence's end as the end. A pass over the sentence tries every offset outside its earlier
matches, so one of its matches starts at p or reaches over it: a match overlapping [a, b).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..rules import QUANTIFIERS, cue_regex, group_end, token_end, top_level_alternatives
from .context import DocContext

# what a cue may not hold: a lookbehind, \b, \B, \A, \Z, ^ or $ (outside sets and escapes)
LOOKS_AROUND = re.compile(r"\(\?<[=!]|\\[bBAZ]|[$^]")
ESCAPE_OR_SET = re.compile(r"\\[^bBAZ]|\[(?:\\.|[^]])*\]")


class CuePass:
    """The matches of one pass of a CueGate's alternation over a sentence."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]  # the matches do not overlap: in order of end too

    def may_match(self, a: int, b: int) -> bool:
        """False where no cue matches in text[a:b] (a and b inside the sentence)."""
        i = bisect_right(self.ends, a)  # the first match ending after a
        return i < len(self.starts) and self.starts[i] < b


class CueGate:
    """The relaxed alternation of some cues, passed over each sentence once per doc."""

    def __init__(self, fragments: list[str], flags: int = re.IGNORECASE):
        for frag in fragments:
            if LOOKS_AROUND.search(ESCAPE_OR_SET.sub("", frag)):
                raise ValueError(f"cue {frag!r}: a lookbehind or anchor; CueGate cannot pass over it")
        self.regex = cue_regex([alt for frag in fragments for alt in leading_alternatives(without_lookaheads(frag))],
                               flags)

    def of(self, ctx: DocContext, sentence: tuple[int, int]) -> CuePass:
        """The pass over the sentence [s, e) of the doc, made once (DocContext.per_span)."""
        return ctx.per_span(self.pass_over, *sentence, ctx.text)

    def pass_over(self, s: int, e: int, text: str) -> CuePass:
        return CuePass([m.span() for m in self.regex.finditer(text, s, e)])


def without_lookaheads(fragment: str) -> str:
    """The regex fragment without its lookahead groups ("im\\s+Jahr(?!\\s+\\d)" -> "im\\s+Jahr"):
    it matches wherever the fragment does, and more."""
    out, i, n = [], 0, len(fragment)
    while i < n:
        if fragment.startswith(("(?!", "(?="), i):
            end = group_end(fragment, i + 3)
            if end < 0:
                raise ValueError(f"cue {fragment!r}: a group that does not close")
            i = end + 1
            continue
        end = token_end(fragment, i)
        out.append(fragment[i:end])
        i = end
    return "".join(out)


def leading_alternatives(fragment: str) -> list[str]:
    """A fragment that opens with a group of alternatives as one fragment per alternative
    ("(?:pro|je)\\s+Kind" -> "pro\\s+Kind", "je\\s+Kind"): the same matches, and cue_regex
    can then group each with the cues that begin with its letter."""
    end = group_end(fragment, 3) if fragment.startswith("(?:") else -1
    if end < 0 or fragment[end + 1:end + 2] in QUANTIFIERS:  # no such group, or a quantified one: left whole
        return [fragment]
    return [alt + fragment[end + 1:] for alt in top_level_alternatives(fragment[3:end])]
