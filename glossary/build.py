"""``glossary build``: every export, written atomically into one folder.

The build

1. loads and checks every catalog, and refuses to go on if there are errors;
2. refuses an output folder that is not empty and was not made by a build
   (the marker file ``.glossary-build`` tells), so ``--out .`` cannot wipe
   anything;
3. takes a lock, so that two builds into the same folder run one after the
   other;
4. writes every output into a temporary folder beside the target, then swaps
   it into place in one atomic step. A build that fails or is killed leaves
   the previous output exactly as it was.

A large glossary (:data:`PARALLEL_CONCEPTS` concepts or more, and fewer than
:data:`SERIAL_CONCEPTS`, beyond which memory matters more) on a machine with
two cores or more is exported by two processes at once: the build forks
one worker that writes some of the outputs while the build writes the others
(``jobs=1``, ``glossary build --jobs 1``, keeps to one process). Each output
is written by one process only, so the files are the same either way. The
worker dies with the build; an error in it is raised by the build like an
error of its own.

Outputs (inside the output folder, ``exports/`` by default)::

    locale/<lang>/LC_MESSAGES/glossary.mo   compiled gettext catalogs
    dataset/                                Hugging Face dataset (Parquet + card)
    glossary.tbx                            TBX-Basic
    glossary.csv                            one row per concept (RFC 4180)
    omegat/en-<lang>.tsv                    OmegaT glossaries
    site/                                   static, searchable HTML page
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import os
import signal
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from .model import Glossary, GlossaryError

__all__ = ["build", "STEPS", "MARKER", "Output", "PARALLEL_CONCEPTS", "SERIAL_CONCEPTS"]

MARKER = ".glossary-build"


class Output(NamedTuple):
    """One output written: its path (relative to the output folder), counts, seconds."""

    name: str
    counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        counts = ", ".join(f"{v} {k}" for k, v in self.counts.items())
        return f"{self.name}: {counts} ({self.seconds:.2f} s)"


def _mo(glossary: Glossary, out: Path) -> dict[str, int]:
    from .mo import write_locale_tree
    return write_locale_tree(glossary, out / "locale")


def _dataset(glossary: Glossary, out: Path) -> dict[str, int]:
    from .dataset import write_dataset
    return write_dataset(glossary, out / "dataset")


def _tbx(glossary: Glossary, out: Path) -> dict[str, int]:
    from .tbx import write_tbx
    return write_tbx(glossary, out / "glossary.tbx")


def _csv(glossary: Glossary, out: Path) -> dict[str, int]:
    from .csv import write_csv
    return write_csv(glossary, out / "glossary.csv")


def _omegat(glossary: Glossary, out: Path) -> dict[str, int]:
    from .omegat import write_omegat
    return write_omegat(glossary, out / "omegat")


def _site(glossary: Glossary, out: Path) -> dict[str, int]:
    from .site import write_site
    return write_site(glossary, out / "site")


#: (name shown, writer) for each output, in build order.
STEPS: list[tuple[str, Callable[[Glossary, Path], dict[str, int]]]] = [
    ("locale/*/LC_MESSAGES/glossary.mo", _mo),
    ("glossary.tbx", _tbx),
    ("glossary.csv", _csv),
    ("omegat/", _omegat),
    ("dataset/", _dataset),
    ("site/", _site),
]


#: Seconds each step took per 10 000 concepts (4 languages) on a 2-core
#: machine: how the steps are shared between the two processes.
_COST = {"locale/*/LC_MESSAGES/glossary.mo": 1.5, "glossary.tbx": 3.1, "glossary.csv": 0.9,
         "omegat/": 0.6, "dataset/": 3.3, "site/": 1.4}

#: From this many concepts on, two processes write the outputs (see above) ...
PARALLEL_CONCEPTS = 2000
#: ... and from this many on, one again: the forked worker ends up with its
#: own copy of every page of the glossary it reads (reading an object writes
#: its reference count), so two processes take twice the glossary's memory.
SERIAL_CONCEPTS = 20000

Step = tuple[str, Callable[[Glossary, Path], dict[str, int]]]


def _lanes(steps: list[Step]) -> tuple[list[Step], list[Step]]:
    """Share the steps between two processes, the costliest first, each to the
    less loaded one; each lane keeps the build order."""
    loads, lanes = [0.0, 0.0], ([], [])  # type: ignore[var-annotated]
    for name, step in sorted(steps, key=lambda s: -_COST.get(s[0], 1.0)):
        lane = 0 if loads[0] <= loads[1] else 1
        loads[lane] += _COST.get(name, 1.0)
        lanes[lane].append((name, step))
    order = {name: i for i, (name, _) in enumerate(steps)}
    return (sorted(lanes[0], key=lambda s: order[s[0]]),
            sorted(lanes[1], key=lambda s: order[s[0]]))


def _run(glossary: Glossary, tmp: Path, steps: list[Step],
         report: Callable[[str], None], out_name: str) -> list[Output]:
    outputs = []
    for name, step in steps:
        t0 = time.perf_counter()
        counts = step(glossary, tmp)
        _give_back_memory()  # before the next output, not after the last of them all
        outputs.append(Output(name, counts, time.perf_counter() - t0))
        report(f"wrote {out_name}/{outputs[-1]}")
    return outputs


@functools.lru_cache(maxsize=None)
def _c_function(name: str) -> Callable[..., int] | None:
    """The C library's function ``name`` as this process already has it loaded,
    or None where there is no such function (macOS, Windows, musl).

    ``ctypes.util.find_library`` would run ``ldconfig`` in a child process on
    every call, from a build that may hold a gigabyte.
    """
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name, None)
    except (OSError, TypeError):  # Windows: no handle for the process itself
        return None


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when the build that forked it dies."""
    prctl = _c_function("prctl")
    if prctl is not None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _worker(glossary: Glossary, tmp: Path, steps: list[Step], parent: int, conn) -> None:
    """The second process: write ``steps``, send back the outputs or the error."""
    _die_with_parent(parent)
    try:
        result: tuple[bool, object] = (True, _run(glossary, tmp, steps, lambda line: None, ""))
    except BaseException as exc:  # raised again by the build
        result = (False, exc)
    try:
        conn.send(result)
    except Exception:  # an error that cannot be pickled: send its text
        conn.send((False, GlossaryError(f"{type(result[1]).__name__}: {result[1]}")))
    conn.close()


