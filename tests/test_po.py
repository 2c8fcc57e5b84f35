"""The PO mapping: canonical round trips, headers, strict reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import LOCALES

from glossary import GlossaryError, Status, TermType, checks
from glossary.catalogs import load_catalogs
from glossary.formats import po
from glossary.layout import catalog_path, find_catalogs, plural_forms

DATA = Path(__file__).parent / "data"
SHIPPED = sorted(find_catalogs(LOCALES))
SYNTAX_CASES = json.loads((DATA / "syntax_cases.json").read_text())


def test_the_four_shipped_locales_exist():
    assert {"en", "bg", "pl", "de"} <= set(SHIPPED)


@pytest.mark.parametrize("lang", SHIPPED)
def test_reading_then_writing_a_catalog_gives_back_the_same_bytes(shipped, lang):
    path = catalog_path(LOCALES, lang)
    assert po.po_text(shipped, lang).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("lang", SHIPPED)
def test_header_matches_folder_and_cldr(lang):
    catalog = po.parse_catalog(catalog_path(LOCALES, lang)).po
    meta = catalog.metadata
    assert meta["Language"] == lang
    # the rule, not its spelling: Babel releases spell CLDR's rules differently
    assert checks.plural_forms_agree(meta["Plural-Forms"], lang)
    assert meta["Language-Team"]  # written from CLDR's name when the catalog was made
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Project-Id-Version"].startswith(po.PROJECT)


def test_polish_has_three_plural_forms():
    assert plural_forms("pl").startswith("nplurals=3;")


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_concept_is_complete_in_every_shipped_language(shipped, lang):
    for concept in shipped:
        section = concept.languages.get(lang)
        assert section is not None, (concept.id, lang)
        assert section.preferred is not None and section.definition


def test_abbreviation_unit_and_comment_terms_are_read(shipped):
    english = shipped.get("knowledge_process_outsourcing").languages["en"]
    acronyms = [t for t in english.terms if t.type is TermType.ACRONYM]
    assert [t.text for t in acronyms] == ["KPO"] and acronyms[0].status is Status.ADMITTED
    assert english.terms_with(Status.DEPRECATED)  # from a "# deprecated:" comment


@pytest.mark.parametrize("name", sorted(SYNTAX_CASES))
def test_syntax_errors_name_file_and_line(name):
    line, fragment = SYNTAX_CASES[name]
    with pytest.raises(GlossaryError) as info:
        po.parse_catalog(DATA / name)
    first = info.value.findings[0]
    assert first.origin.path.endswith(name) and first.origin.line == line
    assert fragment in first.message
    assert str(first).startswith(f"{first.origin.path}:{line}: error: ")


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read"):
        po.parse_catalog(tmp_path / "nope.po")


def test_bytes_that_are_not_utf8_are_reported_with_their_line(tmp_path):
    path = tmp_path / "latin2.po"
    text = (DATA / "duplicate_entry.po").read_text().split("\n# pos")[0]
    path.write_bytes(
        text.encode() + b'\n\nmsgctxt "outsourcing.definition"\nmsgid "x"\nmsgstr "\xb1"\n'
    )
    with pytest.raises(GlossaryError) as info:
        po.parse_catalog(path)
    assert info.value.findings[0].origin.line == text.count("\n") + 5
    assert "not valid UTF-8" in str(info.value)


def test_a_charset_other_than_utf8_is_refused(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(
        (DATA / "truncated.po")
        .read_text()
        .replace("charset=UTF-8", "charset=ISO-8859-2")
        .split("\nmsgctxt")[0],
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="charset must be UTF-8"):
        po.parse_catalog(path)


def test_bad_translator_comments_are_reported_with_their_line(locales):
    path = catalog_path(locales, "pl")
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index('msgctxt "outsourcing.term"')
    lines[at:at] = ["# gender: feminin", "# colour: blue"]
    path.write_text("\n".join(lines), encoding="utf-8")
    _, findings = po.read_po(path, "pl")
    messages = {f.origin.line: f.message for f in findings}
    assert "unknown gender 'feminin'" in messages[at + 1]
    assert "'colour: blue' is not a fact of the PO mapping" in messages[at + 2]
    assert [f.severity.value for f in findings if f.origin.line == at + 2] == ["warning"]


def test_fuzzy_translation_is_not_part_of_the_glossary(locales):
    path = catalog_path(locales, "de")
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'msgctxt "outsourcing.definition"', '#, fuzzy\nmsgctxt "outsourcing.definition"'
    )
    path.write_text(text, encoding="utf-8")
    glossary, findings = load_catalogs(locales)
    assert glossary.get("outsourcing").definition("de") == ""
    assert any("fuzzy" in f.message and f.severity.value == "warning" for f in findings)


FORMS_CATALOG = """\
msgid ""
msgstr ""
"Language: pl\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# pos: noun
# gender: masculine
# forms: procesu biznesowego, procesy biznesowe
# deprecated: proces biznesu
# pos: noun
# note: A calque.
# forms: procesu biznesu, procesy biznesu
msgctxt "business_process.term"
msgid "business process"
msgstr "proces biznesowy"
"""


def test_forms_belong_to_the_term_before_them_and_are_written_after_its_other_facts(tmp_path):
    path = tmp_path / "pl.po"
    path.write_text(FORMS_CATALOG, encoding="utf-8")
    glossary, findings = po.read_po(path)
    assert findings == []
    terms = {t.text: t for t in glossary.get("business_process").languages["pl"].terms}
    assert terms["proces biznesowy"].forms == ("procesu biznesowego", "procesy biznesowe")
    assert terms["proces biznesu"].forms == ("procesu biznesu", "procesy biznesu")
    assert terms["proces biznesu"].to_dict()["forms"] == ["procesu biznesu", "procesy biznesu"]
    from glossary.model import LangSection, Term

    english = LangSection("en", [Term("business process")], "A process.")
    glossary.get("business_process").languages["en"] = english  # the source text of the entry
    entry = next(e for e in po.entries(glossary, "pl") if e.msgctxt == "business_process.term")
    lines = entry.tcomment.split("\n")
    # each term's forms: its last fact line
    assert lines[lines.index("deprecated: proces biznesu") - 1].startswith(
        "forms: procesu biznesowego"
    )
    assert lines[-1] == "forms: procesu biznesu, procesy biznesu"


def test_forms_survive_msgmerge(tmp_path):
    from conftest import require_tool

    msgmerge = require_tool("msgmerge", "GNU gettext: apt-get install gettext")
    import subprocess

    path = tmp_path / "pl.po"
    path.write_text(FORMS_CATALOG, encoding="utf-8")
    template = tmp_path / "t.pot"
    template.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "business_process.term"\nmsgid "business process"\nmsgstr ""\n',
        encoding="utf-8",
    )
    merged = tmp_path / "merged.po"
    subprocess.run([msgmerge, "-q", "-o", str(merged), str(path), str(template)], check=True)
    glossary, _ = po.read_po(merged, "pl")
    terms = {t.text: t.forms for t in glossary.get("business_process").languages["pl"].terms}
    assert terms["proces biznesu"] == ("procesu biznesu", "procesy biznesu")


@pytest.mark.parametrize("lang", [lang for lang in ("bg", "pl", "de") if lang in SHIPPED])
def test_every_deprecated_and_multiword_preferred_term_lists_its_forms(shipped, lang):
    """A checker needs the inflected forms of the terms it reports as errors."""
    missing = [
        (concept.id, term.text)
        for concept in shipped
        for term in (concept.languages[lang].terms if lang in concept.languages else [])
        if (
            term.status is Status.DEPRECATED
            or (term.status is Status.PREFERRED and " " in term.text)
        )
        and not term.forms
    ]
    assert missing == []


_FIELDS = (
    "msgctxt",
    "msgid",
    "msgid_plural",
    "msgstr",
    "msgstr_plural",
    "tcomment",
    "comment",
    "flags",
    "occurrences",
    "obsolete",
    "linenum",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
)
_EVERY_PART = r"""# A file header comment
# on two lines.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: x\n"
"Language: pl\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

