"""Jua's directory of known organizations (entities.jsonl): three restricted rivals and ordinary customers.

The rivals list what their security teams really know about themselves, which includes ranges they
share with the world: Kestrel egresses through a cloud region's shared NAT pool and has desks on a
Nairobi coworking floor; Nimbus's staff use a commercial VPN whose exit /24 it lists; Sable lists its
office and a university lab range it co-runs.  Only the office /27s are exclusive.
"""

from __future__ import annotations

import random

from places import CLOUD_NAT_SHARED, COWORKING, UNIVERSITY, VPN_EXITS


def rivals(rng: random.Random) -> dict[str, dict]:
    def fp() -> str:
        return f"pm_{rng.getrandbits(64):016x}"

    return {
        "kestrel-ai": {"org_id": "kestrel-ai", "name": "Kestrel AI (Pty) Ltd", "restricted": True,
                       "domains": ["kestrel.ai", "kestrel-ai.com"],
                       "ip_ranges": ["154.0.14.0/27", CLOUD_NAT_SHARED, COWORKING["nairobi-hub"]],
                       "payment_fingerprints": [fp(), fp()], "sso_tenants": ["kestrel.okta.com"],
                       "_office": "154.0.14.0/27", "_country": "ZA"},
        "nimbus-labs": {"org_id": "nimbus-labs", "name": "Nimbus Labs SAS", "restricted": True,
                        "domains": ["nimbuslabs.fr", "nimbus-labs.ai"],
                        "ip_ranges": ["80.12.40.96/27", VPN_EXITS[1]],
                        "payment_fingerprints": [fp()], "sso_tenants": ["nimbuslabs.onmicrosoft.com"],
                        "_office": "80.12.40.96/27", "_country": "FR"},
        "sable-intelligence": {"org_id": "sable-intelligence", "name": "Sable Intelligence Ltd", "restricted": True,
                               "domains": ["sable.ng", "sableintel.com"],
                               "ip_ranges": ["102.88.120.0/27", UNIVERSITY["unilag"]],
                               "payment_fingerprints": [fp()], "sso_tenants": ["sable-ng.okta.com"],
                               "_office": "102.88.120.0/27", "_country": "NG"},
    }


CUSTOMERS = [
    ("savanna-bank", "Savanna Bank Group", ["savannabank.co.ke"], "savannabank.okta.com", "196.201.214.16/28", "KE"),
    ("teleafrica", "TeleAfrica Communications", ["teleafrica.com"], "teleafrica.onmicrosoft.com", "41.203.64.32/28", "NG"),
    ("lusitano-seguros", "Lusitano Seguros SA", ["lusitano.pt"], "lusitano.onmicrosoft.com", "194.65.12.0/28", "PT"),
    ("kestrel-logistics", "Kestrel Logistics (Pty) Ltd", ["kestrel-logistics.co.za"], None, "41.185.8.64/28", "ZA"),
    ("nimbus-immobilier", "Nimbus Immobilier SARL", ["nimbus-immo.fr"], None, "90.80.12.0/28", "FR"),
    ("maji-annotate", "Maji Annotation Services", ["majiannotate.com"], "majiannotate.okta.com", "197.248.60.0/28", "KE"),
]


def public(e: dict) -> dict:
    return {k: v for k, v in e.items() if not k.startswith("_")}
