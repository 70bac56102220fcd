"""The world of Sakura Cloud AI ("Hoshi"): time, networks, organisations, people.

Everything random is drawn from generators derived by hashing (seed, name), never from Python's
salted `hash()`, so the same seed gives the same world under any PYTHONHASHSEED.
"""

# Full-width punctuation (：？（）、，) is how Japanese and Chinese are written, not a typo.
# ruff: noqa: RUF003

from __future__ import annotations

import hashlib
import ipaddress
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))
# Monday 23 November 2026, 00:00 JST: 勤労感謝の日 (a public holiday in Japan).
START = int(datetime(2026, 11, 23, tzinfo=JST).timestamp())
DAY = 86400
TZ = {"JP": 9, "TW": 8, "PH": 8, "VN": 7, "HK": 8, "SG": 8}
JP_HOLIDAYS = (0,)  # day indexes of the window that are Japanese public holidays


def rng_for(seed: int, *parts: object) -> random.Random:
    """An independent generator for (seed, parts): stable across runs and hash seeds."""
    text = "\x1f".join([str(seed), *(str(p) for p in parts)])
    return random.Random(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))


def hexid(rng: random.Random, n: int = 12) -> str:
    return f"{rng.getrandbits(4 * n):0{n}x}"


def fingerprint(rng: random.Random) -> str:
    """An opaque payment-instrument hash, as a card vault would export it."""
    return "pf_" + hexid(rng, 20)


def addr_in(rng: random.Random, cidr: str) -> str:
    net = ipaddress.ip_network(cidr)
    if net.version == 4:
        size = net.num_addresses
        return str(net.network_address + (rng.randrange(1, size - 1) if size > 4 else rng.randrange(size)))
    return str(net.network_address + rng.getrandbits(128 - net.prefixlen))


def v6_host(rng: random.Random, prefix64: str) -> str:
    """A privacy (temporary) address inside a /64."""
    return str(ipaddress.ip_network(prefix64).network_address + rng.getrandbits(64))


def v6_prefix(rng: random.Random, cidr: str) -> str:
    """A customer /64 delegated from an ISP block."""
    net = ipaddress.ip_network(cidr)
    sub = rng.getrandbits(64 - net.prefixlen) << 64
    return f"{ipaddress.ip_address(int(net.network_address) + sub)}/64"


# ---------------------------------------------------------------- address plan (plausible, not exact)

HOME = {
    "JP": [
        ("ocn", ["153.156.0.0/14", "180.12.0.0/14", "114.160.0.0/13"]),
        ("softbank-bb", ["126.72.0.0/13", "219.160.0.0/13"]),
        ("au-hikari", ["106.72.0.0/13", "118.156.0.0/14"]),
        ("nuro", ["118.240.0.0/13"]),
        ("biglobe", ["114.150.0.0/15"]),
        ("j-com", ["61.24.0.0/13"]),
    ],
    "TW": [
        ("hinet", ["1.160.0.0/12", "36.224.0.0/12", "114.32.0.0/12"]),
        ("so-net-tw", ["218.187.64.0/18"]),
        ("kbro", ["61.230.0.0/15"]),
    ],
    "VN": [
        ("viettel", ["27.64.0.0/12", "171.224.0.0/11"]),
        ("vnpt", ["113.160.0.0/11", "14.160.0.0/11"]),
        ("fpt", ["42.112.0.0/13", "1.52.0.0/14"]),
    ],
    "PH": [
        ("pldt", ["112.198.0.0/15", "180.190.0.0/16"]),
        ("converge", ["175.176.0.0/15", "136.158.0.0/16"]),
        ("globe-home", ["112.207.0.0/16"]),
    ],
}
HOME6 = {
    "JP": ["240b:10::/28", "2400:4050::/30", "2001:f74::/32"],
    "TW": ["2001:b011::/32"],
    "VN": ["2402:800::/32"],
    "PH": ["2001:4450::/32"],
}
MOBILE = {
    "JP": [
        ("docomo", ["1.66.0.0/15", "49.96.0.0/13"]),
        ("au", ["106.128.0.0/13", "111.86.0.0/15"]),
        ("softbank-m", ["126.193.0.0/16", "126.253.0.0/16"]),
        ("rakuten-m", ["133.106.0.0/16"]),
    ],
    "TW": [("chunghwa-m", ["39.8.0.0/13"]), ("fet", ["27.52.0.0/14"]), ("twm", ["49.214.0.0/15"])],
    "VN": [("viettel-m", ["116.96.0.0/12"]), ("mobifone", ["42.96.0.0/13"]), ("vinaphone", ["113.185.0.0/16"])],
    "PH": [("globe-m", ["49.144.0.0/13"]), ("smart", ["110.54.128.0/17"]), ("dito", ["180.195.0.0/16"])],
}
MOBILE6 = {
    "JP": ["2001:268::/32", "2400:2200::/28"],
    "TW": ["2001:b400::/32"],
    "VN": ["2402:9d80::/32"],
    "PH": ["2001:fd8::/32"],
}