# translator comment
#
#. extracted
#: src/a.py:12 src/b.py
#, fuzzy, python-brace-format
#| msgctxt "old"
#| msgid "old "
#| "text"
msgctxt "ctx"
msgid ""
"two "
"lines \"quoted\"\t\\"
msgstr "dwie linie\n"

msgid "file"
msgid_plural "files"
msgstr[0] "plik"
msgstr[1] "pliki"
msgstr[2] "plików"

#~ # an obsolete one
#~| msgid "older"
#~ msgid "gone"
#~ msgstr "nie ma"
"""


def _same_as_polib(parsed: po.ParsedCatalog, text: str) -> None:
    import polib

    expected = polib.pofile(text, wrapwidth=0)
    assert parsed.po.metadata == expected.metadata
    assert parsed.po.header == expected.header
    assert parsed.po.metadata_is_fuzzy == expected.metadata_is_fuzzy
    assert len(parsed.po) == len(expected)
    for ours, theirs in zip(parsed.po, expected, strict=True):
        assert {f: getattr(ours, f) for f in _FIELDS} == {f: getattr(theirs, f) for f in _FIELDS}


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_reader_makes_the_objects_polib_makes_of_a_catalog(lang):
    path = catalog_path(LOCALES, lang)
    _same_as_polib(po.parse_catalog(path), path.read_text(encoding="utf-8"))


def test_the_reader_makes_the_objects_polib_makes_of_every_part_of_an_entry():
    parsed = po.parse_text(_EVERY_PART, "x.po", catalog=False)
    _same_as_polib(parsed, _EVERY_PART)
    two_lines, plural, gone = parsed.po
    assert two_lines.msgid == 'two lines "quoted"\t\\'
    assert plural.msgstr_plural == {0: "plik", 1: "pliki", 2: "plików"}
    assert gone.obsolete and gone.previous_msgid is None  # as polib: '#~|' is left out


def test_the_reader_keeps_the_line_of_every_part():
    parsed = po.parse_text(_EVERY_PART, "x.po", catalog=False)
    lines = _EVERY_PART.split("\n")
    two_lines, plural, _ = parsed.po
    assert lines[parsed.header_line - 1] == 'msgid ""'
    assert lines[parsed.field_line("Plural-Forms") - 1].startswith('"Plural-Forms:')
    assert lines[parsed.line_of(two_lines) - 1] == "# translator comment"
    assert lines[parsed.msgid_line(two_lines) - 1] == 'msgid ""'
    assert lines[parsed.msgstr_line(plural) - 1] == 'msgstr[0] "plik"'
    assert [(lines[n - 1], text) for n, text in parsed.comment_lines(two_lines)] == [
        ("# translator comment", "translator comment"),
        ("#", ""),
    ]
