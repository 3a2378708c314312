"""Build models/lexicon/de/districts.yaml: every Landkreis and kreisfreie Stadt with its Land.

Real articles often name only a district ("im Ortenaukreis", "Landratsamt Hildburghausen",
"Mittelsachsens Breitbandkoordinator") and never the Land; this gazetteer lets a rule read
the Land from the district. Two public Destatis lists are the source (official statistics,
Datenlizenz Deutschland – Namensnennung 2.0):

- the Kreise (ebene 4) of the Gemeindeverzeichnis GV100, Stand 31.03.2017, as converted to
  ``kreise.ndjson`` in the public repository juliuste/gemeindeverzeichnis;
- the Gemeinden of GV-ISys, Stand 31.12.2011, one ``data/<AGS>.yaml`` per Gemeinde in the
  public repository digineo/gemeindeverzeichnis (names and inhabitants), used only to find
  district names that are also a sizeable town in another Land.

Changes since the source's date are applied from CHANGES below (one so far: Eisenach joined
the Wartburgkreis on 1 July 2021). The build has two steps: ``official_entries`` reads the
sources into facts (AGS, official name, kind, Land, towns of the same name elsewhere), and
``derive`` turns those facts into the forms used in running text and their ambiguity. The
YAML keeps the facts, so a test can run ``derive`` again on the committed file and check
that it is current without the sources.

    python tools/make_districts.py --kreise DIR/kreise.ndjson --gemeinden DIR/data \
        --out models/lexicon/de/districts.yaml
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import srsly

LANDS = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern", "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}
# GV100 Textkennzeichen of a Kreis -> the kind written in the YAML
KINDS = {41: "kreisfreie Stadt", 42: "Stadtkreis", 43: "Kreis", 44: "Landkreis", 45: "Regionalverband"}
CITY_KINDS = {"kreisfreie Stadt", "Stadtkreis"}
# (Kreise, kreisfreie Städte incl. Stadtkreise and city-states) per Land since 1 July 2021
EXPECTED_COUNTS = {
    "Schleswig-Holstein": (11, 4), "Hamburg": (0, 1), "Niedersachsen": (37, 8), "Bremen": (0, 2),
    "Nordrhein-Westfalen": (31, 22), "Hessen": (21, 5), "Rheinland-Pfalz": (24, 12),
    "Baden-Württemberg": (35, 9), "Bayern": (71, 25), "Saarland": (6, 0), "Berlin": (0, 1),
    "Brandenburg": (14, 4), "Mecklenburg-Vorpommern": (6, 2), "Sachsen": (10, 3),
    "Sachsen-Anhalt": (11, 3), "Thüringen": (17, 5),
}
# AGS -> None (dissolved) since the GV100 of 31.03.2017
CHANGES = {"16056": None}  # Eisenach, kreisfreie Stadt until 30 June 2021, now in the Wartburgkreis
# Forms of running text that no rule derives from the official name
ALIASES = {
    "16063": ["Eisenach"],
    "06412": ["Frankfurt/Main", "Frankfurt a. M.", "Frankfurt a.M."],
    "12053": ["Frankfurt/Oder", "Frankfurt an der Oder"],
    "07316": ["Neustadt/Weinstraße"],
    "09374": ["Neustadt/Waldnaab", "Neustadt a. d. Waldnaab"],
    "09575": ["Neustadt/Aisch-Bad Windsheim", "Neustadt a. d. Aisch-Bad Windsheim"],
    "05334": ["StädteRegion Aachen"],
    "03403": ["Oldenburg (Oldb)"],
    "10046": ["Sankt Wendel"],
    "01053": ["Lauenburg"],
}
# Forms that alone do not name the district: ordinary German words, surnames, or a place of
# the same name that is no Gemeinde of the Gemeinde list (a Hamburg Bezirk, a landscape).
NOT_ALONE = {
    "Essen": "ordinary word (das Essen)", "Hof": "ordinary word (der Hof)",
    "Regen": "ordinary word (der Regen)", "Leer": "ordinary word (leer)",
    "Lippe": "ordinary word (die Lippe), also a river", "Harz": "mountain range in three Länder",
    "Börde": "landscape word (Soester, Hildesheimer Börde)", "Bergstraße": "street name",
    "Halle": "ordinary word (die Halle)", "Weiden": "ordinary word (Weiden)",
    "Roth": "surname", "Hagen": "surname", "Harburg": "also a Bezirk of Hamburg",
    "Eichsfeld": "landscape in Thüringen and Niedersachsen", "Fulda": "also a river",
}
TOWN_MIN_INHABITANTS = 10_000
CITY_TYPES = {"Stadt", "Große Kreisstadt", "Große kreisangehörige Stadt", "Kreisfreie Stadt", "Stadtkreis"}
# landscape and river names whose genitive takes no -s (der Bergstraße, der Wesermarsch)
FEMININE_NAMES = {"Bergstraße", "Börde", "Wesermarsch", "Vulkaneifel", "Uckermark", "Lippe"}
_GEMEINDE_QUALIFIER = re.compile(
    r"\s*\(|/|,|\s+(?:a\.|i\.|b\.|v\.|o\.|ü\.|u\.)|\s+(?:am|an|im|in|bei|ob|vor|auf)(?=\s)")
_CITY_TITLE = re.compile(r",\s*(?:Stadt|Landeshauptstadt|Hansestadt|Klingenstadt|kreisfreie Stadt|Stadtkreis|"
                         r"Wissenschaftsstadt|documenta-Stadt|Freie und Hansestadt|Stadt der FernUniversität)$")
_ABBREVIATIONS = [(r"\ba\.d\.\s*", "an der "), (r"\bi\.d\.\s*", "in der "), (r"\ba\.\s*", "am "),
                  (r"\bi\.\s*", "im "), (r"\bOPf\.", "Oberpfalz")]
_PREPOSITION = re.compile(r"\s(?:am|an der|in der|im)\s")
HEAD_FIRST = ("Landkreis ", "Eifelkreis ", "Altmarkkreis ", "Rhein-Kreis ", "Regionalverband ")
FEMININE_HEADS = ("Region ", "Städteregion ", "StädteRegion ", "Grafschaft ")
_ADJECTIVE = re.compile(r"^(\S*(?:isch|lich))(er|e) ")


def town_base(name: str) -> str:
    """A Gemeinde's name without its title and qualifier: "Halle (Westf.), Stadt" -> "Halle"."""
    return _GEMEINDE_QUALIFIER.split(name, maxsplit=1)[0].strip()


