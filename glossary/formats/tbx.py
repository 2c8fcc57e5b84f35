"""The glossary as TBX-Basic: TBX v3 (ISO 30042:2019), DCA style.

:func:`write_tbx` writes one ``.tbx`` file with every concept and language;
:func:`read_tbx` reads such a file back into a :class:`~glossary.model.Glossary`
(also a TBX-Basic file made by another tool, as far as it maps).

The file starts like the official TBX-Basic examples: an XML declaration, the
two ``xml-model`` processing instructions naming the TBX core RELAX NG grammar
and the TBX-Basic DCA Schematron, then
``<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">``
with a ``tbxHeader/fileDesc`` (``publicationStmt``, ``titleStmt``,
``sourceDesc``) and the entries in ``text/body``.

Mapping (model field -> TBX element/attribute), in the order the schema
requires and the writer uses:

=============================  =======================================================
model                          TBX
=============================  =======================================================
Concept                        ``conceptEntry``, one per concept, sorted by id
Concept.id                     ``conceptEntry/@id``
Concept.subject_field          ``conceptEntry/descrip[@type="subjectField"]`` (if set)
Concept.broader (each id)      ``conceptEntry/ref[@type="crossReference"]/@target``;
                               text ``broader: <preferred English term>`` (generic)
Concept.part_of (each id)      ``conceptEntry/ref[@type="crossReference"]/@target``;
                               text ``part of: <preferred English term>`` (partitive)
Concept.related (each id)      ``conceptEntry/ref[@type="crossReference"]/@target``;
                               text ``related: <preferred English term>`` (associative)
Glossary.sources (each)        ``tbxHeader/fileDesc/sourceDesc/p``:
                               ``[<id>] <title> (<language>, <kind>). <origin>``
Concept.notes (each)           ``conceptEntry/note``
LangSection                    ``langSec``, one per language (source language first)
LangSection.lang               ``langSec/@xml:lang`` (``pt_BR`` -> ``pt-BR``)
LangSection.definition         ``langSec/descrip[@type="definition"]`` (if set)
LangSection.notes (each)       ``langSec/note``
Term                           ``termSec``, one per term, in stored order
Term.text                      ``termSec/term``
Term.status preferred          ``termNote[@type="administrativeStatus"]``
                               ``preferredTerm-admn-sts``
Term.status admitted           ``admittedTerm-admn-sts``
Term.status deprecated         ``deprecatedTerm-admn-sts``
Term.type                      ``termNote[@type="termType"]`` (fullForm, acronym, ...)
Term.part_of_speech            ``termNote[@type="partOfSpeech"]`` (noun, verb, ...)
Term.gender                    ``termNote[@type="grammaticalGender"]`` (if set)
Term.note                      ``termSec/note`` (if set)
=============================  =======================================================

Cross-references sit at concept level (TBX-Basic allows ``crossReference``
on ``conceptEntry`` and ``termSec`` only, and has no data category for the
kind of a relation). The reader tells the kinds apart by the first words of
the ``ref`` text (``broader:``, ``part of:``, ``related:``); a
cross-reference written by another tool (no such words) is read as related.
Notes cite sources as ``[id]``; the header lists each source's title.

The reader also takes ``descrip`` elements inside a ``descripGrp``, inline
``<hi>`` in a term, ``supersededTerm-admn-sts`` (read as deprecated) and a
term without administrative status (the first term of a language is then
preferred unless another one is, the others admitted). Other elements
(transactions, sources, graphics, a concept-level definition) are ignored.

The writer refuses, with :class:`~glossary.model.GlossaryError`, what would
make an invalid or corrupt file: text that XML 1.0 cannot carry (control
characters other than tab, line feed and carriage return; U+FFFE, U+FFFF;
lone surrogates), an id that is not an XML ID, a cross-reference to a
missing concept, a language that is not a language tag, an empty term, a
concept without languages or a language without terms. Nothing is written then.

>>> import os, tempfile
>>> g = Glossary([Concept("kpo", languages={"en": LangSection(
...     "en", [Term("knowledge process outsourcing")], "outsourcing of knowledge work")})])
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = os.path.join(tmp, "glossary.tbx")
...     counts = write_tbx(g, path)
...     same = read_tbx(path) == g
>>> counts, same
({'concepts': 1, 'languages': 1, 'terms': 1}, True)
"""

