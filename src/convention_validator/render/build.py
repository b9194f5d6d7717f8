"""Build the convention view model from a convention (plain JSON data) and its validation report.

The convention is printed as a French administrative convention: parties (« Entre : … »), visas,
préambule, sixteen numbered articles, one annex sheet per dataset, signature blocks for the
signatories, then a separate, non-contractual page with the automatic check. Every code is
replaced by its French label, dates, durations and amounts are worded in French, and references
to parties become their names. An article on which the document is silent says so in a neutral
sentence. The data may be invalid (a convention with errors is still printed, under a NON VALIDE
banner): every access tolerates a missing value or a value of the wrong type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from convention_validator.findings import FileReport, Finding, Severity
from convention_validator.reference_data import PlaceNames, place_names, reference_data
from convention_validator.render.french import (
    count_of,
    french_amount,
    french_date,
    french_duration,
    french_integer,
    french_period,
    join_and,
    lower_first,
    quoted,
    upper_first,
)
from convention_validator.render.labels import Labels, labels
from convention_validator.render.model import (
    NOT_SPECIFIED,
    Article,
    Block,
    Convention,
    DatasetSheet,
    Fact,
    FindingView,
    PartyClause,
    PartyView,
    SignatureBlock,
    SignaturePage,
    Term,
    TermGroup,
    ValidationView,
)
from convention_validator.render.wording import (
    SILENT,
    action_phrase,
    legal_act,
    of,
    party_genre,
    represented,
    with_article,
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
STATE = "STATE_SERVICE"
SIGNATORY = "SIGNATORY"
# The articles of the convention, in order: (anchor, title). The numbering is fixed, so that an
# avenant can cite « l'article 13 » of any convention rendered by this tool.
ARTICLES: tuple[tuple[str, str], ...] = (
    ("objet", "Objet"),
    ("definitions", "Définitions"),
    ("engagements", "Engagements de chaque partie"),
    ("acces", "Conditions d'accès et de réutilisation"),
    ("donnees-personnelles", "Protection des données personnelles"),
    ("securite", "Sécurité et confidentialité"),
    ("propriete", "Propriété intellectuelle"),
    ("couts", "Coûts"),
    ("gouvernance", "Gouvernance"),
    ("duree", "Durée et entrée en vigueur"),
    ("modification", "Modification"),
    ("adhesion", "Adhésion et retrait"),
    ("resiliation", "Résiliation et sort des données"),
    ("responsabilite", "Responsabilité"),
    ("differends", "Règlement des différends"),
    ("documents", "Documents contractuels et ordre de priorité"),
)
ARTICLE_NUMBERS = {anchor: number for number, (anchor, _) in enumerate(ARTICLES, start=1)}
ARTICLE_TITLES = dict(ARTICLES)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DURATION = re.compile(r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$")


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


def _sentence(text: str) -> str:
    """Text ending with a full stop (unless it already ends with punctuation)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…»:;" else text + "."


def annexes_phrase(numbers: list[int], preposition: str = "") -> str:
    """'l'annexe 3', 'les annexes 1 et 4', 'les annexes 1 à 5'; after « à »: 'aux annexes …', 'à l'annexe 3'."""
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    if len(numbers) == 1:
        text = f"l'annexe {numbers[0]}"
        return f"{preposition} {text}" if preposition else text
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        rest = f"annexes {numbers[0]} à {numbers[-1]}"
    else:
        rest = "annexes " + join_and([str(n) for n in numbers])
    article = {"à": "aux", "de": "des"}.get(preposition, f"{preposition} les" if preposition else "les")
    return f"{article} {rest}"