def read_towns(gemeinde_dir: Path) -> dict[str, dict[str, str]]:
    """Base name -> {Land: "Stadt" or "Gemeinde"} for Gemeinden with TOWN_MIN_INHABITANTS or more."""
    towns: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(gemeinde_dir.glob("*.yaml")):
        fields = srsly.yaml_loads(path.read_text(encoding="utf-8"))
        inhabitants = int(fields.get("Einwohner gesamt") or 0)
        if inhabitants >= TOWN_MIN_INHABITANTS:
            name = town_base(str(fields["PLZ Gemeindenamen"]).split(" ", 1)[1])
            kind = "Stadt" if fields["Gemeindetyp"] in CITY_TYPES else "Gemeinde"
            if towns[name].get(fields["Bundesland"]) != "Stadt":
                towns[name][fields["Bundesland"]] = kind
    return towns


def official_entries(kreise_path: Path, gemeinde_dir: Path) -> list[dict]:
    """The facts of every district: AGS, official name, kind, Land, same-named towns elsewhere."""
    towns = read_towns(gemeinde_dir)
    entries = []
    for line in kreise_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        ags = row["schlüssel"]["nummer"]
        if ags in CHANGES and CHANGES[ags] is None:
            continue
        entry = {"ags": ags, "official": row["name"], "kind": KINDS[row["typ"]["nummer"]],
                 "land": LANDS[row["schlüssel"]["land"]]}
        elsewhere = {form: {land: kind for land, kind in sorted(towns.get(form, {}).items()) if land != entry["land"]}
                     for form in base_forms(entry)}
        entry["towns_elsewhere"] = {form: lands for form, lands in elsewhere.items() if lands}
        entries.append(entry)
    return entries


def base_forms(entry: dict) -> list[str]:
    """The nominative forms of a district's name, official first, then shorter ones."""
    name = _CITY_TITLE.sub("", entry["official"])
    forms = [name]
    expanded = name
    for pattern, replacement in _ABBREVIATIONS:
        expanded = re.sub(pattern, replacement, expanded)
    forms.append(expanded)
    bracket = re.fullmatch(r"(.+?) \((.+)\)", name)
    if bracket:
        forms += [f"{bracket[1]}/{bracket[2]}", bracket[1]]
    prep = _PREPOSITION.search(expanded)
    if prep and "-" not in expanded[prep.end():]:
        forms.append(expanded[:prep.start()])
    for head in HEAD_FIRST + FEMININE_HEADS[:3]:
        if name.startswith(head):
            forms.append(name[len(head):])
    forms += ALIASES.get(entry["ags"], [])
    return list(dict.fromkeys(f for f in forms if f not in LANDS.values()))


def inflected(form: str) -> list[str]:
    """Genitive and dative forms that differ from the nominative ("Ortenaukreises", "Mittelsachsens")."""
    if form.startswith(FEMININE_HEADS) or _PREPOSITION.search(form) or form.endswith(")"):
        return []
    for head in HEAD_FIRST:
        if form.startswith(head):
            return [form.replace(head.strip(), head.strip() + ("es" if head.strip().endswith("reis") else "s"), 1)]
    adjective = _ADJECTIVE.match(form)
    if adjective:
        dative = f"{adjective[1]}en {form[adjective.end():]}"
        return [dative] + ([dative + "es"] if dative.endswith("Kreis") else [])
    if form.endswith((" Land", "Herzogtum Lauenburg")):
        return [form.replace(" Land", " Landes") if form.endswith(" Land") else "Herzogtums Lauenburg"]
    if form.endswith(("kreis", "Kreis")):
        return [form + "es"]
    if form.endswith(("s", "ß", "x", "z")) or "/" in form or "." in form or form in FEMININE_NAMES \
            or ("-" in form and form.endswith("e")):
        return []
    return [form + "s"]


