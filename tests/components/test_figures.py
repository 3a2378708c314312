"""The figure finders' speed shortcuts find exactly what the plain regexes find."""

import pytest

from pipeline.components.figures import first_letter_cue_regex
from pipeline.components.rules import cue_regex, read_lexicon

CUES = read_lexicon("cues")

# phrases a cue shortcut could get wrong: any letter case, a cue inside a longer cue
# ("gefördert" holds "fördert"), cues side by side, letters that fold case specially
# (the Kelvin sign matches "k" case-insensitively, "ẞ" folds to "ß"), umlauts
CUE_PHRASES = [
    "Das Land fördert das Vorhaben und übernimmt den Eigenanteil der Kommune.",
    "GEFÖRDERT WERDEN ZUSCHÜSSE; DER FÖRDERSATZ BETRÄGT, die Förderquote liegt höher.",
    "gefördert, refinanziert, erhält und erhalten: Zuwendungsfähige Ausgaben, ein Zuschuss",
    "Der kommunale  Anteil und kommunaler Anteil sowie KOMMUNALEN ANTEILS",
    "\u212aostenübernahme und \u212aommunale Anteile, Eigenbeitr\u00e4ge",
    "ÜBERNOMMEN wird die Förderhöhe, Landesanteil und Bundesanteil, Fördersätze",
    "Eigenmittel, Eigenleistungen, Eigenbeteiligung und Eigenfinanzierungsanteil",
    "Keine Cues hier, nur Text mit e, f, z, b und FÖRDERUNGEN, finanziert, ein Förderanteil.",
    "Fördermittelantrag und förderfähig: wir fördern, bezuschusst und erstattet",
    "",
]
CUE_LISTS = [
    CUES["own_share"],
    CUES["funding_rate"],
    # shapes the shortcut must leave to cue_regex: an alternation, a leading class or group
    ["f|erhalten", "Zuschuss\\w*"],
    ["[Ee]igen\\w*", "fördert"],
    ["(?:Förder)quote", "erhält"],
    ["e?rhält", "Zuwendung"],
    # cues whose first letters differ only in case share a group, in list order
    ["Förderquote", "förder", "Fördermittel\\w*"],
]


@pytest.mark.parametrize("fragments", CUE_LISTS)
@pytest.mark.parametrize("text", CUE_PHRASES)
def test_first_letter_cues_find_what_cue_regex_finds(fragments, text):
    fast = [m.span() for m in first_letter_cue_regex(fragments).finditer(text)]
    assert fast == [m.span() for m in cue_regex(fragments).finditer(text)]


def test_the_cue_phrases_exercise_every_cue():
    """Every own_share and funding_rate cue matches somewhere in the phrases above."""
    import re

    for fragments in (CUES["own_share"], CUES["funding_rate"]):
        for fragment in fragments:
            assert any(re.search(fragment, t, re.IGNORECASE) for t in CUE_PHRASES), fragment
