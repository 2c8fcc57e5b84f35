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


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_glossaries(
    files: list[Path], targets: list[str], work: Path, source: str = "en"
) -> dict[str, dict[str, list[tuple[str, str, str]] | None]]:
    """What OmegaT reads from ``files`` put in a project's ``glossary/`` folder.

    Runs OmegaT in console mode on a small project (source language
    ``source``) with ``tests/data/omegat_glossary_probe.groovy``, which loads
    every glossary file as OmegaT's glossary pane does, once per target
    language. Returns {target: {file name: [(source, target, comment), ...],
    or None where OmegaT does not read the file}}. Skips (fails under CI)
    when OmegaT is not installed.
    """
    import json
    import subprocess

    omegat = require_tool("omegat", "omegat and a Java runtime, e.g. default-jre-headless")
    project = work / "project"
    for folder in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    (project / "omegat.project").write_text(
        OMEGAT_PROJECT.format(source=source.upper(), target=targets[0].upper()), encoding="utf-8"
    )
    (project / "source" / "text.txt").write_text("A sentence to translate.\n", encoding="utf-8")
    for file in files:
        shutil.copyfile(file, project / "glossary" / file.name)
    out = work / "omegat.json"
    env = dict(os.environ, OMEGAT_PROBE_OUT=str(out), OMEGAT_PROBE_TARGETS=",".join(targets))
    result = subprocess.run(
        [
            omegat,
            "--mode=console-translate",
            f"--config-dir={work / 'config'}",
            "--disable-project-locking",
            "--quiet",
            f"--script={ROOT / 'tests' / 'data' / 'omegat_glossary_probe.groovy'}",
            str(project),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert out.is_file(), result.stdout[-3000:] + result.stderr[-3000:]
    read = json.loads(out.read_text(encoding="utf-8"))
    return {
        target: {
            name: None if entries is None else [tuple(entry) for entry in entries]
            for name, entries in files_read.items()
        }
        for target, files_read in read.items()
    }


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the sha256 of its bytes."""
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def line_of(path: Path, needle: str) -> int:
    """The number of the first line of ``path`` that contains ``needle`` (lines end at
    line feeds only, as a PO reader counts them)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(needle)
