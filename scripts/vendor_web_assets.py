"""Copy the web workspace's front-end libraries from npm into the repository (run at build time, result committed).

Each package is fetched with `npm pack` into a temporary folder, unpacked, and only the files the
workspace needs are copied, with the package's licence: Leaflet (the explorer's map) into the
package under `web/static/vendor/`, axe-core (accessibility checks of the browser tests only) under
`tests/vendor/`. `--check` fetches again and fails if a committed file differs or is missing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_VENDOR = ROOT / "src" / "convention_validator" / "web" / "static" / "vendor"
TEST_VENDOR = ROOT / "tests" / "vendor"


@dataclass(frozen=True)
class Package:
    """An npm package: the exact version, where its files go and which files (path in the tarball: path here)."""

    name: str
    version: str
    licence: str
    target: Path
    files: dict[str, str]
    use: str


PACKAGES = (
    Package(
        "leaflet",
        "1.9.4",
        "BSD-2-Clause",
        WEB_VENDOR / "leaflet",
        {
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE",
        },
        "carte des QPV de l'explorateur / explorer map",
    ),
    Package(
        "axe-core",
        "4.14.1",
        "MPL-2.0",
        TEST_VENDOR / "axe-core",
        {"axe.min.js": "axe.min.js", "LICENSE": "LICENSE"},
        "tests d'accessibilité seulement (tests/test_web_explorer.py) / accessibility tests only",
    ),
)


def fetch(package: Package, scratch: Path) -> Path:
    """Unpack `name@version` from npm into `scratch`; the folder of the unpacked package."""
    done = subprocess.run(
        ["npm", "pack", f"{package.name}@{package.version}", "--json", "--pack-destination", str(scratch)],
        capture_output=True,
        text=True,
        check=True,
        cwd=scratch,
    )
    tarball = scratch / json.loads(done.stdout)[0]["filename"]
    unpacked = scratch / package.name
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="data")
    return unpacked / "package"


def readme() -> str:
    """The README of web/static/vendor/: every vendored package, its version, source and licence."""
    lines = [
        "# Bibliothèques front-end intégrées / vendored front-end libraries",
        "",
        "Copiées depuis npm par `scripts/vendor_web_assets.py` (jamais depuis un CDN : l'espace de travail",
        "fonctionne hors ligne). Ne pas modifier à la main : changer la version dans le script et le relancer ;",
        "`python scripts/vendor_web_assets.py --check` vérifie que les fichiers correspondent au paquet npm.",
        "",
        "| Paquet | Version | Source npm | Licence | Dossier | Usage |",
        "|---|---|---|---|---|---|",
    ]
    for package in PACKAGES:
        folder = package.target.relative_to(ROOT).as_posix()
        source = f"https://registry.npmjs.org/{package.name}/-/{package.name}-{package.version}.tgz"
        lines.append(
            f"| {package.name} | {package.version} | {source} | {package.licence} | `{folder}/` | {package.use} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare with npm instead of writing")
    check = parser.parse_args(argv).check
    differences: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        for package in PACKAGES:
            source = fetch(package, Path(temporary))
            for inside, name in package.files.items():
                target = package.target / name
                if check:
                    if not target.exists() or target.read_bytes() != (source / inside).read_bytes():
                        differences.append(str(target.relative_to(ROOT)))
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / inside, target)
    readme_path = WEB_VENDOR / "README.md"
    if check:
        if not readme_path.exists() or readme_path.read_text(encoding="utf-8") != readme():
            differences.append(str(readme_path.relative_to(ROOT)))
        for difference in differences:
            print(f"differs from npm: {difference}", file=sys.stderr)
        return 1 if differences else 0
    readme_path.write_text(readme(), encoding="utf-8")
    print(f"{sum(len(p.files) for p in PACKAGES)} files copied from npm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
