"""Rule data shared by the components: where it lives, how it is loaded and compiled.

Rules are data (``models/patterns/*.jsonl``, ``models/lexicon/de/*.yaml``). A component
receives them in ``initialize()``, keeps them in ``self.data`` and writes them with the
pipeline (``to_disk``), so a saved pipeline is self-contained and ``spacy.load`` needs
nothing else.
"""

from __future__ import annotations

import bisect
import json
import re
from itertools import accumulate
from pathlib import Path

import srsly

from ..lexicon import MODELS_DIR, read_lexicon
from ..schema import MENTION_LABELS

# the doc accessors, imported from here by de_records
from .context import (  # noqa: F401
    Found, doc_extension, doc_extensions, forget_work, scan_of, set_doc_extension, set_doc_extensions,
)

PATTERNS_DIR = MODELS_DIR / "patterns"
# a row: what it finds, and the linguistic conditions on it ("range": the span is a range's
# lower bound; "implicit_currency": an amount that names no currency)
PATTERN_KEYS = {"id", "label", "pattern", "comment", "range", "implicit_currency"}
CONDITIONS = ("range", "implicit_currency")
# speed hints that rows held before they were derived (see hints)
DERIVED_KEYS = ("gate", "starts_with")
PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")  # {NUM}, {CUR} …: filled from the number lexicon
GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # "(?x)" and the like, which must open a regex


class RuleError(ValueError):
    """Bad rule data; the message names the file and the rule id."""


