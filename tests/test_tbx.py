"""The TBX-Basic export: valid by the official validator, lossless, safe to read."""

from __future__ import annotations

import http.server
import importlib.util
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import require
from format_contract import FormatContract
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from glossary.formats.tbx import TBX_NS, read_tbx, tbx_bytes, write_tbx
from glossary.model import (
    Concept,
    Gender,
    Glossary,
    GlossaryError,
    LangSection,
    PartOfSpeech,
    Status,
    Term,
    TermType,
)

T = f"{{{TBX_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
SPECIAL = "a <b> & c ]]> \"d\" 'e'"


def synthetic() -> Glossary:
    """A small glossary with XML-special characters, statuses, genders, relations."""
    g = Glossary()
    g.add(
        Concept(
            "outsourcing",
            subject_field="models & <types>",
            notes=[f"concept note: {SPECIAL}", ""],
            languages={
                "en": LangSection(
                    "en",
                    [
                        Term("outsourcing"),
                        Term(
                            "contracting out",
                            Status.ADMITTED,
                            TermType.VARIANT,
                            PartOfSpeech.NOUN,
                            note="a ]]> b",
                        ),
                        Term(
                            "farming-out",
                            Status.DEPRECATED,
                            note="Use 'outsourcing' <instead> & so on.",
                        ),
                    ],
                    definition=f"definition {SPECIAL}",
                    notes=["note 1 <x/>", "note 2 &amp;"],
                ),
                "de": LangSection(
                    "de",
                    [
                        Term("Auslagerung", gender=Gender.FEMININE),
                        Term("Outsourcing", Status.ADMITTED, gender=Gender.NEUTER),
                        Term(
                            'Fremdvergabe "alt"',
                            Status.DEPRECATED,
                            TermType.PHRASE,
                            PartOfSpeech.OTHER,
                            Gender.FEMININE,
                            note="veraltet & <selten>",
                        ),
                    ],
                    definition="Vergabe an Dritte; Zeichen: < > & \" '",
                ),
                "pt_BR": LangSection(
                    "pt_BR",
                    [Term("terceirização", gender=Gender.FEMININE)],
                    definition="contratação de terceiros",
                ),
            },
        )
    )
    g.add(
        Concept(
            "knowledge_process_outsourcing",
            subject_field="models & <types>",
            broader=["outsourcing"],
            related=["business_process_outsourcing"],
            languages={
                "en": LangSection(
                    "en",
                    [
                        Term("knowledge process outsourcing"),
                        Term("KPO", Status.ADMITTED, TermType.ACRONYM),
                        Term(
                            "knowl. proc. outs.",
                            Status.DEPRECATED,
                            TermType.ABBREVIATION,
                            note="An ad-hoc abbreviation; use KPO.",
                        ),
                    ],
                    definition="outsourcing of knowledge-intensive work",
                ),
                "de": LangSection(
                    "de",
                    [
                        Term("Wissensprozessauslagerung", gender=Gender.FEMININE),
                        Term("KPO", Status.ADMITTED, TermType.ACRONYM, gender=Gender.NEUTER),
                        Term("WPA", Status.ADMITTED, TermType.SHORT_FORM, gender=Gender.MASCULINE),
                    ],
                    definition="Auslagerung wissensintensiver Arbeit",
                ),
            },
        )
    )
    g.add(
        Concept(
            "business_process_outsourcing",
            broader=["outsourcing"],
            related=["knowledge_process_outsourcing"],
            languages={
                "en": LangSection(
                    "en",
                    [
                        Term("business process outsourcing"),
                        Term("BPO", Status.ADMITTED, TermType.ACRONYM),
                    ],
                    definition="outsourcing of business processes",
                ),
                "de": LangSection(
                    "de", [Term("Geschäftsprozessauslagerung", gender=Gender.FEMININE)]
                ),
            },
        )
    )
    return g


# -- the official validator, run once per file -----------------------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory, shipped) -> dict[str, tuple[Glossary, Path, dict]]:
    """The shipped and the synthetic glossary, each written once."""
    out = tmp_path_factory.mktemp("tbx")
    files = {}
    for name, glossary in (("shipped", shipped), ("synthetic", synthetic())):
        path = out / f"{name}.tbx"
        files[name] = (glossary, path, write_tbx(glossary, path))
    return files


@pytest.fixture(scope="module")
def _validations() -> dict[Path, subprocess.CompletedProcess]:
    return {}


