"""Facts survive a save by a tool that wraps comments (polib, Babel, translate-toolkit),
and a free translator comment never becomes data."""

from __future__ import annotations

import importlib.util
import io

import polib
import pytest
from conftest import LOCALES, require

import glossary
from glossary.formats import po
from glossary.layout import catalog_path, find_catalogs

SHIPPED = sorted(find_catalogs(LOCALES))


def save_with_polib(path):
    catalog = polib.pofile(str(path))  # polib's default: wrap at 78 columns
    assert catalog.wrapwidth == 78
    catalog.save()


def save_with_babel(path):
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_po(buffer, catalog)  # wraps comments at 76 columns
    path.write_bytes(buffer.getvalue())


def save_with_translate_toolkit(path):
    require(
        importlib.util.find_spec("translate") is not None,
        "translate-toolkit is not installed (pip install translate-toolkit)",
    )
    from translate.storage import po as ttpo

    store = ttpo.pofile(path.read_bytes())
    path.write_bytes(bytes(store))


SAVERS = {
    "polib": save_with_polib,
    "babel": save_with_babel,
    "translate-toolkit": save_with_translate_toolkit,
}


def facts(g: glossary.Glossary) -> dict:
    """Every fact of a glossary, by concept and language: terms with status, type,
    part of speech, gender and note; definitions; notes; subject field; relations."""
    return {concept.id: concept.to_dict() for concept in g}


@pytest.mark.parametrize("tool", SAVERS)
def test_every_fact_survives_a_save_of_every_catalog(tool, locales, cli, shipped):
    for lang in SHIPPED:
        SAVERS[tool](catalog_path(locales, lang))
    if tool in ("polib", "babel"):  # the long notes were wrapped indeed
        saved = catalog_path(locales, "de").read_text(encoding="utf-8").splitlines()
        assert all(len(line) <= 78 or " " not in line[2:] for line in saved if line[:2] == "# ")
        assert len(saved) > len(catalog_path(LOCALES, "de").read_text("utf-8").splitlines())
    result = cli("check", "--strict", "--locales", str(locales))
    assert result.code == 0, result.err[-3000:]
    assert "0 errors, 0 warnings" in result.err
    before, after = facts(shipped), facts(glossary.load(locales))
    assert sorted(after) == sorted(before)
    for concept_id, expected in before.items():
        assert after[concept_id] == expected, concept_id


ENTRY = """
# admitted: Rechnungslegung
{comment}
msgctxt "accounting.term"
msgid "accounting"
msgstr "Rechnungswesen"
"""


def insert_after(path, anchor: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + new, 1), encoding="utf-8")


def test_a_free_comment_after_a_term_stays_a_comment(locales, cli, shipped):
    path = catalog_path(locales, "de")
    section = shipped.get("accounting").languages["de"]
    admitted = section.terms_with(glossary.Status.ADMITTED)[0].text
    anchor = f"# admitted: {admitted}\n"
    insert_after(path, anchor, "# TODO: check with legal\n")
    line = path.read_text(encoding="utf-8").splitlines().index("# TODO: check with legal") + 1
    loaded = glossary.load(locales)
    assert loaded.get("accounting").languages["de"] == section  # no fact changed
    assert all("TODO" not in t.text for c in loaded for t in c.terms())
    result = cli("check", "--locales", str(locales))
    assert result.code == 0
    assert f"{path}:{line}: warning: translator comment 'TODO: check with legal'" in result.err
    assert cli("check", "--strict", "--locales", str(locales)).code == 1
    # glossary update keeps it, as a comment
    assert cli("update", "--locales", str(locales)).code == 0
    assert "# TODO: check with legal\n" in path.read_text(encoding="utf-8")


def test_a_free_comment_after_a_long_note_stays_a_comment(locales, shipped):
    path = catalog_path(locales, "pl")
    concept = next(c for c in shipped if any(len(t.note) > 200 for t in c.languages["pl"].terms))
    term = next(t for t in concept.languages["pl"].terms if len(t.note) > 200)
    insert_after(path, f"# note: {term.note}\n", "# do sprawdzenia z działem prawnym\n")
    loaded = glossary.load(locales)
    assert loaded.get(concept.id).languages["pl"] == concept.languages["pl"]


