"""The simulator: deterministic by seed, the spec's format, labels for every account, parameters obeyed."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import orjson
import pytest

from moat.detect.sim import SimParams, simulate
from moat.detect.sim.params import ABUSIVE, DEFAULT_MIXTURE
from moat.traffic import ACCOUNT_FIELDS, ENTITY_FIELDS, REQUEST_FIELDS

FILES = ("accounts.jsonl", "requests.jsonl", "entities.jsonl", "labels.jsonl")


def digest(path: Path) -> dict[str, str]:
    return {f: hashlib.sha256((path / f).read_bytes()).hexdigest() for f in FILES}


def rows(path: Path) -> list[dict]:
    return [orjson.loads(x) for x in path.read_bytes().splitlines()]


def test_same_seed_same_bytes_other_seed_other_world(tmp_path: Path) -> None:
    p = SimParams(accounts=120, days=2, seed=5, volume=0.1)
    simulate(p, tmp_path / "a")
    simulate(p, tmp_path / "b")
    simulate(p.with_(seed=6), tmp_path / "c")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a")["requests.jsonl"] != digest(tmp_path / "c")["requests.jsonl"]


def test_output_is_the_spec_format_time_ordered_and_fully_labelled(small_dataset: Path) -> None:
    accounts = rows(small_dataset / "accounts.jsonl")
    requests = rows(small_dataset / "requests.jsonl")
    labels = {r["account_id"]: r for r in rows(small_dataset / "labels.jsonl")}
    assert all(list(a) == list(ACCOUNT_FIELDS) for a in accounts)
    assert all(list(r) == list(REQUEST_FIELDS) for r in requests)
    assert all(list(e) == list(ENTITY_FIELDS) for e in rows(small_dataset / "entities.jsonl"))
    assert [r["ts"] for r in requests] == sorted(r["ts"] for r in requests)
    assert set(labels) == {a["account_id"] for a in accounts}
    assert {r["account_id"] for r in requests} <= set(labels)
    cats = {c for lab in labels.values() for c in lab["categories"]}
    assert cats == {"distillation", "coordination", "scraping", "tier_abuse", "competitor"}
    networks = Counter(lab["network_id"] for lab in labels.values() if lab["network_id"])
    assert networks and min(networks.values()) >= 3


def test_mixture_and_volume_parameters_are_obeyed(tmp_path: Path) -> None:
    benign_only = {k: v for k, v in DEFAULT_MIXTURE.items() if k not in ABUSIVE}
    counts = simulate(SimParams(accounts=100, days=1, seed=1, volume=0.05, mixture=benign_only), tmp_path / "b")
    labels = rows(tmp_path / "b" / "labels.jsonl")
    assert all(not lab["categories"] for lab in labels)
    people = {"developer": 1.0, "student": 1.0}
    few = simulate(SimParams(accounts=100, days=2, seed=1, volume=0.2, mixture=people), tmp_path / "f")
    more = simulate(SimParams(accounts=100, days=2, seed=1, volume=0.8, mixture=people), tmp_path / "m")
    assert counts["requests"] > 0 and more["requests"] > 2 * few["requests"]


def test_unknown_persona_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown persona"):
        simulate(SimParams(accounts=10, mixture={"nobody": 1.0}), tmp_path / "x")


# --- the mixture: every persona, consistent labels, hard negatives that are really there ----------

@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim-full") / "ds"
    simulate(SimParams(accounts=1000, days=3, seed=3, volume=0.1), out)
    return out


def by_account(path: Path, name: str) -> dict[str, dict]:
    return {r["account_id"]: r for r in rows(path / name)}


def test_every_persona_is_present_and_about_a_fifth_is_abusive(world: Path) -> None:
    labels = rows(world / "labels.jsonl")
    personas = Counter(lab["persona"] for lab in labels)
    assert set(personas) == set(DEFAULT_MIXTURE)
    abusive = sum(1 for lab in labels if lab["categories"])
    assert 0.15 <= abusive / len(labels) <= 0.25
    for lab in labels:
        if lab["persona"] not in ABUSIVE:
            assert not lab["categories"] and lab["network_id"] is None, lab
        else:
            assert lab["categories"], lab


def test_labels_are_consistent(world: Path) -> None:
    labels = rows(world / "labels.jsonl")
    restricted = {e["org_id"] for e in rows(world / "entities.jsonl") if e["restricted"]}
    networks: dict[str, list[dict]] = {}
    for lab in labels:
        if lab["network_id"]:
            networks.setdefault(lab["network_id"], []).append(lab)
        if "coordination" in lab["categories"]:
            assert lab["network_id"], lab
        if "competitor" in lab["categories"]:
            assert lab["org_id"] in restricted, lab
        elif lab["org_id"] is not None:
            assert lab["org_id"] not in restricted, lab
    kinds = {lab["persona"] for members in networks.values() for lab in members}
    assert {"distill_network", "free_farm"} <= kinds
    for members in networks.values():
        assert len(members) >= 3
        assert all("coordination" in lab["categories"] for lab in members)
        assert len({lab["persona"] for lab in members}) == 1
    farms = [m for m in networks.values() if m[0]["persona"] == "free_farm"]
    assert all(set(lab["categories"]) == {"tier_abuse", "coordination"} for m in farms for lab in m)
    personas = Counter(lab["persona"] for lab in labels if "competitor" in lab["categories"])
    assert personas["rival_personal"] and personas["rival_platform"]


def test_requests_follow_signup_and_stay_in_the_window(world: Path) -> None:
    created = {a["account_id"]: a["created_at"] for a in rows(world / "accounts.jsonl")}
    p = SimParams(accounts=1000, days=3, seed=3)
    for r in rows(world / "requests.jsonl"):
        assert created[r["account_id"]] <= r["ts"] < p.start + p.days * 86400 + 86400
        assert (r["channel"] == "platform") == (r["platform"] is not None)
        assert r["channel"] == "direct" or r["end_user_id"]


def test_rivals_list_shared_ranges_that_dozens_of_benign_accounts_use(world: Path) -> None:
    labels = by_account(world, "labels.jsonl")
    rivals = [e for e in rows(world / "entities.jsonl") if e["restricted"]]
    prefixes = {c.rsplit(".", 1)[0]: c for e in rivals for c in e["ip_ranges"]}
    users: dict[str, set[str]] = {}
    for r in rows(world / "requests.jsonl"):
        cidr = prefixes.get(r["client_ip"].rsplit(".", 1)[0])
        if cidr and not labels[r["account_id"]]["categories"]:
            users.setdefault(cidr, set()).add(r["account_id"])
    busy = {c for c, u in users.items() if len(u) >= 12}
    assert all(any(c in busy for c in e["ip_ranges"]) for e in rivals), {c: len(u) for c, u in users.items()}
    visitors = {a for u in users.values() for a in u if labels[a]["persona"] in ("rival_visitor", "former_rival")}
    assert visitors  # benign accounts inside a rival's own range too


def test_ide_platform_relays_many_users_from_few_addresses_with_one_system_prompt(world: Path) -> None:
    labels = by_account(world, "labels.jsonl")
    seen: dict[str, tuple[set, set, set]] = {}
    for r in rows(world / "requests.jsonl"):
        if labels[r["account_id"]]["persona"] == "ide_user":
            ips, systems, accounts = seen.setdefault(r["platform"], (set(), set(), set()))
            ips.add(r["client_ip"])
            systems.add(r["system"])
            accounts.add(r["account_id"])
            assert r["end_user_org"] and r["end_user_id"]
    assert seen
    for ips, systems, _ in seen.values():
        assert len(ips) <= 4 and len(systems) == 1 and len(systems.pop()) > 600
    assert max(len(a) for _, _, a in seen.values()) >= 10


def test_hackathon_cohorts_sign_up_together_with_one_starter_kit(world: Path) -> None:
    labels = by_account(world, "labels.jsonl")
    accounts = [a for a in rows(world / "accounts.jsonl") if labels[a["account_id"]]["persona"] == "hackathon"]
    assert len(accounts) >= 15
    created = sorted(a["created_at"] for a in accounts)
    assert created[14] - created[0] < 12 * 3600
    assert {a["plan"] for a in accounts} <= {"free", "pro", "api"}
    assert all(a["payment_fingerprint"] is None for a in accounts if a["plan"] == "api")  # the sponsor's credit
    ids = {a["account_id"] for a in accounts}
    kits = {r["system"] for r in rows(world / "requests.jsonl") if r["account_id"] in ids}
    assert 1 <= len(kits) <= 2


def test_research_labs_share_a_card_and_eval_harnesses_walk_numbered_sets(world: Path) -> None:
    labels = by_account(world, "labels.jsonl")
    accounts = by_account(world, "accounts.jsonl")
    cards = Counter(accounts[a]["payment_fingerprint"] for a, lab in labels.items() if lab["persona"] == "research_lab")
    assert max(cards.values()) >= 3
    numbered = [r["prompt"] for r in rows(world / "requests.jsonl")
                if labels[r["account_id"]]["persona"] == "eval_harness"]
    assert numbered and all(any(ch.isdigit() for ch in p[:12]) for p in numbered)


def network_stats(path: Path) -> dict[str, float]:
    labels = by_account(path, "labels.jsonl")
    accounts = by_account(path, "accounts.jsonl")
    members = {a for a, lab in labels.items() if lab["persona"] == "distill_network"}
    per = Counter(r["account_id"] for r in rows(path / "requests.jsonl") if r["account_id"] in members)
    nets: dict[str, list[float]] = {}
    for a in members:
        nets.setdefault(labels[a]["network_id"], []).append(accounts[a]["created_at"])
    spread = sum(max(v) - min(v) for v in nets.values()) / len(nets)
    uas = {r["user_agent"] for r in rows(path / "requests.jsonl") if r["account_id"] in members}
    return {"volume": sum(per.values()) / len(members), "spread": spread, "uas": len(uas)}


def test_careful_adversaries_are_clearly_harder(tmp_path: Path) -> None:
    from moat.detect.sim.params import CAREFUL, SLOPPY

    base = SimParams(accounts=400, days=2, seed=9, volume=0.2)
    simulate(base.with_(**SLOPPY), tmp_path / "sloppy")
    simulate(base.with_(**CAREFUL), tmp_path / "careful")
    sloppy, careful = network_stats(tmp_path / "sloppy"), network_stats(tmp_path / "careful")
    assert careful["volume"] < 0.6 * sloppy["volume"]
    assert careful["spread"] > 10 * sloppy["spread"]
    assert careful["uas"] > sloppy["uas"]


def test_simulate_command_takes_presets_and_range_parameters(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from moat.cli import main

    r = CliRunner().invoke(main, ["simulate", str(tmp_path / "x"), "--accounts", "120", "--days", "1",
                                  "--volume", "0.05", "--careful", "careful", "--param", "farm_size=5,6",
                                  "--mix", "free_farm=0.3"])
    assert r.exit_code == 0, r.output
    farms = Counter(lab["network_id"] for lab in rows(tmp_path / "x" / "labels.jsonl") if lab["persona"] == "free_farm")
    assert farms and all(3 <= n <= 6 for n in farms.values())


def test_hard_negatives_parameter_scales_their_share(tmp_path: Path) -> None:
    from moat.detect.sim.params import HARD_NEGATIVES

    def share(k: float) -> float:
        simulate(SimParams(accounts=300, days=1, seed=4, volume=0.02, hard_negatives=k), tmp_path / str(k))
        labels = rows(tmp_path / str(k) / "labels.jsonl")
        return sum(lab["persona"] in HARD_NEGATIVES for lab in labels) / len(labels)

    assert share(0.0) == 0.0
    assert share(2.0) > share(1.0) > 0.2
