"""`glossary init-locale LANG`: a new catalog from the template, or a clear refusal."""

from __future__ import annotations

import subprocess

import polib
import pytest
from conftest import require_tool

import glossary
from glossary.formats import po
from glossary.layout import catalog_path, language_name, plural_forms, template_path


def snapshot(folder):
    """Every file under ``folder`` (and its parent) with its bytes."""
    return {p: p.read_bytes() for p in sorted(folder.parent.rglob("*")) if p.is_file()}


def template_keys(locales):
    return [(e.msgctxt, e.msgid) for e in polib.pofile(str(template_path(locales)))]


@pytest.mark.parametrize(
    "code,folder,team",
    [
        ("fr", "fr", "French"),
        ("pt_BR", "pt_BR", "Portuguese (Brazil)"),
        ("sr_Latn", "sr_Latn", "Serbian (Latin)"),
        ("pt-br", "pt_BR", "Portuguese (Brazil)"),
    ],
)
def test_creates_the_catalog_with_a_correct_header(locales, cli, code, folder, team):
    result = cli("init-locale", code, "--locales", str(locales))
    assert result.code == 0, result
    path = catalog_path(locales, folder)
    assert f"created {path}" in result.err
    catalog = polib.pofile(str(path))
    assert catalog.metadata["Language"] == folder
    assert catalog.metadata["Plural-Forms"] == plural_forms(folder)
    assert catalog.metadata["Language-Team"] == team == language_name(folder)
    assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalog.header.startswith(f"bpo-kpo-glossary: the {team} catalog.")
    # every entry of the template, in its order, untranslated, with its extracted comments
    template = polib.pofile(str(template_path(locales)))
    assert [(e.msgctxt, e.msgid, e.comment) for e in catalog] == [
        (e.msgctxt, e.msgid, e.comment) for e in template
    ]
    assert all(e.msgstr == "" and not e.tcomment for e in catalog)
    assert str(len(template)) in result.err


def test_the_new_catalog_is_canonical_and_passes_check(locales, cli):
    assert cli("init-locale", "fr", "--locales", str(locales)).code == 0
    path = catalog_path(locales, "fr")
    loaded = glossary.load(locales)
    assert "fr" in loaded.languages
    # the form po.py writes (and msgcat --no-wrap), so nothing changes when it is rewritten
    assert po.po_text(loaded, "fr").encode("utf-8") == path.read_bytes()
    result = cli("check", "--locales", str(locales))
    assert result.code == 0, result.err
    assert " 0 errors," in result.err
    assert "'fr'" in result.err  # untranslated concepts are warnings, not errors


def test_the_new_catalog_satisfies_gnu_msgfmt(locales, cli, tmp_path):
    msgfmt = require_tool("msgfmt", "GNU gettext: apt-get install gettext")
    assert cli("init-locale", "pl_PL", "--locales", str(locales)).code == 0
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "x.mo"), str(catalog_path(locales, "pl_PL"))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr


@pytest.mark.parametrize(
    "code,message",
    [
        ("../x", "is a path, not a locale code"),
        ("a/b", "is a path, not a locale code"),
        ("/tmp/fr", "is a path, not a locale code"),
        ("..", "is a path, not a locale code"),
        ("", "empty locale code"),
        ("xx_YY_ZZ", "not a locale known to CLDR"),
        ("klingon", "is not a locale code"),
        ("fr_FR_foo bar", "is not a locale code"),
        ("en", "source language"),
    ],
)
def test_refuses_bad_codes_and_creates_nothing(locales, cli, code, message):
    before = snapshot(locales)
    result = cli("init-locale", code, "--locales", str(locales))
    assert result.code == 1, result
    assert message in result.err
    assert "Traceback" not in result.err
    assert snapshot(locales) == before


def test_refuses_an_existing_locale_without_force(locales, cli):
    path = catalog_path(locales, "bg")
    before = snapshot(locales)
    result = cli("init-locale", "bg", "--locales", str(locales))
    assert result.code == 1
    assert result.err.startswith(f"{path}:0: error: the 'bg' catalog exists already")
    assert "--force" in result.err
    assert snapshot(locales) == before


