"""Which glossary terms occur in a text: `Glossary.find_terms` and `glossary terms`."""

from __future__ import annotations

import json
import unicodedata

import pytest
from conftest import LOCALES

from glossary.model import Status, TermType, normalize


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def case_sensitive(term) -> bool:
    return term.type in (TermType.ACRONYM, TermType.ABBREVIATION) or (
        term.text.isupper() and len(term.text) > 1
    )


def good_terms(glossary, lang):
    """normalised text -> concepts that have it as a preferred or admitted term."""
    found: dict[str, set[str]] = {}
    for concept in glossary:
        section = concept.languages.get(lang)
        for term in section.terms if section else ():
            if term.status is not Status.DEPRECATED:
                found.setdefault(normalize(term.text), set()).add(concept.id)
    return found


def test_every_term_is_found_whole_in_a_sentence_in_any_case_and_spelling(shipped):
    for lang in shipped.languages:
        good = good_terms(shipped, lang)
        for concept in shipped:
            section = concept.languages.get(lang)
            for term in section.terms if section else ():
                written = term.text if case_sensitive(term) else strip_accents(term.text).upper()
                text = f"(1) {written}, (2)."
                found = shipped.find_terms(text, lang)
                at = [o for o in found if (o.start, o.end) == (4, 4 + len(written))]
                # the whole term, and nothing shorter inside it
                assert at and len(at) == len(found), (lang, term, found)
                ids = {o.concept.id for o in at}
                if term.status is Status.DEPRECATED and normalize(term.text) in good:
                    # the same words are a good term of a concept: no false alarm
                    assert ids == good[normalize(term.text)], (lang, term, ids)
                    continue
                assert concept.id in ids, (lang, term, ids)
                mine = next(o for o in at if o.concept.id == concept.id)
                assert mine.text == written
                assert mine.status is term.status


def test_the_longest_term_wins_and_no_shorter_term_inside_it_is_reported(shipped):
    text = "Last year our firm moved to business process outsourcing for payroll."
    found = shipped.find_terms(text, "en")
    bpo = [o for o in found if o.concept.id == "business_process_outsourcing"]
    assert [(o.text, o.start) for o in bpo] == [
        ("business process outsourcing", text.index("business"))
    ]
    inside = range(bpo[0].start, bpo[0].end)
    assert not [o for o in found if o is not bpo[0] and o.start in inside]
    assert shipped.find_terms("The outsourcing market grew.", "en")[0].concept.id == "outsourcing"


def test_a_deprecated_source_term_is_flagged_with_what_to_use(shipped):
    text = "Their brochure promises knowledge processing outsourcing at low cost."
    [found] = [o for o in shipped.find_terms(text, "en") if o.status is Status.DEPRECATED]
    assert found.text == "knowledge processing outsourcing"
    assert found.concept.id == "knowledge_process_outsourcing"
    assert found.use_instead == "knowledge process outsourcing"


def test_acronyms_match_with_their_case_only(shipped):
    assert [o.concept.id for o in shipped.find_terms("Ask the IT team about it.", "en")] == [
        "information_technology"
    ]
    assert shipped.find_terms("it is late", "en") == []


def test_words_match_without_diacritics_in_any_unicode_form_but_not_across_punctuation(shipped):
    term = shipped.get("knowledge_process_outsourcing").preferred("pl")
    for text in (
        f"Firma zajmuje się: {strip_accents(term)}.",
        unicodedata.normalize("NFD", f"Firma zajmuje się: {term}."),
    ):
        found = shipped.find_terms(text, "pl")
        assert [o.concept.id for o in found] == ["knowledge_process_outsourcing"]
        assert text[found[0].start : found[0].end] == found[0].text
    split = "We discussed the business process. Outsourcing came later."
    assert "business_process_outsourcing" not in {
        o.concept.id for o in shipped.find_terms(split, "en")
    }


def test_no_term_and_unknown_language_find_nothing(shipped):
    assert shipped.find_terms("Nothing relevant here.", "en") == []
    assert shipped.find_terms("KPO", "xx") == []


def test_cli_terms_of_a_plain_text_file(cli, tmp_path, shipped):
    path = tmp_path / "notes.txt"
    path.write_text(
        "We buy KPO services.\n\nSome call it knowledge processing outsourcing.\n",
        encoding="utf-8",
    )
    result = cli("terms", str(path), "--from", "en", "--to", "pl", "--locales", str(LOCALES))
    assert result.code == 0, result
    pl = shipped.get("knowledge_process_outsourcing").languages["pl"]
    lines = result.out.splitlines()
    assert lines[0].startswith(f"{path}:1: KPO [knowledge_process_outsourcing] -> pl: ")
    assert f"pl: {pl.preferred.text}" in lines[0]
    for deprecated in pl.terms_with(Status.DEPRECATED):
        assert deprecated.text in lines[0]  # shown as a term to avoid
    assert lines[1].startswith(f"{path}:3: knowledge processing outsourcing ")
    assert f"{path}:3: warning: deprecated en term 'knowledge processing outsourcing'" in result.err


