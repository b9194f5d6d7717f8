"""`make demo`: the main jobs end to end on the examples, with the commands a user would run.

Validate the examples, scaffold a convention from a contract code, render the annex, compare an
amendment, export DCAT-AP, then harvest the examples served on loopback into the embedded store
and compute the national indicators; last, harvest the example folder for the web workspace and print
the `serve` command and its address. Everything is written under build/demo/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "convention-validator"
OUT = ROOT / "build" / "demo"
WORKSPACE_STORE = OUT / "espace-de-travail"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, check=False, cwd=ROOT)


def _show(*args: str, expect: int = 0) -> bool:
    """Run a command, print it with its output, and say whether it exited as expected."""
    done = _run(*args)
    shown = " ".join(str(Path(a).relative_to(ROOT)) if a.startswith(str(ROOT)) else a for a in args)
    print(f"$ convention-validator {shown}")
    for line in (done.stdout + done.stderr).rstrip().splitlines()[:25]:
        print(f"  {line}")
    print(f"  (code de sortie {done.returncode})\n")
    return done.returncode == expect


class _QuietHandler(SimpleHTTPRequestHandler):
    # UTF-8 said explicitly: a text/turtle answer without a charset is read as ISO-8859-1 by
    # clients that follow HTTP's default for text/* (udata's harvester among them).
    extensions_map = {  # noqa: RUF012 (as the standard handler declares it)
        **SimpleHTTPRequestHandler.extensions_map,
        ".ttl": "text/turtle; charset=utf-8",
        ".nt": "application/n-triples; charset=utf-8",
        ".jsonld": "application/ld+json; charset=utf-8",
        ".yaml": "application/yaml; charset=utf-8",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(folder: Path) -> ThreadingHTTPServer:
    """Serve `folder` on 127.0.0.1 (Last-Modified and 304 answers come with the standard handler)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def validate_examples() -> bool:
    print("1. Les conventions valides (examples/valid/) :\n")
    valid = _run("validate", "examples/valid")
    print(valid.stdout)
    print("   Une convention fautive : données pseudonymisées publiées en open data :\n")
    sample = "examples/invalid/rules-personal-data-as-open-data.jsonld"
    failing = _show("validate", sample, expect=1)
    english = _show("validate", "--lang", "en", sample, expect=1)
    invalid = _run("validate", "-q", "examples/invalid/*.jsonld")
    codes = sorted({line.split(": ")[1].split()[0] for line in invalid.stdout.splitlines() if ": CV" in line})
    print(f"   Tous les exemples invalides, un défaut chacun : {invalid.stdout.splitlines()[-1]}")
    print(f"   codes : {', '.join(codes)}\n")
    return valid.returncode == 0 and failing and english and invalid.returncode == 1


def author() -> bool:
    print("2. Rédiger : partir d'un code de contrat, mettre à jour une convention 0.1, lire l'annexe,")
    print("   voir ce que change un avenant\n")
    draft = OUT / "ma-convention.jsonld"
    ok = _show("new", "--contract", "CN03201M", "-o", str(draft), "--force")
    ok &= _show("validate", str(draft))
    upgraded = OUT / "grand-auch-0.2.yaml"
    ok &= _show("upgrade", "releases/0.1.0/examples/valid/grand-auch.yaml", "-o", str(upgraded), "--force")
    ok &= _show("validate", str(upgraded))
    ok &= _show("render", "examples/valid/nantes-metropole.jsonld", "-o", str(OUT / "convention-nantes.pdf"))
    ok &= _show("render", "examples/valid/nantes-metropole.jsonld", "-o", str(OUT / "convention-nantes.html"))
    amended = json.loads((ROOT / "examples/valid/grand-auch.jsonld").read_text(encoding="utf-8"))
    dataset = amended["datasets"][0]
    amended["version"] = "1.1"
    dataset["sharing"]["purposes"] = [*dataset["sharing"].get("purposes", []), "ResearchAndDevelopment"]
    (OUT / "grand-auch-avenant.jsonld").write_text(json.dumps(amended, ensure_ascii=False, indent=2), "utf-8")
    ok &= _show(
        "diff",
        "examples/valid/grand-auch.jsonld",
        str(OUT / "grand-auch-avenant.jsonld"),
        "--fail-on",
        "loosening",
        expect=1,
    )
    return ok