def _run_parallel(glossary: Glossary, tmp: Path, steps: list[Step],
                  report: Callable[[str], None], out_name: str) -> list[Output]:
    """Run the steps in this process and in one forked worker at once."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    mine, theirs = _lanes(steps)
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, daemon=True,
                             args=(glossary, tmp, theirs, os.getpid(), sender))
    worker.start()
    sender.close()
    try:
        outputs = _run(glossary, tmp, mine, lambda line: None, out_name)
        try:
            ok, result = receiver.recv()
        except EOFError:  # it died without a word
            worker.join()
            ok, result = False, GlossaryError(
                f"the export process died (exit code {worker.exitcode}) while writing "
                + ", ".join(name for name, _ in theirs))
        worker.join()
    except BaseException:
        worker.kill()
        worker.join()
        raise
    finally:
        receiver.close()
    if not ok:
        raise result  # type: ignore[misc]
    order = {name: i for i, (name, _) in enumerate(steps)}
    outputs = sorted(outputs + result, key=lambda o: order[o.name])  # type: ignore[operator]
    for output in outputs:
        report(f"wrote {out_name}/{output}")
    return outputs


def _parallel(glossary: Glossary, steps: list[Step], jobs: int | None) -> bool:
    if len(steps) < 2 or jobs == 1:
        return False
    import multiprocessing
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    if jobs is None:
        return (os.cpu_count() or 1) >= 2 and PARALLEL_CONCEPTS <= len(glossary) < SERIAL_CONCEPTS
    return jobs >= 2


def _give_back_memory() -> None:
    """Return the free pages of the C heap to the system, where the C library can.

    Large temporary buffers (a pickle, an output's text, Arrow's arrays) come
    from glibc's heap, which keeps freed pages for later; the next output
    would then start from a higher resident size than it needs.
    """
    trim = _c_function("malloc_trim")
    if trim is not None:
        trim(0)


def _owned(out: Path) -> None:
    """Refuse to replace anything that a build did not make."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise GlossaryError(f"{out}: exists and is not a folder; refusing to replace it")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise GlossaryError(f"{out}: the folder is not empty and was not made by "
                            f"'glossary build' (no {MARKER} in it); refusing to replace it. "
                            "Choose another --out, or empty it yourself.")


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (the output's parent) for the build's duration."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here; the atomic swap still holds
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


_RENAME_EXCHANGE = 2


def _swap(new: Path, out: Path) -> Path | None:
    """Put ``new`` at ``out`` in one step; return where the old output went."""
    if not out.exists():
        os.rename(new, out)
        return None
    renameat2 = _c_function("renameat2")
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(out),
                     _RENAME_EXCHANGE) == 0:
            return new  # ``new`` now holds the old output
    old = new.with_name(new.name.replace(".tmp-", ".old-"))
    os.rename(out, old)
    os.rename(new, out)
    return old


