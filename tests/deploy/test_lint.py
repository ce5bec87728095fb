"""hadolint on the Dockerfile and actionlint on the CI workflow, both from the test extra.

A missing linter fails (never skips): `pip install -e '.[test]'` installs both.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO_ROOT

BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    binary = BIN / tool
    if not binary.is_file():
        pytest.fail(f"{binary} is missing: install the test extra (pip install -e '.[test]')")
    return subprocess.run(
        [str(binary), *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )


def test_hadolint_passes_on_the_dockerfile() -> None:
    done = _run("hadolint", "--no-color", "Dockerfile")
    assert done.returncode == 0, f"hadolint:\n{done.stdout}{done.stderr}"


def test_actionlint_passes_on_the_workflow() -> None:
    done = _run("actionlint", "-no-color", ".github/workflows/ci.yml")
    assert done.returncode == 0, f"actionlint:\n{done.stdout}{done.stderr}"


def test_the_linters_do_find_faults(tmp_path: Path) -> None:
    """Both really check: a bad Dockerfile and a bad workflow are refused."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM python\nRUN cd /tmp && pip install flask\n", encoding="utf-8")
    done = _run("hadolint", "--no-color", str(dockerfile))
    assert done.returncode != 0 and "DL3006" in done.stdout
    workflow = tmp_path / ".github" / "workflows" / "bad.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
        "      - uses: actions/checkout@v4\n        with: {nope: 1}\n",
        encoding="utf-8",
    )
    done = _run("actionlint", "-no-color", str(workflow))
    assert done.returncode != 0 and "nope" in done.stdout
