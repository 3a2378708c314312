"""DATE, PERIOD and DURATION mentions, and which dates are application deadlines.

Rules find the spans (``models/patterns/temporal.jsonl``); ``pipeline.normalize.dates``
reads each span's value. dateparser is only ever called on such a short span.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..normalize.dates import date_value, duration_value, period_interval, period_value
from .context import layout_of
from .fragments import number_fragments
from .rules import (
    Found, RuleComponent, cue_regex, doc_lower, doc_starts_cache, doc_text, longest_non_overlapping, mentions,
    read_lexicon, read_patterns,
)
from .scanning import RuleSet

@Language.factory("de_temporal", assigns=["doc._.mentions"], default_config={"runtime_window": 40})
def make_temporal(nlp: Language, name: str, runtime_window: int):
    """runtime_window (int): characters between a run-time cue ("Laufzeit") and its duration."""
    return TemporalFinder(nlp, name, runtime_window)


class TemporalFinder(RuleComponent):
    def __init__(self, nlp, name: str, runtime_window: int):
        super().__init__(nlp, name)
        self.runtime_window = runtime_window

    def load_data(self) -> dict:
        return {
            "patterns": read_patterns("temporal"),
            "numbers": read_lexicon("numbers"),
            "cues": read_lexicon("cues"),
        }

    def compile(self):
        fragments = number_fragments(self.data["numbers"])
        self.rules = RuleSet(self.data["patterns"], fragments)
        cues = self.data["cues"]
        self.deadline_cue = cue_regex(cues["deadline_cues"])
        self.deadline_before = re.compile(r"(?:" + "|".join(cues["deadline_before"]) + r")\s*$", re.I)
        self.duration_cue = cue_regex(cues["duration_cues"])
        # one pass for all of them (different phrases, so no match hides another): group y<i>
        # holds the phrases for year offset i
        relative = cues["relative_years"]
        self.relative_offset = {f"y{i}": int(k) for i, k in enumerate(relative)}
        self.relative = re.compile("|".join(
            f"(?P<y{i}>{'|'.join(f'(?:{f})' for f in phrases)})" for i, phrases in enumerate(relative.values())
        ), re.I)
        self.dateline = re.compile(cues["dateline"])

    def value(self, label: str, match_text: str) -> str | None:
        if label == "DATE":
            return date_value(match_text)
        if label == "DURATION":
            return duration_value(match_text)
        period = period_value(match_text)
        return period_interval(*period) if period else None

    def relative_years(self, text: str, found: list[Found]) -> list[Found]:
        """"in diesem Jahr" as a PERIOD, when a dateline gives the document's own year."""
        line = self.dateline.search(text)
        dated = [f for f in found if f.label == "DATE" and line and f.start == line.end()]
        if not dated:
            return []
        year = int(dated[0].value[:4])
        out = []
        for m in self.relative.finditer(text):
            y = str(year + self.relative_offset[m.lastgroup])
            out.append(Found("PERIOD", m.start(), m.end(), m.group(), f"{y}/{y}", "period-relative-year"))
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = []
        for rule, m in self.rules.matches(text, doc_lower(doc), doc_starts_cache(doc)):
            value = self.value(rule["label"], m.group())
            if not value:
                continue
            start, end = m.span("span") if "span" in m.re.groupindex else m.span()
            found.append(Found(rule["label"], start, end, text[start:end], value, rule["id"], {}))
        found += self.relative_years(text, found)
        found = longest_non_overlapping(found)
        layout = layout_of(doc)
        for f in found:
            s, e = layout.sentence(f.start)
            if f.label == "DATE":
                f.attrs["deadline"] = bool(
                    self.deadline_cue.search(text, s, e) and self.deadline_before.search(text[s:f.start])
                )
            elif f.label == "DURATION":
                window = text[max(s, f.start - self.runtime_window):f.start]
                f.attrs["runtime"] = bool(self.duration_cue.search(window))
        mentions(doc).extend(found)
        return doc
