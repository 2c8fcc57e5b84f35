"""`glossary lint FILE... [--lang L]`: translations checked against the glossary's terms."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time

import polib
import pytest
from conftest import ROOT, line_of, require, require_tool, run_cli

from glossary.lint import lint, word_matches
from glossary.model import Status, normalize

DATA = ROOT / "tests" / "data"


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


# -- deprecated terms wherever they appear; homographs ------------------------------------

PO_HEAD = (
    'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
)


def po_file(tmp_path, lang, pairs, name="t.po"):
    """A PO file of (source, translation[, translator comment]) entries."""
    text = PO_HEAD.format(lang=lang)
    for n, (source, target, *comment) in enumerate(pairs):
        text += "\n" + "".join(f"# {c}\n" for c in comment)
        text += f'msgctxt "{n}"\nmsgid "{source}"\nmsgstr "{target}"\n'
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def found(result):
    return [(i.finding.severity.value, i.kind, i.concept) for i in result.issues]


def test_a_deprecated_term_the_source_does_not_name_is_a_warning_naming_the_concept(
    shipped, tmp_path
):
    assert "BPO Blishore" in terms(shipped, "nearshore_outsourcing", "pl", Status.DEPRECATED)
    path = po_file(tmp_path, "pl", [("A nearshore provider.", "Dostawca BPO Blishore.")])
    result = lint(path, shipped)
    assert found(result) == [("warning", "deprecated", "nearshore_outsourcing")]
    assert "nearshore_outsourcing" in result.findings[0].message
    # named in the source: an error
    path = po_file(tmp_path, "pl", [("Nearshore outsourcing to Poland", "BPO Blishore do Polski")])
    assert found(lint(path, shipped)) == [("error", "deprecated", "nearshore_outsourcing")]


def test_the_listed_forms_make_an_inflected_deprecated_term_an_error(shipped, tmp_path):
    term = next(
        t for t in shipped.get("back_office").languages["pl"].terms if t.text == "działanie tylne"
    )
    assert "działaniu tylnym" in term.forms
    pairs = [("We work in the back office.", "Pracujemy w działaniu tylnym.")]
    assert found(lint(po_file(tmp_path, "pl", pairs), shipped, lemmatize=False)) == [
        ("error", "deprecated", "back_office")
    ]
    # without the forms, inflection alone is only a warning
    term.forms, kept = (), term.forms
    try:
        assert found(lint(po_file(tmp_path, "pl", pairs), shipped, lemmatize=False)) == [
            ("warning", "deprecated", "back_office")
        ]
    finally:
        term.forms = kept


def test_a_term_deprecated_here_but_valid_for_another_concept_is_at_most_a_warning(
    locales, tmp_path
):
    import glossary
    from glossary.model import Concept, LangSection, Term

    g = glossary.load(locales)
    assert "biegły rewident" in terms(g, "chartered_accountant", "pl", Status.DEPRECATED)
    pairs = [("Ask a chartered accountant.", "Zapytaj biegłego rewidenta.")]
    assert found(lint(po_file(tmp_path, "pl", pairs), g)) == [
        ("error", "deprecated", "chartered_accountant")
    ]
    # the same words as the term of another concept of the same language
    g.add(
        Concept(
            "statutory_auditor",
            languages={
                "en": LangSection("en", [Term("statutory auditor")], "An auditor."),
                "pl": LangSection("pl", [Term("biegły rewident")], "Audytor."),
            },
        )
    )
    result = lint(po_file(tmp_path, "pl", pairs), g)
    assert found(result) == [("warning", "deprecated", "chartered_accountant")]
    assert "statutory_auditor" in result.findings[0].message


@pytest.mark.parametrize(
    "source,target",
    [
        # German: the verb 'verarbeiten' is not the deprecated noun 'Verarbeiten'
        ("Process the files.", "Die Dateien verarbeiten."),
        ("Please process the files now.", "Verarbeiten Sie die Dateien jetzt."),
        (
            "To process an order, click here.",
            "Um eine Bestellung zu verarbeiten, klicken Sie hier.",
        ),
        # 'Buchhaltung' is a valid term of bookkeeping, beside 'Rechnungswesen' for accounting
        ("Bookkeeping and accounting", "Buchhaltung und Rechnungswesen"),
    ],
)
def test_german_homographs_are_not_reported(shipped, tmp_path, source, target):
    assert "Verarbeiten" in terms(shipped, "process", "de", Status.DEPRECATED)
    assert "Buchhaltung" in terms(shipped, "bookkeeping", "de", Status.ADMITTED)
    assert lint(po_file(tmp_path, "de", [(source, target)]), shipped).issues == []


def test_the_german_noun_is_still_found(shipped, tmp_path):
    pairs = [
        (
            "The process differs between BPO and KPO.",
            "Das Verarbeiten unterscheidet sich bei BPO und KPO.",
        ),
        ("Process", "Verarbeiten"),  # a button or a table header: it may be the verb
    ]
    assert found(lint(po_file(tmp_path, "de", pairs), shipped)) == [
        ("error", "deprecated", "process"),
        ("warning", "deprecated", "process"),
    ]


def test_a_deprecated_verb_is_not_reported_where_the_source_uses_a_verb(shipped, tmp_path):
    term = next(t for t in shipped.get("focus").languages["pl"].terms if t.text == "skupić się na")
    assert term.status is Status.DEPRECATED and term.part_of_speech.value == "verb"
    pairs = [("We focus on quality.", "Skupiamy się na jakości."), ("Focus", "Skupić się na")]
    assert found(lint(po_file(tmp_path, "pl", pairs), shipped)) == [
        ("error", "deprecated", "focus")
    ]


def test_lint_works_without_the_lemmatiser(shipped, tmp_path, monkeypatch):
    from glossary.lint import lemmatizer

    monkeypatch.setitem(sys.modules, "simplemma", None)  # as if not installed
    assert lemmatizer("pl") is None
    path = DATA / "lint_deprecated.po"
    assert [f.severity.value for f in lint(path, shipped).findings] == ["error", "error"]


def test_the_lemmatiser_alone_never_makes_an_error(shipped, tmp_path):
    from glossary.lint import lemmatizer

    require(lemmatizer("de") is not None, "simplemma is not installed (the [lint] extra)")
    term = next(
        t for t in shipped.get("voice_process").languages["de"].terms if t.text == "Sprachprozess"
    )
    term.forms, kept = (), term.forms
    try:
        # 'Sprachprozessen': neither listed nor within the endings tolerance; its lemma is
        pairs = [("Voice process agents", "Mitarbeiter in Sprachprozessen")]
        result = lint(po_file(tmp_path, "de", pairs), shipped)
        assert ("warning", "deprecated", "voice_process") in found(result)
        assert "error" not in [f.severity.value for f in result.findings]
    finally:
        term.forms = kept


# -- the formats translators deliver ----------------------------------------------------------


def _po2xliff2(source, target):
    """XLIFF 2.0 from a PO file, read and written by translate-toolkit."""
    from translate.storage import factory
    from translate.storage.xliff2 import Xliff2File

    store = factory.getobject(str(source))
    out = Xliff2File(sourcelanguage="en", targetlanguage=store.gettargetlanguage())
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        new = out.addsourceunit(unit.source)
        new.target = unit.target
        new.markfuzzy(unit.isfuzzy())
        if unit.getnotes("translator"):
            new.addnote(unit.getnotes("translator"))
    out.savefile(str(target))


WAIVED = [
    ("Knowledge process outsourcing (KPO) services", "Usługi outsourcingu procesu wiedzy (KPO)"),
    (
        "Back office support",
        "Wsparcie działania tylnego",
        "glossary-lint: allow back_office",
    ),
    ("Contact customer service", "Skontaktuj się z działem pomocy"),
]


@pytest.mark.parametrize("kind", ["xliff-1.2", "xliff-2.0", "tmx"])
@pytest.mark.parametrize("sample", ["lint_deprecated.po", "waived"])
def test_xliff_and_tmx_made_by_translate_toolkit_give_the_same_findings(
    shipped, tmp_path, kind, sample
):
    source = DATA / sample if sample.endswith(".po") else po_file(tmp_path, "pl", WAIVED)
    expected = lint(source, shipped)
    if kind == "xliff-1.2":
        target = tmp_path / "t.xlf"
        tool = require_tool("po2xliff", "translate-toolkit: pip install 'bpo-kpo-glossary[lint]'")
        subprocess.run(
            [tool, "-i", str(source), "-o", str(target)], check=True, capture_output=True
        )
    elif kind == "tmx":
        target = tmp_path / "t.tmx"
        tool = require_tool("po2tmx", "translate-toolkit: pip install 'bpo-kpo-glossary[lint]'")
        subprocess.run(
            [tool, "-l", "pl", "-i", str(source), "-o", str(target)],
            check=True,
            capture_output=True,
        )
    else:
        target = tmp_path / "t.xliff"
        _po2xliff2(source, target)
    if kind == "tmx" and sample == "waived":
        # po2tmx keeps no comments: the reviewer's waiver goes in a note of the <tu>
        from lxml import etree

        tree = etree.parse(str(target))
        for tu in tree.iter("tu"):
            if "działania tylnego" in "".join(tu.itertext()):
                note = etree.Element("note")
                note.text = "glossary-lint: allow back_office"
                tu.insert(0, note)
        tree.write(str(target), encoding="UTF-8", xml_declaration=True)
    result = lint(target, shipped)  # the language comes from the file
    strip = lambda r: [(i.finding.severity, i.finding.message, i.concept) for i in r.issues]  # noqa: E731
    assert expected.issues and strip(result) == strip(expected)
    assert (result.checked, result.lang) == (expected.checked, expected.lang)
    assert result.waived == expected.waived
    # every finding points at a line of the file that holds the translation
    lines = target.read_text(encoding="utf-8").splitlines()
    for finding in result.findings:
        assert any(
            t[1] in lines[finding.origin.line - 1]
            for t in WAIVED + [("", "Usług"), ("", "działania")]
        )


def test_a_waiver_drops_the_findings_about_its_concept(shipped, tmp_path, cli):
    path = po_file(tmp_path, "pl", WAIVED)
    result = lint(path, shipped)
    assert [i.concept for i in result.issues] == [
        "knowledge_process_outsourcing",
        "customer_service",
    ]
    assert result.waived == 1
    out = cli("lint", str(path))
    assert "1 waived" in out.err
    # a waiver naming no concept of the glossary is reported
    path = po_file(
        tmp_path, "pl", [("Back office", "Back office", "glossary-lint: allow back_ofice")]
    )
    assert found(lint(path, shipped)) == [("warning", "waiver", "back_ofice")]


def test_plain_text_with_its_source_beside_it(shipped, tmp_path, cli):
    (tmp_path / "doc.en.txt").write_text(
        "Back office support\n\nContact customer service\n", encoding="utf-8"
    )
    (tmp_path / "doc.pl.txt").write_text(
        "Wsparcie działania tylnego\n\nSkontaktuj się z obsługą klienta\n", encoding="utf-8"
    )
    result = cli("lint", str(tmp_path / "doc.pl.txt"), "--lang", "pl")
    assert findings(result.err) == [
        f"{tmp_path / 'doc.pl.txt'}:1: error: deprecated term 'działanie tylne' for 'back office'; "
        f"use '{shipped.get('back_office').preferred('pl')}'"
    ]
    assert result.code == 1
    # --source names it; without any source, deprecated terms are warnings
    (tmp_path / "other.txt").write_text("Wsparcie działania tylnego\n", encoding="utf-8")
    alone = lint(tmp_path / "other.txt", shipped, "pl")
    assert found(alone) == [("warning", "deprecated", "back_office")]
    (tmp_path / "src.txt").write_text("Back office support\n", encoding="utf-8")
    given = lint(tmp_path / "other.txt", shipped, "pl", source=tmp_path / "src.txt")
    assert found(given) == [("error", "deprecated", "back_office")]
    # lines that do not pair up are refused
    (tmp_path / "src.txt").write_text("Back office support\nMore\n", encoding="utf-8")
    bad = cli(
        "lint", str(tmp_path / "other.txt"), "--lang", "pl", "--source", str(tmp_path / "src.txt")
    )
    assert bad.code == 1 and f"{tmp_path / 'other.txt'}:0: error: 1 lines" in bad.err


def test_a_plain_text_file_needs_its_language(cli, tmp_path):
    (tmp_path / "x.txt").write_text("Tekst\n", encoding="utf-8")
    result = cli("lint", str(tmp_path / "x.txt"))
    assert result.code == 1 and "--lang" in result.err


def test_json_output(cli):
    path = DATA / "lint_deprecated.po"
    result = cli("lint", str(path), "--format", "json")
    document = json.loads(result.out)
    assert result.code == 1
    assert document["files"] == [
        {
            "path": str(path),
            "lang": "pl",
            "source_lang": "en",
            "checked": 4,
            "errors": 2,
            "warnings": 0,
            "waived": 0,
            "baselined": 0,
        }
    ]
    assert [(f["line"], f["severity"], f["kind"], f["concept"]) for f in document["findings"]] == [
        (
            line_of(path, "Usługi outsourcingu procesu wiedzy"),
            "error",
            "deprecated",
            "knowledge_process_outsourcing",
        ),
        (line_of(path, "Wsparcie działania tylnego"), "error", "deprecated", "back_office"),
    ]


# -- baselines and pre-commit ----------------------------------------------------------------


def test_a_baseline_keeps_old_findings_from_failing_and_lets_new_ones_fail(cli, tmp_path):
    path = tmp_path / "ui.po"
    shutil.copy(DATA / "lint_deprecated.po", path)
    baseline = tmp_path / "lint-baseline.json"
    written = cli("lint", str(path), "--baseline", str(baseline), "--write-baseline")
    assert written.code == 0 and "2 findings recorded" in written.err
    assert json.loads(baseline.read_text(encoding="utf-8"))["version"] == 1
    kept = cli("lint", str(path), "--baseline", str(baseline))
    assert kept.code == 0 and findings(kept.err) == [] and "2 in the baseline" in kept.err
    # entries added above move every line: the baseline still holds
    text = path.read_text(encoding="utf-8")
    header_end = text.index("\n\n") + 2
    new = 'msgid "Payroll processing"\nmsgstr "Przetwarzanie płac"\n\n'
    path.write_text(text[:header_end] + new + text[header_end:], encoding="utf-8")
    later = cli("lint", str(path), "--baseline", str(baseline))
    assert later.code == 1
    assert findings(later.err) == [
        f"{path}:{line_of(path, 'Przetwarzanie płac')}: error: deprecated term 'przetwarzanie płac' "
        f"for 'payroll processing'; use 'obsługa płacowa'"
    ]
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert cli("lint", str(path), "--baseline", str(broken)).err.startswith(f"{broken}:1: error:")


def test_the_pre_commit_hook_runs_in_a_git_repository(tmp_path):
    pre_commit = require_tool("pre-commit", "pre-commit: pip install pre-commit")
    git = require_tool("git", "git")
    require(
        (ROOT / ".git").exists(), f"{ROOT} is not a git clone (pre-commit installs hooks from one)"
    )
    hooks = yaml_load(ROOT / ".pre-commit-hooks.yaml")
    assert [h["id"] for h in hooks] == ["glossary-lint"] and hooks[0]["entry"] == "glossary lint"
    project = tmp_path / "project"
    project.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run([git, "init", "-q"], cwd=project, check=True, env=env)
    shutil.copy(DATA / "lint_deprecated.po", project / "ui.po")
    shutil.copy(DATA / "lint_clean.po", project / "clean.po")
    subprocess.run([git, "add", "."], cwd=project, check=True, env=env)
    run = subprocess.run(
        [pre_commit, "try-repo", str(ROOT), "glossary-lint", "--all-files"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "ui.po:13: error: deprecated term 'outsourcing procesu wiedzy'" in output
    assert "clean.po: 4 translated entries checked against the 'de' terms: 0 errors" in output


def yaml_load(path):
    import yaml  # installed with pre-commit

    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- measured on a labelled corpus; linear time ---------------------------------------------

CORPUS = DATA / "lint_corpus"


def _labelled(path):
    """The expected findings of a corpus file: {msgstr line: {(kind, severity, concept)}}."""
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = {}
    for entry in polib.pofile(str(path)):
        line = next(
            n + 1 for n in range(entry.linenum - 1, len(lines)) if lines[n].startswith("msgstr")
        )
        expected[line] = {
            tuple(label.split()) for label in re.findall(r"^expect: (.+)$", entry.tcomment, re.M)
        }
    return expected


def corpus_scores(path, glossary, lemmatize):
    expected = _labelled(path)
    got = {}
    for issue in lint(path, glossary, lemmatize=lemmatize).issues:
        got.setdefault(issue.finding.origin.line, set()).add(
            (issue.kind, issue.finding.severity.value, issue.concept)
        )
    errors = [(line, f) for line, fs in got.items() for f in fs if f[1] == "error"]
    labels = [(line, f) for line, fs in expected.items() for f in fs]
    true_errors = sum(1 for line, f in errors if f in expected.get(line, ()))
    recalled = sum(1 for line, f in labels if f in got.get(line, ()))
    return {
        "segments": len(expected),
        "with_findings": sum(1 for fs in expected.values() if fs),
        "precision": true_errors / len(errors) if errors else 1.0,
        "recall": recalled / len(labels),
    }


@pytest.mark.parametrize("lemmatize", [False, True], ids=["forms", "forms+lemmas"])
@pytest.mark.parametrize("lang", ["bg", "pl", "de"])
def test_precision_and_recall_on_the_labelled_corpus(shipped, lang, lemmatize):
    from glossary.lint import lemmatizer

    if lemmatize:
        require(lemmatizer(lang) is not None, "simplemma is not installed (the [lint] extra)")
    scores = corpus_scores(CORPUS / f"{lang}.po", shipped, lemmatize)
    assert scores["segments"] >= 60
    assert 0.4 <= scores["with_findings"] / scores["segments"] <= 0.6
    assert scores["precision"] >= 0.95, scores
    assert scores["recall"] >= 0.9, scores


def test_lint_is_linear_in_the_length_of_an_entry(shipped, tmp_path):
    sentence = "Wsparcie działania tylnego i outsourcing procesów wiedzy dla klientów. "
    big = tmp_path / "big.po"
    count = 1_000_000 // len(sentence.encode("utf-8")) + 1
    big.write_text(
        PO_HEAD.format(lang="pl")
        + f'\nmsgid "Back office support. {"Knowledge process outsourcing. " * 2000}"\n'
        + f'msgstr "{sentence * count}"\n',
        encoding="utf-8",
    )
    assert big.stat().st_size > 1_000_000
    lint(DATA / "lint_deprecated.po", shipped)  # the lemmatiser's data loaded once
    start = time.perf_counter()
    result = lint(big, shipped)
    elapsed = time.perf_counter() - start
    assert found(result) == [("error", "deprecated", "back_office")]
    assert elapsed < 10, f"{elapsed:.1f} s for a 1 MB entry"
