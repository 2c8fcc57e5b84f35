"""The contract every export format keeps, as one base class its tests subclass.

A format's test module adds::

    class TestContract(FormatContract):
        name = "glossary.tbx"                 # its entry in glossary.formats.FORMATS

        def read_back(self, path):            # where the format can be read back
            return ...                        # what the file says
        def expected(self, glossary):
            return ...                        # what it should say

and gets the tests below: it writes the same bytes every time, counts what it
wrote, refuses exactly what its ``problems()`` reports (leaving nothing
behind) and writes whatever else, and reads back what it wrote.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from glossary import Concept, GlossaryError, LangSection, Origin, Status, Term
from glossary.formats import FORMATS, Format

#: Texts that some formats cannot carry: a control character (XML), the CSV
#: separator, a tab and a line break (OmegaT, the MT engines' files), a quote.
AWKWARD = ["a\x01b", "a|b", "a\tb", "a\nb", 'say "a"']


def _files(root: Path) -> dict[str, bytes]:
    if root.is_file():
        return {root.name: root.read_bytes()}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def with_awkward_term(glossary, text: str):
    """A copy of ``glossary`` with a concept whose admitted Polish term is ``text``."""
    awkward = copy.deepcopy(glossary)
    where = Origin("pl.po", 7)
    awkward.add(
        Concept(
            "awkward_text",
            subject_field="test",
            languages={
                lang: LangSection(
                    lang,
                    [Term(f"awkward text {lang}", origin=where)]
                    + ([Term(text, Status.ADMITTED, origin=where)] if lang == "pl" else []),
                    f"A definition in {lang}.",
                )
                for lang in glossary.languages
            },
        )
    )
    return awkward


class FormatContract:
    name: str = ""

    @property
    def format(self) -> Format:
        [found] = [f for f in FORMATS if f.name == self.name]
        return found

    def read_back(self, path: Path) -> Any:
        """What the written file (or folder) says; None where the format is not read back."""
        return None

    def expected(self, glossary) -> Any:
        """What :meth:`read_back` should give for ``glossary``."""
        return None

    def test_the_format_is_built(self):
        assert self.format.load().write is not None

    def test_writing_twice_gives_the_same_bytes(self, shipped, tmp_path):
        self.format.write(shipped, tmp_path / "a")
        self.format.write(shipped, tmp_path / "b")
        first = _files(tmp_path / "a" / self.format.target)
        assert first, "nothing was written"
        assert first == _files(tmp_path / "b" / self.format.target)

    def test_write_counts_what_it_wrote_inside_its_target(self, shipped, tmp_path):
        counts = self.format.write(shipped, tmp_path)
        assert counts and all(isinstance(v, int) and v >= 0 for v in counts.values()), counts
        assert any(counts.values())
        written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
        target = self.format.target
        assert all(name == target or name.startswith(target + "/") for name in written), written

    @pytest.mark.parametrize("text", AWKWARD, ids=["control", "bar", "tab", "newline", "quote"])
    def test_what_problems_finds_write_refuses_and_the_rest_it_writes(
        self, shipped, tmp_path, text
    ):
        awkward = with_awkward_term(shipped, text)
        found = list(self.format.load().problems(awkward))
        if not found:
            assert self.format.write(awkward, tmp_path)
            return
        assert all(f.origin is None or str(f.origin).startswith("pl.po:") for f in found), found
        with pytest.raises(GlossaryError):
            self.format.write(awkward, tmp_path)
        left = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert not left, f"a refused write left {left}"

    def test_reads_back_what_it_wrote(self, shipped, tmp_path):
        self.format.write(shipped, tmp_path)
        actual = self.read_back(tmp_path / self.format.target)
        if actual is None:
            pytest.skip(f"{self.name} is not read back by this package")
        assert actual == self.expected(shipped)
