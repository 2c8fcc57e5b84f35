"""`glossary check`: each rule broken once, in a temporary copy."""

from __future__ import annotations

import re

import polib
import pytest
from conftest import LOCALES, line_of

from glossary.layout import catalog_path


def test_shipped_catalogs_pass_strict(cli):
    result = cli("check", "--strict", "--locales", str(LOCALES))
    assert result.code == 0, result.err
    assert "0 errors, 0 warnings" in result.err


def edit(locales, lang, old, new, count=1):
    path = catalog_path(locales, lang)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def clear_msgstr(path, context):
    """Empty the msgstr of one entry; return the file's text before and after."""
    text = path.read_text(encoding="utf-8")
    at = text.index(f'msgctxt "{context}"')
    msgstr = text.index("msgstr ", at)
    end = text.index("\n", msgstr)
    return at, text[:msgstr] + 'msgstr ""' + text[end:]


def header_line(path):
    return line_of(path, 'msgid ""')


def findings(result):
    return [
        line for line in result.err.splitlines() if re.match(r".+:\d+: (error|warning): ", line)
    ]


def assert_reported(result, path, line, fragment, code=1):
    assert result.code == code, result
    wanted = f"{path}:{line}: "
    hits = [f for f in findings(result) if f.startswith(wanted) and fragment in f]
    assert hits, f"no {wanted}…{fragment} in:\n{result.err}"


def test_concept_missing_from_a_locale(locales, cli):
    path = catalog_path(locales, "bg")
    text = path.read_text(encoding="utf-8")
    block_start = text.rfind("\n\n", 0, text.index('msgctxt "outsourcing.definition"')) + 2
    block_end = text.index("\n\n", text.index('msgctxt "outsourcing.definition"'))
    path.write_text(text[:block_start] + text[block_end + 2 :], encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result, path, header_line(path), "'outsourcing.definition' of the template is missing"
    )


def test_untranslated_entry_is_a_warning_that_strict_fails(locales, cli):
    path = catalog_path(locales, "de")
    path.write_text(clear_msgstr(path, "offshore_outsourcing.definition")[1], encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 0  # an incomplete translation: a warning, as untranslated entries are
    assert "offshore_outsourcing: no definition in 'de'" in result.err
    assert cli("check", "--strict", "--locales", str(locales)).code == 1
    assert any("'offshore_outsourcing.definition' is untranslated" in f for f in findings(result))


def test_whole_concept_untranslated_is_only_a_warning(locales, cli):
    path = catalog_path(locales, "pl")
    import polib

    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        if entry.msgctxt.startswith("web_hosting."):
            entry.msgstr, entry.tcomment = "", ""
    catalog.save()
    result = cli("check", "--locales", str(locales))
    assert result.code == 0, result
    assert "web_hosting: not translated into 'pl'" in result.err
    assert cli("check", "--strict", "--locales", str(locales)).code == 1


def test_fuzzy_entry(locales, cli):
    path = edit(
        locales,
        "pl",
        'msgctxt "outsourcing.definition"',
        '#, fuzzy\nmsgctxt "outsourcing.definition"',
    )
    result = cli("check", "--strict", "--locales", str(locales))
    assert result.code == 1
    assert any(
        "fuzzy entry 'outsourcing.definition'" in f and str(path) in f for f in findings(result)
    )


def test_duplicate_context(locales, cli):
    path = catalog_path(locales, "de")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\nmsgctxt "outsourcing.term"\nmsgid "something else"\nmsgstr "x"\n')
    line = line_of(path, 'msgid "something else"') - 1
    result = cli("check", "--locales", str(locales))
    assert_reported(result, path, line, "duplicate context 'outsourcing.term'")


def test_id_that_is_not_a_valid_xml_id(locales, cli):
    for lang in ("en", "bg", "de", "pl"):
        edit(locales, lang, 'msgctxt "web_hosting.', 'msgctxt "2web_hosting.', count=1)
        edit(locales, lang, 'msgctxt "web_hosting.', 'msgctxt "2web_hosting.', count=1)
    path = catalog_path(locales, "en")
    result = cli("check", "--locales", str(locales))
    assert_reported(result, path, _entry_line(path, "2web_hosting.term"), "not snake_case ASCII")


def _entry_line(path, context):
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f'msgctxt "{context}"')
    while at > 0 and lines[at - 1].startswith("#"):
        at -= 1
    return at + 1


def test_relation_to_an_unknown_concept(locales, cli):
    path = edit(
        locales,
        "en",
        "# broader: knowledge_process_outsourcing\n",
        "# broader: knowledge_process_outsourcing, no_such_concept\n",
    )
    result = cli("check", "--locales", str(locales))
    assert "broader concept 'no_such_concept' does not exist" in result.err and result.code == 1
    assert any(f.startswith(f"{path}:") and "no_such_concept" in f for f in findings(result))


