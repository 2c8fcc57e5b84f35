"""Round trips of random glossaries through every format: nothing lost, nothing altered.

The strategies draw glossaries the model accepts (``Glossary.check`` finds no
error): ids in snake_case, 1 to 3 languages with ``en`` always, terms of every
status, type, part of speech and gender, and texts from any Unicode the
model allows (no control character, no surrogate, no space at either end, no
word mixing Latin, Cyrillic and Greek letters), with the odd cases mixed in
on purpose: XML specials and ``]]>``, quotes and backslashes, formula starts,
right-to-left text, combining marks, U+2028 (a line separator that is not a
control character), U+FFFF.

Where a format cannot carry a text, the test asserts that its writer refuses
with :class:`GlossaryError` and writes nothing, rather than corrupting it:

* TBX (XML 1.0) cannot carry U+FFFE and U+FFFF;
* the CSV export cannot carry ``|`` in an admitted or deprecated term (its
  separator is `` | ``);
* an OmegaT glossary cannot carry an English term that starts with ``#`` (a
  comment line).

The PO catalogs, the ``.mo`` files and the dataset carry everything the
model holds.
"""

from __future__ import annotations

import gettext
import pickle
import subprocess
import sys
import tempfile
import unicodedata
from copy import deepcopy
from pathlib import Path

import pytest
from conftest import SHARED, require
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from glossary.catalogs import load_catalogs
from glossary.checks import invisible_characters, model_findings, text_problems
from glossary.formats.po import pot_text, write_po
from glossary.layout import catalog_path, template_path
from glossary.model import (
    SOURCE_LANGUAGE,
    Concept,
    Gender,
    Glossary,
    GlossaryError,
    LangSection,
    Origin,
    PartOfSpeech,
    Severity,
    Status,
    Term,
    TermType,
)

OTHER_LANGUAGES = ["bg", "de", "pl", "fr", "ar", "he", "ja", "pt_BR", "sr_Latn"]
ODD = [
    "a <b> & c",
    "]]>",
    "</script>",
    "&amp;",
    '"quoted"',
    "back\\slash",
    "\\n",
    "'apostrophe",
    "=SUM(A1:A9)",
    "+1",
    "-x",
    "@home",
    "C# or F#",
    "مرحبا بالعالم",
    "שלום\u200f",
    "e\u0301",
    "Z\u0307",
    "x\u2028y",
    "inner\u00a0space",
    "{0} {}",
]
#: What one format cannot carry, put into some glossaries (see ``glossaries``).
TRAPS = ["tbx", "csv", "omegat"]

