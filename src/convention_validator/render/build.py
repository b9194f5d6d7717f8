"""Build the annex view model from a convention (plain JSON data) and its validation report.

Every code is replaced by its French label, dates, durations and amounts are worded in
French, and references to parties become their names. The data may be invalid (the annex of a
convention with errors is still printed, under a NON VALIDE banner): every access tolerates a
missing value or a value of the wrong type.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from convention_validator.findings import FileReport, Finding, Severity
from convention_validator.reference_data import PlaceNames, place_names, reference_data
from convention_validator.render.french import (
    french_amount,
    french_date,
    french_duration,
    french_integer,
    french_period,
    plural,
)
from convention_validator.render.labels import Labels, labels
from convention_validator.render.model import (
    Annex,
    ClauseView,
    DatasetSheet,
    DocumentView,
    EthicsRuleView,
    Fact,
    FindingView,
    GovernanceView,
    LabelView,
    PartyView,
    Term,
    TermGroup,
    ValidationView,
    WorkItemView,
)

SEVERITY_LABELS = {"error": "Erreur", "warning": "Avertissement", "info": "Information"}
STAGE_LABELS = {
    "read": "lecture",
    "structure": "structure",
    "graph": "graphe",
    "rules": "règles",
    "reference": "référentiels",
}
# Personal-data kinds for which the GDPR terms (legal bases, controller...) are always shown.
PERSONAL_KINDS = {"PSEUDONYMISED", "IDENTIFYING"}


def _items(value: Any) -> list[Any]:
    """A list value as a list; a single value as a one-item list; nothing as []."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def paragraphs(value: Any) -> tuple[str, ...]:
    """Text split into paragraphs at blank lines (single line breaks joined)."""
    text = _text(value)
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n")]
    return tuple(block for block in blocks if block)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


