"""`moat link DATASET`: clusters and links with evidence, text and JSON."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from moat.cli import main
from moat.ids import cluster_id
from moat.traffic import DatasetWriter


def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "ds"
    with DatasetWriter(path, entities=True) as w:
        w.entity({"org_id": "rival-labs", "name": "Rival Labs", "restricted": True,
                  "domains": ["rivallabs.com"], "ip_ranges": ["203.0.113.0/24"]})
        w.account({"account_id": "emp", "email": "a@rivallabs.com", "payment_fingerprint": "pf1"})
        w.account({"account_id": "alt", "email": "b@gmail.com", "payment_fingerprint": "pf1"})
        w.account({"account_id": "nobody", "email": "c@gmail.com"})
        w.request({"ts": 1.0, "account_id": "nobody", "client_ip": "8.8.8.8"})
    (path / "accounts.jsonl").open("a").write("not json\n")
    return path


def test_link_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["link", str(dataset(tmp_path)), "-q"])
    assert result.exit_code == 0, result.output
    assert "3 accounts, 2 linked to an organization, 1 clusters" in result.output
    assert "2 accounts share payment instrument pf1" in result.output
    assert "alt -> rival-labs 0.81 RESTRICTED" in result.output
    assert "shares payment instrument pf1 with emp" in result.output
    assert "nobody" not in result.output


def test_link_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["link", str(dataset(tmp_path)), "--json", "--all", "-q"])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout)
    accounts = {a["account_id"]: a for a in data["accounts"]}
    assert accounts["alt"]["org_id"] == "rival-labs" and accounts["alt"]["cluster_id"] == cluster_id(["alt"])
    assert accounts["nobody"]["org_id"] is None
    assert data["clusters"][0]["links"][0]["evidence"] == "2 accounts share payment instrument pf1"
    assert data["summary"] == {"accounts": 3, "linked": 2, "clusters": 1}


def test_link_threshold_and_missing_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["link", str(dataset(tmp_path)), "--threshold", "0.95", "-q"])
    assert "0 linked" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["link", str(empty)])
    assert result.exit_code == 2 and "no accounts.jsonl" in result.output
