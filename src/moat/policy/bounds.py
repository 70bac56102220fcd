"""Bounds on the work one policy bundle can ask of the loader (`moat policy check`, hot reload,
the console's dry run): a file or expression over any of them is refused with file, line and
reason, before any costly step runs.

Every walk of a condition is linear in its syntax tree and counted in a `Budget` (one step per node
visited), so the work a condition can cause is bounded by its size, and its size is bounded here:
characters and tokens are checked before the parser builds anything, nesting and tree depth while
it builds (so no recursive walk can exceed the interpreter's stack), and the steps of every later
walk against `MAX_COMPILE_STEPS`. A whole bundle also has a time limit (`COMPILE_SECONDS`) as a
backstop: the load stops at the first step past it and is refused; the last good bundle stays. It
is CPU time of the compiling thread (`time.thread_time`), so a replica busy serving requests (the
compile thread waiting for the GIL) does not refuse a bundle it would load when idle; and less the
garbage collector's runs in that thread (`collector_excluded`), which are the process's work: a
full collection of a large heap can take a second of whichever thread allocated last.

The figures are chosen so that the largest bundle within them compiles in about half a second on
a small machine (bench/policy_worst_case.py; bench/RESULTS.md), and far above what a real bundle
needs (the shipped default: 5 files, 10 KB, conditions under 200 characters).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# -- files (checked before a file is parsed) ------------------------------------------------------
MAX_FILE_BYTES = 256 * 1024  # one YAML file
MAX_BUNDLE_BYTES = 512 * 1024  # all files of a bundle together
MAX_BUNDLE_FILES = 256  # *.yaml / *.yml files in a bundle directory (tests excluded)
MAX_YAML_DEPTH = 16  # nested mappings / sequences (a bundle needs 5)
MAX_YAML_NODES = 50_000  # scalars, mappings and sequences in one file (1,000 rules need ~20,000)
# Anchors and aliases (`&a` / `*a`) are refused outright: no policy needs them, and they are how a
# few hundred bytes of YAML expand to billions of nodes.

# -- a bundle ---------------------------------------------------------------------------------------
MAX_RULES = 1_000
MAX_LIMITS = 500

# -- one CEL expression (a `when`, a limit key) -----------------------------------------------------
MAX_EXPRESSION_CHARS = 131_072  # checked before tokenizing (`org.id in [...]` lists of 5,000 ids fit)
MAX_EXPRESSION_TOKENS = 32_768  # checked while tokenizing; a syntax tree has at most one node per token
MAX_EXPRESSION_NESTING = 32  # parentheses, brackets, braces, calls, `? :`, unary operators
MAX_EXPRESSION_DEPTH = 64  # syntax-tree depth; `&&`/`||` chains are balanced, `a[0][0]`, `a + b` chains are not
MAX_COMPILE_STEPS = 400_000  # node visits by every load-time walk of one expression

# -- time -------------------------------------------------------------------------------------------
COMPILE_SECONDS = 1.0  # CPU seconds for one bundle's load, check and compile; over it: refused
WAIT_SECONDS = 10.0  # wall-clock wait for the compile worker (moat.policy.worker) before giving up
_CLOCK_EVERY = 512  # steps between two looks at the clock


class LimitExceeded(ValueError):
    """An expression or file over one of the bounds above; `pos` is the offset where it was found."""

    def __init__(self, message: str, pos: int = 0) -> None:
        super().__init__(message)
        self.pos = pos


class CompileTimeout(Exception):
    """The bundle's compile ran past COMPILE_SECONDS (the whole load is refused)."""


class Budget:
    """Counts the steps of load-time work on one expression, against a step limit and a deadline.

    `steps` is what the tests assert on: the work a condition caused, independent of the clock.
    """

    __slots__ = ("_next_clock", "deadline", "max_steps", "steps")

    def __init__(self, max_steps: int = MAX_COMPILE_STEPS, deadline: float | None = None) -> None:
        self.steps = 0
        self.max_steps = max_steps
        self.deadline = deadline  # a time.thread_time() value (see deadline_in), or None for no clock
        self._next_clock = _CLOCK_EVERY

    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > self.max_steps:
            raise LimitExceeded(f"over the compile budget of {self.max_steps} steps (MAX_COMPILE_STEPS)")
        if self.steps >= self._next_clock:
            self._next_clock = self.steps + _CLOCK_EVERY
            self.check_clock()

    def check_clock(self) -> None:
        if self.deadline is not None and compile_clock() > self.deadline:
            raise CompileTimeout("compile time limit reached")


def deadline_in(seconds: float | None) -> float | None:
    """A deadline `seconds` of this thread's compile clock from now (only this thread may check it)."""
    return None if seconds is None else compile_clock() + seconds


_collector = threading.local()  # per thread: when the collection under way started, CPU spent in all
_windows = 0  # loads under way: the collector is timed only while one is
_windows_lock = threading.Lock()


def _on_collection(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _collector.started = time.thread_time()
    elif (started := getattr(_collector, "started", None)) is not None:
        _collector.spent = getattr(_collector, "spent", 0.0) + time.thread_time() - started
        _collector.started = None


def compile_clock() -> float:
    """This thread's CPU time less the garbage collector's runs in it (timed inside
    `collector_excluded`)."""
    return time.thread_time() - getattr(_collector, "spent", 0.0)


@contextmanager
def collector_excluded() -> Iterator[None]:
    """Time the garbage collector while a bundle loads, so its runs do not count against the
    load's deadline. Only then: a callback on every collection would cost the serving path."""
    global _windows
    with _windows_lock:
        _windows += 1
        if _windows == 1:
            gc.callbacks.append(_on_collection)
    try:
        yield
    finally:
        with _windows_lock:
            _windows -= 1
            if _windows == 0:
                gc.callbacks.remove(_on_collection)
