"""`glossary stats`: completeness per locale, counted as translate-toolkit's pocount counts."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import polib
import pytest
from conftest import require_tool

from glossary.formats import po
from glossary.layout import catalog_path, find_catalogs, template_path
from glossary.model import SOURCE_LANGUAGE
from glossary.stats import word_count


def languages(locales):
    return sorted(find_catalogs(locales), key=lambda code: (code != SOURCE_LANGUAGE, code))


def unsettle(locales):
    """Make one catalog partly fuzzy, partly untranslated, with an obsolete entry.
    Returns the language and the ids of the concepts left incomplete."""
    lang = languages(locales)[1]
    path = catalog_path(locales, lang)
    catalog = polib.pofile(str(path), wrapwidth=0)
    touched = set()
    entries = list(catalog)
    for entry in entries[:2]:  # fuzzy, with a translation
        entry.flags.append("fuzzy")
        touched.add(po.split_context(entry.msgctxt)[0])
    entries[2].msgstr = ""  # untranslated
    touched.add(po.split_context(entries[2].msgctxt)[0])
    entries[3].msgstr = ""  # fuzzy but empty: untranslated for pocount
    entries[3].flags.append("fuzzy")
    touched.add(po.split_context(entries[3].msgctxt)[0])
    catalog.append(
        polib.POEntry(msgctxt="gone.term", msgid="gone for good", msgstr="x", obsolete=True)
    )
    catalog.save()
    return lang, touched


def pocount(path):
    tool = require_tool("pocount", "translate-toolkit: pip install translate-toolkit")
    result = subprocess.run([tool, "--csv", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.strip())))
    return {k.strip(): v.strip() for k, v in rows[-1].items()}


def test_counts_agree_with_pocount(locales, cli):
    unsettle(locales)
    result = cli("stats", "--json", "--locales", str(locales))
    assert result.code == 0, result
    document = json.loads(result.out)["locales"]
    assert list(document) == languages(locales)
    for lang, ours in document.items():
        theirs = pocount(catalog_path(locales, lang))
        assert ours["entries"] == {
            "translated": int(theirs["Translated Messages"]),
            "fuzzy": int(theirs["Fuzzy Messages"]),
            "untranslated": int(theirs["Untranslated Messages"]),
            "total": int(theirs["Total Message"]),
        }, lang
        assert ours["source_words"] == {
            "translated": int(theirs["Translated Source Words"]),
            "fuzzy": int(theirs["Fuzzy Source Words"]),
            "untranslated": int(theirs["Untranslated Source Words"]),
            "total": int(theirs["Total Source Words"]),
        }, lang


def test_the_unsettled_catalog_counts_each_kind(locales, cli):
    lang, touched = unsettle(locales)
    data = json.loads(cli("stats", "--json", "--lang", lang, "--locales", str(locales)).out)
    ours = data["locales"][lang]
    template = [e for e in polib.pofile(str(template_path(locales)))]
    concepts = {po.split_context(e.msgctxt)[0] for e in template}
    assert ours["entries"] == {
        "translated": len(template) - 4,
        "fuzzy": 2,
        "untranslated": 2,
        "total": len(template),
    }
    assert ours["concepts"] == {"complete": len(concepts) - len(touched), "total": len(concepts)}
    assert ours["catalog"] == str(catalog_path(locales, lang))


def test_word_count_agrees_with_pocount_on_awkward_text():
    pytest.importorskip("translate.tools.pocount")
    from translate.tools.pocount import wordcount

    for text in [
        "e.g. the U.S.A. i.e. foo.bar",
        "3.5% of 1,000 forms; 10:30",
        "l’été don't",
        "<b>bold</b> text<br/>more",
        "day-to-day",
        "a_b x&y",
        "BPO/KPO (B2B)",
        "Разходи – 3,5 млн. лв.",
        "Geschäftsprozess-Outsourcing",
        "",
    ]:
        assert word_count(text) == wordcount(text), text


def test_lang_selects_one_locale(locales, cli):
    lang = languages(locales)[-1]
    result = cli("stats", "--lang", lang, "--locales", str(locales))
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[1].split()[0] == lang


def test_table_is_aligned(locales, cli):
    unsettle(locales)
    result = cli("stats", "--locales", str(locales))
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:4] == ["locale", "translated", "fuzzy", "untranslated"]
    assert [line.split()[0] for line in lines[1:]] == languages(locales)
    # numbers are right-aligned under their headings: every line ends at the same column
    assert len({len(line) for line in lines}) == 1
    for line in lines[1:]:
        assert line.endswith("%)")


def test_a_new_locale_starts_at_zero(locales, cli):
    assert cli("init-locale", "fr", "--locales", str(locales)).code == 0
    data = json.loads(cli("stats", "--json", "--lang", "fr", "--locales", str(locales)).out)
    fr = data["locales"]["fr"]
    assert fr["entries"]["translated"] == 0 == fr["concepts"]["complete"]
    assert fr["entries"]["untranslated"] == fr["entries"]["total"] > 0
    assert fr["source_words"]["untranslated"] == fr["source_words"]["total"] > 0


def test_unknown_lang_is_refused(locales, cli):
    result = cli("stats", "--lang", "fr", "--locales", str(locales))
    assert result.code == 1
    assert "no catalog for 'fr'" in result.err and "Traceback" not in result.err


def test_a_broken_catalog_is_reported_with_file_and_line(locales, cli):
    path = catalog_path(locales, languages(locales)[-1])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\nmsgctxt "x.term"\nmsgid "x"\nmsgstr "unterminated\n')
    result = cli("stats", "--locales", str(locales))
    assert result.code == 1
    assert f"{path}:" in result.err and "unterminated string" in result.err