@pytest.fixture
def validate(shared, _validations):
    """Run ``validate_tbx.py`` on a file (once per file and test module)."""
    script = shared / "tbx" / "validate_tbx.py"
    require(script.is_file(), f"{script} is absent")
    require(
        importlib.util.find_spec("elementpath") is not None,
        "the TBX validator needs elementpath (pip install elementpath)",
    )

    def run(path: Path) -> subprocess.CompletedProcess:
        if path not in _validations:
            _validations[path] = subprocess.run(
                [sys.executable, str(script), str(path)],
                capture_output=True,
                text=True,
                timeout=600,
            )
        return _validations[path]

    return run


@pytest.mark.parametrize("name", ["shipped", "synthetic"])
def test_official_validator_accepts_the_export(written, validate, name):
    _, path, _ = written[name]
    result = validate(path)
    assert result.returncode == 0, f"{path} is not valid TBX-Basic:\n{result.stdout}{result.stderr}"
    assert f"{path}: VALID" in result.stdout


def test_validator_rejects_a_broken_export(written, validate, tmp_path):
    # the validation above can fail: the same file with a wrong status value is invalid
    _, path, _ = written["synthetic"]
    broken = tmp_path / "broken.tbx"
    broken.write_bytes(path.read_bytes().replace(b"deprecatedTerm-admn-sts", b"oldTerm", 1))
    result = validate(broken)
    assert result.returncode == 1, result.stdout + result.stderr


# -- content ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["shipped", "synthetic"])
def test_round_trip_gives_the_same_glossary(written, name):
    glossary, path, _ = written[name]
    back = read_tbx(path)
    assert back == glossary
    for concept in glossary:  # relations keep their kind and their order
        assert (back.get(concept.id).broader, back.get(concept.id).related) == (
            concept.broader,
            concept.related,
        )


@pytest.mark.parametrize("name", ["shipped", "synthetic"])
def test_every_concept_and_term_is_in_place(written, name):
    glossary, path, counts = written[name]
    body = etree.parse(str(path)).getroot().find(f"{T}text/{T}body")
    entries = body.findall(T + "conceptEntry")
    assert [e.get("id") for e in entries] == [c.id for c in glossary]
    for concept, entry in zip(glossary, entries, strict=False):
        subject = entry.findall(f"{T}descrip[@type='subjectField']")
        assert [d.text for d in subject] == (
            [concept.subject_field] if concept.subject_field else []
        )
        assert [
            r.get("target") for r in entry.findall(f"{T}ref[@type='crossReference']")
        ] == concept.broader + concept.part_of + concept.related
        lang_secs = entry.findall(T + "langSec")
        expected_langs = [code for code in glossary.languages if code in concept.languages]
        assert [ls.get(XML_LANG) for ls in lang_secs] == [
            code.replace("_", "-") for code in expected_langs
        ]
        for code, lang_sec in zip(expected_langs, lang_secs, strict=False):
            section = concept.languages[code]
            term_secs = lang_sec.findall(T + "termSec")
            assert [ts.findtext(T + "term") for ts in term_secs] == [t.text for t in section.terms]
            for term, term_sec in zip(section.terms, term_secs, strict=False):
                notes = {n.get("type"): n.text for n in term_sec.findall(T + "termNote")}
                assert notes["administrativeStatus"] == ADMIN_STATUS[term.status], (
                    concept.id,
                    term,
                )
                assert notes["termType"] == term.type.value
                assert notes["partOfSpeech"] == term.part_of_speech.value
                assert notes.get("grammaticalGender") == (
                    term.gender.value if term.gender else None
                )
                assert term_sec.findtext(T + "note") == (term.note or None)
    assert counts == {
        "concepts": len(glossary),
        "languages": len({code for c in glossary for code in c.languages}),
        "terms": sum(len(c.terms()) for c in glossary),
    }


XML_TEXT = st.text(
    st.characters(
        exclude_categories=("Cs",),
        exclude_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)]
        + ["\ufffe", "\uffff"],
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(definition=XML_TEXT, note=XML_TEXT, term_note=XML_TEXT, subject=XML_TEXT)
def test_any_xml_text_round_trips(tmp_path_factory, definition, note, term_note, subject):
    # tabs, line breaks, carriage returns, spaces at the ends: all come back unchanged
    g = Glossary(
        [
            Concept(
                "c",
                subject_field=subject,
                notes=[note],
                languages={
                    "en": LangSection(
                        "en", [Term("t", note=term_note)], definition=definition, notes=[note]
                    ),
                },
            )
        ]
    )
    path = tmp_path_factory.mktemp("prop") / "g.tbx"
    write_tbx(g, path)
    assert read_tbx(path) == g