from __future__ import annotations

import enum
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .._fs import atomic_writer
from ..model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Gender,
    Glossary,
    GlossaryError,
    LangSection,
    Origin,
    PartOfSpeech,
    Severity,
    Source,
    Status,
    Term,
    TermType,
    is_valid_id,
)

__all__ = [
    "write_tbx",
    "read_tbx",
    "tbx_bytes",
    "TBX_NS",
    "Builder",
    "lang_tag",
    "STATUS_TO_TBX",
    "TITLE",
    "PUBLICATION",
    "SOURCE_STATEMENT",
    "DECLARATION",
    "BODY_MARK",
]

#: The TBX v3 namespace.
TBX_NS = "urn:iso:std:iso:30042:ed-2"
_T = f"{{{TBX_NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The schema associations of the official TBX-Basic DCA example.
_XML_MODELS = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/'
    'TBXcoreStructV03.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"',
)
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_ROOT_AS_LXML = b'<tbx xmlns="%s" type="TBX-Basic" style="dca" xml:lang="%s">' % (
    TBX_NS.encode(),
    SOURCE_LANGUAGE.replace("_", "-").encode(),
)
_ROOT_AS_TBX = b'<tbx type="TBX-Basic" style="dca" xml:lang="%s" xmlns="%s">' % (
    SOURCE_LANGUAGE.replace("_", "-").encode(),
    TBX_NS.encode(),
)

TITLE = "bpo-kpo-glossary: a multilingual glossary of outsourcing terminology (BPO, KPO)"
PUBLICATION = "Data licence: CC BY 4.0."
SOURCE_STATEMENT = (
    "Exported from the gettext catalogs of bpo-kpo-glossary "
    "(locales/<lang>/LC_MESSAGES/glossary.po)."
)

STATUS_TO_TBX = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
_TBX_TO_STATUS = {value: status for status, value in STATUS_TO_TBX.items()}
_TBX_TO_STATUS["supersededTerm-admn-sts"] = Status.DEPRECATED

_BROADER, _PART_OF, _RELATED = "broader", "part of", "related"
_VALUE = {
    member: member.value for enum_type in (TermType, PartOfSpeech, Gender) for member in enum_type
}
_SubElement = etree.SubElement
_TERM_SEC, _TERM, _TERM_NOTE = "termSec", "term", "termNote"
_ADMN_STS, _TERM_TYPE = {"type": "administrativeStatus"}, {"type": "termType"}
_POS, _GENDER = {"type": "partOfSpeech"}, {"type": "grammaticalGender"}

# Characters XML 1.0 cannot carry (section 2.2, production [2]).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# xsd:language
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def lang_tag(code: str) -> str:
    """A model locale code as an XML language tag: ``pt_BR`` -> ``pt-BR``."""
    return code.replace("_", "-")


def _lang_code(tag: str) -> str:
    """An XML language tag as a model locale code: ``pt-BR`` -> ``pt_BR``."""
    return tag.replace("-", "_")


# -- writing ------------------------------------------------------------------


