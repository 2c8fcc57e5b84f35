"""Shared fixtures.

Tests that need something outside the repository (``../shared``: the source
articles and the TBX validator) or an external tool (GNU gettext,
translate-toolkit, Chromium) skip with the reason and what to install, except
under ``CI=true``, where a missing requirement fails the test.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip (or fail, under CI=true) when a requirement is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed (install {package})")
    return path  # type: ignore[return-value]


@pytest.fixture
def shared() -> Path:
    """The ``../shared`` folder beside the repository (seeds, TBX validator)."""
    require(
        SHARED.is_dir(),
        f"{SHARED} is absent (it holds the source articles and the "
        "TBX validator; it is not part of a user's clone)",
    )
    return SHARED


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A private copy of the shipped catalogs, safe to break."""
    target = tmp_path / "locales"
    shutil.copytree(LOCALES, target)
    return target


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


def run_cli(*args: str, cwd: Path | None = None) -> CliResult:
    """Run ``glossary ARGS`` in this process; return exit code, stdout, stderr."""
    from glossary.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(old)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def shipped():
    """The shipped glossary, loaded once."""
    import glossary

    return glossary.load(LOCALES)


def pytest_report_header(config):
    return [f"shared folder: {SHARED if SHARED.is_dir() else 'absent'}; CI={IN_CI}"]