def lower_same_length(text: str) -> str:
    """text.lower(), except that a character whose lowercase is longer ("İ") stays as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def read_patterns(name: str) -> list[dict]:
    """Read ``models/patterns/<name>.jsonl``, one rule a line, and check every rule: its
    keys, its label (one of the schema's mention labels), its id (unique), its conditions
    and its regex (placeholders known, compiles once they are filled). A pattern may be
    given as a list of lines of a verbose "(?x)" regex; it is joined here. A problem is
    reported with the file, the rule's id (or "?") and its line."""
    from .fragments import number_fragments  # fragments builds on this module

    path = PATTERNS_DIR / f"{name}.jsonl"
    fragments = number_fragments(read_lexicon("numbers"))
    rules = []
    seen = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rule = json.loads(line)
        except json.JSONDecodeError as err:
            raise RuleError(f"{path}: rule ?: not a JSON object: {err.msg} (line {n})") from err
        if not isinstance(rule, dict):
            raise RuleError(f"{path}: rule ?: not a JSON object (line {n})")
        rid = rule.get("id", "?")
        problem = pattern_lines_problem(rule.get("pattern"))
        if not problem and isinstance(rule.get("pattern"), list):
            rule["pattern"] = "\n".join(rule["pattern"])
        problem = problem or rule_problem(rule, seen, fragments)
        if problem:
            raise RuleError(f"{path}: rule {rid}: {problem} (line {n})")
        seen.add(rid)
        rules.append(rule)
    return rules


def pattern_lines_problem(pattern) -> str:
    """What is wrong with a pattern given as lines ("" if nothing, or if it is not a list).
    Lines are joined with line breaks, which only a verbose pattern ignores."""
    if not isinstance(pattern, list):
        return ""
    if not (pattern and all(isinstance(line, str) for line in pattern)):
        return "a pattern is a string or a list of lines"
    flags = GLOBAL_FLAGS.match(pattern[0])
    if not (flags and "x" in flags.group()):
        return "a pattern given as lines opens with (?x), so that their line breaks are ignored"
    return ""


def rule_problem(rule: dict, seen: set[str], fragments: dict[str, str]) -> str:
    """What is wrong with one pattern row ("" if nothing)."""
    derived = [k for k in DERIVED_KEYS if k in rule]
    if derived:
        return f"{derived[0]!r} is derived from the pattern by the loader: drop it from the row"
    unknown = set(rule) - PATTERN_KEYS
    if unknown:
        return f"unknown keys {sorted(unknown)}"
    if not {"id", "label", "pattern"} <= set(rule):
        return "needs id, label and pattern"
    if rule["id"] in seen:
        return "duplicate id"
    if not isinstance(rule["pattern"], str):
        return "a pattern is a string or a list of lines"
    if rule["label"] not in MENTION_LABELS:
        return f"label {rule['label']!r} is not one of {', '.join(MENTION_LABELS)}"
    bad = [k for k in CONDITIONS if k in rule and not isinstance(rule[k], bool)]
    if bad:
        return f"{bad[0]!r} is true or false"
    unknown_placeholders = sorted(set(PLACEHOLDER.findall(rule["pattern"])) - set(fragments))
    if unknown_placeholders:
        return f"unknown placeholder {{{unknown_placeholders[0]}}} (known: {', '.join(sorted(fragments))})"
    try:
        regex = re.compile(fill(rule["pattern"], fragments))
    except re.error as err:
        return f"bad pattern: {err}"
    if rule.get("range") and not {"span", "upper"} <= set(regex.groupindex):
        return "a range rule names its lower bound (?P<span>…) and its upper bound (?P<upper>…)"
    return ""


def prefix_free(words: set[str]) -> list[str]:
    """The words none of whose proper prefixes is one of the words ("ein" for "ein", "eine",
    "einen"). Each of the words begins where one of these does ("einen" where "ein"), so
    they begin at the same places; and no two of them begin at one place."""
    return sorted(w for w in words if not any(w[:i] in words for i in range(1, len(w))))


def whole_words(fragments, flags=0) -> re.Pattern:
    """The regex fragments as one alternation of whole words: no letter, digit or _ on either
    side ("je" not in "jeweils", "insgesamt" not in "Insgesamtkosten")."""
    return re.compile(r"(?<![\w])(?:" + "|".join(fragments) + r")(?![\w])", flags)


def cue_regex(fragments, flags=re.IGNORECASE) -> re.Pattern:
    """Compile a list of regex fragments from the cue lexicon into one pattern: the
    alternation of the fragments, in a shape that finds the same matches faster.

    A pattern that opens with an alternation (or is case-insensitive) gives re nothing to
    skip ahead to, so a search tries every cue at every position. When every cue is sure
    to begin with one of some letters (``first_letters``), a lookahead for those letters goes
    first, and the cues are grouped by that letter ("e(?:rhalten|rhält)|F(?:…)"): most
    positions then fail one character test. Same matches: a set of letters matches
    (case-insensitively too) exactly what its letters do one by one; letters that match
    each other share a group, so at any position only one group can match, and within it
    the cues keep their order. Cues with a capturing group, or one that opens with a set or
    a group of letters ("[Üü]…", "(?:in|für)…"), keep their order (and group numbers) and
    get the lookahead only.
    """
    plain = "|".join(f"(?:{f})" for f in fragments)
    lookahead = lead_lookahead(fragments)
    if not lookahead:
        return re.compile(plain, flags)
    if any(re.compile(f).groups or not _opens_with_letter(f) for f in fragments):
        return re.compile(f"{lookahead}(?:{plain})", flags)
    groups: dict[str, list[str]] = {}  # first letter -> the rest of each cue, in list order
    for f in fragments:
        letter = next((g for g in groups if re.fullmatch(re.escape(g), f[0], flags)), f[0])
        groups.setdefault(letter, []).append(f[1:])
    body = "|".join(re.escape(g) + "(?:" + "|".join(f"(?:{rest})" for rest in rests) + ")" for g, rests in groups.items())
    return re.compile(f"{lookahead}(?:{body})", flags)


def lead_lookahead(fragments) -> str:
    """"(?=[…])" with the first letters of the fragments, "" if they are not sure. Put before
    an alternation of the fragments it changes no match (each must begin with one of these
    letters; a set matches, case-insensitively too, exactly what its letters do one by one)
    but lets re skip a position at one test instead of trying every fragment there. Put it
    before a lookbehind too: both hold at the same position, and the set is the cheaper test."""
    letters = first_letters(fragments)
    return f"(?=[{re.escape(letters)}])" if letters else ""


def first_letters(fragments) -> str:
    """The letters that every match of one of the regex fragments begins with, "" if that is
    not sure for one of them (leading_letters)."""
    letters: set[str] = set()
    for frag in fragments:
        found = leading_letters(frag)
        if not found:
            return ""
        letters |= found
    return "".join(sorted(letters))


QUANTIFIERS = ("?", "*", "+", "{")


def leading_letters(frag: str) -> set[str] | None:
    """The letters every match of a regex fragment begins with, None if that is not sure.

    Sure: a plain letter ("pro…"), a set of plain letters ("[Aa]us…"), a non-capturing group
    or top-level alternatives each of whose alternatives is sure ("(?:in|für)…"), none of
    them quantified ("a?…" may begin with anything)."""
    alternatives = top_level_alternatives(frag)
    if len(alternatives) > 1:
        found = [leading_letters(a) for a in alternatives]
        return None if not all(found) else set().union(*found)
    if frag.startswith("(?:"):
        end = group_end(frag, 3)
        if end < 0 or frag[end + 1:end + 2] in QUANTIFIERS:
            return None
        return leading_letters(frag[3:end])
    end = token_end(frag, 0) if frag else 0
    if not frag or frag[end:end + 1] in QUANTIFIERS:
        return None
    if frag[0].isalpha():
        return {frag[0]}
    body = frag[1:end - 1]
    if frag[0] == "[" and body.isalpha():  # a set of plain letters (no "^", range or escape)
        return set(body)
    return None


# --- reading a regex fragment: its tokens, groups and top-level alternatives ----------------

def token_end(fragment: str, i: int) -> int:
    """Where the token at fragment[i] ends: an escape, a character set (a "]" right after
    "[" or "[^" is a literal in it) or one character."""
    if fragment[i] == "\\":
        return i + 2
    if fragment[i] != "[":
        return i + 1
    j = i + 1
    if fragment[j:j + 1] == "^":
        j += 1
    if fragment[j:j + 1] == "]":
        j += 1
    while j < len(fragment) and fragment[j] != "]":
        j += 2 if fragment[j] == "\\" else 1
    return j + 1


def group_end(fragment: str, i: int) -> int:
    """Where the group whose contents start at fragment[i] closes (its ")"), -1 if it does not."""
    depth = 1
    while i < len(fragment):
        c = fragment[i]
        if c == ")":
            depth -= 1
            if not depth:
                return i
        elif c == "(":
            depth += 1
        i = token_end(fragment, i)
    return -1


def top_level_alternatives(frag: str) -> list[str]:
    """A regex fragment split at its "|" outside all groups, sets and escapes."""
    parts, begin, depth, i = [], 0, 0, 0
    while i < len(frag):
        c = frag[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(frag[begin:i])
            begin = i + 1
        i = token_end(frag, i)
    return parts + [frag[begin:]]


def has_top_level_alternative(frag: str) -> bool:
    """Whether a regex fragment has a "|" outside all groups (and outside character sets)."""
    return len(top_level_alternatives(frag)) > 1


def _opens_with_letter(frag: str) -> bool:
    """Whether every match of frag begins with its first character, a plain letter: then
    cue_regex may group it with the other cues that begin with that letter."""
    return frag[:1].isalpha() and frag[1:2] not in QUANTIFIERS and not has_top_level_alternative(frag)


def compile_rules(rules: list[dict], fragments: dict[str, str]) -> list[tuple[dict, re.Pattern]]:
    """Fill each rule's {PLACEHOLDER}s with the fragments and compile it once."""
    return [(rule, compile_rule(rule, fragments)) for rule in rules]


def compile_rule(rule: dict, fragments: dict[str, str], lookahead: str = "") -> re.Pattern:
    """The rule's regex: a match begins after a non-word character (or the text's start),
    then the lookahead (a derived speed hint) holds, then the pattern; "(?x)" and the like
    stay first, where Python wants them."""
    source = fill(rule["pattern"], fragments)
    flags = GLOBAL_FLAGS.match(source)
    head = flags.group() if flags else ""
    try:
        return re.compile(head + r"(?<![\w])" + lookahead + source[len(head):], re.UNICODE)
    except re.error as err:
        raise RuleError(f"rule {rule['id']}: bad pattern: {err}") from err


def fill(source: str, fragments: dict[str, str]) -> str:
    for key, frag in fragments.items():
        source = source.replace("{" + key + "}", frag)
    return source


def refusals_beside(refused: list[Found], found: list[Found]) -> list[Found]:
    """The longest of the refused spans that overlap no found one (a span read as a funding
    figure keeps its place, as if nothing had been refused)."""
    starts = [f.start for f in found]  # found is sorted and without overlaps
    kept = []
    for r in longest_non_overlapping(refused):
        i = bisect.bisect_left(starts, r.start)
        if (i > 0 and found[i - 1].end > r.start) or (i < len(found) and found[i].start < r.end):
            continue
        kept.append(r)
    return kept


def longest_non_overlapping(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping mentions (earliest on ties), like spaCy's filter_spans."""
    starts: list[int] = []  # chosen spans, sorted by start; they never overlap each other
    ends: list[int] = []
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and ends[i - 1] > f.start:
            continue  # overlaps the chosen span before it
        if i < len(starts) and starts[i] < f.end:
            continue  # overlaps the chosen span after it
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        chosen.insert(i, f)
    return chosen


class Containers:
    """Spans, for asking in O(log n) whether one of them contains a given span."""

    def __init__(self, spans):
        """spans (Iterable[tuple[int, int]]): (start, end) of each span, in any order."""
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far

    def contain(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


class RuleComponent:
    """Base of our components: rule data set by ``initialize``, saved with the pipeline."""

    data_name = "rules.json"

    def __init__(self, nlp, name: str):
        self.name = name
        self.nlp = nlp  # the pipeline, whose de_scan holds the word lists its components share
        self.data: dict = {}

    def load_data(self) -> dict:  # overridden: read the source files under models/
        raise NotImplementedError

    def initialize(self, get_examples=None, *, nlp=None, data: dict | None = None):
        self.data = data if data is not None else self.load_data()
        self.compile()

    def compile(self):  # overridden: build regexes from self.data
        pass

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / self.data_name, self.data)

    def from_disk(self, path, *, exclude=tuple()):
        self.data = srsly.read_json(Path(path) / self.data_name)
        self.compile()
        return self