CLOUD = {
    "aws-tokyo": ["52.192.0.0/15", "13.112.0.0/14", "54.64.0.0/15", "35.72.0.0/13"],
    "aws-osaka": ["15.152.0.0/16"],
    "gcp-taiwan": ["34.80.0.0/15", "35.194.128.0/17", "104.199.128.0/18"],
    "gcp-tokyo": ["34.84.0.0/16", "35.187.192.0/19"],
    "azure-japaneast": ["20.43.64.0/19"],
    "hk-vps": ["103.152.220.0/22", "45.195.68.0/22"],
    "sg-vps": ["139.59.192.0/19"],
}
VPN_RANGES = ["45.87.212.0/22", "185.242.4.0/22", "149.102.240.0/21"]
SWG_RANGES = ["165.225.110.0/23", "147.161.192.0/22"]  # a cloud secure-web-gateway's Tokyo/Taipei nodes
COWORKING_RANGE = "118.238.12.0/27"  # "Shibuya Hive" 8F, a coworking floor


@dataclass
class Pools:
    """Shared egress addresses that many unrelated callers use."""

    cgnat: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    vpn: list[str] = field(default_factory=list)
    swg: list[str] = field(default_factory=list)
    coworking: list[str] = field(default_factory=list)
    kissa: list[str] = field(default_factory=list)
    venue: list[str] = field(default_factory=list)
    relays: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def build(seed: int) -> Pools:
        r = rng_for(seed, "pools")
        p = Pools()
        for country, carriers in MOBILE.items():
            for name, cidrs in carriers:
                # carrier-grade NAT: a few dozen public addresses in front of a region's subscribers
                size = {"JP": 48, "TW": 32, "VN": 28, "PH": 36}[country]
                p.cgnat[(country, name)] = [addr_in(r, r.choice(cidrs)) for _ in range(size)]
        p.vpn = [addr_in(r, r.choice(VPN_RANGES)) for _ in range(30)]
        p.swg = [addr_in(r, r.choice(SWG_RANGES)) for _ in range(16)]
        p.coworking = [addr_in(r, COWORKING_RANGE) for _ in range(4)]
        p.kissa = [addr_in(r, "60.32.0.0/14") for _ in range(3)] + [addr_in(r, "122.249.0.0/16") for _ in range(3)]
        p.venue = [addr_in(r, "210.130.160.0/24") for _ in range(2)]
        p.relays = {
            "kodama": [addr_in(r, "34.84.0.0/16") for _ in range(6)],
            "agentforge": [addr_in(r, "52.192.0.0/15") for _ in range(4)],
        }
        return p


# ---------------------------------------------------------------- people

