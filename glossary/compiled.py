"""The shipped glossary, precompiled: one JSON file that ``load()`` reads instead of the catalogs.

Like pycountry's data, the glossary inside an installed package is compiled
when the package is built (``hatch_build.py`` at the repository's root calls
:func:`compile_catalogs`), so that ``glossary.load()`` and ``glossary lookup``
parse one JSON document instead of four PO catalogs, and import neither
polib nor Babel.

The file records the SHA-256 of the files it was compiled from (every
``<lang>/LC_MESSAGES/glossary.po`` and ``sources.toml``); :func:`read_compiled`
uses it only while those files are unchanged, so it cannot go stale: an edited
catalog is read from the catalogs. Nothing is written at run time, and there
is no cache in the user's home.

Layout of the document (all plain JSON)::

    {"format": 1, "digest": "<sha256>", "languages": [...],
     "concepts": [Concept.to_dict(), ...], "sources": [Source.to_dict(), ...]}

File origins (``path:line``) are not kept: findings about the catalogs come
from ``glossary check``, which always reads the catalogs.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .model import Concept, Glossary, LangSection, Source, Term

__all__ = ["FORMAT", "NAME", "catalogs_digest", "compile_catalogs", "dumps", "read_compiled"]

FORMAT = 1
NAME = "glossary.json"


def _inputs(root: Path) -> list[Path]:
    """The files a compiled glossary depends on, in a fixed order."""
    found = []
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    for name in names:
        path = root / name / "LC_MESSAGES" / "glossary.po"
        if path.is_file():
            found.append(path)
    if (root / "sources.toml").is_file():
        found.append(root / "sources.toml")
    return found


def catalogs_digest(root: str | os.PathLike[str]) -> str:
    """SHA-256 of the names and bytes of every file the glossary is read from."""
    root = Path(root)
    digest = hashlib.sha256()
    for path in _inputs(root):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


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


def compile_catalogs(root: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """Compile the catalogs in ``root`` into ``out/glossary.json``; return its path.

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
    target = Path(out) / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(target) as handle:
        handle.write(dumps(glossary, catalogs_digest(root)))
    return target


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
