"""The shell examples of README.md and CONTRIBUTING.md run as tests.

Every ```console block is a session: a line starting with ``$ glossary`` is
run (in a copy of the catalogs), and the lines after it, up to the next
``$``, must match what it prints (stderr, then stdout). ``…`` matches any
text, as ``...`` does in a doctest.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import LOCALES, ROOT, run_cli

DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]


def sessions(path: Path):
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    for block in re.findall(r"^[ \t]*```console\n(.*?)```", text, re.S | re.M):
        commands = []
        for line in block.splitlines():
            if line.lstrip().startswith("$ "):
                commands.append([line.lstrip()[2:], []])
            elif commands:
                commands[-1][1].append(line.strip())
        assert commands, f"{path.name}: a console block without a '$ ' command is not tested"
        yield commands


CASES = [
    (path.name, number, session) for path in DOCS for number, session in enumerate(sessions(path))
]


def matches(expected: list[str], actual: str) -> bool:
    pattern = "\n".join(re.escape(line).replace("…", ".*?") for line in expected)
    return re.fullmatch(pattern, actual.rstrip("\n"), re.S) is not None


@pytest.mark.parametrize("doc,number,session", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_console_example(doc, number, session, tmp_path):
    shutil.copytree(LOCALES, tmp_path / "locales")
    for command, expected in session:
        argv = shlex.split(command)
        if argv[:3] == ["python", "-m", "glossary"]:
            argv = ["glossary"] + argv[3:]
        assert argv[0] == "glossary", f"{doc}: only glossary commands run as examples: {command}"
        result = run_cli(*argv[1:], cwd=tmp_path)
        output = result.err + result.out
        assert matches(expected, output), (
            f"{doc}: $ {command}\n--- expected\n"
            + "\n".join(expected)
            + f"\n--- got (exit {result.code})\n{output}"
        )


def test_readme_opens_with_the_two_command_quick_start():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"## Quick start\s+```sh\n(.*?)```", text, re.S)
    assert first_block, "README must open with a Quick start code block"
    lines = [line_ for line_ in first_block.group(1).splitlines() if line_.strip()]
    assert len(lines) == 2
    assert "pip install" in lines[0] and "glossary build" in lines[0]
    assert "pytest" in lines[1]
    assert text.index("## Quick start") < text.index("## What this is")


def _mapping_keys(text: str) -> set[str]:
    """The comment keys a text names as ``key: …`` in backquotes (not the pattern
    ``key: value`` itself)."""
    found = re.findall(r"`{1,2}([a-z][a-z-]*): ([^`]*)`{1,2}", text)
    return {key for key, value in found if (key, value) != ("key", "value")}


def test_the_po_mapping_in_contributing_and_in_the_reader_name_the_same_keys():
    from glossary.formats import po

    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## The PO mapping", 1)[1].split("An example", 1)[0]
    assert _mapping_keys(section) == set(po.COMMENT_KEYS)
    assert _mapping_keys(po.__doc__ or "") == set(po.COMMENT_KEYS)
