"""Stage 3: page furniture lines dropped: image credits, copyright, share and print buttons,
breadcrumbs, page numbers, CMS metadata, cookie and newsletter boxes. A rule matches a whole
line; the rules are tried most specific first."""

from __future__ import annotations

import re

from .lexicon import FURNITURE, HEADLINE_MAX_CHARS, cue_alternation
from .lines import Line

__all__ = ["FURNITURE_LINES", "drop_furniture", "furniture_rule"]


_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
_BULLET = r"(?:[-–•·▪►*]\s*)?"
_SEPARATORS = r"(?:\s*[|·•/,:]\s*|\s+)"
_CREDIT_CUES = f"{cue_alternation(FURNITURE['credit_cues'])}"

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
    rf"^{cue_alternation(FURNITURE['breadcrumb_roots'])}\s*(?:>|»|›|/|\|).{{0,{HEADLINE_MAX_CHARS}}}$",
    re.IGNORECASE,
)
# Kept speed trick (saves ~0.027 s/MB, 5 % of the pipeline, against the rules without them):
# the generic breadcrumb, the Schwerpunktthema branch and the cookie notice open with a
# possessive lookahead for what they need (a > » › within 62 characters, a colon, "cook"),
# which fails most lines at once where the rule backtracked through them.

COOKIE_AHEAD = r"(?=(?:[^k]*+k)*?(?<=cook))"
ANGLE_AHEAD = r"(?=[^>»›]{2,61}+[>»›])"
COLON_AHEAD = r"(?=[^:]*+:) "

# "A > B > C" with short segments: a breadcrumb without a known root. (The first > » › of
# such a line comes after 1 to 60 other characters and a space.)
GENERIC_BREADCRUMB_LINE = re.compile(rf"^{ANGLE_AHEAD}[^>»›\n]{{1,60}}(?:\s[>»›]\s[^>»›\n]{{1,80}}){{2,}}$")
_READING_TIME = rf"{cue_alternation(FURNITURE['reading_time_labels'])}\s*:?\s*(?:ca\.\s*)?\d+\s*(?:Min\.?|Minuten)"
# "Typ: Artikel , Schwerpunktthema: Kommune", tag lists, reading times (alone, or after the
# date or author of a line: "12.03.2024 | Lesedauer: 2 Minuten / Karla Muster")
CMS_FIELD_LINE = re.compile(
    rf"""^(?:
        Typ\s*:\s*{cue_alternation(FURNITURE['cms_content_types'])}\b
      | {COLON_AHEAD}.{{0,80}}\bSchwerpunktthema\s*:
      | {cue_alternation(FURNITURE['cms_tag_labels'])}\s*:
      | {_READING_TIME}
      | (?:ca\.\s*)?\d+\s*(?:Min\.?|Minuten)\s*Lesezeit
      | {COLON_AHEAD}.{{0,120}}?[|/·•,]\s*{_READING_TIME}
    ).{{0,200}}$""",
    re.IGNORECASE | re.VERBOSE,
)
# a person's name: capitalised words with lowercase letters after the first ("Karla Muster",
# "Jan-Ole de Vries"), so "Von Bund und Land" or "Von KIPKI" is none
_NAME_WORD = r"[A-ZÄÖÜ][a-zäöüß']+(?:-[A-ZÄÖÜ]?[a-zäöüß']+)*\.?"
_PERSON = rf"{_NAME_WORD}(?:[ \t]+(?:(?:von|van|de|zu)[ \t]+)?{_NAME_WORD}){{1,2}}"
# "Von Karla Muster", "Text: Karla Muster und Jan Beispiel", "Von Karla Muster, dpa"
BYLINE_LINE = re.compile(
    rf"^(?i:{cue_alternation(FURNITURE['byline_cues'])})[ \t]*:?[ \t]+{_PERSON}"
    rf"(?:[ \t]*(?:,|und|&)[ \t]*{_PERSON})*(?:[ \t]*[,|/][ \t]*[^\n]{{1,40}})?$"
)
# "Firmen zum Thema", "Schlagworte" alone on a line
CMS_LABEL_LINE = re.compile(rf"^{cue_alternation(FURNITURE['cms_metadata_lines'])}\s*:?$", re.IGNORECASE)
# "Wir verwenden Cookies …": a cookie notice names cookies and asks for consent (the first
# lookahead hops from one k to the next, looking for "cook" in any case)
COOKIE_LINE = re.compile(
    rf"^{COOKIE_AHEAD}(?=.*\bCookies?\b).*\b{cue_alternation(FURNITURE['cookie_consent_stems'])}",
    re.IGNORECASE,
)
# "Newsletter abonnieren", "Jetzt anmelden", "Datenschutzeinstellungen"
SIGNUP_LINE = re.compile(
    rf"^{_BULLET}(?:{cue_alternation(FURNITURE['signup_and_consent_cues'])}{_NOT_LETTER_AHEAD}[!.]?{_SEPARATORS}?)+$",
    re.IGNORECASE,
)
# "Teilen", "Drucken | E-Mail | Facebook", "• Melden", "Teilen: Facebook Mastodon"
BUTTON_LINE = re.compile(
    rf"^(?:{_BULLET}{cue_alternation(FURNITURE['button_cues'] + FURNITURE['share_connectives'])}{_NOT_LETTER_AHEAD}{_SEPARATORS}?)+$",
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
    ("byline", BYLINE_LINE),
    ("cookie", COOKIE_LINE),
    ("signup", SIGNUP_LINE),
    ("button", BUTTON_LINE),
)


def _one_of(rules: tuple[tuple[str, re.Pattern], ...]) -> re.Pattern:
    """One pattern trying the rules in order, each in its own flags; the group says which
    matched.

    Kept speed trick (saves ~0.011 s/MB, 2 % of the pipeline, against trying the rules one
    by one): one call per line instead of one per rule (the calls cost more than the
    matching).
    """
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
