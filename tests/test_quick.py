"""The quick path of ``glossary lookup`` (``glossary._quick``) says exactly what the
full command says, and leaves to it everything else."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from conftest import LOCALES

from glossary import _quick, cli
from glossary.compiled import compile_catalogs


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> str:
    """A folder with the compiled glossary and lookup index of the shipped catalogs."""
    out = tmp_path_factory.mktemp("data")
    compile_catalogs(LOCALES, out)
    return str(out)


@pytest.fixture(autouse=True)
def elsewhere(tmp_path, monkeypatch):
    """Run from a folder without ``locales/``: the shipped glossary is meant."""
    monkeypatch.chdir(tmp_path)


def _captured(func, *args) -> tuple[int | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = func(*args)
    return status, out.getvalue(), err.getvalue()


def _same(argv: list[str], data: str) -> None:
    quick = _captured(_quick.answer, argv, data)
    assert quick[0] == 0, f"{argv} was not answered by the quick path"
    assert quick == _captured(cli.run, argv), argv


def _texts(shipped):
    for concept in shipped:
        for lang, section in concept.languages.items():
            for term in section.terms:
                yield concept, lang, term


def test_every_term_gives_the_full_commands_answer(shipped, data):
    for _, _, term in _texts(shipped):
        _same(["lookup", term.text], data)


def test_typed_variants_and_language_options_give_the_full_commands_answer(shipped, data):
    languages = shipped.languages
    for number, (_, lang, term) in enumerate(_texts(shipped)):
        if number % 4:
            continue
        others = [code for code in languages if code != lang]
        _same(["lookup", term.text.upper()], data)
        _same(["lookup", f" {term.text.lower()} "], data)
        _same(["lookup", term.text, "--lang", lang], data)
        _same(["lookup", term.text, "--to", *others[:2]], data)
        _same(["lookup", "--lang", lang, term.text, "--to", lang], data)


@pytest.mark.parametrize(
    "argv",
    [
        ["lookup", "KPO", "--json"],
        ["lookup", "KPO", "--locales", str(LOCALES)],
        ["lookup", "KPO", "--lang", "xx"],
        ["lookup", "KPO", "--to", "pl", "xx"],
        ["lookup", "KPO", "--lang=pl"],
        ["lookup", "no such term anywhere"],
        ["lookup", "--", "-KPO"],
        ["lookup"],
        ["list"],
        ["--version"],
    ],
)
def test_what_it_cannot_answer_exactly_is_left_to_the_full_command(argv, data):
    assert _captured(_quick.answer, argv, data) == (None, "", "")


def test_a_catalogs_folder_here_is_left_to_the_full_command(data, tmp_path):
    (tmp_path / "locales" / "en" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locales" / "en" / "LC_MESSAGES" / "glossary.po").write_text("", encoding="utf-8")
    assert _captured(_quick.answer, ["lookup", "KPO"], data)[0] is None


def test_a_stale_or_damaged_index_is_not_used(data, tmp_path):
    index = json.loads((Path(data) / _quick.NAME).read_text(encoding="utf-8"))
    assert index["digest"] == _quick.fingerprint(LOCALES)
    stale = tmp_path / "stale"
    stale.mkdir()
    index["digest"] = _quick.fingerprint(LOCALES).replace(":", "-", 1)  # a catalog changed
    (stale / _quick.NAME).write_text(json.dumps(index), encoding="utf-8")
    assert _captured(_quick.answer, ["lookup", "KPO"], str(stale))[0] is None
    (stale / _quick.NAME).write_text('{"format": 1, "digest"', encoding="utf-8")
    assert _captured(_quick.answer, ["lookup", "KPO"], str(stale))[0] is None
    assert _captured(_quick.answer, ["lookup", "KPO"], str(tmp_path / "absent"))[0] is None


def test_the_fingerprint_changes_when_a_catalog_changes(tmp_path):
    import shutil

    copy = tmp_path / "locales"
    shutil.copytree(LOCALES, copy)
    before = _quick.fingerprint(copy)
    assert before == _quick.fingerprint(LOCALES)
    path = copy / "pl" / "LC_MESSAGES" / "glossary.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("outsourcing", "outsorcing", 1), encoding="utf-8")
    assert _quick.fingerprint(copy) != before