NAMES = {
    "JP": (
        [
            "sato",
            "suzuki",
            "takahashi",
            "tanaka",
            "watanabe",
            "ito",
            "yamamoto",
            "nakamura",
            "kobayashi",
            "kato",
            "yoshida",
            "yamada",
            "sasaki",
            "yamaguchi",
            "matsumoto",
            "inoue",
            "kimura",
            "hayashi",
            "shimizu",
            "yamazaki",
            "mori",
            "ikeda",
            "hashimoto",
            "abe",
            "ishikawa",
            "ogawa",
            "fujita",
            "okada",
            "goto",
            "hasegawa",
            "murakami",
            "kondo",
            "ishii",
            "saito",
            "sakamoto",
            "endo",
            "aoki",
            "fujii",
        ],
        [
            "haruto",
            "yuto",
            "sota",
            "riku",
            "ren",
            "daiki",
            "kenta",
            "takumi",
            "shota",
            "kazuki",
            "yuki",
            "hiroshi",
            "takeshi",
            "naoki",
            "yui",
            "hina",
            "aoi",
            "sakura",
            "misaki",
            "ayaka",
            "nanami",
            "mei",
            "haruka",
            "yuna",
            "emi",
            "kaori",
            "megumi",
            "tomoko",
            "akiko",
            "rin",
            "mio",
            "kaito",
            "sho",
        ],
    ),
    "TW": (
        [
            "chen",
            "lin",
            "huang",
            "chang",
            "li",
            "wang",
            "wu",
            "liu",
            "tsai",
            "yang",
            "hsu",
            "cheng",
            "hsieh",
            "kuo",
            "hung",
            "tseng",
            "chiu",
            "liao",
            "lai",
            "chou",
        ],
        [
            "yuting",
            "chiahao",
            "yiting",
            "weijie",
            "pohan",
            "yuhsuan",
            "chihwei",
            "shuhui",
            "tsungyu",
            "hsinyi",
            "kuanting",
            "peiyu",
            "chunhao",
            "yachu",
            "minghsuan",
            "tingyu",
            "jiawei",
            "yenting",
        ],
    ),
    "VN": (
        [
            "nguyen",
            "tran",
            "le",
            "pham",
            "hoang",
            "huynh",
            "phan",
            "vu",
            "vo",
            "dang",
            "bui",
            "do",
            "ho",
            "ngo",
            "duong",
            "ly",
        ],
        [
            "anh",
            "minh",
            "linh",
            "huong",
            "tuan",
            "duc",
            "trang",
            "thao",
            "hieu",
            "nam",
            "phuong",
            "quang",
            "hung",
            "lan",
            "khanh",
            "long",
            "mai",
            "thanh",
            "vy",
            "bao",
        ],
    ),
    "PH": (
        [
            "santos",
            "reyes",
            "cruz",
            "bautista",
            "ocampo",
            "garcia",
            "mendoza",
            "torres",
            "tomas",
            "andrada",
            "castillo",
            "flores",
            "villanueva",
            "ramos",
            "castro",
            "rivera",
            "aquino",
            "navarro",
        ],
        [
            "juan",
            "maria",
            "angelo",
            "kristine",
            "mark",
            "jasmine",
            "carlo",
            "patricia",
            "joshua",
            "nicole",
            "paolo",
            "camille",
            "miguel",
            "bea",
            "rafael",
            "trisha",
            "jericho",
            "andrea",
            "kevin",
            "aira",
        ],
    ),
}
PERSONAL_DOMAINS = {
    "JP": [
        ("gmail.com", 40),
        ("yahoo.co.jp", 20),
        ("icloud.com", 12),
        ("docomo.ne.jp", 5),
        ("ezweb.ne.jp", 3),
        ("outlook.jp", 6),
        ("hotmail.co.jp", 4),
        ("softbank.ne.jp", 2),
        ("nifty.com", 2),
    ],
    "TW": [("gmail.com", 60), ("yahoo.com.tw", 18), ("hotmail.com", 8), ("icloud.com", 8), ("msa.hinet.net", 4)],
    "VN": [("gmail.com", 80), ("yahoo.com", 8), ("outlook.com", 6), ("icloud.com", 4)],
    "PH": [("gmail.com", 70), ("yahoo.com", 16), ("outlook.com", 6), ("icloud.com", 6)],
}
DISPOSABLE = [
    "sharklasers.com",
    "guerrillamail.com",
    "yopmail.com",
    "mailinator.com",
    "10minutemail.net",
    "tmpmail.jp",
    "mail.tm",
    "dropmail.me",
    "getnada.com",
    "emlhub.com",
]


def person(rng: random.Random, country: str) -> tuple[str, str]:
    fam, giv = NAMES[country]
    return rng.choice(giv), rng.choice(fam)