def publish() -> bool:
    print("3. Publier : RDF et catalogue DCAT-AP 3\n")
    ok = _show(
        "export",
        "examples/valid/nantes-metropole.jsonld",
        "--profile",
        "dcat-ap",
        "-o",
        str(OUT / "nantes-dcat-ap.ttl"),
    )
    print(f"   {(OUT / 'nantes-dcat-ap.ttl').stat().st_size:,} octets de Turtle DCAT-AP écrits.\n".replace(",", " "))
    return ok


def harvest_and_indicators() -> bool:
    print("4. Moissonnage national des exemples servis en HTTP sur la boucle locale, puis indicateurs\n")
    served = OUT / "publication"
    shutil.copytree(ROOT / "examples" / "valid", served, ignore=shutil.ignore_patterns("*.yaml"))  # same as .jsonld
    shutil.copy(ROOT / "examples/invalid/rules-personal-data-as-open-data.jsonld", served / "fautive.jsonld")
    server = _serve(served)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        names = sorted(p.name for p in served.iterdir() if p.suffix in (".jsonld", ".yaml"))
        (OUT / "sources.txt").write_text("".join(f"{base}/{name}\n" for name in names), encoding="utf-8")
        store, sources = str(OUT / "magasin"), str(OUT / "sources.txt")
        options = ("--store", store, "--allow-private", "--no-progress")
        first = _show(
            "harvest", sources, *options, "--report-html", str(OUT / "moissonnage.html"),
            "--report-json", str(OUT / "moissonnage.json"), expect=1,
        )  # fmt: skip
        print("   Deuxième passage sur des sources inchangées (requêtes conditionnelles) :\n")
        second = _show("harvest", sources, *options, expect=1)
    finally:
        server.shutdown()
    indicators = _show("indicators", "--store", store, "-o", str(OUT / "indicateurs"))
    return first and second and indicators


def workspace() -> bool:
    """Harvest the example folders (local files: the explorer can show each rendered convention), check
    that `serve` answers on a free port, then print the command to run and the workspace's address."""
    print("5. L'espace de travail web : éditeur guidé, explorateur de l'entrepôt, API de validation\n")
    store = str(WORKSPACE_STORE)
    harvested = _show("harvest", "examples/valid", "--store", store, "--no-progress", expect=1)  # .yaml = .jsonld
    process = subprocess.Popen(
        [str(CLI), "serve", "--store", store, "--port", "0"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().split()[4]
        with urllib.request.urlopen(address + "api/conventions", timeout=60) as answer:
            count = json.load(answer)["count"]
        print(f"   Essai de `serve` sur {address} : {count} conventions dans l'explorateur.\n")
    except (OSError, IndexError, ValueError) as error:
        print(f"   `serve` ne répond pas : {error}\n")
        return False
    finally:
        process.terminate()
        process.wait(timeout=30)
    print("   Pour ouvrir l'espace de travail (Ctrl-C pour l'arrêter) :\n")
    print(f"   $ convention-validator serve --store {WORKSPACE_STORE.relative_to(ROOT)}")
    print("   puis http://127.0.0.1:8000/ (explorateur), http://127.0.0.1:8000/editor (éditeur),")
    print("   http://127.0.0.1:8000/openapi.json (API)\n")
    return harvested and count > 0


def main() -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    results = [validate_examples(), author(), publish(), harvest_and_indicators()]
    print("Résultats dans build/demo/ : convention-nantes.pdf, nantes-dcat-ap.ttl, moissonnage.html,")
    print("indicateurs/indicateurs.html (ouvrir dans un navigateur).\n")
    results.append(workspace())  # last: the demo ends with the workspace's address
    print("Démo terminée." if all(results) else "La démo a échoué.")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
