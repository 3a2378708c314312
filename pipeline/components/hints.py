"""Speed hints for a pattern row, derived from its regex and the number lexicon.

A pattern row holds linguistics only (``models/patterns/*.jsonl``). What makes it fast is
read off the pattern here, once, when a rule set is compiled (``scanning.RuleSet``):
- ``derive_starts``: where a match can begin: "NUM" (a digit or a number word), "DIGIT",
  "MONTH", digits and a mark (a date's "\\d{1,2}\\."), or lowercase words (a literal, digits written out such as a {YEAR}'s "19" and
  "20", a currency of {CUR_PREFIX}). The rule is then tried only there instead of at every
  position;
- ``derive_gate``: words (or, for {YEAR}, a regex) one of which every match holds, so the
  rule runs only on the lines holding one: the lexicon words of a {CUR}, {CUR_PREFIX},
  {SCALE} or {BIGSCALE} the pattern needs, or {YEAR}, else literal words it needs;
- ``derive_lookahead``: for a rule that opens with {NUM}, a lookahead that skips the number
  and checks the next character against what the pattern needs there, so most number
  starts (years, counts, "ein") fail at one test before the number is parsed.

Each works on the pattern as ``sre_parse`` reads it, with every {PLACEHOLDER} filled and
marked (a named group), and gives up (None, "") on anything it is not sure about: the rule
then runs without that hint, finding the same matches, slower. A hint never narrows what
a rule finds; tests/components/test_rules.py compares the hinted run with plain finditer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre  # the node kinds of Python's regex parser
from re import _parser as sre_parse

from .rules import PLACEHOLDER, lower_same_length, prefix_free

# where a match may begin besides a word: a digit, a number (a digit or a number word), a month
START_KINDS = ("DIGIT", "NUM", "MONTH")
# where a placeholder's matches begin (else: at one of its words)
START_KIND = {"NUM": "NUM", "MONTH": "MONTH"}
# placeholders whose lexicon words gate a rule: short words, rare outside a figure
GATE_BY_WORDS = ("CUR", "CUR_PREFIX", "SCALE", "BIGSCALE")
# a placeholder that gates by its own regex: digits, which the lowercased text holds as written
GATE_BY_REGEX = ("YEAR",)
# what a number from a digit start is made of ("20.000", "20 000", "50.000,-", "1.5"); a
# number from a word start is one whole word (see fragments.number_fragments)
NUMBER_CHARS = r"\d.,\-–"
CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class Unsure(Exception):
    """A part of a pattern a derivation cannot reason about: it derives nothing."""


@dataclass(frozen=True)
class Hints:
    starts: tuple[str, ...] | None  # None: anywhere
    gate_words: tuple[str, ...] | None  # None: no word gate
    gate_regex: str | None  # None: no regex gate
    lookahead: str  # "" : none


@dataclass(frozen=True)
class Parsed:
    """A pattern as sre_parse reads it, and which groups are which placeholder."""

    items: list
    ignorecase: bool
    marks: dict[int, str]  # group number -> placeholder name
    bodies: dict[int, list]  # group number -> its placeholder's fragment as sre_parse reads it


def derive_hints(pattern: str, fragments: dict[str, str], words: dict[str, list[str]]) -> Hints:
    """All hints of one pattern row (``words``: the lowercase words of each placeholder)."""
    parsed = parse_marked(pattern, fragments)
    gate = derive_gate(parsed, fragments, words)
    return Hints(
        starts=derive_starts(parsed, words),
        gate_words=gate if isinstance(gate, tuple) else None,
        gate_regex=gate if isinstance(gate, str) else None,
        lookahead=derive_lookahead(parsed),
    )


def parse_marked(pattern: str, fragments: dict[str, str]) -> Parsed:
    """The pattern with each {X} as an empty named group "_ph<i>_X", as sre_parse reads it,
    and each placeholder's fragment read once (a fragment reads the same in a verbose
    pattern, and has no capturing group)."""
    counter = iter(range(10**6))
    tree = sre_parse.parse(PLACEHOLDER.sub(lambda m: f"(?P<_ph{next(counter)}_{m[1]}>)", pattern))
    marks = {n: name.split("_", 2)[2] for name, n in tree.state.groupdict.items() if name.startswith("_ph")}
    bodies = {n: parsed_fragment(fragments[name]) for n, name in marks.items()}
    return Parsed(list(tree), bool(tree.state.flags & re.IGNORECASE), marks, bodies)


@lru_cache(maxsize=64)
def parsed_fragment(fragment: str) -> list:
    return list(sre_parse.parse(fragment))


# --- where a match can begin ---------------------------------------------------------

def derive_starts(parsed: Parsed, words: dict[str, list[str]]) -> tuple[str, ...] | None:
    """What every match begins with: "NUM", "DIGIT", "MONTH", "re:" and a regex (digits
    and a mark) or lowercase words (no whitespace in them), sorted; None if a match may
    begin with something else."""
    try:
        starts, maybe_empty = _starts(parsed.items, parsed.marks, words)
    except Unsure:
        return None
    if maybe_empty or not starts:
        return None
    return tuple(sorted(starts))


def _starts(items: list, marks: dict[int, str], words: dict[str, list[str]]) -> tuple[set[str], bool]:
    """The starts of a sequence of nodes, and whether it may match the empty string."""
    found: set[str] = set()
    i = 0
    while i < len(items):
        op, av = items[i]
        if op is sre.LITERAL:  # a run of literal characters: the word it begins with
            run = ""
            while i < len(items) and items[i][0] is sre.LITERAL and not chr(items[i][1]).isspace():
                run += chr(items[i][1])
                i += 1
            if not run:
                raise Unsure("a match may begin with whitespace")
            # digits written out ("19" of "(?:19|20)\d{2}") are a word too: a year's rule is
            # tried at the 19s and 20s, not at every number (a third of the temporal tries)
            found.add(lower_same_length(run))
            return found, False
        i += 1
        if op in ZERO_WIDTH:
            continue  # matches nothing: the start is what follows
        if op is sre.IN:
            found |= _class_starts(av)
            return found, False
        if op is sre.BRANCH:
            empty = False
            for alternative in av[1]:
                starts, maybe_empty = _starts(alternative, marks, words)
                found |= starts
                empty = empty or maybe_empty
            if not empty:
                return found, False
        elif op is sre.SUBPATTERN and av[0] in marks:
            name = marks[av[0]]
            if name in START_KIND:
                found.add(START_KIND[name])
            elif words.get(name):
                found.update(prefix_free({lower_same_length(w) for w in words[name]}))
            else:
                raise Unsure(f"no start for {{{name}}}")
            return found, False
        elif (digits_then := _digits_then_mark(op, av, items[i:i + 1])) is not None:
            found.add(digits_then)
            return found, False
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP) or op in REPEATS:
            sub = av[-1] if op is not sre.ATOMIC_GROUP else av
            starts, maybe_empty = _starts(list(sub), marks, words)
            found |= starts
            if not maybe_empty and not (op in REPEATS and av[0] == 0):
                return found, False
        else:
            raise Unsure(f"a match may begin with {op}")
    return found, True


def _digits_then_mark(op, av, following: list) -> str | None:
    """For digits followed by a mark ("\\d{1,2}\\." of a date), the start "re:" and their
    regex, else None. Found with finditer after a non-word character, such a regex misses
    no place where the rule can start: inside one of its matches only the mark follows no
    digit, and the mark is its last character (see ``scanning.starts_after_non_word``). A
    date's rules are then tried at "1." and "28.", not at every number."""
    if op not in REPEATS or av[0] < 1 or [(o, a) for o, a in av[2]] != [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_DIGIT)])]:
        return None
    if not following or following[0][0] is not sre.LITERAL:
        return None
    mark = chr(following[0][1])
    if mark.isalnum() or mark == "_" or mark.isspace():
        return None
    # a first \\d of its own: re skips ahead to a digit only when the regex opens with one
    most = "" if av[1] is sre.MAXREPEAT else str(av[1] - 1)
    return f"re:\\d\\d{{{av[0] - 1},{most}}}{re.escape(mark)}"


