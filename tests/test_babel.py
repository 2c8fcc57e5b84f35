"""Babel reads, writes and compiles every catalog (``read_po``, ``write_po``, ``pybabel``)."""

from __future__ import annotations

import datetime
import gettext
import io
import shutil
import subprocess
import sys

import polib
import pytest
from babel.messages.pofile import read_po, write_po
from conftest import LOCALES

from glossary.formats import po
from glossary.layout import catalog_path, find_catalogs, template_path

SHIPPED = sorted(find_catalogs(LOCALES))


def babel_catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", SHIPPED)
def test_babel_reads_every_catalog_with_a_real_revision_date(lang):
    path = catalog_path(LOCALES, lang)
    catalog = babel_catalog(path)
    # Babel up to 2.18 raises on an empty date; later ones keep a placeholder string
    assert isinstance(catalog.revision_date, datetime.datetime)
    assert str(catalog.locale) == lang
    live = [e for e in polib.pofile(str(path)) if not e.obsolete]
    assert {(m.context, m.id) for m in catalog if m.id} == {(e.msgctxt, e.msgid) for e in live}


def test_babel_reads_the_template():
    catalog = babel_catalog(template_path(LOCALES))
    assert len([m for m in catalog if m.id]) == len(polib.pofile(str(template_path(LOCALES))))


@pytest.mark.parametrize("lang", SHIPPED)
def test_babel_write_po_then_read_po_keeps_every_translation(lang):
    original = babel_catalog(catalog_path(LOCALES, lang))
    buffer = io.BytesIO()
    write_po(buffer, original)
    again = read_po(io.BytesIO(buffer.getvalue()))
    assert again.revision_date == original.revision_date
    assert {(m.context, m.id): m.string for m in again if m.id} == {
        (m.context, m.id): m.string for m in original if m.id
    }


@pytest.mark.parametrize("lang", SHIPPED)
def test_pybabel_compile_gives_a_catalog_gettext_reads(lang, tmp_path):
    source = catalog_path(LOCALES, lang)
    target = tmp_path / "glossary.mo"
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "compile"]
        + ["-i", str(source), "-o", str(target), "-l", lang],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with open(target, "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    for entry in polib.pofile(str(source)):
        if entry.msgstr and not entry.fuzzy and not entry.obsolete:
            assert translations.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr


@pytest.mark.parametrize("lang", SHIPPED)
def test_pybabel_update_merges_the_template_into_every_catalog(lang, tmp_path):
    output = tmp_path / "glossary.po"
    shutil.copyfile(catalog_path(LOCALES, lang), output)  # pybabel update works in place
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "update", "--no-fuzzy-matching"]
        + ["-i", str(template_path(LOCALES)), "-o", str(output), "-l", lang],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    merged = babel_catalog(output)
    original = babel_catalog(catalog_path(LOCALES, lang))
    assert {(m.context, m.id): m.string for m in merged if m.id} == {
        (m.context, m.id): m.string for m in original if m.id
    }


def test_an_empty_revision_date_is_reported_and_update_sets_it(locales, cli, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = catalog_path(locales, "pl")
    text = path.read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith('"PO-Revision-Date:'))
    path.write_text(text.replace(date_line, '"PO-Revision-Date: \\n"'), encoding="utf-8")
    result = cli("check", "--strict", "--locales", str(locales))
    assert result.code == 1 and f"{path}:7: warning: PO-Revision-Date ''" in result.out + result.err
    assert cli("update", "--locales", str(locales)).code == 0
    assert babel_catalog(path).revision_date == datetime.datetime(
        1970, 1, 1, tzinfo=datetime.timezone.utc
    )
    assert cli("check", "--strict", "--locales", str(locales)).code == 0


def test_a_valid_revision_date_is_kept_by_update(locales, cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli("extract", "--locales", str(locales)).code == 0  # the template is dated too
    path = catalog_path(locales, "de")
    text = path.read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith('"PO-Revision-Date:'))
    edited = text.replace(date_line, '"PO-Revision-Date: 2026-02-03 10:20+0100\\n"')
    path.write_text(edited, encoding="utf-8")
    assert cli("update", "--locales", str(locales)).code == 0
    assert path.read_text(encoding="utf-8") == edited


def test_a_new_catalog_is_dated_by_source_date_epoch_else_by_the_fixed_date(
    locales, cli, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli("extract", "--locales", str(locales)).code == 0  # the template is dated too
    assert cli("init-locale", "fr", "--locales", str(locales)).code == 0
    fr = babel_catalog(catalog_path(locales, "fr"))
    assert fr.revision_date == datetime.datetime(2023, 11, 14, 22, 13, tzinfo=datetime.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert cli("extract", "--locales", str(locales)).code == 0
    assert cli("init-locale", "it", "--locales", str(locales)).code == 0
    header = polib.pofile(str(catalog_path(locales, "it"))).metadata
    assert header["PO-Revision-Date"] == po.FIXED_REVISION_DATE
