"""The fuzzer (``scripts/fuzz.py``): a bounded campaign finds nothing, and it would.

The campaign mutates every shipped catalog and the template and runs
``check``, ``build``, ``lookup`` and ``update`` on each mutant; see the
script's docstring for the classes of problems. The long campaign is the same
script with a larger ``--count`` (CONTRIBUTING.md).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import LOCALES, ROOT, require_tool

SCRIPT = ROOT / "scripts" / "fuzz.py"
COUNT = 300
SEED = 20261204


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("fuzz", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module
    spec.loader.exec_module(module)
    return module


def test_a_bounded_campaign_finds_no_problem():
    require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--count", str(COUNT), "--seed", str(SEED), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    summary = f"seed {SEED}: {COUNT} mutants, "
    assert summary in run.stdout, run.stdout + run.stderr
    assert "crash 0, hang 0, no_location 0, accepted_bad 0, lost 0" in run.stdout, run.stderr
    assert run.returncode == 0, run.stderr


def test_mutants_cover_every_file_and_are_reproducible(fuzz):
    mutants = fuzz.make_mutants(LOCALES, SEED, 60)
    files = {m.file for m in mutants}
    assert "glossary.pot" in files
    assert {
        f"{p.parent.parent.name}/LC_MESSAGES/glossary.po"
        for p in LOCALES.glob("*/LC_MESSAGES/glossary.po")
    } <= files
    assert all(m.data != (LOCALES / m.file).read_bytes() for m in mutants)
    again = fuzz.make_mutants(LOCALES, SEED, 60)
    assert [(m.file, m.what, m.data) for m in again] == [(m.file, m.what, m.data) for m in mutants]
    assert len({m.what.split()[0] for m in mutants}) > 10  # many kinds of mutation


@pytest.mark.parametrize(
    "code, err, kind",
    [
        (None, "", "hang"),
        (1, 'Traceback (most recent call last):\n  File "x"\nKeyError: 1\n', "crash"),
        (2, "usage: glossary …", "crash"),
        (1, "glossary: error: something went wrong\n", "no_location"),
        (0, "", "accepted_bad"),  # the mutant is one that msgfmt --check rejects
    ],
)
def test_each_class_of_problem_is_seen(fuzz, code, err, kind):
    """The classifier is not vacuous: a command that hangs, crashes, fails
    without a location or accepts what msgfmt rejects is counted."""
    require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    name = "pl/LC_MESSAGES/glossary.po"
    data = (LOCALES / name).read_bytes().replace(b'msgstr "', b'msgstr "\\q', 1)
    mutant = fuzz.Mutant(0, name, "a bad escape", data, 0)

    def run(args, cwd, timeout):
        return fuzz.Run(args[0], code, "", err)

    result = fuzz.examine(mutant, LOCALES, 5, run)
    kinds = {k for k, _, _ in result.problems}
    assert kind in kinds and kinds <= {kind, "lost"}  # a lookup answering nothing loses the term
    assert {c for k, c, _ in result.problems if k == kind} >= {"check", "update"}


def test_a_lost_translation_is_seen(fuzz, tmp_path):
    """An update that drops a translation is a 'lost' problem."""
    require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    name = "pl/LC_MESSAGES/glossary.po"
    mutant = fuzz.Mutant(0, name, "unchanged", (LOCALES / name).read_bytes(), 0)
    real = fuzz.run_in_process

    def run(args, cwd, timeout):
        if args[0] == "update":  # drop the first translation
            path = cwd / "locales" / name
            text = path.read_text(encoding="utf-8")
            start = text.index('msgstr "', text.index("msgctxt "))
            end = text.index("\n", start)
            path.write_text(text[:start] + 'msgstr ""' + text[end:], encoding="utf-8")
            return fuzz.Run("update", 0, "", "")
        return real(args, cwd, timeout)

    result = fuzz.examine(mutant, LOCALES, 60, run)
    assert [(k, c) for k, c, _ in result.problems] == [("lost", "update")]
