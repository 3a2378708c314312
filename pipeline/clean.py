"""Turn an article's source text into the body text the extractor reads.

Records must point into the *source* text (schema §5), so the cleaner never rewrites
characters freely: every edit is either a deletion or a one-to-one substitution of a
space-like character. The result keeps, per run of untouched characters, where that run
starts in the source (parallel arrays searched with bisect), which is small and fast.

Stages, in order (each a plain function over lines):
1. character repairs inside a line (spaces, invisible characters);
2. markdown markup (images, link targets, emphasis, heading hashes) deleted;
3. page furniture lines dropped (credits, buttons, breadcrumbs, CMS metadata ...);
4. lines re-joined where a PDF/CMS broke a word or a sentence over two lines;
5. teasers for other articles dropped (dated teaser items, summaries ending in or followed
   by "mehr..."/"weiterlesen", "Weitere Meldungen" boxes);
6. repairs of broken figures and compounds inside a line;
7. a line repeated right after itself kept once.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["CleanText", "clean"]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanText:
    """Cleaned body text with an exact map back to the source text.

    Runs: cleaned char ``run_starts[k] + d`` is source char ``run_sources[k] + d`` for
    every ``d`` up to the next run start. Runs only break where the cleaner edited.
    """

    text: str  # cleaned body text, lines joined by "\n"
    run_starts: tuple[int, ...] = field(default=(), repr=False)
    run_sources: tuple[int, ...] = field(default=(), repr=False)

    def source_offset(self, i: int) -> int:
        """Source index of cleaned char i (0 <= i < len(text))."""
        if not 0 <= i < len(self.text):
            raise IndexError(f"cleaned offset {i} outside 0..{len(self.text) - 1}")
        run = bisect_right(self.run_starts, i) - 1
        return self.run_sources[run] + i - self.run_starts[run]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of cleaned span [start, end): (source_offset(start), source_offset(end-1)+1)."""
        if end <= start:  # empty span: an insertion point, kept empty in the source
            if start < len(self.text):
                point = self.source_offset(start)
            else:
                point = self.source_offset(len(self.text) - 1) + 1 if self.text else 0
            return point, point
        if start < 0 or end > len(self.text):
            return self.source_offset(start), self.source_offset(end - 1) + 1  # raises IndexError
        # source_offset(start) and source_offset(end - 1) + 1 with one bisect, not two: a span
        # mostly lies in one run, and then both ends move by that run's shift (a run holds
        # end - 1 if the next run starts at or after end); else the end's run lies after it
        starts = self.run_starts
        run = bisect_right(starts, start) - 1
        shift = self.run_sources[run] - starts[run]
        if run + 1 == len(starts) or end <= starts[run + 1]:
            return start + shift, end + shift
        last = bisect_right(starts, end - 1, run + 1) - 1
        return start + shift, self.run_sources[last] + end - starts[last]


# ---------------------------------------------------------------------------
# Cue words (German news-site and CMS furniture). NOTE: tests/test_clean.py imports
# INVISIBLE_CHARS and SPACE_CHARS to check the map; keep their names.
# ---------------------------------------------------------------------------

#: Characters deleted outright: soft hyphen, zero-width space/joiners, word joiner, BOM.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: Characters shown as a plain space: tab, VT, FF (PDF page break), CR, separators,
#: no-break, en/em/thin/hair/figure spaces, narrow no-break, math and ideographic space.
SPACE_CHARS = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

#: Words after "Hard- " that make the hyphen an Ergänzungsstrich, not a broken compound.
COORDINATING_WORDS = (
    "und/oder", "und", "oder", "sowie", "bzw", "beziehungsweise", "respektive", "resp",
    "bis", "als", "wie", "noch", "sowohl", "aber", "ebenso", "statt", "anstatt", "plus",
    "versus", "vs", "nicht", "sondern", "u", "o",
)

#: Lowercase first parts whose hyphen is real in adjectives ("nordrhein-westfälisch").
HYPHENATED_LAND_PARTS = ("baden", "nordrhein", "mecklenburg", "schleswig", "sachsen", "rheinland")

#: Words that scale or name the unit of a figure; only before these is "4, 2" a number.
FIGURE_UNITS = (
    "Milliarden", "Milliarde", "Millionen", "Million", "Tausend", "Mrd", "Mio", "Tsd",
    "Prozentpunkte", "Prozent", "Euro", "EUR", "€", "%",
)

#: Words that count things, so "Phase 2, 3 Millionen Euro" is a list, not "2,3 Millionen".
COUNTER_WORDS = ("Phase", "Phasen", "Stufe", "Stufen", "Runde", "Modul", "Los", "Teil", "Nr.", "Punkt", "Abschnitt", "Kapitel")

#: Words that open an image credit or caption source.
CREDIT_CUES = (
    "Bildquelle", "Bildquellen", "Bildnachweis", "Bildrechte", "Bildunterschrift", "Bild",
    "Bilder", "Fotos", "Foto", "Fotograf", "Fotografin", "Titelbild", "Beitragsbild",
    "Symbolbild", "Symbolfoto", "Grafik", "Abbildung", "Abb", "Copyright", "Quelle",
    "Quellen", "Credit", "Credits",
)

#: Share, print, social and navigation buttons; a line made only of these is dropped.
BUTTON_CUES = (
    "Diesen Artikel teilen", "Artikel teilen", "Beitrag teilen", "Seite teilen", "Teilen",
    "Artikel drucken", "Seite drucken", "Beitrag drucken", "Drucken", "Druckversion",
    "Druckansicht", "Twittern", "Tweet", "Per E-Mail versenden", "Per E-Mail teilen",
    "Per Mail teilen", "E-Mail", "Mail", "Facebook", "LinkedIn", "Xing", "WhatsApp",
    "Instagram", "Mastodon", "Threads", "Bluesky", "YouTube", "Pinterest", "Telegram", "X",
    "Seite empfehlen", "Artikel empfehlen", "Empfehlen", "Zum Seitenanfang",
    "Seitenanfang", "Nach oben", "Startseite", "Home", "Zurück zur Übersicht", "Zurück", "Link kopieren",
    "Artikel merken", "Merken", "Vorlesen", "Melden", "Einbetten", "Kommentieren",
    "Kommentare", "Schließen", "Impressum", "Datenschutzerklärung", "Datenschutz",
    "Barrierefreiheit", "Sitemap", "RSS", "RSS-Feed", "Anzeige", "Werbung",
)

