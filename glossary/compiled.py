"""The shipped glossary, precompiled: one JSON file that ``load()`` reads instead of the catalogs.

Like pycountry's data, the glossary inside an installed package is compiled
when the package is built (``hatch_build.py`` at the repository's root calls
:func:`compile_catalogs`), so that ``glossary.load()`` and ``glossary lookup``
parse one JSON document instead of four PO catalogs, and import neither
polib nor Babel.

The file records the fingerprint (:func:`glossary._quick.fingerprint`: name,
size and CRC-32) of the files it was compiled from (every
``<lang>/LC_MESSAGES/glossary.po`` and ``sources.toml``); :func:`read_compiled`
uses it only while those files are unchanged, so it cannot go stale: an edited
catalog is read from the catalogs. Nothing is written at run time, and there
is no cache in the user's home. Beside it, :func:`compile_catalogs` writes
the lookup index that ``glossary lookup`` answers from
(:mod:`glossary._quick`).

Layout of the document (all plain JSON)::

    {"format": 1, "digest": "<fingerprint>", "languages": [...],
     "concepts": [Concept.to_dict(), ...], "sources": [Source.to_dict(), ...]}

File origins (``path:line``) are not kept: findings about the catalogs come
from ``glossary check``, which always reads the catalogs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ._quick import fingerprint, index_document
from .model import Concept, Glossary, LangSection, Source, Term

__all__ = ["FORMAT", "NAME", "catalogs_digest", "compile_catalogs", "dumps", "read_compiled"]

FORMAT = 1
NAME = "glossary.json"


def catalogs_digest(root: str | os.PathLike[str]) -> str:
    """The fingerprint of every file the glossary in ``root`` is read from."""
    return fingerprint(root)


def dumps(glossary: Glossary, digest: str) -> bytes:
    """The compiled document of ``glossary`` (UTF-8 JSON, the same bytes for the same glossary)."""
    document = {
        "format": FORMAT,
        "digest": digest,
        "languages": glossary.languages,
        "concepts": [concept.to_dict() for concept in glossary],
        "sources": [source.to_dict() for _, source in sorted(glossary.sources.items())],
    }
    return (
        json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
            "utf-8"
        )
        + b"\n"
    )


def compile_catalogs(root: str | os.PathLike[str], out: str | os.PathLike[str]) -> list[Path]:
    """Compile the catalogs in ``root`` into ``out/glossary.json`` and the lookup
    index ``out/lookup.json``; return their paths.

    Refuses (:class:`~glossary.model.GlossaryError`) catalogs that
    :func:`glossary.load` would refuse.
    """
    from ._fs import atomic_writer
    from .catalogs import errors_in, load_catalogs
    from .model import GlossaryError

    glossary, findings = load_catalogs(root, full=False)
    errors = errors_in(findings)
    if errors:
        raise GlossaryError(errors)
    from ._quick import NAME as INDEX_NAME

    digest = catalogs_digest(root)
    Path(out).mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (
        (NAME, dumps(glossary, digest)),
        (INDEX_NAME, index_document(glossary, digest)),
    ):
        target = Path(out) / name
        with atomic_writer(target) as handle:
            handle.write(data)
        written.append(target)
    return written


def _concept(data: dict) -> Concept:
    languages = {}
    for code, section in data["languages"].items():
        languages[code] = LangSection(
            code,
            [Term.from_dict(t) for t in section["terms"]],
            section["definition"],
            list(section["notes"]),
        )
    return Concept(
        data["id"],
        data["subject_field"],
        list(data["broader"]),
        list(data["related"]),
        list(data["notes"]),
        languages,
        part_of=list(data["part_of"]),
    )


def read_compiled(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> Glossary | None:
    """The glossary compiled in ``path`` if it was compiled from the catalogs now in
    ``root``; None when there is no such file, or it is stale or not ours."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("format") != FORMAT or document.get("digest") != catalogs_digest(root):
            return None
        glossary = Glossary(_concept(c) for c in document["concepts"])
        glossary.sources = {s["id"]: Source(**s) for s in document["sources"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # absent, damaged or of another version: the catalogs are read instead
    return glossary
