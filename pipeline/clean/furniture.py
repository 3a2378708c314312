"""Stage 3: page furniture lines dropped: image credits, copyright, share and print buttons,
breadcrumbs, page numbers, CMS metadata, cookie and newsletter boxes. A rule matches a whole
line; the rules are tried most specific first."""

from __future__ import annotations

import re

from .lexicon import FURNITURE, HEADLINE_MAX_CHARS, alternation
from .lines import Line

__all__ = ["FURNITURE_LINES", "drop_furniture", "furniture_rule"]


def _grouped_alternation(words) -> str:
    """alternation(words) for a case-insensitive pattern, grouped by first letter behind a
    lookahead for those letters ("(?=[DT])(?:D(?:rucken|atenschutz)|T(?:eilen|weet))").

    Kept speed trick (saves ~0.011 s/MB, 2 % of the pipeline, against a flat alternation): a
    line whose first letter opens no word fails at one class test. Same matches, in the same
    order: under re.IGNORECASE a class matches exactly what its letters match one by one;
    letters that match each other share a group, so at any position at most one group can
    match, and within it the words keep their order.
    """
    groups: dict[str, list[str]] = {}  # first letter -> the rest of each word, longest first
    for word in sorted(words, key=len, reverse=True):
        key = next((g for g in groups if re.fullmatch(re.escape(g), word[0], re.IGNORECASE)), word[0])
        groups.setdefault(key, []).append(word[1:])
    body = "|".join(
        re.escape(g) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")" for g, rests in groups.items()
    )
    return f"(?=[{''.join(re.escape(g) for g in groups)}])(?:{body})"


_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
_BULLET = r"(?:[-–•·▪►*]\s*)?"
_SEPARATORS = r"(?:\s*[|·•/,:]\s*|\s+)"
_CREDIT_CUES = _grouped_alternation(FURNITURE["credit_cues"])

