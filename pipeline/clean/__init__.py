"""Turn an article's source text into the body text the extractor reads.

Records must point into the *source* text (schema §5), so every edit is a deletion or a
one-to-one substitution of a space-like character, and the result carries an exact map back
(offsets.CleanText). The word lists each stage reads are in models/lexicon/de/clean.yaml.

Stages, in order (each a function from lines to the lines it keeps):
1. repairs.split_lines: odd spaces shown as spaces, invisible characters (soft hyphens,
   zero-width characters) deleted, spaces collapsed, blank lines left out;
2. markdown.strip_markdown: images, link targets, emphasis and heading hashes deleted;
3. furniture.drop_furniture: page furniture lines dropped (credits, buttons, breadcrumbs,
   CMS metadata, cookie and newsletter boxes ...);
4. repairs.join_broken_lines: lines re-joined where a PDF/CMS broke a word or a sentence;
5. teasers.drop_teasers: teasers for other articles dropped (dated teaser items, summaries
   ending in or followed by "mehr..."/"weiterlesen", "Weitere Meldungen" boxes);
6. repairs.repair_inline: broken figures and compounds repaired inside a line
   ("4, 2 Millionen", "Millionen. Euro", "IT- Dienstleister");
7. lines.drop_repeats: a line repeated right after itself kept once;
then offsets.assemble joins the lines and merges the map's runs.
"""

from __future__ import annotations

from .furniture import drop_furniture
from .lines import drop_repeats
from .markdown import strip_markdown
from .offsets import CleanText, assemble
from .repairs import join_broken_lines, repair_inline, split_lines
from .teasers import drop_teasers

__all__ = ["CleanText", "clean"]


def clean(source_text: str) -> CleanText:
    """Body text of an article's source text, one line per paragraph, heading or item.

    source_text (str): the decoded file, or trafilatura's main text of an HTML page.
    RETURNS (CleanText): the cleaned text and its map back into source_text.
    """
    lines = split_lines(source_text)
    lines = strip_markdown(lines)
    lines = drop_furniture(lines)
    lines = join_broken_lines(lines)
    lines = drop_teasers(lines)
    lines = repair_inline(lines)
    lines = drop_repeats(lines)
    return assemble(lines)