class Builder:
    """Builds the tree; collects every problem instead of stopping at the first."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.languages = glossary.languages  # computed once: it scans every concept
        self.findings: list[Finding] = []
        # whether the texts of the current concept need checking one by one
        self.checking = True
        self.languages_written: set[str] = set()
        self.terms = 0

    def problem(self, origin: Origin | None, message: str) -> None:
        self.findings.append(Finding(origin, Severity.ERROR, message))

    def text(
        self,
        parent: etree._Element,
        tag: str,
        value: str,
        where: str,
        origin: Origin | None,
        **attrib: str,
    ) -> None:
        """Append ``<tag>value</tag>``, unless ``value`` cannot be XML text."""
        bad = _NOT_XML.search(value) if self.checking else None
        if bad:
            self.problem(
                origin,
                f"{where}: character U+{ord(bad.group()):04X} at position "
                f"{bad.start() + 1} cannot be written to XML 1.0 (TBX)",
            )
            return
        _SubElement(parent, tag, attrib).text = value

    def label(self, concept_id: str) -> str:
        """What a cross-reference shows: the target's preferred term, else its id."""
        target = self.glossary.get(concept_id)
        shown = target.preferred(SOURCE_LANGUAGE) if target else None
        return shown or concept_id

    def concept(self, concept: Concept) -> etree._Element | None:
        """The ``conceptEntry`` of ``concept`` (None when it cannot be written)."""
        where = concept.id
        if not is_valid_id(concept.id):
            self.problem(
                concept.origin,
                f"concept id {concept.id!r} is not snake_case ASCII "
                "(a TBX conceptEntry id must be a valid XML ID)",
            )
            return None
        if not concept.languages:
            self.problem(
                concept.origin,
                f"{where}: no language (a TBX conceptEntry needs at least one langSec)",
            )
            return None
        entry = etree.Element("conceptEntry", id=concept.id)
        # one search over all of the concept's texts; each text is searched
        # (to name it) only when the concept has a character XML cannot carry
        self.checking = _has_non_xml(concept)
        if concept.subject_field:
            self.text(
                entry,
                "descrip",
                concept.subject_field,
                f"{where}: subject field",
                concept.origin,
                type="subjectField",
            )
        for kind, targets in (
            (_BROADER, concept.broader),
            (_PART_OF, concept.part_of),
            (_RELATED, concept.related),
        ):
            for target in targets:
                if target not in self.glossary or not is_valid_id(target):
                    self.problem(
                        concept.origin,
                        f"{where}: {kind} concept {target!r} does not "
                        "exist (a TBX crossReference must point to a "
                        "conceptEntry)",
                    )
                    continue
                self.text(
                    entry,
                    "ref",
                    f"{kind}: {self.label(target)}",
                    f"{where}: {kind} concept {target!r}",
                    concept.origin,
                    type="crossReference",
                    target=target,
                )
        for note in concept.notes:
            self.text(entry, "note", note, f"{where}: concept note", concept.origin)
        for code in self.languages:
            section = concept.languages.get(code)
            if section is not None:
                self.lang_section(entry, concept, code, section)
        return entry

    def lang_section(
        self, entry: etree._Element, concept: Concept, code: str, section: LangSection
    ) -> None:
        where = f"{concept.id} in {code!r}"
        origin = section.origin or concept.origin
        tag = lang_tag(code)
        if not _LANG_TAG.match(tag):
            self.problem(
                origin, f"{where}: {code!r} is not a language code that TBX (xml:lang) accepts"
            )
            return
        if not section.terms:
            self.problem(origin, f"{where}: no term (a TBX langSec needs at least one termSec)")
            return
        lang_sec = _SubElement(entry, "langSec", {_XML_LANG: tag})
        self.languages_written.add(tag)
        if section.definition:
            self.text(
                lang_sec,
                "descrip",
                section.definition,
                f"{where}: definition",
                origin,
                type="definition",
            )
        for note in section.notes:
            self.text(lang_sec, "note", note, f"{where}: note", origin)
        for term in section.terms:
            self.term(lang_sec, where, term, term.origin or origin)

    def term(self, lang_sec: etree._Element, where: str, term: Term, origin: Origin | None) -> None:
        term_sec = _SubElement(lang_sec, _TERM_SEC)
        self.terms += 1
        if not term.text.strip():
            self.problem(origin, f"{where}: empty term (a TBX term cannot be empty)")
        if self.checking:
            self.text(term_sec, "term", term.text, f"{where}: term {term.text!r}", origin)
        else:
            _SubElement(term_sec, _TERM).text = term.text
        # the picklists are str enums: a member and its value are the same key
        _SubElement(term_sec, _TERM_NOTE, _ADMN_STS).text = STATUS_TO_TBX[term.status]
        _SubElement(term_sec, _TERM_NOTE, _TERM_TYPE).text = _VALUE[term.type]
        _SubElement(term_sec, _TERM_NOTE, _POS).text = _VALUE[term.part_of_speech]
        if term.gender is not None:
            _SubElement(term_sec, _TERM_NOTE, _GENDER).text = _VALUE[term.gender]
        if term.note:
            self.text(term_sec, "note", term.note, f"{where}: term {term.text!r}: note", origin)


