"""Rule data shared by the components: where it lives, how it is loaded and compiled.

Rules are data (``models/patterns/*.jsonl``, ``models/lexicon/de/*.yaml``). A component
receives them in ``initialize()``, keeps them in ``self.data`` and writes them with the
pipeline (``to_disk``), so a saved pipeline is self-contained and ``spacy.load`` needs
nothing else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import srsly
from spacy.tokens import Doc

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
PATTERNS_DIR = MODELS_DIR / "patterns"
LEXICON_DIR = MODELS_DIR / "lexicon" / "de"
PATTERN_KEYS = {"id", "label", "pattern", "comment", "range", "implicit_currency", "gate", "starts_with"}
# what a rule's "starts_with" may name besides lowercase words (see RuleSet)
START_KINDS = ("DIGIT", "NUM", "MONTH")


class RuleError(ValueError):
    """Bad rule data; the message names the file and the rule id."""


@dataclass
class Found:
    """One mention found by a rule, in cleaned-text character offsets."""

    label: str
    start: int
    end: int
    text: str
    value: str = ""
    rule: str = ""
    attrs: dict = field(default_factory=dict)


if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
if not Doc.has_extension("headings"):
    Doc.set_extension("headings", default=None)
if not Doc.has_extension("sent_spans"):
    Doc.set_extension("sent_spans", default=None)
if not Doc.has_extension("text_cache"):
    Doc.set_extension("text_cache", default=None)
if not Doc.has_extension("lower_cache"):
    Doc.set_extension("lower_cache", default=None)
if not Doc.has_extension("starts_cache"):
    Doc.set_extension("starts_cache", default=None)


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text a doc was made from (the tokenizer's input is exactly doc.text)."""
    doc._.text_cache = text


def doc_text(doc: Doc) -> str:
    """doc.text, built once per doc: spaCy re-joins every token on each doc.text access."""
    text = doc._.text_cache
    if text is None:
        text = doc._.text_cache = doc.text
    return text


def doc_lower(doc: Doc) -> str:
    """The doc's text lowercased, offset for offset (what gates and number starts scan)."""
    lowered = doc._.lower_cache
    if lowered is None:
        lowered = doc._.lower_cache = lower_same_length(doc_text(doc))
    return lowered


def doc_starts_cache(doc: Doc) -> dict:
    """Where rules may start in this doc, found once for all rule sets (see RuleSet)."""
    if doc._.starts_cache is None:
        doc._.starts_cache = {}
    return doc._.starts_cache


def lower_same_length(text: str) -> str:
    """text.lower(), except that a character whose lowercase is longer ("İ") stays as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def mentions(doc: Doc) -> list[Found]:
    """The doc's mention list, created on first use."""
    if doc._.mentions is None:
        doc._.mentions = []
    return doc._.mentions


def read_patterns(name: str) -> list[dict]:
    """Read ``models/patterns/<name>.jsonl`` and check every rule's keys and regex."""
    path = PATTERNS_DIR / f"{name}.jsonl"
    rules = list(srsly.read_jsonl(path))
    seen = set()
    for i, rule in enumerate(rules):
        rid = rule.get("id", f"line {i + 1}")
        unknown = set(rule) - PATTERN_KEYS
        if unknown:
            raise RuleError(f"{path}: rule {rid}: unknown keys {sorted(unknown)}")
        if not {"id", "label", "pattern"} <= set(rule):
            raise RuleError(f"{path}: rule {rid}: needs id, label and pattern")
        if rid in seen:
            raise RuleError(f"{path}: rule {rid}: duplicate id")
        starts_with = rule.get("starts_with")
        if starts_with is not None and not (
            isinstance(starts_with, list) and starts_with
            and all(isinstance(w, str) and (w in START_KINDS or (w.isalpha() and w == w.lower())) for w in starts_with)
        ):
            raise RuleError(f"{path}: rule {rid}: starts_with must list {', '.join(START_KINDS)} or lowercase words")
        gate = rule.get("gate")
        if isinstance(gate, list) and not all(isinstance(w, str) and w and w == w.lower() for w in gate):
            raise RuleError(f"{path}: rule {rid}: a gate word list holds lowercase words")
        seen.add(rid)
    return rules


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
        body = _trie_regex(unique)
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