#: Words that join share buttons ("Auf Facebook teilen", "Per E-Mail versenden").
SHARE_CONNECTIVES = ("auf", "per", "via", "bei", "teilen", "versenden")

#: Newsletter, sign-up and consent boxes: a line made only of these is dropped.
SIGNUP_AND_CONSENT_CUES = (
    "Newsletter abonnieren", "Jetzt Newsletter abonnieren", "Zum Newsletter anmelden",
    "Newsletter bestellen", "Newsletter", "Jetzt anmelden", "Jetzt abonnieren",
    "Jetzt registrieren", "Anmelden", "Registrieren", "Abonnieren", "Alle akzeptieren",
    "Akzeptieren", "Ablehnen", "Zulassen", "Einstellungen", "Cookie-Einstellungen",
    "Cookie-Hinweis", "Datenschutzeinstellungen", "Privatsphäre-Einstellungen",
)

#: Roots that open a breadcrumb trail ("Startseite > Presse > ...").
BREADCRUMB_ROOTS = ("Startseite", "Home", "Homepage", "Start")

#: CMS metadata lines seen on German portals (whole line, case-insensitive).
CMS_METADATA_LINES = ("Firmen zum Thema", "Artikel teilen", "Schlagworte", "Schlagwörter", "Tags")

#: More-links that end a teaser summary or stand alone under it.
MORE_CUES = ("weiterlesen", "weiter lesen", "mehr lesen", "zum Artikel", "Artikel lesen", "mehr erfahren")

#: Headings of boxes listing other articles; everything in the box is dropped.
TEASER_BOX_HEADINGS = (
    "Das könnte Sie auch interessieren", "Das könnte Sie interessieren",
    "Diese Themen könnten Sie auch interessieren", "Weitere Meldungen",
    "Weitere Nachrichten", "Weitere Artikel", "Weitere Beiträge", "Weitere Pressemitteilungen",
    "Mehr zum Thema", "Mehr zu diesem Thema", "Lesen Sie auch", "Lesen Sie dazu auch",
    "Lesen Sie mehr", "Auch interessant", "Ebenfalls interessant", "Ähnliche Artikel",
    "Ähnliche Beiträge", "Ähnliche Meldungen", "Verwandte Artikel", "Verwandte Beiträge",
    "Verwandte Themen", "Aktuelle Meldungen", "Aktuelle Nachrichten", "Aktuelle Beiträge",
    "Neueste Artikel", "Neueste Beiträge", "Neueste Meldungen", "Top-Themen", "Topthemen",
    "Meistgelesen", "Meistgelesene Artikel", "Am meisten gelesen", "Passend zum Thema",
    "Zuletzt veröffentlicht", "Zum Thema",
)

#: A teaser box ends at the first paragraph at least this long (longer than any teaser
#: summary: a box sits at the end of a page, or the article resumes with a real paragraph).
TEASER_BOX_MAX_ITEM_CHARS = 400
#: A teaser's headline, and a heading in general, is at most this long.
HEADLINE_MAX_CHARS = 160
#: A line this long that stops mid-sentence and continues lowercase was soft-wrapped.
SOFT_WRAP_MIN_CHARS = 40


