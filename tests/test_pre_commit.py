"""The pre-commit hook, exercised with real `pre-commit try-repo` on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository holding one valid and one invalid convention."""
    repo = tmp_path_factory.mktemp("conventions")
    _git(repo, "init", "-q")
    shutil.copy(ROOT / "examples" / "valid" / "grand-auch.jsonld", repo / "auch.jsonld")
    shutil.copy(ROOT / "examples" / "invalid" / "rules-personal-data-as-open-data.jsonld", repo / "faulty.jsonld")
    yaml_text = (ROOT / "examples" / "valid" / "grand-auch.yaml").read_text(encoding="utf-8")
    (repo / "auch.yaml").write_text(yaml_text, encoding="utf-8")
    (repo / "faulty.yml").write_text(yaml_text.replace("access_level: PUBLIC", "access_level: OUVERT", 1), "utf-8")
    (repo / "ci.yaml").write_text("stages: [test]\ntest:\n  script: make test\n", encoding="utf-8")
    (repo / "package.json").write_text('{"name": "site", "version": "1.0.0"}\n', encoding="utf-8")
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    return repo, env


def _try_repo(repo: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "convention-validator", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_hook_passes_a_valid_convention(project: tuple[Path, dict[str, str]]) -> None:
    repo, env = project
    result = _try_repo(repo, env, "auch.jsonld")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_fails_an_invalid_convention_with_its_located_finding(project: tuple[Path, dict[str, str]]) -> None:
    repo, env = project
    result = _try_repo(repo, env, "auch.jsonld", "faulty.jsonld")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "faulty.jsonld:" in result.stdout and "CV301" in result.stdout


def test_hook_checks_yaml_conventions_and_ignores_other_json_and_yaml(project: tuple[Path, dict[str, str]]) -> None:
    repo, env = project
    result = _try_repo(repo, env, "auch.yaml", "ci.yaml", "package.json")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _try_repo(repo, env, "auch.yaml", "faulty.yml", "ci.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "faulty.yml:" in result.stdout and "CV106" in result.stdout
    assert "ci.yaml" not in result.stdout