def _texts(concept: Concept) -> Iterator[str]:
    """Every text of ``concept`` that goes into the TBX file."""
    yield concept.subject_field or ""
    yield from concept.notes
    for section in concept.languages.values():
        yield section.definition or ""
        yield from section.notes
        for term in section.terms:
            yield term.text
            yield term.note or ""


def _header(root: etree._Element, languages: list[str], sources: list[Source]) -> None:
    header = etree.SubElement(root, _T + "tbxHeader")
    file_desc = etree.SubElement(header, _T + "fileDesc")
    publication = etree.SubElement(file_desc, _T + "publicationStmt")
    etree.SubElement(publication, _T + "p").text = PUBLICATION
    title = etree.SubElement(file_desc, _T + "titleStmt")
    etree.SubElement(title, _T + "title").text = TITLE
    source = etree.SubElement(file_desc, _T + "sourceDesc")
    etree.SubElement(source, _T + "p").text = SOURCE_STATEMENT
    etree.SubElement(source, _T + "p").text = (
        "Languages: " + ", ".join(lang_tag(code) for code in languages) + "."
    )
    for cited in sources:
        described = ", ".join(part for part in (cited.language, cited.kind) if part)
        etree.SubElement(source, _T + "p").text = (
            f"{cited.citation} {cited.title}"
            + (f" ({described})" if described else "")
            + "."
            + (f" {cited.origin}" if cited.origin else "")
        )


def _frame(glossary: Glossary) -> tuple[bytes, bytes]:
    """The document before and after the entries (the header, ``<text><body>``)."""
    root = etree.Element(
        _T + "tbx",
        {"type": "TBX-Basic", "style": "dca", _XML_LANG: lang_tag(SOURCE_LANGUAGE)},
        nsmap={None: TBX_NS},
    )
    tree = etree.ElementTree(root)
    for model in _XML_MODELS:
        root.addprevious(etree.ProcessingInstruction("xml-model", model))
    written = [
        code
        for code in glossary.languages
        if any(code in c.languages for c in glossary.concepts.values())
    ]
    _header(root, written, [glossary.sources[key] for key in sorted(glossary.sources)])
    etree.SubElement(etree.SubElement(root, _T + "text"), _T + "body").text = BODY_MARK
    etree.indent(tree, space="  ")
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    # lxml puts the namespace declaration first; the TBX examples put it last.
    data = DECLARATION + data.replace(_ROOT_AS_LXML, _ROOT_AS_TBX, 1).rstrip(b"\n") + b"\n"
    before, after = data.split(BODY_MARK.encode(), 1)
    return before, after


# Where the entries go in the frame (text that no TBX header contains).
BODY_MARK = "\ue000entries\ue000"
_ENTRY_INDENT = b"\n      "


def _write(glossary: Glossary, handle: BinaryIO) -> dict[str, int]:
    """Write the document to ``handle``, one concept at a time; return the counts.

    The entries are built without a namespace and serialised inside the
    frame's ``<tbx xmlns="...">``, where they take its default namespace: no
    entry repeats the declaration, and only one entry is in memory at a time.
    Raises :class:`GlossaryError` with every problem after writing (the
    caller discards what was written).
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    builder = Builder(glossary)
    before, after = _frame(glossary)
    concepts = 0
    handle.write(before)
    for concept in glossary:
        entry = builder.concept(concept)
        if entry is None:
            continue
        etree.indent(entry, space="  ", level=3)
        handle.write(_ENTRY_INDENT)
        handle.write(etree.tostring(entry, encoding="UTF-8", xml_declaration=False))
        concepts += 1
    handle.write(b"\n    " if concepts else b"")
    handle.write(after)
    if builder.findings:
        raise GlossaryError(builder.findings)
    return {
        "concepts": concepts,
        "languages": len(builder.languages_written),
        "terms": builder.terms,
    }


def _has_non_xml(concept: Concept) -> bool:
    return _NOT_XML.search("\n".join(_texts(concept))) is not None


def problems(glossary: Glossary) -> Iterator[Finding]:
    """Texts with a character that XML 1.0 cannot carry (controls, U+FFFE, U+FFFF…)."""
    builder = Builder(glossary)
    for concept in glossary:
        if _has_non_xml(concept):
            builder.concept(concept)
    yield from builder.findings


def tbx_bytes(glossary: Glossary) -> bytes:
    """The TBX-Basic document of ``glossary`` (UTF-8, pretty-printed).

    Raises :class:`GlossaryError` (one finding per problem) when the glossary
    cannot be written as valid TBX.

    >>> g = Glossary([Concept("kpo", languages={"en": LangSection("en", [Term("KPO")])})])
    >>> print(tbx_bytes(g).decode().splitlines()[0])
    <?xml version="1.0" encoding="UTF-8"?>
    """
    buffer = io.BytesIO()
    _write(glossary, buffer)
    return buffer.getvalue()


def write_tbx(glossary: Glossary, path: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``glossary`` to ``path`` as TBX-Basic; return the counts.

    The counts are ``concepts``, ``languages`` and ``terms``. The file is
    written to a temporary file that replaces ``path`` only when complete, so
    a :class:`GlossaryError` leaves no file behind.
    """
    with atomic_writer(Path(path)) as handle:
        return _write(glossary, handle)