def _alternation(words) -> str:
    """Regex alternation of literal words, longest first so prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _grouped_alternation(words) -> str:
    """_alternation(words) for a case-insensitive pattern, grouped by first letter behind a
    lookahead for those letters ("(?=[DT])(?:D(?:rucken|atenschutz)|T(?:eilen|weet))").

    Faster: a line whose first letter opens no word fails at one class test, and one that
    does tries only the words of its letter, where the flat alternation tried every word.
    Same matches, in the same order: under re.IGNORECASE a class matches exactly what its
    letters match one by one; letters that match each other share a group, so at any
    position at most one group can match, and within it the words keep their order.
    """
    groups: dict[str, list[str]] = {}  # first letter -> the rest of each word, longest first
    for word in sorted(words, key=len, reverse=True):
        key = next((g for g in groups if re.fullmatch(re.escape(g), word[0], re.IGNORECASE)), word[0])
        groups.setdefault(key, []).append(word[1:])
    body = "|".join(
        re.escape(g) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")" for g, rests in groups.items()
    )
    return f"(?=[{''.join(re.escape(g) for g in groups)}])(?:{body})"


_LETTER = r"[^\W\d_]"  # a letter in any script, umlauts included
_NOT_LETTER_AHEAD = rf"(?!{_LETTER})"
_BULLET = r"(?:[-–•·▪►*]\s*)?"
_SEPARATORS = r"(?:\s*[|·•/,:]\s*|\s+)"
_DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})"
_SENTENCE_END = r"""[.!?;:]["'“”„»«)\]]*$"""

# ---------------------------------------------------------------------------
# Stage 1: character repairs (per line)
# ---------------------------------------------------------------------------

SPACE_LIKE = re.compile(f"[{SPACE_CHARS}]")
INVISIBLE = re.compile(f"(?P<drop>[{INVISIBLE_CHARS}]+)")
# spaces at either end of a line, and every space after the first of a run
EXTRA_SPACES = re.compile(r"(?P<drop>^ +| +$|(?<= ) +)")

# ---------------------------------------------------------------------------
# Stage 2: markdown markup (deleted, the visible text stays)
# ---------------------------------------------------------------------------

# ![alt](url): an image; its alt text repeats the caption, so all of it goes
MARKDOWN_IMAGE = re.compile(r"(?P<drop>\s*!\[[^\]\n]*\]\([^)\n]*\)\s*)")
# [text](url "title"): keep the text, drop the brackets and the target
MARKDOWN_LINK = re.compile(
    r"(?P<drop_open>\[)(?=[^\]\n]+\]\()[^\]\n]+(?P<drop_target>\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"
)
# **bold** / __bold__: drop the markers
MARKDOWN_EMPHASIS = re.compile(r"(?P<drop_open>\*\*|__)(?=\S)[^*_\n]+?(?<=\S)(?P<drop_close>(?P=drop_open))")
# "## Heading" and a closing "##"
MARKDOWN_HEADING = re.compile(r"^(?P<drop_open>#{1,6}\s+)\S.*?(?P<drop_close>\s+#+)?$")

# ---------------------------------------------------------------------------
# Stage 3: page furniture lines, most specific first (whole line must match)
# ---------------------------------------------------------------------------

# "(Bildquelle: 123rf.com / sakkmesterke)", "( Foto: Bildarchiv Landtag )"
PARENTHESISED_CREDIT_LINE = re.compile(
    rf"^\(\s*{_grouped_alternation(CREDIT_CUES)}\.?\s*:[^()]*\)$", re.IGNORECASE
)
# "Quelle: Getty Images/…", "Foto: Staatskanzlei", "Fotos: …", "Foto oben: …" (short lines only)
CREDIT_LINE = re.compile(
    rf"^{_grouped_alternation(CREDIT_CUES)}\.?(?:\s+[\w()]{{1,15}}){{0,2}}\s*:\s*\S.{{0,{HEADLINE_MAX_CHARS}}}$",
    re.IGNORECASE,
)
# "© Land Hessen", "Copyright 2024 …" (not "(c)": that opens list item c)
COPYRIGHT_LINE = re.compile(r"^(?:©|Copyright\s).{0,160}$", re.IGNORECASE)
# a line that is only a URL
URL_LINE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
# "Seite: 2/2", "Seite 1 von 3", "S. 4"
PAGE_NUMBER_LINE = re.compile(
    r"^(?:Seite|S\.)\s*:?\s*\d+(?:\s*(?:/|von|aus)\s*\d+)?$", re.IGNORECASE
)
# "(ID:12345678)", "ID: 12345"
ARTICLE_ID_LINE = re.compile(r"^\(?\s*ID\s*:?\s*\d{4,}\s*\)?$")
# "Sie sind hier: Startseite > Presse", "Sie befinden sich hier:"
YOU_ARE_HERE_LINE = re.compile(r"^Sie (?:sind|befinden sich) hier\s*:?(?:\s.{0,200})?$", re.IGNORECASE)
# "Startseite > Presse > Meldungen", "Home / Aktuelles"
BREADCRUMB_LINE = re.compile(
    rf"^{_grouped_alternation(BREADCRUMB_ROOTS)}\s*(?:>|»|›|/|\|).{{0,{HEADLINE_MAX_CHARS}}}$",
    re.IGNORECASE,
)
# "A > B > C" with short segments: a breadcrumb without a known root
# (The lookahead first: the first > » › of such a line comes after 1 to 60 other characters
# and a space; skipping to it in one tight possessive loop fails most lines at once, where
# the bare rule backtracked through the first 60 characters looking for the space.)
GENERIC_BREADCRUMB_LINE = re.compile(r"^(?=[^>»›]{2,61}+[>»›])[^>»›\n]{1,60}(?:\s[>»›]\s[^>»›\n]{1,80}){2,}$")
# "Typ: Artikel , Schwerpunktthema: Kommune" and tag lists. (The Schwerpunktthema branch
# first checks, in one tight possessive loop, that the line has the colon it needs: most lines
# have none, and skip the backtracking through 80 characters looking for the word.)
_CMS_FIELD = r"""^(?:
        Typ\s*:\s*(?:Artikel|Meldung|Pressemitteilung|Nachricht|News|Beitrag|Seite|Dossier|Interview|Häufig\ nachgefragt)\b
      <SCHWERPUNKT>
      | (?:Schlagworte|Schlagwörter|Stichworte|Stichwörter|Tags|Keywords|Kategorien?)\s*:
      | (?:Lesezeit|Lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:Min\.?|Minuten)
      | (?:ca\.\s*)?\d+\s*(?:Min\.?|Minuten)\s*Lesezeit
    ).{0,200}$"""
_SCHWERPUNKT_BRANCH = r"| (?=[^:]*+:) .{0,80}\bSchwerpunktthema\s*:"
CMS_FIELD_LINE = re.compile(_CMS_FIELD.replace("<SCHWERPUNKT>", _SCHWERPUNKT_BRANCH), re.IGNORECASE | re.VERBOSE)
#: CMS_FIELD_LINE without its Schwerpunktthema branch, for a text that lacks the word. Its
#: branches open with T, S, K, L, c or a digit, so a lookahead for these fails most lines at
#: one class test, where each branch was entered and failed in turn (same matches: under
#: re.IGNORECASE a class matches exactly what its letters match one by one, long s and
#: Kelvin sign included).
CMS_FIELD_LINE_NO_SCHWERPUNKT = re.compile(
    _CMS_FIELD.replace("<SCHWERPUNKT>", "").replace("^(?:", r"^(?=[tsklc\d])(?:", 1), re.IGNORECASE | re.VERBOSE
)
# "Firmen zum Thema", "Schlagworte" alone on a line
CMS_LABEL_LINE = re.compile(rf"^{_grouped_alternation(CMS_METADATA_LINES)}\s*:?$", re.IGNORECASE)
# "Wir verwenden Cookies …": a cookie notice names cookies and asks for consent. (The first
# lookahead checks that the line has "cook" in any case, hopping from one k to the next in a
# tight possessive loop; most lines have none and fail there, where the second lookahead
# backtracked from the line end trying a word boundary and a "c" at every position.)
COOKIE_LINE = re.compile(
    r"^(?=(?:[^k]*+k)*?(?<=cook))(?=.*\bCookies?\b).*\b(?:verwende|nutze|setze|einsetze|akzeptier|Einstellung|Datenschutz|zustimm|Einwilligung)",
    re.IGNORECASE,
)
# "Newsletter abonnieren", "Jetzt anmelden", "Datenschutzeinstellungen"
SIGNUP_LINE = re.compile(
    rf"^{_BULLET}(?:{_grouped_alternation(SIGNUP_AND_CONSENT_CUES)}{_NOT_LETTER_AHEAD}[!.]?{_SEPARATORS}?)+$",
    re.IGNORECASE,
)
# "Teilen", "Drucken | E-Mail | Facebook", "• Melden", "Teilen: Facebook Mastodon"
BUTTON_LINE = re.compile(
    rf"^(?:{_BULLET}{_grouped_alternation(BUTTON_CUES + SHARE_CONNECTIVES)}{_NOT_LETTER_AHEAD}{_SEPARATORS}?)+$",
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

# ---------------------------------------------------------------------------
# Stage 4: line joins
# ---------------------------------------------------------------------------

# a line ending in a word and a hyphen: "Digitali-", "Bund-", "2020-"
LINE_END_HYPHEN = re.compile(rf"(?:(?P<word>{_LETTER}+)|\d)-$")
# the next line opens with a coordinating word: "und Software" (keep the hyphen)
STARTS_COORDINATED = re.compile(rf"^(?:{_alternation(COORDINATING_WORDS)})(?:\.|{_NOT_LETTER_AHEAD})")
# the next line opens lowercase, not a brand like "eGovernment"
STARTS_LOWERCASE = re.compile(r"^[a-zäöüß](?![A-ZÄÖÜ])")
#: The characters STARTS_LOWERCASE lets open a line (a plain test before the regex call)
_LOWERCASE_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzäöüß")
STARTS_UPPERCASE_OR_DIGIT = re.compile(r"^[A-ZÄÖÜ\d]")
# a line that ends a sentence or introduces something (":"), so it was not wrapped
ENDS_SENTENCE = re.compile(_SENTENCE_END)
# a line ending in a clause mark is a sentence, not a headline ("?" and "!" headlines exist)
ENDS_CLAUSE = re.compile(r"[.;,:]$")

# ---------------------------------------------------------------------------
# Stage 5: teasers for other articles
# ---------------------------------------------------------------------------

# "Weitere Meldungen", "Das könnte Sie auch interessieren:"
TEASER_BOX_HEADING = re.compile(rf"^{_grouped_alternation(TEASER_BOX_HEADINGS)}\s*:?$", re.IGNORECASE)
# "Lesen Sie auch: Kreis erhält 22 Millionen Euro": a one-line teaser under a box cue
TEASER_REFERENCE_LINE = re.compile(
    rf"^{_grouped_alternation(TEASER_BOX_HEADINGS)}\s*:\s*\S.{{0,{HEADLINE_MAX_CHARS}}}$", re.IGNORECASE
)
# a summary that ends in a more-link: "… mehr...", "… weiterlesen", "… [mehr]"
ENDS_WITH_MORE = re.compile(
    rf"""(?:^|\s)(?:
        \[?mehr\]?\s*(?:\.{{2,}}|…|»|›|→|>)\]?     # "mehr..." needs its ellipsis or arrow
      | \[mehr\]
      | (?:{_alternation(MORE_CUES)})\s*(?:\.{{2,}}|…|»|›|→|>)?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# a line that is only a more-link
MORE_LINE = re.compile(
    rf"^(?:\[?mehr\]?\s*(?:\.{{2,}}|…|»|›|→|>)?|{_grouped_alternation(MORE_CUES)}\s*(?:\.{{2,}}|…|»|›|→|>)?)$",
    re.IGNORECASE,
)
#: The last character of every line ENDS_WITH_MORE finds, but for the "." of a "..": an
#: ellipsis, arrow or bracket, or the last letter of a more-cue ("n", "l": re.IGNORECASE folds
#: no other character to these). Lines never end in a space (stage 1 strips it; every other
#: space-like character, all that \s matches, became a space), so "\s*$" adds none.
MORE_LINK_ENDINGS = "…»›→>]nNlL"
assert {w[-1].lower() for w in MORE_CUES} <= set(MORE_LINK_ENDINGS)
# "[07.02.2025] summary": the news-list form of a dated item
BRACKETED_DATED_LINE = re.compile(rf"^\[{_DATE}\]\s*\S")
# "07.02.2025 – summary", "07.02.2025 | summary"
DASHED_DATED_LINE = re.compile(rf"^{_DATE}\s*[–—|-]\s*\S")
# a date alone on a line: "07.02.2025", "[07.02.2025]"
DATE_ONLY_LINE = re.compile(rf"^\[?{_DATE}\]?\s*[–—|-]?$")

# ---------------------------------------------------------------------------
# Stage 6: repairs inside a line (each deletes its "drop" groups)
# ---------------------------------------------------------------------------

_UNIT_AHEAD = rf"(?=\s?(?:{_alternation(FIGURE_UNITS)})(?![^\W\d_]))"
_CONJUNCTION_AHEAD = rf"(?:{_alternation(COORDINATING_WORDS)})(?:\.|{_NOT_LETTER_AHEAD})"

# "IT- Dienstleister" -> "IT-Dienstleister"; not "Hard- und Software", "Kinder- Jugend- und"
# (The hyphen leads and the letter before it is checked behind it: same matches, as both
# lookbehinds hold at the hyphen, but re scans for a leading "-" fast, where a leading
# lookbehind was tried at every position of the line.)
COMPOUND_HYPHEN_GAP = re.compile(
    rf"""-(?<={_LETTER}-)(?P<drop>\ )
        (?!{_CONJUNCTION_AHEAD})       # Ergänzungsstrich: "Bundes- oder Landesmittel"
        (?={_LETTER})                  # the second part is a word
        (?!{_LETTER}*-[\s,])           # a chain of Ergänzungsstriche: "Kinder- Jugend- und"
    """,
    re.VERBOSE,
)
# "4, 2 Millionen" / "4 ,2 Prozent" -> "4,2 …"; a year ("2021, 3 Projekte") never matches,
# nor a counted list ("Phase 2, 3 Millionen Euro")
_AFTER_NO_COUNTER = "".join(f"(?<!{re.escape(word)} \\d)" for word in COUNTER_WORDS)
DECIMAL_COMMA_GAP = re.compile(
    rf"\d(?<![\d.,]\d){_AFTER_NO_COUNTER}\d{{0,2}}(?:\.\d{{3}})*(?P<drop_before>\ ?),(?P<drop_after>\ ?)\d{{1,2}}(?!\d){_UNIT_AHEAD}"
)
# "1. 000 Euro" -> "1.000 Euro"
THOUSANDS_GAP = re.compile(
    rf"\d(?<![\d.,]\d)\d{{0,2}}\.(?P<drop>\ )\d{{3}}(?:\.\d{{3}})*(?:,\d+)?(?!\d){_UNIT_AHEAD}"
)
# "16,89 Millionen. Euro" -> "16,89 Millionen Euro": a stray period between scale and currency
SCALE_WORD_PERIOD = re.compile(
    r"\d\s?(?:Milliarden|Milliarde|Millionen|Million|Tausend)(?P<drop>\.)\s?(?:Euro|EUR|€)(?![^\W\d_])"
)
# "3,3 Mio.. Euro" -> "3,3 Mio. Euro": the abbreviation keeps its one period
SCALE_ABBREVIATION_PERIOD = re.compile(
    r"\d\s?(?:Mrd|Mio|Tsd)\.(?P<drop>\.+)\s?(?:Euro|EUR|€)(?![^\W\d_])"
)
# "… für Kommunen. (Foto: Staatskanzlei)": a credit trailing a caption
TRAILING_CREDIT = re.compile(
    rf"(?<=\S)(?P<drop>\s*\(\s*(?:{_alternation(CREDIT_CUES)}|©)\.?\s*:?[^()]*\))$", re.IGNORECASE
)

#: Inline repairs in the order they run, each with a pre-test: a pattern that finds something
#: in every line where the repair would delete anything. Each pre-test opens with literal
#: text, which the regex engine finds with a fast scan, so it costs far less than the repair's
#: own scan (which opens with a digit or a lookbehind and is tried at every digit or position).
#: A skipped line is one the repair would leave as it is:
#: - decimal_comma_gap deletes only a space before the comma (" ,") or after it (", 5"); its
#:   matches without one ("4,2 Millionen") delete nothing;
#: - thousands_gap always deletes the space of ". 000";
#: - scale_word_period deletes the "." in "Millionen. Euro", after a scale word (which ends in
#:   "n", "e" or "d", so not "Mio. Euro") and before the currency;
#: - compound_hyphen_gap deletes the space of "- " between two letters;
#: - trailing_credit is anchored at the line end, after a ")".
#: The pre-tests are multiline, so that they can also be run once over all lines of a text
#: joined by "\n" (within a line, which holds no "\n", that changes nothing).
INLINE_REPAIRS = (
    ("compound_hyphen_gap", COMPOUND_HYPHEN_GAP, re.compile(rf"- (?<={_LETTER}- )(?={_LETTER})")),
    ("decimal_comma_gap", DECIMAL_COMMA_GAP, re.compile(r",(?:(?<= ,)| \d)")),
    ("thousands_gap", THOUSANDS_GAP, re.compile(r"\. \d\d\d")),
    ("scale_word_period", SCALE_WORD_PERIOD, re.compile(r"\.(?<=[end]\.)\s?(?:Euro|EUR|€)")),
    ("scale_abbreviation_period", SCALE_ABBREVIATION_PERIOD, re.compile(r"\.\.")),
    ("trailing_credit", TRAILING_CREDIT, re.compile(r"\)$", re.MULTILINE)),
)
#: The repairs whose pre-tests open with ".", and those pre-tests as one alternation: it finds
#: something in a text exactly when one of them does (one scan for "." instead of three).
_DOT_REPAIRS = frozenset({"thousands_gap", "scale_word_period", "scale_abbreviation_period"})
_DOT_REPAIRS_NEEDED = re.compile(
    "|".join(f"(?:{needed.pattern})" for name, _pattern, needed in INLINE_REPAIRS if name in _DOT_REPAIRS)
)
assert all(needed.pattern.startswith("\\.") and not needed.flags & re.MULTILINE for name, _p, needed in INLINE_REPAIRS if name in _DOT_REPAIRS)

#: Markdown markup in the order it is deleted (images before links).
MARKDOWN_MARKUP = (
    ("image", MARKDOWN_IMAGE),
    ("link", MARKDOWN_LINK),
    ("emphasis", MARKDOWN_EMPHASIS),
    ("heading", MARKDOWN_HEADING),
)
#: MARKDOWN_MARKUP's patterns, each with a test that holds for every text it matches in
MARKDOWN_MARKUP_NEEDS = (
    (MARKDOWN_IMAGE, lambda text: "![" in text),
    (MARKDOWN_LINK, lambda text: "](" in text),
    (MARKDOWN_EMPHASIS, lambda text: "**" in text or "__" in text),
    (MARKDOWN_HEADING, lambda text: text[:1] == "#"),
)
assert [pattern for pattern, _needed in MARKDOWN_MARKUP_NEEDS] == [pattern for _name, pattern in MARKDOWN_MARKUP]


# ---------------------------------------------------------------------------
# Lines with their source map
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    """One output line: its text and where each of its runs starts in the source."""

    text: str
    starts: list[int]  # offsets in text where a run begins (first is 0)
    sources: list[int]  # source offset of each run's first character
    number: int  # source line number of its last part, to tell adjacent lines
    line_break: int  # source offset of the "\n" after its last part (len(source) if none)

    def source_end(self) -> int:
        """Source offset just after the line's last character."""
        return self.sources[-1] + len(self.text) - self.starts[-1]

    def delete(self, spans: list[tuple[int, int]]) -> None:
        """Delete sorted, non-overlapping [a, b) spans of text, keeping the map exact."""
        text, starts, sources = self.text, self.starts, self.sources
        old_end = self.source_end()
        pieces: list[str] = []
        new_starts: list[int] = []
        new_sources: list[int] = []
        out_len = 0
        for keep_from, keep_to in _complement(spans, len(text)):
            pieces.append(text[keep_from:keep_to])
            run = bisect_right(starts, keep_from) - 1
            while run < len(starts) and starts[run] < keep_to:
                seg = max(starts[run], keep_from)
                new_starts.append(out_len + seg - keep_from)
                new_sources.append(sources[run] + seg - starts[run])
                run += 1
            out_len += keep_to - keep_from
        self.text = "".join(pieces)
        self.starts = new_starts or [0]
        self.sources = new_sources or [old_end]

    def append(self, other: _Line, separator_source: int | None) -> None:
        """Append another line, with one space (standing for separator_source) between if given."""
        base = len(self.text)
        if separator_source is not None:
            self.starts.append(base)
            self.sources.append(separator_source)
            self.text += " "
            base += 1
        self.starts.extend(base + s for s in other.starts)
        self.sources.extend(other.sources)
        self.text += other.text
        self.number = other.number
        self.line_break = other.line_break


def _complement(spans: list[tuple[int, int]], length: int):
    """Intervals of [0, length) outside the given sorted spans."""
    pos = 0
    for a, b in spans:
        if a > pos:
            yield pos, a
        pos = max(pos, b)
    if pos < length:
        yield pos, length


def _drop_matches(line: _Line, pattern: re.Pattern) -> None:
    """Delete every non-empty group named drop* of every match of pattern in line."""
    spans: list[tuple[int, int]] = []
    groups = _drop_groups(pattern)
    for match in pattern.finditer(line.text):
        for group in groups:
            start, end = match.span(group)
            if end > start:
                spans.append((start, end))
    if spans:
        spans.sort()
        line.delete(spans)


@functools.lru_cache(maxsize=None)
def _drop_groups(pattern: re.Pattern) -> tuple[int, ...]:
    """Numbers of the groups named drop* in pattern."""
    return tuple(number for name, number in pattern.groupindex.items() if name.startswith("drop"))


# ---------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------


def _split_lines(source_text: str) -> list[_Line]:
    """Source lines after character repairs; blank lines are left out.

    Only "\\n" breaks lines; a "\\r" before it is a space and is stripped with the line end.
    """
    # Whether the text holds a space-like or an invisible character at all (most texts hold
    # neither): one `in` scan per character costs less than the regex engine's charset scan
    # (INVISIBLE, whose set sits in a group, is tried at every position); only a text that
    # holds one pays for its pass.
    has_space_like = any(char in source_text for char in SPACE_CHARS)
    has_invisible = any(char in source_text for char in INVISIBLE_CHARS)
    shown = SPACE_LIKE.sub(" ", source_text) if has_space_like else source_text  # one-to-one: offsets unchanged
    lines: list[_Line] = []
    offset = 0
    append = lines.append
    for number, raw in enumerate(shown.split("\n")):
        if raw:  # a blank line is left out: no _Line for it
            end = offset + len(raw)
            line = _Line(raw, [0], [offset], number, end)
            offset = end + 1
            if has_invisible:
                _drop_matches(line, INVISIBLE)
                raw = line.text
                if not raw:
                    continue
            # raw is the line's text, and not empty
            if "  " in raw or raw[0] == " " or raw[-1] == " ":
                _drop_matches(line, EXTRA_SPACES)
                if not line.text:
                    continue
            append(line)
        else:
            offset += 1
    return lines


def _strip_markdown(lines: list[_Line]) -> list[_Line]:
    """Delete markdown markup, keeping link and emphasis text; drop lines left empty."""
    kept = []
    for line in lines:
        text = line.text
        if "[" in text or "*" in text or "_" in text or text[0] == "#":
            # Each markup is looked for only in a line that has what its match needs (now,
            # after the markup before it): "![", "](", "**" or "__", a leading "#". Extra
            # spaces can only follow a deletion: _split_lines left none in the line.
            for pattern, needed in MARKDOWN_MARKUP_NEEDS:
                if needed(line.text):
                    _drop_matches(line, pattern)
            if len(line.text) != len(text):
                _drop_matches(line, EXTRA_SPACES)
        if line.text:
            kept.append(line)
    return kept


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
#: Teaser box headings, one-line references and more-links as one pattern, tried in that order
#: (one call per line instead of three); the group says which matched first.
TEASER_LINE = _one_of(
    (("box_heading", TEASER_BOX_HEADING), ("reference", TEASER_REFERENCE_LINE), ("more", MORE_LINE))
)


def furniture_rule(text: str) -> str | None:
    """Name of the furniture rule a line matches (the first in FURNITURE_LINES), or None."""
    m = ANY_FURNITURE_LINE.match(text)
    return m.lastgroup if m else None


@functools.lru_cache(maxsize=None)
def _furniture_pattern(cookie: bool, schwerpunkt: bool, generic_breadcrumb: bool) -> re.Pattern:
    """ANY_FURNITURE_LINE without the rules, or the CMS branch, that a text cannot need.

    On that text's lines it finds the same first rule: a rule or branch that matches none of
    them is never the first that matches.
    """
    if cookie and schwerpunkt and generic_breadcrumb:
        return ANY_FURNITURE_LINE
    rules = []
    for name, pattern in FURNITURE_LINES:
        if (name == "cookie" and not cookie) or (name == "generic_breadcrumb" and not generic_breadcrumb):
            continue
        if name == "cms_field" and not schwerpunkt:
            pattern = CMS_FIELD_LINE_NO_SCHWERPUNKT
        rules.append((name, pattern))
    return _one_of(tuple(rules))


_COOK_KELVIN = "coo\u212a".encode()


def _drop_furniture(lines: list[_Line]) -> list[_Line]:
    # The cookie rule, the CMS "Schwerpunktthema" branch and the generic breadcrumb cost the
    # most per line, and need what few texts have: "cook", "chwerpun" in any case, and one of
    # > » ›. One look at all lines (the lines, not the source: deletions join characters)
    # leaves out what they lack. In UTF-8 with ASCII lowercased, a match in any case is found
    # as lowercase bytes: re.IGNORECASE folds these letters only to their ASCII pair, but for
    # "k" (also the Kelvin sign, looked for too) and "s", "i" (not looked for).
    text = "\n".join([line.text for line in lines])
    folded = text.encode("utf-8", "surrogatepass").lower()
    match = _furniture_pattern(
        # (the Kelvin sign's bytes are in folded only if the sign is in text: a cheaper test first)
        b"cook" in folded or ("\u212a" in text and _COOK_KELVIN in folded),
        b"chwerpun" in folded,
        ">" in text or "»" in text or "›" in text,
    ).match
    # furniture_rule(text) is None exactly when the pattern does not match; calling match
    # directly saves a Python call per line
    return [line for line in lines if match(line.text) is None]


def _join_broken_lines(lines: list[_Line]) -> list[_Line]:
    """Re-join words and sentences that a PDF or CMS broke over two lines.

    "Digitali-" + "sierung" -> "Digitalisierung" (also across dropped furniture, as at
    a PDF page break); "Bund-" + "Länder" -> "Bund-Länder" and "Hard-" + "und Software"
    -> "Hard- und Software" only for adjacent lines; a long line that stops mid-sentence
    and continues lowercase on the next line is joined with a space.
    """
    joined: list[_Line] = []
    for line in lines:
        if not joined:
            joined.append(line)
            continue
        prev = joined[-1]
        adjacent = line.number == prev.number + 1
        hyphen = LINE_END_HYPHEN.search(prev.text, max(0, len(prev.text) - 60)) if prev.text[-1] == "-" else None
        if hyphen:
            word = (hyphen.group("word") or "").lower()
            if adjacent and STARTS_COORDINATED.match(line.text):
                prev.append(line, separator_source=prev.line_break)
                continue
            if word and STARTS_LOWERCASE.match(line.text) and word not in HYPHENATED_LAND_PARTS:
                prev.delete([(len(prev.text) - 1, len(prev.text))])
                prev.append(line, separator_source=None)
                continue
            if adjacent and (STARTS_UPPERCASE_OR_DIGIT.match(line.text) or STARTS_LOWERCASE.match(line.text)):
                prev.append(line, separator_source=None)
                continue
        elif (
            adjacent
            and line.text[0] in _LOWERCASE_FIRST  # STARTS_LOWERCASE's first test, before any regex
            and len(prev.text) >= SOFT_WRAP_MIN_CHARS
            and not ENDS_SENTENCE.search(prev.text, max(0, len(prev.text) - 8))
            and STARTS_LOWERCASE.match(line.text)
        ):
            prev.append(line, separator_source=prev.line_break)
            continue
        joined.append(line)
    return joined


def _is_headline(text: str) -> bool:
    """A short line that does not end like a sentence: a heading or a teaser's headline."""
    return len(text) <= HEADLINE_MAX_CHARS and not ENDS_CLAUSE.search(text)


def _is_dated_summary(text: str) -> bool:
    """A line opening with a date and going on as a sentence, as in news lists."""
    return bool(BRACKETED_DATED_LINE.match(text) or DASHED_DATED_LINE.match(text)) and len(text) >= 40


def _is_teaser_item(lines: list[_Line], i: int) -> bool:
    """Whether line i is the summary of a teaser for another article.

    A summary ending in a more-link is a teaser. A dated summary ("[07.02.2025] …",
    "07.02.2025 – …") is one only inside a list: another dated summary two lines away
    with a headline between. An article's own dated lead stands alone and stays.
    """
    text = lines[i].text
    if len(text) > 20 and ENDS_WITH_MORE.search(text, max(0, len(text) - 24)):
        return True
    if not _is_dated_summary(text):
        return False
    for step in (-2, 2):
        j = i + step
        if 0 <= j < len(lines) and _is_dated_summary(lines[j].text):
            if _is_headline(lines[(i + j) // 2].text):
                return True
    return False


def _drop_teasers(lines: list[_Line]) -> list[_Line]:
    """Drop teaser items with their headline, and teaser boxes to their end.

    A box runs from its heading to the end of the document, or up to the first paragraph
    of TEASER_BOX_MAX_ITEM_CHARS or more that is no teaser item (the article resumes).
    """
    kept: list[_Line] = []
    in_box = False
    match_teaser_line = TEASER_LINE.match
    for i, line in enumerate(lines):
        text = line.text
        m = match_teaser_line(text)
        if m is None:  # most lines: no kind to compare
            kind = None
        else:
            kind = m.lastgroup
            if kind == "box_heading":
                in_box = True
                continue
            if kind == "reference":
                continue
        # _is_teaser_item is False unless its more-link test (a line over 20 characters that
        # ends as a more-link can: "..", or one of MORE_LINK_ENDINGS) or its dated-summary test
        # (40 characters or more, opening with "[" or a digit: \d is exactly str.isdecimal)
        # could hold; most lines fail both, without a call or a regex
        size = len(text)
        teaser = (
            (size > 20 and (text[-1] in MORE_LINK_ENDINGS or text[-2:] == ".."))
            or (size >= 40 and (text[0] == "[" or text[0].isdecimal()))
        ) and _is_teaser_item(lines, i)
        if in_box:
            if len(text) < TEASER_BOX_MAX_ITEM_CHARS or teaser:
                continue
            in_box = False
        if kind == "more":
            # "mehr..." under a summary: the summary and its headline are a teaser
            if not kept or len(kept[-1].text) >= TEASER_BOX_MAX_ITEM_CHARS:
                continue
            summary = kept.pop()
            if _is_headline(summary.text):
                continue  # "Headline" + "mehr...": the headline was the whole teaser
            teaser = True
        if teaser:
            while kept and DATE_ONLY_LINE.match(kept[-1].text):
                kept.pop()
            if kept and _is_headline(kept[-1].text):
                kept.pop()
            continue
        kept.append(line)
    return kept


def _repair_inline(lines: list[_Line]) -> list[_Line]:
    # Only repairs whose pre-test finds something in the whole text can edit a line, and most
    # texts need none, or one: one fast scan per repair over the text, instead of one call per
    # line and repair. A line skipped here fails its pre-test after the earlier repairs too:
    # those only delete a character that comes before a kept one (so a line's last character
    # stays), and the characters a deletion brings together ("-" and a letter, a digit and a
    # comma, "." and a digit, a scale word and " "/"E"/"€") open no later pre-test's match.
    joined = "\n".join([line.text for line in lines])
    # (the pre-tests that open with "." are first tried as one: most texts need none of them)
    dots = _DOT_REPAIRS_NEEDED.search(joined) is not None
    repairs = [
        (pattern, needed.search, hit)
        for name, pattern, needed in INLINE_REPAIRS
        if (dots or name not in _DOT_REPAIRS) and (hit := needed.search(joined))
    ]
    if not repairs:
        return lines  # no line is edited, and none is empty
    # The lines a repair can edit are found in the joined text too: each search from a line's
    # start finds the next line that has a hit (a hit lies in the line where it starts; one
    # that runs on into the next line, as "Millionen.\nEuro", only adds a line that its
    # repair leaves as it is). Repairs run one after another over their lines, not line by
    # line: a repair reads only its own line, so each line sees them in the same order. A
    # line whose text had a hit before the earlier repairs but has none after them is left
    # as it is by its repair too (the pre-test finds something wherever the repair deletes).
    line_starts = []
    pos = 0
    for line in lines:
        line_starts.append(pos)
        pos += len(line.text) + 1
    last = len(lines) - 1
    for pattern, needed, hit in repairs:
        while hit is not None:
            k = bisect_right(line_starts, hit.start()) - 1
            _drop_matches(lines[k], pattern)
            hit = needed(joined, line_starts[k + 1]) if k < last else None
    return [line for line in lines if line.text]


def _drop_repeats(lines: list[_Line]) -> list[_Line]:
    """Keep a line printed twice in a row (page title, then headline) once."""
    kept: list[_Line] = []
    for line in lines:
        if kept and kept[-1].text == line.text:
            continue
        kept.append(line)
    return kept


def _assemble(lines: list[_Line]) -> CleanText:
    """Join lines with "\\n" and merge runs that continue each other in the source."""
    # One pass: each run (the "\\n" before a line, then the line's own runs, in text order)
    # is merged into the last run kept as it comes, as a second pass over the list of all
    # runs did, in the same order. A run continues the last one if its source - start shift
    # is the same; `shift` and `last` (start) of the last run kept stand in for starts[-1]
    # and sources[-1]; None before the first run, which never continues one.
    starts: list[int] = []
    sources: list[int] = []
    shift = last = None
    pos = 0
    line_break = -1
    for line in lines:
        if last is not None:  # the "\\n" between lines stands for the source's
            if line_break - pos != shift:
                shift = line_break - pos
                if last == pos:  # empty run: later one wins
                    sources[-1] = line_break
                else:
                    starts.append(pos)
                    sources.append(line_break)
                    last = pos
            pos += 1
        for start, source in zip(line.starts, line.sources):
            start += pos
            if source - start == shift:
                continue
            shift = source - start
            if last == start:  # empty run: later one wins
                sources[-1] = source
                continue
            starts.append(start)
            sources.append(source)
            last = start
        pos += len(line.text)
        line_break = line.line_break
    return CleanText("\n".join([line.text for line in lines]), tuple(starts), tuple(sources))


def clean(source_text: str) -> CleanText:
    """Body text of an article's source text, one line per paragraph, heading or item.

    source_text (str): the decoded file, or trafilatura's main text of an HTML page.
    RETURNS (CleanText): the cleaned text and its map back into source_text.
    """
    lines = _split_lines(source_text)
    # Markup needs "[", "*", "_" or a leading "#", and lines hold only the source's characters
    # (and spaces): a text with none of these four leaves the stage nothing to do (its lines
    # are all non-empty already). Four single-character searches cost little.
    if "[" in source_text or "*" in source_text or "_" in source_text or "#" in source_text:
        lines = _strip_markdown(lines)
    lines = _drop_furniture(lines)
    lines = _join_broken_lines(lines)
    lines = _drop_teasers(lines)
    lines = _repair_inline(lines)
    lines = _drop_repeats(lines)
    return _assemble(lines)