class ConventionBuilder:
    """Turns one convention into a `Convention`."""

    def __init__(
        self,
        data: dict[str, Any],
        report: FileReport,
        source: str,
        standard_version: str,
        source_sha256: str = "",
    ) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.report = report
        self.source = PurePath(source).name if source else ""
        self.source_sha256 = source_sha256
        self.standard_version = standard_version
        self.labels: Labels = labels("fr")
        self.places: PlaceNames = place_names()
        self.party_list = [p for p in _items(self.data.get("parties")) if isinstance(p, dict)]
        self.party_names = {
            _text(p.get("id")): _text(p.get("name")) or _text(p.get("id"))
            for p in self.party_list
            if _text(p.get("id"))
        }
        self.datasets = [d if isinstance(d, dict) else {} for d in _items(self.data.get("datasets"))]
        self.dataset_titles = {
            _text(d.get("id")): _text(d.get("title")) or _text(d.get("id")) for d in self.datasets if _text(d.get("id"))
        }
        self.dataset_numbers = {
            _text(d.get("id")): n for n, d in enumerate(self.datasets, start=1) if _text(d.get("id"))
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

    def dataset_ref(self, reference: Any) -> str:
        key = _text(reference)
        number = self.dataset_numbers.get(key)
        title = self.dataset_titles.get(key, key)
        return f"{quoted(title)} (annexe {number})" if number else title

    def legal_reference(self, value: Any) -> str:
        """A legal reference as a noun phrase: 'le code …, art. L311-6' (no leading « Vu »)."""
        reference = _dict(value)
        title = _text(reference.get("title"))
        if not title:
            return ""
        day = _text(reference.get("date_document"))
        text = legal_act(title, day if day and french_date(day) not in title else "")
        article = _text(reference.get("article"))
        if article:
            lowered = article.lower()
            if lowered.startswith(("art. ", "article ", "articles ")):
                several = "," in article or " et " in article or lowered.startswith("articles")
                numbers = re.sub(r"^(art\.|articles?)\s+", "", article, flags=re.IGNORECASE)
                text += f", notamment {'ses articles' if several else 'son article'} {numbers}"
            else:
                text += f" ({article})"
        return text

    def document_line(self, value: Any) -> str:
        """A related document: its title, its signature date and its address."""
        document = _dict(value)
        parts = [_text(document.get("title")) or "Document sans titre"]
        if _text(document.get("article")):
            parts.append(_text(document.get("article")))
        if _text(document.get("signed_on")):
            parts.append(f"date de signature : {french_date(_text(document.get('signed_on')))}")
        if _text(document.get("url")):
            parts.append(_text(document.get("url")))
        return " – ".join(parts)

    # -- the convention -----------------------------------------------------------------------

    def build(self) -> Convention:
        validation = self.validation()
        sheet_findings = self._findings_by_dataset(len(self.datasets))
        return Convention(
            title=_text(self.data.get("title")) or "Convention de partenariat de données (sans titre)",
            description=paragraphs(self.data.get("description")),
            facts=self.facts(),
            covered_qpv=tuple(self.qpv(code) for code in _items(self.data.get("covered_qpv")) if _text(code)),
            draft=_text(self.data.get("status")) == "DRAFT",
            parties=tuple(self.party_view(p) for p in self.party_list),
            party_clauses=self.party_clauses(),
            visas=self.visas(),
            preamble=self.preamble(),
            articles=self.articles(),
            sheets=tuple(
                self.sheet(index, len(self.datasets), dataset, sheet_findings.get(index, ()))
                for index, dataset in enumerate(self.datasets)
            ),
            signatures=self.signature_page(),
            validation=validation,
            source=self.source,
            source_sha256=self.source_sha256,
            standard_version=self.standard_version,
            signed_on=_text(self.data.get("signed_on")) if _ISO_DATE.match(_text(self.data.get("signed_on"))) else "",
        )

    def facts(self) -> tuple[Fact, ...]:
        """The identification lines of the title page (no signature date, no validation status)."""
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
        status = _text(self.data.get("status"))
        version = _text(self.data.get("version"))
        if version and status == "AMENDED":
            version += " (version consolidée, modifiée par avenant)"
        elif version and status == "TERMINATED":
            version += " (convention résiliée ou échue)"
        elif version and status == "DRAFT":
            version += " (projet)"
        facts = [
            Fact("Contrat de ville", contract_text),
            Fact("Territoire", territory),
            Fact("Communes", communes),
            Fact("Durée de la convention", french_period(self.data.get("period"))),
            Fact("Version", version),
            Fact("Jeux de données", count_of(len(self.datasets), "jeu de données") if self.datasets else ""),
        ]
        optional = {"Communes", "Jeux de données"}
        return tuple(Fact(f.label, f.value or NOT_SPECIFIED) for f in facts if f.value or f.label not in optional)

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

    # -- parties and signatures ---------------------------------------------------------------

    @staticmethod
    def is_signatory(party: dict[str, Any]) -> bool:
        return SIGNATORY in [_text(r) for r in _items(party.get("roles"))]

    def signatory_parties(self) -> list[dict[str, Any]]:
        return [p for p in self.party_list if self.is_signatory(p)]

    def _designation(self, party: dict[str, Any]) -> tuple[str, str | None]:
        """How the party is named in a sentence, and its grammatical gender."""
        name = _text(party.get("name")) or _text(party.get("id")) or "(partie sans nom)"
        if _text(party.get("party_type")) == STATE:
            return "l'État", "m"
        return with_article(name), party_genre(name, state=False)

    def _empowerment(self, representative: dict[str, Any]) -> str:
        act = _dict(representative.get("empowered_by"))
        title = _text(act.get("title"))
        if not title:
            return ""
        return legal_act(title, _text(act.get("date_document")))

    def party_clause(self, party: dict[str, Any]) -> PartyClause:
        subject, genre = self._designation(party)
        name = _text(party.get("name")) or _text(party.get("id"))
        siren = _text(party.get("siren"))
        details = [name] if _text(party.get("party_type")) == STATE and name else []
        if siren:
            details.append(f"SIREN {siren}")
        if details:
            subject += f" ({', '.join(details)})"
        representative = _dict(party.get("representative"))
        text = represented(
            subject,
            genre,
            _text(representative.get("function")),
            _text(representative.get("holder_name")),
            self._empowerment(representative),
        )
        return PartyClause(text=text, name=name, siren=siren)

    def party_clauses(self) -> tuple[PartyClause, ...]:
        return tuple(self.party_clause(p) for p in self.signatory_parties())

    def signature_block(self, party: dict[str, Any]) -> SignatureBlock:
        subject, _ = self._designation(party)
        representative = _dict(party.get("representative"))
        function = _text(representative.get("function"))
        act = _dict(representative.get("empowered_by"))
        empowerment = ""
        if _text(act.get("title")):
            day = _text(act.get("date_document"))
            empowerment = _text(act.get("title")) + (f" en date du {french_date(day)}" if day else "")
        return SignatureBlock(
            for_whom=f"Pour {subject},",
            function=upper_first(function) if function else "Fonction du signataire non précisée par la convention",
            holder_name=_text(representative.get("holder_name")),
            empowered_by=empowerment,
            party_name=_text(party.get("name")) or _text(party.get("id")),
        )

    def signature_page(self, signed_on: Any = None) -> SignaturePage:
        signed = _text(self.data.get("signed_on") if signed_on is None else signed_on)
        blank = "…………………………"
        day = french_date(signed) if signed and _text(self.data.get("status")) != "DRAFT" else blank
        line = f"Fait à {blank}, le {day}, en autant d'exemplaires originaux que de signataires."
        return SignaturePage(
            place_and_date=line, blocks=tuple(self.signature_block(p) for p in self.signatory_parties())
        )

    # -- visas and préambule ------------------------------------------------------------------

    def visas(self) -> tuple[str, ...]:
        found = []
        for reference in _items(self.data.get("visas")):
            text = self.legal_reference(reference)
            if text:
                found.append(f"Vu {text}")
        contract = _dict(self.data.get("city_contract"))
        if not any("contrat de ville" in v.lower() for v in found) and (contract.get("title") or contract.get("code")):
            title = _text(contract.get("title")) or "Contrat de ville"
            code = _text(contract.get("code"))
            found.append(f"Vu {legal_act(title, '')}" + (f" (code {code})" if code else ""))
        return tuple(f"{visa} ;" for visa in found)

    def preamble(self) -> tuple[Block, ...]:
        blocks = [Block(text=p) for p in paragraphs(self.data.get("preamble"))]
        clauses = [c for c in _items(self.data.get("adopted_clauses")) if isinstance(c, dict)]
        if not blocks and not clauses:
            blocks.append(Block(text="La convention ne comporte pas de préambule.", neutral=True))
        if clauses:
            contract = _dict(self.data.get("city_contract"))
            name = legal_act(_text(contract.get("title")) or "Contrat de ville", "")
            several = len(clauses) > 1
            intro = (
                f"{upper_first(name)} adopte {'les clauses types suivantes' if several else 'la clause type suivante'}"
            )
            if blocks:  # the parties' own préambule already introduces them: quote them plainly
                listed = (
                    "Les clauses types mises en œuvre par la présente convention sont les suivantes :"
                    if several
                    else "La clause type mise en œuvre par la présente convention est la suivante :"
                )
                blocks.append(Block(text=listed))
            else:
                blocks.append(Block(text=f"{intro}, que la présente convention met en œuvre :"))
            for clause in clauses:
                kind = self.coded("ClauseKind", clause.get("clause_kind")) or "Clause"
                article = _text(clause.get("article"))
                blocks.append(
                    Block(heading=f"{article} – {kind}" if article else kind, quote=paragraphs(clause.get("text")))
                )
        return tuple(blocks)

    # -- articles -----------------------------------------------------------------------------

    def articles(self) -> tuple[Article, ...]:
        makers = {
            "objet": self.article_subject,
            "definitions": self.article_definitions,
            "engagements": self.article_commitments,
            "acces": self.article_access,
            "donnees-personnelles": self.article_personal_data,
            "securite": self.article_security,
            "propriete": self.article_property,
            "couts": self.article_costs,
            "gouvernance": self.article_governance,
            "duree": self.article_duration,
            "modification": self.article_amendment,
            "adhesion": self.article_accession,
            "resiliation": self.article_termination,
            "responsabilite": self.article_liability,
            "differends": self.article_disputes,
            "documents": self.article_documents,
        }
        built = []
        for number, (anchor, title) in enumerate(ARTICLES, start=1):
            blocks = tuple(b for b in makers[anchor]() if b.text or b.items or b.quote or b.heading)
            built.append(Article(number, title, anchor, blocks or (Block(text=SILENT, neutral=True),)))
        return tuple(built)

    def _sheets_phrase(self, preposition: str = "") -> str:
        return annexes_phrase(list(range(1, len(self.datasets) + 1)), preposition)

    def article_subject(self) -> list[Block]:
        blocks = [Block(text=p) for p in paragraphs(self.data.get("subject_matter"))]
        if not blocks:
            blocks.append(Block(text=SILENT.replace("ce point", "son objet"), neutral=True))
        qpv = [self.qpv(code) for code in _items(self.data.get("covered_qpv")) if _text(code)]
        if qpv:
            several = len(qpv) > 1
            blocks.append(
                Block(
                    text="Elle s'applique "
                    + ("aux quartiers prioritaires suivants :" if several else "au quartier prioritaire suivant :"),
                    items=tuple(qpv),
                )
            )
        if self.datasets:
            count = len(self.datasets)
            verb = "décrits" if count > 1 else "décrit"
            blocks.append(
                Block(text=f"Elle porte sur {count_of(count, 'jeu de données')}, {verb} par {self._sheets_phrase()}.")
            )
        return blocks

    def article_definitions(self) -> list[Block]:
        items = []
        for definition in _items(self.data.get("definitions")):
            if isinstance(definition, dict) and _text(definition.get("term")):
                items.append(
                    f"{quoted(_text(definition.get('term')))} : "
                    + _sentence(lower_first(_text(definition.get("definition"))))
                )
        if not items:
            return []
        return [Block(text="Au sens de la présente convention, on entend par :", items=tuple(items))]

    def commitment_text(self, commitment: dict[str, Any]) -> str:
        text = _sentence(_text(commitment.get("description")) or "Engagement sans description")
        details = []
        deadline = _text(commitment.get("deadline"))
        if deadline:
            details.append(f"Échéance : {french_date(deadline)}.")
        recurrence = self.coded("UpdateFrequency", commitment.get("recurrence"))
        if recurrence:
            details.append(f"Rythme : {recurrence}.")
        datasets = [self.dataset_ref(d) for d in _items(commitment.get("concerns_datasets"))]
        if datasets:
            details.append(
                f"Jeux de données concernés : {join_and(datasets)}."
                if len(datasets) > 1
                else f"Jeu de données concerné : {datasets[0]}."
            )
        if _text(commitment.get("quality_level")):
            details.append(f"Niveau de qualité : {_sentence(_text(commitment.get('quality_level')))}")
        if _text(commitment.get("consequence_of_miss")):
            details.append(
                f"En cas de manquement : {_sentence(lower_first(_text(commitment.get('consequence_of_miss'))))}"
            )
        return " ".join([text, *details])

    def article_commitments(self) -> list[Block]:
        blocks: list[Block] = []
        roles = []
        for party in self.party_list:
            view = self.party_view(party)
            line = view.name + (f" ({lower_first(view.party_type)})" if view.party_type else "")
            line += " : " + (", ".join(lower_first(r) for r in view.roles) if view.roles else "rôles non précisés")
            if view.description:
                line += " – " + " ".join(view.description)
            roles.append(_sentence(line))
        if roles:
            blocks.append(
                Block(
                    text="Les parties tiennent dans le partenariat de données les rôles suivants :", items=tuple(roles)
                )
            )
        others = [self.party_view(p).name for p in self.party_list if not self.is_signatory(p)]
        if others:
            blocks.append(
                Block(
                    text="Participent au partenariat sans être signataires de la présente convention : "
                    + join_and(others)
                    + "."
                )
            )
        commitments = [c for c in _items(self.data.get("commitments")) if isinstance(c, dict)]
        by_party: dict[str, list[str]] = {}
        for commitment in commitments:
            by_party.setdefault(self.party(commitment.get("obliged_party")) or "Partie non précisée", []).append(
                self.commitment_text(commitment)
            )
        for name, texts in by_party.items():
            blocks.append(
                Block(
                    heading=f"Engagements {of(name)}",
                    items=tuple(texts),
                )
            )
        if not commitments:
            blocks.append(
                Block(text="La convention ne fixe pas d'engagement daté propre à chaque partie.", neutral=True)
            )
        return blocks

    def article_access(self) -> list[Block]:
        blocks: list[Block] = []
        if self.datasets:
            blocks.append(
                Block(
                    text="Les conditions d'accès et de réutilisation de chaque jeu de données sont fixées par "
                    "sa fiche, "
                    f"figurant {self._sheets_phrase('à')} de la présente convention. Elles se résument ainsi :",
                    items=tuple(self._access_summary(n, d) for n, d in enumerate(self.datasets, start=1)),
                )
            )
        agreements = [self.document_line(d) for d in _items(self.data.get("data_provision_agreements"))]
        if agreements:
            several = len(agreements) > 1
            blocks.append(
                Block(
                    text=(
                        "Les conventions de mise à disposition de données suivantes complètent la présente convention :"
                        if several
                        else "La convention de mise à disposition de données suivante complète la présente convention :"
                    ),
                    items=tuple(agreements),
                )
            )
        return blocks

    def _access_summary(self, number: int, dataset: dict[str, Any]) -> str:
        sharing = _dict(dataset.get("sharing"))
        title = _text(dataset.get("title")) or f"Jeu de données n° {number}"
        access = self.coded("AccessRight", sharing.get("access_level")) or "niveau d'accès non fixé"
        parts = [lower_first(access)]
        licence = self.coded("Licence", sharing.get("licence"))
        if licence:
            parts.append(f"licence : {licence}")
        recipients = self.parties_named(sharing.get("recipients"))
        if recipients:
            parts.append(f"{'destinataires' if len(recipients) > 1 else 'destinataire'} : {join_and(list(recipients))}")
        return f"Annexe {number} – {title} : {' ; '.join(parts)}."

    def article_personal_data(self) -> list[Block]:
        if not self.datasets:
            return []
        by_kind: dict[str, list[int]] = {}
        personal: list[str] = []
        for number, dataset in enumerate(self.datasets, start=1):
            protection = _dict(dataset.get("protection"))
            kind = _text(protection.get("personal_data"))
            by_kind.setdefault(kind, []).append(number)
            if (
                kind in PERSONAL_KINDS
                or protection.get("special_category_data") is True
                or protection.get("gdpr_roles")
            ):
                title = _text(dataset.get("title")) or f"Jeu de données n° {number}"
                details = [lower_first(self.coded("PersonalDataKind", kind) or "nature des données non précisée")]
                if protection.get("special_category_data") is True:
                    details.append("catégories particulières de données (RGPD, art. 9)")
                bases = self.coded_list("LegalBasis", protection.get("legal_bases"))
                if bases:
                    details.append("bases légales : " + ", ".join(lower_first(b) for b in bases))
                roles = self._gdpr_roles(protection)
                if roles:
                    details.append("rôles : " + ", ".join(roles))
                personal.append(f"Annexe {number} – {title} : {' ; '.join(details)}.")
        blocks = []
        summary = []
        for kind, numbers in by_kind.items():
            label = self.coded("PersonalDataKind", kind) or "Nature des données personnelles non précisée"
            summary.append(f"{label} : {annexes_phrase(numbers)}.")
        blocks.append(
            Block(
                text="Au regard des données à caractère personnel, les jeux de données se répartissent ainsi :",
                items=tuple(summary),
            )
        )
        if personal:
            blocks.append(
                Block(
                    text="Les jeux de données suivants relèvent du règlement (UE) 2016/679 (RGPD) ; leurs fiches "
                    "fixent les bases légales, les rôles des parties, l'information des personnes et l'exercice "
                    "de leurs droits :",
                    items=tuple(personal),
                )
            )
        if "PSEUDONYMISED" in by_kind:
            blocks.append(
                Block(
                    text="Les données pseudonymisées restent des données à caractère personnel (RGPD, art. 4.5) : "
                    "la pseudonymisation n'est pas une anonymisation."
                )
            )
        ethics = [r for r in _items(_dict(self.data.get("framework")).get("ethics_rules")) if isinstance(r, dict)]
        if ethics:
            blocks.append(Block(text="Les parties respectent en outre les règles éthiques fixées à l'article 9."))
        return blocks

    def article_security(self) -> list[Block]:
        blocks: list[Block] = []
        if self.datasets:
            blocks.append(
                Block(
                    text="Les mesures de sécurité, l'hébergement, les modalités de transfert, la durée de conservation "
                    "et les conditions de destruction convenues pour chaque jeu de données figurent dans sa fiche "
                    f"({self._sheets_phrase()})."
                )
            )
            delays: dict[str, list[int]] = {}
            for number, dataset in enumerate(self.datasets, start=1):
                delay = _text(_dict(dataset.get("protection")).get("breach_notification_delay"))
                if delay:
                    delays.setdefault(delay, []).append(number)
            for delay, numbers in delays.items():
                blocks.append(
                    Block(
                        text=f"{upper_first(annexes_phrase(numbers, 'pour'))}, le destinataire notifie au producteur "
                        f"toute violation de données dans un délai de {french_duration(delay)}."
                    )
                )
        confidentiality = paragraphs(self.data.get("confidentiality"))
        if confidentiality:
            blocks.append(Block(heading="Confidentialité", text=confidentiality[0]))
            blocks += [Block(text=p) for p in confidentiality[1:]]
        else:
            blocks.append(Block(heading="Confidentialité", text=SILENT, neutral=True))
        return blocks

    def article_property(self) -> list[Block]:
        items = []
        for number, dataset in enumerate(self.datasets, start=1):
            terms = self._property_terms(_dict(dataset.get("sharing")))
            if terms:
                title = _text(dataset.get("title")) or f"Jeu de données n° {number}"
                details = " ; ".join(f"{lower_first(t.label)} : {', '.join(t.values)}" for t in terms)
                items.append(_sentence(f"Annexe {number} – {title} : {details}"))
        if not items:
            return []
        return [
            Block(
                text="Les droits de propriété intellectuelle sur les jeux de données sont ainsi répartis :",
                items=tuple(items),
            )
        ]

    def article_costs(self) -> list[Block]:
        if not self.datasets:
            return []
        free, unknown, fees = [], [], []
        for number, dataset in enumerate(self.datasets, start=1):
            cost = _dict(_dict(dataset.get("sharing")).get("cost"))
            kind = _text(cost.get("cost_kind"))
            if kind == "FREE" and not _text(cost.get("amount")):
                free.append(number)
            elif not cost:
                unknown.append(number)
            else:
                title = _text(dataset.get("title")) or f"Jeu de données n° {number}"
                fees.append(f"Annexe {number} – {title} : {lower_first(' '.join(self._cost(cost)))}.")
        blocks = []
        if free and not fees and not unknown:
            several = len(free) > 1
            blocks.append(
                Block(
                    text="La mise à disposition "
                    + ("de chacun des jeux de données" if several else "du jeu de données")
                    + " est gratuite."
                )
            )
        elif free:
            blocks.append(
                Block(
                    text="La mise à disposition des jeux de données décrits "
                    f"{annexes_phrase(free, 'par')} est gratuite."
                )
            )
        if fees:
            blocks.append(Block(text="Les conditions financières suivantes s'appliquent :", items=tuple(fees)))
        if unknown:
            blocks.append(
                Block(
                    text="La convention ne fixe pas le coût de la mise à disposition "
                    f"{annexes_phrase(unknown, 'pour')}.",
                    neutral=True,
                )
            )
        return blocks

    def article_governance(self) -> list[Block]:
        framework = _dict(self.data.get("framework"))
        blocks: list[Block] = []
        governance = _dict(framework.get("governance"))
        if governance:
            name = _text(governance.get("name")) or "Instance de gouvernance"
            blocks.append(Block(heading=name))
            blocks += [Block(text=p) for p in paragraphs(governance.get("description"))]
            facts = []
            chairs = self.parties_named(governance.get("chairs"))
            if chairs:
                facts.append(f"Présidence : {join_and(list(chairs))}.")
            frequency = self.coded("UpdateFrequency", governance.get("meeting_frequency"))
            if frequency:
                facts.append(f"Rythme de réunion : {frequency}.")
            members = self.parties_named(governance.get("members"))
            if members:
                facts.append(f"Membres ({len(members)}) : {join_and(list(members))}.")
            if facts:
                blocks.append(Block(items=tuple(facts)))
        else:
            blocks.append(
                Block(
                    heading="Instance de gouvernance",
                    text="La convention ne désigne pas d'instance de gouvernance.",
                    neutral=True,
                )
            )
        rules = [r for r in _items(framework.get("ethics_rules")) if isinstance(r, dict)]
        if rules:
            blocks.append(
                Block(
                    heading="Règles éthiques",
                    text="Les parties s'engagent à respecter, en plus du RGPD, les règles suivantes :",
                )
            )
            for index, rule in enumerate(rules, start=1):
                source = " – ".join(v for v in (_text(rule.get("charter")), _text(rule.get("url"))) if v)
                quote = paragraphs(rule.get("text")) + ((f"Source : {source}",) if source else ())
                blocks.append(Block(text=f"{index}. {_text(rule.get('title')) or 'Règle éthique'}", quote=quote))
        else:
            blocks.append(
                Block(
                    heading="Règles éthiques",
                    text="La convention ne fixe pas de règle éthique propre au partenariat.",
                    neutral=True,
                )
            )
        work = [w for w in _items(framework.get("work_programme")) if isinstance(w, dict)]
        if work:
            items = []
            for item in work:
                line = _text(item.get("title")) or "Action"
                details = list(paragraphs(item.get("description")))
                if _text(item.get("lead")):
                    details.append(f"Pilote : {self.party(item.get('lead'))}.")
                if _text(item.get("due_date")):
                    details.append(f"Échéance : {french_date(_text(item.get('due_date')))}.")
                datasets = [self.dataset_ref(d) for d in _items(item.get("uses_datasets"))]
                if datasets:
                    details.append(f"Jeux de données mobilisés : {join_and(datasets)}.")
                items.append(f"{_sentence(line)} {' '.join(_sentence(d) for d in details)}".strip())
            blocks.append(Block(heading="Programme de travail", items=tuple(items)))
        labels_ = [x for x in _items(framework.get("labels")) if isinstance(x, dict)]
        if labels_:
            items = []
            for label in labels_:
                line = _text(label.get("name"))
                if _text(label.get("issuer")):
                    line += f" ({_text(label.get('issuer'))})"
                obtained = _text(label.get("obtained_on"))
                line += f", obtenu le {french_date(obtained)}" if obtained else ", visé"
                if _text(label.get("url")):
                    line += f" – {_text(label.get('url'))}"
                items.append(line)
            blocks.append(Block(heading="Labels", items=tuple(items)))
        evaluation = [_text(x) for x in _items(framework.get("evaluation_commitments")) if _text(x)]
        if evaluation:
            blocks.append(Block(heading="Évaluation", items=tuple(evaluation)))
        contacts = []
        for party in self.party_list:
            view = self.party_view(party)
            if view.contacts:
                contacts.append(f"{view.name} : {' ; '.join(view.contacts)}")
        if contacts:
            blocks.append(
                Block(
                    heading="Contacts",
                    text="Chaque partie désigne les contacts fonctionnels suivants :",
                    items=tuple(contacts),
                )
            )
        return blocks

    def article_duration(self) -> list[Block]:
        blocks = [Block(text=p) for p in paragraphs(self.data.get("entry_into_force"))]
        if not blocks:
            blocks.append(Block(text="La convention ne fixe pas de règle d'entrée en vigueur.", neutral=True))
        period = french_period(self.data.get("period"))
        if period:
            blocks.append(Block(text=f"La convention s'applique {period}."))
        contract_period = french_period(_dict(self.data.get("city_contract")).get("period"))
        if contract_period:
            blocks.append(Block(text=f"Le contrat de ville s'applique {contract_period}."))
        return blocks

    def article_amendment(self) -> list[Block]:
        blocks = [Block(text=p) for p in paragraphs(self.data.get("amendment_procedure"))]
        replaces = _text(self.data.get("replaces"))
        version = _text(self.data.get("version"))
        if replaces:
            blocks.append(
                Block(
                    text=f"La présente version{f' {version}' if version else ''} de la convention remplace "
                    f"la version publiée à l'adresse {replaces}."
                )
            )
        return blocks

    def article_accession(self) -> list[Block]:
        terms = _dict(self.data.get("accession_and_withdrawal"))
        blocks: list[Block] = []
        for index, paragraph in enumerate(paragraphs(terms.get("accession_procedure"))):
            blocks.append(Block(heading="Adhésion" if index == 0 else "", text=paragraph))
        notice = _text(terms.get("withdrawal_notice"))
        effects = paragraphs(terms.get("withdrawal_effects"))
        if notice or effects:
            first = (
                f"Une partie peut se retirer de la convention moyennant un préavis de {french_duration(notice)}."
                if notice
                else ""
            )
            blocks.append(Block(heading="Retrait", text=first or effects[0]))
            blocks += [Block(text=p) for p in (effects if first else effects[1:])]
        return blocks

    def article_termination(self) -> list[Block]:
        terms = _dict(self.data.get("termination"))
        blocks: list[Block] = []
        causes = self.coded_list("TerminationCause", terms.get("termination_causes"))
        if causes:
            blocks.append(
                Block(
                    text="La convention peut être résiliée pour les causes suivantes :",
                    items=tuple(
                        lower_first(c) + (" ;" if n < len(causes) else ".") for n, c in enumerate(causes, start=1)
                    ),
                )
            )
        notice = _text(terms.get("notice_period"))
        if notice:
            blocks.append(
                Block(text=f"La résiliation prend effet à l'issue d'un préavis de {french_duration(notice)}.")
            )
        blocks += [Block(text=p) for p in paragraphs(terms.get("description"))]
        fate = self.coded("DataOnTermination", terms.get("data_on_termination"))
        if fate:
            blocks.append(
                Block(
                    heading="Sort des données",
                    text="Lorsque la convention prend fin, les données déjà transmises suivent la règle "
                    f"suivante : {lower_first(fate)}.",
                )
            )
        elif terms or self.data.get("termination") is not None:
            blocks.append(Block(heading="Sort des données", text=SILENT, neutral=True))
        return blocks

    def article_liability(self) -> list[Block]:
        return [Block(text=p) for p in paragraphs(self.data.get("liability"))]

    def article_disputes(self) -> list[Block]:
        terms = _dict(self.data.get("dispute_resolution"))
        blocks: list[Block] = []
        period = _text(terms.get("amicable_settlement_period"))
        if period:
            blocks.append(
                Block(
                    text="Les parties recherchent une solution amiable pendant un délai de "
                    f"{french_duration(period)} avant toute action contentieuse."
                )
            )
        blocks += [Block(text=p) for p in paragraphs(terms.get("mediation"))]
        court = _text(terms.get("competent_court"))
        if court:
            blocks.append(
                Block(
                    text=f"À défaut d'accord, le litige est porté devant le {court}."
                    if court.lower().startswith("tribunal")
                    else f"À défaut d'accord, le litige est porté devant la juridiction suivante : {court}."
                )
            )
        return blocks

    def article_documents(self) -> list[Block]:
        blocks: list[Block] = []
        documents = [d for d in _items(self.data.get("contract_documents")) if isinstance(d, dict)]
        if documents:
            ranked = sorted(
                enumerate(documents),
                key=lambda pair: (pair[1].get("rank") if isinstance(pair[1].get("rank"), int) else 10**6, pair[0]),
            )
            blocks.append(
                Block(
                    text="Les documents contractuels sont les suivants ; en cas de contradiction, le document "
                    "cité en premier prévaut sur les suivants :",
                    items=tuple(
                        f"{position}. {self.document_line(d)}" for position, (_, d) in enumerate(ranked, start=1)
                    ),
                )
            )
        else:
            blocks.append(
                Block(
                    text="La convention ne fixe pas d'ordre de priorité entre ses documents contractuels.", neutral=True
                )
            )
        if self.datasets:
            blocks.append(
                Block(
                    text=f"Les fiches des jeux de données ({self._sheets_phrase()}) font partie "
                    "de la présente convention."
                )
            )
        annexes = [self.document_line(d) for d in _items(self.data.get("annexes"))]
        if annexes:
            blocks.append(Block(text="La convention mentionne en outre les documents suivants :", items=tuple(annexes)))
        return blocks

    # -- dataset sheet ------------------------------------------------------------------------

    def sheet(self, index: int, count: int, dataset: dict[str, Any], findings: tuple[FindingView, ...]) -> DatasetSheet:
        sharing = _dict(dataset.get("sharing"))
        protection = _dict(dataset.get("protection"))
        groups = (
            TermGroup("Identification", self._identification(dataset)),
            TermGroup("Production et mise à disposition", self._production(dataset)),
            TermGroup("Conditions de partage", self._sharing(sharing)),
            TermGroup("Propriété intellectuelle", self._property_terms(sharing)),
            TermGroup("Protection des données", self._protection(protection)),
            TermGroup("Sécurité, hébergement et conservation", self._security(protection)),
        )
        policy = _dict(dataset.get("usage_policy"))
        return DatasetSheet(
            number=index + 1,
            count=count,
            title=_text(dataset.get("title")) or _text(dataset.get("id")) or f"Jeu de données n° {index + 1}",
            description=paragraphs(dataset.get("description")),
            groups=tuple(TermGroup(g.title, g.terms) for g in groups if g.terms),
            findings=findings,
            recipients_note=self._recipients_note(sharing),
            permissions=tuple(self.rule_sentence("permission", r) for r in _items(policy.get("permissions"))),
            prohibitions=tuple(self.rule_sentence("prohibition", r) for r in _items(policy.get("prohibitions"))),
            duties=tuple(self.rule_sentence("obligation", r) for r in _items(policy.get("obligations"))),
            annex_number=index + 1,
        )

    def _recipients_note(self, sharing: dict[str, Any]) -> str:
        recipients = self.parties_named(sharing.get("recipients"))
        if _text(sharing.get("access_level")) == "PUBLIC" and not recipients:
            return "Les données étant ouvertes, « le destinataire » désigne tout réutilisateur."
        if recipients:
            several = len(recipients) > 1
            return (
                "« Le destinataire » désigne "
                + ("chacun des destinataires autorisés" if several else "le destinataire autorisé")
                + " : "
                f"{join_and(list(recipients))}."
            )
        return "« Le destinataire » désigne toute partie qui reçoit les données ; la convention n'en fixe pas la liste."

    def _identification(self, dataset: dict[str, Any]) -> tuple[Term, ...]:
        qpv = tuple(self.qpv(code) for code in _items(dataset.get("covered_qpv")) if _text(code))
        terms = [
            Term("Producteur", self.parties_named(dataset.get("producer")), "producer"),
            Term("Catégorie de données", self.coded_list("DataCategory", dataset.get("category")), "category"),
            Term("Quartiers prioritaires couverts", qpv, "covered_qpv", inline=True),
            Term("Thèmes", self.coded_list("DataTheme", dataset.get("themes")), "themes", inline=True),
            Term("Mots-clés", _unique(_text(k) for k in _items(dataset.get("keywords"))), "keywords", inline=True),
            Term("Identifiant", (_text(dataset.get("id")),) if _text(dataset.get("id")) else (), "id"),
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
            Term(
                "Page du jeu de données",
                (_text(dataset.get("landing_page")),) if _text(dataset.get("landing_page")) else (),
                "landing_page",
            ),
            Term("Distributions", self._distributions(dataset.get("distributions")), "distributions"),
            Term("Première mise à disposition", (french_date(first),) if first else (), "first_available_on"),
            Term("Durée de production", (period,) if period else (), "production_period"),
        ]
        return self._keep(
            terms,
            always={"spatial_granularity", "temporal_granularity", "update_frequency", "formats", "production_period"},
        )

    def _distributions(self, value: Any) -> tuple[str, ...]:
        lines = []
        for distribution in _items(value):
            if isinstance(distribution, dict):
                parts = [
                    _text(distribution.get("title")),
                    self.coded("FileType", distribution.get("format")),
                    f"accès : {_text(distribution.get('access_url'))}" if _text(distribution.get("access_url")) else "",
                    f"téléchargement : {_text(distribution.get('download_url'))}"
                    if _text(distribution.get("download_url"))
                    else "",
                ]
                lines.append(" – ".join(p for p in parts if p))
        return tuple(line for line in lines if line)

    def _sharing(self, sharing: dict[str, Any]) -> tuple[Term, ...]:
        access = _text(sharing.get("access_level"))
        purposes = list(self.coded_list("Purpose", sharing.get("purposes")))
        for local in _items(sharing.get("local_purposes")):
            if isinstance(local, dict) and _text(local.get("title")):
                purposes.append(self.local_purpose(local))
        recipients = self.parties_named(sharing.get("recipients"))
        if not recipients and access == "PUBLIC":
            recipients = ("Tout réutilisateur (données ouvertes)",)
        ground = list(self.coded_list("NonOpeningGround", sharing.get("non_opening_ground")))
        reference = self.legal_reference(sharing.get("non_opening_reference"))
        if reference:
            ground.append(f"Fondement : {reference}")
        lifted = self.legal_reference(sharing.get("secrecy_lifted_by"))
        altruism = []
        if sharing.get("altruism_consent"):
            altruism.append(f"Consentement recueilli : {self.document_line(sharing.get('altruism_consent'))}")
        if isinstance(sharing.get("compensation_limited_to_costs"), bool):
            altruism.append(
                "Aucune rémunération ne dépasse la compensation des coûts de la mise à disposition."
                if sharing.get("compensation_limited_to_costs")
                else "La rémunération n'est pas limitée à la compensation des coûts de la mise à disposition."
            )
        terms = [
            Term("Niveau d'accès", (self.coded("AccessRight", access),) if access else (), "access_level"),
            Term("Licence", self.coded_list("Licence", sharing.get("licence")), "licence"),
            Term("Motif de non-ouverture", tuple(ground), "nog"),
            Term("Texte levant le secret", (upper_first(lifted),) if lifted else (), "secrecy_lifted_by"),
            Term("Finalités", _unique(purposes), "purposes"),
            Term("Destinataires autorisés", recipients, "recipients"),
            Term("Coût", self._cost(sharing.get("cost")), "cost"),
            Term(
                "Mode de mobilisation",
                self.coded_list("MobilisationMechanism", sharing.get("mobilisation_mechanism")),
                "mobilisation_mechanism",
            ),
            Term("Altruisme en matière de données", tuple(altruism), "altruism"),
            Term(
                "Contrat de concession",
                (self.document_line(sharing.get("concession_contract")),) if sharing.get("concession_contract") else (),
                "concession_contract",
            ),
            Term("Autres conditions de réutilisation", paragraphs(sharing.get("reuse_conditions")), "reuse_conditions"),
        ]
        return self._keep(terms, always={"access_level", "licence", "purposes", "recipients", "cost"})

    def local_purpose(self, local: dict[str, Any]) -> str:
        broader = self.coded("Purpose", local.get("broader_purpose"))
        detail = _text(local.get("description"))
        text = _text(local.get("title")) + (f" (au titre de : {lower_first(broader)})" if broader else "")
        return text + (f" : {detail}" if detail else "")

    def _property_terms(self, sharing: dict[str, Any]) -> tuple[Term, ...]:
        licence_terms = _dict(sharing.get("licence_terms"))
        lines = []
        rights = self.coded_list("LicensedRight", licence_terms.get("licensed_rights"))
        if rights:
            lines.append("Droits concédés : " + ", ".join(lower_first(r) for r in rights))
        if isinstance(licence_terms.get("exclusive"), bool):
            lines.append("Licence exclusive" if licence_terms.get("exclusive") else "Licence non exclusive")
        if _text(licence_terms.get("licence_duration")):
            lines.append(f"Durée : {french_duration(_text(licence_terms.get('licence_duration')))}")
        if _text(licence_terms.get("territory")):
            lines.append(f"Territoire : {_text(licence_terms.get('territory'))}")
        terms = [
            Term(
                "Titulaires des droits",
                self.parties_named(sharing.get("ip_holders", sharing.get("ip_holder"))),  # ip_holder: version 0.1
                "ip_holder",
            ),
            Term("Producteur de la base de données", self.parties_named(sharing.get("database_right_holder")), "sui"),
            Term("Conditions de la licence", tuple(lines), "licence_terms"),
            Term(
                "Droits sur les résultats", paragraphs(sharing.get("derived_results_rights")), "derived_results_rights"
            ),
        ]
        return self._keep(terms, always=set())

    def _cost(self, value: Any) -> tuple[str, ...]:
        cost = _dict(value)
        kind = _text(cost.get("cost_kind"))
        if not kind and not cost:
            return ()
        label = self.coded("CostKind", kind) if kind else "Modalité financière non fixée"
        details = []
        if cost.get("amount") is not None and _text(cost.get("amount")):
            details.append(f"{french_amount(cost.get('amount'), cost.get('currency') or 'EUR')} HT")
        if _text(cost.get("cost_basis")):
            details.append(_text(cost.get("cost_basis")))
        return (label + (" : " + ", ".join(details) if details else ""),)

    def _gdpr_roles(self, protection: dict[str, Any]) -> list[str]:
        roles = [f"{name} (responsable de traitement)" for name in self.parties_named(protection.get("controller"))]
        roles += [f"{name} (sous-traitant)" for name in self.parties_named(protection.get("processors"))]  # 0.1
        for role in _items(protection.get("gdpr_roles")):
            if isinstance(role, dict):
                agreement = _dict(role.get("role_agreement"))
                label = (
                    f"{self.party(role.get('party'))} : {lower_first(self.coded('GdprRole', role.get('gdpr_role')))}"
                )
                if agreement:
                    label += f" ({self.document_line(agreement)})"
                roles.append(label)
        return list(_unique(roles))

    def _protection(self, protection: dict[str, Any]) -> tuple[Term, ...]:
        kind = _text(protection.get("personal_data"))
        special = protection.get("special_category_data")
        dpia = protection.get("dpia_completed")  # version 0.1
        assessment = _dict(protection.get("dpia"))
        if assessment:
            done = _text(assessment.get("completed_on"))
            reference = _text(assessment.get("reference"))
            url = _text(assessment.get("url"))
            dpia_text: tuple[str, ...] = (
                "Réalisée"
                + (f" le {french_date(done)}" if done else "")
                + (f", {reference}" if reference else "")
                + (f" – {url}" if url else ""),
            )
        else:
            dpia_text = (("Réalisée" if dpia else "Non réalisée"),) if isinstance(dpia, bool) else ()
        techniques = self.coded_list("AnonymisationTechnique", protection.get("anonymisation_techniques"))
        pseudonymisation = _dict(protection.get("pseudonymisation"))
        pseudo_lines: list[str] = []
        if pseudonymisation or kind == "PSEUDONYMISED":
            pseudo_lines.append(
                "Données pseudonymisées : elles restent des données à caractère personnel (RGPD, art. 4.5)"
            )
            pseudo_lines += paragraphs(pseudonymisation.get("description"))
            holder = self.party(pseudonymisation.get("key_holder"))
            if holder:
                pseudo_lines.append(f"Clé de correspondance conservée séparément par {holder}")
        threshold = protection.get("statistical_secrecy_threshold")
        secrecy: tuple[str, ...] = ()
        if threshold is not None and _text(threshold):
            secrecy = (
                f"Effectif minimal de {french_integer(threshold)} unités statistiques par case diffusée ; "
                "en deçà, la valeur est occultée",
            )
        national = tuple(
            upper_first(t)
            for t in (self.legal_reference(r) for r in _items(protection.get("national_legal_basis")))
            if t
        )
        breach = _text(protection.get("breach_notification_delay"))
        gdpr = {"special_category_data", "legal_bases", "gdpr_roles", "dpia_completed"}
        terms = [
            Term("Données personnelles", (self.coded("PersonalDataKind", kind),) if kind else (), "personal_data"),
            Term(
                "Catégories particulières (RGPD, art. 9)",
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
            Term("Texte fondant le traitement", national, "national_legal_basis"),
            Term("Rôles (RGPD)", tuple(self._gdpr_roles(protection)), "gdpr_roles"),
            Term("Analyse d'impact (AIPD)", dpia_text, "dpia_completed"),
            Term(
                "Information des personnes",
                paragraphs(protection.get("data_subject_information")),
                "data_subject_information",
            ),
            Term("Exercice des droits", paragraphs(protection.get("rights_handling")), "rights_handling"),
            Term("Techniques d'anonymisation et d'occultation", techniques, "anonymisation"),
            Term("Pseudonymisation", tuple(pseudo_lines), "pseudonymisation"),
            Term("Secret statistique", secrecy, "secrecy_threshold"),
            Term(
                "Délai de notification d'une violation",
                (f"{french_duration(breach)} après sa découverte, au producteur",) if breach else (),
                "breach_notification_delay",
            ),
        ]
        always = {"personal_data"} | (gdpr if kind in PERSONAL_KINDS else set())
        if kind not in ("NONE", ""):
            always |= {"anonymisation"}
        return self._keep(terms, always=always)

    def _security(self, protection: dict[str, Any]) -> tuple[Term, ...]:
        technical = self.coded_list("TechnicalMeasure", protection.get("technical_measures"))
        organisational = self.coded_list("OrganisationalMeasure", protection.get("organisational_measures"))
        security = []
        if technical:
            security.append("Mesures techniques : " + ", ".join(lower_first(t) for t in technical))
        if organisational:
            security.append("Mesures organisationnelles : " + ", ".join(lower_first(t) for t in organisational))
        retention = _text(protection.get("retention_period"))
        terms = [
            Term("Sécurité", _unique(security), "security"),
            Term("Hébergement", self._hosting(protection.get("hosting")), "hosting"),
            Term("Transfert", self._transfer(protection.get("transfer")), "transfer"),
            Term("Durée de conservation", (french_duration(retention),) if retention else (), "retention_period"),
            Term("Conditions de destruction", paragraphs(protection.get("destruction_conditions")), "destruction"),
        ]
        always = {"security", "hosting", "transfer", "retention_period", "destruction"}
        return self._keep(terms, always=always)

    def _hosting(self, value: Any) -> tuple[str, ...]:
        hosting = _dict(value)
        location = self.coded("HostingLocation", hosting.get("hosting_location"))
        provider = _text(hosting.get("provider"))
        certifications = self.coded_list("HostingCertification", hosting.get("certifications"))
        basis = self.coded("TransferBasis", hosting.get("chapter_v_basis"))
        lines = []
        if location or provider:
            lines.append(", ".join(v for v in (location, f"hébergeur : {provider}" if provider else "") if v))
        if certifications:
            lines.append("Certifications : " + ", ".join(certifications))
        if basis:
            lines.append(f"Fondement du transfert hors de l'Union européenne : {lower_first(basis)}")
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

    # -- usage policy in plain French ---------------------------------------------------------

    def _action(self, rule: dict[str, Any]) -> str:
        code = _text(rule.get("action"))
        phrase = action_phrase(code, self.coded("PolicyAction", code))
        conditions = [c for c in (self._constraint(_dict(c)) for c in _items(rule.get("constraints"))) if c]
        return phrase + (", " + " et ".join(conditions) if conditions else "")

    def rule_sentence(self, kind: str, value: Any) -> str:
        """« Le destinataire peut diffuser les données, à condition de citer la source des données. »"""
        rule = _dict(value)
        action = self._action(rule)
        if kind == "permission":
            text = f"Le destinataire peut {action}"
            duties = [self._action(_dict(d)) for d in _items(rule.get("duties"))]
            if duties:
                text += f", à condition de {join_and(duties)}"
        elif kind == "prohibition":
            text = f"Il est interdit de {action}" if action[:1] not in "aeiouyéèêh" else f"Il est interdit d'{action}"
        else:
            text = f"Le destinataire doit {action}"
        text = _sentence(text)
        description = _text(rule.get("description"))
        if description:
            text += f" Précision : {_sentence(lower_first(description))}"
        return text

    def _constraint(self, constraint: dict[str, Any]) -> str:
        """A constraint as a lawyer would write it: « pour les finalités suivantes : … », « jusqu'au … »."""
        operand, operator = _text(constraint.get("left_operand")), _text(constraint.get("operator"))
        purpose_list = [lower_first(p) for p in self.coded_list("Purpose", constraint.get("purpose_values"))]
        purposes = join_and(purpose_list)
        places = join_and([self.qpv(code) for code in _items(constraint.get("qpv_values"))])
        day = _text(constraint.get("date_value"))
        delay = _text(constraint.get("duration_value"))
        count = constraint.get("count_value")
        several = len(purpose_list) > 1
        phrases = {
            (
                "purpose",
                "isAnyOf",
            ): f"pour {'les finalités suivantes' if several else 'la finalité suivante'} : {purposes}",
            ("purpose", "eq"): f"pour la finalité suivante : {purposes}",
            (
                "purpose",
                "isNoneOf",
            ): f"sauf pour {'les finalités suivantes' if several else 'la finalité suivante'} : {purposes}",
            ("spatial", "isAnyOf"): f"dans les quartiers suivants : {places}",
            ("spatial", "isPartOf"): f"dans les quartiers suivants : {places}",
            ("dateTime", "lteq"): f"jusqu'au {french_date(day)}" if day else "",
            ("dateTime", "lt"): f"avant le {french_date(day)}" if day else "",
            ("dateTime", "gteq"): f"à partir du {french_date(day)}" if day else "",
            ("elapsedTime", "lteq"): f"au plus tard {french_duration(delay)} après leur réception" if delay else "",
            ("delayPeriod", "lteq"): f"dans un délai de {french_duration(delay)}" if delay else "",
            ("count", "gteq"): f"pour un effectif d'au moins {french_integer(count)}" if count is not None else "",
        }
        phrase = phrases.get((operand, operator))
        if phrase:
            return phrase
        values = [
            v for v in (purposes, places, french_date(day) if day else "", french_duration(delay) if delay else "") if v
        ]
        if count is not None:
            values.append(french_integer(count))
        label = lower_first(self.coded("ConstraintOperand", operand))
        return f"{label} {self.coded('ConstraintOperator', operator)} {', '.join(values)}".strip()

    @staticmethod
    def _keep(terms: list[Term], always: set[str]) -> tuple[Term, ...]:
        """The terms that always appear (an empty one says the point is not fixed) and the optional ones given."""
        return tuple(t for t in terms if t.key in always or not t.missing)

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
        counts = f"{count_of(errors, 'erreur')}, {count_of(warnings, 'avertissement')}"
        if errors:
            summary = f"NON VALIDE : {counts}"
        elif warnings:
            summary = f"Valide, avec {count_of(warnings, 'avertissement')}"
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


AnnexBuilder = ConventionBuilder  # former name (0.1)


def build_convention(
    data: dict[str, Any],
    report: FileReport,
    source: str = "",
    standard_version: str = "",
    source_sha256: str = "",
) -> Convention:
    """The convention, ready for the templates (`source` is reduced to its file name)."""
    return ConventionBuilder(data, report, source, standard_version, source_sha256).build()


build_annex = build_convention  # former name (0.1)
