"""How the rules run fast over a text, finding exactly what ``finditer`` would find.

Python's re tries a pattern at every position of the text it scans, unless the pattern
opens with a literal or a character class, which it can skip ahead to. Our patterns open
with lookbehinds and alternations of words, so left alone each costs a full slow pass.
The ways around that, each tested against plain ``finditer``:
- ``WordIndex`` / ``SharedWords``: where the words of every component's lists occur (heads,
  cues, Land names, number words, gates), all found in one Aho–Corasick pass a document
  (by ``de_scan``, which holds the pipeline's ``SharedWords``);
- ``RuleSet``: a pattern file's rules, limited by their gates to some lines and by their
  starts to the places where a number, a month or a given word begins (both derived from
  the pattern by ``hints``);
- ``match_at`` with starts a finder computes itself from those occurrences (the words
  before a head noun, a legal form, a programme cue), with ``followed``, ``word_start``
  and ``starts_of_words``;
- ``whole_uses``: a literal's uses as a whole word, by str.find.
"""

from __future__ import annotations

import bisect
import re
import sys
from functools import cached_property

import ahocorasick

from .hints import START_KINDS, derive_hints
from .rules import compile_rule, compile_rules, prefix_free


class RuleSet:
    """The compiled rules of one pattern file, run together over a text.

    Python's re tries a pattern at every position of the text it scans, so three things keep
    a run cheap, each derived from the rule's pattern (``hints.derive_hints``), and none
    changes a match (each rule yields what ``finditer`` over the lines would yield):
    - a rule with a gate runs only on the lines where its gate occurs in the lowercased
      text. A gate is a list of literal words (or a regex);
    - a rule with starts is tried only where one of them begins after a non-word character:
      a digit, a number (a digit or a number word), a month name, or one of the words
      given (a year's "19" and "20"). The starts are found once per text (shared by every
      rule and component that lists the kind), then the rule is matched there, skipping
      starts inside its previous match;
    - a rule that opens with a number is matched with a lookahead past the number first.
    The tests compare the result with plain ``finditer`` on the corpus and on phrases
    written to catch a gap.

    The word gates and start word lists of every rule set of the pipeline (its money,
    percent and temporal sets) are found in the one pass over the whole text that all
    components share (``SharedWords``, the doc scan's ``words``); a regex gate, and digits,
    with a re pass of their own. Each is worked out for a text on first need (a gate's
    lines, a list's word starts, the merged starts of a rule) and kept in the doc scan's
    ``derived`` for the other rules and rule sets.
    """

    def __init__(self, rules: list[dict], fragments: dict[str, str], shared: "SharedWords | None" = None,
                 owner: str = "rules", words: dict[str, list[str]] | None = None):
        """fragments: the placeholders' regexes; words: the lowercase words each placeholder
        is built from (``fragments.placeholder_words``); shared: the pipeline's word lists,
        which this set joins under the name owner (a set of its own if None)."""
        words = words or {}
        self.rows, self.fragments = rules, fragments
        self.regex_gates: dict[str, re.Pattern] = {}
        # per rule: its gate's key (None: every line) and the keys of where it may start
        # (None: everywhere). A key is an interned string: "gate:" and the gate's words one
        # per line, or "re-gate:" and its regex; "re:" and a regex, or "words:" and the
        # words, one per line.
        self.plan: list[tuple[dict, re.Pattern, str | None, tuple[str, ...] | None]] = []
        self.word_keys: set[str] = set()  # the word gates and start word lists, found by the shared pass
        for rule in rules:
            hints = derive_hints(rule["pattern"], fragments, words)
            regex = compile_rule(rule, fragments, hints.lookahead)
            if hints.gate_words:
                gkey = sys.intern("gate:" + "\n".join(sorted(set(hints.gate_words))))
                self.word_keys.add(gkey)
            elif hints.gate_regex:
                gkey = sys.intern("re-gate:" + hints.gate_regex)
                self.regex_gates[gkey] = re.compile(hints.gate_regex)
            else:
                gkey = None
            keys = tuple(sys.intern(k) for k in start_keys_of(hints.starts, words)) if hints.starts else None
            self.word_keys.update(k for k in keys or () if k.startswith("words:"))
            self.plan.append((rule, regex, gkey, keys))
        self.regexes = {k: re.compile(k.removeprefix("re:")) for *_, keys in self.plan for k in keys or ()
                        if k.startswith("re:")}
        self.shared = shared if shared is not None else SharedWords()
        self.shared.add_rule_set(owner, self)

    @cached_property
    def rules(self) -> list[tuple[dict, re.Pattern]]:
        """Each rule with its regex as written, no hint: what finditer finds (the tests
        compare the fast run with it)."""
        return compile_rules(self.rows, self.fragments)

    def lines(self, gkey: str, lowered: str, words: dict[str, list[int]], cache: dict) -> list[tuple[int, int]]:
        """The lines of the text holding the gate (kept in cache under its key)."""
        lines = cache.get(gkey)
        if lines is None:
            if gkey in self.regex_gates:
                lines = gated_lines(self.regex_gates[gkey], lowered)
            else:
                lines = lines_holding(lowered, words[gkey])
            cache[gkey] = lines
        return lines

    def starts(self, keys: tuple[str, ...], lowered: str, words: dict[str, list[int]], cache: dict) -> list[int]:
        """Where a rule with these start keys may start, sorted (kept in cache under the
        keys, and each key's own starts under the key: several rules and rule sets list
        the same kinds)."""
        merged = cache.get(keys)
        if merged is None:
            parts = []
            for key in keys:
                found = cache.get(key)
                if found is None:
                    if key in self.regexes:
                        found = starts_after_non_word(self.regexes[key], lowered)
                    else:
                        found = after_non_word(words[key], lowered)
                    cache[key] = found
                parts.append(found)
            merged = cache[keys] = parts[0] if len(parts) == 1 else sorted(set().union(*parts))
        return merged

    def matches(self, text: str, lowered: str, derived: dict | None = None, words: dict[str, list[int]] | None = None):
        """Yield (rule, match) for every rule over the text (``lowered`` is its lowercase).

        ``derived`` keeps the gates' lines and the starts found for the next rule set on the
        same text (the doc scan's ``derived``; a new dict for another text); ``words`` is the
        shared word pass over this text (the doc scan's ``words``), run here if None."""
        cache = {} if derived is None else derived
        if words is None:
            words = self.shared.find(lowered)
        whole = [(0, len(text))]
        for rule, regex, gkey, keys in self.plan:
            lines = whole if gkey is None else self.lines(gkey, lowered, words, cache)
            if not lines:
                continue  # no line where the rule may match: nothing to look for
            if keys:
                found = match_at(regex, self.starts(keys, lowered, words, cache), lines, text)
            else:
                found = scan_lines(regex, lines, text)
            yield from ((rule, m) for m in found)


