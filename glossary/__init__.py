"""A multilingual glossary of outsourcing terminology (BPO, KPO and around).

>>> import glossary
>>> g = glossary.load()
>>> g.get("knowledge_process_outsourcing").preferred("en")
'knowledge process outsourcing'
>>> [(m.concept.id, m.lang) for m in g.lookup("KPO", lang="pl")]
[('knowledge_process_outsourcing', 'pl')]

The names below come from :mod:`glossary.model` and are imported on first
use, so that ``import glossary.cli`` (the ``glossary`` command) does not pay
for the model when it does not need it.
"""

from __future__ import annotations

import _thread
import os

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (9 ms here): see glossary._quick
TYPE_CHECKING = False

if TYPE_CHECKING:  # pragma: no cover - types only
    from pathlib import Path
    from typing import Any

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

_MODEL_NAMES = frozenset(__all__) - {"load", "data_dir", "__version__"}
_HERE = os.path.dirname(os.path.abspath(__file__))
_lock = _thread.allocate_lock()
_cache: dict[Path, Glossary] = {}


def __getattr__(name: str) -> Any:
    """The model's names (``glossary.Glossary``…), imported on first use."""
    if name in _MODEL_NAMES:
        from . import model

        value = getattr(model, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def data_dir() -> Path:
    """The ``locales/`` folder shipped with the package (the repository's in a checkout)."""
    from pathlib import Path

    here = Path(_HERE)
    shipped = here / "locales"
    return shipped if shipped.is_dir() else here.parent / "locales"


def load(path: str | os.PathLike[str] | None = None) -> Glossary:
    """The glossary of the catalogs in ``path`` (default: the shipped ones).

    Loads on first use and once per folder. Raises :class:`GlossaryError`
    (with ``path:line`` findings) when a catalog cannot be read or is
    ambiguous; what only ``glossary check`` reports (see the README) does not
    stop it. An installed package reads its precompiled copy of the shipped
    catalogs (:mod:`glossary.compiled`) while they are unchanged.
    """
    from pathlib import Path

    from .model import GlossaryError

    root = Path(path) if path is not None else data_dir()
    with _lock:
        cached = _cache.get(root)
        if cached is None:
            from .compiled import NAME, read_compiled

            cached = (
                read_compiled(Path(_HERE) / "data" / NAME, root)
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