def test_force_on_an_intact_catalog_changes_nothing(locales, cli):
    path = catalog_path(locales, "de")
    before = path.read_bytes()
    result = cli("init-locale", "de", "--force", "--locales", str(locales))
    assert result.code == 0, result
    assert path.read_bytes() == before


def test_force_recreates_the_header_and_keeps_every_translation(locales, cli):
    path = catalog_path(locales, "bg")
    catalog = polib.pofile(str(path), wrapwidth=0)
    original = {e.msgctxt: (e.msgid, e.msgstr, e.tcomment) for e in catalog}
    # a damaged header, a translator's own comment, and an entry the template does not have
    del catalog.metadata["Plural-Forms"]
    catalog.metadata["Language-Team"] = "Bulgarian team <bg@example.org>"
    catalog.metadata["Last-Translator"] = "Translator <t@example.org>"
    catalog.header = "my own header comment"
    first = next(e for e in catalog if e.msgctxt.endswith(".term"))
    first.tcomment += "\nnote: checked against the 2024 style guide"
    catalog.append(
        polib.POEntry(msgctxt="gone.term", msgid="gone", msgstr="изчезнал", tcomment="pos: noun")
    )
    catalog.save()

    result = cli("init-locale", "bg", "--force", "--locales", str(locales))
    assert result.code == 0, result
    after = polib.pofile(str(path), wrapwidth=0)
    assert after.metadata["Plural-Forms"] == plural_forms("bg")
    assert after.metadata["Language"] == "bg"
    assert after.metadata["Last-Translator"] == "Translator <t@example.org>"
    assert after.metadata["Language-Team"] == "Bulgarian team <bg@example.org>"
    assert after.header.startswith("bpo-kpo-glossary: the Bulgarian catalog.")
    live = {e.msgctxt: (e.msgid, e.msgstr, e.tcomment) for e in after if not e.obsolete}
    for ctx, (msgid, msgstr, tcomment) in original.items():
        if ctx == first.msgctxt:
            tcomment += "\nnote: checked against the 2024 style guide"
        assert live[ctx] == (msgid, msgstr, tcomment)
    gone = [e for e in after if e.obsolete]
    assert [(e.msgctxt, e.msgstr, e.tcomment) for e in gone] == [
        ("gone.term", "изчезнал", "pos: noun")
    ]
    assert "kept" in result.err and "1 obsolete" in result.err


def test_force_refuses_a_catalog_it_cannot_parse(locales, cli):
    path = catalog_path(locales, "pl")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\nmsgctxt "x.term"\nmsgid "x"\nmsgstr "unterminated\n')
    before = path.read_bytes()
    result = cli("init-locale", "pl", "--force", "--locales", str(locales))
    assert result.code == 1
    assert f"{path}:" in result.err and "unterminated string" in result.err
    assert path.read_bytes() == before


def test_refuses_a_stale_template(locales, cli):
    template = polib.pofile(str(template_path(locales)), wrapwidth=0)
    template[0].msgid += " (changed)"
    template.save()
    before = snapshot(locales)
    result = cli("init-locale", "fr", "--locales", str(locales))
    assert result.code == 1
    assert "out of date with the English catalog; run 'glossary extract'" in result.err
    assert snapshot(locales) == before


def test_refuses_a_language_folder_that_links_outside_and_writes_nothing(locales, cli, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (locales / "fr").symlink_to(outside, target_is_directory=True)
    before = snapshot(locales)
    result = cli("init-locale", "fr", "--locales", str(locales))
    assert result.code == 1, result
    assert f"{locales / 'fr' / 'LC_MESSAGES' / 'glossary.po'}:0: error:" in result.err
    assert "outside" in result.err and "Traceback" not in result.err
    assert list(outside.iterdir()) == []
    assert snapshot(locales) == before


@pytest.mark.parametrize("code", ["und", "und_DE", "und-Latn"])
def test_refuses_the_undetermined_language(locales, cli, code):
    before = snapshot(locales)
    result = cli("init-locale", code, "--locales", str(locales))
    assert result.code == 1, result
    assert "undetermined language" in result.err
    assert snapshot(locales) == before
    assert not (locales / "en_US").exists()
