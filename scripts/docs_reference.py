"""Reference pages of the model, generated from the LinkML schema into docs/reference/.

Build-time only (imports linkml). One page per class, per slot and per enumeration, an index (written
by ``scripts/generate_docs_reference.py``), and the list of terms minted in the standard's namespace
with the page each resolves to.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from linkml_runtime.utils.schemaview import SchemaView

from docs_publication import TermTarget

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "clauses_data.yaml"
BASE = "reference"

# class -> handwritten page of the model explained (docs/modele/) that introduces it
CONCEPT_PAGES = {
    "Convention": "convention",
    "CityContract": "convention",
    "Clause": "convention",
    "Document": "convention",
    "Period": "convention",
    "Party": "parties",
    "Contact": "parties",
    "Dataset": "jeux-de-donnees",
    "SharingTerms": "partage",
    "LocalPurpose": "partage",
    "Cost": "partage",
    "DataProtection": "protection",
    "Hosting": "hebergement-securite",
    "Transfer": "hebergement-securite",
    "PartnershipFramework": "cadre",
    "EthicsRule": "cadre",
    "GovernanceCommittee": "cadre",
    "WorkProgrammeItem": "cadre",
    "Label": "cadre",
}


@cache
def schema_view() -> SchemaView:
    logging.getLogger("linkml_runtime").setLevel(logging.ERROR)
    return SchemaView(str(SCHEMA), merge_imports=True)


def class_path(name: str) -> str:
    return f"{BASE}/classes/{name}.md"


def slot_path(name: str) -> str:
    return f"{BASE}/slots/{name}.md"


def enum_path(name: str) -> str:
    return f"{BASE}/enums/{name}.md"


def _page_url(path: str) -> str:
    """Site address of a generated page (the offline plugin sets use_directory_urls: false)."""
    return path.removesuffix(".md") + ".html"


def _cell(text: Any) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _title_en(element: Any) -> str:
    note = element.annotations.get("title_en") if element.annotations else None
    return str(note.value) if note is not None else ""


def _iri(view: SchemaView, element: Any) -> tuple[str, str]:
    """CURIE and full IRI of a class or slot."""
    return str(view.get_uri(element, expand=False)), str(view.get_uri(element, expand=True))


def _range_link(view: SchemaView, range_name: str | None, prefix: str) -> str:
    name = range_name or "string"
    if name in view.all_classes():
        return f"[`{name}`]({prefix}classes/{name}.md)"
    if name in view.all_enums():
        return f"[`{name}`]({prefix}enums/{name}.md)"
    return f"`{name}`"


@cache
def induced_slots() -> dict[str, list[Any]]:
    """Class -> its slots as induced in that class (slot_usage applied), in schema order."""
    view = schema_view()
    return {c: [view.induced_slot(s, c) for s in view.class_slots(c)] for c in sorted(view.all_classes())}


def _cardinality(slot: Any) -> str:
    low = "1" if slot.required else "0"
    high = "*" if slot.multivalued else "1"
    return low if low == high else f"{low}..{high}"


def class_page(view: SchemaView, name: str) -> str:
    cls = view.get_class(name)
    curie, iri = _iri(view, cls)
    lines = [f"# {name} — {cls.title}", "", f"*{_title_en(cls)}*", "", _cell(cls.description), ""]
    lines += ["| | |", "|---|---|", f"| IRI | `{curie}` — <{iri}> |"]
    if cls.close_mappings:
        lines.append("| correspondances proches | " + ", ".join(f"`{m}`" for m in cls.close_mappings) + " |")
    if name in CONCEPT_PAGES:
        lines.append(f"| expliqué dans | [le modèle expliqué](../../modele/{CONCEPT_PAGES[name]}.md) |")
    users = [c for c, slots in induced_slots().items() if any(s.range == name for s in slots)]
    if users:
        lines.append("| utilisée par | " + ", ".join(f"[`{c}`]({c}.md)" for c in users) + " |")
    lines += ["", "## Attributs", "", "| attribut | titre | cardinalité | valeur | IRI | description |"]
    lines.append("|---|---|---|---|---|---|")
    for slot in induced_slots()[name]:
        slot_name = slot.name
        slot_curie = "`@id`" if slot.identifier else f"`{view.get_uri(slot, expand=False)}`"
        title = f"{_cell(slot.title)}<br>*{_cell(_title_en(view.get_slot(slot_name)))}*"
        lines.append(
            f"| [`{slot_name}`](../slots/{slot_name}.md) | {title} | {_cardinality(slot)} | "
            f"{_range_link(view, slot.range, '../')} | {slot_curie} | {_cell(slot.description)} |"
        )
    return "\n".join(lines) + "\n"


def slot_page(view: SchemaView, name: str) -> str:
    slot = view.get_slot(name)
    curie, iri = _iri(view, slot)
    lines = [f"# {name} — {slot.title}", "", f"*{_title_en(slot)}*", "", _cell(slot.description), ""]
    lines += ["| | |", "|---|---|"]
    lines.append("| IRI | `@id` : l'IRI du nœud lui-même |" if slot.identifier else f"| IRI | `{curie}` — <{iri}> |")
    lines.append(f"| valeur | {_range_link(view, slot.range, '../')} |")
    lines.append(f"| plusieurs valeurs | {'oui' if slot.multivalued else 'non'} |")
    if slot.pattern:
        lines.append(f"| motif | `{_cell(slot.pattern)}` |")
    lines += ["", "## Classes qui l'utilisent", "", "| classe | cardinalité |", "|---|---|"]
    for cls, slots in induced_slots().items():
        for induced in (s for s in slots if s.name == name):
            lines.append(f"| [`{cls}`](../classes/{cls}.md) | {_cardinality(induced)} |")
    return "\n".join(lines) + "\n"


def enum_page(view: SchemaView, name: str) -> str:
    enum = view.get_enum(name)
    lines = [f"# {name} — {enum.title}", "", f"*{_title_en(enum)}*", "", _cell(enum.description), ""]
    used_by = sorted(s for s in view.all_slots() if view.get_slot(s).range == name)
    if used_by:
        lines += ["Valeur des attributs : " + ", ".join(f"[`{s}`](../slots/{s}.md)" for s in used_by) + ".", ""]
    lines += ["## Valeurs", "", "| valeur | IRI | titre | description |", "|---|---|---|---|"]
    for value in enum.permissible_values.values():
        iri = view.expand_curie(value.meaning) if value.meaning else ""
        anchor = f'<a id="{value.text}"></a>'
        lines.append(
            f"| {anchor}`{value.text}` | `{value.meaning or ''}` — <{iri}> | {_cell(value.title)} | "
            f"{_cell(value.description)} |"
        )
    return "\n".join(lines) + "\n"


def index_page(view: SchemaView) -> str:
    lines = [
        "# Référence du modèle",
        "",
        f"Générée depuis `schema/` (version {view.schema.version}) par `make generate` ; un test vérifie "
        "qu'elle ne diverge pas du modèle. Correspondance avec les vocabulaires : [tableau](mapping.md).",
        "",
        "## Classes",
        "",
        "| classe | titre | IRI |",
        "|---|---|---|",
    ]
    for name in sorted(view.all_classes()):
        cls = view.get_class(name)
        lines.append(f"| [`{name}`](classes/{name}.md) | {_cell(cls.title)} | `{_iri(view, cls)[0]}` |")
    lines += ["", "## Listes de valeurs", "", "| liste | titre | valeurs |", "|---|---|---|"]
    for name in sorted(view.all_enums()):
        enum = view.get_enum(name)
        lines.append(f"| [`{name}`](enums/{name}.md) | {_cell(enum.title)} | {len(enum.permissible_values)} |")
    lines += ["", "## Attributs", "", "| attribut | titre | valeur | IRI |", "|---|---|---|---|"]
    for name in sorted(view.all_slots()):
        slot = view.get_slot(name)
        curie = "`@id`" if slot.identifier else f"`{_iri(view, slot)[0]}`"
        lines.append(
            f"| [`{name}`](slots/{name}.md) | {_cell(slot.title)} | {_range_link(view, slot.range, '')} | {curie} |"
        )
    return "\n".join(lines) + "\n"


def reference_pages() -> dict[str, str]:
    """Source path (relative to docs/) -> Markdown of every generated reference page."""
    view = schema_view()
    pages = {f"{BASE}/index.md": index_page(view)}
    pages |= {class_path(name): class_page(view, name) for name in view.all_classes()}
    pages |= {slot_path(name): slot_page(view, name) for name in view.all_slots()}
    pages |= {enum_path(name): enum_page(view, name) for name in view.all_enums()}
    return pages


def minted_terms(
    namespace: str, data_prefixes: tuple[str, ...] = ("qpv/", "organisation/")
) -> dict[str, list[TermTarget]]:
    """Local name (IRI minus the namespace) -> reference page(s), for every term the schema mints."""
    view = schema_view()
    terms: dict[str, list[TermTarget]] = {}

    def add(iri: str, target: TermTarget) -> None:
        local = iri.removeprefix(namespace)
        if iri.startswith(namespace) and local and not local.startswith(data_prefixes):
            terms.setdefault(local, []).append(target)

    for name in sorted(view.all_classes()):
        add(str(view.get_uri(name, expand=True)), TermTarget(f"classe {name}", _page_url(class_path(name))))
    for name in sorted(view.all_slots()):
        slot = view.get_slot(name)
        if not slot.identifier:
            add(str(view.get_uri(slot, expand=True)), TermTarget(f"attribut {name}", _page_url(slot_path(name))))
    for name in sorted(view.all_enums()):
        for value in view.get_enum(name).permissible_values.values():
            if value.meaning:
                target = TermTarget(f"{name} : {value.text}", _page_url(enum_path(name)), value.text)
                add(view.expand_curie(value.meaning), target)
    return terms
