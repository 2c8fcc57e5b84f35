"""The precompiled glossary (``glossary.compiled``): the same model, never stale."""

from __future__ import annotations

import shutil

from conftest import LOCALES

from glossary.compiled import NAME, compile_catalogs, read_compiled


def test_the_compiled_glossary_is_the_glossary_of_the_catalogs(shipped, tmp_path):
    written = compile_catalogs(LOCALES, tmp_path)
    assert sorted(p.name for p in written) == sorted([NAME, "lookup.json"])
    compiled = read_compiled(tmp_path / NAME, LOCALES)
    assert compiled is not None
    assert list(compiled) == list(shipped)  # every concept, section and term, in order
    assert compiled.languages == shipped.languages
    assert compiled.sources == shipped.sources


def test_compiling_twice_gives_the_same_bytes(tmp_path):
    first = {p.name: p.read_bytes() for p in compile_catalogs(LOCALES, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in compile_catalogs(LOCALES, tmp_path / "b")}
    assert first == second


def test_a_compiled_glossary_of_other_catalogs_is_not_used(tmp_path):
    compile_catalogs(LOCALES, tmp_path / "data")
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES, copy)
    assert read_compiled(tmp_path / "data" / NAME, copy) is not None  # the same bytes
    catalog = copy / "de" / "LC_MESSAGES" / "glossary.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_compiled(tmp_path / "data" / NAME, copy) is None  # edited: read the catalogs
    (tmp_path / "data" / NAME).write_text("{", encoding="utf-8")
    assert read_compiled(tmp_path / "data" / NAME, LOCALES) is None  # damaged
