"""The ODRL usage policy that a dataset's sharing and protection terms imply (upgrade, new, examples).

The same terms, written as rules: open data may be reproduced, distributed with attribution and
derived from; restricted data may be read and aggregated for the agreed purposes until the end of
the convention, deleted at the end of retention, never disclosed; data drawn from personal data may
not be re-identified and, when personal, neither matched nor used for individual decisions.
"""

from __future__ import annotations

import copy
from typing import Any

PERSONAL = ("PSEUDONYMISED", "IDENTIFYING")


def usage_policy(dataset: dict[str, Any], end_date: str | None) -> dict[str, Any]:
    """The ODRL usage policy that a dataset's sharing and protection terms imply."""
    sharing = dataset.get("sharing") or {}
    protection = dataset.get("protection") or {}
    personal = protection.get("personal_data")
    identifier = str(dataset.get("id", ""))
    policy: dict[str, Any] = {"id": identifier + ("-politique" if "#" in identifier else "#politique")}
    prohibitions: list[dict[str, Any]] = []
    if sharing.get("access_level") == "PUBLIC":
        policy["permissions"] = [
            {"action": "reproduce"},
            {"action": "distribute", "duties": [{"action": "attribute"}]},
            {"action": "derive"},
        ]
    else:
        constraints = _restricted_constraints(sharing, end_date)
        duties = []
        if protection.get("retention_period"):
            duties.append(
                {
                    "action": "delete",
                    "constraints": [
                        {
                            "left_operand": "elapsedTime",
                            "operator": "lteq",
                            "duration_value": protection["retention_period"],
                        }
                    ],
                }
            )
        read: dict[str, Any] = {"action": "read"}
        if constraints:
            read["constraints"] = constraints
        if duties:
            read["duties"] = duties
        aggregate: dict[str, Any] = {"action": "aggregate"}
        if constraints:
            aggregate["constraints"] = copy.deepcopy(constraints)
        policy["permissions"] = [read, aggregate]
        prohibitions.append({"action": "disclose"})
    if personal not in (None, "NONE"):
        prohibitions.append({"action": "reidentify"})
    if personal in PERSONAL or protection.get("special_category_data") is True:
        prohibitions += [{"action": "match"}, {"action": "decide_individually"}]
    if prohibitions:
        policy["prohibitions"] = prohibitions
    return policy


def _restricted_constraints(sharing: dict[str, Any], end_date: str | None) -> list[dict[str, Any]]:
    purposes = list(sharing.get("purposes") or [])
    for local in sharing.get("local_purposes") or []:
        broader = local.get("broader_purpose") if isinstance(local, dict) else None
        if isinstance(broader, str) and broader not in purposes:
            purposes.append(broader)
    constraints: list[dict[str, Any]] = []
    if purposes:
        constraints.append({"left_operand": "purpose", "operator": "isAnyOf", "purpose_values": purposes})
    if end_date:
        constraints.append({"left_operand": "dateTime", "operator": "lteq", "date_value": end_date})
    return constraints