def test_special_characters_are_escaped_not_lost(written):
    _, path, _ = written["synthetic"]
    raw = path.read_text(encoding="utf-8")
    assert "]]>" not in raw and "<b>" not in raw
    root = etree.parse(str(path)).getroot()
    assert f"definition {SPECIAL}" in [d.text for d in root.iter(T + "descrip")]
    assert "note 2 &amp;" in [n.text for n in root.iter(T + "note")]


def test_header_follows_the_official_examples(written, shared):
    _, path, _ = written["synthetic"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    official = (
        (shared / "tbx" / "schemas" / "basic_dialect" / "DCA" / "Example_Astronomy_DCA_VALID.tbx")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    models = [line for line in official if line.startswith("<?xml-model")]
    assert models and lines[1 : 1 + len(models)] == models
    root_tag = '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
    assert lines[1 + len(models)] == root_tag
    header = etree.parse(str(path)).getroot().find(T + "tbxHeader")
    assert header.find(f"{T}fileDesc/{T}sourceDesc/{T}p") is not None


def test_output_is_deterministic(shipped, tmp_path):
    first, second = tmp_path / "a.tbx", tmp_path / "b.tbx"
    write_tbx(shipped, first)
    write_tbx(shipped, second)
    data = first.read_bytes()
    assert data == second.read_bytes() == tbx_bytes(shipped)
    assert data.endswith(b"</tbx>\n") and not data.endswith(b"\n\n")
    assert b"\n  <tbxHeader>\n" in data  # pretty-printed


def test_reads_a_tbx_basic_file_from_another_tool(shared):
    glossary = read_tbx(shared / "tbx" / "example_valid.tbx")
    assert [c.id for c in glossary] == ["c-bpo", "c-ito"]
    bpo = glossary.get("c-bpo")
    assert bpo.subject_field == "business management"
    assert bpo.definition("en").startswith("Contracting of a specific business function")
    assert [(t.text, t.status, t.type) for t in bpo.languages["en"].terms] == [
        ("business process outsourcing", Status.PREFERRED, TermType.FULL_FORM),
        ("BPO", Status.ADMITTED, TermType.ACRONYM),
    ]
    assert bpo.languages["de"].terms[0].gender is Gender.FEMININE


# -- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_text_xml_cannot_carry_is_refused_and_nothing_written(tmp_path, bad):
    g = synthetic()
    g.get("outsourcing").languages["de"].definition = f"Vergabe{bad}an Dritte"
    target = tmp_path / "out" / "glossary.tbx"
    with pytest.raises(GlossaryError) as info:
        write_tbx(g, target)
    message = str(info.value)
    assert "outsourcing" in message and "'de'" in message and "definition" in message
    assert f"U+{ord(bad):04X}" in message
    assert not target.exists()
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_refusal_keeps_an_existing_file(tmp_path):
    target = tmp_path / "glossary.tbx"
    target.write_text("old", encoding="utf-8")
    g = synthetic()
    g.get("knowledge_process_outsourcing").languages["en"].terms[1].note = "bad\x00note"
    with pytest.raises(GlossaryError, match="knowledge_process_outsourcing in 'en'.*'KPO'"):
        write_tbx(g, target)
    assert target.read_text(encoding="utf-8") == "old"


def test_cross_reference_to_a_missing_concept_is_refused(tmp_path):
    g = synthetic()
    g.get("outsourcing").related.append("no_such_concept")
    with pytest.raises(GlossaryError, match="no_such_concept"):
        write_tbx(g, tmp_path / "g.tbx")
    assert not (tmp_path / "g.tbx").exists()


def test_entities_are_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / "evil.tbx"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tbx [
  <!ENTITY secret SYSTEM "{secret.as_uri()}">
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c">
      <langSec xml:lang="en">
        <descrip type="definition">&secret; &passwd; &lol4;</descrip>
        <termSec><term>&secret;</term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
""",
        encoding="utf-8",
    )
    try:
        glossary = read_tbx(path)
    except GlossaryError as exc:
        shown = str(exc)
        assert shown.startswith(f"{path}:2: ")
    else:
        shown = "\n".join(str(c) + repr(c.languages) for c in glossary)
    assert "TOP-SECRET-CONTENT" not in shown
    assert "root:" not in shown
    assert "lollollol" not in shown


def test_malformed_tbx_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.tbx"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="{TBX_NS}">\n'
        '  <text><body>\n    <conceptEntry id="a">\n  </body></text>\n</tbx>\n',
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as info:
        read_tbx(path)
    assert str(info.value).startswith(f"{path}:5: ")


def test_bad_picklist_value_names_the_file_and_line(written, tmp_path):
    _, source, _ = written["synthetic"]
    text = source.read_text(encoding="utf-8")
    path = tmp_path / "bad.tbx"
    path.write_text(text.replace(">acronym<", ">initialism<", 1), encoding="utf-8")
    line = next(
        n
        for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "initialism" in row
    )
    where = re.escape(f"{path}:{line}:")
    with pytest.raises(GlossaryError, match=rf"^{where} error: .*termType 'initialism'"):
        read_tbx(path)


def test_not_a_tbx_file(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<martif type='TBX'/>\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=rf"^{re.escape(f'{path}:1:')} .*not a TBX v3"):
        read_tbx(path)


def test_the_header_lists_every_source_by_its_title(written):
    glossary, path, _ = written["shipped"]
    assert glossary.sources
    root = etree.parse(str(path)).getroot()
    paragraphs = [
        "".join(p.itertext())
        for p in root.iterfind(
            f"{{{TBX_NS}}}tbxHeader/{{{TBX_NS}}}fileDesc/{{{TBX_NS}}}sourceDesc/{{{TBX_NS}}}p"
        )
    ]
    for source in glossary.sources.values():
        assert any(p.startswith(f"[{source.id}] {source.title}") for p in paragraphs), source.id


def test_relation_kinds_survive_a_round_trip(written):
    glossary, path, _ = written["shipped"]
    back = read_tbx(path)
    for concept in glossary:
        other = back.get(concept.id)
        assert (other.broader, other.part_of, other.related) == (
            concept.broader,
            concept.part_of,
            concept.related,
        )


# -- XML input that tries to reach out -------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a DTD that declares an entity, and remembers the request."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.requests.append(self.path)
        body = b'<!ENTITY leak "LEAKED-FROM-THE-NETWORK">\n<!ENTITY % inner "">\n'
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.requests
    finally:
        httpd.shutdown()
        httpd.server_close()


BODY = f"""<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}"
     xmlns:xi="http://www.w3.org/2001/XInclude">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c">
      <langSec xml:lang="en">
        <descrip type="definition">{{definition}}</descrip>
        <termSec><term>term</term></termSec>
      </langSec>
    </conceptEntry>
    {{include}}
  </body></text>
</tbx>
"""


@pytest.mark.parametrize(
    "doctype, definition, include",
    [
        ('<!DOCTYPE tbx SYSTEM "{url}/external.dtd">', "&leak;", ""),
        ('<!DOCTYPE tbx PUBLIC "-//x//DTD x//EN" "{url}/public.dtd">', "&leak;", ""),
        ('<!DOCTYPE tbx [<!ENTITY % remote SYSTEM "{url}/parameter.dtd"> %remote;]>', "&leak;", ""),
        ("", "definition", '<xi:include href="{url}/include.xml" parse="text"/>'),
        ('<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>', "definition", ""),
    ],
    ids=["external-dtd", "public-dtd", "parameter-entity", "xinclude", "stylesheet"],
)
def test_reading_tbx_fetches_nothing_from_the_network(
    server, tmp_path, doctype, definition, include
):
    url, requests = server
    path = tmp_path / "remote.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype.format(url=url)
        + "\n"
        + BODY.format(definition=definition, include=include.format(url=url)),
        encoding="utf-8",
    )
    try:
        shown = repr([(c.id, c.languages) for c in read_tbx(path)])
    except GlossaryError as exc:
        shown = str(exc)
        assert shown.startswith(f"{path}:"), shown
    assert requests == [], f"the reader fetched {requests}"
    assert "LEAKED" not in shown


def test_an_external_dtd_on_disk_is_not_read(tmp_path):
    dtd = tmp_path / "secret.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET-FROM-DISK">\n', encoding="utf-8")
    path = tmp_path / "local.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE tbx SYSTEM "{dtd.as_uri()}">\n' + BODY.format(definition="&leak;", include=""),
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as info:
        read_tbx(path)
    assert str(info.value).startswith(f"{path}:")
    assert "TOP-SECRET" not in str(info.value)


class TestContract(FormatContract):
    name = "glossary.tbx"

    def read_back(self, path):
        return read_tbx(path)

    def expected(self, glossary):
        return glossary
