"""Human labels for the values of indicator rows: list values (from the OWL artifact), QPV, finding codes."""

from __future__ import annotations

from functools import cache

from convention_validator.indicators.coverage import QPV_NAMESPACE
from convention_validator.messages import catalogue
from convention_validator.publication.labels import vocabulary_labels
from convention_validator.reference_data import reference_data

LABEL_COLUMN = {"fr": "libelle", "en": "label"}


@cache
def _finding_titles() -> dict[str, dict[str, str]]:
    return {code: entry.title for code, entry in catalogue().items()}


def label_of(value: object, lang: str) -> str:
    """The label of an IRI or a finding code in `lang` (French when no English title exists); "" if unknown."""
    text = str(value)
    if text.startswith(QPV_NAMESPACE):
        qpv = reference_data().qpv.get(text[len(QPV_NAMESPACE) :])
        return qpv.name if qpv else ""
    label = vocabulary_labels().get(text)
    if label is not None:
        return (label.en if lang == "en" else None) or label.fr
    title = _finding_titles().get(text)
    if title is not None:
        return title.get(lang) or title["fr"]
    return ""


def short_code(value: object) -> str:
    """The last segment of an IRI (PUBLIC, ECON, QN04405M...), or the value itself."""
    text = str(value)
    for separator in ("#", "/"):
        if separator in text:
            text = text.rsplit(separator, 1)[-1]
    return text