# "(Bildquelle: 123rf.com / sakkmesterke)", "( Foto: Bildarchiv Landtag )"
PARENTHESISED_CREDIT_LINE = re.compile(rf"^\(\s*{_CREDIT_CUES}\.?\s*:[^()]*\)$", re.IGNORECASE)
# "Quelle: Getty Images/…", "Foto: Staatskanzlei", "Fotos: …", "Foto oben: …" (short lines only)
CREDIT_LINE = re.compile(
    rf"^{_CREDIT_CUES}\.?(?:\s+[\w()]{{1,15}}){{0,2}}\s*:\s*\S.{{0,{HEADLINE_MAX_CHARS}}}$", re.IGNORECASE
)
# "© Land Hessen", "Copyright 2024 …" (not "(c)": that opens list item c)
COPYRIGHT_LINE = re.compile(rf"^(?:©|Copyright\s).{{0,{HEADLINE_MAX_CHARS}}}$", re.IGNORECASE)
# a line that is only a URL
URL_LINE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
# "Seite: 2/2", "Seite 1 von 3", "S. 4"
PAGE_NUMBER_LINE = re.compile(r"^(?:Seite|S\.)\s*:?\s*\d+(?:\s*(?:/|von|aus)\s*\d+)?$", re.IGNORECASE)
# "(ID:12345678)", "ID: 12345"
ARTICLE_ID_LINE = re.compile(r"^\(?\s*ID\s*:?\s*\d{4,}\s*\)?$")
# "Sie sind hier: Startseite > Presse", "Sie befinden sich hier:"
YOU_ARE_HERE_LINE = re.compile(r"^Sie (?:sind|befinden sich) hier\s*:?(?:\s.{0,200})?$", re.IGNORECASE)
# "Startseite > Presse > Meldungen", "Home / Aktuelles"
BREADCRUMB_LINE = re.compile(
    rf"^{_grouped_alternation(FURNITURE['breadcrumb_roots'])}\s*(?:>|»|›|/|\|).{{0,{HEADLINE_MAX_CHARS}}}$",
    re.IGNORECASE,
)
# "A > B > C" with short segments: a breadcrumb without a known root. (The lookahead first:
# the first > » › of such a line comes after 1 to 60 other characters and a space; skipping
# to it in one possessive loop fails most lines at once.)
GENERIC_BREADCRUMB_LINE = re.compile(r"^(?=[^>»›]{2,61}+[>»›])[^>»›\n]{1,60}(?:\s[>»›]\s[^>»›\n]{1,80}){2,}$")
# "Typ: Artikel , Schwerpunktthema: Kommune", tag lists, reading times. (The Schwerpunktthema
# branch first checks, in one possessive loop, that the line has the colon it needs.)
CMS_FIELD_LINE = re.compile(
    rf"""^(?:
        Typ\s*:\s*(?:{alternation(FURNITURE['cms_content_types'])})\b
      | (?=[^:]*+:) .{{0,80}}\bSchwerpunktthema\s*:
      | (?:{alternation(FURNITURE['cms_tag_labels'])})\s*:
      | (?:Lesezeit|Lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:Min\.?|Minuten)
      | (?:ca\.\s*)?\d+\s*(?:Min\.?|Minuten)\s*Lesezeit
    ).{{0,200}}$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Firmen zum Thema", "Schlagworte" alone on a line
CMS_LABEL_LINE = re.compile(rf"^{_grouped_alternation(FURNITURE['cms_metadata_lines'])}\s*:?$", re.IGNORECASE)
# "Wir verwenden Cookies …": a cookie notice names cookies and asks for consent. (The first
# lookahead checks that the line has "cook" in any case, hopping from one k to the next in a
# possessive loop; most lines have none and fail there.)
COOKIE_LINE = re.compile(
    rf"^(?=(?:[^k]*+k)*?(?<=cook))(?=.*\bCookies?\b).*\b(?:{alternation(FURNITURE['cookie_consent_stems'])})",
    re.IGNORECASE,
)
# "Newsletter abonnieren", "Jetzt anmelden", "Datenschutzeinstellungen"
SIGNUP_LINE = re.compile(
    rf"^{_BULLET}(?:{_grouped_alternation(FURNITURE['signup_and_consent_cues'])}{_NOT_LETTER_AHEAD}[!.]?{_SEPARATORS}?)+$",
    re.IGNORECASE,
)
# "Teilen", "Drucken | E-Mail | Facebook", "• Melden", "Teilen: Facebook Mastodon"
BUTTON_LINE = re.compile(
    rf"^(?:{_BULLET}{_grouped_alternation(FURNITURE['button_cues'] + FURNITURE['share_connectives'])}{_NOT_LETTER_AHEAD}{_SEPARATORS}?)+$",
    re.IGNORECASE,
)

#: Furniture rules in the order they are tried (most specific first).
FURNITURE_LINES = (
    ("parenthesised_credit", PARENTHESISED_CREDIT_LINE),
    ("credit", CREDIT_LINE),
    ("copyright", COPYRIGHT_LINE),
    ("url", URL_LINE),
    ("page_number", PAGE_NUMBER_LINE),
    ("article_id", ARTICLE_ID_LINE),
    ("you_are_here", YOU_ARE_HERE_LINE),
    ("breadcrumb", BREADCRUMB_LINE),
    ("generic_breadcrumb", GENERIC_BREADCRUMB_LINE),
    ("cms_field", CMS_FIELD_LINE),
    ("cms_label", CMS_LABEL_LINE),
    ("cookie", COOKIE_LINE),
    ("signup", SIGNUP_LINE),
    ("button", BUTTON_LINE),
)


def _one_of(rules: tuple[tuple[str, re.Pattern], ...]) -> re.Pattern:
    """One pattern trying the rules in order, each in its own flags; the group says which
    matched. One call per line instead of one per rule (the calls cost more than the
    matching)."""
    flags = ((re.IGNORECASE, "i"), (re.VERBOSE, "x"))
    alternatives = []
    for name, pattern in rules:
        letters = "".join(letter for flag, letter in flags if pattern.flags & flag)
        body = f"(?{letters}:{pattern.pattern})" if letters else f"(?:{pattern.pattern})"
        alternatives.append(f"(?P<{name}>{body})")
    return re.compile("|".join(alternatives))


ANY_FURNITURE_LINE = _one_of(FURNITURE_LINES)


def furniture_rule(text: str) -> str | None:
    """Name of the furniture rule a line matches (the first in FURNITURE_LINES), or None."""
    m = ANY_FURNITURE_LINE.match(text)
    return m.lastgroup if m else None


def drop_furniture(lines: list[Line]) -> list[Line]:
    """The lines that are no page furniture."""
    return [line for line in lines if furniture_rule(line.text) is None]
