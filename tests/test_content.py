"""The terminology itself: complete, original, and documented as terminologists require."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from glossary import Concept, Glossary, LangSection, PartOfSpeech, Status, normalize
from glossary.model import citations

ARTICLE = re.compile(r"\[(art-\d{3})\]")  # a citation of one of the articles (see sources.toml)
RUN = 8  # words


def words(text: str) -> list[str]:
    """Case- and punctuation-insensitive words."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def article_runs(seeds: Path) -> dict[tuple[str, ...], str]:
    runs = {}
    for path in sorted(seeds.glob("*.txt")):
        w = words(path.read_text(encoding="utf-8"))
        for i in range(len(w) - RUN + 1):
            runs.setdefault(tuple(w[i : i + RUN]), path.name)
    return runs


def shared_runs(glossary: Glossary, runs: dict) -> list[str]:
    """Every definition or note that shares a run of RUN words with an article."""
    found = []
    for concept in glossary:
        for lang, section in concept.languages.items():
            texts = [
                section.definition,
                *section.notes,
                *concept.notes,
                *(t.note for t in section.terms),
            ]
            for text in texts:
                w = words(text)
                for i in range(len(w) - RUN + 1):
                    if tuple(w[i : i + RUN]) in runs:
                        found.append(
                            f"{concept.id} ({lang}): '{' '.join(w[i : i + RUN])}' "
                            f"is in {runs[tuple(w[i : i + RUN])]}"
                        )
    return found


@pytest.fixture(scope="module")
def runs():
    from conftest import SHARED, require

    require((SHARED / "seeds").is_dir(), f"{SHARED / 'seeds'} is absent (the source articles)")
    return article_runs(SHARED / "seeds")


def test_no_definition_or_note_copies_eight_words_of_an_article(shipped, runs):
    assert shared_runs(shipped, runs) == []


def test_the_overlap_check_catches_a_pasted_article_sentence(shipped, runs):
    from conftest import SHARED

    sentence = (
        (SHARED / "seeds" / "003_7f11aa7851229215.txt").read_text(encoding="utf-8").split("\n")[2]
    )  # "There are a number of notable differences between KPO and BPO. …"
    assert len(words(sentence)) >= RUN
    terms = list(shipped.get("outsourcing").languages["en"].terms)
    copy = Glossary([Concept("kpo", languages={"en": LangSection("en", terms, sentence)})])
    found = shared_runs(copy, runs)
    assert found and "003_7f11aa7851229215.txt" in found[0]


def test_at_least_45_concepts_complete_in_every_language(shipped):
    assert len(shipped) >= 45
    for concept in shipped:
        for lang in shipped.languages:
            section = concept.languages[lang]
            assert section.preferred and section.definition.strip(), (concept.id, lang)


def test_every_deprecated_term_has_a_note_citing_a_known_source(shipped):
    from conftest import SHARED

    seen = 0
    for concept in shipped:
        for lang, section in concept.languages.items():
            for term in section.terms_with(Status.DEPRECATED):
                named = citations(term.note)
                assert named, f"{concept.id} ({lang}) {term.text!r}: note cites no source"
                for source_id in named:
                    source = shipped.sources[source_id]
                    if source.file and (SHARED / "seeds").is_dir():
                        assert (SHARED / "seeds" / source.file).is_file(), source
                seen += 1
    assert seen > 0


def test_every_language_records_the_articles_mistranslations(shipped):
    """Each language that has an article of its own has deprecated terms from it."""
    by_lang = {
        lang: {
            name
            for c in shipped
            for t in c.languages[lang].terms_with(Status.DEPRECATED)
            for name in ARTICLE.findall(t.note)
        }
        for lang in shipped.languages
    }
    for lang, articles in by_lang.items():
        assert articles, f"no deprecated term in {lang}"


def test_facts_from_the_articles_are_attributed(shipped):
    """Notes that quote figures name the article they come from."""
    for concept in shipped:
        for lang, section in concept.languages.items():
            for note in section.notes:
                if re.search(r"\$\s?\d|\d+\s?%", note):
                    assert ARTICLE.search(note), (concept.id, lang, note)


def test_definitions_neither_start_with_nor_contain_the_term(shipped):
    for concept in shipped:
        for lang, section in concept.languages.items():
            term = normalize(section.preferred.text)
            definition = normalize(section.definition)
            assert not definition.startswith(term), (concept.id, lang)
            assert f" {term} " not in f" {definition} ", (concept.id, lang)


def test_definitions_are_short(shipped):
    for concept in shipped:
        for lang, section in concept.languages.items():
            sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=\w)", section.definition) if s]
            assert 1 <= len(sentences) <= 3, (concept.id, lang, section.definition)


@pytest.mark.parametrize("lang", ["bg", "pl", "de"])
def test_nouns_have_grammatical_gender_where_the_language_has_it(shipped, lang):
    for concept in shipped:
        for term in concept.languages[lang].terms:
            if term.part_of_speech is PartOfSpeech.NOUN and term.type.value == "fullForm":
                assert term.gender is not None, (concept.id, lang, term.text)


def test_english_terms_have_no_gender(shipped):
    assert all(t.gender is None for c in shipped for t in c.languages["en"].terms)


def test_relations_make_a_hierarchy(shipped):
    kpo = "knowledge_process_outsourcing"
    segments = [c.id for c in shipped if kpo in c.broader]
    assert len(segments) >= 5
    assert "business_process_outsourcing" in shipped.get(kpo).related
