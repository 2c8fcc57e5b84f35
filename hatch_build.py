"""Build hook: compile the shipped glossary into the wheel (``glossary/data/``).

``glossary.load()`` and ``glossary lookup`` read that file instead of parsing
the PO catalogs (see ``glossary/compiled.py``). It is generated here, from the
catalogs being packaged, and never committed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileGlossary(BuildHookInterface):
    PLUGIN_NAME = "compile-glossary"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the catalogs of the checkout
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from glossary.compiled import compile_catalogs
        finally:
            sys.path.pop(0)
        self._folder = tempfile.TemporaryDirectory(prefix="glossary-compiled-")
        for compiled in compile_catalogs(root / "locales", self._folder.name):
            build_data["force_include"][str(compiled)] = f"glossary/data/{compiled.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
