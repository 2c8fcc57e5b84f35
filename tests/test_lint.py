"""`glossary lint FILE.po --lang L`: a translation checked against the glossary's terms."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_cli

from glossary.lint import lint, word_matches
from glossary.model import Status, normalize

DATA = ROOT / "tests" / "data"


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def terms(shipped, concept_id, lang, status):
    return [t.text for t in shipped.get(concept_id).languages[lang].terms if t.status is status]


def findings(err):
    return [line for line in err.splitlines() if re.match(r".+:\d+: (error|warning): ", line)]


def test_a_deprecated_term_is_an_error(cli, shipped):
    path = DATA / "lint_deprecated.po"
    result = cli("lint", str(path), "--lang", "pl")
    assert result.code == 1, result
    kpo_deprecated = terms(shipped, "knowledge_process_outsourcing", "pl", Status.DEPRECATED)
    back_deprecated = terms(shipped, "back_office", "pl", Status.DEPRECATED)
    assert "outsourcing procesu wiedzy" in kpo_deprecated
    assert "działanie tylne" in back_deprecated
    assert findings(result.err) == [
        f"{path}:{line_of(path, 'Usługi outsourcingu procesu wiedzy')}: error: deprecated term "
        f"'outsourcing procesu wiedzy' for 'knowledge process outsourcing'; use "
        f"'{shipped.get('knowledge_process_outsourcing').preferred('pl')}'",
        # inflected: 'działania tylnego'
        f"{path}:{line_of(path, 'Wsparcie działania tylnego')}: error: deprecated term "
        f"'działanie tylne' for 'back office'; use '{shipped.get('back_office').preferred('pl')}'",
    ]
    # the fuzzy entry (a deprecated term too) is not a translation in use: not checked
    assert f":{line_of(path, 'Działanie przednie')}:" not in result.err
    assert "2 errors, 0 warnings" in result.err


def test_a_missing_preferred_term_is_a_warning(cli, shipped):
    path = DATA / "lint_missing.po"
    result = cli("lint", str(path), "--lang", "pl")
    assert result.code == 0, result
    preferred = shipped.get("customer_service").preferred("pl")
    assert findings(result.err) == [
        f"{path}:{line_of(path, 'działem pomocy')}: warning: 'customer service' should be "
        f"translated as '{preferred}' (or: "
        + ", ".join(repr(t) for t in terms(shipped, "customer_service", "pl", Status.ADMITTED))
        + ")"
    ]
    strict = cli("lint", str(path), "--lang", "pl", "--strict")
    assert strict.code == 1


def test_a_clean_translation_passes(cli):
    # accounting + bookkeeping: 'Buchhaltung' is deprecated for one, preferred for the other;
    # plural forms, an English plural ('call centres'), an acronym, and 'It' that is not 'IT'
    path = DATA / "lint_clean.po"
    result = cli("lint", str(path), "--lang", "de_DE", "--strict")
    assert result.code == 0, result
    assert findings(result.err) == []
    assert "4 translated entries checked against the 'de' terms: 0 errors, 0 warnings" in result.err


def test_the_same_file_in_another_language_is_all_warnings(cli, shipped):
    # the German text checked as Polish: nothing deprecated, every term missing
    path = DATA / "lint_clean.po"
    result = cli("lint", str(path), "--lang", "pl")
    assert result.code == 0
    assert findings(result.err) and all(": warning: " in f for f in findings(result.err))


@pytest.mark.parametrize(
    "name,line,message",
    [
        ("lint_broken.po", 7, "unterminated string"),
        ("no_such_file.po", 0, "cannot read"),
    ],
)
def test_a_bad_file_is_reported_with_path_and_line(cli, name, line, message):
    path = DATA / name
    result = cli("lint", str(path), "--lang", "pl")
    assert result.code == 1
    assert result.err.startswith(f"{path}:{line}: error: {message}")
    assert "Traceback" not in result.err


def test_a_directory_or_binary_file_is_refused(cli, tmp_path):
    (tmp_path / "bin.po").write_bytes(b"\xff\xfe\x00binary")
    for target in (tmp_path, tmp_path / "bin.po"):
        result = cli("lint", str(target), "--lang", "pl")
        assert result.code == 1 and result.err.startswith(f"{target}:")


def test_an_unknown_language_is_refused(cli):
    result = cli("lint", str(DATA / "lint_clean.po"), "--lang", "fr")
    assert result.code == 1
    assert "no language 'fr'" in result.err


def test_locales_option_checks_against_another_glossary(cli, locales):
    # without the deprecated Polish term, the same translation has no error
    path = locales / "pl" / "LC_MESSAGES" / "glossary.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "# deprecated: outsourcing procesu wiedzy\n", "# admitted: outsourcing procesu wiedzy\n"
        ),
        encoding="utf-8",
    )
    result = cli(
        "lint", str(DATA / "lint_deprecated.po"), "--lang", "pl", "--locales", str(locales)
    )
    assert "outsourcing procesu wiedzy" not in result.err
    assert "'działanie tylne'" in result.err


def test_contributing_shows_the_real_output():
    """CONTRIBUTING.md shows the lint output of the sample; it must be what lint prints."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(
        r"```sh\n\$ (glossary lint tests/data/lint_deprecated\.po --lang pl)\n"
        r"(.*?)```",
        text,
        re.S,
    )
    assert block, "CONTRIBUTING.md shows 'glossary lint tests/data/lint_deprecated.po --lang pl'"
    argv = block.group(1).split()[1:]
    result = run_cli(*argv, cwd=ROOT)
    assert block.group(2) == result.err + result.out + f"$ echo $?\n{result.code}\n"


