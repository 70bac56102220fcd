"""Settings are checked when they load (issue 13 item 5): a bad one stops `moat serve` with one line
naming the key, the value and what is allowed, and `moat config check` reports every one offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from moat.config import PlatformSettings, load_settings
from moat.config_validate import SettingsError
from tests.gateway.conftest import free_port

# (settings file, MOAT_* variables, the one line expected on stderr)
BAD = {
    "type": ("", {"MOAT_SERVER__PORT": "abc"}, "MOAT_SERVER__PORT=abc: server.port must be an integer from 1 to 65535"),
    "range": ("[server]\nworkers = 0\n", {}, "moat.toml: server.workers = 0: must be an integer at least 1"),
    "enum": ('[recording]\nprompts = "bogus"\n', {},
             'moat.toml: recording.prompts = "bogus": must be one of "full", "truncate", "hash"'),
    "enum from env": ("", {"MOAT_ATTRIBUTION__FAIL_MODE": "open"},
                      'MOAT_ATTRIBUTION__FAIL_MODE=open: attribution.fail_mode must be one of "fail_open", '
                      '"fail_closed"'),
    "url": ('[[upstreams]]\nname = "g"\nkind = "openai"\nbase_url = "ftp://x"\n', {},
            'moat.toml: upstreams[0].base_url = "ftp://x": must be an http:// or https:// URL (or empty)'),
    "upstream kind": ('[[upstreams]]\nname = "g"\nkind = "gemini"\nbase_url = "https://x.example"\n', {},
                      'moat.toml: upstreams[0].kind = "gemini": must be one of "openai", "anthropic", "demo", "http"'),
    "database url": ("", {"MOAT_DATABASE_URL": "mysql://u:pw@db/moat"},
                     "MOAT_DATABASE_URL=(hidden): database_url must be a sqlite:// or postgresql:// or postgres:// "
                     "URL (or empty)"),
    "unknown key": ("[server]\nprot = 9000\n", {}, "moat.toml: unknown setting server.prot; did you mean server.port?"),
    "unknown variable": ("", {"MOAT_SERVR__PORT": "9000"},
                         "MOAT_SERVR__PORT: unknown setting servr.port; did you mean server.port?"),
    "route to nowhere": ('[[routes]]\nmodel = "gpt-*"\nupstream = "opnai"\n', {},
                         'moat.toml: routes[0].upstream = "opnai": must be the name of an upstream: demo'),
    "platform": ('[[platforms]]\nplatform_id = "ide"\naccount_id = "ide-vendor"\n', {},
                 "moat.toml: platforms[0] needs exactly one of public_key (Ed25519) and hs256_secret"),
    "webhook event": ('[[webhooks]]\nurl = "https://hooks.example/moat"\nevents = ["case.open"]\n', {},
                      'moat.toml: webhooks[0].events = "case.open": must be "*" or one of action.applied, '
                      "action.undone, case.opened, appeal.created, appeal.decided, decision.denied, exception.granted, "
                      "exception.revoked"),
}


def moat(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MOAT_")}
    clean["MOAT_HOME"] = str(home / "data")
    return subprocess.run([sys.executable, "-m", "moat", *args], cwd=home, env={**clean, **(env or {})},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_setting_stops_the_start_with_one_line(tmp_path: Path, case: str) -> None:
    text, env, line = BAD[case]
    (tmp_path / "moat.toml").write_text(text)
    port = [] if "MOAT_SERVER__PORT" in env else ["--port", str(free_port())]  # the command line would win
    served = moat(tmp_path, "serve", *port, env=env)
    assert served.returncode == 2
    assert served.stderr.splitlines() == [f"moat: {line}"]
    assert "Traceback" not in served.stderr and served.stdout == ""

    checked = moat(tmp_path, "config", "check", env=env)
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [line, "config check: 1 problem(s)"]


def test_config_check_lists_every_problem_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        'admin_token = 5\n[recording]\nprompts = "bogus"\n[server]\nprot = 9\n'
        '[[upstreams]]\nname = "g"\nkind = "gemini"\nbase_url = "ftp://x"\n')
    checked = moat(tmp_path, "config", "check", "--config", "bad.toml", env={"MOAT_SERVER__PORT": "abc"})
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "bad.toml: admin_token = (hidden): must be a string",  # a credential is never echoed
        'bad.toml: recording.prompts = "bogus": must be one of "full", "truncate", "hash"',
        "bad.toml: unknown setting server.prot; did you mean server.port?",
        "MOAT_SERVER__PORT=abc: server.port must be an integer from 1 to 65535",
        'bad.toml: upstreams[0].kind = "gemini": must be one of "openai", "anthropic", "demo", "http"',
        'bad.toml: upstreams[0].base_url = "ftp://x": must be an http:// or https:// URL (or empty)',
        "config check: 6 problem(s)",
    ]


def test_config_check_says_ok_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "moat.toml").write_text(
        'platforms = [{platform_id = "ide", account_id = "ide-vendor", hs256_secret = "s"}]\n'
        '[[upstreams]]\nname = "openai"\nbase_url = "https://api.openai.com/v1"\n'
        '[[routes]]\nmodel = "gpt-*"\nupstream = "openai"\n')
    checked = moat(tmp_path, "config", "check", env={"MOAT_SERVER__PORT": "9000"})
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines() == [
        "config ok: moat.toml + 2 MOAT_* variable(s): 1 upstream(s), 1 route(s), 1 platform(s), 0 webhook(s), "
        "database sqlite (embedded), limits in-process"]


def test_variables_are_typed_by_the_setting_they_name() -> None:
    settings = load_settings(env={"MOAT_ADMIN_TOKEN": "0123", "MOAT_SERVER__PORT": "9000",
                                  "MOAT_SERVER__HEADER_TIMEOUT": "2", "MOAT_DETECT__ONLINE": "false",
                                  "MOAT_SERVER__TRUSTED_PROXIES": '["10.0.0.0/8"]', "MOAT_TEST_ANYTHING": "x",
                                  # Kubernetes' variables for a Service named "moat" are not settings
                                  "MOAT_SERVICE_HOST": "10.0.0.1", "MOAT_PORT": "tcp://10.0.0.1:8080",
                                  "MOAT_PORT_8080_TCP_PORT": "8080"})
    assert settings.admin_token == "0123"  # a string setting keeps the text as typed
    assert settings.server.port == 9000 and settings.server.header_timeout == 2.0
    assert settings.detect.online is False and settings.server.trusted_proxies == ["10.0.0.0/8"]


def test_platforms_are_typed_settings(tmp_path: Path) -> None:
    (tmp_path / "moat.toml").write_text('[[platforms]]\nplatform_id = "ide"\naccount_id = "v"\npublic_key = "abc"\n')
    with pytest.raises(SettingsError) as raised:
        load_settings(tmp_path / "moat.toml", env={})
    assert raised.value.problems == [
        f'{tmp_path / "moat.toml"}: platforms[0].public_key = "abc": must be an Ed25519 public key, PEM or 32 bytes '
        "in base64"]
    (tmp_path / "moat.toml").write_text('[[platforms]]\nplatform_id = "ide"\naccount_id = "v"\nhs256_secret = "s"\n')
    assert load_settings(tmp_path / "moat.toml", env={}).platforms == [
        PlatformSettings(platform_id="ide", account_id="v", hs256_secret="s")]


def test_config_check_json(tmp_path: Path) -> None:
    (tmp_path / "moat.toml").write_text('log_level = "loud"\n')
    checked = moat(tmp_path, "config", "check", "--json")
    assert checked.returncode == 1
    assert orjson.loads(checked.stdout) == {"ok": False, "problems": [
        'moat.toml: log_level = "loud": must be one of "debug", "info", "warning", "error", "critical"']}
    (tmp_path / "moat.toml").write_text('log_level = "debug"\n')
    checked = moat(tmp_path, "config", "check", "--json")
    assert checked.returncode == 0 and orjson.loads(checked.stdout)["ok"] is True
