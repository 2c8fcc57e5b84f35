"""The shipped catalogs satisfy GNU gettext and translate-toolkit."""

from __future__ import annotations

import subprocess

import pytest
from conftest import LOCALES, require_tool

from glossary.layout import catalog_path, find_catalogs, template_path

CATALOGS = [catalog_path(LOCALES, lang) for lang in sorted(find_catalogs(LOCALES))]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_msgfmt_check_passes(path, tmp_path):
    msgfmt = require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "x.mo"), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stderr, result.stderr


@pytest.mark.parametrize(
    "path",
    CATALOGS + [template_path(LOCALES)],
    ids=lambda p: p.name if p.suffix == ".pot" else p.parts[-3],
)
def test_catalogs_are_in_the_form_gnu_msgcat_writes(path):
    msgcat = require_tool("msgcat", "GNU gettext: apt-get install gettext")
    result = subprocess.run([msgcat, "--no-wrap", str(path)], capture_output=True)
    assert result.returncode == 0 and result.stdout == path.read_bytes()


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_pocount_reads_every_catalog(path):
    pocount = require_tool("pocount", "translate-toolkit: pip install translate-toolkit")
    result = subprocess.run([pocount, "--csv", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    header, row = [line.split(",") for line in result.stdout.strip().splitlines()[-2:]]
    counts = dict(zip(header, row, strict=False))
    assert int(counts["Translated Messages"]) == int(counts["Total Message"]) > 0


def test_msgfmt_agrees_with_our_syntax_errors(tmp_path):
    """Each syntax fixture that we reject, GNU msgfmt rejects too."""
    import json
    from pathlib import Path

    msgfmt = require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    data = Path(__file__).parent / "data"
    for name in json.loads((data / "syntax_cases.json").read_text()):
        if name in ("empty.po", "duplicate_context.po"):
            continue  # valid for gettext; our mapping needs a header and unique contexts
        result = subprocess.run(
            [msgfmt, "--check", "-o", str(tmp_path / "x.mo"), str(data / name)],
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0, name
