"""Compiled gettext catalogs (``.mo``), written by ``polib``.

Each catalog is compiled from its canonical PO text (see :mod:`glossary.po`),
so the ``.mo`` holds what GNU ``msgfmt`` compiles from the same catalog: the
header and every translated entry, with fuzzy and untranslated entries left
out. Keys are ``msgctxt + "\\x04" + msgid`` as gettext expects, sorted, so the
bytes are the same on every build.

A Python user reads a term with the standard library::

    import gettext
    t = gettext.translation("glossary", "exports/locale", languages=["pl"])
    t.pgettext("knowledge_process_outsourcing.term", "knowledge process outsourcing")
"""

from __future__ import annotations

import os
from pathlib import Path

import polib

from .locales import DOMAIN
from .model import Glossary
from . import po

__all__ = ["write_mo", "write_locale_tree"]


def write_mo(glossary: Glossary, lang: str, path: str | os.PathLike[str]) -> int:
    """Compile the catalog of ``lang`` to ``path``; return the number of messages.

    The entries are those of the canonical catalog (:func:`glossary.po.po_text`),
    without their comments, which a compiled catalog does not hold.
    """
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = po.standard_header(lang, glossary.metadata.get(lang))
    for entry in po._entries(glossary, lang, comments=False):
        catalog.append(entry)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    catalog.save_as_mofile(str(path))
    return len(catalog.translated_entries())


def write_locale_tree(glossary: Glossary, root: str | os.PathLike[str]) -> dict[str, int]:
    """``root/<lang>/LC_MESSAGES/glossary.mo`` for every language; counts."""
    root = Path(root)
    counts = {"languages": 0, "messages": 0}
    for lang in glossary.languages:
        counts["messages"] += write_mo(glossary, lang, root / lang / "LC_MESSAGES" / f"{DOMAIN}.mo")
        counts["languages"] += 1
    return counts
