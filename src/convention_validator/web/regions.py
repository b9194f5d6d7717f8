"""Départements and régions of France (2016 régions, INSEE codes), to filter conventions by place."""

from __future__ import annotations

from functools import cache

REGIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "84": ("Auvergne-Rhône-Alpes", ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74")),
    "27": ("Bourgogne-Franche-Comté", ("21", "25", "39", "58", "70", "71", "89", "90")),
    "53": ("Bretagne", ("22", "29", "35", "56")),
    "24": ("Centre-Val de Loire", ("18", "28", "36", "37", "41", "45")),
    "94": ("Corse", ("2A", "2B")),
    "44": ("Grand Est", ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88")),
    "32": ("Hauts-de-France", ("02", "59", "60", "62", "80")),
    "11": ("Île-de-France", ("75", "77", "78", "91", "92", "93", "94", "95")),
    "28": ("Normandie", ("14", "27", "50", "61", "76")),
    "75": ("Nouvelle-Aquitaine", ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87")),
    "76": ("Occitanie", ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82")),
    "52": ("Pays de la Loire", ("44", "49", "53", "72", "85")),
    "93": ("Provence-Alpes-Côte d'Azur", ("04", "05", "06", "13", "83", "84")),
    "01": ("Guadeloupe", ("971",)),
    "02": ("Martinique", ("972",)),
    "03": ("Guyane", ("973",)),
    "04": ("La Réunion", ("974",)),
    "06": ("Mayotte", ("976",)),
    "COM": ("Collectivités d'outre-mer", ("975", "977", "978", "986", "987", "988")),
}


@cache
def region_of_departement() -> dict[str, str]:
    """Région code by département code."""
    return {departement: code for code, (_, departements) in REGIONS.items() for departement in departements}


def region_name(code: str) -> str:
    return REGIONS[code][0] if code in REGIONS else code


def departement_of_commune(insee: str) -> str:
    """The département of a commune's INSEE code (three characters overseas, 2A/2B in Corsica)."""
    return insee[:3] if insee.startswith("97") or insee.startswith("98") else insee[:2]