def read_comments(tcomment: str, lang: str = "de"):
    """The terms of one .term entry with these translator comments, and the findings."""
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgctxt="x.term", msgid="x", msgstr="iks", tcomment=tcomment))
    g, findings = po.catalog_to_glossary(po.parse_text(str(catalog), "x.po"), lang)
    return g.get("x").languages[lang].terms, findings


def wrapped(text: str, tool: str) -> str:
    """A comment line as polib (78 with '# ') or Babel (76) writes it, without the '# '."""
    import textwrap

    from babel.util import TextWrapper

    if tool == "polib":
        lines = textwrap.wrap(
            text, 78, initial_indent="# ", subsequent_indent="# ", break_long_words=False
        )
        return "\n".join(line[2:] for line in lines)
    return "\n".join(TextWrapper(width=76, break_long_words=False).wrap(text))


# (text, a word that the wrap must put at the start of a line)
NOTES = [
    # a continuation line that starts like a 'key:' (not one of ours)
    ("w tekstach spotykana rzadko, a jej drugie znaczenie: dział przedsiębiorstwa.", "znaczenie:"),
    # a compound broken after its hyphen by polib (Babel keeps it whole)
    ("bezeichnet BPO die Abwicklung von Backoffice-Tätigkeiten im Ausland.", "Tätigkeiten"),
    ("bezeichnet BPO die Abwicklung von Backoffice-Tätigkeiten im Ausland.", "Backoffice-"),
    # suspended hyphens, which keep their space
    ("nennt die finanz- und buchhaltungsbezogenen Leistungen unter den BPO-Diensten.", "und"),
    ("übernimmt BPO sowohl Frontoffice- als auch Backoffice-Aufgaben.", "als"),
    # a continuation that starts with one of the keys, but no value of it
    ("die Zeile beginnt mit status: einem Schlüssel.", "status:"),
]


def breaking_before(text: str, word: str, tool: str) -> str:
    """``text`` after as many filler words as make the wrap start a line with ``word``."""
    for count in range(40):
        note = "Wort " * count + text
        if any(line.startswith(word) for line in wrapped(f"note: {note}", tool).splitlines()):
            return note
    raise AssertionError(f"{tool} never starts a line with {word!r}")


@pytest.mark.parametrize("tool", ["polib", "babel"])
@pytest.mark.parametrize("text,word", NOTES)
def test_a_wrapped_note_is_read_back_whole(text, word, tool):
    if (tool, word) == ("babel", "Tätigkeiten"):
        word = "Backoffice-"  # Babel does not break compounds at their hyphen
    note = breaking_before(text, word, tool)
    comment = wrapped(f"note: {note}", tool) + "\ndeprecated: Alt\npos: noun"
    terms, findings = read_comments(comment)
    assert findings == []
    assert terms[0].note == note
    assert [(t.text, t.status.value) for t in terms] == [
        ("iks", "preferred"),
        ("Alt", "deprecated"),
    ]


def test_a_term_line_too_long_to_survive_a_wrap_is_a_warning():
    terms, findings = read_comments("admitted: " + "sehr langer Begriff " * 4)
    assert [f.severity.value for f in findings] == ["warning"]
    assert "longer than 76 columns" in findings[0].message


def test_a_note_wrapped_narrower_than_76_columns_is_reported_never_misread():
    import textwrap

    note = "Forma opisowa, spotykana w tekstach objaśniających, rzadziej w prasie."
    lines = textwrap.wrap(f"note: {note}", 30, break_long_words=False)
    terms, findings = read_comments("\n".join(lines) + "\nadmitted: opis\npos: noun")
    assert [(t.text, t.status.value) for t in terms] == [("iks", "preferred"), ("opis", "admitted")]
    assert terms[0].note == lines[0][len("note: ") :]  # the rest is not read as data
    assert {f.severity.value for f in findings} == {"warning"}
    assert len(findings) == len(lines) - 1  # one warning per line that was not read


@pytest.mark.parametrize("tool", ["polib", "babel"])
def test_a_wrapped_list_of_ids_is_read_back_whole(tool):
    ids = [f"concept_number_{n}" for n in range(8)]
    comment = wrapped(f"related: {', '.join(ids)}", tool) + "\nTODO: check these"
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgctxt="x.term", msgid="x", msgstr="x", tcomment=comment))
    g, findings = po.catalog_to_glossary(po.parse_text(str(catalog), "x.po"), "en")
    assert g.get("x").related == ids
    assert [f.message[:40] for f in findings] == ["translator comment 'TODO: check these' i"]
