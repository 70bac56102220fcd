"""The README's "Try it" block works when pasted (issue 13): extracted from the README as it is and
run by bash against a started `moat serve`, over real HTTP, with `.venv/bin/moat` as the command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.gateway.conftest import free_port

README = Path(__file__).resolve().parents[2] / "README.md"


def try_it_block() -> str:
    """Every sh block of the Try it section, in order (pasted one after the other)."""
    section = README.read_text().split("## Try it", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert blocks, "the README's Try it section has no sh block"
    return "\n".join(blocks)


def test_the_readme_try_it_block_works_when_pasted(tmp_path: Path) -> None:
    moat = tmp_path / ".venv" / "bin" / "moat"
    moat.parent.mkdir(parents=True)
    moat.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m moat "$@"\n')
    moat.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOAT_")}  # defaults, as after make demo
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([str(moat), "serve", "--port", str(port)], cwd=tmp_path, env=env, stdout=log,
                              stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "moat serve did not become ready"
            time.sleep(0.1)
        script = try_it_block().replace("localhost:8080", f"localhost:{port}")
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        server.terminate()
        server.wait(30)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert '"object":"chat.completion"' in out  # alice's answer
    assert '"code":"competitive_use_restricted"' in out  # bob's refusal
    appeal = re.search(r'\{"id":"apl_[^}]*"object":"appeal"[^}]*\}', out)
    assert appeal, out
    assert '"status":"pending"' in appeal.group(0) and "I left Rival Labs in May" in appeal.group(0)
    # the reviewer accepts with the proposed exception: bob is answered; then eve's evaluation key is
    # answered and her other key refused (issue 13 item 1)
    assert "lifted   dec_" in out and "exception: account:bob lifts reason:competitive_use_restricted" in out
    assert out.count('"object":"chat.completion"') == 3, out
    assert out.count('"code":"competitive_use_restricted"') == 2, out
