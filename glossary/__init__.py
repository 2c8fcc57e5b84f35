"""A multilingual glossary of outsourcing terminology (BPO, KPO and around).

>>> import glossary
>>> g = glossary.load()
>>> g.get("knowledge_process_outsourcing").preferred("en")
'knowledge process outsourcing'
>>> [(m.concept.id, m.lang) for m in g.lookup("KPO", lang="pl")]
[('knowledge_process_outsourcing', 'pl')]
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .model import (
    SOURCE_LANGUAGE,
    Concept,
    Finding,
    Gender,
    Glossary,
    GlossaryError,
    LangSection,
    Match,
    Occurrence,
    Origin,
    PartOfSpeech,
    Severity,
    Status,
    Term,
    TermType,
    normalize,
)

__all__ = [
    "load",
    "data_dir",
    "Glossary",
    "Concept",
    "LangSection",
    "Term",
    "Match",
    "Occurrence",
    "Status",
    "TermType",
    "PartOfSpeech",
    "Gender",
    "Severity",
    "Finding",
    "Origin",
    "GlossaryError",
    "normalize",
    "SOURCE_LANGUAGE",
    "__version__",
]
__version__ = "0.1.0"

_HERE = Path(__file__).resolve().parent
_lock = threading.Lock()
_cache: dict[Path, Glossary] = {}


def data_dir() -> Path:
    """The ``locales/`` folder shipped with the package (the repository's in a checkout)."""
    shipped = _HERE / "locales"
    return shipped if shipped.is_dir() else _HERE.parent / "locales"


def load(path: str | os.PathLike[str] | None = None) -> Glossary:
    """The glossary of the catalogs in ``path`` (default: the shipped ones).

    Loads on first use and once per folder. Raises :class:`GlossaryError`
    (with ``path:line`` findings) when a catalog cannot be read or is
    ambiguous; what only ``glossary check`` reports (see the README) does not
    stop it. An installed package reads its precompiled copy of the shipped
    catalogs (:mod:`glossary.compiled`) while they are unchanged.
    """
    root = Path(path) if path is not None else data_dir()
    with _lock:
        cached = _cache.get(root)
        if cached is None:
            from .compiled import NAME, read_compiled

            cached = (
                read_compiled(_HERE / "data" / NAME, root)
                if root.resolve() == data_dir().resolve()
                else None
            )
        if cached is None:
            from .catalogs import errors_in, load_catalogs

            cached, findings = load_catalogs(root, full=False)
            errors = errors_in(findings)
            if errors:
                raise GlossaryError(errors)
        _cache[root] = cached
    return cached