_ALPHABET = st.characters(
    exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"
)  # these two come with TRAPS
_FREE = st.text(_ALPHABET, min_size=1, max_size=30)
TEXT = (
    st.lists(st.one_of(st.sampled_from(ODD), _FREE), min_size=1, max_size=3)
    .map(" ".join)
    .map(str.strip)
    .filter(lambda t: t and not text_problems(t))
)
#: Terms are checked for invisible characters (bidi marks, zero-width); texts are not.
TERM_TEXT = TEXT.filter(lambda t: not invisible_characters(t))
IDS = st.from_regex(r"[a-z][a-z0-9]{0,6}(?:_[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def sections(draw, lang: str) -> LangSection:
    texts = draw(
        st.lists(
            TERM_TEXT, min_size=1, max_size=4, unique_by=lambda t: unicodedata.normalize("NFC", t)
        )
    )
    terms = [
        Term(
            text,
            Status.PREFERRED
            if i == 0
            else draw(st.sampled_from([Status.ADMITTED, Status.DEPRECATED])),
            draw(st.sampled_from(list(TermType))),
            draw(st.sampled_from(list(PartOfSpeech))),
            draw(st.none() | st.sampled_from(list(Gender))),
            draw(st.just("") | TEXT),
        )
        for i, text in enumerate(texts)
    ]
    LangSection(lang, terms).sort_terms()  # the canonical order every reader gives back
    return LangSection(lang, terms, draw(TEXT), draw(st.lists(TEXT, max_size=2)))


@st.composite
def glossaries(draw, max_concepts: int = 4) -> Glossary:
    languages = [SOURCE_LANGUAGE] + draw(
        st.lists(st.sampled_from(OTHER_LANGUAGES), max_size=2, unique=True)
    )
    ids = draw(st.lists(IDS, min_size=1, max_size=max_concepts, unique=True))
    glossary = Glossary()
    for concept_id in ids:
        others = [i for i in ids if i != concept_id]
        earlier = ids[: ids.index(concept_id)]  # broader only towards earlier ids: no cycle
        broader = (
            draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else []
        )
        rest = [i for i in others if i not in broader]
        related = draw(st.lists(st.sampled_from(rest), max_size=2, unique=True)) if rest else []
        concept = Concept(
            concept_id, draw(st.just("") | TEXT), broader, related, draw(st.lists(TEXT, max_size=2))
        )
        for lang in languages:
            if lang == SOURCE_LANGUAGE or draw(st.booleans()):
                concept.languages[lang] = draw(sections(lang))
        glossary.add(concept)
    for lang in languages:
        glossary.metadata.setdefault(lang, {})
    errors = [f for f in model_findings(glossary) if f.severity is Severity.ERROR]
    assert not errors, errors  # the strategy draws valid glossaries only
    # now and then, what one format cannot carry (its writer must refuse it)
    trap = draw(st.sampled_from([None] * 2 * len(TRAPS) + TRAPS))
    english = glossary.concepts[ids[0]].languages[SOURCE_LANGUAGE]
    if trap == "tbx":
        english.definition += " \uffff"
    elif trap == "csv" and "a|b" not in [t.text for t in english.terms]:
        english.terms.append(Term("a|b", Status.ADMITTED))
        english.sort_terms()
    elif trap == "omegat":  # on a concept that has a target language, if one has
        concept = next((c for c in glossary if len(c.languages) > 1), glossary.concepts[ids[0]])
        english = concept.languages[SOURCE_LANGUAGE]
        english.preferred.text = "#" + english.preferred.text.lstrip("#")
    assume(not [f for f in model_findings(glossary) if f.severity is Severity.ERROR])
    return glossary


def _texts(glossary: Glossary) -> list[str]:
    return [
        text
        for concept in glossary
        for text in [concept.subject_field, *concept.notes]
        + [
            t
            for s in concept.languages.values()
            for t in [s.definition, *s.notes]
            + [x for term in s.terms for x in (term.text, term.note)]
        ]
    ]


# -- PO -> model ----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(glossary=glossaries())
def test_model_to_po_to_model(glossary):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "locales"
        for lang in glossary.languages:
            catalog_path(root, lang).parent.mkdir(parents=True)
            write_po(glossary, lang, catalog_path(root, lang))
        template_path(root).write_text(pot_text(glossary), encoding="utf-8")
        # what the PO files carry; whether every export can carry it is another test's
        loaded, findings = load_catalogs(root, full=False)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert loaded == glossary
    assert loaded.languages == glossary.languages


# -- PO -> MO -> gettext --------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(glossary=glossaries())
def test_model_to_mo_to_gettext(glossary):
    from glossary.formats.mo import write_mo

    def _abbreviation(section):  # the term of the .abbr entry (see glossary.po)
        return (
            next(
                (
                    t
                    for t in section.terms
                    if t.status is Status.ADMITTED
                    and t.type in (TermType.ACRONYM, TermType.ABBREVIATION)
                ),
                None,
            )
            if section
            else None
        )

    with tempfile.TemporaryDirectory() as tmp:
        for lang in glossary.languages:
            path = Path(tmp) / f"{lang}.mo"
            write_mo(glossary, lang, path)
            with open(path, "rb") as handle:
                translation = gettext.GNUTranslations(handle)
            for concept in glossary:
                english = concept.languages[SOURCE_LANGUAGE]
                section = concept.languages.get(lang)
                units = [
                    ("term", english.preferred.text, section.preferred.text if section else None),
                    ("definition", english.definition, section.definition if section else None),
                ]
                if _abbreviation(english):
                    abbr = _abbreviation(section)
                    units.append(("abbr", _abbreviation(english).text, abbr.text if abbr else None))
                for unit, msgid, expected in units:
                    got = translation.pgettext(f"{concept.id}.{unit}", msgid)
                    assert got == (expected if expected is not None else msgid), (concept.id, unit)


# -- TBX ------------------------------------------------------------------------------------------


def _not_xml(glossary: Glossary) -> bool:
    return any(ch in text for text in _texts(glossary) for ch in "\ufffe\uffff")


@settings(max_examples=100, deadline=None)
@given(glossary=glossaries())
def test_model_to_tbx_to_model(glossary):
    from glossary.formats.tbx import read_tbx, write_tbx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.tbx"
        event("refused" if _not_xml(glossary) else "round trip")
        if _not_xml(glossary):
            with pytest.raises(GlossaryError, match=r"U\+FFF[EF]"):
                write_tbx(glossary, path)
            assert not path.exists()
            return
        write_tbx(glossary, path)
        assert read_tbx(path) == glossary


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(glossary=glossaries(max_concepts=3).filter(lambda g: not _not_xml(g)))
def test_tbx_of_random_glossaries_is_valid_tbx_basic(glossary):
    script = SHARED / "tbx" / "validate_tbx.py"
    require(script.is_file(), f"{script} is absent (the TBX validator lives in ../shared)")
    from glossary.formats.tbx import write_tbx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.tbx"
        write_tbx(glossary, path)
        result = subprocess.run(
            [sys.executable, str(script), str(path)], capture_output=True, text=True, timeout=300
        )
    assert result.returncode == 0, result.stdout + result.stderr


# -- CSV ------------------------------------------------------------------------------------------


def _bar_in_variant(glossary: Glossary) -> bool:
    return any(
        "|" in term.text
        for concept in glossary
        for section in concept.languages.values()
        for term in section.terms
        if term.status is not Status.PREFERRED
    )


@settings(max_examples=100, deadline=None)
@given(glossary=glossaries())
def test_model_to_csv_to_model(glossary):
    from glossary.formats.csvfile import read_csv, write_csv

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "glossary.csv"
        event("refused" if _bar_in_variant(glossary) else "round trip")
        if _bar_in_variant(glossary):
            with pytest.raises(GlossaryError, match="cannot tell from its separator"):
                write_csv(glossary, path)
            assert not path.exists()
            return
        write_csv(glossary, path)
        table = read_csv(path)
    assert [c.id for c in table] == [c.id for c in glossary]
    assert table.languages == glossary.languages
    for concept in glossary:
        row = table.get(concept.id)
        assert row.subject_field == concept.subject_field
        assert sorted(row.languages) == sorted(concept.languages)
        for lang, section in concept.languages.items():
            back = row.languages[lang]
            assert back.preferred.text == section.preferred.text
            assert back.definition == section.definition
            for status in (Status.ADMITTED, Status.DEPRECATED):
                assert [t.text for t in back.terms_with(status)] == [
                    t.text for t in section.terms_with(status)
                ]


# -- OmegaT ---------------------------------------------------------------------------------------


def _hash_start(glossary: Glossary) -> bool:
    return any(
        term.text.startswith("#")
        for concept in glossary
        if SOURCE_LANGUAGE in concept.languages
        for term in concept.languages[SOURCE_LANGUAGE].terms
        if term.status is not Status.DEPRECATED
    )


def test_omegat_preferred_term_with_braces():
    """A brace in a term is text, not a format field."""
    from glossary.formats.omegat import omegat_texts

    glossary = Glossary(
        [
            Concept(
                "c",
                languages={
                    "en": LangSection("en", [Term("term")], "definition"),
                    "de": LangSection(
                        "de", [Term("Begriff {0}"), Term("alt", Status.DEPRECATED)], "Def."
                    ),
                },
            )
        ]
    )
    comment = omegat_texts(glossary)["en-de.txt"].splitlines()[1].split("\t")[2]
    assert comment == "Def. | avoid: alt (deprecated; use Begriff {0})"


def _offered(term, section):
    """What OmegaT must offer for an English term: the target abbreviation for an
    abbreviation when the target has one, else the target preferred term."""
    if term.type in (TermType.ACRONYM, TermType.ABBREVIATION) and section.abbreviation:
        return section.abbreviation.text
    return section.preferred.text


@settings(max_examples=60, deadline=None)
@given(glossary=glossaries())
def test_model_to_omegat_to_entries(glossary):
    from glossary.formats.omegat import file_name, read_omegat, write_omegat

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "omegat"
        event("refused" if _hash_start(glossary) else "round trip")
        if _hash_start(glossary):
            with pytest.raises(GlossaryError, match="starts with '#'"):
                write_omegat(glossary, out)
            assert not out.exists() or not any(out.iterdir())
            return
        write_omegat(glossary, out)
        for lang in glossary.languages[1:]:
            entries = read_omegat(out / file_name(lang))
            expected = [
                (term.text, _offered(term, concept.languages[lang]))
                for concept in glossary
                if lang in concept.languages
                for term in concept.languages[SOURCE_LANGUAGE].terms
                if term.status is not Status.DEPRECATED
            ]
            assert [(source, target) for source, target, _ in entries] == expected
            definitions = [
                concept.languages[lang].definition
                for concept in glossary
                if lang in concept.languages
                for term in concept.languages[SOURCE_LANGUAGE].terms
                if term.status is not Status.DEPRECATED
            ]
            assert all(
                comment.startswith(definition)
                for (_, _, comment), definition in zip(entries, definitions, strict=False)
            )


# -- dataset --------------------------------------------------------------------------------------


@settings(max_examples=3, deadline=None)
@given(glossary=glossaries(max_concepts=3))
def test_model_to_dataset_to_rows(glossary):
    import datasets

    from glossary.formats.dataset import SPLIT, write_dataset

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "dataset"
        write_dataset(glossary, folder)
        loaded = {
            config: datasets.load_dataset(
                str(folder), config, split=SPLIT, cache_dir=str(Path(tmp) / "cache")
            )
            for config in ("terms", "concepts", "translation")
        }
        terms = loaded["terms"]
        names = {
            column: terms.features[column].names for column in ("status", "type", "part_of_speech")
        }
        got = [{**row, **{c: names[c][row[c]] for c in names}} for row in terms]
        assert got == [
            {
                "concept_id": concept.id,
                "language": lang,
                "term": term.text,
                "status": term.status.value,
                "type": term.type.value,
                "part_of_speech": term.part_of_speech.value,
                "gender": term.gender.value if term.gender else None,
                "note": term.note,
            }
            for concept in glossary
            for lang in glossary.languages
            if lang in concept.languages
            for term in concept.languages[lang].terms
        ]
        assert list(loaded["concepts"]) == [
            {
                "concept_id": concept.id,
                "language": lang,
                "preferred_term": concept.languages[lang].preferred.text,
                "definition": concept.languages[lang].definition,
                "subject_field": concept.subject_field,
                "broader": concept.broader,
                "part_of": concept.part_of,
                "related": concept.related,
                "notes": concept.languages[lang].notes,
                "concept_notes": concept.notes,
            }
            for concept in glossary
            for lang in glossary.languages
            if lang in concept.languages
        ]
        definitions = [
            row["translation"] for row in loaded["translation"] if row["unit"] == "definition"
        ]
        assert definitions == [
            {
                lang: (concept.languages[lang].definition if lang in concept.languages else None)
                for lang in glossary.languages
            }
            for concept in glossary
        ]


# -- pickle (a glossary passed to worker processes or cached by a user) ---------------------------


def _everything(glossary: Glossary) -> list:
    """Every field of every object, the origins (which ``==`` ignores) included."""
    return [glossary.metadata] + [
        (
            c.id,
            c.subject_field,
            c.broader,
            c.related,
            c.notes,
            c.origin,
            [
                (
                    code,
                    s.lang,
                    s.definition,
                    s.notes,
                    s.origin,
                    [
                        (t.text, t.status, t.type, t.part_of_speech, t.gender, t.note, t.origin)
                        for t in s.terms
                    ],
                )
                for code, s in c.languages.items()
            ],
        )
        for c in glossary.concepts.values()
    ]


ORIGINS = st.none() | st.builds(
    Origin, st.sampled_from(["a.po", "b/c.po", "é.po"]), st.integers(0, 2**40)
)


@settings(max_examples=100, deadline=None)
@given(glossary=glossaries(), data=st.data())
def test_model_to_pickle_to_model(glossary, data):
    for concept in glossary.concepts.values():
        concept.origin = data.draw(ORIGINS)
        for section in concept.languages.values():
            section.origin = data.draw(ORIGINS)
            for term in section.terms:
                term.origin = data.draw(ORIGINS)
    glossary.lookup(next(iter(glossary)).languages[SOURCE_LANGUAGE].terms[0].text)
    for copy in (
        pickle.loads(pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL)),
        pickle.loads(pickle.dumps(glossary, protocol=2)),
        deepcopy(glossary),
    ):
        assert _everything(copy) == _everything(glossary)
        assert list(copy.concepts) == list(glossary.concepts)  # the order of insertion too
        for concept in glossary:
            for lang, section in concept.languages.items():
                for term in section.terms:
                    assert [(m.concept.id, m.lang) for m in copy.lookup(term.text, lang)] == [
                        (m.concept.id, m.lang) for m in glossary.lookup(term.text, lang)
                    ]


def test_pickling_keeps_texts_that_hold_the_separator():
    """A glossary with errors is pickled too (the index keeps it with its findings)."""
    glossary = Glossary(
        [
            Concept(
                "a\0b",
                "field\0",
                ["x"],
                [],
                ["\0", ""],
                languages={
                    "en": LangSection(
                        "en",
                        [Term("t\0"), Term("", Status.ADMITTED, note="\0\0")],
                        "def\0inition",
                        ["n\0"],
                    )
                },
            )
        ]
    )
    glossary.concepts["empty"] = Concept("empty")
    assert _everything(pickle.loads(pickle.dumps(glossary))) == _everything(glossary)