class AnnexBuilder:
    """Turns one convention into an `Annex`."""

    def __init__(self, data: dict[str, Any], report: FileReport, source: str, standard_version: str) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.report = report
        self.source = source
        self.standard_version = standard_version
        self.labels: Labels = labels("fr")
        self.places: PlaceNames = place_names()
        self.party_names = {
            _text(p.get("id")): _text(p.get("name")) or _text(p.get("id"))
            for p in _items(self.data.get("parties"))
            if isinstance(p, dict) and _text(p.get("id"))
        }
        self.dataset_titles = {
            _text(d.get("id")): _text(d.get("title")) or _text(d.get("id"))
            for d in _items(self.data.get("datasets"))
            if isinstance(d, dict) and _text(d.get("id"))
        }

    # -- small helpers ------------------------------------------------------------------------

    def coded(self, enum: str, value: Any) -> str:
        text = _text(value)
        return self.labels.value(enum, text) if text else ""

    def coded_list(self, enum: str, value: Any) -> tuple[str, ...]:
        return _unique(self.coded(enum, item) for item in _items(value))

    def party(self, reference: Any) -> str:
        key = _text(reference)
        if not key:
            return ""
        return self.party_names.get(key) or f"{key} (partie non déclarée)"

    def parties_named(self, value: Any) -> tuple[str, ...]:
        return _unique(self.party(item) for item in _items(value))

    def qpv(self, code: Any) -> str:
        key = _text(code)
        qpv = reference_data().qpv.get(key)
        return f"{qpv.name} ({key})" if qpv else key

    # -- sections -----------------------------------------------------------------------------

    def build(self) -> Annex:
        framework = _dict(self.data.get("framework"))
        validation = self.validation()
        datasets = [d if isinstance(d, dict) else {} for d in _items(self.data.get("datasets"))]
        sheet_findings = self._findings_by_dataset(len(datasets))
        return Annex(
            title=_text(self.data.get("title")) or "Convention de partenariat de données (sans titre)",
            description=paragraphs(self.data.get("description")),
            facts=self.facts(validation),
            covered_qpv=tuple(self.qpv(code) for code in _items(self.data.get("covered_qpv")) if _text(code)),
            clauses=tuple(self.clause(c) for c in _items(self.data.get("adopted_clauses")) if isinstance(c, dict)),
            parties=tuple(self.party_view(p) for p in _items(self.data.get("parties")) if isinstance(p, dict)),
            sheets=tuple(
                self.sheet(index, len(datasets), dataset, sheet_findings.get(index, ()))
                for index, dataset in enumerate(datasets)
            ),
            ethics_rules=tuple(
                self.ethics_rule(r) for r in _items(framework.get("ethics_rules")) if isinstance(r, dict)
            ),
            governance=self.governance(framework.get("governance")),
            work_programme=tuple(
                self.work_item(w) for w in _items(framework.get("work_programme")) if isinstance(w, dict)
            ),
            labels=tuple(self.label(x) for x in _items(framework.get("labels")) if isinstance(x, dict)),
            evaluation_commitments=tuple(_text(x) for x in _items(framework.get("evaluation_commitments")) if _text(x)),
            annexes=self.documents(self.data.get("annexes")),
            agreements=self.documents(self.data.get("data_provision_agreements")),
            validation=validation,
            source=self.source,
            standard_version=self.standard_version,
        )

    def facts(self, validation: ValidationView) -> tuple[Fact, ...]:
        contract = _dict(self.data.get("city_contract"))
        contract_code = _text(contract.get("code"))
        contract_text = " – ".join(v for v in (_text(contract.get("title")), contract_code) if v)
        territory_code = _text(contract.get("territory_code"))
        territory_name = self.places.territory_name(territory_code)
        kind = "code Insee" if len(territory_code) == 5 else "SIREN"
        territory = f"{territory_name} ({kind} {territory_code})" if territory_name else territory_code
        communes = ", ".join(
            self.places.communes.get(_text(c), _text(c)) for c in _items(contract.get("communes")) if _text(c)
        )
        status = self.coded("ConventionStatus", self.data.get("status"))
        version = _text(self.data.get("version"))
        replaces = _text(self.data.get("replaces"))
        signed = self.data.get("signed_on")
        facts = [
            Fact("Contrat de ville", contract_text),
            Fact("Territoire", territory),
            Fact("Communes", communes),
            Fact("Durée du contrat de ville", french_period(contract.get("period"))),
            Fact("Durée de la convention", french_period(self.data.get("period"))),
            Fact("Statut", status),
            Fact("Version", version),
            Fact("Date de signature", french_date(signed) if _text(signed) else ""),
            Fact("Version remplacée (avenant)", replaces),
            Fact("Validation", validation.summary),
        ]
        optional = {"Communes", "Version remplacée (avenant)", "Date de signature"}
        return tuple(Fact(f.label, f.value or "non précisé") for f in facts if f.value or f.label not in optional)

    def clause(self, clause: dict[str, Any]) -> ClauseView:
        return ClauseView(
            kind=self.coded("ClauseKind", clause.get("clause_kind")) or "Clause",
            article=_text(clause.get("article")),
            paragraphs=paragraphs(clause.get("text")),
        )

    def party_view(self, party: dict[str, Any]) -> PartyView:
        contacts = []
        for contact in _items(party.get("contacts")):
            if isinstance(contact, dict):
                parts = [_text(contact.get("function")), _text(contact.get("email")), _text(contact.get("telephone"))]
                contacts.append(" – ".join(p for p in parts if p))
        return PartyView(
            name=_text(party.get("name")) or _text(party.get("id")) or "(partie sans nom)",
            siren=_text(party.get("siren")),
            party_type=self.coded("PartyType", party.get("party_type")),
            roles=self.coded_list("PartyRole", party.get("roles")),
            description=paragraphs(party.get("description")),
            contacts=tuple(c for c in contacts if c),
        )

    # -- dataset sheet ------------------------------------------------------------------------

    def sheet(self, index: int, count: int, dataset: dict[str, Any], findings: tuple[FindingView, ...]) -> DatasetSheet:
        sharing = _dict(dataset.get("sharing"))
        protection = _dict(dataset.get("protection"))
        groups = (
            TermGroup("Identification", self._identification(dataset)),
            TermGroup("Production et mise à disposition", self._production(dataset)),
            TermGroup("Conditions de partage", self._sharing(sharing)),
            TermGroup("Protection des données", self._protection(protection)),
            TermGroup("Règles d'usage", self._usage_policy(_dict(dataset.get("usage_policy")))),
        )
        return DatasetSheet(
            number=index + 1,
            count=count,
            title=_text(dataset.get("title")) or _text(dataset.get("id")) or f"Jeu de données n° {index + 1}",
            description=paragraphs(dataset.get("description")),
            groups=tuple(TermGroup(g.title, g.terms) for g in groups if g.terms),
            findings=findings,
        )

    def _identification(self, dataset: dict[str, Any]) -> tuple[Term, ...]:
        qpv = tuple(self.qpv(code) for code in _items(dataset.get("covered_qpv")) if _text(code))
        terms = [
            Term("Producteur", self.parties_named(dataset.get("producer")), "producer"),
            Term("Catégorie de données", self.coded_list("DataCategory", dataset.get("category")), "category"),
            Term("Quartiers prioritaires couverts", qpv, "covered_qpv", inline=True),
            Term("Thèmes", self.coded_list("DataTheme", dataset.get("themes")), "themes", inline=True),
            Term("Mots-clés", _unique(_text(k) for k in _items(dataset.get("keywords"))), "keywords", inline=True),
        ]
        return self._keep(terms, always={"producer", "category"})

    def _production(self, dataset: dict[str, Any]) -> tuple[Term, ...]:
        temporal = _text(dataset.get("temporal_granularity"))
        first = _text(dataset.get("first_available_on"))
        period = french_period(dataset.get("production_period"))
        terms = [
            Term(
                "Granularité spatiale",
                self.coded_list("SpatialGranularity", dataset.get("spatial_granularity")),
                "spatial_granularity",
            ),
            Term("Granularité temporelle", (french_duration(temporal),) if temporal else (), "temporal_granularity"),
            Term(
                "Périodicité de mise à jour",
                self.coded_list("UpdateFrequency", dataset.get("update_frequency")),
                "update_frequency",
            ),
            Term("Formats", self.coded_list("FileType", dataset.get("formats")), "formats", inline=True),
            Term("Standard de données", _unique(_text(u) for u in _items(dataset.get("conforms_to"))), "conforms_to"),
            Term("Première mise à disposition", (french_date(first),) if first else (), "first_available_on"),
            Term("Durée de production", (period,) if period else (), "production_period"),
        ]
        return self._keep(
            terms,
            always={"spatial_granularity", "temporal_granularity", "update_frequency", "formats", "production_period"},
        )

    def _sharing(self, sharing: dict[str, Any]) -> tuple[Term, ...]:
        access = _text(sharing.get("access_level"))
        purposes = list(self.coded_list("Purpose", sharing.get("purposes")))
        for local in _items(sharing.get("local_purposes")):
            if isinstance(local, dict) and _text(local.get("title")):
                broader = self.coded("Purpose", local.get("broader_purpose"))
                detail = _text(local.get("description"))
                text = _text(local.get("title")) + (f" (au titre de : {broader})" if broader else "")
                purposes.append(text + (f" : {detail}" if detail else ""))
        recipients = self.parties_named(sharing.get("recipients"))
        if not recipients and access == "PUBLIC":
            recipients = ("Tout réutilisateur (données ouvertes)",)
        terms = [
            Term("Niveau d'accès", (self.coded("AccessRight", access),) if access else (), "access_level"),
            Term("Licence", self.coded_list("Licence", sharing.get("licence")), "licence"),
            Term(
                "Titulaires des droits",
                self.parties_named(sharing.get("ip_holders", sharing.get("ip_holder"))),  # ip_holder: version 0.1
                "ip_holder",
            ),
            Term("Producteur de la base de données", self.parties_named(sharing.get("database_right_holder")), "sui"),
            Term(
                "Motif de non-ouverture", self.coded_list("NonOpeningGround", sharing.get("non_opening_ground")), "nog"
            ),
            Term("Finalités", _unique(purposes), "purposes"),
            Term("Destinataires autorisés", recipients, "recipients"),
            Term("Coût", self._cost(sharing.get("cost")), "cost"),
            Term(
                "Mode de mobilisation",
                self.coded_list("MobilisationMechanism", sharing.get("mobilisation_mechanism")),
                "mobilisation_mechanism",
            ),
            Term("Autres conditions de réutilisation", paragraphs(sharing.get("reuse_conditions")), "reuse_conditions"),
        ]
        return self._keep(terms, always={"access_level", "licence", "purposes", "recipients", "cost"})

    def _cost(self, value: Any) -> tuple[str, ...]:
        cost = _dict(value)
        kind = _text(cost.get("cost_kind"))
        if not kind and not cost:
            return ()
        label = self.coded("CostKind", kind) if kind else "Modalité non précisée"
        details = []
        if cost.get("amount") is not None and _text(cost.get("amount")):
            details.append(f"{french_amount(cost.get('amount'), cost.get('currency') or 'EUR')} HT")
        if _text(cost.get("cost_basis")):
            details.append(_text(cost.get("cost_basis")))
        return (label + (" : " + ", ".join(details) if details else ""),)

    def _protection(self, protection: dict[str, Any]) -> tuple[Term, ...]:
        kind = _text(protection.get("personal_data"))
        special = protection.get("special_category_data")
        dpia = protection.get("dpia_completed")  # version 0.1
        assessment = _dict(protection.get("dpia"))
        threshold = protection.get("statistical_secrecy_threshold")
        anonymisation = list(self.coded_list("AnonymisationTechnique", protection.get("anonymisation_techniques")))
        if threshold is not None and _text(threshold):
            anonymisation.append(f"Secret statistique : aucune case de moins de {french_integer(threshold)} personnes")
        technical = self.coded_list("TechnicalMeasure", protection.get("technical_measures"))
        organisational = self.coded_list("OrganisationalMeasure", protection.get("organisational_measures"))
        security = []
        if technical:
            security.append("Mesures techniques : " + ", ".join(technical))
        if organisational:
            security.append("Mesures organisationnelles : " + ", ".join(organisational))
        retention = _text(protection.get("retention_period"))
        gdpr_always = kind in PERSONAL_KINDS
        gdpr = {"special_category_data", "legal_bases", "gdpr_roles", "dpia_completed"}
        roles = list(self.parties_named(protection.get("controller")))  # version 0.1: controller, processors
        roles += [f"{name} (sous-traitant)" for name in self.parties_named(protection.get("processors"))]
        for role in _items(protection.get("gdpr_roles")):
            if isinstance(role, dict):
                agreement = _text(_dict(role.get("role_agreement")).get("title"))
                label = f"{self.party(role.get('party'))} : {self.coded('GdprRole', role.get('gdpr_role')).lower()}"
                roles.append(label + (f" ({agreement})" if agreement else ""))
        if assessment:
            done = _text(assessment.get("completed_on"))
            reference = _text(assessment.get("reference"))
            dpia_text: tuple[str, ...] = (
                "Réalisée" + (f" le {french_date(done)}" if done else "") + (f", {reference}" if reference else ""),
            )
        else:
            dpia_text = (("Réalisée" if dpia else "Non réalisée"),) if isinstance(dpia, bool) else ()
        pseudonymisation = _dict(protection.get("pseudonymisation"))
        if pseudonymisation:
            holder = self.party(pseudonymisation.get("key_holder"))
            anonymisation.append(
                "Pseudonymisation (les données restent personnelles)"
                + (f" ; clé détenue par {holder}" if holder else "")
            )
        terms = [
            Term("Données personnelles", (self.coded("PersonalDataKind", kind),) if kind else (), "personal_data"),
            Term(
                "Catégories particulières (art. 9 RGPD)",
                (("Oui" if special else "Non"),) if isinstance(special, bool) else (),
                "special_category_data",
            ),
            Term(
                "Bases légales (RGPD, art. 6)",
                self.coded_list("LegalBasis", protection.get("legal_bases")),
                "legal_bases",
            ),
            Term(
                "Exceptions de l'article 9.2 (RGPD)",
                self.coded_list("SpecialCategoryCondition", protection.get("special_category_conditions")),
                "special_category_conditions",
            ),
            Term("Rôles (RGPD)", _unique(roles), "gdpr_roles"),
            Term("Analyse d'impact (AIPD)", dpia_text, "dpia_completed"),
            Term("Anonymisation et pseudonymisation", _unique(anonymisation), "anonymisation"),
            Term("Sécurité", _unique(security), "security"),
            Term("Hébergement", self._hosting(protection.get("hosting")), "hosting"),
            Term("Transfert", self._transfer(protection.get("transfer")), "transfer"),
            Term("Durée de conservation", (french_duration(retention),) if retention else (), "retention_period"),
            Term("Conditions de destruction", paragraphs(protection.get("destruction_conditions")), "destruction"),
        ]
        always = {"personal_data", "anonymisation", "security", "hosting", "transfer", "retention_period"}
        always |= {"destruction"} | (gdpr if gdpr_always else set())
        return self._keep(terms, always=always)

    def _hosting(self, value: Any) -> tuple[str, ...]:
        hosting = _dict(value)
        location = self.coded("HostingLocation", hosting.get("hosting_location"))
        provider = _text(hosting.get("provider"))
        certifications = self.coded_list("HostingCertification", hosting.get("certifications"))
        lines = []
        if location or provider:
            lines.append(", ".join(v for v in (location, f"hébergeur : {provider}" if provider else "") if v))
        if certifications:
            lines.append("Certifications : " + ", ".join(certifications))
        return tuple(lines)

    def _transfer(self, value: Any) -> tuple[str, ...]:
        transfer = _dict(value)
        channel = self.coded("TransferChannel", transfer.get("channel"))
        encrypted = transfer.get("encrypted")
        lines = []
        if channel:
            suffix = ""
            if isinstance(encrypted, bool):
                suffix = ", chiffré en transit" if encrypted else ", non chiffré en transit"
            lines.append(channel + suffix)
        lines += paragraphs(transfer.get("description"))
        return tuple(lines)

    def _usage_policy(self, policy: dict[str, Any]) -> tuple[Term, ...]:
        """Permissions, prohibitions and duties in plain French, one line per rule."""

        def action(rule: dict[str, Any], lower: bool = False) -> str:
            text = self.coded("PolicyAction", rule.get("action"))
            text = text[:1].lower() + text[1:] if lower else text
            conditions = [c for c in (self._constraint(_dict(c)) for c in _items(rule.get("constraints"))) if c]
            return text + (f" ({' ; '.join(conditions)})" if conditions else "")

        def line(rule: Any) -> str:
            rule = _dict(rule)
            duties = [action(_dict(d), lower=True) for d in _items(rule.get("duties"))]
            return action(rule) + (", à charge de : " + ", ".join(duties) if duties else "")

        terms = [
            Term("Permissions", tuple(line(r) for r in _items(policy.get("permissions"))), "permissions"),
            Term("Interdictions", tuple(line(r) for r in _items(policy.get("prohibitions"))), "prohibitions"),
            Term("Obligations", tuple(line(r) for r in _items(policy.get("obligations"))), "obligations"),
        ]
        return self._keep(terms, always=set()) if policy else ()

    def _constraint(self, constraint: dict[str, Any]) -> str:
        """A constraint as a lawyer would write it: « pour les finalités : … », « jusqu'au … »."""
        operand, operator = _text(constraint.get("left_operand")), _text(constraint.get("operator"))
        purposes = ", ".join(self.coded_list("Purpose", constraint.get("purpose_values")))
        places = ", ".join(self.qpv(code) for code in _items(constraint.get("qpv_values")))
        day = _text(constraint.get("date_value"))
        delay = _text(constraint.get("duration_value"))
        count = constraint.get("count_value")
        phrases = {
            ("purpose", "isAnyOf"): f"pour les finalités : {purposes}",
            ("purpose", "eq"): f"pour la finalité : {purposes}",
            ("purpose", "isNoneOf"): f"sauf pour les finalités : {purposes}",
            ("spatial", "isAnyOf"): f"dans les quartiers : {places}",
            ("spatial", "isPartOf"): f"dans les quartiers : {places}",
            ("dateTime", "lteq"): f"jusqu'au {french_date(day)}" if day else "",
            ("dateTime", "lt"): f"avant le {french_date(day)}" if day else "",
            ("dateTime", "gteq"): f"à partir du {french_date(day)}" if day else "",
            ("elapsedTime", "lteq"): f"au plus tard {french_duration(delay)} après la réception" if delay else "",
            ("delayPeriod", "lteq"): f"dans un délai de {french_duration(delay)}" if delay else "",
            ("count", "gteq"): f"effectif d'au moins {french_integer(count)}" if count is not None else "",
        }
        phrase = phrases.get((operand, operator))
        if phrase:
            return phrase
        values = [
            v for v in (purposes, places, french_date(day) if day else "", french_duration(delay) if delay else "") if v
        ]
        if count is not None:
            values.append(french_integer(count))
        label = self.coded("ConstraintOperand", operand).lower()
        return f"{label} {self.coded('ConstraintOperator', operator)} {', '.join(values)}".strip()

    @staticmethod
    def _keep(terms: list[Term], always: set[str]) -> tuple[Term, ...]:
        """The terms that always appear (empty ones read 'non précisé') and the optional ones given."""
        return tuple(t for t in terms if t.key in always or not t.missing)

    # -- framework ----------------------------------------------------------------------------

    def ethics_rule(self, rule: dict[str, Any]) -> EthicsRuleView:
        return EthicsRuleView(
            title=_text(rule.get("title")) or "Règle éthique",
            paragraphs=paragraphs(rule.get("text")),
            charter=_text(rule.get("charter")),
            url=_text(rule.get("url")),
        )

    def governance(self, value: Any) -> GovernanceView | None:
        if not isinstance(value, dict):
            return None
        return GovernanceView(
            name=_text(value.get("name")) or "Instance de gouvernance",
            chairs=self.parties_named(value.get("chairs")),
            members=self.parties_named(value.get("members")),
            meeting_frequency=self.coded("UpdateFrequency", value.get("meeting_frequency")),
            description=paragraphs(value.get("description")),
        )

    def work_item(self, item: dict[str, Any]) -> WorkItemView:
        due = _text(item.get("due_date"))
        return WorkItemView(
            title=_text(item.get("title")) or "Action",
            description=paragraphs(item.get("description")),
            lead=self.party(item.get("lead")),
            datasets=_unique(self.dataset_titles.get(_text(d), _text(d)) for d in _items(item.get("uses_datasets"))),
            due_date=french_date(due) if due else "",
        )

    def label(self, label: dict[str, Any]) -> LabelView:
        obtained = _text(label.get("obtained_on"))
        return LabelView(
            name=_text(label.get("name")),
            issuer=_text(label.get("issuer")),
            obtained_on=french_date(obtained) if obtained else "",
            url=_text(label.get("url")),
        )

    def documents(self, value: Any) -> tuple[DocumentView, ...]:
        found = []
        for document in _items(value):
            if isinstance(document, dict):
                signed = _text(document.get("signed_on"))
                found.append(
                    DocumentView(
                        title=_text(document.get("title")),
                        url=_text(document.get("url")),
                        signed_on=french_date(signed) if signed else "",
                    )
                )
        return tuple(found)

    # -- validation ---------------------------------------------------------------------------

    def finding(self, finding: Finding) -> FindingView:
        location = f"ligne {finding.line}, colonne {finding.column}" if finding.line else ""
        return FindingView(
            severity=finding.severity.value,
            severity_label=SEVERITY_LABELS[finding.severity.value],
            code=finding.code,
            message=finding.message,
            location=location,
            pointer=finding.pointer,
        )

    def _findings_by_dataset(self, count: int) -> dict[int, tuple[FindingView, ...]]:
        grouped: dict[int, list[FindingView]] = {}
        for finding in self.report.findings:
            parts = finding.pointer.split("/")
            if len(parts) > 2 and parts[1] == "datasets" and parts[2].isdigit() and int(parts[2]) < count:
                grouped.setdefault(int(parts[2]), []).append(self.finding(finding))
        return {index: tuple(items) for index, items in grouped.items()}

    def validation(self) -> ValidationView:
        errors = self.report.count(Severity.ERROR)
        warnings = self.report.count(Severity.WARNING)
        infos = self.report.count(Severity.INFO)
        stages = ", ".join(STAGE_LABELS.get(s, s) for s in self.report.stages_run)
        counts = f"{plural(errors, 'erreur', 'erreurs')}, {plural(warnings, 'avertissement', 'avertissements')}"
        if errors:
            summary = f"NON VALIDE : {counts}"
        elif warnings:
            summary = f"Valide, avec {plural(warnings, 'avertissement', 'avertissements')}"
        else:
            summary = "Valide : aucune erreur ni aucun avertissement"
        return ValidationView(
            valid=errors == 0,
            errors=errors,
            warnings=warnings,
            infos=infos,
            counts=counts,
            summary=summary,
            stages=stages,
            findings=tuple(self.finding(f) for f in self.report.findings),
        )


def build_annex(data: dict[str, Any], report: FileReport, source: str = "", standard_version: str = "") -> Annex:
    """The annex of a convention, ready for the templates."""
    return AnnexBuilder(data, report, source, standard_version).build()
