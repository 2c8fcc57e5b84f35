"""Adding a locale, end to end, as CONTRIBUTING.md describes it: init-locale, translate,
check, build; the new language then appears in every export."""

from __future__ import annotations

import csv
import gettext
import re
import shutil

import polib
import pytest
from conftest import LOCALES, run_cli

from glossary.build import build
from glossary.layout import catalog_path

LANG = "fr"


def translate(path):
    """Fill every entry as a translator would: a text, and the facts of each term."""
    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        entry.msgstr = f"{entry.msgid} ({LANG})"
        if entry.msgctxt.endswith(".definition"):  # a definition ends with a full stop
            entry.msgstr = f"{entry.msgid.rstrip('.')} ({LANG})."
        if entry.msgctxt.endswith(".term"):
            entry.tcomment = "pos: noun\ngender: masculine"
        elif entry.msgctxt.endswith(".abbr"):
            entry.tcomment = "pos: noun"
    catalog.save()
    return {e.msgctxt: e.msgstr for e in catalog}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """A copy of the catalogs with a complete French catalog, and everything built from it."""
    tmp = tmp_path_factory.mktemp("contributing")
    locales = tmp / "locales"
    shutil.copytree(LOCALES, locales)
    created = run_cli("init-locale", LANG, "--locales", str(locales))
    assert created.code == 0, created
    texts = translate(catalog_path(locales, LANG))
    checked = run_cli("check", "--strict", "--locales", str(locales))
    assert checked.code == 0, checked.err
    assert "0 errors, 0 warnings" in checked.err
    stats = run_cli("stats", "--lang", LANG, "--locales", str(locales))
    assert stats.out.splitlines()[1].split()[1:3] == [str(len(texts)), "(100%)"]
    build(locales, tmp / "exports")
    return tmp / "exports", texts


def test_mo(exports):
    out, texts = exports
    with (out / "locale" / LANG / "LC_MESSAGES" / "glossary.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    ctx, text = next(iter(texts.items()))
    assert catalog.pgettext(ctx, text[: -len(f" ({LANG})")]) == text


def test_tbx(exports):
    out, texts = exports
    tbx = (out / "glossary.tbx").read_text(encoding="utf-8")
    assert f'xml:lang="{LANG}"' in tbx
    term = next(t for c, t in texts.items() if c.endswith(".term"))
    assert f"<term>{term}</term>" in tbx.replace("&amp;", "&")


def test_csv(exports):
    out, _ = exports
    with (out / "glossary.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert f"{LANG}_term" in header and f"{LANG}_definition" in header


def test_tbx2008(exports):
    out, texts = exports
    pair = (out / "tbx2008" / f"en-{LANG}.tbx").read_text(encoding="utf-8")
    term = next(t for c, t in texts.items() if c.endswith(".term"))
    assert f'xml:lang="{LANG}"' in pair and term in pair
    assert f'xml:lang="{LANG}"' in (out / "tbx2008" / "glossary.tbx").read_text(encoding="utf-8")


def test_omegat(exports):
    out, texts = exports
    tsv = (out / "omegat" / f"en-{LANG}.txt").read_text(encoding="utf-8")
    term = next(t for c, t in texts.items() if c.endswith(".term"))
    assert term in tsv


def test_dataset_card(exports):
    out, _ = exports
    card = (out / "dataset" / "README.md").read_text(encoding="utf-8")
    front = card.split("---")[1]
    languages = re.search(r"^language:\n((?:- .*\n)+)", front, re.M)
    assert languages, front[:300]
    assert f"- {LANG}" in languages.group(1).splitlines()


def test_site(exports):
    out, texts = exports
    page = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert f'lang="{LANG}"' in page
    term = next(t for c, t in texts.items() if c.endswith(".term"))
    assert term in page