def test_cli_terms_json_is_the_wmt_hint_format_per_segment(cli, tmp_path, shipped):
    path = tmp_path / "segments.txt"
    path.write_text("Offshore outsourcing of payroll.\nNo term at all.\n", encoding="utf-8")
    result = cli("terms", str(path), "--to", "de", "bg", "--json", "--locales", str(LOCALES))
    assert result.code == 0, result
    doc = json.loads(result.out)
    assert doc["source_language"] == "en" and doc["target_languages"] == ["de", "bg"]
    first, second = doc["segments"]
    assert first["src"] == "Offshore outsourcing of payroll." and first["where"] == f"{path}:1"
    offshore = shipped.get("offshore_outsourcing")
    assert first["terms"][0] == {
        "en": "Offshore outsourcing",
        "de": offshore.preferred("de"),
        "bg": offshore.preferred("bg"),
    }
    match = first["matches"][0]
    assert first["src"][match["start"] : match["end"]] == match["text"]
    assert match["concept"] == "offshore_outsourcing" and match["status"] == "preferred"
    assert match["targets"]["de"]["avoid"] == [
        t.text for t in offshore.languages["de"].terms_with(Status.DEPRECATED)
    ]
    assert second == {
        "src": "No term at all.",
        "where": f"{path}:2",
        "id": None,
        "terms": [],
        "matches": [],
    }


def test_cli_terms_reads_a_po_files_msgids(cli, tmp_path):
    path = tmp_path / "ui.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: app.py:3\nmsgctxt "menu"\nmsgid "Business process outsourcing"\nmsgstr ""\n\n'
        'msgid "One offshore site"\nmsgid_plural "%d offshore sites"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    result = cli("terms", str(path), "--to", "pl", "--json", "--locales", str(LOCALES))
    assert result.code == 0, result
    segments = json.loads(result.out)["segments"]
    assert [(s["src"], s["where"], s["id"]) for s in segments] == [
        ("Business process outsourcing", f"{path}:7", "menu"),
        ("One offshore site", f"{path}:10", None),
        ("%d offshore sites", f"{path}:11", "One offshore site"),
    ]
    assert segments[0]["matches"][0]["concept"] == "business_process_outsourcing"


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="app" source-language="en" target-language="pl" datatype="plaintext">
    <body>
      <trans-unit id="t1">
        <source>We moved to business process outsourcing.</source>
      </trans-unit>
      <trans-unit id="t2">
        <source>Nothing here.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="pl">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Nothing here.</source>
      </segment>
    </unit>
    <unit id="u2">
      <segment>
        <source>Their KPO team grew.</source>
      </segment>
    </unit>
  </file>
</xliff>
"""


@pytest.mark.parametrize(
    ("document", "wanted"),
    [
        (XLIFF12, ("t1", "business_process_outsourcing")),
        (XLIFF20, ("u2", "knowledge_process_outsourcing")),
    ],
)
def test_cli_terms_reads_xliff_sources(cli, tmp_path, document, wanted):
    path = tmp_path / "app.xlf"
    path.write_text(document, encoding="utf-8")
    result = cli("terms", str(path), "--to", "pl", "--json", "--locales", str(LOCALES))
    assert result.code == 0, result
    segments = json.loads(result.out)["segments"]
    assert len(segments) == 2
    [hit] = [s for s in segments if s["matches"]]
    assert (hit["id"].split("::")[-1], hit["matches"][0]["concept"]) == wanted
    line = document.split("\n").index(next(x for x in document.split("\n") if hit["src"] in x)) + 1
    assert 0 < int(hit["where"].rsplit(":", 1)[1]) <= line


def test_cli_terms_errors_are_messages(cli, tmp_path):
    result = cli("terms", str(tmp_path / "missing.txt"), "--to", "pl", "--locales", str(LOCALES))
    assert result.code == 1 and "missing.txt" in result.err
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff><file>", encoding="utf-8")
    result = cli("terms", str(bad), "--to", "pl", "--locales", str(LOCALES))
    assert result.code == 1 and f"{bad}:" in result.err and "XLIFF" in result.err
    result = cli("terms", "-", "--to", "xx", "--locales", str(LOCALES))
    assert result.code == 1 and "unknown language xx" in result.err
