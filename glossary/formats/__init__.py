"""The export formats: one module each, on one small contract.

Every format module has

- ``write(glossary, path) -> dict[str, int]``: write the format to ``path``
  (a file or a folder, as the format needs) and return what it wrote, counted;
- ``problems(glossary) -> Iterator[Finding]``: what the format cannot carry,
  with the ``path:line`` of the catalog entry, so ``glossary check`` reports it
  before ``glossary build`` meets it;
- ``read(path)`` where the format can be read back;
- its mapping (model -> format) in its docstring.

:data:`FORMATS` lists them in build order. A new format is a new module here
plus one line in that list.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..model import Finding, Glossary

__all__ = ["FORMATS", "Format", "source_date"]


def source_date(pattern: str) -> str | None:
    """The time of ``SOURCE_DATE_EPOCH`` (UTC) in ``pattern`` (``time.strftime``), or
    None when it is unset; the one source of a date in any output.

    >>> import os; os.environ["SOURCE_DATE_EPOCH"] = "0"; source_date("%Y")
    '1970'
    >>> del os.environ["SOURCE_DATE_EPOCH"]; source_date("%Y") is None
    True
    """
    import os
    import time

    from ..model import GlossaryError

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return time.strftime(pattern, time.gmtime(int(epoch)))
    except (ValueError, OverflowError):
        raise GlossaryError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01 UTC"
        ) from None


class Format(NamedTuple):
    """One export: where it goes in the output folder and which module writes it."""

    name: str  #: what the build reports (the output's path, with ``*`` for a language)
    module: str  #: the module in this package that writes it
    target: str  #: the file or folder it writes, inside the output folder
    #: True for a format that carries any text (its ``problems()`` finds nothing), so
    #: that ``glossary check`` need not import it (the dataset's libraries take seconds)
    carries_any_text: bool = False

    def load(self):  # noqa: ANN201 - a module
        return importlib.import_module(f"{__name__}.{self.module}")

    def write(self, glossary: Glossary, out: Path) -> dict[str, int]:
        counts: dict[str, int] = self.load().write(glossary, out / self.target)
        return counts

    def problems(self, glossary: Glossary) -> Iterator[Finding]:
        if not self.carries_any_text:
            yield from self.load().problems(glossary)


#: Every export, in build order.
FORMATS: list[Format] = [
    Format("locale/*/LC_MESSAGES/glossary.mo", "mo", "locale"),
    Format("glossary.tbx", "tbx", "glossary.tbx"),
    Format("tbx2008/", "martif", "tbx2008"),
    Format("glossary.csv", "csvfile", "glossary.csv"),
    Format("omegat/", "omegat", "omegat"),
    Format("mt/deepl/", "deepl", "mt/deepl"),
    Format("mt/google/", "google", "mt/google"),
    Format("mt/amazon/terminology.csv", "amazon", "mt/amazon/terminology.csv"),
    Format("mt/constraints/", "constraints", "mt/constraints"),
    Format("dataset/", "dataset", "dataset", carries_any_text=True),
    Format("site/", "site", "site"),
]
