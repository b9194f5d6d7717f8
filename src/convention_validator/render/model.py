"""The plain structures the annex templates display: every value already worded in French."""

from __future__ import annotations

from dataclasses import dataclass

NOT_SPECIFIED = "non précisé"


@dataclass(frozen=True)
class Term:
    """One agreed term of a dataset sheet: a label and its values (none: 'non précisé')."""

    label: str
    values: tuple[str, ...] = ()
    key: str = ""  # the term's stable name (for tests and CSS), e.g. "licence"
    inline: bool = False  # short values written on one line, separated by commas

    @property
    def missing(self) -> bool:
        return not self.values


@dataclass(frozen=True)
class TermGroup:
    title: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class FindingView:
    """A validator finding as the annex shows it."""

    severity: str  # error, warning, info
    severity_label: str
    code: str
    message: str
    location: str
    pointer: str


@dataclass(frozen=True)
class DatasetSheet:
    number: int
    count: int
    title: str
    description: tuple[str, ...]
    groups: tuple[TermGroup, ...]
    findings: tuple[FindingView, ...] = ()

    @property
    def terms(self) -> dict[str, Term]:
        return {term.key: term for group in self.groups for term in group.terms}


@dataclass(frozen=True)
class PartyView:
    name: str
    siren: str
    party_type: str
    roles: tuple[str, ...]
    description: tuple[str, ...]
    contacts: tuple[str, ...]


@dataclass(frozen=True)
class ClauseView:
    kind: str
    article: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class EthicsRuleView:
    title: str
    paragraphs: tuple[str, ...]
    charter: str
    url: str


@dataclass(frozen=True)
class GovernanceView:
    name: str
    chairs: tuple[str, ...]
    members: tuple[str, ...]
    meeting_frequency: str
    description: tuple[str, ...]


@dataclass(frozen=True)
class WorkItemView:
    title: str
    description: tuple[str, ...]
    lead: str
    datasets: tuple[str, ...]
    due_date: str


@dataclass(frozen=True)
class LabelView:
    name: str
    issuer: str
    obtained_on: str
    url: str


@dataclass(frozen=True)
class DocumentView:
    title: str
    url: str
    signed_on: str


@dataclass(frozen=True)
class ValidationView:
    """The validation status printed on the title page and in the last section."""

    valid: bool
    errors: int
    warnings: int
    infos: int
    counts: str  # "1 erreur, 0 avertissement"
    summary: str
    stages: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class Fact:
    """A labelled line of the title page."""

    label: str
    value: str


@dataclass(frozen=True)
class Annex:
    """Everything the annex shows, in display order."""

    title: str
    description: tuple[str, ...]
    facts: tuple[Fact, ...]
    covered_qpv: tuple[str, ...]
    clauses: tuple[ClauseView, ...]
    parties: tuple[PartyView, ...]
    sheets: tuple[DatasetSheet, ...]
    ethics_rules: tuple[EthicsRuleView, ...]
    governance: GovernanceView | None
    work_programme: tuple[WorkItemView, ...]
    labels: tuple[LabelView, ...]
    evaluation_commitments: tuple[str, ...]
    annexes: tuple[DocumentView, ...]
    agreements: tuple[DocumentView, ...]
    validation: ValidationView
    source: str
    standard_version: str
    not_specified: str = NOT_SPECIFIED

    @property
    def chapters(self) -> tuple[tuple[str, str], ...]:
        """(anchor, title) of each chapter after the title page, in order; optional ones when present."""
        documents = self.labels or self.evaluation_commitments or self.annexes or self.agreements
        found = [
            ("parties", "Parties et rôles"),
            ("clauses", "Clauses adoptées"),
            ("jeux-de-donnees", "Fiches des jeux de données"),
            ("gouvernance", "Gouvernance"),
            ("ethique", "Règles éthiques"),
            ("programme", "Programme de travail") if self.work_programme else None,
            ("documents", "Labels, évaluation et documents liés") if documents else None,
            ("validation", "Statut de validation"),
            ("signatures", "Signatures"),
        ]
        return tuple(chapter for chapter in found if chapter)

    def number(self, anchor: str) -> int:
        """The chapter number of an anchor (1-based)."""
        return [a for a, _ in self.chapters].index(anchor) + 1
