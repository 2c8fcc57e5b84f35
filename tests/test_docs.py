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