# -- reading ------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    """A parser that expands no entity, fetches nothing and keeps size limits."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _plain(element: etree._Element) -> str:
    """The text of an element, inline markup (``<hi>``) dropped."""
    return "".join(element.itertext())


def _descrips(parent: etree._Element, kind: str) -> list[etree._Element]:
    """``descrip[@type=kind]`` children of ``parent``, also inside a ``descripGrp``."""
    return [
        d
        for d in parent.iterchildren(_T + "descrip", _T + "descripGrp")
        for d in ([d] if d.tag == _T + "descrip" else d.iterchildren(_T + "descrip"))
        if d.get("type") == kind
    ]


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def origin(self, element: etree._Element) -> Origin:
        return Origin(self.path, element.sourceline or 0)

    def problem(self, element: etree._Element, message: str) -> None:
        self.findings.append(Finding(self.origin(element), Severity.ERROR, message))

    def picklist(self, element: etree._Element, enum_type: type[enum.Enum], what: str):
        value = _plain(element).strip()
        try:
            return enum_type(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum_type)
            self.problem(element, f"{what} {value!r} is not one of: {allowed}")
            return None

    def glossary(self, root: etree._Element) -> Glossary:
        glossary = Glossary()
        if root.tag != _T + "tbx":
            self.problem(
                root,
                f"the root element is <{etree.QName(root).localname}> in "
                f"namespace {etree.QName(root).namespace or '(none)'}, not a "
                f"TBX v3 <tbx> in {TBX_NS}",
            )
            return glossary
        for entry in root.iter(_T + "conceptEntry"):
            concept = self.concept(entry)
            if concept is None:
                continue
            if concept.id in glossary:
                self.problem(entry, f"concept id {concept.id!r} appears twice")
                continue
            glossary.add(concept)
        return glossary

    def concept(self, entry: etree._Element) -> Concept | None:
        concept_id = entry.get("id")
        if not concept_id:
            self.problem(entry, "<conceptEntry> has no id")
            return None
        concept = Concept(concept_id, origin=self.origin(entry))
        subject = _descrips(entry, "subjectField")
        if subject:
            concept.subject_field = _plain(subject[0])
        for ref in entry.iterchildren(_T + "ref"):
            if ref.get("type") != "crossReference":
                continue
            target = ref.get("target")
            if not target:
                self.problem(ref, f"{concept_id}: crossReference without a target")
                continue
            kind = _plain(ref).split(":", 1)[0].strip().lower()
            relations = {_BROADER: concept.broader, _PART_OF: concept.part_of}
            relations.get(kind, concept.related).append(target)
        concept.notes = [_plain(note) for note in entry.iterchildren(_T + "note")]
        for lang_sec in entry.iterchildren(_T + "langSec"):
            tag = lang_sec.get(_XML_LANG)
            if not tag:
                self.problem(lang_sec, f"{concept_id}: <langSec> has no xml:lang")
                continue
            code = _lang_code(tag)
            if code in concept.languages:
                self.problem(lang_sec, f"{concept_id}: a second <langSec> for {tag!r}")
                continue
            concept.languages[code] = self.lang_section(concept_id, code, lang_sec)
        return concept

    def lang_section(self, concept_id: str, code: str, lang_sec: etree._Element) -> LangSection:
        section = LangSection(code, origin=self.origin(lang_sec))
        definition = _descrips(lang_sec, "definition")
        if definition:
            section.definition = _plain(definition[0])
        section.notes = [_plain(note) for note in lang_sec.iterchildren(_T + "note")]
        term_secs = list(lang_sec.iterchildren(_T + "termSec"))
        explicit_preferred = any(
            note.get("type") == "administrativeStatus"
            and _plain(note).strip() == STATUS_TO_TBX[Status.PREFERRED]
            for term_sec in term_secs
            for note in term_sec.iterchildren(_T + "termNote")
        )
        for position, term_sec in enumerate(term_secs):
            default = (
                Status.PREFERRED if position == 0 and not explicit_preferred else Status.ADMITTED
            )
            term = self.term(f"{concept_id} in {code!r}", term_sec, default)
            if term is not None:
                section.terms.append(term)
        return section

    def term(self, where: str, term_sec: etree._Element, default: Status) -> Term | None:
        element = term_sec.find(_T + "term")
        if element is None:
            self.problem(term_sec, f"{where}: <termSec> without <term>")
            return None
        term = Term(_plain(element), default, origin=self.origin(element))
        for note in term_sec.iterchildren(_T + "termNote"):
            kind = note.get("type")
            if kind == "administrativeStatus":
                value = _plain(note).strip()
                if value in _TBX_TO_STATUS:
                    term.status = _TBX_TO_STATUS[value]
                else:
                    self.problem(
                        note,
                        f"{where}: administrativeStatus {value!r} is not one "
                        f"of: {', '.join(_TBX_TO_STATUS)}",
                    )
            elif kind == "termType":
                term.type = self.picklist(note, TermType, f"{where}: termType") or term.type
            elif kind == "partOfSpeech":
                term.part_of_speech = (
                    self.picklist(note, PartOfSpeech, f"{where}: partOfSpeech")
                    or term.part_of_speech
                )
            elif kind == "grammaticalGender":
                term.gender = self.picklist(note, Gender, f"{where}: grammaticalGender")
        term.note = "\n".join(_plain(note) for note in term_sec.iterchildren(_T + "note"))
        return term