def _clean_leftovers(out: Path) -> None:
    """Remove temporary folders of builds that were killed (we hold the lock)."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def build(locales: str | os.PathLike[str], out: str | os.PathLike[str] = "exports",
          report: Callable[[str], None] = lambda line: None,
          steps: list[Step] | None = None, jobs: int | None = None) -> list[Output]:
    """Build every output from the catalogs in ``locales`` into ``out``.

    ``report`` receives one line per output written, then one with the
    total time and the part of it spent reading the catalogs. ``jobs`` is
    how many processes write the outputs: 1 or 2 (``None``: 2 for a large
    glossary where there are two cores). Raises :class:`GlossaryError` (nothing
    written) on catalog errors or a folder it does not own.
    """
    from .catalogs import errors_in, load_catalogs
    started = time.perf_counter()
    out = Path(out).absolute()
    glossary, findings = load_catalogs(locales)
    reading = time.perf_counter() - started
    errors = errors_in(findings)
    if errors:
        raise GlossaryError(errors)
    # The glossary lives as long as the build: keep the collector from
    # scanning its objects again and again while the outputs are written
    # (and, in a forked worker, from copying every page it touches).
    gc.freeze()
    _give_back_memory()  # what reading the catalogs freed
    try:
        return _build(glossary, len(findings) - len(errors), out, report, steps, jobs,
                      started, reading)
    finally:
        gc.unfreeze()


def _build(glossary: Glossary, warnings: int, out: Path,
           report: Callable[[str], None], steps: list[Step] | None, jobs: int | None,
           started: float, reading: float) -> list[Output]:
    _owned(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        _owned(out)  # another build may have run while we waited
        _clean_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            os.chmod(tmp, 0o755)
            (tmp / MARKER).write_text("Made by 'glossary build' (bpo-kpo-glossary). "
                                      "The next build replaces this folder.\n", encoding="utf-8")
            steps = list(steps if steps is not None else STEPS)
            run = _run_parallel if _parallel(glossary, steps, jobs) else _run
            outputs = run(glossary, tmp, steps, report, out.name)
            old = _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    report(f"built {out} from {len(glossary)} concepts in {len(glossary.languages)} languages "
           f"({', '.join(glossary.languages)}) in {time.perf_counter() - started:.2f} s "
           f"(reading the catalogs {reading:.2f} s)"
           + (f"; {warnings} warnings (see 'glossary check')" if warnings else ""))
    return outputs
