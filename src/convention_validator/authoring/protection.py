"""Does a change loosen the protection of data? Orders and reason codes for a DPO's review.

Orders used (most protective first):
- access level (EU access-right table): NON_PUBLIC < RESTRICTED < PUBLIC;
- personal data: NONE < AGGREGATED < ANONYMISED < PSEUDONYMISED < IDENTIFYING (how directly
  people can be identified; anonymised micro-data carry more re-identification risk than
  aggregates, pseudonymised data remain personal data under the GDPR);
- licence: no licence (all rights reserved) < share-alike (ODbL, CC BY-SA) < attribution
  (Licence Ouverte 2.0, CC BY, ODC-By) < public domain (CC0, PDDL);
- hosting: France and the EU are covered by the GDPR; outside the EU is a transfer (GDPR ch. V);
- spatial granularity: the standard's `coarseness_rank` (finer data, more re-identification risk);
- durations: ISO 8601, compared as XML Schema does (`durations.py`).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from convention_validator.authoring.durations import compare_durations

Effect = Literal["loosens", "tightens", "neutral"]
Verdict = tuple[Effect, str | None]
NEUTRAL: Verdict = ("neutral", None)

ACCESS_OPENNESS = {"NON_PUBLIC": 0, "RESTRICTED": 1, "PUBLIC": 2}
IDENTIFIABILITY = {"NONE": 0, "AGGREGATED": 1, "ANONYMISED": 2, "PSEUDONYMISED": 3, "IDENTIFYING": 4}
PERSONAL = {"PSEUDONYMISED", "IDENTIFYING"}
LICENCE_PERMISSIVENESS = {
    None: 0,
    "ODbL-1.0": 1,
    "CC-BY-SA-4.0": 1,
    "etalab-2.0": 2,
    "CC-BY-4.0": 2,
    "ODC-By-1.0": 2,
    "CC0-1.0": 3,
    "PDDL-1.0": 3,
}
OUTSIDE_EU = "OUTSIDE_EUROPEAN_UNION"
SECURE_ACCESS_CENTRE = "SECURE_ACCESS_CENTRE"
# list fields where a value added widens use, or a value removed weakens protection
WIDENING_LISTS = {
    "sharing.purposes": "PURPOSE_ADDED",
    "sharing.local_purposes": "PURPOSE_ADDED",
    "sharing.recipients": "RECIPIENT_ADDED",
    "protection.processors": "PROCESSOR_ADDED",
    "protection.gdpr_roles": "GDPR_ROLE_ADDED",
    "usage_policy.permissions": "PERMISSION_ADDED",
}
PROTECTING_LISTS = {
    "protection.anonymisation_techniques": "ANONYMISATION_REMOVED",
    "protection.technical_measures": "SECURITY_MEASURE_REMOVED",
    "protection.organisational_measures": "SECURITY_MEASURE_REMOVED",
    "protection.hosting.certifications": "CERTIFICATION_REMOVED",
    "usage_policy.prohibitions": "PROHIBITION_REMOVED",
    "usage_policy.obligations": "OBLIGATION_REMOVED",
}
REASONS = (
    "ACCESS_MORE_OPEN",
    "ACCESS_MORE_CLOSED",
    "LICENCE_MORE_PERMISSIVE",
    "LICENCE_MORE_RESTRICTIVE",
    "PERSONAL_DATA_MORE_IDENTIFYING",
    "PERSONAL_DATA_LESS_IDENTIFYING",
    "SPECIAL_CATEGORY_ADDED",
    "RETENTION_LENGTHENED",
    "RETENTION_INCOMPARABLE",
    "RETENTION_REMOVED",
    "RETENTION_SHORTENED",
    "RETENTION_SET",
    "DESTRUCTION_REMOVED",
    "DESTRUCTION_ADDED",
    "PURPOSE_ADDED",
    "PURPOSE_REMOVED",
    "RECIPIENT_ADDED",
    "RECIPIENT_REMOVED",
    "PROCESSOR_ADDED",
    "PROCESSOR_REMOVED",
    "ANONYMISATION_REMOVED",
    "SECURITY_MEASURE_REMOVED",
    "CERTIFICATION_REMOVED",
    "SECRECY_THRESHOLD_LOWERED",
    "SECRECY_THRESHOLD_RAISED",
    "TRANSFER_OUTSIDE_EU",
    "HOSTING_BACK_IN_EU",
    "ENCRYPTION_REMOVED",
    "SECURE_ACCESS_CENTRE_LEFT",
    "DPIA_WITHDRAWN",
    "GRANULARITY_FINER",
    "PERSONAL_DATASET_ADDED",
    "ETHICS_RULE_REMOVED",
    "GDPR_ROLE_ADDED",
    "GDPR_ROLE_REMOVED",
    "PERMISSION_ADDED",
    "PERMISSION_REMOVED",
    "PROHIBITION_REMOVED",
    "OBLIGATION_REMOVED",
)


def _rank_change(order: dict[Any, int], old: Any, new: Any, up: str, down: str | None) -> Verdict:
    if old not in order or new not in order or order[old] == order[new]:
        return NEUTRAL
    if order[new] > order[old]:
        return ("loosens", up)
    return ("tightens", down) if down else NEUTRAL


def _as_set(value: Any) -> set[str]:
    if isinstance(value, list):
        return {str(v) for v in value}
    return set() if value is None else {str(value)}


def classify_dataset_change(field: str, old: Any, new: Any) -> Verdict:
    """The effect on protection of a change of one field of a dataset (dotted name)."""
    if field == "sharing.access_level":
        return _rank_change(ACCESS_OPENNESS, old, new, "ACCESS_MORE_OPEN", "ACCESS_MORE_CLOSED")
    if field == "sharing.licence":
        return _rank_change(LICENCE_PERMISSIVENESS, old, new, "LICENCE_MORE_PERMISSIVE", "LICENCE_MORE_RESTRICTIVE")
    if field == "protection.personal_data":
        return _rank_change(
            IDENTIFIABILITY, old, new, "PERSONAL_DATA_MORE_IDENTIFYING", "PERSONAL_DATA_LESS_IDENTIFYING"
        )
    if field == "protection.special_category_data":
        return ("loosens", "SPECIAL_CATEGORY_ADDED") if new is True and old is not True else NEUTRAL
    if field == "protection.retention_period":
        return _retention(old, new)
    if field == "protection.destruction_conditions":
        if new in (None, "") and old not in (None, ""):
            return ("loosens", "DESTRUCTION_REMOVED")
        return ("tightens", "DESTRUCTION_ADDED") if old in (None, "") else NEUTRAL
    if field in WIDENING_LISTS:
        added, removed = _as_set(new) - _as_set(old), _as_set(old) - _as_set(new)
        if added:
            return ("loosens", WIDENING_LISTS[field])
        return ("tightens", WIDENING_LISTS[field].replace("_ADDED", "_REMOVED")) if removed else NEUTRAL
    if field in PROTECTING_LISTS:
        return ("loosens", PROTECTING_LISTS[field]) if _as_set(old) - _as_set(new) else NEUTRAL
    if field == "protection.statistical_secrecy_threshold":
        return _threshold(old, new)
    if field == "protection.hosting.hosting_location":
        if new == OUTSIDE_EU and old != OUTSIDE_EU:
            return ("loosens", "TRANSFER_OUTSIDE_EU")
        return ("tightens", "HOSTING_BACK_IN_EU") if old == OUTSIDE_EU and new is not None else NEUTRAL
    if field == "protection.transfer.encrypted":
        return ("loosens", "ENCRYPTION_REMOVED") if old is True and new is not True else NEUTRAL
    if field == "protection.transfer.channel":
        return ("loosens", "SECURE_ACCESS_CENTRE_LEFT") if old == SECURE_ACCESS_CENTRE != new else NEUTRAL
    if field == "protection.dpia_completed":  # version 0.1
        return ("loosens", "DPIA_WITHDRAWN") if old is True and new is not True else NEUTRAL
    if field == "protection.dpia":
        return ("loosens", "DPIA_WITHDRAWN") if old is not None and new is None else NEUTRAL
    if field == "spatial_granularity":
        ranks = coarseness_ranks()
        if old in ranks and new in ranks and ranks[new] < ranks[old]:
            return ("loosens", "GRANULARITY_FINER")
    return NEUTRAL


def _retention(old: Any, new: Any) -> Verdict:
    if old is None:
        return ("tightens", "RETENTION_SET") if new is not None else NEUTRAL
    if new is None:
        return ("loosens", "RETENTION_REMOVED")
    order = compare_durations(str(old), str(new))
    if order is None:  # incomparable (P1M and P30D) or unreadable: a person must look
        return ("loosens", "RETENTION_INCOMPARABLE")
    if order > 0:
        return ("loosens", "RETENTION_LENGTHENED")
    return ("tightens", "RETENTION_SHORTENED") if order < 0 else NEUTRAL


def _threshold(old: Any, new: Any) -> Verdict:
    old_ok, new_ok = isinstance(old, int), isinstance(new, int)
    if old_ok and (not new_ok or new < old):
        return ("loosens", "SECRECY_THRESHOLD_LOWERED")
    if new_ok and (not old_ok or new > old):
        return ("tightens", "SECRECY_THRESHOLD_RAISED")
    return NEUTRAL


def classify_entity_event(entity: str, kind: str, item: dict[str, Any]) -> Verdict:
    """The effect of an entity added or removed as a whole."""
    if entity == "dataset" and kind == "added":
        found = item.get("protection")
        protection: dict[str, Any] = found if isinstance(found, dict) else {}
        if protection.get("personal_data") in PERSONAL or protection.get("special_category_data") is True:
            return ("loosens", "PERSONAL_DATASET_ADDED")
    if entity == "ethics_rule" and kind == "removed":
        return ("loosens", "ETHICS_RULE_REMOVED")
    return NEUTRAL


@cache
def coarseness_ranks() -> dict[str, int]:
    """Spatial granularity code -> coarseness rank, from the standard's OWL artifact."""
    import pyoxigraph as ox

    from convention_validator.standard import Standard

    standard = Standard()
    store = ox.Store()
    store.bulk_load(path=str(standard.path("owl")), format=ox.RdfFormat.TURTLE)
    rank = ox.NamedNode(standard.namespace + "coarseness_rank")
    found: dict[str, int] = {}
    for quad in store.quads_for_pattern(None, rank, None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            found[quad.subject.value.rsplit("/", 1)[-1]] = int(quad.object.value)
    return found