def personal_email(rng: random.Random, country: str, given: str, family: str) -> str:
    domains, weights = zip(*PERSONAL_DOMAINS[country], strict=True)
    domain = rng.choices(domains, weights)[0]
    style = rng.randrange(7)
    yy = rng.randint(70, 99) if rng.random() < 0.5 else rng.randint(0, 9)
    local = [
        f"{given}.{family}",
        f"{family}{given[0]}{yy}",
        f"{given}{family[:3]}{rng.randint(1, 999)}",
        f"{given[0]}{family}",
        f"{given}_{yy:02d}",
        f"{family}.{given}{rng.randint(1, 99)}",
        f"{given}{rng.choice(['-', '.', '_', ''])}{rng.choice(['dev', 'cat', 'neko', 'san', 'x', 'jp', 'pro', ''])}"
        f"{rng.randint(1, 9999)}",
    ][style]
    return f"{local}@{domain}"


def work_email(rng: random.Random, given: str, family: str, domain: str) -> str:
    style = rng.randrange(3)
    return [f"{given}.{family}@{domain}", f"{given[0]}.{family}@{domain}", f"{family}-{given[0]}@{domain}"][style]


# ---------------------------------------------------------------- organisations


@dataclass
class Org:
    org_id: str
    name: str
    country: str
    restricted: bool = False
    domains: list[str] = field(default_factory=list)
    ip_ranges: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    sso: list[str] = field(default_factory=list)
    kind: str = "company"
    office: list[str] = field(default_factory=list)  # addresses it egresses from (not all listed)

    def entity(self) -> dict[str, object]:
        return {
            "org_id": self.org_id,
            "name": self.name,
            "restricted": self.restricted,
            "domains": self.domains,
            "ip_ranges": self.ip_ranges,
            "payment_fingerprints": self.cards,
            "sso_tenants": self.sso,
            "kind": self.kind,
            "country": self.country,
        }


