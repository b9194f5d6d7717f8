"""User-facing texts of the harvester, French by default and English on request."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from convention_validator.i18n import N_, Entry, Nn_, gettext, ngettext, translate

_TEXTS: dict[str, Entry] = {
    "scheme": N_("address scheme '{scheme}' refused: only http and https are harvested"),
    "no_host": N_("address without a host name"),
    "private": N_(
        "address {address} refused (loopback, private, link-local or reserved); "
        "add --allow-private to harvest an internal network"
    ),
    "dns": N_("host name not found: {host}"),
    "timeout": N_("timed out ({seconds} s)"),
    "connection": N_("cannot connect: {detail}"),
    "http": N_("HTTP response {status}"),
    "gone": N_("the document no longer exists (HTTP {status})"),
    "too_big": N_("document too large (more than {limit} bytes); see --max-size"),
    "redirects": N_("too many redirects (more than {limit}); see --max-redirects"),
    "bad_redirect": N_("redirect without a target address"),
    "unexpected_304": N_("304 answer although no version is loaded"),
    "file_missing": N_("file missing or unreadable: {detail}"),
    "invalid": Nn_(
        "invalid convention: {errors} error ({codes})", "invalid convention: {errors} errors ({codes})", "errors"
    ),
    "reserved_iri": N_("the identifier {iri} is reserved for the harvester"),
    "conflict": N_("the identifier {iri} is already published by another source: {other}"),
    "withdrawn_listing": N_("no longer in the listing {listing}"),
    "listing_unreadable": N_("unreadable list of sources: {detail}"),
    "source_missing": N_("source not found: {source} (neither an http(s) address, a folder nor a file)"),
    "catalogue_unreadable": N_("unreadable DCAT catalogue: {detail}"),
    "url_too_long": N_("address too long (more than {limit} characters)"),
    "url_not_ascii": N_("address with non-ASCII characters: publish it encoded ({suggestion})"),
    "url_space": N_("address with a space or a control character"),
    "url_character": N_("address with a forbidden character '{character}'"),
    "url_malformed": N_("malformed address: {detail}"),
    "url_percent": N_("malformed address: a % not followed by two hexadecimal digits"),
    "url_credentials": N_("address with a user name or password refused: they would end up in records and reports"),
    "zone_id": N_("IPv6 address with a zone identifier ({host}) refused: it names an interface of this machine"),
    "ambiguous_ipv4": N_(
        "IPv4 address in an ambiguous form ({host}) refused (octal, hexadecimal or shortened); "
        "write it in dotted decimal"
    ),
    "bad_host": N_("invalid host name: {host}"),
    "dns_timeout": N_("resolving {host} took too long (timed out)"),
    "retried": Nn_(
        "HTTP response {status} after {attempts} attempt",
        "HTTP response {status} after {attempts} attempts",
        "attempts",
    ),
    "retry_too_late": N_("HTTP response {status}: retry requested in {seconds} s, beyond the per-document time limit"),
    "local_in_remote": N_("'{scheme}' address listed by a remote source: only http and https are harvested"),
    "unexpected": N_("unexpected error: {detail}"),
    "store_failed": N_(
        "cannot write to the store: {detail}\nThe harvest is stopped; every document already saved is "
        "complete (no partial graph). Free some space or fix the endpoint, then run the same command again."
    ),
    "not_saved": N_("not saved: the store refused the write ({detail})"),
    "bad_proxy": N_("unusable proxy {proxy}: give an http:// or https:// address with a host name"),
    "timings": N_(
        "time per stage: waiting for downloads {fetch_wait:.1f} s, validation {validate:.1f} s, "
        "conversion {convert:.1f} s, store writes {store_write:.1f} s"
    ),
    "failed_source": N_("{status}: {source} — {reason}"),
    "store_unusable": N_(
        "unusable store: {detail}\nCheck the folder (--store, one harvest at a time) "
        "or the SPARQL endpoint address (--endpoint)."
    ),
    "store_and_endpoint": N_("choose --store or --endpoint, not both"),
    "interrupted": N_(
        "harvest interrupted: the conventions already processed are saved and the store is consistent; "
        "run the same command again to finish"
    ),
    "report_unwritable": N_("cannot write the report {path}: {detail}"),
    "progress": N_("Harvesting"),
}


def say(key: str, lang: str, **params: object) -> str:
    """A harvester text in the chosen language."""
    return translate(_TEXTS[key], lang, **params)


def summary(
    lang: str,
    *,
    sources: int,
    current: int,
    loaded: int,
    unchanged: int,
    invalid: int,
    unreachable: int,
    withdrawn: int,
    seconds: float,
) -> str:
    """« 5 sources : 4 à jour (1 chargée, 3 inchangées), 1 non valide, 0 injoignable, 0 retirée — 2.1 s »."""
    return gettext(
        "{sources}: {current} ({loaded}, {unchanged}), {invalid}, {unreachable}, {withdrawn} — {seconds:.1f} s",
        lang,
        sources=ngettext("{count} source", "{count} sources", sources, lang, count=sources),
        current=ngettext("{count} current", "{count} current", current, lang, count=current),
        loaded=ngettext("{count} loaded", "{count} loaded", loaded, lang, count=loaded),
        unchanged=ngettext("{count} unchanged", "{count} unchanged", unchanged, lang, count=unchanged),
        invalid=ngettext("{count} invalid", "{count} invalid", invalid, lang, count=invalid),
        unreachable=ngettext("{count} unreachable", "{count} unreachable", unreachable, lang, count=unreachable),
        withdrawn=ngettext("{count} withdrawn", "{count} withdrawn", withdrawn, lang, count=withdrawn),
        seconds=seconds,
    )


@dataclass(frozen=True)
class Reason:
    """Why a source is not current: a message key and its values, rendered in any language."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Reason:
        return cls(key, tuple(sorted(params.items())))

    def text(self, lang: str) -> str:
        """The reason in `lang`, interned: thousands of sources often share one (« réponse HTTP 404 »)."""
        return sys.intern(say(self.key, lang, **dict(self.params)))
