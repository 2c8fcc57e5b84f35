"""`glossary/checks.py`: relations by kind and the list of sources, each rule broken once."""

from __future__ import annotations

import re

from conftest import LOCALES

from glossary.catalogs import load_catalogs
from glossary.layout import catalog_path


def edit_en(locales, old, new):
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def entry_line(path, context):
    """The first line of the entry ``context`` (its first comment line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f'msgctxt "{context}"')
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return start + 1


def errors(result):
    return [line for line in result.err.splitlines() if ": error: " in line]


def a_related_pair(locales):
    """Two concepts of the English catalog that list each other as related."""
    glossary, _ = load_catalogs(locales)
    for concept in glossary:
        for other_id in concept.related:
            if concept.id in glossary.concepts[other_id].related:
                return glossary, concept, glossary.concepts[other_id]
    raise AssertionError("no symmetric related pair")


def test_the_shipped_relations_pass_every_rule():
    glossary, findings = load_catalogs(LOCALES)
    assert [f for f in findings if "related" in f.message or "broader" in f.message] == []
    for concept in glossary:
        for other in concept.related:
            assert concept.id in glossary.concepts[other].related


def test_a_one_way_related_link_is_an_error_at_its_line(locales, cli):
    _, concept, other = a_related_pair(locales)
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    block = text[: text.index(f'msgctxt "{other.id}.term"')]
    line_start = block.rindex("# related: ")
    line_end = block.index("\n", line_start)
    ids = [i.strip() for i in block[line_start + 11 : line_end].split(",")]
    ids.remove(concept.id)
    replacement = f"# related: {', '.join(ids)}" if ids else "# subject-less"
    if not ids:  # drop the line altogether
        text = text[:line_start] + text[line_end + 1 :]
    else:
        text = text[:line_start] + replacement + text[line_end:]
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 1
    wanted = (
        f"{path}:{entry_line(path, f'{concept.id}.term')}: error: {concept.id}: "
        f"related to {other.id!r}, but {other.id!r} does not list"
    )
    assert any(line.startswith(wanted) for line in errors(result)), result.err


def test_a_generic_link_across_subject_fields_is_an_error(locales, cli):
    glossary, _ = load_catalogs(locales)
    service = next(c for c in glossary if c.subject_field == "BPO services")
    model = next(c for c in glossary if c.subject_field == "outsourcing models")
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    at = text.index(f'msgctxt "{service.id}.term"')
    subject = text.rindex("# subject: ", 0, at)
    end = text.index("\n", subject)
    text = text[: end + 1] + f"# broader: {model.id}\n" + text[end + 1 :]
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 1
    assert any(
        f"{service.id}: broader (is a kind of) {model.id!r}, but its subject field" in line
        and line.startswith(f"{path}:")
        for line in errors(result)
    ), result.err


def test_a_broader_cycle_is_an_error(locales, cli):
    glossary, _ = load_catalogs(locales)
    child = next(c for c in glossary if c.broader)
    parent = child.broader[0]
    path = catalog_path(locales, "en")
    text = path.read_text(encoding="utf-8")
    at = text.index(f'msgctxt "{parent}.term"')
    subject = text.rindex("# subject: ", 0, at)
    end = text.index("\n", subject)
    text = text[: end + 1] + f"# broader: {child.id}\n" + text[end + 1 :]
    path.write_text(text, encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 1
    assert any(re.search(r"a broader cycle: \w+ -> \w+ -> \w+", line) for line in errors(result))


def test_a_part_of_link_is_read_exported_in_the_template_and_kept_apart(locales, cli):
    glossary, _ = load_catalogs(LOCALES)
    parts = [c for c in glossary if c.part_of]
    assert parts, "the shipped glossary has partitive relations"
    for concept in parts:
        assert not set(concept.part_of) & set(concept.broader)
    template = (LOCALES / "glossary.pot").read_text(encoding="utf-8")
    whole = glossary.concepts[parts[0].part_of[0]].preferred("en")
    assert f"#. Part of: {whole}" in template


def test_a_citation_of_an_unknown_source_is_an_error_at_its_note(locales, cli):
    path = catalog_path(locales, "pl")
    text = path.read_text(encoding="utf-8")
    at = text.index("#. Definition of: ")  # a note of the first concept in Polish
    path.write_text(text[:at] + "# note: Według [no-such-source] tak.\n" + text[at:], "utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 1
    assert any(
        "cites [no-such-source], which is not in sources.toml" in line
        and line.startswith(f"{path}:")
        for line in errors(result)
    ), result.err
    # lookup does not need the list of sources to answer
    assert cli("lookup", "KPO", "--locales", str(locales)).code == 0


def test_a_broken_list_of_sources_is_reported_with_its_line(locales, cli):
    sources = locales / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text + "\n[broken]\nlanguage = 'en'\n", encoding="utf-8")
    result = cli("check", "--locales", str(locales))
    assert result.code == 1
    line = text.count("\n") + 2
    assert any(
        line_.startswith(f"{sources}:{line}: error: source 'broken' needs a title")
        for line_ in errors(result)
    ), result.err


def test_a_source_no_note_cites_is_a_warning(locales, cli):
    sources = locales / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text + '\n[uncited]\ntitle = "Nobody cites this"\n', encoding="utf-8")
    result = cli("check", "--strict", "--locales", str(locales))
    assert result.code == 1
    assert (
        f"{sources}:{text.count(chr(10)) + 2}: warning: source 'uncited' is cited by no note"
        in result.err
    )


def test_every_source_is_cited_or_is_an_article():
    glossary, _ = load_catalogs(LOCALES)
    from glossary.model import citations

    cited = set()
    for concept in glossary:
        for section in concept.languages.values():
            for text in [*section.notes, *(t.note for t in section.terms)]:
                cited.update(citations(text))
        for note in concept.notes:
            cited.update(citations(note))
    listed = set(glossary.sources)
    assert cited <= listed
    assert {s for s in listed - cited if glossary.sources[s].kind != "article"} == set()


def test_a_definition_without_capital_or_full_stop_is_an_error(locales, cli):
    glossary, _ = load_catalogs(locales)
    for lang in glossary.languages[1:]:  # the English text is every catalog's msgid: below
        for concept in glossary:
            if lang in concept.languages and concept.languages[lang].definition:
                definition = concept.languages[lang].definition
                break
        path = catalog_path(locales, lang)
        text = path.read_text(encoding="utf-8")
        broken = definition[0].lower() + definition[1:].rstrip(".")
        quoted = f'msgstr "{definition}"'
        assert quoted in text, (lang, definition)
        path.write_text(text.replace(quoted, f'msgstr "{broken}"', 1), encoding="utf-8")
        assert cli("check", "--locales", str(locales)).code == 0  # a warning: style
        result = cli("check", "--strict", "--locales", str(locales))
        assert result.code == 1
        assert any(
            f"{concept.id}: the definition in {lang!r} should start with a capital letter" in line
            and line.startswith(f"{path}:")
            and ": warning: " in line
            for line in result.err.splitlines()
        ), result.err
        path.write_text(text, encoding="utf-8")


def test_the_definition_style_holds_for_the_source_language_too():
    from glossary.checks import style_findings
    from glossary.model import Concept, Glossary, LangSection, Term

    ok = LangSection("en", [Term("kpo")], "Outsourcing of expert work.")
    lower = LangSection("en", [Term("kpo")], "outsourcing of expert work.")
    no_stop = LangSection("en", [Term("kpo")], "Outsourcing of expert work")
    found = list(
        style_findings(
            Glossary(
                [
                    Concept("a", languages={"en": ok}),
                    Concept("b", languages={"en": lower}),
                    Concept("c", languages={"en": no_stop}),
                ]
            )
        )
    )
    assert [f.message.split(":")[0] for f in found] == ["b", "c"]
