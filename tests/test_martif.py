"""TBX-Basic 2.x (``<martif>``): read by translate-toolkit, OmegaT; no deprecated term offered."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import polib
import pytest
from conftest import omegat_glossaries, require
from format_contract import FormatContract
from lxml import etree

from glossary.formats.martif import MULTILINGUAL, pair_name, write_martif
from glossary.model import (
    SOURCE_LANGUAGE,
    Concept,
    Glossary,
    GlossaryError,
    LangSection,
    Status,
    Term,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def targets(glossary: Glossary) -> list[str]:
    return [lang for lang in glossary.languages if lang != SOURCE_LANGUAGE]


def sanctioned(section: LangSection) -> list[str]:
    return [t.text for t in section.terms if t.status is not Status.DEPRECATED]


def deprecated(section: LangSection) -> list[str]:
    return [t.text for t in section.terms_with(Status.DEPRECATED)]


def require_translate_toolkit() -> None:
    require(
        importlib.util.find_spec("translate") is not None,
        "translate-toolkit is not installed (pip install translate-toolkit)",
    )


@pytest.fixture(scope="module")
def written(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports") / "tbx2008"
    counts = write_martif(shipped, out)
    return out, counts


def test_one_multilingual_file_and_one_file_per_pair(shipped, written):
    out, counts = written
    expected = {MULTILINGUAL} | {pair_name(lang) for lang in targets(shipped)}
    assert {p.name for p in out.iterdir()} == expected
    assert counts["files"] == len(expected)
    assert counts["concepts"] == len(shipped)


def test_the_multilingual_file_is_well_formed_and_has_every_concept(shipped, written):
    out, _ = written
    root = etree.parse(str(out / MULTILINGUAL)).getroot()  # raises when not well-formed
    assert root.tag == "martif" and root.get(XML_LANG) == SOURCE_LANGUAGE
    assert root.find("martifHeader/fileDesc/titleStmt/title") is not None
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == [c.id for c in shipped]
    for entry in entries:
        concept = shipped.get(entry.get("id"))
        sections = {s.get(XML_LANG): s for s in entry.findall("langSet")}
        assert list(sections) == [lang for lang in shipped.languages if lang in concept.languages]
        for lang, section in sections.items():
            model = concept.languages[lang]
            terms = [tig.findtext("term") for tig in section.findall("tig")]
            # preferred first, then admitted; deprecated terms are not terms here
            assert terms == sanctioned(model), (concept.id, lang)
            assert section.findtext("descrip[@type='definition']") == model.definition
            notes = [note.text for note in section.findall("note")]
            for text in deprecated(model):
                assert any(n.startswith(f"avoid: {text} (deprecated; use ") for n in notes)
            # auxiliary information comes before the terms, as the TBX DTD wants
            children = [child.tag for child in section]
            assert children == sorted(children, key=lambda tag: tag == "tig")
        if concept.subject_field:
            assert entry.findtext("descrip[@type='subjectField']") == concept.subject_field


def test_translate_toolkit_reads_every_pair_file(shipped, written):
    require_translate_toolkit()
    from translate.storage import tbx

    out, _ = written
    for lang in targets(shipped):
        with open(out / pair_name(lang), "rb") as handle:
            store = tbx.tbxfile(handle)
        units = {unit.getid(): unit for unit in store.units}
        expected = [c for c in shipped if c.preferred(lang) and c.preferred(SOURCE_LANGUAGE)]
        assert sorted(units) == sorted(c.id for c in expected)
        for concept in expected:
            unit = units[concept.id]
            assert unit.source == concept.preferred(SOURCE_LANGUAGE), (concept.id, lang)
            assert unit.target == concept.preferred(lang), (concept.id, lang)
            for text in deprecated(concept.languages[lang]):  # named in a note, not a term
                assert f"avoid: {text} (deprecated; use " in unit.getnotes()
            if hasattr(unit, "get_target_terms"):  # translate-toolkit 3.17 and later
                terms = [t.text for t in unit.get_target_terms()]
                assert terms == sanctioned(concept.languages[lang])
                assert not any(t.deprecated for t in unit.get_target_terms())


def test_tbx2po_converts_every_pair_file(shipped, written, tmp_path):
    require_translate_toolkit()
    out, _ = written
    for lang in targets(shipped):
        po = tmp_path / f"{lang}.po"
        result = subprocess.run(
            [sys.executable, "-m", "translate.convert.tbx2po", str(out / pair_name(lang)), str(po)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and po.is_file(), result.stderr
        pairs = {(e.msgid, e.msgstr) for e in polib.pofile(str(po)) if e.msgid}
        for concept in shipped:
            if concept.preferred(lang):
                assert (concept.preferred(SOURCE_LANGUAGE), concept.preferred(lang)) in pairs


def test_omegat_reads_the_multilingual_file_and_never_offers_a_deprecated_term(
    shipped, written, tmp_path
):
    out, _ = written
    files = [out / MULTILINGUAL] + [out / pair_name(lang) for lang in targets(shipped)]
    read = omegat_glossaries(files, targets(shipped), tmp_path)
    for lang in targets(shipped):
        # every pair a concept allows: a sanctioned English term, a sanctioned target term
        allowed = {
            (source, target)
            for c in shipped
            if lang in c.languages
            for source in sanctioned(c.languages[SOURCE_LANGUAGE])
            for target in sanctioned(c.languages[lang])
        }
        for name in (MULTILINGUAL, pair_name(lang)):
            entries = read[lang][name]
            assert entries, f"OmegaT read nothing from {name} into {lang}"
            offered = {(source, target) for source, target, _ in entries}
            assert offered <= allowed, sorted(offered - allowed)[:5]
            for concept in shipped:
                section = concept.languages.get(lang)
                if section is None or section.preferred is None:
                    continue
                english = concept.languages[SOURCE_LANGUAGE].preferred.text
                assert (english, section.preferred.text) in offered
                comments = [c for s, _, c in entries if s == english]
                for text in deprecated(section):  # named where the translator sees it
                    assert any(f"avoid: {text} (deprecated" in c for c in comments)


def test_a_concept_without_the_target_language_is_left_out_of_that_pair(tmp_path):
    g = Glossary(
        [
            Concept(
                "both",
                related=["english_only"],
                languages={
                    "en": LangSection("en", [Term("both"), Term("old", Status.DEPRECATED)], "d"),
                    "de": LangSection("de", [Term("beide")], "d"),
                },
            ),
            Concept("english_only", languages={"en": LangSection("en", [Term("alone")], "d")}),
        ]
    )
    counts = write_martif(g, tmp_path)
    assert counts == {"files": 2, "concepts": 2, "pairs": 1}
    pair = etree.parse(str(tmp_path / pair_name("de"))).getroot()
    [entry] = pair.findall("text/body/termEntry")
    assert entry.get("id") == "both"
    assert entry.find("ref") is None  # its target is not in this file
    assert [n.text for n in entry.findall("langSet/note")] == ["avoid: old (deprecated; use both)"]


def test_text_xml_cannot_carry_is_refused_and_nothing_written(tmp_path):
    g = Glossary([Concept("bad", languages={"en": LangSection("en", [Term("a\x01b")], "d")})])
    out = tmp_path / "tbx2008"
    with pytest.raises(GlossaryError, match="U\\+0001"):
        write_martif(g, out)
    assert not out.exists() or not any(out.iterdir())


class TestContract(FormatContract):
    name = "tbx2008/"  # read back by translate-toolkit and OmegaT in the tests above
