"""DATE, PERIOD and DURATION mentions, and which dates are application deadlines.

Rules find the spans (``models/patterns/temporal.jsonl``); ``pipeline.normalize.dates``
reads each span's value. dateparser is only ever called on such a short span.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..normalize.bounds import refusal
from ..normalize.dates import date_value, duration_value, period_interval, period_value, read_duration
from .context import Found, scan_of
from .fragments import number_fragments, placeholder_words
from ..lexicon import read_lexicon
from .rules import RuleComponent, cue_regex, lead_lookahead, longest_non_overlapping, read_patterns, refusals_beside
from .scanning import RuleSet, shared_words_of

# relative-year phrases (cues.yaml) are German words joined by \s+, the last ending in "jahr";
# case-insensitively these letters match letters only (tested)
PLAIN_PHRASE = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:\\s\+[A-Za-zÄÖÜäöüß]+)*")
RELATIVE_ANCHOR = "jahr"
RELATIVE_ANCHOR_RE = re.compile(RELATIVE_ANCHOR)
# a deadline marker ("bis spätestens zum", "Antragsschluss ist der") or a preposition is read
# in at most this many characters before its date, not the whole sentence before it: a line
# of thousands of dates then costs each date the same (issue 15)
DEADLINE_MARKER_CHARS = 80
# "bis …" periods that are a deadline when an application cue follows in their clause
DEADLINE_PERIOD_RULES = frozenset({"period-open-end", "period-open-end-modified"})
CLAUSE_END = re.compile(r"[,;:(]")
COMPLETED_BY = re.compile(r"\s+(?:[a-zäöüß]+\s+)?[a-zäöüß]+(?:t|en)\s+(?:sein|werden)(?![\w])")


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
        words = placeholder_words(self.data["numbers"])
        self.rules = RuleSet(self.data["patterns"], fragments, shared_words_of(self), self.name, words)
        cues = self.data["cues"]
        self.deadline_cue = cue_regex(cues["deadline_cues"])
        self.deadline_before = re.compile(r"(?:" + "|".join(cues["deadline_before"]) + r")\s*$", re.I)
        self.duration_cue = cue_regex(cues["duration_cues"])
        # one pass for all of them (different phrases, so no match hides another): group y<i>
        # holds the phrases for year offset i
        relative = {k: list(v) + cues["relative_years_more"].get(k, []) for k, v in cues["relative_years"].items()}
        self.relative_offset = {f"y{i}": int(k) for i, k in enumerate(relative)}
        self.relative = re.compile("|".join(
            f"(?P<y{i}>{'|'.join(f'(?:{f})' for f in phrases)})" for i, phrases in enumerate(relative.values())
        ), re.I)
        # Where a relative-year phrase can be: see relative_matches. None: anywhere.
        phrases = [f for fs in relative.values() for f in fs]
        self.relative_back = None
        if all(PLAIN_PHRASE.fullmatch(f) and f.lower().endswith(RELATIVE_ANCHOR) for f in phrases):
            gaps = max(f.count(r"\s+") for f in phrases)
            self.relative_back = re.compile(rf"[^\W\d_]*(?:\s+[^\W\d_]+){{0,{gaps}}}")
        self.dateline = re.compile(cues["dateline"])
        # a dateline pattern that opens with "(?m)^" and has no alternative matches at a line
        # start only
        self.dateline_at_line_start = cues["dateline"].startswith("(?m)^") and "|" not in cues["dateline"]
        self.dateline_lines = int(cues["dateline_lines"])
        self.body_line_chars = int(cues["dateline_body_line_chars"])
        publish = "|".join(cues["dateline_publish_words"])
        self.dateline_date_before = re.compile(cues["dateline_date_before"].replace("{publish}", publish), re.I)
        self.dateline_date_after = re.compile(cues["dateline_date_after"], re.I)
        self.not_dateline_before = re.compile(r"(?<![\w])(?:bis|ab|zum|zur|seit|vom|nach|vor|am)\s*$", re.I)
        self.dateline_publish = re.compile(rf"^\W*(?:{publish})", re.I)
        # each behind its first letters (rules.lead_lookahead): a leading lookbehind alone had
        # re try the whole pattern at every position of the text
        self.this_year = re.compile(lead_lookahead(cues["this_year_words"]) + r"(?<![\w])(?:"
                                    + "|".join(cues["this_year_words"]) + r")(?![\w])", re.I)
        self.years_ago = re.compile(lead_lookahead([cues["years_ago"]]) + r"(?<![\w])" + cues["years_ago"] + r"(?![\w])", re.I)
        self.number_words = {w: int(v) for w, v in self.data["numbers"]["cardinals"].items() if isinstance(v, int)}

    def value(self, label: str, match_text: str) -> str | None:
        if label == "DATE":
            return date_value(match_text)
        if label == "DURATION":
            return duration_value(match_text)
        period = period_value(match_text)
        return period_interval(*period) if period else None

    def relative_years(self, text: str, lowered: str, found: list[Found]) -> list[Found]:
        """"in diesem Jahr", "heuer", "vor vier Jahren" as a PERIOD, when the document states
        its own date (schema §7 "Relative dates")."""
        year = self.document_year(text, found)
        if year is None:
            return []
        out = []
        for m in self.relative_matches(text, lowered):
            out.append(relative_period(m, year + self.relative_offset[m.lastgroup]))
        for m in self.this_year.finditer(text):
            out.append(relative_period(m, year))
        for m in self.years_ago.finditer(text):
            n = m["n"]
            back = int(n) if n.isdigit() else self.number_words.get(n.lower())
            if back:
                out.append(relative_period(m, year - back))
        return out

    def document_year(self, text: str, found: list[Found]) -> int | None:
        """The year of the document's own date: a date right after a dateline's place ("Kiel,
        14.08.2024"), else a date that stands as the dateline in one of the first lines, before
        the first body paragraph (a table's "31. August 2022" further down is no dateline)."""
        dates = [f for f in found if f.label == "DATE"]
        if not dates:
            return None  # nothing for a dateline to end at
        line = self.first_dateline(text, max(f.start for f in dates))
        dated = [f for f in dates if line and f.start == line.end()]
        if dated:
            return int(dated[0].value[:4])
        # the head: the first lines, up to the first that is a body paragraph
        head_end = line_start = 0
        for _ in range(self.dateline_lines):
            head_end = text.find("\n", line_start)
            if head_end < 0:
                head_end = len(text)
            if head_end - line_start >= self.body_line_chars or head_end == len(text):
                break
            line_start = head_end + 1
        line_has_cue: dict[int, bool] = {}  # a line's start -> whether it holds a deadline cue
        for f in sorted(dates, key=lambda f: f.start):
            if f.start >= head_end:
                break
            if self.is_dateline_date(text, f, line_has_cue):
                return int(f.value[:4])
        return None

    def is_dateline_date(self, text: str, f: Found, line_has_cue: dict[int, bool] | None = None) -> bool:
        """Whether date f stands as the article's date on its line: the line is the date (with a
        time, brackets, a source after "|"), or says it was published then (a line that opens
        with a publishing word and ends with the date), or ends with it after a short source;
        never a date after a preposition ("bis", "ab") or on a deadline's line.
        ``line_has_cue`` keeps each line's deadline answer for its other dates (a line of
        thousands of dates is read once, not once per date)."""
        line_has_cue = {} if line_has_cue is None else line_has_cue
        line_start = text.rfind("\n", 0, f.start) + 1
        line_end = text.find("\n", f.end)
        line_end = len(text) if line_end < 0 else line_end
        if self.not_dateline_before.search(text, max(line_start, f.start - DEADLINE_MARKER_CHARS), f.start) \
                and not self.dateline_publish.search(text[line_start:f.start]):
            return False
        if line_start not in line_has_cue:
            line_has_cue[line_start] = bool(self.deadline_cue.search(text, line_start, line_end))
        if line_has_cue[line_start]:
            return False
        before, after = text[line_start:f.start], text[f.end:line_end]
        if self.dateline_publish.search(before) and after.strip() in ("", "."):
            return True  # "Presseinformation des Ministeriums für … vom 21.08.2019."
        return bool(self.dateline_date_before.search(before) and self.dateline_date_after.search(after))

    def is_date_by(self, text: str, f: Found, sentence_end: int) -> bool:
        """Whether an open-ended period ("bis Ende 2020") is rather the date by which something
        is done: an application cue after it in its clause ("die Gelder müssen bis Ende 2020
        beantragt sein", then a deadline), or a participle with "sein"/"werden" right after it
        ("Die Mittel müssen bis Ende 2025 verbaut sein")."""
        if COMPLETED_BY.match(text, f.end):
            return True
        clause_end = CLAUSE_END.search(text, f.end, sentence_end)
        end = clause_end.start() if clause_end else sentence_end
        return bool(self.deadline_before.search(text, max(0, f.start - 30), f.start)
                    and self.deadline_cue.search(text, f.end, end))

    def first_dateline(self, text: str, before: int) -> re.Match | None:
        """``self.dateline.search(text)`` if that starts before ``before``, else None or a
        match ending after ``before`` (which no date before it can start at, either way).

        A dateline matches at a line start only, so it is tried there alone, in order, rather
        than at every character: the first line it matches is where search finds it.
        """
        if not self.dateline_at_line_start:
            return self.dateline.search(text)
        start = 0
        while start < before:
            if m := self.dateline.match(text, start):
                return m
            start = text.find("\n", start) + 1
            if not start:
                break
        return None

    def relative_matches(self, text: str, lowered: str):
        """``self.relative.finditer(text)``, run only around each "jahr" in the text.

        Python's re tries a case-insensitive pattern at every position, which costs more
        than everything else here; but each phrase is words joined by \\s+ that ends in
        "jahr" (checked in compile), so each match ends with a "jahr" in the lowercased text
        (only J and j match j case-insensitively, and so on for a, h, r) and begins at most
        as many words back as a phrase has gaps, across letters and whitespace only. Those
        stretches, merged where they overlap, hold every match; finditer over each finds
        what finditer over the text finds there, as the pattern looks at nothing around a
        match (no lookaround, no anchor, no word boundary).
        """
        if self.relative_back is None:
            yield from self.relative.finditer(text)
            return
        anchors = [m.start() for m in RELATIVE_ANCHOR_RE.finditer(lowered)]
        if not anchors:
            return
        backwards = text[::-1]  # the words before a "jahr" are found by matching forwards here
        n = len(text)
        lo = hi = -1
        for at in anchors:
            start = at - len(self.relative_back.match(backwards, n - at)[0])  # backwards[n - at] is text[at - 1]
            if start > hi:
                if hi >= 0:
                    yield from self.relative.finditer(text, lo, hi)
                lo = start
            hi = at + len(RELATIVE_ANCHOR)
        yield from self.relative.finditer(text, lo, hi)

    def __call__(self, doc: Doc) -> Doc:
        scan = scan_of(doc)
        text, lowered = scan.text, scan.lower
        found, out_of_bounds = [], []
        for rule, m in self.rules.matches(text, lowered, scan.derived, scan.words_for(self.rules.shared)):
            value = self.value(rule["label"], m.group())
            start, end = m.span("span") if "span" in m.re.groupindex else m.span()
            if not value:  # a run time beyond a century is kept as refused, with why
                if rule["label"] == "DURATION" and (reason := refusal(read_duration, m.group())):
                    out_of_bounds.append(Found("DURATION", start, end, text[start:end], "", rule["id"],
                                               {"refused": reason}))
                continue
            found.append(Found(rule["label"], start, end, text[start:end], value, rule["id"], {}))
        found += self.relative_years(text, lowered, found)
        found = longest_non_overlapping(found)
        scan.refused.extend(refusals_beside(out_of_bounds, found))
        layout = scan.layout
        has_deadline_cue = {}  # a sentence's (start, end) -> whether it holds a deadline cue
        for i, f in enumerate(found):
            s, e = layout.sentence(f.start)
            if f.rule in DEADLINE_PERIOD_RULES and self.is_date_by(text, f, e):
                f = found[i] = Found("DATE", f.start, f.end, f.text, f.value.partition("/")[2], f.rule, {})
            if f.label == "DATE":
                # a deadline marker just before the date, and a cue in its sentence (read once
                # for all the sentence's dates)
                if (s, e) not in has_deadline_cue:
                    has_deadline_cue[s, e] = bool(self.deadline_cue.search(text, s, e))
                f.attrs["deadline"] = bool(
                    self.deadline_before.search(text, max(s, f.start - DEADLINE_MARKER_CHARS), f.start)
                    and has_deadline_cue[s, e]
                )
            elif f.label == "DURATION":
                window = text[max(s, f.start - self.runtime_window):f.start]
                f.attrs["runtime"] = bool(self.duration_cue.search(window))
        scan.mentions.extend(found)
        return doc


def relative_period(m: re.Match, year: int) -> Found:
    """A PERIOD of one year for a relative-year phrase."""
    return Found("PERIOD", m.start(), m.end(), m.group(), f"{year}/{year}", "period-relative-year")