def test_no_preferred_term(locales, cli):
    path = catalog_path(locales, "pl")
    at, text = clear_msgstr(path, "data_mining.term")
    # the term's own comment lines describe nothing now: drop them with it
    block_start = text.rfind("\n\n", 0, at) + 2
    header = "".join(
        line_ + "\n" for line_ in text[block_start:at].split("\n") if line_.startswith("#.")
    )
    path.write_text(text[:block_start] + header + text[at:], encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result,
        path,
        _entry_line(path, "data_mining.term"),
        "data_mining: no preferred term in 'pl'",
    )


def test_two_preferred_terms(locales, cli):
    path = edit(
        locales,
        "de",
        'msgctxt "knowledge_process_outsourcing.abbr"',
        '# status: preferred\nmsgctxt "knowledge_process_outsourcing.abbr"',
    )
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result,
        path,
        _entry_line(path, "knowledge_process_outsourcing.abbr"),
        "2 preferred terms in 'de'",
    )


def test_header_contradicting_its_folder(locales, cli):
    path = edit(locales, "bg", '"Language: bg\\n"', '"Language: de\\n"')
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result, path, header_line(path), "header Language 'de' contradicts the folder 'bg'"
    )


def test_header_with_a_wrong_plural_rule(locales, cli):
    path = edit(
        locales,
        "pl",
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result, path, line_of(path, '"Plural-Forms:'), "differs from CLDR's rule for 'pl'"
    )
    assert_reported(result, path, line_of(path, '"Plural-Forms:'), "at n=0")


def test_leading_or_trailing_spaces(locales, cli):
    path = catalog_path(locales, "de")
    import polib

    catalog = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalog if e.msgctxt == "data_entry.term")
    entry.msgstr = entry.msgstr + " "
    catalog.save()
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result, path, _entry_line(path, "data_entry.term"), "leading or trailing spaces"
    )


def test_word_mixing_scripts(locales, cli):
    path = catalog_path(locales, "bg")
    import polib

    catalog = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalog if e.msgctxt == "outsourcing.term")
    entry.msgstr = entry.msgstr.replace("а", "a", 1)  # a Latin "a" inside a Cyrillic word
    catalog.save()
    result = cli("check", "--locales", str(locales))
    assert_reported(result, path, _entry_line(path, "outsourcing.term"), "mixes scripts")


def test_unreadable_catalog_does_not_stop_the_others_being_checked(locales, cli):
    path = edit(locales, "pl", 'msgstr "outsourcing"', 'msgstr "outsourcing')
    edit(locales, "de", '"Language: de\\n"', '"Language: fr\\n"')
    result = cli("check", "--locales", str(locales))
    assert result.code == 1
    assert "unterminated string" in result.err and str(path) in result.err
    assert "contradicts the folder 'de'" in result.err
    assert "Traceback" not in result.err


def test_a_pair_both_hierarchical_and_related_is_a_warning(locales, cli):
    from glossary.catalogs import load_catalogs

    glossary, _ = load_catalogs(locales)
    child = next(c for c in glossary if c.broader)
    parent = child.broader[0]
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    for concept_id, other in ((child.id, parent), (parent, child.id)):
        at = text.index(f'msgctxt "{concept_id}.term"')
        subject = text.rindex("# subject: ", 0, at)
        end = text.index("\n", subject)
        text = text[: end + 1] + f"# related: {other}\n" + text[end + 1 :]
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 0, result.err
    assert (
        f"{child.id}: {parent!r} is both hierarchical (broader/narrower) and related" in result.err
    )
    assert cli("check", "--strict", "--locales", str(locales)).code == 1
    assert str(path) in result.err


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",  # ZERO WIDTH SPACE
        "\u202e",  # RIGHT-TO-LEFT OVERRIDE
        "\u2067",  # RIGHT-TO-LEFT ISOLATE
        "\u200f",  # RIGHT-TO-LEFT MARK
        "\ufeff",  # ZERO WIDTH NO-BREAK SPACE
        "\u00ad",  # SOFT HYPHEN
        "\u200d",  # ZERO WIDTH JOINER, between Cyrillic letters
    ],
)
def test_an_invisible_character_in_a_term(locales, cli, char):
    """Like a word that mixes scripts, a term with an invisible character looks like
    another one and is not found by what a reader types."""
    import unicodedata

    path = catalog_path(locales, "bg")
    catalog = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalog if e.msgctxt == "outsourcing.term")
    entry.msgstr = entry.msgstr[:3] + char + entry.msgstr[3:]
    catalog.save()
    result = cli("check", "--locales", str(locales))
    assert_reported(
        result,
        path,
        _entry_line(path, "outsourcing.term"),
        f"invisible character (U+{ord(char):04X} {unicodedata.name(char)})",
    )


def test_a_joiner_that_a_script_needs_is_no_finding():
    from glossary.checks import invisible_characters

    assert invisible_characters("\u0645\u06cc\u200c\u0634\u0648\u062f") == []  # Persian ZWNJ
    assert invisible_characters("\u0915\u094d\u200d\u0937") == []  # Devanagari ZWJ
    assert invisible_characters("Bu\u200cchhaltung") == ["U+200C ZERO WIDTH NON-JOINER"]