def _class_starts(items) -> set[str]:
    """A character class's starts: "DIGIT" for digits, else its literal characters."""
    found = set()
    for op, av in items:
        if op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            found.add("DIGIT")
        elif op is sre.RANGE and all(chr(c).isdigit() for c in range(av[0], av[1] + 1)) and av[1] - av[0] < 10:
            found.add("DIGIT")
        elif op is sre.LITERAL and not chr(av).isspace():
            found.add("DIGIT" if chr(av).isdigit() else lower_same_length(chr(av)))
        else:
            raise Unsure(f"a class with {op}")
    return found


# --- which lines a match needs -------------------------------------------------------

def derive_gate(parsed: Parsed, fragments: dict[str, str], words: dict[str, list[str]]):
    """What every match holds, as a tuple of lowercase words (no whitespace in them) or a
    regex (str): the first {CUR}, {CUR_PREFIX}, {SCALE}, {BIGSCALE} or {YEAR} the pattern
    needs, else the literal words it needs whose shortest word is longest (then: fewest
    words, first). None if it needs none of these."""
    candidates = _needed(parsed.items, parsed.marks, fragments, words)
    by_placeholder = [c for kind, c in candidates if kind == "placeholder"]
    if by_placeholder:
        return by_placeholder[0]
    literal = [c for kind, c in candidates if kind == "words"]
    return _best(literal)