def build_orgs(seed: int, pools: Pools) -> dict[str, Org]:
    r = rng_for(seed, "orgs")
    orgs: dict[str, Org] = {}

    def add(o: Org) -> Org:
        orgs[o.org_id] = o
        return o

    # restricted rival labs; each lists a range that is not exclusively its own (issue: shared evidence)
    kirin = add(
        Org(
            "kirin-ai",
            "Kirin Intelligence Co., Ltd. (麒麟智能)",
            "TW",
            True,
            ["kirin-ai.com", "kirinintel.tw"],
            ["61.219.38.0/24", "52.192.0.0/15", SWG_RANGES[0]],
            [fingerprint(r), fingerprint(r)],
            ["kirin-ai.okta.com"],
            "lab",
        )
    )
    kirin.office = [addr_in(r, "61.219.38.0/24") for _ in range(3)]
    tsubame = add(
        Org(
            "tsubame-labs",
            "Tsubame Labs株式会社",
            "JP",
            True,
            ["tsubame-labs.jp", "tsubame.ai"],
            ["202.214.88.64/26", COWORKING_RANGE],
            [fingerprint(r)],
            ["tsubamelabs.onmicrosoft.com"],
            "lab",
        )
    )
    tsubame.office = [addr_in(r, "202.214.88.64/26") for _ in range(2)]
    songhong = add(
        Org(
            "songhong-ai",
            "Song Hong AI JSC",
            "VN",
            True,
            ["songhong.ai", "songhongai.vn"],
            ["123.30.140.0/24", VPN_RANGES[0]],
            [fingerprint(r), fingerprint(r)],
            ["songhong-ai.google-workspace"],
            "lab",
        )
    )
    songhong.office = [addr_in(r, "123.30.140.0/24") for _ in range(2)]

    # unrestricted organisations the provider knows
    def company(
        oid: str,
        name: str,
        country: str,
        domain: str,
        office_cidr: str | None,
        sso: str | None,
        kind: str = "company",
        n_office: int = 2,
        listed: bool = True,
    ) -> Org:
        o = Org(oid, name, country, False, [domain], [], [fingerprint(r)], [sso] if sso else [], kind)
        if office_cidr:
            o.office = [addr_in(r, office_cidr) for _ in range(n_office)]
            if listed:
                o.ip_ranges = [office_cidr]
        return add(o)

    company("marunaka", "丸中商事株式会社", "JP", "marunaka-shoji.co.jp", None, "marunaka.okta.com", "enterprise")
    company(
        "tsubame-unyu",
        "つばめ運輸株式会社",
        "JP",
        "tsubame-unyu.co.jp",
        "210.148.56.0/26",
        "tsubame-unyu.onmicrosoft.com",
        "enterprise",
        3,
    )
    company(
        "formosa-precision",
        "Formosa Precision Industries",
        "TW",
        "formosa-precision.com.tw",
        "210.242.150.0/26",
        "formosaprec.okta.com",
        "enterprise",
        2,
    )
    company(
        "mekongpay", "MekongPay", "VN", "mekongpay.vn", "103.9.76.0/26", "mekongpay.google-workspace", "enterprise", 2
    )
    company("kanto-u", "東関東大学", "JP", "kanto-u.ac.jp", "133.45.0.0/16", None, "university", 4)
    company(
        "ntcu",
        "National Taichung University of Science (國立臺中科技學院)",
        "TW",
        "ntcu-sci.edu.tw",
        "140.128.0.0/16",
        None,
        "university",
        3,
    )
    company(
        "hcm-tech",
        "Ho Chi Minh City Institute of Technology",
        "VN",
        "hcmit.edu.vn",
        "203.162.44.0/24",
        None,
        "university",
        2,
    )
    company(
        "kotoba-honyaku",
        "株式会社ことば翻訳センター",
        "JP",
        "kotoba-honyaku.co.jp",
        "121.119.180.0/28",
        None,
        "company",
        2,
    )
    company(
        "lingua-asia",
        "LinguaAsia Translation Services",
        "TW",
        "lingua-asia.com.tw",
        "211.72.100.0/28",
        None,
        "company",
        1,
    )
    company("sakura-denryoku", "さくら電力株式会社", "JP", "sakura-denryoku.jp", None, None, "company")
    company("islaconnect", "IslaConnect Telecom", "PH", "islaconnect.ph", None, None, "company")
    company("shopbeo", "ShopBeo", "VN", "shopbeo.vn", None, None, "company")
    company(
        "manila-annotate",
        "Manila Annotate Inc.",
        "PH",
        "manila-annotate.com",
        "122.2.40.0/27",
        "manila-annotate.okta.com",
        "company",
        2,
    )
    company("benchwise", "Benchwise株式会社", "JP", "benchwise.jp", None, None, "company")
    company("evalkit", "EvalKit Taiwan", "TW", "evalkit.tw", None, None, "company")
    company(
        "aurora-datatech", "Aurora Data Technology Ltd.", "TW", "aurora-datatech.com", None, None, "company"
    )  # a customer org like any other; really a front for kirin-ai (labels only)
    company("hikari-data", "ひかりデータ合同会社", "JP", "hikari-data.jp", None, None, "company")
    company("nekoshop", "ねこの森ストア", "JP", "nekonomori-store.jp", None, None, "company")
    company("mochi-labs", "Mochi Labs株式会社", "JP", "mochilabs.jp", None, None, "company")
    company("saigon-stack", "Saigon Stack", "VN", "saigonstack.io", None, None, "company")
    company("bayanihan-dev", "Bayanihan Dev Studio", "PH", "bayanihan.dev", None, None, "company")
    for name, relay in (("kodama", "Kodama IDE"), ("agentforge", "AgentForge")):
        o = add(
            Org(
                name,
                relay,
                "JP" if name == "kodama" else "SG",
                False,
                ["kodama.dev"] if name == "kodama" else ["agentforge.ai"],
                [f"{a}/32" for a in pools.relays[name]],
                [fingerprint(r)],
                [],
                "platform",
            )
        )
        o.office = list(pools.relays[name])
    return orgs


@dataclass
class World:
    """The seed, the knobs and the shared places and organisations every persona draws on."""

    seed: int
    careful: float
    days: int
    scale: float
    pools: Pools
    orgs: dict[str, Org]

    def rng(self, *parts: object) -> random.Random:
        return rng_for(self.seed, *parts)

    def n(self, base: int) -> int:
        """A group size scaled to the requested number of accounts."""
        return max(1, round(base * self.scale))

    def care(self, rng: random.Random) -> float:
        """One actor's carefulness, spread around the dataset's --careful."""
        return min(1.0, max(0.0, self.careful + rng.uniform(-0.3, 0.3)))

    def past(self, rng: random.Random, lo_days: float, hi_days: float) -> float:
        return START - rng.uniform(lo_days, hi_days) * DAY
