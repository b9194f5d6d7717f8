"""Upgrade a convention of the standard 0.1 to 0.2, keeping every value, and list what is left to complete.

What 0.1 said is carried over unchanged in meaning:
- `ip_holder` becomes the list `ip_holders`;
- `legal_bases` keeps its Article 6 bases; its Article 9(2) conditions move to `special_category_conditions`;
- `controller` and `processors` become `gdpr_roles` (CONTROLLER, PROCESSOR);
- `dpia_completed: true` becomes a `dpia` whose reference the parties fill in;
- the technique `Pseudonymisation` leaves `anonymisation_techniques` for `pseudonymisation`, with the
  producer as key holder, to be checked;
- every dataset gets the ODRL `usage_policy` that its 0.1 terms imply (access level, purposes, term,
  retention, personal data): the same terms, written as permissions, prohibitions and duties.

What 0.1 could not say (visas, representatives, termination, processor contracts…) is listed as
items to complete; where 0.2 requires a text, it is written « À COMPLÉTER : … », which the validator
reports as a warning (CV325) until the parties replace it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from convention_validator.authoring.policy import usage_policy
from convention_validator.i18n import N_, gettext, labelled
from convention_validator.standard import CURRENT, declared_version

PLACEHOLDER = "À COMPLÉTER"
FROM_VERSION = "0.1.0"

# Root elements a signable convention has (0.2), in the order of the articles, with what to write.
BACKBONE: dict[str, str] = {
    "visas": N_("the legal citations (GDPR, CRPA, law no. 2014-173, city contract...)"),
    "preamble": N_("the preamble (city contract and model clauses implemented)"),
    "subject_matter": N_("the subject matter of the agreement"),
    "commitments": N_("each party's dated commitments (what, by when, what quality, what consequence)"),
    "entry_into_force": N_("the entry-into-force rule"),
    "termination": N_("the grounds and notice of termination, and what becomes of the data"),
    "liability": N_("the allocation of liability"),
    "confidentiality": N_("confidentiality and business secrecy"),
    "dispute_resolution": N_("the settlement of disputes and the competent court"),
    "amendment_procedure": N_("the amendment procedure (avenant)"),
    "accession_and_withdrawal": N_("the accession and withdrawal of a partner"),
    "contract_documents": N_("the contract documents and their order of precedence"),
}


@dataclass(frozen=True)
class ToComplete:
    """An element the parties must write or check after the upgrade: where, and what (a msgid and its values)."""

    pointer: str
    note: str
    values: tuple[tuple[str, object], ...] = ()

    def note_text(self, lang: str) -> str:
        """What to write or check, in `lang`."""
        return gettext(self.note, lang, **dict(self.values))

    def text(self, lang: str) -> str:
        return f"{labelled(self.pointer or '/', lang)} {self.note_text(lang)}"


@dataclass
class Upgrade:
    """The upgraded document and the list of what is left to the parties."""

    data: dict[str, Any]
    to_complete: list[ToComplete] = field(default_factory=list)


class NotUpgradable(ValueError):
    """The document does not declare version 0.1.0 of the standard."""

    def __init__(self, version: str | None) -> None:
        super().__init__(version or "")
        self.version = version


def upgrade(data: dict[str, Any]) -> Upgrade:
    """The 0.2 form of a 0.1 document (the input is left untouched)."""
    version = declared_version(data)
    if version != FROM_VERSION:
        raise NotUpgradable(version)
    result = Upgrade(data=copy.deepcopy(data))
    document = result.data
    context = document["@context"]
    if isinstance(context, list):
        context[0] = CURRENT.context_url
    else:
        document["@context"] = CURRENT.context_url
    end_date = (document.get("period") or {}).get("end_date")
    for index, dataset in enumerate(document.get("datasets") or []):
        if isinstance(dataset, dict):
            _dataset(dataset, f"/datasets/{index}", end_date, result)
    for index, party in enumerate(document.get("parties") or []):
        if isinstance(party, dict) and "SIGNATORY" in (party.get("roles") or []) and "representative" not in party:
            result.to_complete.append(
                ToComplete(
                    f"/parties/{index}/representative",
                    N_("who signs for '{name}' and the act that empowers them"),
                    (("name", party.get("name", "")),),
                )
            )
    for key, note in BACKBONE.items():
        if key not in document:
            result.to_complete.append(ToComplete(f"/{key}", note))
    return result


def _dataset(dataset: dict[str, Any], pointer: str, end_date: str | None, result: Upgrade) -> None:
    sharing: dict[str, Any] = dataset["sharing"] if isinstance(dataset.get("sharing"), dict) else {}
    protection: dict[str, Any] = dataset["protection"] if isinstance(dataset.get("protection"), dict) else {}
    if "ip_holder" in sharing:
        sharing["ip_holders"] = [sharing.pop("ip_holder")]
    bases = protection.get("legal_bases")
    if isinstance(bases, list):
        article9 = [b for b in bases if isinstance(b, str) and b.startswith("A9-")]
        if article9:
            protection["legal_bases"] = [b for b in bases if b not in article9]
            if not protection["legal_bases"]:
                del protection["legal_bases"]
            protection["special_category_conditions"] = article9
    roles = []
    if "controller" in protection:
        roles.append({"party": protection.pop("controller"), "gdpr_role": "CONTROLLER"})
    for number, processor in enumerate(protection.pop("processors", None) or []):
        agreement = f"{PLACEHOLDER} : contrat de sous-traitance (RGPD, art. 28.3) liant ce sous-traitant"
        roles.append({"party": processor, "gdpr_role": "PROCESSOR", "role_agreement": {"title": agreement}})
        result.to_complete.append(
            ToComplete(
                f"{pointer}/protection/gdpr_roles/{len(roles) - 1}/role_agreement",
                N_("the processing contract (Art. 28(3)) of processor no. {number}"),
                (("number", number + 1),),
            )
        )
    if roles:
        protection["gdpr_roles"] = roles
    if protection.pop("dpia_completed", None) is True:
        protection["dpia"] = {"reference": f"{PLACEHOLDER} : date et référence de l'analyse d'impact"}
        result.to_complete.append(ToComplete(f"{pointer}/protection/dpia", N_("the date and reference of the DPIA")))
    techniques = protection.get("anonymisation_techniques")
    if isinstance(techniques, list) and "Pseudonymisation" in techniques:
        remaining = [t for t in techniques if t != "Pseudonymisation"]
        if remaining:
            protection["anonymisation_techniques"] = remaining
        else:
            del protection["anonymisation_techniques"]
        protection["pseudonymisation"] = {
            "description": "Remplacement des identifiants directs par des pseudonymes avant la transmission.",
            "key_holder": dataset.get("producer"),
        }
        result.to_complete.append(
            ToComplete(
                f"{pointer}/protection/pseudonymisation/key_holder",
                N_("check who keeps the pseudonymisation key (the producer by default)"),
            )
        )
    if "usage_policy" not in dataset:
        dataset["usage_policy"] = usage_policy(dataset, end_date)
