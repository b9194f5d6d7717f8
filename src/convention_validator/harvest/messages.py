"""User-facing texts of the harvester, French by default and English on request."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from convention_validator.i18n import lookup

_TEXTS: dict[str, dict[str, str]] = {
    "scheme": {
        "fr": "schéma d'adresse « {scheme} » refusé : seuls http et https sont moissonnés",
        "en": "address scheme '{scheme}' refused: only http and https are harvested",
    },
    "no_host": {"fr": "adresse sans nom d'hôte", "en": "address without a host name"},
    "private": {
        "fr": "adresse {address} refusée (boucle locale, réseau privé, lien local ou réservé) ; "
        "ajoutez --allow-private pour moissonner un réseau interne",
        "en": "address {address} refused (loopback, private, link-local or reserved); "
        "add --allow-private to harvest an internal network",
    },
    "dns": {"fr": "nom d'hôte introuvable : {host}", "en": "host name not found: {host}"},
    "timeout": {"fr": "délai dépassé ({seconds} s)", "en": "timed out ({seconds} s)"},
    "connection": {"fr": "connexion impossible : {detail}", "en": "cannot connect: {detail}"},
    "http": {"fr": "réponse HTTP {status}", "en": "HTTP response {status}"},
    "gone": {"fr": "le document n'existe plus (HTTP {status})", "en": "the document no longer exists (HTTP {status})"},
    "too_big": {
        "fr": "document trop volumineux (plus de {limit} octets) ; voir --max-size",
        "en": "document too large (more than {limit} bytes); see --max-size",
    },
    "redirects": {
        "fr": "trop de redirections (plus de {limit}) ; voir --max-redirects",
        "en": "too many redirects (more than {limit}); see --max-redirects",
    },
    "bad_redirect": {"fr": "redirection sans adresse de destination", "en": "redirect without a target address"},
    "unexpected_304": {
        "fr": "réponse 304 alors qu'aucune version n'est chargée",
        "en": "304 answer although no version is loaded",
    },
    "file_missing": {"fr": "fichier introuvable ou illisible : {detail}", "en": "file missing or unreadable: {detail}"},
    "invalid": {
        "fr": "convention non valide : {errors} erreur(s) ({codes})",
        "en": "invalid convention: {errors} error(s) ({codes})",
    },
    "reserved_iri": {
        "fr": "l'identifiant {iri} est réservé au moissonneur",
        "en": "the identifier {iri} is reserved for the harvester",
    },
    "conflict": {
        "fr": "l'identifiant {iri} est déjà publié par une autre source : {other}",
        "en": "the identifier {iri} is already published by another source: {other}",
    },
    "withdrawn_listing": {
        "fr": "absent de la liste {listing}",
        "en": "no longer in the listing {listing}",
    },
    "listing_unreadable": {
        "fr": "liste de sources illisible : {detail}",
        "en": "unreadable list of sources: {detail}",
    },
    "source_missing": {
        "fr": "source introuvable : {source} (ni adresse http(s), ni dossier, ni fichier)",
        "en": "source not found: {source} (neither an http(s) address, a folder nor a file)",
    },
    "catalogue_unreadable": {
        "fr": "catalogue DCAT illisible : {detail}",
        "en": "unreadable DCAT catalogue: {detail}",
    },
    "url_too_long": {
        "fr": "adresse trop longue (plus de {limit} caractères)",
        "en": "address too long (more than {limit} characters)",
    },
    "url_not_ascii": {
        "fr": "adresse avec des caractères non ASCII : publiez-la encodée ({suggestion})",
        "en": "address with non-ASCII characters: publish it encoded ({suggestion})",
    },
    "url_space": {
        "fr": "adresse avec une espace ou un caractère de contrôle",
        "en": "address with a space or a control character",
    },
    "url_character": {
        "fr": "adresse avec un caractère interdit « {character} »",
        "en": "address with a forbidden character '{character}'",
    },
    "url_malformed": {"fr": "adresse mal formée : {detail}", "en": "malformed address: {detail}"},
    "url_credentials": {
        "fr": "adresse avec identifiant ou mot de passe refusée : ils finiraient dans les fiches et les rapports",
        "en": "address with a user name or password refused: they would end up in records and reports",
    },
    "zone_id": {
        "fr": "adresse IPv6 avec identifiant de zone ({host}) refusée : elle désigne une interface de cette machine",
        "en": "IPv6 address with a zone identifier ({host}) refused: it names an interface of this machine",
    },
    "ambiguous_ipv4": {
        "fr": "adresse IPv4 sous forme ambiguë ({host}) refusée (octal, hexadécimal ou abrégée) ; "
        "écrivez-la en décimal pointé",
        "en": "IPv4 address in an ambiguous form ({host}) refused (octal, hexadecimal or shortened); "
        "write it in dotted decimal",
    },
    "bad_host": {"fr": "nom d'hôte non valide : {host}", "en": "invalid host name: {host}"},
    "dns_timeout": {
        "fr": "résolution du nom {host} trop longue (délai dépassé)",
        "en": "resolving {host} took too long (timed out)",
    },
    "retried": {
        "fr": "réponse HTTP {status} après {attempts} tentative(s)",
        "en": "HTTP response {status} after {attempts} attempt(s)",
    },
    "retry_too_late": {
        "fr": "réponse HTTP {status} : nouvel essai demandé dans {seconds} s, au-delà du délai par document",
        "en": "HTTP response {status}: retry requested in {seconds} s, beyond the per-document time limit",
    },
    "local_in_remote": {
        "fr": "adresse « {scheme} » citée par une source distante : seules http et https sont moissonnées",
        "en": "'{scheme}' address listed by a remote source: only http and https are harvested",
    },
    "unexpected": {"fr": "erreur inattendue : {detail}", "en": "unexpected error: {detail}"},
    "store_failed": {
        "fr": "écriture dans le magasin impossible : {detail}\nLe moissonnage est arrêté ; chaque document déjà "
        "enregistré l'est entièrement (aucun graphe partiel). Libérez de la place ou réparez le point d'accès, "
        "puis relancez la même commande.",
        "en": "cannot write to the store: {detail}\nThe harvest is stopped; every document already saved is "
        "complete (no partial graph). Free some space or fix the endpoint, then run the same command again.",
    },
    "not_saved": {
        "fr": "non enregistrée : le magasin a refusé l'écriture ({detail})",
        "en": "not saved: the store refused the write ({detail})",
    },
    "bad_proxy": {
        "fr": "mandataire {proxy} inutilisable : donnez une adresse http:// ou https:// avec un nom d'hôte",
        "en": "unusable proxy {proxy}: give an http:// or https:// address with a host name",
    },
    "summary": {
        "fr": "{sources} source(s) : {current} à jour ({loaded} chargée(s), {unchanged} inchangée(s)), "
        "{invalid} non valide(s), {unreachable} injoignable(s), {withdrawn} retirée(s) — {seconds:.1f} s",
        "en": "{sources} source(s): {current} current ({loaded} loaded, {unchanged} unchanged), "
        "{invalid} invalid, {unreachable} unreachable, {withdrawn} withdrawn — {seconds:.1f} s",
    },
    "timings": {
        "fr": "temps par étape : attente des téléchargements {fetch_wait:.1f} s, validation {validate:.1f} s, "
        "conversion {convert:.1f} s, écriture {store_write:.1f} s",
        "en": "time per stage: waiting for downloads {fetch_wait:.1f} s, validation {validate:.1f} s, "
        "conversion {convert:.1f} s, store writes {store_write:.1f} s",
    },
    "failed_source": {"fr": "{status} : {source} — {reason}", "en": "{status}: {source} — {reason}"},
    "store_unusable": {
        "fr": "magasin inutilisable : {detail}\nVérifiez le dossier (--store, un seul moissonnage à la fois) "
        "ou l'adresse du point d'accès SPARQL (--endpoint).",
        "en": "unusable store: {detail}\nCheck the folder (--store, one harvest at a time) "
        "or the SPARQL endpoint address (--endpoint).",
    },
    "store_and_endpoint": {
        "fr": "choisissez --store ou --endpoint, pas les deux",
        "en": "choose --store or --endpoint, not both",
    },
    "interrupted": {
        "fr": "moissonnage interrompu : les conventions déjà traitées sont enregistrées et le magasin est cohérent ; "
        "relancez la même commande pour terminer",
        "en": "harvest interrupted: the conventions already processed are saved and the store is consistent; "
        "run the same command again to finish",
    },
    "report_unwritable": {
        "fr": "impossible d'écrire le rapport {path} : {detail}",
        "en": "cannot write the report {path}: {detail}",
    },
    "progress": {"fr": "Moissonnage", "en": "Harvesting"},
}


def say(key: str, lang: str, **params: object) -> str:
    """A harvester text in the chosen language."""
    return lookup(_TEXTS, key, lang, **params)


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
