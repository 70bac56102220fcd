"""A bad bundle is refused with file, line and reason; never half-loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from moat.policy import BundleError, load_bundle
from moat.policy.bundle import MAX_NODES


def errors_of(directory: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(BundleError) as info:
        load_bundle(directory)
    return [(Path(e.file).name, e.line, e.reason) for e in info.value.errors]


def test_yaml_syntax_error_has_its_line(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        rules:
          - id: ok
            effect: deny
            when: "true"
          - id: broken
            effect: [deny
        """})
    [(name, line, reason)] = errors_of(d)
    assert name == "a.yaml" and reason.startswith("YAML:")
    assert line in (6, 7)


def test_cel_syntax_error_points_at_the_condition_line(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        rules:
          - id: first
            effect: deny
            when: account.plan == "free"
          - id: second
            effect: deny
            when: account.plan == "free" &&
        """})
    [(name, line, reason)] = errors_of(d)
    assert (name, line) == ("a.yaml", 7)
    assert "rule second" in reason and "syntax error" in reason


def test_error_inside_a_block_condition_names_the_exact_line(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        rules:
          - id: multi
            effect: deny
            when: |
              account.plan == "free"
              && scores.distillaton > 0.5
        """})
    [(_, line, reason)] = errors_of(d)
    assert line == 6
    assert "unknown field 'distillaton' of Scores" in reason


def test_unknown_variable_and_field_are_load_errors(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        rules:
          - {id: r1, effect: deny, when: 'acount.plan == "x"'}
          - {id: r2, effect: deny, when: 'account.plna == "x"'}
          - {id: r3, effect: deny, when: 'org.owners.exists(o, o.stake > 0.5)'}
          - {id: r4, effect: deny, when: 'account.plan.size > 2'}
          - {id: r5, effect: deny, when: 'account.plan.lowerAscii() == "x"'}
        """})
    errs = errors_of(d)
    assert [line for _, line, _ in errs] == [2, 3, 4, 5, 6]
    assert "unknown function 'lowerAscii'" in errs[4][2]
    assert "unknown variable 'acount'" in errs[0][2]
    assert "unknown field 'plna' of Account" in errs[1][2]
    assert "unknown field 'stake' of Owner" in errs[2][2]
    assert "string has no field 'size'" in errs[3][2]


def test_rule_field_errors(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        rules:
          - id: r1
            effect: explode
          - id: r2
            effect: deny
            mode: loud
            colour: red
          - id: r3
            effect: throttle
          - id: r4
            effect: throttle
            limit: nope
          - id: r5
            effect: cap
          - id: ok
            effect: allow
          - id: ok
            effect: allow
        """})
    errs = errors_of(d)
    reasons = " | ".join(r for _, _, r in errs)
    assert "effect must be one of" in reasons
    assert "mode must be one of" in reasons
    assert "unknown rule field 'colour'" in reasons
    assert "a throttle rule needs `limit: <name>`" in reasons
    assert "unknown limit 'nope'" in reasons
    assert "a cap rule needs" in reasons
    assert "duplicate rule id 'ok' (first at" in reasons
    assert [line for _, line, r in errs if "duplicate" in r] == [17]
    assert all(line > 0 for _, line, _ in errs)


def test_limit_errors(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        limits:
          - {name: a, requests_per_minute: 0}
          - {name: b}
          - {name: c, requests_per_minute: 5, fail_mode: maybe}
          - {name: d, requests_per_minute: 5, key: 'acount.id'}
          - {name: e, requests_per_minute: 5}
          - {name: e, requests_per_minute: 6}
        """})
    reasons = [r for _, _, r in errors_of(d)]
    assert any("limit must be a positive integer" in r for r in reasons)
    assert any("sets no rate" in r for r in reasons)
    assert any("fail_mode must be one of" in r for r in reasons)
    assert any("unknown variable 'acount'" in r for r in reasons)
    assert any("duplicate limit 'e'" in r for r in reasons)


def test_cost_ceiling(bundle_dir: Callable[..., Path]) -> None:
    wide = " || ".join(f"scores.risk > 0.{i}" for i in range(MAX_NODES // 3 + 5))
    nested = "org.owners.exists(a, org.owners.exists(b, org.owners.exists(c, c.share > a.share)))"
    d = bundle_dir({"a.yaml": f"""
        rules:
          - id: wide
            effect: flag
            when: '{wide}'
          - id: nested
            effect: flag
            when: '{nested}'
        """})
    errs = errors_of(d)
    assert len(errs) == 2
    assert "over the cost ceiling" in errs[0][2] and "nodes" in errs[0][2]
    assert "macro nesting 3 > 2" in errs[1][2]


def test_long_lists_are_fine_as_index_terms(bundle_dir: Callable[..., Path]) -> None:
    orgs = ", ".join(f'"org-{i}"' for i in range(5000))
    d = bundle_dir({"a.yaml": f"rules:\n  - {{id: named, effect: deny, when: 'org.id in [{orgs}]'}}\n"})
    bundle = load_bundle(d)
    assert len(bundle.rules[0].index["org"]) == 5000
    assert bundle.rules[0].program is None


def test_top_level_and_empty_directory(bundle_dir: Callable[..., Path], tmp_path: Path) -> None:
    d = bundle_dir({"a.yaml": "rulez: []\n"})
    assert "unknown top-level key 'rulez'" in errors_of(d)[0][2]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no policy files" in errors_of(empty)[0][2]


def test_unsupported_syntax_is_refused(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        rules:
          - {id: msg, effect: deny, when: 'google.protobuf.Value{} == null'}
        """})
    assert "message construction is not supported" in errors_of(d)[0][2]


def test_cache_weights_per_quota(bundle_dir: Callable[..., Path]) -> None:
    d = bundle_dir({"a.yaml": """
        limits:
          - {name: plain, input_tokens_per_day: 1000}
          - {name: flat, tokens_per_minute: 500, output_tokens_per_day: 9, cache_read_weight: 1,
             cache_write_weight: 1.5}
        """})
    specs = load_bundle(d).limit_specs
    assert (specs["plain"].cache_read_milli, specs["plain"].cache_write_milli) == (100, 1250)
    assert {(s.cache_read_milli, s.cache_write_milli) for n, s in specs.items() if n.startswith("flat/")} == {
        (1000, 1500)}
    bad = bundle_dir({"a.yaml": """
        limits:
          - {name: a, input_tokens_per_day: 1000, cache_read_weight: "cheap"}
          - {name: b, input_tokens_per_day: 1000, cache_write_weight: 0.12345}
        """})
    reasons = [(line, r) for _, line, r in errors_of(bad)]
    assert (2, "cache_read_weight must be a number (e.g. 0.1)") in reasons
    assert any(line == 3 and "cache_write_weight must be a number from 0 to 100 with at most three decimals" in r
               for line, r in reasons)
