"""The compiled index and the parallel reader change nothing but speed."""

from __future__ import annotations

from pathlib import Path

import glossary.catalogs as catalogs
from glossary.cache import cache_dir, index_key
from glossary.locales import catalog_path


def test_a_second_load_comes_from_the_index_and_is_equal(locales, tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    first = catalogs.load_catalogs(locales)
    [index] = list((tmp_path / "cache").iterdir())
    second = catalogs.load_catalogs(locales)
    assert second[0] == first[0] and second[1] == first[1]
    assert second[0] is not first[0]
    assert index.name == f"{index_key(locales)}.pickle"


def test_any_change_to_a_catalog_is_seen(locales, tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    catalogs.load_catalogs(locales)
    path = catalog_path(locales, "de")
    path.write_text(path.read_text(encoding="utf-8").replace('"Language: de\\n"', '"Language: fr\\n"'),
                    encoding="utf-8")
    _, findings = catalogs.load_catalogs(locales)
    assert any("contradicts the folder 'de'" in f.message for f in findings)


def test_a_damaged_index_is_ignored(locales, tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    expected = catalogs.load_catalogs(locales)
    [index] = list((tmp_path / "cache").iterdir())
    index.write_bytes(index.read_bytes()[:100])
    assert catalogs.load_catalogs(locales) == expected


def test_the_cache_can_be_turned_off(locales, tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GLOSSARY_CACHE", "off")
    assert cache_dir() is None
    catalogs.load_catalogs(locales)
    assert not (tmp_path / "cache").exists()


def test_reading_in_parallel_gives_the_same_result(locales, monkeypatch):
    path = catalog_path(locales, "pl")  # one broken catalog, to compare findings too
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "outsourcing"',
                                                             'msgstr "outsourcing', 1),
                    encoding="utf-8")
    sequential = catalogs.load_catalogs(locales, cache=False)
    monkeypatch.setattr(catalogs, "PARALLEL_BYTES", 0)
    parallel = catalogs.load_catalogs(locales, cache=False)
    assert parallel[0] == sequential[0] and parallel[1] == sequential[1]
    assert any("unterminated string" in f.message for f in parallel[1])
    monkeypatch.setattr(catalogs, "SERIAL_BYTES", 0)  # one process after the other
    serial = catalogs.load_catalogs(locales, cache=False)
    assert serial[0] == sequential[0] and serial[1] == sequential[1]
    assert list(serial[0].concepts) == list(sequential[0].concepts)
