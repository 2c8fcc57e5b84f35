"""OmegaT glossaries: one tab-separated UTF-8 file per target language."""

from __future__ import annotations

import pytest

from glossary.formats.omegat import MAGIC_LINE, read_omegat, write_omegat
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
    expected = {f"{SOURCE_LANGUAGE}-{lang}.tsv" for lang in targets(shipped)}
    assert expected and {p.name for p in out.iterdir()} == expected
    assert counts["files"] == len(expected)


def test_format_is_what_omegat_reads(shipped, written):
    out, counts = written
    total = 0
    for lang in targets(shipped):
        data = (out / f"en-{lang}.tsv").read_bytes()
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


def test_every_english_term_in_use_is_paired_with_the_target_preferred_term(shipped, written):
    out, _ = written
    for lang in targets(shipped):
        entries = read_omegat(out / f"en-{lang}.tsv")
        assert len(entries) == len(entry_lines(out / f"en-{lang}.tsv"))
        pairs = {(source, target) for source, target, _ in entries}
        sources = {source for source, _, _ in entries}
        for concept in shipped:
            english = concept.languages[SOURCE_LANGUAGE]
            assert english.preferred.text in sources
            translation = concept.preferred(lang)
            if translation is None:
                continue
            for term in english.terms:
                if term.status is not Status.DEPRECATED:
                    assert (term.text, translation) in pairs, (concept.id, lang, term)


def test_comment_has_definition_and_warns_of_deprecated_terms(shipped, written):
    out, _ = written
    for lang in targets(shipped):
        entries = read_omegat(out / f"en-{lang}.tsv")
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
                assert f"deprecated: {term.text} — use {section.preferred.text}" in comment
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

    text = omegat_texts(g)["en-pl.tsv"]
    assert text.split("\n")[1:] == [
        "knowledge process outsourcing\toutsourcing procesów wiedzy\tdefinicja | admitted: KPO",
        "KPO\toutsourcing procesów wiedzy\tdefinicja | admitted: KPO",
        "",
    ]


def test_two_writes_are_byte_identical(shipped, tmp_path):
    write_omegat(shipped, tmp_path / "a")
    write_omegat(shipped, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


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
    assert read_omegat(tmp_path / "en-de.tsv") == [("both", "beide", "d")]


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
