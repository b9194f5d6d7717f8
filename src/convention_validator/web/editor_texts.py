"""Texts of the editor page and of its script, from the tool's one gettext catalogue.

The page template and the browser script read the same dictionary: the server translates it and
writes it into the page as JSON, so the script carries no text of its own.
"""

from __future__ import annotations

from convention_validator.i18n import N_, Entry, Nn_, translate, translations

TEXTS: dict[str, Entry] = {
    "page_title": N_("Convention editor"),
    "intro": N_(
        "Draft the data convention of a city contract step by step. Every change is checked by the "
        "validator and kept as a draft in this browser."
    ),
    "skip": N_("Skip to the form"),
    "other_language": N_("Français"),
    "step_contract": N_("1. City contract"),
    "step_parties": N_("2. Parties"),
    "step_datasets": N_("3. Datasets"),
    "step_convention": N_("4. Other clauses of the convention"),
    "step_files": N_("5. Files, preview and avenant"),
    "contract_search": N_("Commune, EPCI or EPT (name or SIREN), or contract code"),
    "contract_search_help": N_("Accents and capitals do not matter: « nantes », « Auch », « 244400404 »."),
    "search": N_("Search"),
    "contracts_found": Nn_("{count} city contract found", "{count} city contracts found", "count"),
    "no_contract": N_("No city contract for this search."),
    "choose_contract": N_("Start from {code} — {name}"),
    "replace_draft": N_("Replace the current draft with a new convention for this contract?"),
    "contract_started": N_("New convention for contract {code}: the territory and its parties are filled in."),
    "party_search": N_("Add a party from the reference data (commune, EPCI or EPT, name or SIREN)"),
    "add_party": N_("Add {name} (SIREN {siren})"),
    "no_party": N_("No commune, EPCI or EPT for this search."),
    "party_added": N_("{name} added to the parties."),
    "add_item": N_("Add: {what}"),
    "remove_item": N_("Remove {what} {number}"),
    "item": N_("{what} {number}"),
    "required": N_("required"),
    "choose": N_("— choose —"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "unknown": N_("Not said"),
    "one_per_line": N_("One per line."),
    "codes_per_line": N_("Codes, one per line, for example: {examples}."),
    "date_placeholder": N_("YYYY-MM-DD"),
    "optional_block": N_("Fill in: {what}"),
    "remove_block": N_("Remove: {what}"),
    "show": N_("Show and edit"),
    "show_details": N_("Show and edit: {what}"),
    "propose_policy": N_("Propose the usage rules from the sharing and protection terms"),
    "policy_proposed": N_("Usage rules proposed; check them."),
    "findings_title": N_("Validator findings"),
    "valid": N_("The convention passes every check."),
    "finding_line": N_("{severity} {code}: {message}"),
    "go_to_field": N_("Go to the field"),
    "severity_error": N_("Error"),
    "severity_warning": N_("Warning"),
    "severity_info": N_("Information"),
    "draft_restored": N_("Your draft was restored."),
    "check_failed": N_("The check could not run: {reason}"),
    "open_file": N_("Open a convention (JSON-LD or YAML)"),
    "opened": N_("{file} opened."),
    "save_jsonld": N_("Save as JSON-LD"),
    "save_yaml": N_("Save as YAML"),
    "download_pdf": N_("Download the PDF"),
    "preview": N_("Preview the convention"),
    "preview_title": N_("Preview of the rendered convention"),
    "compare_title": N_("Compare with a former version and produce the avenant"),
    "compare_file": N_("Former version (JSON-LD or YAML)"),
    "changes": Nn_("{count} change", "{count} changes", "count"),
    "no_change": N_("No change between the two versions."),
    "amendment": N_("Download the avenant (HTML)"),
    "new_draft": N_("Start again (empty draft)"),
    "confirm_new": N_("Delete the current draft?"),
    "busy": N_("Working…"),
}


def page_texts(lang: str) -> dict[str, str]:
    """Every text of the editor in `lang`; texts with placeholders keep them ({count}, {name}…)."""
    found: dict[str, str] = {}
    for key, entry in TEXTS.items():
        if isinstance(entry, str):
            found[key] = translate(entry, lang)
        else:  # a plural: both forms, placeholders kept, the script picks one
            catalogue = translations(lang)
            found[key] = catalogue.ngettext(entry.msgid, entry.plural or entry.msgid, 1)
            found[key + "_plural"] = catalogue.ngettext(entry.msgid, entry.plural or entry.msgid, 2)
    return found
