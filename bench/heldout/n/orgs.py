"""Organizations of the Nusantara AI world: the restricted rival labs (written to entities.jsonl with
what they are known to own), the platforms that relay their users, and large customers."""

from __future__ import annotations

from world import POOLS, World

# Restricted rivals. `shared` are address ranges the rival egresses from and therefore listed as its
# own, although many unrelated customers egress there too (a coworking floor, a cloud NAT range,
# a commercial VPN); `office` is the rival's own exclusive static block.
RIVALS = {
    "halcyon-labs": dict(name="Halcyon Labs Pte. Ltd.", country="SG", domains=["halcyonlabs.ai", "halcyon-labs.sg"],
                         office="office_halcyon", shared=["cowork_sg_hive", "aws_sg_nat"],
                         sso=["halcyonlabs.okta.com"], cards=2, langs=["en"], short=["Halcyon", "HL", "Halcyon Labs"]),
    "zhongshu-ai": dict(name="Zhongshu Intelligence Technology Co., Ltd. (中枢智能)", country="CN",
                        domains=["zhongshu-ai.cn", "zsintel.com"], office="office_zhongshu", shared=["ali_sg"],
                        sso=["zhongshu-ai.feishu.cn"], cards=2, langs=["zh", "en"], short=["中枢智能", "Zhongshu", "ZS Intel"]),
    "garuda-cognitive": dict(name="PT Garuda Kognitif Indonesia", country="ID", domains=["garudacognitive.id"],
                             office="office_garuda", shared=["cowork_jkt_cohive"], sso=["garudacognitive.onelogin.com"],
                             cards=1, langs=["id", "en"], short=["Garuda Cognitive", "GCI", "Garuda AI"]),
    "garuda-data": dict(name="PT Garuda Data Layanan (a subsidiary of Garuda Kognitif)", country="ID",
                        domains=["garudadata.id"], office="office_garudadata", shared=[],
                        sso=["garudadata.onelogin.com"], cards=1, langs=["id", "en"], short=["Garuda Data", "GDL"]),
    "hanbit-reasoning": dict(name="Hanbit Reasoning Inc. (한빛추론)", country="KR", domains=["hanbit.ai", "hanbitreasoning.kr"],
                             office="office_hanbit", shared=["vpn_sg_m247"], sso=["google-workspace:hanbit.ai"],
                             cards=2, langs=["ko", "en"], short=["Hanbit", "한빛", "Hanbit Reasoning"]),
}

PLATFORMS = {
    "kodekilat": dict(name="KodeKilat (coding IDE)", domains=["kodekilat.dev"], relay="relay_kodekilat",
                      ua="KodeKilat-Relay/4.2.1 (+https://kodekilat.dev)"),
    "sembang": dict(name="Sembang (chat app)", domains=["sembang.my"], relay="relay_sembang", ua="Sembang-Gateway/2.8.0"),
    "rakit": dict(name="Rakit (agent builder)", domains=["rakit.sg"], relay="relay_rakit", ua="rakit-runtime/0.9.14 python-httpx/0.27.0"),
}

CUSTOMERS = {
    "bank-arunika": dict(name="PT Bank Arunika Tbk", domains=["bankarunika.co.id"], pools=["corp_arunika"],
                         sso=["arunika.okta.com"], country="ID"),
    "majutel": dict(name="MajuTel Berhad", domains=["majutel.com.my"], pools=["corp_majutel"],
                    sso=["majutel.onmicrosoft.com"], country="MY"),
    "sinar-group": dict(name="Sinar Group Holdings Inc.", domains=["sinargroup.ph"], pools=["corp_sinar"],
                        sso=["sinargroup.okta.com"], country="PH"),
}


def setup(w: World) -> dict:
    """Create the organizations' payment instruments and write entities; returns a registry."""
    reg: dict = {"rivals": {}, "platforms": {}, "customers": {}}
    for oid, r in RIVALS.items():
        cards = [w.payment() for _ in range(r["cards"])]
        reg["rivals"][oid] = dict(r, cards=cards, org_id=oid)
        ranges = list(POOLS[r["office"]].cidrs)
        for s in r["shared"]:
            ranges += POOLS[s].cidrs
        w.entities.append({"org_id": oid, "name": r["name"], "restricted": True, "domains": r["domains"],
                           "ip_ranges": ranges, "payment_fingerprints": cards, "sso_tenants": r["sso"]})
    for pid, p in PLATFORMS.items():
        card = w.payment()
        reg["platforms"][pid] = dict(p, card=card, org_id=pid)
        w.entities.append({"org_id": pid, "name": p["name"], "restricted": False, "domains": p["domains"],
                           "ip_ranges": POOLS[p["relay"]].cidrs, "payment_fingerprints": [card], "sso_tenants": []})
    for cid, c in CUSTOMERS.items():
        card = w.payment()
        reg["customers"][cid] = dict(c, card=card, org_id=cid)
        w.entities.append({"org_id": cid, "name": c["name"], "restricted": False, "domains": c["domains"],
                           "ip_ranges": [x for p in c["pools"] for x in POOLS[p].cidrs],
                           "payment_fingerprints": [card], "sso_tenants": c["sso"]})
    return reg
