"""Freeze the packaged artifacts of the current version into releases/<version>/ (fixed published names).

    python scripts/freeze_release.py           # write releases/<version>/ (refuses to change a released one)
    python scripts/freeze_release.py --check   # exit 1 if releases/<version>/ differs from the package
    python scripts/freeze_release.py --force   # overwrite: only while <version> has not been published

Every folder of releases/ is published at each documentation build under /<version>/, so every version
stays online; a change of the artifacts without a new version makes `--check` (and a test) fail.
"""

from __future__ import annotations

import shutil
import sys

from docs_publication import RELEASES_DIR, current_version, frozen_artifacts, packaged_artifacts


def differences(version: str) -> list[str]:
    """Published names whose frozen copy is missing, extra or different from the packaged artifact."""
    packaged, frozen = packaged_artifacts(), frozen_artifacts(version)
    names = sorted(set(packaged) | set(frozen))
    return [
        n for n in names if n not in packaged or n not in frozen or packaged[n].read_bytes() != frozen[n].read_bytes()
    ]


def main(argv: list[str]) -> int:
    version = current_version()
    target = RELEASES_DIR / version
    changed = differences(version) if target.exists() else ["(absent)"]
    if "--check" in argv:
        if changed:
            print(f"releases/{version}/ differs from the packaged artifacts: {', '.join(changed)}", file=sys.stderr)
            return 1
        return 0
    if not changed:
        print(f"releases/{version}/ is up to date")
        return 0
    if target.exists() and "--force" not in argv:
        print(
            f"releases/{version}/ exists and differs ({', '.join(changed)}): bump the version in "
            "schema/clauses_data.yaml, or use --force if this version was never published",
            file=sys.stderr,
        )
        return 1
    staging = RELEASES_DIR / f".{version}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    for name, source in packaged_artifacts().items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging / name)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    print(f"wrote releases/{version}/ ({len(packaged_artifacts())} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