def _doctype_line(path: str) -> int:
    """The line of ``<!DOCTYPE`` in the file (1 when it cannot be found)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return 1
    at = head.find(b"<!DOCTYPE")
    return head.count(b"\n", 0, at) + 1 if at >= 0 else 1


def read_tbx(path: str | os.PathLike[str]) -> Glossary:
    """Read a TBX-Basic file (as :func:`write_tbx` writes it) into a Glossary.

    The parser expands no entity and loads no DTD or network resource; a
    document that declares entities is refused. Malformed XML or content
    that does not map raises :class:`GlossaryError` with ``path:line: message``.
    """
    where = str(path)
    try:
        doc = etree.parse(where, _parser())
    except etree.XMLSyntaxError as exc:
        errors = [
            Finding(Origin(where, e.line or 0), Severity.ERROR, f"XML: {e.message}")
            for e in exc.error_log
            if e.level >= etree.ErrorLevels.ERROR
        ][:1]
        raise GlossaryError(
            errors or [Finding(Origin(where, exc.lineno or 0), Severity.ERROR, f"XML: {exc.msg}")]
        ) from None
    except OSError as exc:
        raise GlossaryError(f"{where}: cannot read: {exc}") from None
    dtd = doc.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise GlossaryError(
            [
                Finding(
                    Origin(where, _doctype_line(where)),
                    Severity.ERROR,
                    "the document declares entities in its DOCTYPE; a TBX "
                    "file needs none, so it is refused (entities are not "
                    "expanded)",
                )
            ]
        )
    root = doc.getroot()
    for node in root.iter(etree.Entity):
        raise GlossaryError(
            [
                Finding(
                    Origin(where, node.sourceline or 0),
                    Severity.ERROR,
                    f"entity reference {node.text} is not expanded; the document is refused",
                )
            ]
        )
    reader = _Reader(where)
    glossary = reader.glossary(root)
    if reader.findings:
        raise GlossaryError(reader.findings)
    return glossary


write = write_tbx