def _trie_regex(words: list[str]) -> str:
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


def cue_regex(fragments, flags=re.IGNORECASE) -> re.Pattern:
    """Compile a list of regex fragments from the cue lexicon into one pattern."""
    return re.compile("|".join(f"(?:{f})" for f in fragments), flags)


def compile_rules(rules: list[dict], fragments: dict[str, str]) -> list[tuple[dict, re.Pattern]]:
    """Fill each rule's {PLACEHOLDER}s with the fragments and compile it once."""
    compiled = []
    for rule in rules:
        source = fill(rule["pattern"], fragments)
        try:
            regex = re.compile(r"(?<![\w])" + source, re.UNICODE)
        except re.error as err:
            raise RuleError(f"rule {rule['id']}: bad pattern: {err}") from err
        compiled.append((rule, regex))
    return compiled


def fill(source: str, fragments: dict[str, str]) -> str:
    for key, frag in fragments.items():
        source = source.replace("{" + key + "}", frag)
    return source


class RuleSet:
    """The compiled rules of one pattern file, run together over a text.

    Python's re tries a pattern at every position of the text it scans, so two things keep a
    run cheap, and neither changes a match (each rule yields what ``finditer`` over the
    lines it may match in would yield):
    - a rule with a "gate" runs only on the lines where its gate occurs in the lowercased
      text. A gate is a list of literal words (or a regex), and re skips quickly to where a
      literal could start: one cheap pass instead of a full pass per rule;
    - a rule with "starts_with" is tried only where one of the things it lists begins after
      a non-word character: a digit, a number (a digit or a number word), a month name, or
      one of the words given. A quick pass per kind over the lowercased text finds those
      starts (shared by every rule and component that lists the kind), then the rule is
      matched there, skipping starts inside its previous match. So the list must name
      every way the rule's match can begin; the tests compare the result with plain
      ``finditer`` on the corpus and on phrases written to catch a gap.
    """

    def __init__(self, rules: list[dict], fragments: dict[str, str]):
        self.rules = compile_rules(rules, fragments)
        self.gates = {gate_key(r["gate"]): compile_gate(r["gate"], fragments) for r in rules if r.get("gate")}
        # per rule, the scanners of where it may start (None: everywhere); a scanner's key is its pattern
        self.scanners: dict[str, re.Pattern] = {}
        self.starts_of: list[tuple[str, ...] | None] = []
        for rule in rules:
            keys = None
            if rule.get("starts_with"):
                keys = tuple(start_patterns(rule["starts_with"], fragments))
                for key in keys:
                    self.scanners.setdefault(key, re.compile(key))
            self.starts_of.append(keys)

    def matches(self, text: str, lowered: str, starts_cache: dict | None = None):
        """Yield (rule, match) for every rule over the text (``lowered`` is its lowercase).

        ``starts_cache`` keeps the starts found per scanner for the next rule set on the same
        text (pass the same dict for one text, a new one for the next)."""
        cache = {} if starts_cache is None else starts_cache
        lines_by_gate: dict[str, list[tuple[int, int]]] = {}
        for (rule, regex), keys in zip(self.rules, self.starts_of):
            gate = rule.get("gate")
            if gate:
                key = gate_key(gate)
                if key not in lines_by_gate:
                    lines_by_gate[key] = gated_lines(self.gates[key], lowered)
                lines = lines_by_gate[key]
            else:
                lines = [(0, len(text))]
            if keys:
                for key in keys:
                    if key not in cache:
                        cache[key] = word_starts(self.scanners[key], lowered)
                starts = cache[keys[0]] if len(keys) == 1 else sorted(set().union(*(cache[k] for k in keys)))
                found = match_at(regex, starts, lines, text)
            else:
                found = scan_lines(regex, lines, text)
            yield from ((rule, m) for m in found)