def after_non_word(positions: list[int], text: str) -> list[int]:
    """The positions after a non-word character (or at the start): where a word begins."""
    return [p for p in positions if not p or not is_word_char(text[p - 1])]


def starts_after_non_word(regex: re.Pattern, text: str) -> list[int]:
    """Where regex matches after a non-word character (or at the start), for a regex whose
    matches are word characters only, but for a last one ("\\d{1,2}\\."). A match refused
    for the character before it hides no other start, nor does a match kept: every
    position inside it follows a word character too."""
    return [m.start() for m in regex.finditer(text) if not m.start() or not is_word_char(text[m.start() - 1])]


def followed(regex: re.Pattern, positions: list[int], text: str) -> list[int]:
    """The positions where regex matches text (a word there and what must follow it): a
    word's occurrences its pattern cannot go on from are dropped before the Python walk
    back to their word's start."""
    return [p for p in positions if regex.match(text, p)] if positions else positions


def is_word_char(char: str) -> bool:
    """What \\w matches: a letter, a digit or "_"."""
    return char.isalnum() or char == "_"


def start_keys_of(starts: tuple[str, ...], words: dict[str, list[str]]) -> list[str]:
    """What finds (in the lowercased text) where the derived starts begin: digits by a
    regex ("re:" key, as are digits and a mark), number words, months and other words as
    word lists ("words:" key, the words one a line)."""
    keys = []
    for item in starts:
        if item in ("DIGIT", "NUM"):
            keys.append("re:" + r"\d\d*")
        if item in ("NUM", "MONTH"):
            keys.append("words:" + "\n".join(words[item]))
    keys += [item for item in starts if item.startswith("re:")]
    plain = [w for w in starts if w not in START_KINDS and not w.startswith("re:")]
    if plain:
        keys.append("words:" + "\n".join(sorted(set(plain))))
    return list(dict.fromkeys(keys))


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