def _best(word_lists: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The list whose shortest word is longest, then the one with fewest words, then the first."""
    if not word_lists:
        return None
    return max(word_lists, key=lambda ws: (min(map(len, ws)), -len(ws)), default=None)


def _needed(items: list, marks: dict[int, str], fragments: dict[str, str], words: dict[str, list[str]]) -> list:
    """What every match of the sequence holds, in pattern order: ("placeholder", words or
    regex) and ("words", literal words one of which it holds)."""
    out: list = []
    i = 0
    while i < len(items):
        op, av = items[i]
        if op is sre.LITERAL:  # a run of literal characters, split at whitespace
            run = ""
            while i < len(items) and items[i][0] is sre.LITERAL:
                run += chr(items[i][1])
                i += 1
            out += [("words", (lower_same_length(w),)) for w in run.split()]
            continue
        i += 1
        if op is sre.IN and all(o is sre.LITERAL and not chr(c).isspace() for o, c in av):
            out.append(("words", tuple(sorted({lower_same_length(chr(c)) for _, c in av}))))
        elif op is sre.SUBPATTERN and av[0] in marks:
            name = marks[av[0]]
            if name in GATE_BY_WORDS and words.get(name):
                out.append(("placeholder", substring_free(words[name])))
            elif name in GATE_BY_REGEX:
                out.append(("placeholder", fragments[name]))
        elif op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP or (op in REPEATS and av[0] >= 1):
            out += _needed(list(av[-1] if op is not sre.ATOMIC_GROUP else av), marks, fragments, words)
        elif op is sre.BRANCH:  # each alternative's best literal words, together
            chosen = [_best([c for kind, c in _needed(alt, marks, fragments, words) if kind == "words"]) for alt in av[1]]
            if all(chosen):
                out.append(("words", substring_free([w for ws in chosen for w in ws])))
    return out


def substring_free(words) -> tuple[str, ...]:
    """The lowercase words, without those that hold another of them ("teur" holds "eur"):
    a line holds one of these exactly when it holds one of all."""
    lowered = {lower_same_length(w) for w in words if w}
    return tuple(sorted(w for w in lowered if not any(o != w and o in w for o in lowered)))


# --- what must follow a leading number -----------------------------------------------

def derive_lookahead(parsed: Parsed) -> str:
    """For a pattern that opens with {NUM} (inside groups, after zero-width assertions):
    "(?=\\d[<number chars>\\s]*+F|\\w++\\s*+F')", where F is every character the rest of
    the pattern may match first that is not a number character or whitespace, F' every one
    that is not whitespace. A number from a digit start is made of NUMBER_CHARS, one from
    a word start is a whole word, so the lookahead holds wherever the pattern matches; the
    first alternative is for digit starts only (at a number word it would test the word's
    own first letter, which passes "eine" before "Förderung" on to the whole pattern).
    "" when the pattern opens otherwise or its rest may be number characters only."""
    rest = _after_leading_number(parsed.items, parsed.ignorecase, parsed.marks)
    if rest is None:
        return ""
    try:
        after_digits = _first_chars(rest, re.compile(f"[{NUMBER_CHARS}\\s]"), parsed.bodies)
        after_word = _first_chars(rest, re.compile(r"\s"), parsed.bodies)
    except Unsure:
        return ""
    return f"(?=\\d[{NUMBER_CHARS}\\s]*+{after_digits}|\\w++\\s*+{after_word})"


def _after_leading_number(items: list, ignorecase: bool, marks: dict[int, str]):
    """What follows the {NUM} a sequence opens with, as (items, ignorecase) pieces in
    order; None if it does not open with one."""
    for i, (op, av) in enumerate(items):
        if op in ZERO_WIDTH:
            continue
        if op is not sre.SUBPATTERN:
            return None
        if av[0] in marks:
            return [(items[i + 1:], ignorecase)] if marks[av[0]] == "NUM" else None
        inner = _after_leading_number(list(av[3]), _flags(ignorecase, av), marks)
        return None if inner is None else inner + [(items[i + 1:], ignorecase)]
    return None


def _flags(ignorecase: bool, subpattern) -> bool:
    """Whether a group's content is case-insensitive: (?i:…) turns it on, (?-i:…) off."""
    _, add, remove, _ = subpattern
    return bool((ignorecase or add & re.IGNORECASE) and not remove & re.IGNORECASE)


def _first_chars(pieces, skip: re.Pattern, bodies: dict[int, list]) -> str:
    """A regex of one character for the first character not matched by ``skip`` that a
    match of the pieces may hold; Unsure if a match may hold none."""
    atoms: set[tuple[bool, str]] = set()  # (case-insensitive, class item)
    for items, ignorecase in pieces:
        if not _first(items, ignorecase, skip, atoms, bodies):
            return _render(atoms)
    raise Unsure("the rest may be skipped characters only")


def _first(items: list, ignorecase: bool, skip: re.Pattern, atoms: set, bodies: dict[int, list]) -> bool:
    """Add the sequence's possible first non-skip characters to atoms; whether a match of
    it may consist of skip characters only (then what follows counts too)."""
    for op, av in items:
        if not _first_of_node(op, av, ignorecase, skip, atoms, bodies):
            return False
    return True


def _first_of_node(op, av, ignorecase: bool, skip: re.Pattern, atoms: set, bodies: dict[int, list]) -> bool:
    if op in ZERO_WIDTH:
        return True
    if op is sre.LITERAL:
        return _add_atom((sre.LITERAL, av), ignorecase, skip, atoms)
    if op is sre.IN:
        if any(o is sre.NEGATE for o, _ in av):
            raise Unsure("a negated class")
        return any([_add_atom(item, ignorecase, skip, atoms) for item in av])
    if op is sre.BRANCH:
        return any([_first(list(alt), ignorecase, skip, atoms, bodies) for alt in av[1]])
    if op is sre.SUBPATTERN:  # a placeholder's group stands for its fragment
        body = bodies[av[0]] if av[0] in bodies else list(av[3])
        return _first(body, _flags(ignorecase, av), skip, atoms, bodies)
    if op is sre.ATOMIC_GROUP:
        return _first(list(av), ignorecase, skip, atoms, bodies)
    if op in REPEATS:
        return _first(list(av[2]), ignorecase, skip, atoms, bodies) or av[0] == 0
    raise Unsure(f"a first character from {op}")


def _add_atom(item, ignorecase: bool, skip: re.Pattern, atoms: set) -> bool:
    """Add a class item (a literal, a range, a category) unless every character it matches
    is a skip character; whether it may match a skip character."""
    op, av = item
    if op is sre.LITERAL:
        char = chr(av)
        text = re.escape(char)
        # a cased letter matches other letters case-insensitively; skip classes hold none
        cased = ignorecase and char.lower() != char.upper()
        in_skip = none_outside = bool(skip.fullmatch(char)) and not cased
    elif op is sre.RANGE:
        chars = [chr(c) for c in range(av[0], av[1] + 1)]
        text = f"{re.escape(chars[0])}-{re.escape(chars[-1])}"
        inside = [bool(skip.fullmatch(c)) for c in chars]
        in_skip, none_outside = any(inside), all(inside) and not ignorecase
    elif op is sre.CATEGORY and av in CATEGORIES:
        text = CATEGORIES[av]
        # a category is inside the skip class only if the class names it ("\d", "\s")
        none_outside = text in skip.pattern
        in_skip = none_outside or any(skip.fullmatch(c) and re.fullmatch(text, c) for c in map(chr, range(128)))
    else:
        raise Unsure(f"a class item {op}")
    if not none_outside:
        atoms.add((ignorecase and op is not sre.CATEGORY, text))
    return in_skip


def _render(atoms: set[tuple[bool, str]]) -> str:
    """"(?:[…]|(?i:[…]))": the case-sensitive class items, then the case-insensitive ones."""
    if not atoms:
        raise Unsure("no first character")
    parts = []
    for ignorecase in (False, True):
        items = "".join(sorted(text for ic, text in atoms if ic == ignorecase))
        if items:
            parts.append(f"(?i:[{items}])" if ignorecase else f"[{items}]")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