def word_starts(regex: re.Pattern, text: str) -> list[int]:
    """Where regex matches after a non-word character (or at the start), for a regex whose
    matches are word characters only. A match refused for the character before it hides
    no other start: every position inside it follows a word character too."""
    return [m.start() for m in regex.finditer(text)
            if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")]


def gate_key(gate) -> str:
    return "\x00".join(gate) if isinstance(gate, list) else gate


def start_patterns(starts_with: list[str], fragments: dict[str, str]) -> list[str]:
    """The patterns (for the lowercased text) of where the listed things begin; each matches
    digits or letters only (see word_starts)."""
    patterns = []
    for item in starts_with:
        if item in ("DIGIT", "NUM"):
            patterns.append(r"\d\d*")
        if item == "NUM":
            patterns.append(fragments["NUM_WORD_FIRST"])
        if item == "MONTH":
            patterns.append(fragments["MONTH_FIRST"])
    words = [w for w in starts_with if w not in START_KINDS]
    if words:
        patterns.append(alternation(words))
    return list(dict.fromkeys(patterns))


def compile_gate(gate, fragments: dict[str, str]) -> re.Pattern:
    """A gate scans the lowercased text: a list of lowercase words, or a regex."""
    return re.compile(alternation(gate) if isinstance(gate, list) else fill(gate, fragments))


def gated_lines(gate: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The lines of text holding a match of gate, found with one pass of the gate."""
    lines: list[tuple[int, int]] = []
    pos = 0
    while (m := gate.search(text, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        lines.append((start, end))
        pos = end + 1
    return lines


def scan_lines(regex: re.Pattern, lines: list[tuple[int, int]], text: str):
    """Matches of regex inside the given lines of text, with offsets into the whole text."""
    for s, e in lines:
        yield from regex.finditer(text, s, e)


def match_at(regex: re.Pattern, starts: list[int], lines: list[tuple[int, int]], text: str):
    """What ``scan_lines`` yields, for a regex that can only match at one of ``starts``."""
    for s, e in lines:
        i = bisect.bisect_left(starts, s)
        resume = s
        while i < len(starts) and starts[i] < e:
            p = starts[i]
            i += 1
            if p < resume:
                continue  # inside the previous match: finditer goes on after it
            m = regex.match(text, p, e)
            if m:
                yield m
                resume = m.end()


class LeftBounded:
    """``finditer`` of ``(?<![not_after])body``, faster.

    Python's re can skip quickly to where a pattern may start when the pattern opens with a
    literal or a character class, but not when it opens with a lookbehind. So the body is
    compiled alone and the lookbehind checked on each hit; a hit that fails it is retried
    one character further on, which is what finditer does with the lookbehind inside.
    """

    def __init__(self, not_after: str, body: str):
        self.body = re.compile(body)
        self.not_after = re.compile(f"[{not_after}]")

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        while (m := self.body.search(text, pos, endpos)) is not None:
            start = m.start()
            if start and self.not_after.match(text, start - 1):
                pos = start + 1
                continue
            yield m
            pos = max(m.end(), start + 1)


def occurrences(regex: re.Pattern, text: str):
    """Start of every match of regex, overlapping ones included."""
    pos = 0
    while (m := regex.search(text, pos)) is not None:
        yield m.start()
        pos = m.start() + 1


def word_start(text: str, end: int, word: bool = True, extra: str = "") -> int:
    """Where the run ending at ``end`` of \\w characters (if word) and ``extra`` ones begins."""
    start = end
    while start > 0 and ((word and (text[start - 1].isalnum() or text[start - 1] == "_")) or text[start - 1] in extra):
        start -= 1
    return start


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


class RuleComponent:
    """Base of our components: rule data set by ``initialize``, saved with the pipeline."""

    data_name = "rules.json"

    def __init__(self, nlp, name: str):
        self.name = name
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