def whole_uses(text: str, word: str, not_before: str = "", not_after: str = "", open_end: bool = False):
    """(start, end) of each use of the literal ``word`` with neither a word character nor one
    of ``not_before`` right before it, nor one of ``not_after`` right after it: what finditer
    of ``(?<![\\w<not_before>])<word>(?![\\w<not_after>])`` finds (open_end: nothing asked of
    what follows, as ``(?<![\\w])<word>``).

    For the acronyms a document introduces, looked up once each: str.find skips to each
    occurrence, where that regex, opening with a lookbehind, is tried at every position (re
    skips ahead only to a leading literal), and a regex per acronym and doc costs a compile
    or a cache look-up besides (tests/components/test_names_pretests.py compares)."""
    if not word:
        raise ValueError("no word to look for")
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if ((at and (is_word_char(text[at - 1]) or text[at - 1] in not_before))
                or (not open_end and end < len(text) and (is_word_char(text[end]) or text[end] in not_after))):
            at = text.find(word, at + 1)  # finditer tries the next position
            continue
        yield at, end
        at = text.find(word, end)


def word_start(text: str, end: int, word: bool = True, extra: str = "") -> int:
    """Where the run ending at ``end`` of \\w characters (if word) and ``extra`` ones begins."""
    start = end
    while start > 0 and ((word and is_word_char(text[start - 1])) or text[start - 1] in extra):
        start -= 1
    return start


def starts_of_words(text: str, positions, extra: str = "", previous: bool = False) -> list[int]:
    """Sorted starts of the words (\\w and ``extra`` characters) holding each position and,
    with previous, of the word before each, across spaces or tabs (hyphens in it)."""
    starts = set()
    for at in positions:
        word = word_start(text, at, extra=extra)
        starts.add(word)
        gap = word_start(text, word, word=False, extra=" \t")
        if previous and gap < word:
            starts.add(word_start(text, gap, extra="-"))
    return sorted(starts)


class WordIndex:
    """Where the words of several lists occur in a lowercased text, all found in one pass.

    Searching a list's alternation with re (every match start, overlapping ones included)
    costs a pass over the whole text per list, and re tries a word list at almost every
    position (about 0.01–0.02 s/MB a list). An Aho–Corasick automaton (pyahocorasick) over
    all the lists' words reads each character once and reports every occurrence, so
    ``find`` returns per list exactly those match starts (tests/components/test_rules.py
    compares the two on the same lowercased text). Words are lowercased: for a
    case-sensitive rule the starts are a superset, and the rule's own regex, matched
    there, decides (a lowercase character that ``lower_same_length`` keeps uncased, such
    as "İ", would need the word spelled that way too).
    """

    def __init__(self, lists: dict[str, list[str]]):
        self.names = tuple(lists)
        owners: dict[str, list[str]] = {}
        for name, words in lists.items():
            # prefix-free: the same starts, and no two words of a list report one start
            for word in prefix_free({w.lower() for w in words if w}):
                owners.setdefault(word, []).append(name)
        self.automaton = ahocorasick.Automaton()
        for word, names in owners.items():
            self.automaton.add_word(word, (len(word) - 1, tuple(names)))
        if owners:
            self.automaton.make_automaton()

    def find(self, lowered: str, spans: list[tuple[int, int]] | None = None) -> dict[str, list[int]]:
        """Sorted start of every occurrence of each list's words in ``lowered``, or in the
        given (start, end) spans of it, in order (an occurrence lying within one)."""
        found: dict[str, list[int]] = {name: [] for name in self.names}
        if len(self.automaton):
            for s, e in [(0, len(lowered))] if spans is None else spans:
                # a slice of its own: iter(text, start, end) costs time in proportion to the
                # whole text on each call (about 90 µs on 1.3 MB), so a call per line was quadratic
                part = lowered if (s, e) == (0, len(lowered)) else lowered[s:e]
                for end, (back, names) in self.automaton.iter(part):
                    for name in names:
                        found[name].append(s + end - back)
        # reported by where they end, and a longer word that starts earlier may end later; no
        # two words of a list start at one place (each list is prefix-free), so no duplicates
        for starts in found.values():
            starts.sort()
        return found