@pytest.mark.parametrize(
    "term,word",
    [
        ("procesow", "procesu"),
        ("procesow", "procesy"),
        ("outsourcing", "outsourcingu"),
        ("usluga", "uslug"),
        ("dostawca", "dostawcy"),
        ("wiedzy", "wiedza"),
        ("geschaftsprozess", "geschaftsprozesse"),
        ("dienstleister", "dienstleistern"),
        ("technischer", "technischen"),
        ("процес", "процесите"),
        ("услуга", "услуги"),
        ("аутсорсинг", "аутсорсингът"),
    ],
)
def test_inflected_forms_match(term, word):
    assert word_matches(normalize(term), normalize(word)) == 1


@pytest.mark.parametrize(
    "term,word",
    [
        ("prozess", "prozent"),
        ("na", "nad"),
        ("it", "its"),
        ("data", "datenbank"),
        ("proces", "procedura"),
        ("rynek", "rynku"),  # the last: a stem change, not recognised
    ],
)
def test_other_words_do_not_match(term, word):
    assert word_matches(term, word) is None


def test_english_terms_match_whole_words_only(shipped, tmp_path):
    sample = tmp_path / "t.po"
    sample.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Outsourcingism and processing are not terms here. It works."\n'
        'msgstr "Nic."\n',
        encoding="utf-8",
    )
    result = lint(sample, shipped, "pl")
    assert (result.checked, result.findings, result.lang) == (1, [], "pl")


def _entry_of(tmp_path, name, english, translation):
    path = tmp_path / name
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{english}"\nmsgstr "{translation}"\n',
        encoding="utf-8",
    )
    return path


def test_the_cost_of_an_entry_grows_linearly_with_its_occurrences(shipped, tmp_path):
    """An entry naming one concept many times (a term deprecated for one concept,
    preferred for another: every deprecated match is weighed against every good
    one) is checked in time proportional to its length: 690 KB once took a minute."""
    import time

    deprecated = terms(shipped, "accounting", "de", Status.DEPRECATED)[0]
    preferred = terms(shipped, "bookkeeping", "de", Status.PREFERRED)[0]
    assert normalize(deprecated) == normalize(preferred)  # the hard case
    small = _entry_of(tmp_path, "small.po", "accounting and bookkeeping", f"{deprecated} und")
    expected = [(f.severity, f.message) for f in lint(small, shipped, "de").findings]

    def timed(n):
        path = _entry_of(
            tmp_path,
            f"big{n}.po",
            "accounting and bookkeeping, " * n,
            f"{deprecated} und {preferred}, " * n,
        )
        started = time.perf_counter()
        result = lint(path, shipped, "de")
        return time.perf_counter() - started, path.stat().st_size, result

    seconds, size, result = timed(12_000)
    assert size > 600_000
    assert [(f.severity, f.message) for f in result.findings] == expected
    assert seconds < 10, f"{size} bytes took {seconds:.1f} s"
    quarter, _, _ = timed(3_000)
    assert seconds < 4 * quarter * 3 + 0.5, (quarter, seconds)  # linear, not quadratic
