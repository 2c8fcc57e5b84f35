"""`glossary update`: the template merged into every translation, as GNU msgmerge does."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from conftest import require_tool

from glossary.extract import extract, source_glossary
from glossary.formats import po
from glossary.layout import catalog_path, find_catalogs, template_path
from glossary.model import SOURCE_LANGUAGE, Concept, LangSection, Term
from glossary.update import catalog_text, merge_catalog

NEW_ID = "quality_assurance"


def translations(locales):
    return [lang for lang in sorted(find_catalogs(locales)) if lang != SOURCE_LANGUAGE]


def snapshot(locales):
    return {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(locales.rglob("*")) if p.is_file()
    }


def change_english(locales):
    """The English catalog gains a concept, loses one, and one definition changes a little;
    the template is regenerated. Returns (removed concept, changed concept)."""
    glossary = source_glossary(locales)
    referenced = {target for c in glossary for target in c.broader + c.related}
    removed = next(c for c in glossary if c.id not in referenced)
    changed = next(
        c
        for c in glossary
        if c.id != removed.id and c.id in referenced and len(c.definition(SOURCE_LANGUAGE)) > 60
    )
    del glossary.concepts[removed.id]
    section = changed.languages[SOURCE_LANGUAGE]
    section.definition = section.definition.rstrip(".") + ", as a rule."
    glossary.add(
        Concept(
            NEW_ID,
            subject_field="quality",
            languages={
                SOURCE_LANGUAGE: LangSection(
                    SOURCE_LANGUAGE,
                    [Term("quality assurance")],
                    definition="planned checks by which a buyer makes sure that delivered work meets "
                    "the agreed requirements.",
                )
            },
        )
    )
    glossary.invalidate()
    po.write_po(glossary, SOURCE_LANGUAGE, catalog_path(locales, SOURCE_LANGUAGE))
    extract(locales)
    return removed, changed


def entries(path):
    """What msgmerge and we must agree on, entry by entry, in file order."""
    catalog = polib.pofile(str(path), wrapwidth=0)
    return [
        (
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.fuzzy,
            e.previous_msgctxt,
            e.previous_msgid,
            e.tcomment,
            "" if e.obsolete else e.comment,
            e.obsolete,
        )
        for e in catalog
    ]


def test_update_agrees_with_gnu_msgmerge(locales, cli, tmp_path):
    msgmerge = require_tool("msgmerge", "GNU gettext: apt-get install gettext")
    old = tmp_path / "old"
    old.mkdir()
    langs = translations(locales)
    for lang in langs:
        shutil.copy(catalog_path(locales, lang), old / f"{lang}.po")
    removed, changed = change_english(locales)

    result = cli("update", "--locales", str(locales))
    assert result.code == 0, result

    units_removed = sum(
        1
        for e in polib.pofile(str(old / f"{langs[0]}.po"))
        if e.msgctxt.startswith(removed.id + ".")
    )
    for lang in langs:
        gnu = tmp_path / f"gnu-{lang}.po"
        run = subprocess.run(
            [
                msgmerge,
                "--no-wrap",
                "--previous",
                "--quiet",
                "-o",
                str(gnu),
                str(old / f"{lang}.po"),
                str(template_path(locales)),
            ],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        ours = entries(catalog_path(locales, lang))
        # The input keeps to what both do alike: the changed definition stays similar to
        # the old one (msgmerge pairs texts by similarity, we pair them by msgctxt); the new
        # concept's texts are like no translated text (msgmerge would offer a similar
        # translation of another concept as a fuzzy guess, we never do); every entry
        # that goes away is translated (msgmerge drops untranslated ones with their
        # comments, we keep those that have translator comments).
        assert ours == entries(gnu), lang
        assert (
            polib.pofile(str(catalog_path(locales, lang))).metadata
            == polib.pofile(str(gnu)).metadata
        )

        by_context = {e[0]: e for e in ours}
        fuzzy = by_context[f"{changed.id}.definition"]
        assert fuzzy[3] and fuzzy[2]  # fuzzy, translation kept
        assert fuzzy[5] != fuzzy[1] and fuzzy[5].endswith(fuzzy[1][: -len(", as a rule.")] + ".")
        assert by_context[f"{NEW_ID}.term"][2] == ""
        assert [e[0] for e in ours if e[-1]] == [
            e.msgctxt
            for e in polib.pofile(str(old / f"{lang}.po"))
            if e.msgctxt.startswith(removed.id + ".")
        ]
        assert (
            f"{catalog_path(locales, lang)}: 2 added, 1 fuzzy, {units_removed} obsolete"
            in result.err
        )


def test_update_then_update_again_changes_nothing(locales, cli):
    change_english(locales)
    assert cli("update", "--locales", str(locales)).code == 0
    before = snapshot(locales)
    result = cli("update", "--locales", str(locales))
    assert result.code == 0
    assert snapshot(locales) == before
    assert (
        result.err.count("0 added, 0 fuzzy, 0 obsolete (unchanged)")
        == len(translations(locales)) + 1
    )  # and the source catalog


def test_update_on_an_up_to_date_tree_changes_no_byte(locales, cli):
    before = snapshot(locales)
    result = cli("update", "--locales", str(locales))
    assert result.code == 0, result
    assert snapshot(locales) == before
    for lang in translations(locales) + [SOURCE_LANGUAGE]:
        assert (
            f"{catalog_path(locales, lang)}: 0 added, 0 fuzzy, 0 obsolete (unchanged)" in result.err
        )


def test_a_broken_catalog_aborts_the_update_and_nothing_is_written(locales, cli):
    change_english(locales)
    broken = translations(locales)[-1]
    path = catalog_path(locales, broken)
    text = path.read_text(encoding="utf-8")
    at = text.index("msgstr ", text.index("msgctxt"))
    path.write_text(
        text[:at] + 'msgstr "unterminated\n' + text[text.index("\n", at) + 1 :], encoding="utf-8"
    )
    line = text[:at].count("\n") + 1
    before = snapshot(locales)
    result = cli("update", "--locales", str(locales))
    assert result.code == 1
    assert f"{path}:{line}: error: unterminated string" in result.err
    assert "Traceback" not in result.err
    assert snapshot(locales) == before


def test_update_refuses_a_stale_template(locales, cli):
    glossary = source_glossary(locales)
    first = next(iter(glossary))
    first.languages[SOURCE_LANGUAGE].definition += " Changed."
    po.write_po(glossary, SOURCE_LANGUAGE, catalog_path(locales, SOURCE_LANGUAGE))
    before = snapshot(locales)
    result = cli("update", "--locales", str(locales))
    assert result.code == 1
    assert "run 'glossary extract' first" in result.err
    assert snapshot(locales) == before


# -- the merge itself, case by case ----------------------------------------------------


def catalog(*entries, obsolete=()):
    result = polib.POFile(wrapwidth=0)
    result.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        result.append(entry)
    for entry in obsolete:
        entry.obsolete = True
        result.append(entry)
    return result


def E(ctx, msgid, msgstr="", **kw):
    return polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr, **kw)


def test_translation_and_comments_kept_extracted_comments_replaced():
    old = catalog(E("a.term", "alpha", "alpha-fr", tcomment="pos: noun", comment="old"))
    merged, counts = merge_catalog(old, catalog(E("a.term", "alpha", comment="new")))
    (e,) = merged
    assert (e.msgstr, e.tcomment, e.comment, e.fuzzy) == ("alpha-fr", "pos: noun", "new", False)
    assert (counts.added, counts.fuzzy, counts.obsolete, counts.kept) == (0, 0, 0, 1)


def test_changed_english_text_becomes_fuzzy_with_the_previous_msgid():
    old = catalog(E("a.definition", "old text", "texte", tcomment="note: n"))
    merged, counts = merge_catalog(old, catalog(E("a.definition", "new text")))
    (e,) = merged
    assert (e.msgstr, e.fuzzy, e.previous_msgctxt, e.previous_msgid, e.tcomment) == (
        "texte",
        True,
        "a.definition",
        "old text",
        "note: n",
    )
    assert counts.fuzzy == 1
    assert '#| msgid "old text"' in str(merged)


def test_an_already_fuzzy_entry_keeps_the_text_it_was_translated_from():
    old = catalog(E("a.definition", "second", "texte", flags=["fuzzy"], previous_msgid="first"))
    merged, _ = merge_catalog(old, catalog(E("a.definition", "third")))
    (e,) = merged
    assert (e.fuzzy, e.previous_msgid, e.msgstr) == (True, "first", "texte")


def test_new_entries_in_template_order_obsolete_at_the_end_in_catalog_order():
    old = catalog(
        E("b.term", "beta", "bêta"),
        E("x.term", "x", "ix"),
        E("y.term", "y", "igrec"),
        obsolete=[E("z.term", "zed", "zède")],
    )
    merged, counts = merge_catalog(old, catalog(E("a.term", "alpha"), E("b.term", "beta")))
    assert [(e.msgctxt, e.obsolete) for e in merged] == [
        ("a.term", False),
        ("b.term", False),
        ("x.term", True),
        ("y.term", True),
        ("z.term", True),
    ]
    assert (counts.added, counts.obsolete) == (1, 2)
    text = str(merged)
    assert text.index('msgctxt "b.term"') < text.index('#~ msgctxt "x.term"')


def test_an_obsolete_entry_comes_back_when_the_template_has_it_again():
    old = catalog(obsolete=[E("a.term", "alpha", "alpha-fr", tcomment="pos: noun")])
    merged, counts = merge_catalog(old, catalog(E("a.term", "alpha")))
    (e,) = merged
    assert (e.obsolete, e.msgstr, e.tcomment) == (False, "alpha-fr", "pos: noun")
    assert counts.added == 0


def test_translator_comments_of_untranslated_entries_are_kept_too():
    # msgmerge drops both of these entries, and their comments with them
    old = catalog(
        E("a.term", "old", tcomment="admitted: alpha"),
        E("b.term", "beta", tcomment="note: keep me"),
        E("c.term", "gamma"),
    )
    merged, _ = merge_catalog(old, catalog(E("a.term", "new")))
    assert [(e.msgctxt, e.msgid, e.tcomment, e.fuzzy, e.obsolete) for e in merged] == [
        ("a.term", "new", "admitted: alpha", False, False),
        ("b.term", "beta", "note: keep me", False, True),
    ]


def test_no_cross_context_guess():
    # msgmerge may offer the translation of a similar text of another concept; we do not
    old = catalog(E("a.term", "knowledge process outsourcing", "KPO-fr"))
    merged, counts = merge_catalog(old, catalog(E("b.term", "knowledge process outsourcings")))
    assert [(e.msgctxt, e.msgstr, e.fuzzy, e.obsolete) for e in merged] == [
        ("b.term", "", False, False),
        ("a.term", "KPO-fr", False, True),
    ]
    assert (counts.added, counts.obsolete) == (1, 1)


@pytest.mark.parametrize("name", ["header comment", ""])
def test_the_header_is_the_catalogs(name):
    old = catalog(E("a.term", "alpha", "alpha-fr"))
    old.header = name
    merged, _ = merge_catalog(old, catalog(E("a.term", "alpha")))
    assert merged.header == name and merged.metadata == old.metadata


def test_update_refreshes_the_extracted_comments_of_the_source_catalog_too(locales, cli):
    english = locales / "en" / "LC_MESSAGES" / "glossary.po"
    text = english.read_text(encoding="utf-8")
    english.write_text(
        text.replace("# part-of: accounting\n", "# part-of: business_process\n", 1),
        encoding="utf-8",
    )
    assert cli("extract", "--locales", str(locales)).code == 0
    assert cli("update", "--locales", str(locales)).code == 0
    for path in locales.glob("*/LC_MESSAGES/glossary.po"):
        block = (
            path.read_text(encoding="utf-8")
            .split('msgctxt "bookkeeping.term"')[0]
            .rsplit("\n\n", 1)[1]
        )
        assert "#. Part of: business process\n" in block, path
    assert cli("check", "--strict", "--locales", str(locales)).code == 0


# -- all catalogs or none --------------------------------------------------------------


def _fail_on(monkeypatch, victim, exception):
    """Make writing the merged text of the catalog ``victim`` raise ``exception``."""
    import glossary._fs

    real = glossary._fs.write_temp

    def write_temp(path, data):
        if path == victim:
            raise exception
        return real(path, data)

    monkeypatch.setattr(glossary._fs, "write_temp", write_temp)


@pytest.mark.parametrize("position", [0, -1])
def test_a_catalog_that_cannot_be_written_leaves_every_catalog_as_it_was(
    locales, cli, monkeypatch, position
):
    import errno

    change_english(locales)
    before = snapshot(locales)
    victim = catalog_path(locales, translations(locales)[position])
    _fail_on(monkeypatch, victim, OSError(errno.ENOSPC, "No space left on device"))
    result = cli("update", "--locales", str(locales))
    assert result.code == 1, result
    assert f"{victim}:0: error: cannot write the merged catalog: No space left on device" in (
        result.err
    )
    assert "Traceback" not in result.err
    assert snapshot(locales) == before  # no catalog merged, no temporary file left


def test_an_update_killed_while_writing_changes_nothing(locales, cli, monkeypatch):
    change_english(locales)
    before = snapshot(locales)
    _fail_on(monkeypatch, catalog_path(locales, translations(locales)[-1]), KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        from glossary.update import update

        update(locales)
    assert snapshot(locales) == before


def test_an_update_killed_while_swapping_is_finished_by_the_next_one(locales, cli, monkeypatch):
    import os

    change_english(locales)
    expected_root = locales.parent / "expected"
    shutil.copytree(locales, expected_root)
    assert cli("update", "--locales", str(expected_root)).code == 0
    expected = {p.relative_to(expected_root): p.read_bytes() for p in expected_root.rglob("*.po")}

    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed after the first catalog was swapped
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    from glossary.update import JOURNAL, update

    with pytest.raises(KeyboardInterrupt):
        update(locales)
    monkeypatch.setattr(os, "replace", real)
    assert (locales / JOURNAL).is_file()
    assert cli("update", "--locales", str(locales)).code == 0
    assert {p.relative_to(locales): p.read_bytes() for p in locales.rglob("*.po")} == expected
    assert not (locales / JOURNAL).exists()
    assert not [p for p in locales.rglob("*.tmp")]


# -- every translation survives ----------------------------------------------------------

#: Entries a translator may leave in a catalog that the glossary does not use, or uses
#: otherwise: plural forms (of a glossary entry, of a message without context, obsolete),
#: obsolete entries (with their previous message) and previous messages of a fuzzy entry.
EXTRA = """
msgid "%d concept"
msgid_plural "%d concepts"
msgstr[0] "@0 pojęcie"
msgstr[1] "@1 pojęcia"
msgstr[2] "@2 pojęć"

