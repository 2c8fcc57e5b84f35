"""OmegaT glossaries: one tab-separated UTF-8 file per target language."""

from __future__ import annotations

import shutil

import pytest
from format_contract import FormatContract

from glossary.formats.omegat import MAGIC_LINE, file_name, read_omegat, write_omegat
from glossary.model import (
    SOURCE_LANGUAGE,
    Concept,
    Glossary,
    GlossaryError,
    LangSection,
    Status,
    Term,
    TermType,
)


def targets(glossary: Glossary) -> list[str]:
    return [lang for lang in glossary.languages if lang != SOURCE_LANGUAGE]


def entry_lines(path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").split("\n")[:-1]
        if not line.startswith("#")
    ]


@pytest.fixture(scope="module")
def written(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports") / "omegat"
    counts = write_omegat(shipped, out)
    return out, counts


def test_one_file_per_target_language(shipped, written):
    out, counts = written
    expected = {f"{SOURCE_LANGUAGE}-{lang}.txt" for lang in targets(shipped)}
    assert expected and {p.name for p in out.iterdir()} == expected
    assert counts["files"] == len(expected)


def test_format_is_what_omegat_reads(shipped, written):
    out, counts = written
    total = 0
    for lang in targets(shipped):
        data = (out / file_name(lang)).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        text = data.decode("utf-8")  # strict
        assert text.endswith("\n")
        lines = text.split("\n")[:-1]
        assert lines[0] == MAGIC_LINE
        assert "coding: utf-8" in lines[0]
        for line in lines[1:]:
            fields = line.split("\t")
            assert len(fields) == 3, line
            assert all(f == f.strip() and f for f in fields), line  # OmegaT trims fields
            assert not line.startswith("#")
        total += len(lines) - 1
    assert counts["entries"] == total


def offered(term: Term, section: LangSection) -> str:
    """The target term an English term must be paired with."""
    short = (TermType.ACRONYM, TermType.ABBREVIATION)
    if term.type in short and section.abbreviation is not None:
        return section.abbreviation.text
    return section.preferred.text


def test_every_english_term_in_use_is_paired_with_the_right_target_term(shipped, written):
    out, _ = written
    abbreviations = 0
    for lang in targets(shipped):
        entries = read_omegat(out / file_name(lang))
        assert len(entries) == len(entry_lines(out / file_name(lang)))
        pairs = {(source, target) for source, target, _ in entries}
        by_source = {}
        for source, target, _ in entries:
            by_source.setdefault(source, set()).add(target)
        for concept in shipped:
            english = concept.languages[SOURCE_LANGUAGE]
            assert english.preferred.text in by_source
            section = concept.languages.get(lang)
            if section is None or section.preferred is None:
                continue
            for term in english.terms:
                if term.status is Status.DEPRECATED:
                    continue
                assert (term.text, offered(term, section)) in pairs, (concept.id, lang, term)
            # an English abbreviation is translated by the target's abbreviation
            if english.abbreviation and section.abbreviation:
                target = section.abbreviation.text
                assert (english.abbreviation.text, target) in pairs
                if target != section.preferred.text:
                    abbreviations += 1
                    assert (english.abbreviation.text, section.preferred.text) not in pairs
    assert abbreviations  # the shipped glossary has one at least (CA -> ДЕС in Bulgarian)


def test_chartered_accountant_abbreviation_in_bulgarian(shipped, written):
    out, _ = written
    entries = read_omegat(out / file_name("bg"))
    assert [t for s, t, _ in entries if s == "CA"] == ["ДЕС"]


def test_no_deprecated_target_term_is_ever_offered(shipped, written):
    out, _ = written
    for lang in targets(shipped):
        deprecated = {
            t.text
            for c in shipped
            if lang in c.languages
            for t in c.languages[lang].terms_with(Status.DEPRECATED)
        }
        sanctioned = {
            t.text
            for c in shipped
            if lang in c.languages
            for t in c.languages[lang].terms
            if t.status is not Status.DEPRECATED
        }
        for _, target, _ in read_omegat(out / file_name(lang)):
            # a text deprecated for one concept may be sanctioned for another
            assert target not in deprecated - sanctioned, (lang, target)
            assert target in sanctioned


def test_comment_has_definition_and_warns_of_deprecated_terms(shipped, written):
    out, _ = written
    for lang in targets(shipped):
        entries = read_omegat(out / file_name(lang))
        comments = {(s, t): c for s, t, c in entries}
        offered = {t for _, t, _ in entries}
        warned = 0
        for concept in shipped:
            section = concept.languages.get(lang)
            if section is None or section.preferred is None:
                continue
            comment = comments[(concept.preferred(SOURCE_LANGUAGE), section.preferred.text)]
            assert comment.startswith(section.definition)
            for term in section.terms_with(Status.DEPRECATED):
                assert f"avoid: {term.text} (deprecated; use {section.preferred.text})" in comment
                warned += 1
                # a deprecated term is never offered for insertion
                if not any(term.text == c.preferred(lang) for c in shipped):
                    assert term.text not in offered, term
            for term in section.terms_with(Status.ADMITTED):
                assert f"admitted: {term.text}" in comment
        deprecated = sum(
            len(c.languages[lang].terms_with(Status.DEPRECATED))
            for c in shipped
            if lang in c.languages
        )
        assert warned == deprecated


def test_deprecated_english_terms_get_no_line():
    g = Glossary(
        [
            Concept(
                "kpo",
                languages={
                    "en": LangSection(
                        "en",
                        [
                            Term("knowledge process outsourcing"),
                            Term("KPO", Status.ADMITTED, TermType.ACRONYM),
                            Term("knowledge processing outsourcing", Status.DEPRECATED),
                        ],
                        "outsourcing of knowledge work",
                    ),
                    "pl": LangSection(
                        "pl",
                        [
                            Term("outsourcing procesów wiedzy"),
                            Term("KPO", Status.ADMITTED, TermType.ACRONYM),
                        ],
                        "definicja",
                    ),
                },
            )
        ]
    )
    from glossary.formats.omegat import omegat_texts

    text = omegat_texts(g)["en-pl.txt"]
    assert text.split("\n")[1:] == [
        "knowledge process outsourcing\toutsourcing procesów wiedzy\tdefinicja | admitted: KPO",
        "KPO\tKPO\tdefinicja | admitted: KPO",
        "",
    ]


def synthetic(
    en_terms: list[Term],
    definition: str = "def",
    target: str = "bg",
    target_terms: list[Term] | None = None,
) -> Glossary:
    return Glossary(
        [
            Concept(
                "fine",
                languages={
                    "en": LangSection("en", [Term("fine")], "def"),
                    target: LangSection(target, [Term("добре")], "деф"),
                },
            ),
            Concept(
                "broken_one",
                languages={
                    "en": LangSection("en", en_terms, "def"),
                    target: LangSection(target, target_terms or [Term("превод")], definition),
                },
            ),
        ]
    )


@pytest.mark.parametrize(
    "glossary",
    [
        synthetic([Term("tab\there")]),
        synthetic([Term("ok"), Term("admitted\tterm", Status.ADMITTED)]),
        synthetic([Term("ok")], definition="line one\nline two"),
        synthetic([Term("ok")], definition="carriage\rreturn"),
        synthetic([Term("ok")], target_terms=[Term("пре\tвод")]),
        synthetic(
            [Term("ok")], target_terms=[Term("превод"), Term("стар\tтермин", Status.DEPRECATED)]
        ),
        synthetic([Term("#hashtag")]),
    ],
    ids=[
        "source-tab",
        "admitted-tab",
        "definition-newline",
        "definition-cr",
        "target-tab",
        "deprecated-tab",
        "source-hash",
    ],
)
def test_unrepresentable_text_is_refused_naming_the_concept(glossary, tmp_path):
    out = tmp_path / "omegat"
    with pytest.raises(GlossaryError, match="broken_one"):
        write_omegat(glossary, out)
    assert not out.exists() or not any(out.iterdir())


def test_an_untranslated_concept_is_left_out_and_counted(tmp_path):
    g = Glossary(
        [
            Concept(
                "both",
                languages={
                    "en": LangSection("en", [Term("both")], "d"),
                    "de": LangSection("de", [Term("beide")], "d"),
                },
            ),
            Concept("english_only", languages={"en": LangSection("en", [Term("alone")], "d")}),
        ]
    )
    counts = write_omegat(g, tmp_path)
    assert counts == {"files": 1, "entries": 1, "untranslated": 1}
    assert read_omegat(tmp_path / "en-de.txt") == [("both", "beide", "d")]


def test_read_omegat_is_lenient_like_omegat_but_refuses_broken_lines(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes("\ufeff# comment\r\nsource\ttarget\r\n\r\n a \t b \t c \r\n".encode())
    assert read_omegat(path) == [("source", "target", ""), ("a", "b", "c")]
    path.write_text("ok\tok\tok\nonly one field\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"g\.tsv:2: error"):
        read_omegat(path)


def test_an_error_in_a_later_file_leaves_no_earlier_file_behind(tmp_path):
    glossary = synthetic([Term("ok")], target="pl", target_terms=[Term("zły\ttermin")])
    for concept in glossary:  # a complete, valid first file (into bg) comes before pl's
        concept.languages["bg"] = LangSection("bg", [Term("превод")], "деф")
    assert [lang for lang in glossary.languages if lang != "en"] == ["bg", "pl"]
    out = tmp_path / "omegat"
    with pytest.raises(GlossaryError, match="broken_one"):
        write_omegat(glossary, out)
    assert not out.exists() or list(out.iterdir()) == []


def test_omegat_reads_every_file_as_written(shipped, written, tmp_path):
    from conftest import omegat_glossaries

    out, _ = written
    files = [out / file_name(lang) for lang in targets(shipped)]
    # the old extension beside them: OmegaT 3.6 does not read it
    tsv = tmp_path / "en-xx.tsv"
    shutil.copyfile(files[0], tsv)
    read = omegat_glossaries(files + [tsv], targets(shipped)[:1], tmp_path)
    [seen] = read.values()
    assert seen[tsv.name] is None
    for lang in targets(shipped):
        entries = seen[file_name(lang)]
        assert entries is not None, f"OmegaT did not read {file_name(lang)}"
        # every line, with its Bulgarian, Polish or German text read as UTF-8
        assert entries == read_omegat(out / file_name(lang))
        deprecated = {
            t.text
            for c in shipped
            if lang in c.languages
            for t in c.languages[lang].terms_with(Status.DEPRECATED)
        }
        preferred = {c.preferred(lang) for c in shipped} | {
            c.languages[lang].abbreviation.text
            for c in shipped
            if lang in c.languages and c.languages[lang].abbreviation
        }
        assert {target for _, target, _ in entries} <= preferred
        assert not {target for _, target, _ in entries} & (deprecated - preferred)


class TestContract(FormatContract):
    name = "omegat/"  # read back by OmegaT itself in the tests above
