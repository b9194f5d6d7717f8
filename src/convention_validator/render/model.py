"""The plain structures the convention and avenant templates display: every value already worded in French.

A `Convention` is the convention itself (parties, visas, préambule, numbered articles, one annex
sheet per dataset, signature blocks for the signatories, and a last, non-contractual page with the
automatic check); an `Amendment` is the avenant between two versions. `Annex` is the former name of
`Convention`, kept for the Python API.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_SPECIFIED = "point non fixé par la convention"


@dataclass(frozen=True)
class Term:
    """One agreed term of a dataset sheet: a label and its values (none: the term is not fixed)."""

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
    recipients_note: str = ""  # who « le destinataire » designates in this sheet
    permissions: tuple[str, ...] = ()  # « Le destinataire peut … »
    prohibitions: tuple[str, ...] = ()  # « Il est interdit de … »
    duties: tuple[str, ...] = ()  # « Le destinataire doit … »
    annex_number: int = 0  # number of the annex (the sheet's number unless the avenant renumbers)

    @property
    def annex_label(self) -> str:
        return f"Annexe {self.annex_number or self.number}"

    @property
    def heading(self) -> str:
        return f"{self.annex_label} – Fiche du jeu de données"

    @property
    def has_rules(self) -> bool:
        return bool(self.permissions or self.prohibitions or self.duties)

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
class Block:
    """A paragraph of an article: text, an optional list of items, or a quotation (text signed elsewhere)."""

    text: str = ""
    items: tuple[str, ...] = ()
    heading: str = ""  # a sub-heading shown before the text (« 4.1 – Données ouvertes »)
    quote: tuple[str, ...] = ()  # paragraphs quoted as written (« ainsi rédigé : … »)
    neutral: bool = False  # the sentence says the document is silent on the point


@dataclass(frozen=True)
class Article:
    """A numbered article: « Article 1er – Objet »."""

    number: int
    title: str
    anchor: str
    blocks: tuple[Block, ...]

    @property
    def label(self) -> str:
        return "Article 1er" if self.number == 1 else f"Article {self.number}"

    @property
    def heading(self) -> str:
        return f"{self.label} – {self.title}"


@dataclass(frozen=True)
class PartyClause:
    """One party as the « Entre : » list names it (« la Ville de Nantes, représentée par … »)."""

    text: str
    name: str
    siren: str


@dataclass(frozen=True)
class SignatureBlock:
    """The signature block of a signatory: « Pour l'État, », the function, the name and the empowering act."""

    for_whom: str  # « Pour l'État, »
    function: str  # « Le préfet du Gers »
    holder_name: str
    empowered_by: str  # « Délibération du conseil municipal du 11 avril 2024 »
    party_name: str


@dataclass(frozen=True)
class SignaturePage:
    place_and_date: str  # « Fait à …, le 27 juin 2024, en 3 exemplaires originaux. »
    blocks: tuple[SignatureBlock, ...]


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
class Convention:
    """The convention, in the order it is printed."""

    title: str
    description: tuple[str, ...]
    facts: tuple[Fact, ...]
    covered_qpv: tuple[str, ...]
    draft: bool
    parties: tuple[PartyView, ...]
    party_clauses: tuple[PartyClause, ...]
    visas: tuple[str, ...]
    preamble: tuple[Block, ...]
    articles: tuple[Article, ...]
    sheets: tuple[DatasetSheet, ...]
    signatures: SignaturePage
    validation: ValidationView
    source: str  # the file name only, never a local path
    source_sha256: str
    standard_version: str
    signed_on: str = ""  # ISO date of the last signature, for the document metadata
    not_specified: str = NOT_SPECIFIED
    kind: str = "convention"

    @property
    def signatories(self) -> tuple[SignatureBlock, ...]:
        return self.signatures.blocks

    def article(self, anchor: str) -> Article:
        return next(article for article in self.articles if article.anchor == anchor)


Annex = Convention  # former name (0.1): the API keeps it


@dataclass(frozen=True)
class Amendment:
    """The avenant between two versions of a convention."""

    title: str
    convention_title: str
    number: str  # « 1 », or « … » when it cannot be told
    draft: bool
    party_clauses: tuple[PartyClause, ...]
    visas: tuple[str, ...]
    preamble: tuple[Block, ...]
    articles: tuple[Article, ...]
    sheets: tuple[DatasetSheet, ...]  # sheets of the datasets the avenant adds, annexed to it
    signatures: SignaturePage
    validation: ValidationView  # of the new version
    source: str  # file name of the new version
    source_sha256: str
    old_source: str
    old_source_sha256: str
    standard_version: str
    changes: int
    signed_on: str = ""
    not_specified: str = NOT_SPECIFIED
    kind: str = "amendment"

    @property
    def signatories(self) -> tuple[SignatureBlock, ...]:
        return self.signatures.blocks
