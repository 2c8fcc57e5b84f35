"""Term constraints for LLM prompts and post-editing checks: ``mt/constraints/<src>-<tgt>.json``.

One JSON document per directed language pair. It says, for every concept with
a preferred term in both languages, which source terms name it, which target
term to use, which target terms are acceptable too, and which target terms to
avoid and why: what a prompt template puts in front of a model ("use X for Y;
never Z") and what a check of the output compares against. No MT engine takes
a forbidden term, so this is the only export that carries them. The schema is
in the README (section *Term constraints for LLM prompts and MT*).

Mapping from the model (concepts sorted by id, terms in stored order)::

    {
      "source_language": "<src>", "target_language": "<tgt>",
      "concepts": [
        {
          "id":            Concept.id,
          "subject_field": Concept.subject_field,
          "source": {
            "preferred":  the preferred <src> term,
            "admitted":   [the admitted <src> terms: synonyms, acronyms, abbreviations],
            "deprecated": [{"term": a deprecated <src> term, "reason": its note}],
            "definition": the <src> definition
          },
          "target": {
            "preferred":  the preferred <tgt> term: the one to use,
            "admitted":   [the admitted <tgt> terms: acceptable alternatives],
            "avoid":      [{"term": a deprecated <tgt> term, "reason": its note}],
            "definition": the <tgt> definition
          }
        }, ...
      ]
    }

The file is UTF-8 (non-ASCII written as is), keys in the order above: the
languages and ``"concepts": [`` on the first line, then one concept a line,
then ``]}`` and a final line feed. JSON carries any text, so this format
refuses nothing.

>>> from glossary.model import Concept, LangSection, Term, Status
>>> g = Glossary([Concept("kpo", languages={
...     "en": LangSection("en", [Term("knowledge process outsourcing")], "Outsourcing of knowledge work."),
...     "pl": LangSection("pl", [Term("outsourcing procesów wiedzy"),
...                              Term("outsourcing procesu wiedzy", Status.DEPRECATED, note="Wrong case.")],
...                       "Outsourcing pracy opartej na wiedzy.")})])
>>> doc = document(g, "en", "pl")
>>> doc["concepts"][0]["target"]["preferred"], doc["concepts"][0]["target"]["avoid"]
('outsourcing procesów wiedzy', [{'term': 'outsourcing procesu wiedzy', 'reason': 'Wrong case.'}])
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._fs import atomic_writer
from ..model import Concept, Finding, Glossary, LangSection, Status
from . import _mt

__all__ = ["write", "problems", "read", "document", "constraint", "file_name"]


def file_name(src: str, tgt: str) -> str:
    """>>> file_name("en", "de")
    'en-de.json'
    """
    return f"{_mt.pair_name(src, tgt)}.json"


def _side(section: LangSection | None) -> tuple[str, list[str], list[dict[str, str]], str] | None:
    """(preferred, admitted, deprecated with reasons, definition) of a section, or None
    without a preferred term."""
    if section is None or section.preferred is None:
        return None
    return (
        section.preferred.text,
        [t.text for t in section.terms_with(Status.ADMITTED)],
        [{"term": t.text, "reason": t.note} for t in section.terms_with(Status.DEPRECATED)],
        section.definition,
    )


def constraint(
    concept: Concept,
    src: str,
    tgt: str,
    sides: dict[str, tuple[str, list[str], list[dict[str, str]], str] | None] | None = None,
) -> dict[str, Any] | None:
    """The entry of ``concept`` for the pair, or ``None`` without a preferred term in both.

    ``sides`` holds :func:`_side` of each of the concept's languages when the
    caller has them already (a concept is in every pair of its languages).
    """
    if sides is None:
        sides = {code: _side(concept.languages.get(code)) for code in (src, tgt)}
    source, target = sides.get(src), sides.get(tgt)
    if source is None or target is None:
        return None
    return {
        "id": concept.id,
        "subject_field": concept.subject_field,
        "source": {
            "preferred": source[0],
            "admitted": source[1],
            "deprecated": source[2],
            "definition": source[3],
        },
        "target": {
            "preferred": target[0],
            "admitted": target[1],
            "avoid": target[2],
            "definition": target[3],
        },
    }


def document(glossary: Glossary, src: str, tgt: str) -> dict[str, Any]:
    """The constraints document of one directed pair."""
    found = (constraint(concept, src, tgt) for concept in glossary)
    return {
        "source_language": src,
        "target_language": tgt,
        "concepts": [entry for entry in found if entry is not None],
    }


def _opening(src: str, tgt: str) -> str:
    """The first line of a pair's file, up to the opening of its list of concepts."""
    head = {"source_language": src, "target_language": tgt}
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "concepts": ['


def _text(doc: dict[str, Any]) -> str:
    """The document as text: its header on the first line, then one concept a line.

    One concept a line keeps the file readable and its diffs small, and lets the
    standard library's C encoder write it (an indented dump is encoded in
    Python, about eight times slower on a large glossary).
    """
    opening = _opening(doc["source_language"], doc["target_language"])
    rows = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in doc["concepts"])
    return f"{opening}\n{rows}\n]}}\n" if rows else f"{opening}]}}\n"


def problems(glossary: Glossary) -> Iterator[Finding]:
    """Nothing: JSON carries any text."""
    return iter(())


def write(glossary: Glossary, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write ``<src>-<tgt>.json`` for every directed pair into ``out_dir``; return counts."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    concepts = avoid = 0
    pairs = _mt.pairs(glossary)
    with contextlib.ExitStack() as stack:
        # every pair's file is written at once, a concept at a time: each concept's
        # languages are taken apart once for all its pairs, and no document is held
        handles = {}
        written = dict.fromkeys(pairs, 0)
        for src, tgt in pairs:
            handle = stack.enter_context(atomic_writer(target / file_name(src, tgt), durable=False))
            handle.write(_opening(src, tgt).encode("utf-8"))
            handles[src, tgt] = handle
        for concept in glossary:
            sides = {code: _side(section) for code, section in concept.languages.items()}
            for src, tgt in pairs:
                entry = constraint(concept, src, tgt, sides)
                if entry is None:
                    continue
                line = json.dumps(entry, ensure_ascii=False)
                handles[src, tgt].write(f"{',' if written[src, tgt] else ''}\n{line}".encode())
                written[src, tgt] += 1
                avoid += len(entry["target"]["avoid"])
        for pair, handle in handles.items():
            handle.write(b"\n]}\n" if written[pair] else b"]}\n")
        concepts = sum(written.values())
    return {"files": len(pairs), "constraints": concepts, "terms to avoid": avoid}


def read(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The document of a constraints file."""
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