def lines_holding(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The lines of text holding one of the sorted positions: what ``gated_lines`` returns
    for a gate whose matches start there."""
    lines: list[tuple[int, int]] = []
    for at in positions:
        if lines and at <= lines[-1][1]:
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        lines.append((start, len(text) if end < 0 else end))
    return lines


class SharedWords:
    """The word lists of one pipeline's components, found in one pass a doc.

    An Aho–Corasick pass costs about the same per character whatever its lists hold (most of
    it is walking the automaton: 5–8 µs for a 2 KB text), so the components share one
    ``WordIndex``, held by the pipeline's ``de_scan``: the name finders register their lists
    when they compile, and so do the rule sets (money, percent, temporal), whose word gates
    and start word lists (``whole_text_keys``) join the pass; de_scan runs it once a doc
    (``find``) and keeps the result in the doc scan. A list is keyed by its words, and
    ``WordIndex`` reports each word's occurrences to every list holding it, whatever other
    lists share the automaton: a list's starts are those a ``WordIndex`` of its own would
    find. Everything is by owner (a component's name), so compiling a component again
    replaces its lists; nothing here is shared with another pipeline.
    """

    def __init__(self):
        self.lists: dict[str, dict[str, list[str]]] = {}  # by owner: each list's words by its key
        self.rule_sets: dict[str, RuleSet] = {}  # by owner
        self._index: WordIndex | None = None  # over all lists; built at the first find after a change
        self._whole_text: tuple[str, ...] | None = None

    def register(self, owner: str, lists: dict[str, list[str]]) -> dict[str, str]:
        """Set a component's lists (by its names for them); returns the key of each."""
        keys = {name: "\n".join(words) for name, words in lists.items()}
        self.lists[owner] = {keys[name]: list(words) for name, words in lists.items()}
        self._index = None
        return keys

    def add_rule_set(self, owner: str, rule_set: RuleSet) -> None:
        self.rule_sets[owner] = rule_set
        self._index = self._whole_text = None

    def whole_text_keys(self) -> tuple[str, ...]:
        """The word gates and start word lists of every rule set: what the shared pass
        finds for them."""
        if self._whole_text is None:
            self._whole_text = tuple(sorted(set().union(*(rs.word_keys for rs in self.rule_sets.values()))))
        return self._whole_text

    def find(self, lowered: str) -> dict[str, list[int]]:
        """Sorted starts of every list's words in ``lowered``, by key (read them only)."""
        if self._index is None:
            lists = {key: words for owned in self.lists.values() for key, words in owned.items()}
            lists.update({key: words_of_key(key) for key in self.whole_text_keys()})
            self._index = WordIndex(lists)
        return self._index.find(lowered)


def words_of_key(key: str) -> list[str]:
    """The words of a rule-set key ("gate:" or "words:" and the words, one a line)."""
    return key.split(":", 1)[1].split("\n")


def shared_words_of(component) -> SharedWords:
    """The word lists shared by the components of the component's pipeline, held by its
    de_scan; a set of the component's own when it is not one of a pipeline's components or
    the pipeline has no de_scan (then it finds its words itself, see DocScan.words_for)."""
    nlp = component.nlp
    if nlp is None or "de_scan" not in nlp.component_names or component.name not in nlp.component_names:
        return SharedWords()
    if nlp.get_pipe(component.name) is not component:
        return SharedWords()
    return nlp.get_pipe("de_scan").words
