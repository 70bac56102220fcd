"""The policies page's bundle when the gateway runs no policy engine of its own: loaded on the
compile worker (moat.policy.worker), never on the event loop, and a directory whose bundle does not
load (a file that is not UTF-8) is refused with the file and the reason, not a 500 (issue 16)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import moat.policy
from moat.console.pages.policies import _files, bundle_in_force
from moat.policy.worker import COMPILER
from moat.policy.yamlread import BundleError


def _console(policy_dir: Path) -> Any:
    return SimpleNamespace(runtime=SimpleNamespace(policy=None, settings=SimpleNamespace(policy_dir=str(policy_dir))),
                           cache={})


def _bundle_dir(tmp_path: Path) -> Path:
    target = tmp_path / "policies"
    target.mkdir()
    for source in (Path(moat.policy.__file__).parent / "default").glob("*.yaml"):
        if not source.name.endswith("_test.yaml"):
            shutil.copy(source, target / source.name)
    return target


def test_the_bundle_loads_on_the_compile_worker(tmp_path: Path) -> None:
    c = _console(_bundle_dir(tmp_path))
    before = COMPILER.submitted
    bundle, enforced = asyncio.run(bundle_in_force(c))
    assert not enforced and bundle.rules and COMPILER.submitted == before + 1
    asyncio.run(bundle_in_force(c))  # unchanged files: the cached bundle, no second load
    assert COMPILER.submitted == before + 1


def test_a_file_that_is_not_utf8_is_named_with_its_reason(tmp_path: Path) -> None:
    directory = _bundle_dir(tmp_path)
    good, _ = asyncio.run(bundle_in_force(_console(directory)))
    (directory / "latin1.yaml").write_bytes(b"rules:\n  - id: caf\xe9\n")
    files, problems = _files(good)  # the bundle in force stays readable beside it
    assert "latin1.yaml" not in files and files
    assert len(problems) == 1 and problems[0].startswith("latin1.yaml:2: not UTF-8"), problems
    with pytest.raises(BundleError) as refused:
        asyncio.run(bundle_in_force(_console(directory)))
    assert any("latin1.yaml" in e.file and "not UTF-8" in e.reason for e in refused.value.errors)
