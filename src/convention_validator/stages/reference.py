"""Stage 5, reference: codes checked against the shipped reference data."""

from __future__ import annotations

from typing import Any

from convention_validator.reference_data import ReferenceData, luhn_valid, reference_data
from convention_validator.stages.context import StageContext

STAGE = "reference"
LOCAL_AUTHORITY_TYPES = {"COMMUNE", "EPCI", "EPT"}


class ReferenceStage:
    """Checks contract, territory, QPV, communes and SIREN against the reference tables."""

    def __init__(self, data: ReferenceData | None = None) -> None:
        self._data = data or reference_data()

    def run(self, context: StageContext) -> None:
        data = context.document.data
        ref = self._data
        contract = data.get("city_contract") or {}
        code = str(contract.get("code", ""))
        territory = str(contract.get("territory_code", ""))
        known = ref.contracts.get(code)
        if known is None:
            context.emit("CV404", "/city_contract/code", STAGE, value=code)
        elif known.territory != territory:
            context.emit("CV405", "/city_contract/territory_code", STAGE, value=territory, expected=known.territory)
        communes = ref.territory_communes(territory)
        for index, commune in enumerate(contract.get("communes") or []):
            if communes is not None and commune not in communes:
                context.emit("CV403", f"/city_contract/communes/{index}", STAGE, value=commune, territory=territory)
        for pointer, qpv_code in _qpv_codes(data):
            qpv = ref.qpv.get(qpv_code)
            if qpv is None:
                context.emit("CV401", pointer, STAGE, value=qpv_code)
            elif communes is not None and not (qpv.communes & communes):
                context.emit("CV402", pointer, STAGE, value=f"{qpv_code} ({qpv.name})", territory=territory)
        for index, party in enumerate(data.get("parties") or []):
            self._check_party(context, index, party)

    def _check_party(self, context: StageContext, index: int, party: dict[str, Any]) -> None:
        siren = str(party.get("siren", ""))
        pointer = f"/parties/{index}/siren"
        if not luhn_valid(siren):
            context.emit("CV407", pointer, STAGE, value=siren)
            return
        kind = party.get("party_type")
        if (kind == "COMMUNE" and siren not in self._data.commune_sirens) or (
            kind in ("EPCI", "EPT") and siren not in self._data.groupings
        ):
            context.emit("CV406", pointer, STAGE, value=siren)


def _qpv_codes(data: dict[str, Any]) -> list[tuple[str, str]]:
    found = [(f"/covered_qpv/{i}", str(c)) for i, c in enumerate(data.get("covered_qpv") or [])]
    for d, dataset in enumerate(data.get("datasets") or []):
        for i, code in enumerate(dataset.get("covered_qpv") or []):
            found.append((f"/datasets/{d}/covered_qpv/{i}", str(code)))
    return found
