"""Locale codes and the ``locales/`` tree, with Babel's CLDR data.

The layout is a plain gettext tree::

    locales/glossary.pot                      the template (generated)
    locales/<lang>/LC_MESSAGES/glossary.po    one catalog per language

>>> plural_forms("de")
'nplurals=2; plural=(n != 1);'
>>> language_name("bg")
'Bulgarian'
>>> normalize_locale("pt-br")
'pt_BR'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

DOMAIN = "glossary"
TEMPLATE_NAME = f"{DOMAIN}.pot"

__all__ = [
    "LocaleError",
    "normalize_locale",
    "plural_forms",
    "language_name",
    "catalog_path",
    "template_path",
    "find_catalogs",
    "DOMAIN",
]


class LocaleError(ValueError):
    """A locale code that is malformed, unknown to CLDR, or path-like."""


_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*\Z")


def normalize_locale(code: str) -> str:
    """Babel's canonical form of ``code`` (``pt-br`` -> ``pt_BR``), or LocaleError."""
    from babel import Locale, UnknownLocaleError

    if not _CODE.match(code or ""):
        raise LocaleError(f"{code!r} is not a locale code (like fr, pt_BR or sr_Latn)")
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise LocaleError(f"{code!r} is not a locale known to CLDR ({exc})") from None
    if re.split(r"[_-]", code)[0].lower() == "und":  # CLDR reads it as its likeliest locale
        raise LocaleError(
            f"{code!r} is CLDR's code for an undetermined language, not a language "
            f"(Babel would take it for {str(locale)!r})"
        )
    return str(locale)


def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value for ``code``, from CLDR via Babel."""
    from babel.messages.catalog import Catalog

    return Catalog(locale=normalize_locale(code)).plural_forms


def language_name(code: str) -> str:
    """The English CLDR name of the language, for ``Language-Team``."""
    from babel import Locale

    return Locale.parse(normalize_locale(code)).get_display_name("en") or code


def catalog_path(root: Path, lang: str) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path(root: Path) -> Path:
    return root / TEMPLATE_NAME


def find_catalogs(root: Path) -> dict[str, Path]:
    """Every ``<lang>/LC_MESSAGES/glossary.po`` under ``root``, by folder name.

    Every folder that holds a catalog counts, whatever its name, so that a
    misnamed one is reported rather than skipped: the loader
    (:func:`glossary.catalogs.catalog_problem`) refuses a name that is not a
    locale code and a catalog that links out of ``root``. The path of each
    catalog is returned as found.
    """
    found: dict[str, Path] = {}
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return found
    for name in names:
        path = catalog_path(root, name)
        if (root / name).is_dir() and (path.exists() or path.is_symlink()):
            found[name] = path
    return found
