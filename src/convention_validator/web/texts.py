"""The explorer's texts: English msgids of the gettext catalogue, translated for each page."""

from __future__ import annotations

from functools import cache

from convention_validator.i18n import N_, gettext

TEXTS = {
    "site": N_("Data partnerships of the city contracts"),
    "explorer": N_("Explorer"),
    "skip": N_("Skip to the content"),
    "language": N_("Language"),
    "other_language": N_("English version"),
    "home_title": N_("Harvested data-sharing conventions"),
    "home_intro": N_(
        "The conventions harvested into the store, the datasets they share and the priority neighbourhoods (QPV) "
        "they cover."
    ),
    "filters": N_("Filters"),
    "region": N_("Region"),
    "departement": N_("Département"),
    "epci": N_("EPCI"),
    "access_level": N_("Access level"),
    "category": N_("Data category"),
    "theme": N_("Theme"),
    "partner_type": N_("Partner type"),
    "search": N_("Search"),
    "search_help": N_("City, EPCI, QPV, contract, dataset or partner"),
    "any": N_("Any"),
    "apply": N_("Apply the filters"),
    "reset": N_("Clear the filters"),
    "map": N_("Map of the QPV"),
    "map_help": N_(
        "Each priority neighbourhood is drawn with its contour; the darker, the more datasets concern it. "
        "Select a neighbourhood to open its page; the list of covered QPV below gives the same information."
    ),
    "legend": N_("Legend"),
    "legend_none": N_("No dataset"),
    "legend_some": N_("1 to 4 datasets"),
    "legend_many": N_("5 datasets or more"),
    "legend_open": N_("thick outline: at least one open dataset"),
    "conventions": N_("Conventions"),
    "convention": N_("Convention"),
    "contract": N_("City contract"),
    "qpv": N_("QPV"),
    "qpv_long": N_("Priority neighbourhood (QPV)"),
    "covered_qpv": N_("Covered QPV"),
    "datasets": N_("Datasets"),
    "open_datasets": N_("Open datasets"),
    "parties": N_("Partners"),
    "dataset": N_("Dataset"),
    "producer": N_("Producer"),
    "themes": N_("Themes"),
    "downloads": N_("Downloads"),
    "download_csv": N_("CSV"),
    "download_json": N_("JSON"),
    "no_convention": N_("No convention matches these filters."),
    "no_dataset": N_("No dataset concerns this QPV yet."),
    "communes": N_("Communes"),
    "name": N_("Name"),
    "siren": N_("SIREN"),
    "type": N_("Type"),
    "rendered": N_("Read the convention"),
    "rendered_missing": N_(
        "The text of this convention cannot be shown here: its source is not a local file or has changed since "
        "the harvest."
    ),
    "history": N_("Harvest history"),
    "source": N_("Source"),
    "status": N_("Status"),
    "last_checked": N_("Last checked"),
    "fetched": N_("Version loaded (fetched on)"),
    "findings": N_("Findings"),
    "reason": N_("Reason"),
    "no_store": N_("No store is open: start the workspace with --store or --endpoint."),
    "store_error": N_("The store cannot be read."),
    "not_found": N_("Page not found"),
    "back": N_("Back to the explorer"),
    "summary_line": N_("{conventions} conventions, {datasets} datasets of which {open} open, {qpv} QPV covered"),
    "api": N_("API (OpenAPI)"),
    "shown_range": N_("{first} to {last} of {total}"),
    "previous_page": N_("Previous page"),
    "next_page": N_("Next page"),
    "conventions_pages": N_("Pages of the list of conventions"),
    "qpv_pages": N_("Pages of the list of covered QPV"),
    "status_current": N_("current"),
    "status_invalid": N_("invalid"),
    "status_unreachable": N_("unreachable"),
    "status_withdrawn": N_("withdrawn"),
}


@cache
def texts(lang: str) -> dict[str, str]:
    """Every text of the explorer in `lang`."""
    return {key: gettext(message, lang) for key, message in TEXTS.items()}
