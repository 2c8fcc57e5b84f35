"""The template ``locales/glossary.pot``, generated from the English catalog.

``extract`` writes it; ``template_diff`` says how the committed one differs
from what ``extract`` would write (empty when it is current).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .formats import po
from .layout import catalog_path, template_path
from .model import SOURCE_LANGUAGE, Glossary, GlossaryError, Severity

__all__ = ["source_glossary", "extract", "template_diff", "first_changed_line"]


def source_glossary(root: Path) -> Glossary:
    """The English catalog alone; GlossaryError if it has errors."""
    glossary, findings = po.read_po(
        catalog_path(root, SOURCE_LANGUAGE), SOURCE_LANGUAGE, is_source=True
    )
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise GlossaryError(errors)
    return glossary


def extract(root: Path) -> tuple[Path, int]:
    """Write the template; return its path and its number of entries."""
    from ._fs import atomic_write_text

    glossary = source_glossary(root)
    text = po.pot_text(glossary)
    path = template_path(root)
    atomic_write_text(path, text)
    return path, text.count("\nmsgctxt ")


def template_diff(root: Path) -> list[str]:
    """Unified diff from the committed template to the generated one."""
    expected = po.pot_text(source_glossary(root))
    path = template_path(root)
    if not path.exists() and not path.is_symlink():
        actual = ""
    else:
        # read as strictly as a catalog: a regular file (a named pipe would
        # block for ever), UTF-8, no NUL; GlossaryError with the file and line
        actual = po.read_text(path)
        if actual == expected:
            return []
        po.parse_catalog(path)  # a syntax error is reported at its line, not as a diff
    return list(
        difflib.unified_diff(
            actual.splitlines(True),
            expected.splitlines(True),
            str(path),
            "generated from the English catalog",
        )
    )


def first_changed_line(diff: list[str]) -> int:
    """The line of the committed template where a diff of :func:`template_diff`
    first differs (0 for an empty or missing template).

    >>> first_changed_line(["--- a", "+++ b", "@@ -3,3 +3,3 @@", " x", "-y", "+z", " w"])
    4
    """
    line = 0
    for text in diff:
        m = re.match(r"@@ -(\d+)", text)
        if m:
            line = int(m.group(1))
            continue
        if line and text.startswith((" ",)):
            line += 1
        elif line and text.startswith(("-", "+")):
            return line
    return line