msgctxt "free.note"
msgid "a message of another program"
msgstr "@3 komunikat innego programu"

#~ msgctxt "gone.term"
#~ msgid "gone"
#~ msgid_plural "gones"
#~ msgstr[0] "@4 znikły"
#~ msgstr[1] "@5 znikłe"
#~ msgstr[2] "@6 znikłych"

#, fuzzy
#~| msgid "vanished earlier"
#~ msgctxt "gone.definition"
#~ msgid "vanished"
#~ msgstr "@7 zniknięcie"
"""


def all_translations(path):
    """Every non-empty translation in a catalog (msgstr and msgstr[N], live or obsolete)."""
    found = []
    for entry in polib.pofile(str(path)):
        found += [entry.msgstr] + list(entry.msgstr_plural.values())
    return sorted(text for text in found if text)


def test_update_keeps_every_translation_that_msgmerge_keeps_and_more(locales, cli, tmp_path):
    """Plural forms, obsolete entries and previous messages: whatever a translator wrote
    is still in the catalog after 'update', string by string, where GNU msgmerge keeps
    only the first plural form of an entry that the template has in the singular."""
    msgmerge = require_tool("msgmerge", "GNU gettext: apt-get install gettext")
    change_english(locales)
    lang = translations(locales)[-1]
    path = catalog_path(locales, lang)
    catalog = polib.pofile(str(path), wrapwidth=0)
    header = po.standard_header(lang)
    catalog.metadata["Plural-Forms"] = header["Plural-Forms"]
    nplurals = int(header["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    translated = [e for e in catalog if e.msgstr and not e.obsolete and not e.fuzzy]
    # a glossary term written with plural forms; a changed one that was fuzzy already
    term = next(e for e in translated if e.msgctxt.endswith(".term"))
    term.msgid_plural = term.msgid + "s"
    term.msgstr_plural = {k: f"{term.msgstr} @p{k}" for k in range(nplurals)}
    term.msgstr = ""
    fuzzy = next(e for e in translated if e.msgctxt.endswith(".definition"))
    fuzzy.flags.append("fuzzy")
    fuzzy.previous_msgid = "an earlier English text"
    extra = EXTRA
    if nplurals != 3:
        extra = "\n\n".join(b for b in EXTRA.split("\n\n") if "msgstr[2]" not in b)
    path.write_text(catalog_text(catalog) + extra, encoding="utf-8")
    fmt = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stderr  # the input is a valid catalog
    before = all_translations(path)
    gnu = tmp_path / "gnu.po"
    run = subprocess.run(
        [
            msgmerge,
            "--no-wrap",
            "--previous",
            "--quiet",
            "-o",
            str(gnu),
            str(path),
            str(template_path(locales)),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr

    result = cli("update", "--locales", str(locales))
    assert result.code == 0, result
    after = all_translations(path)
    assert sorted(set(before) - set(after)) == []  # nothing a translator wrote is lost
    assert sorted(set(all_translations(gnu)) - set(after)) == []  # what msgmerge keeps
    lost_by_gnu = set(before) - set(all_translations(gnu))
    assert lost_by_gnu <= {f"{term.msgstr_plural[k]}" for k in range(1, nplurals)}
    # the term written in plural forms is reported by check, with its line
    check = cli("check", "--locales", str(locales))
    assert f"'{term.msgctxt}' has plural forms" in check.err
    assert cli("update", "--locales", str(locales)).code == 0
    assert all_translations(path) == after  # a second update changes nothing