def derive(entries: list[dict]) -> list[dict]:
    """Add each district's forms and which of them are ambiguous, from the facts alone."""
    land_names = set(LANDS.values()) | {land + "s" for land in LANDS.values()}
    out = []
    for entry in entries:
        forms = []
        for form in base_forms(entry):
            forms += [form] + inflected(form)
        forms = [f for f in dict.fromkeys(forms) if f not in land_names]
        out.append({**entry, "forms": forms})
    lands_of: dict[str, set[str]] = defaultdict(set)
    for entry in out:
        for form in entry["forms"]:
            lands_of[form].add(entry["land"])
    for entry in out:
        ambiguous, not_alone = {}, {}
        for form in entry["forms"]:
            nominative = _nominative(form, entry["forms"])
            towns = entry["towns_elsewhere"].get(nominative)
            if len(lands_of[form]) > 1:
                ambiguous[form] = "a district of this name in " + ", ".join(sorted(lands_of[form] - {entry["land"]}))
            elif towns:
                # "Stadt Halle" still says nothing when the other Halle is a Stadt too
                city_clash = entry["kind"] in CITY_KINDS and "Stadt" in towns.values()
                reason = "a town of this name in " + ", ".join(f"{land} ({kind})" for land, kind in towns.items())
                (ambiguous if city_clash else not_alone)[form] = reason
            elif nominative in NOT_ALONE:
                not_alone[form] = NOT_ALONE[nominative]
        entry["ambiguous"] = ambiguous
        entry["not_alone"] = not_alone
    return out


def _nominative(form: str, forms: list[str]) -> str:
    """The nominative a derived form comes from ("Halles" -> "Halle")."""
    for candidate in forms:
        if form != candidate and form in inflected(candidate):
            return candidate
    return form


def check_counts(entries: list[dict]) -> None:
    counts = Counter((e["land"], e["kind"] in CITY_KINDS) for e in entries)
    found = {land: (counts[land, False], counts[land, True]) for land in LANDS.values()}
    if found != EXPECTED_COUNTS:
        wrong = {land: found[land] for land in found if found[land] != EXPECTED_COUNTS[land]}
        raise SystemExit(f"district counts differ from the known totals: {wrong}")


HEADER = """\
# Every German Landkreis (Kreis, Region, Regionalverband) and kreisfreie Stadt (Stadtkreis) with its Land.
# Generated by tools/make_districts.py from public Destatis lists (Datenlizenz Deutschland – Namensnennung 2.0):
#   Gemeindeverzeichnis GV100, Kreise, Stand 31.03.2017 (juliuste/gemeindeverzeichnis, kreise.ndjson),
#   changes since applied (Eisenach in the Wartburgkreis since 1 July 2021);
#   GV-ISys Gemeinden, Stand 31.12.2011 (digineo/gemeindeverzeichnis, data/*.yaml), for towns_elsewhere.
# Do not edit by hand: change the script and run it again (a test checks this file is what it derives).
# Per district: ags, official name, kind, land (schema §4 name), towns_elsewhere (form -> Land -> Stadt or
# Gemeinde: towns of {min} or more inhabitants of that name in other Länder), forms (how running text names it, genitives
# included; forms equal to a Land name are left out), ambiguous (forms that never give the Land: a
# district, or a Stadt beside a kreisfreie Stadt, of that name lies in another Land), not_alone (forms that give the Land only after
# "Landkreis", "Kreis", "Landratsamt" or "Stadt": ordinary words, surnames, towns elsewhere).
# Counts (Kreise, kreisfreie Städte): 294 and 106, per Land as in EXPECTED_COUNTS of the script.
"""


def render(entries: list[dict]) -> str:
    keys = ("ags", "official", "kind", "land", "towns_elsewhere", "forms", "ambiguous", "not_alone")
    lines = []
    for entry in entries:
        # one JSON value per key: valid YAML, one line each, easy to diff
        lines += [f"- {keys[0]}: {_flow(entry[keys[0]])}"] + [f"  {key}: {_flow(entry[key])}" for key in keys[1:]]
    return HEADER.format(min=f"{TOWN_MIN_INHABITANTS:,}".replace(",", ".")) + "\n".join(lines) + "\n"


def _flow(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kreise", type=Path, required=True, help="kreise.ndjson (GV100 Kreise)")
    parser.add_argument("--gemeinden", type=Path, required=True, help="folder of <AGS>.yaml Gemeinde files")
    parser.add_argument("--out", type=Path, default=Path("models/lexicon/de/districts.yaml"))
    args = parser.parse_args()
    entries = derive(official_entries(args.kreise, args.gemeinden))
    check_counts(entries)
    args.out.write_text(render(entries), encoding="utf-8")
    print(f"{args.out}: {len(entries)} districts")


if __name__ == "__main__":
    main()
