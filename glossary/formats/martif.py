"""The glossary as TBX-Basic 2.x (TBX 2008, ``<martif>``), for the tools that
do not read TBX v3.

``glossary.tbx`` (:mod:`glossary.formats.tbx`) is TBX v3, which OmegaT 3.6,
Lokalize and translate-toolkit do not read: they expect the 2008 form, whose
root is ``<martif>``. :func:`write_martif` writes, into one folder:

``glossary.tbx``
    every concept in every language, for OmegaT (and the other tools that
    read a multilingual TBX 2008 file, such as Lokalize).
``en-<lang>.tbx``
    one per target language, English first and the target second, for
    translate-toolkit (``translate.storage.tbx``, ``tbx2po``), whose reader
    is bilingual: it takes the first term of the first two language sections.
    Concepts without the target language are left out.

In every file each language section holds the terms that may be used, the
preferred term first, then the admitted ones, each with its administrative
status. Deprecated terms are never offered as a translation: OmegaT offers
every term of the target language section (and so would do with a pair
file), so a deprecated term has no ``tig``; it is named in a note of its
language section instead, ``avoid: X (deprecated; use Y)``, which OmegaT
shows in the entry's comment and translate-toolkit reads as a note. (The TBX
v3 export keeps deprecated terms as terms, with their status.) OmegaT's
comment also shows the definitions and notes of every language section and
the values of the ``termNote`` elements.

Each file starts with an XML declaration and
``<martif type="TBX-Basic" xml:lang="en">`` with a ``martifHeader`` (title,
source and the TBX-Basic XCS name) and the entries in ``text/body``. There is
no DOCTYPE: the DTD is not shipped with the file, and no reader needs it.

Mapping (model -> TBX 2008), the same data categories as the TBX v3 export
(:mod:`glossary.formats.tbx`, which builds the entries this module renames):

=============================  ===========================================================
model                          TBX-Basic 2.x
=============================  ===========================================================
Concept                        ``termEntry``, sorted by id; ``@id`` the concept id
Concept.subject_field          ``termEntry/descrip[@type="subjectField"]``
Concept.broader, .related      ``termEntry/ref[@type="crossReference"]/@target``, text
                               ``broader: <English term>`` / ``related: <English term>``
                               (in a pair file only to concepts the file holds)
Concept.notes                  ``termEntry/note``
LangSection                    ``langSet[@xml:lang]``, source language first
LangSection.definition         ``langSet/descrip[@type="definition"]``
LangSection.notes              ``langSet/note``
Term                           ``tig``: ``term``, then ``termNote`` elements, then ``note``
Term.status                    ``termNote[@type="administrativeStatus"]``:
                               ``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``
deprecated Term                no ``tig``; a ``langSet/note``
                               ``avoid: X (deprecated; use Y)``, before the ``tig`` elements
Term.type, .part_of_speech,    ``termNote[@type="termType"]``, ``"partOfSpeech"``,
.gender                        ``"grammaticalGender"``
Term.note                      ``tig/note``
=============================  ===========================================================

What the writer refuses (text XML cannot carry, ids that are not XML ids,
cross-references to missing concepts…) is what the TBX v3 writer refuses:
:func:`problems` is the same, and nothing is written then.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .._fs import atomic_writer
from ..model import SOURCE_LANGUAGE, Finding, Glossary, GlossaryError, Status
from . import tbx

__all__ = ["write_martif", "MULTILINGUAL", "pair_name"]

#: The file with every language.
MULTILINGUAL = "glossary.tbx"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = tbx.STATUS_TO_TBX[Status.PREFERRED]
_DEPRECATED = tbx.STATUS_TO_TBX[Status.DEPRECATED]
_RENAMED = {"conceptEntry": "termEntry", "langSec": "langSet", "termSec": "tig"}
_INDENT = "  "


def pair_name(target: str) -> str:
    """The file of the pair English -> ``target``.

    >>> pair_name("bg")
    'en-bg.tbx'
    """
    return f"{SOURCE_LANGUAGE}-{target}.tbx"


def problems(glossary: Glossary) -> Iterator[Finding]:
    """What TBX cannot carry (as for the TBX v3 export)."""
    yield from tbx.problems(glossary)


def _frame(languages: list[str], title: str) -> tuple[bytes, bytes]:
    """The document before and after the entries."""
    root = etree.Element(
        "martif",
        {"type": "TBX-Basic", _XML_LANG: tbx.lang_tag(SOURCE_LANGUAGE)},
    )
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title").text = title
    source = etree.SubElement(file_desc, "sourceDesc")
    etree.SubElement(source, "p").text = tbx.SOURCE_STATEMENT
    etree.SubElement(source, "p").text = tbx.PUBLICATION
    etree.SubElement(source, "p").text = (
        "Languages: " + ", ".join(tbx.lang_tag(code) for code in languages) + "."
    )
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    etree.SubElement(etree.SubElement(root, "text"), "body").text = tbx.BODY_MARK
    etree.indent(root, space=_INDENT)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    data = data.replace(b"<?xml version='1.0' encoding='UTF-8'?>", tbx.DECLARATION.rstrip())
    before, after = data.split(tbx.BODY_MARK.encode(), 1)
    return before, after


def _renamed(entry: etree._Element) -> etree._Element:
    """A TBX v3 ``conceptEntry`` (without namespace), renamed in place to the 2008 names."""
    for element in entry.iter(*_RENAMED):
        element.tag = _RENAMED[element.tag]
    return entry


def _status(tig: etree._Element) -> str:
    return tig.findtext("termNote[@type='administrativeStatus']") or ""


def _offered(entry: etree._Element) -> etree._Element:
    """``entry`` for a tool that offers every term: deprecated terms become notes."""
    for lang_set in entry.findall("langSet"):
        tigs = lang_set.findall("tig")
        preferred = next((t.findtext("term") for t in tigs if _status(t) == _PREFERRED), None)
        for tig in tigs:
            if _status(tig) != _DEPRECATED:
                continue
            text = tig.findtext("term") or ""
            note = etree.Element("note")
            note.text = (
                f"avoid: {text} (deprecated; use {preferred})"
                if preferred
                else f"avoid: {text} (deprecated)"
            )
            tigs[0].addprevious(note)  # notes come before the terms
            lang_set.remove(tig)
        if lang_set.find("tig") is None:  # only deprecated terms: nothing to offer
            entry.remove(lang_set)
    return entry


def _pair(entry: etree._Element, target: str, ids: set[str]) -> etree._Element | None:
    """A copy of ``entry`` with the source and ``target`` sections only (and the
    cross references to concepts of the pair), or None without both sections."""
    tags = (tbx.lang_tag(SOURCE_LANGUAGE), tbx.lang_tag(target))
    if sum(1 for s in entry.iterchildren("langSet") if s.get(_XML_LANG) in tags) < 2:
        return None
    pair = etree.Element(entry.tag, entry.attrib)
    pair.text = entry.text
    for child in entry:  # only what the pair keeps is copied
        if child.tag == "langSet" and child.get(_XML_LANG) not in tags:
            continue
        if child.tag == "ref" and child.get("target") not in ids:
            continue
        pair.append(copy.deepcopy(child))
    return pair


def _has(concept_languages: dict, *codes: str) -> bool:
    return all(
        code in concept_languages and concept_languages[code].preferred is not None
        for code in codes
    )


def _write_entry(handle: BinaryIO, entry: etree._Element) -> None:
    etree.indent(entry, space=_INDENT, level=3)
    handle.write(b"\n" + _INDENT.encode() * 3)
    handle.write(etree.tostring(entry, encoding="UTF-8"))


def write_martif(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``glossary.tbx`` and ``en-<lang>.tbx`` (see the module docstring) into
    ``out_dir``; return the counts.

    The files are written one concept at a time into temporary files, which
    take their names together once all are complete: a :class:`GlossaryError`
    leaves nothing behind.
    """
    errors = list(problems(glossary))
    if errors:
        raise GlossaryError(errors)
    languages = glossary.languages
    targets = [lang for lang in languages if lang != SOURCE_LANGUAGE]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    builder = tbx.Builder(glossary)
    paired = {
        lang: {c.id for c in glossary if _has(c.languages, SOURCE_LANGUAGE, lang)}
        for lang in targets
    }
    counts = {"files": 1 + len(targets), "concepts": 0, "pairs": 0}
    with contextlib.ExitStack() as stack:
        handles: dict[str | None, BinaryIO] = {
            None: stack.enter_context(atomic_writer(out / MULTILINGUAL, durable=False))
        }
        for lang in targets:
            handles[lang] = stack.enter_context(atomic_writer(out / pair_name(lang), durable=False))
        frames: dict[str | None, tuple[bytes, bytes]] = {None: _frame(languages, tbx.TITLE)}
        for lang in targets:
            frames[lang] = _frame(
                [SOURCE_LANGUAGE, lang], f"{tbx.TITLE}: {SOURCE_LANGUAGE}-{tbx.lang_tag(lang)}"
            )
        for key, handle in handles.items():
            handle.write(frames[key][0])
        for concept in glossary:
            entry = builder.concept(concept)
            if entry is None:
                continue
            offered = _offered(_renamed(entry))
            _write_entry(handles[None], offered)
            counts["concepts"] += 1
            for lang in targets:
                if concept.id not in paired[lang]:
                    continue
                pair = _pair(offered, lang, paired[lang])
                if pair is not None:
                    _write_entry(handles[lang], pair)
                    counts["pairs"] += 1
        for key, handle in handles.items():
            handle.write(b"\n" + _INDENT.encode() * 2 + frames[key][1].lstrip())
        if builder.findings:
            raise GlossaryError(builder.findings)
    return counts


write = write_martif
