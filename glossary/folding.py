"""How terms are compared: :func:`normalize` folds a text to its lookup key.

One function, used wherever a term is matched (:meth:`glossary.Glossary.lookup`,
:meth:`glossary.Glossary.find_terms`, the compiled lookup index). It imports
only the standard library's ``re`` and ``unicodedata``, so the quick path of
``glossary lookup`` (:mod:`glossary._lookup`) uses the same rule without
importing the model.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize"]

# Letters that Unicode does not decompose but a user types without the stroke.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)
_DASHES = re.compile(r"[\s\-\u2010-\u2015\u2212_/]+")


def normalize(text: str) -> str:
    """Fold a term for matching: case, diacritics, Unicode form, spaces, hyphens.

    >>> normalize("  Outsourcing  procesów-wiedzy ")
    'outsourcing procesow wiedzy'
    >>> normalize("Łódź") == normalize("lodz")
    True
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _DASHES.sub(" ", text.casefold()).strip()
