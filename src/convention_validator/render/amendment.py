"""The avenant between two versions of a convention, worded from the changes `diff` finds.

Nothing is compared here: the changes are those of `authoring.diff.diff_conventions`, the same
that `convention-validator diff` lists. Each is placed in the article or annex of the convention it
modifies (the articles are numbered as `render` numbers them) and worded the way amendments are
drafted in French law: « Les mots « … » sont remplacés par les mots « … » », « Il est ajouté un
alinéa ainsi rédigé : … », « La rubrique « … » est supprimée ».
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from convention_validator.authoring.diff import Change, diff_conventions
from convention_validator.findings import FileReport
from convention_validator.render.build import (
    ARTICLE_NUMBERS,
    ARTICLE_TITLES,
    ConventionBuilder,
    _dict,
    _text,
)
from convention_validator.render.french import (
    french_amount,
    french_date,
    french_duration,
    french_integer,
    join_and,
    ordinal_article,
    quoted,
    upper_first,
)
from convention_validator.render.model import Amendment, Article, Block, DatasetSheet

# Where each top-level field of a convention is printed: an article anchor, or the visas, préambule, title.
FIELD_TARGETS: dict[str, str] = {
    "title": "title",
    "visas": "visas",
    "preamble": "preamble",
    "subject_matter": "objet",
    "covered_qpv": "objet",
    "city_contract": "objet",
    "definitions": "definitions",
    "commitments": "engagements",
    "period": "duree",
    "entry_into_force": "duree",
    "amendment_procedure": "modification",
    "accession_and_withdrawal": "adhesion",
    "termination": "resiliation",
    "liability": "responsabilite",
    "confidentiality": "securite",
    "dispute_resolution": "differends",
    "contract_documents": "documents",
    "framework": "gouvernance",
    "data_provision_agreements": "acces",
    "annexes": "documents",
}
# Fields that describe the file rather than the stipulations: the avenant itself changes them.
IGNORED_FIELDS = {"@context", "id", "type", "status", "version", "signed_on", "replaces", "description"}
ENTITY_TARGETS = {
    "party": "parties",
    "clause": "preamble",
    "ethics_rule": "gouvernance",
    "work_programme_item": "gouvernance",
    "label": "gouvernance",
    "annex": "documents",
    "data_provision_agreement": "acces",
}
# Free-text fields printed as paragraphs of an article (no rubric heading of their own).
PROSE_FIELDS = {
    "preamble",
    "subject_matter",
    "entry_into_force",
    "amendment_procedure",
    "liability",
    "confidentiality",
}
SHORT = 80
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DURATION = re.compile(r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$")


def _numbered(items: list[str]) -> tuple[str, ...]:
    """« 1° … ; », « 2° … . » (the last item ends with a full stop)."""
    if len(items) == 1:
        return (items[0],)
    found = []
    for index, item in enumerate(items, start=1):
        text = item.rstrip(".")
        found.append(f"{index}° {text[:1].upper() + text[1:]}{'.' if index == len(items) else ' ;'}")
    return tuple(found)


def _words(text: str) -> list[str]:
    return text.split()


def word_change(old: str, new: str) -> tuple[str, str, str] | None:
    """The smallest run of words that differs: (kind, old words, new words), or None if it is not unique.

    kind is "replace", "insert" (new words after the old words given as anchor) or "delete".
    """
    a, b = _words(old), _words(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    old_mid = " ".join(a[start : len(a) - end])
    new_mid = " ".join(b[start : len(b) - end])
    if old_mid and new_mid:
        return ("replace", old_mid, new_mid) if old.count(old_mid) == 1 else None
    if old_mid:
        return ("delete", old_mid, "") if old.count(old_mid) == 1 else None
    if new_mid and start:
        anchor = " ".join(a[max(0, start - 6) : start])
        return ("insert", anchor, new_mid) if old.count(anchor) == 1 else None
    return None


class AmendmentBuilder:
    """Turns the changes between two versions of a convention into an `Amendment`."""

    def __init__(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        new_report: FileReport,
        old_source: str = "",
        new_source: str = "",
        standard_version: str = "",
        number: str | None = None,
        old_sha256: str = "",
        new_sha256: str = "",
    ) -> None:
        self.old_data = old if isinstance(old, dict) else {}
        self.new_data = new if isinstance(new, dict) else {}
        empty = FileReport(file=old_source)
        self.old = ConventionBuilder(self.old_data, empty, old_source, standard_version, old_sha256)
        self.new = ConventionBuilder(self.new_data, new_report, new_source, standard_version, new_sha256)
        self.number = number or self._number()
        self.old_source, self.old_sha256 = PurePath(old_source).name if old_source else "", old_sha256
        self.new_source, self.new_sha256 = PurePath(new_source).name if new_source else "", new_sha256
        self.standard_version = standard_version
        self.changes = diff_conventions(self.old_data, self.new_data)
        self.names = {**self.old.party_names, **self.new.party_names}
        self.titles = {**self.old.dataset_titles, **self.new.dataset_titles}

    def _number(self) -> str:
        """The avenant's number, from the new version (1.1 -> 1, 1.2 -> 2), else « … »."""
        match = re.fullmatch(r"\d+\.(\d+)", _text(self.new_data.get("version")))
        return match.group(1) if match and match.group(1) != "0" else "…"

    # -- values -------------------------------------------------------------------------------

    def value(self, field: str, value: Any) -> str:
        """A value of the document as the convention prints it."""
        from convention_validator.authoring.diff_report import slot_enums

        last = field.rsplit(".", 1)[-1]
        if value is None or value == [] or value == {}:
            return ""
        if isinstance(value, list):
            return " ; ".join(self.item(field, v) for v in value)
        if isinstance(value, dict):
            return self.item(field, value)
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, int | float) and last == "amount":
            return french_amount(value)
        if isinstance(value, int):
            return french_integer(value)
        text = str(value).strip()
        enum = slot_enums().get(last)
        if enum and self.new.labels.knows(enum, text):
            return self.new.labels.value(enum, text)
        if text in self.names:
            return self.names[text]
        if text in self.titles:
            return quoted(self.titles[text])
        if _ISO_DATE.match(text):
            return french_date(text)
        if _ISO_DURATION.match(text):
            return french_duration(text)
        return text

    def item(self, field: str, value: Any) -> str:
        """One item of a list (a visa, a definition, a commitment, a rule…) as the convention prints it."""
        last = field.rsplit(".", 1)[-1]
        if not isinstance(value, dict):
            return self.value(field + ".item", value) if not isinstance(value, list) else self.value(field, value)
        formatters: dict[str, Callable[[dict[str, Any]], str]] = {
            "visas": lambda v: f"Vu {self.new.legal_reference(v)}",
            "definitions": lambda v: f"{quoted(_text(v.get('term')))} : {_text(v.get('definition'))}",
            "commitments": self.new.commitment_text,
            "permissions": lambda v: self.new.rule_sentence("permission", v),
            "prohibitions": lambda v: self.new.rule_sentence("prohibition", v),
            "obligations": lambda v: self.new.rule_sentence("obligation", v),
            "contract_documents": self.new.document_line,
            "annexes": self.new.document_line,
            "data_provision_agreements": self.new.document_line,
            "national_legal_basis": self.new.legal_reference,
            "non_opening_reference": self.new.legal_reference,
            "secrecy_lifted_by": self.new.legal_reference,
            "empowered_by": self.new.legal_reference,
            "local_purposes": self.new.local_purpose,
        }
        if last in formatters:
            return formatters[last](value)
        parts = []
        for key, item in value.items():
            text = self.value(f"{field}.{key}", item)
            if text:
                parts.append(f"{self.new.labels.slot(key).lower()} : {text}")
        return ", ".join(parts)

    def rubric(self, field: str, entity: str) -> str:
        parts = field.split(".")
        if len(parts) > 1 and (entity == "convention" or parts[0] in {"sharing", "protection", "usage_policy"}):
            parts = parts[1:]
        return " – ".join(self.new.labels.slot(p) for p in parts)

    # -- sentences ----------------------------------------------------------------------------

    def field_sentence(self, change: Change) -> str:
        field = change.field or ""
        rubric = self.rubric(field, change.entity)
        prose = change.entity == "convention" and field in PROSE_FIELDS
        where = "" if prose else f"À la rubrique {quoted(rubric)}, "
        old, new = change.old, change.new
        if (old is None or isinstance(old, list)) and (new is None or isinstance(new, list)):
            return self.list_sentence(field, rubric, list(old or []), list(new or []), prose)
        old_text, new_text = self.value(field, old), self.value(field, new)
        if not old_text:
            if prose:
                return f"Il est ajouté un alinéa ainsi rédigé : {quoted(new_text)}."
            return f"Il est ajouté une rubrique {quoted(rubric)} ainsi rédigée : {quoted(new_text)}."
        if not new_text:
            return (
                f"L'alinéa {quoted(old_text)} est supprimé."
                if prose
                else f"La rubrique {quoted(rubric)} est supprimée."
            )
        if len(old_text) <= SHORT and len(new_text) <= SHORT:
            return upper_first(f"{where}les mots {quoted(old_text)} sont remplacés par les mots {quoted(new_text)}.")
        found = word_change(old_text, new_text)
        if found:
            kind, first, second = found
            if kind == "replace":
                text = f"{where}les mots {quoted(first)} sont remplacés par les mots {quoted(second)}."
            elif kind == "delete":
                text = f"{where}les mots {quoted(first)} sont supprimés."
            else:
                text = f"{where}après les mots {quoted(first)}, sont insérés les mots {quoted(second)}."
            return upper_first(text)
        if prose:
            return f"L'alinéa {quoted(old_text)} est remplacé par l'alinéa suivant : {quoted(new_text)}."
        return f"La rubrique {quoted(rubric)} est ainsi rédigée : {quoted(new_text)}."

    def list_sentence(self, field: str, rubric: str, old: list[Any], new: list[Any], prose: bool) -> str:
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        objects = any(isinstance(v, dict) for v in added + removed)
        where = "" if prose else f"À la rubrique {quoted(rubric)}, "
        sentences = []
        if objects:
            added_text = [self.item(field, v) for v in added]
            removed_text = [self.item(field, v) for v in removed]
            if len(added_text) == 1 and len(removed_text) == 1:
                return upper_first(
                    f"{where}l'alinéa {quoted(removed_text[0])} est remplacé par l'alinéa suivant : "
                    f"{quoted(added_text[0])}."
                )
            if removed_text:
                several = len(removed_text) > 1
                sentences.append(
                    f"{where}{'les alinéas' if several else 'l’alinéa'} {' ; '.join(quoted(t) for t in removed_text)} "
                    f"{'sont supprimés' if several else 'est supprimé'}."
                )
            if added_text:
                several = len(added_text) > 1
                sentences.append(
                    f"{where}il est ajouté {'des alinéas ainsi rédigés' if several else 'un alinéa ainsi rédigé'} : "
                    f"{' ; '.join(quoted(t) for t in added_text)}."
                )
        else:
            for values, verb in ((removed, "supprimée"), (added, "ajoutée")):
                texts = [self.value(field + ".item", v) for v in values]
                if texts:
                    several = len(texts) > 1
                    mention = "les mentions" if several else "la mention"
                    sentences.append(
                        f"{where}{mention} {join_and([quoted(t) for t in texts])} "
                        f"{'sont' if several else 'est'} {verb}{'s' if several else ''}."
                    )
        return " ".join(upper_first(s) for s in sentences)

    def entity_sentence(self, change: Change) -> str:
        item = _dict(change.new if change.kind == "added" else change.old)
        label = change.entity_label or change.entity_id
        added = change.kind == "added"
        if change.entity == "party":
            if added:
                return f"Il est ajouté un alinéa ainsi rédigé : {quoted(self.new.party_clause(item).text)}."
            return f"L'alinéa relatif à {self.old.party_clause(item).name} est supprimé."
        if change.entity == "clause":
            kind = self.new.coded("ClauseKind", item.get("clause_kind"))
            if added:
                text = " ".join(_text(p) for p in [item.get("text")] if p)
                return f"Il est ajouté la clause type {quoted(kind)}, ainsi rédigée : {quoted(' '.join(text.split()))}."
            return f"La clause type {quoted(kind)} est supprimée."
        if change.entity == "ethics_rule":
            if added:
                text = " ".join(_text(item.get("text")).split())
                return f"Il est ajouté une règle éthique ainsi rédigée : {quoted(f'{label} : {text}')}."
            return f"La règle éthique {quoted(label)} est supprimée."
        if change.entity == "work_programme_item":
            if added:
                text = " ".join(_text(item.get("description")).split())
                action = f"{label} : {text}" if text else label
                return f"Il est ajouté au programme de travail une action ainsi rédigée : {quoted(action)}."
            return f"L'action {quoted(label)} du programme de travail est supprimée."
        if change.entity == "label":
            return f"Il est ajouté le label {quoted(label)}." if added else f"Le label {quoted(label)} est supprimé."
        if change.entity in ("annex", "data_provision_agreement"):
            line = self.new.document_line(item)
            if added:
                return f"Il est ajouté un alinéa ainsi rédigé : {quoted(line)}."
            return f"L'alinéa mentionnant le document {quoted(label)} est supprimé."
        return f"{'Il est ajouté' if added else 'Il est supprimé'} : {quoted(label)}."

    # -- articles of the avenant --------------------------------------------------------------

    def _target(self, change: Change) -> tuple[int, str] | None:
        """(order, target) where a change applies; None when the avenant does not word it."""
        if change.entity == "dataset":
            if change.kind == "added":
                return (10_000, "new-annexes")
            number = self.old.dataset_numbers.get(change.entity_id)
            return (1_000 + (number or 999), f"annex:{change.entity_id}")
        if change.entity == "convention":
            top = (change.field or "").split(".", 1)[0]
            if top in IGNORED_FIELDS:
                return None
            target = FIELD_TARGETS.get(top, "documents")
            if (change.field or "").startswith("city_contract.period"):
                target = "duree"
        else:
            target = ENTITY_TARGETS.get(change.entity, "documents")
        order = {"title": 0, "visas": 1, "preamble": 2, "parties": 3}
        return (order.get(target, 10 + ARTICLE_NUMBERS.get(target, 0)), target)

    def _intro(self, target: str) -> tuple[str, str]:
        """(heading of the avenant article, sentence that opens it)."""
        if target == "title":
            return "Intitulé de la convention", "L'intitulé de la convention est ainsi modifié :"
        if target == "visas":
            return "Visas", "Les visas de la convention sont ainsi modifiés :"
        if target == "preamble":
            return "Préambule", "Le préambule de la convention est ainsi modifié :"
        if target == "parties":
            return "Parties", "La liste des parties à la convention est ainsi modifiée :"
        if target.startswith("annex:"):
            identity = target.split(":", 1)[1]
            number = self.old.dataset_numbers.get(identity)
            title = self.titles.get(identity, identity)
            name = f"l'annexe {number}" if number else "l'annexe"
            return (
                f"Modification de {name}",
                f"{upper_first(name)} de la convention (fiche du jeu de données {quoted(title)}) est ainsi modifiée :",
            )
        number = ARTICLE_NUMBERS[target]
        return (
            f"Modification de l'article {ordinal_article(number)}",
            f"L'article {ordinal_article(number)} de la convention ({ARTICLE_TITLES[target]}) est ainsi modifié :",
        )

    def build(self) -> Amendment:
        grouped: dict[tuple[int, str], list[Change]] = {}
        for change in self.changes:
            found = self._target(change)
            if found:
                grouped.setdefault(found, []).append(change)
        articles: list[Article] = []
        added_sheets: list[DatasetSheet] = []
        for (_, place), changes in sorted(grouped.items()):
            target = place
            number = len(articles) + 1
            if target == "new-annexes":
                blocks = []
                for change in changes:
                    index = next(
                        (i for i, d in enumerate(self.new.datasets) if _text(d.get("id")) == change.entity_id), None
                    )
                    if index is None:
                        continue
                    sheet = self.new.sheet(index, len(self.new.datasets), self.new.datasets[index], ())
                    sheet = dataclasses.replace(sheet, annex_number=len(added_sheets) + 1)
                    added_sheets.append(sheet)
                    blocks.append(
                        f"Il est ajouté à la convention une annexe {index + 1}, intitulée "
                        f"{quoted('Fiche du jeu de données ' + quoted(sheet.title))}, dont le texte figure en "
                        f"annexe {sheet.annex_number} au présent avenant."
                    )
                several = len(blocks) > 1
                articles.append(
                    Article(
                        number,
                        "Ajout d'annexes" if several else "Ajout d'une annexe",
                        f"article-{number}",
                        (Block(items=_numbered(blocks)),) if several else (Block(text=blocks[0]),),
                    )
                )
                continue
            removed = [c for c in changes if c.entity == "dataset" and c.kind == "removed"]
            if removed:
                old_number = self.old.dataset_numbers.get(removed[0].entity_id)
                articles.append(
                    Article(
                        number,
                        f"Suppression de l'annexe {old_number}",
                        f"article-{number}",
                        (
                            Block(
                                text=f"L'annexe {old_number} de la convention (fiche du jeu de données "
                                f"{quoted(removed[0].entity_label)}) est supprimée."
                            ),
                        ),
                    )
                )
                continue
            heading, intro = self._intro(target)
            sentences = [
                self.field_sentence(c) if c.kind == "changed" and c.field else self.entity_sentence(c) for c in changes
            ]
            sentences = [s for s in sentences if s]
            if not sentences:
                continue
            articles.append(
                Article(number, heading, f"article-{number}", (Block(text=intro, items=_numbered(sentences)),))
            )
        if not articles:
            articles.append(
                Article(
                    1,
                    "Objet",
                    "article-1",
                    (Block(text="Le présent avenant ne modifie aucune stipulation de la convention.", neutral=True),),
                )
            )
        final = [
            Block(text="Le présent avenant entre en vigueur à la date de sa signature par la dernière des parties."),
            Block(text="Les autres stipulations de la convention demeurent inchangées."),
        ]
        version = _text(self.new_data.get("version"))
        if version:
            final.append(
                Block(text=f"La convention modifiée par le présent avenant porte le numéro de version {version}.")
            )
        articles.append(Article(len(articles) + 1, "Entrée en vigueur", f"article-{len(articles) + 1}", tuple(final)))
        convention_title = _text(self.old_data.get("title")) or _text(self.new_data.get("title")) or "Convention"
        named = convention_title[:1].lower() + convention_title[1:]
        if not named.startswith("convention"):
            named = f"convention {quoted(convention_title)}"
        return Amendment(
            title=f"Avenant n° {self.number} à la {named}",
            convention_title=convention_title,
            number=self.number,
            draft=_text(self.new_data.get("status")) == "DRAFT",
            party_clauses=self.new.party_clauses(),
            visas=self.visas(named),
            preamble=(
                Block(
                    text="Les parties sont convenues de modifier la convention dans les conditions fixées par le "
                    f"présent avenant, conformément à son article {ARTICLE_NUMBERS['modification']} (Modification)."
                ),
            ),
            articles=tuple(articles),
            sheets=tuple(added_sheets),
            signatures=self.new.signature_page(),
            validation=self.new.validation(),
            source=self.new_source,
            source_sha256=self.new_sha256,
            old_source=self.old_source,
            old_source_sha256=self.old_sha256,
            standard_version=self.standard_version,
            changes=len(self.changes),
            signed_on=_text(self.new_data.get("signed_on"))
            if _ISO_DATE.match(_text(self.new_data.get("signed_on")))
            else "",
        )

    def visas(self, named: str) -> tuple[str, ...]:
        signed = _text(self.old_data.get("signed_on"))
        version = _text(self.old_data.get("version"))
        text = f"Vu la {named}"
        if signed:
            text += f", signée le {french_date(signed)}"
        if version:
            text += f" (version {version})"
        found = [text + " ;"]
        article = ARTICLE_NUMBERS["modification"]
        procedure = " ".join(_text(self.old_data.get("amendment_procedure")).split())
        clause = f"Vu l'article {ordinal_article(article)} de la convention, relatif à sa modification"
        found.append(clause + (f", qui stipule : {quoted(procedure)} ;" if procedure else " ;"))
        return tuple(found)


def build_amendment(old: dict[str, Any], new: dict[str, Any], new_report: FileReport, **options: Any) -> Amendment:
    """The avenant that takes a convention from `old` to `new` (plain JSON data of both versions).

    `options` are the keyword arguments of `AmendmentBuilder` (sources, hashes, version, number).
    """
    return AmendmentBuilder(old, new, new_report, **options).build()


def amendment_for_files(old: str | Path, new: str | Path, number: str | None = None) -> Amendment:
    """Read both versions, validate the new one and build the avenant (raises LoadError if unreadable)."""
    from convention_validator.loaders import load_path
    from convention_validator.validator import Validator

    validator = Validator(lang="fr")
    old_document = load_path(old, validator.limits)
    new_document = load_path(new, validator.limits)
    report = validator.validate_document(new_document)
    return build_amendment(
        old_document.data,
        new_document.data,
        report,
        old_source=str(old),
        new_source=str(new),
        standard_version=validator.standard.version,
        number=number,
        old_sha256=hashlib.sha256(Path(old).read_bytes()).hexdigest(),
        new_sha256=hashlib.sha256(Path(new).read_bytes()).hexdigest(),
    )
