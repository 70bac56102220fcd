"""The world of set g: Kestrel AI, a Frankfurt/Dubai/Mumbai model API.

Addresses, clocks, clients, the directory (entities.jsonl) and the small helpers every persona uses.
Written from the traffic spec and from how networks and clients look in the real world.
"""

from __future__ import annotations

import ipaddress
import math
import random
import zlib
from datetime import datetime, timezone

START = datetime(2026, 11, 23, 0, 0, tzinfo=timezone.utc).timestamp()  # Monday
DAY = 86400.0

MODELS = {"main": "kestrel-4", "lite": "kestrel-4-lite", "think": "kestrel-4-think"}


def stream(seed: int, name: str) -> random.Random:
    """A persona's own random stream: a mix change in one persona leaves the others' draws alone."""
    return random.Random(zlib.crc32(f"{seed}:{name}".encode()) * 1_000_003 + seed)


def hexid(rng: random.Random, n: int = 12) -> str:
    return "%0*x" % (n, rng.getrandbits(4 * n))


# --------------------------------------------------------------------------------------------
# Places: country -> (UTC offset in late November, languages, weekend days (0=Mon))
COUNTRIES = {
    "GB": (0.0, ["en"], (5, 6)), "IE": (0.0, ["en"], (5, 6)), "PT": (0.0, ["en", "fr"], (5, 6)),
    "DE": (1.0, ["de"], (5, 6)), "AT": (1.0, ["de"], (5, 6)), "CH": (1.0, ["de", "fr"], (5, 6)),
    "FR": (1.0, ["fr"], (5, 6)), "BE": (1.0, ["fr", "en"], (5, 6)), "NL": (1.0, ["en"], (5, 6)),
    "PL": (1.0, ["pl"], (5, 6)), "MA": (1.0, ["fr", "ar"], (5, 6)), "EG": (2.0, ["ar", "en"], (4, 5)),
    "JO": (3.0, ["ar", "en"], (4, 5)), "TR": (3.0, ["tr"], (5, 6)), "SA": (3.0, ["ar", "en"], (4, 5)),
    "AE": (4.0, ["en", "ar", "hi"], (5, 6)), "IN": (5.5, ["hi", "en"], (6,)),
}
CITY_COUNTRY = {"Frankfurt": "DE", "Berlin": "DE", "Munich": "DE", "Paris": "FR", "Lyon": "FR",
                "Warsaw": "PL", "Krakow": "PL", "Istanbul": "TR", "Ankara": "TR", "Dubai": "AE",
                "Riyadh": "SA", "Cairo": "EG", "Amman": "JO", "Mumbai": "IN", "Bengaluru": "IN",
                "Delhi": "IN", "Pune": "IN", "London": "GB", "Dublin": "IE", "Amsterdam": "NL",
                "Casablanca": "MA", "Vienna": "AT", "Zurich": "CH", "Lisbon": "PT", "Brussels": "BE", "Gdansk": "PL", "Hyderabad": "IN"}

# hour-of-day weights (local), 24 values each
_P = {
    "office": [0, 0, 0, 0, 0, 0, .2, .6, 2, 4, 5, 5, 3, 3.5, 5, 5, 4.5, 3, 1.5, .7, .4, .3, .1, 0],
    "dev": [.3, .2, .1, 0, 0, 0, .1, .4, 1, 2.5, 4, 4, 3, 3.5, 4.5, 4.5, 4, 3.5, 2.5, 2, 2.5, 2.5, 1.5, .8],
    "evening": [.6, .3, .1, .05, 0, 0, .2, .6, 1, 1, 1, 1.2, 1.6, 1.4, 1.1, 1.1, 1.2, 1.5, 2, 2.6, 3, 3, 2.4, 1.4],
    "student": [1.5, 1, .5, .2, 0, 0, 0, .1, .5, 1.2, 2, 2.2, 2, 2.2, 2.5, 2.5, 2.3, 2, 2, 2.5, 3, 3.2, 3, 2.4],
    "night_batch": [3, 5, 5, 5, 4, 2, .2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .5, 1.5],
    "flat": [1] * 24,
    "business": [.1, 0, 0, 0, 0, .1, .4, 1.5, 3, 4, 4, 4, 3, 3.5, 4, 4, 3.5, 2.5, 1.8, 1.5, 1.2, 1, .6, .3],
}


def profile_weights(name: str) -> list[float]:
    w = _P[name]
    s = sum(w)
    return [x / s for x in w]


def local_day(ts: float, offset: float) -> int:
    return int((ts + offset * 3600 - START) // DAY)


def session_starts(rng: random.Random, country: str, profile: str, per_day: float, days: int,
                   weekend_factor: float = 0.35, day_from: int = 0, day_to: int | None = None,
                   day_mult: dict[int, float] | None = None) -> list[float]:
    """Session start times following an hour-of-day profile in the caller's local time."""
    off, _, weekend = COUNTRIES[country]
    w = profile_weights(profile)
    out: list[float] = []
    for d in range(day_from, days if day_to is None else min(days, day_to)):
        wd = d % 7
        mult = weekend_factor if wd in weekend else 1.0
        if day_mult and d in day_mult:
            mult *= day_mult[d]
        k = poisson(rng, per_day * mult)
        for _ in range(k):
            h = rng.choices(range(24), w)[0]
            t = START + d * DAY + (h + rng.random()) * 3600 - off * 3600
            if START <= t < START + days * DAY:
                out.append(t)
    out.sort()
    return out


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


# --------------------------------------------------------------------------------------------
# Addresses
def _net(cidr: str) -> ipaddress._BaseNetwork:
    return ipaddress.ip_network(cidr, strict=False)


def pick_in(rng: random.Random, cidr: str) -> str:
    n = _net(cidr)
    if n.num_addresses <= 2:
        return str(n.network_address)
    off = rng.randrange(1, n.num_addresses - 1) if n.version == 4 else rng.getrandbits(min(64, n.max_prefixlen - n.prefixlen))
    return str(n.network_address + off)


CARRIERS = {  # mobile CGNAT pools: thousands of subscribers behind each
    "DE": [("Telekom", "80.187.0.0/16"), ("Vodafone DE", "109.40.0.0/14"), ("O2 DE", "176.0.0.0/16")],
    "AT": [("A1", "80.110.0.0/16")], "CH": [("Swisscom", "178.197.192.0/18")],
    "FR": [("Orange FR", "92.184.96.0/20"), ("SFR", "37.167.0.0/16"), ("Free Mobile", "37.165.0.0/16"), ("Bouygues", "176.128.0.0/15")],
    "BE": [("Proximus", "81.240.0.0/14")], "NL": [("KPN", "77.160.0.0/14")],
    "PL": [("Orange PL", "31.0.0.0/16"), ("Play", "37.248.0.0/14"), ("Plus", "37.30.0.0/16"), ("T-Mobile PL", "46.134.0.0/16")],
    "TR": [("Turkcell", "176.88.0.0/15"), ("Vodafone TR", "46.154.0.0/15"), ("Türk Telekom", "78.160.0.0/12")],
    "SA": [("STC", "51.36.0.0/14"), ("Mobily", "188.50.0.0/16"), ("Zain SA", "37.42.0.0/16")],
    "AE": [("Etisalat", "94.200.0.0/13"), ("du", "94.56.0.0/14")], "EG": [("Vodafone EG", "41.32.0.0/12"), ("Orange EG", "196.204.0.0/16")],
    "JO": [("Zain JO", "46.185.128.0/17")], "MA": [("Maroc Telecom", "105.128.0.0/11")],
    "IN": [("Jio", "49.32.0.0/11"), ("Airtel", "106.192.0.0/11"), ("Vi", "42.104.0.0/14")],
    "GB": [("EE", "31.94.0.0/15"), ("Vodafone UK", "86.4.0.0/15")], "IE": [("Three IE", "37.228.192.0/18")],
    "PT": [("MEO", "85.240.0.0/13")],
}
HOME_V4 = {  # residential broadband
    "DE": ["91.0.0.0/10", "79.192.0.0/10", "84.128.0.0/10"], "AT": ["62.178.0.0/15"], "CH": ["85.0.0.0/13"],
    "FR": ["90.0.0.0/9", "82.64.0.0/11", "86.192.0.0/11"], "BE": ["81.164.0.0/14"], "NL": ["84.80.0.0/13"],
    "PL": ["83.0.0.0/11", "89.64.0.0/12", "178.36.0.0/14"], "TR": ["88.224.0.0/11", "85.96.0.0/12"],
    "SA": ["2.88.0.0/14", "188.48.0.0/14"], "AE": ["83.110.0.0/15", "2.50.0.0/15"], "EG": ["156.192.0.0/11", "197.32.0.0/11"],
    "JO": ["176.28.128.0/17"], "MA": ["41.140.0.0/14"], "IN": ["122.160.0.0/12", "117.192.0.0/10", "182.64.0.0/12"],
    "GB": ["86.128.0.0/10", "81.96.0.0/12"], "IE": ["86.40.0.0/13"], "PT": ["188.80.0.0/13"],
}
HOME_V6 = {"DE": "2003:c0::/28", "FR": "2a01:cb00::/24", "PL": "2a02:a310::/28", "TR": "2a02:ff0::/28",
           "IN": "2409:4000::/22", "AE": "2001:8f8::/32", "SA": "2a02:9b0::/32", "GB": "2a00:23c0::/27"}
CLOUD_SHARED_NAT = "3.120.181.0/24"      # a Frankfurt cloud region's shared NAT egress pool
VPS = {"hetzner-fsn": "65.108.0.0/16", "ovh-gra": "51.68.0.0/16", "do-fra": "164.90.192.0/18",
       "contabo-de": "185.228.136.0/22", "linode-mum": "172.105.32.0/20", "vultr-ams": "95.179.128.0/17",
       "oracle-jed": "140.238.192.0/19"}
VPN_EXITS = {"NordFRA": "185.216.74.0/24", "ProtonIST": "185.125.204.0/24", "SurfsharkDXB": "146.70.116.0/24",
             "MullvadAMS": "193.32.249.0/24", "ExpressMUM": "103.108.117.0/24"}
COWORK = {"warsaw-mennica": "185.41.20.96/28", "berlin-factory": "62.96.44.16/28",
          "paris-station-f": "163.172.22.64/28", "dubai-astrolabs": "94.204.210.32/28",
          "bengaluru-91spr": "103.211.52.16/28", "istanbul-kolektif": "212.175.33.48/28"}
CAMPUS = {"tum": "129.187.244.0/26", "sorbonne": "134.157.16.0/26", "uw-warsaw": "193.0.96.0/26",
          "bogazici": "193.140.192.0/26", "iitb": "103.21.124.0/26", "iisc": "14.139.128.0/26",
          "aub": "94.187.8.0/26", "khalifa": "213.132.39.0/26", "agh": "149.156.96.0/26"}
RESI_PROXY = ["DE", "FR", "PL", "TR", "IN", "GB", "AE", "SA", "EG"]


class Addr:
    """Per-account address behaviour."""

    def __init__(self, rng: random.Random, country: str):
        self.rng, self.country = rng, country
        cs = CARRIERS.get(country) or CARRIERS["DE"]
        self.carrier = rng.choice(cs)[1]
        hv = HOME_V4.get(country) or HOME_V4["DE"]
        self.home_net = rng.choice(hv)
        self.home = pick_in(rng, self.home_net)
        self.home_lease = rng.choice([1, 2, 7, 14, 30, 90])
        self.v6 = None
        if country in HOME_V6 and rng.random() < 0.45:
            base = _net(HOME_V6[country])
            self.v6 = base.network_address + (rng.getrandbits(64 - base.prefixlen + 0) << 64)
        self._day = -1

    def home_ip(self, ts: float) -> str:
        d = local_day(ts, 0)
        if self.v6 is not None and self.rng.random() < 0.7:
            r = random.Random(hash((int(self.v6), d)))
            return str(ipaddress.IPv6Address(int(self.v6) | r.getrandbits(64)))
        if d // self.home_lease != self._day:
            if self._day >= 0:
                self.home = pick_in(self.rng, self.home_net)
            self._day = d // self.home_lease
        return self.home

    def mobile_ip(self) -> str:
        return pick_in(self.rng, self.carrier)


def resi_proxy_ip(rng: random.Random, country: str | None = None) -> str:
    c = country or rng.choice(RESI_PROXY)
    if rng.random() < 0.5:
        return pick_in(rng, rng.choice(HOME_V4.get(c, HOME_V4["DE"])))
    return pick_in(rng, rng.choice(CARRIERS.get(c, CARRIERS["DE"]))[1])


# --------------------------------------------------------------------------------------------
# Clients
SDK_UA = {
    "openai-py": ("OpenAI/Python 1.55.3", "/v1/chat/completions"),
    "openai-py-resp": ("OpenAI/Python 1.55.3", "/v1/responses"),
    "openai-js": ("OpenAI/JS 4.73.0", "/v1/chat/completions"),
    "anthropic-py": ("Anthropic/Python 0.40.0", "/v1/messages"),
    "anthropic-js": ("Anthropic/JS 0.33.1", "/v1/messages"),
    "langchain": ("langchain-openai/0.2.10 OpenAI/Python 1.55.3", "/v1/chat/completions"),
    "llamaindex": ("llama-index-llms-openai/0.3.2 OpenAI/Python 1.54.5", "/v1/chat/completions"),
    "litellm": ("litellm/1.53.1", "/v1/chat/completions"),
    "vercel-ai": ("ai-sdk/anthropic/1.0.2 ai/4.0.10", "/v1/messages"),
    "claude-cli": ("claude-cli/2.0.31 (external, cli)", "/v1/messages"),
    "aider": ("aider/0.66.0 litellm/1.52.16", "/v1/chat/completions"),
    "codex": ("codex_cli_rs/0.61.0 (Ubuntu 24.4.0; x86_64) xterm-256color", "/v1/responses"),
    "opencode": ("opencode/0.3.112 ai-sdk/4.0.10", "/v1/messages"),
    "cline": ("Cline/3.2.5 Anthropic/JS 0.32.1", "/v1/messages"),
    "roo": ("RooCode/3.3.1 Anthropic/JS 0.32.1", "/v1/messages"),
    "requests": ("python-requests/2.32.3", "/v1/chat/completions"),
    "httpx": ("python-httpx/0.27.2", "/v1/messages"),
    "aiohttp": ("Python/3.11 aiohttp/3.10.11", "/v1/chat/completions"),
    "curl": ("curl/8.5.0", "/v1/messages"),
    "go": ("Go-http-client/2.0", "/v1/chat/completions"),
    "okhttp": ("okhttp/4.12.0", "/v1/chat/completions"),
    "axios": ("axios/1.7.8", "/v1/chat/completions"),
    "java": ("Java-http-client/21.0.5", "/v1/chat/completions"),
    "dotnet": ("Azure.AI.OpenAI/2.1.0 (.NET 8.0.11; Microsoft Windows 10.0.20348)", "/v1/chat/completions"),
    "n8n": ("n8n/1.70.2 axios/1.7.4", "/v1/chat/completions"),
}
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 YaBrowser/24.10.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/114.0.0.0",
]
PHONES = ["iPhone16,2; iOS 18.1.1", "iPhone15,3; iOS 18.1", "iPhone14,7; iOS 17.6.1", "iPhone13,2; iOS 18.0.1",
          "SM-S928B; Android 14", "SM-A546E; Android 14", "SM-A155F; Android 14", "SM-S911B; Android 14",
          "23129RAA4G; Android 14", "2312DRA50G; Android 14", "RMX3771; Android 14", "CPH2581; Android 14",
          "V2250; Android 14", "Pixel 8; Android 15", "Pixel 7a; Android 15", "TECNO CK8n; Android 13",
          "Infinix X6833B; Android 13", "moto g84 5G; Android 14", "HUAWEI NOH-NX9; Android 12"]
APP_VERSION = ["5.4.0", "5.4.1", "5.3.2", "5.5.0"]


def app_ua(rng: random.Random, phone: str | None = None) -> str:
    p = phone or rng.choice(PHONES)
    return f"KestrelApp/{rng.choice(APP_VERSION)} ({p})"


def browser_ua(rng: random.Random) -> str:
    return rng.choice(BROWSERS)


# --------------------------------------------------------------------------------------------
# Directory: restricted rivals, ordinary companies, universities, platforms, namesakes
def fp(seed_text: str) -> str:
    return "pm_" + "%016x" % (zlib.crc32(seed_text.encode()) * 2654435761 % (1 << 64))


RIVALS = {
    "vistula-labs": {
        "name": "Vistula Labs sp. z o.o.", "city": "Warsaw", "domains": ["vistula-labs.ai", "vistulalabs.pl"],
        "office": "31.179.140.32/27", "cards": [fp("vistula-corp-amex"), fp("vistula-corp-visa")],
        "sso": ["vistula-labs.okta.com"],
        # the Warsaw coworking floor where its applied team rents desks; the Frankfurt cloud NAT it also egresses from
        "shared": [COWORK["warsaw-mennica"], CLOUD_SHARED_NAT],
    },
    "bosphorus-ai": {
        "name": "Bosphorus Yapay Zeka A.Ş.", "city": "Istanbul", "domains": ["bosphorus.ai", "bosphorusai.com.tr"],
        "office": "212.156.70.64/27", "cards": [fp("bosphorus-corp-mc")],
        "sso": ["bosphorusai.onmicrosoft.com"],
        "shared": [VPN_EXITS["ProtonIST"]],  # the VPN exit its staff use when travelling
    },
    "deccan-intelligence": {
        "name": "Deccan Intelligence Pvt Ltd", "city": "Bengaluru", "domains": ["deccan-intel.ai", "deccanintelligence.in"],
        "office": "49.249.96.0/27", "cards": [fp("deccan-corp-hdfc"), fp("deccan-corp-icici")],
        "sso": ["deccan-intel.okta.com"],
        "shared": [CAMPUS["iisc"], COWORK["bengaluru-91spr"]],  # an IISc lab it co-funds; a coworking floor
    },
}

COMPANIES = {
    # ordinary customers: org_id -> (name, city, domain, proxy /28 (None = remote), sso)
    "rheinland-versicherung": ("Rheinland Versicherung AG", "Frankfurt", "rheinland-vers.de", "193.28.160.16/28", "rheinland-vers.okta-emea.com"),
    "banque-lumiere": ("Banque Lumière", "Paris", "banquelumiere.fr", "194.51.12.80/28", "banquelumiere.onmicrosoft.com"),
    "gulfline-freight": ("Gulfline Freight LLC", "Dubai", "gulfline.ae", "94.57.110.48/28", "gulfline.onmicrosoft.com"),
    "kaveri-systems": ("Kaveri Systems Ltd", "Pune", "kaverisys.com", "115.112.40.0/28", "kaverisys.okta.com"),
    "pazar365": ("Pazar365 E-Ticaret A.Ş.", "Istanbul", "pazar365.com.tr", "88.255.97.32/28", None),
    "annotix": ("Annotix sp. z o.o. (data labelling)", "Krakow", "annotix.pl", "89.151.20.160/28", "annotix.okta.com"),
    "labelhaus-india": ("LabelHaus Data Services", "Delhi", "labelhaus.in", "103.87.58.64/28", "labelhaus.jumpcloud.com"),
    "lingua-bridge": ("LinguaBridge Localisation GmbH", "Berlin", "linguabridge.de", "62.157.88.0/28", None),
    "medinote-health": ("MediNote Health FZ-LLC", "Dubai", "medinote.health", None, None),
    "talentpool-hr": ("TalentPool HR SAS", "Lyon", "talentpool-rh.fr", None, None),
    "benchmark-co": ("Evalplane GmbH", "Munich", "evalplane.io", None, None),
    "ticketdesk": ("Ticketdesk.io", "Amsterdam", "ticketdesk.io", None, None),
}
NAMESAKES = {
    "vistula-logistics": ("Vistula Logistics S.A.", "Gdansk", "vistula-logistics.pl"),
    "bosphorus-travel": ("Bosphorus Travel Turizm Ltd.", "Istanbul", "bosphorustravel.com.tr"),
    "deccan-foods": ("Deccan Foods & Spices Pvt Ltd", "Hyderabad", "deccanfoods.in"),
}
UNIVERSITIES = {
    "tum": ("Technische Universität München", "Munich", "tum.de"),
    "sorbonne": ("Sorbonne Université", "Paris", "sorbonne-universite.fr"),
    "uw-warsaw": ("Uniwersytet Warszawski", "Warsaw", "uw.edu.pl"),
    "agh": ("AGH University of Krakow", "Krakow", "agh.edu.pl"),
    "bogazici": ("Boğaziçi Üniversitesi", "Istanbul", "bogazici.edu.tr"),
    "iitb": ("IIT Bombay", "Mumbai", "iitb.ac.in"),
    "iisc": ("Indian Institute of Science", "Bengaluru", "iisc.ac.in"),
    "aub": ("American University of Beirut (Dubai programme)", "Dubai", "aub.edu.lb"),
    "khalifa": ("Khalifa University", "Dubai", "ku.ac.ae"),
}
PLATFORMS = {
    "forge-ide": {"name": "Forge IDE GmbH", "city": "Berlin", "domain": "forge-ide.dev", "relay": "18.185.12.64/27",
                  "ua": "ForgeIDE-Relay/2.14.3", "system": (
                      "You are Forge, an AI pair programmer inside the Forge IDE. You can read the open files and "
                      "propose edits as unified diffs. Keep explanations short. Never invent APIs; if unsure, say so. "
                      "Respond in the language the user writes in."), "endpoint": "/v1/messages"},
    "agentwerk": {"name": "Agentwerk B.V.", "city": "Amsterdam", "domain": "agentwerk.io", "relay": "52.28.201.0/27",
                  "ua": "agentwerk-runtime/0.18.2 (+https://agentwerk.io)", "system": (
                      "You are a task agent running on Agentwerk. Tools available: web_fetch, python, files. "
                      "Think step by step, call tools when useful, and finish with a concise final answer."),
                  "endpoint": "/v1/chat/completions"},
    "souqai": {"name": "SouqAI Reseller FZE", "city": "Dubai", "domain": "souqai.ae", "relay": "185.178.44.0/28",
               "ua": "SouqAI-Gateway/1.9", "system": (
                   "You are a helpful assistant provided by SouqAI. Answer in the user's language (Arabic, English or Hindi)."),
               "endpoint": "/v1/chat/completions"},
}
FREEMAIL = {"DE": ["gmail.com", "gmx.de", "web.de", "t-online.de", "posteo.de"], "FR": ["gmail.com", "orange.fr", "free.fr", "laposte.net"],
            "PL": ["gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"], "TR": ["gmail.com", "hotmail.com", "yandex.com"],
            "IN": ["gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"], "AE": ["gmail.com", "outlook.com", "icloud.com"],
            "SA": ["gmail.com", "hotmail.com", "icloud.com"], "EG": ["gmail.com", "yahoo.com", "hotmail.com"],
            "GB": ["gmail.com", "outlook.com", "icloud.com", "btinternet.com"]}


def freemail(rng: random.Random, country: str) -> str:
    return rng.choice(FREEMAIL.get(country, ["gmail.com", "outlook.com", "proton.me", "icloud.com"]))


def entities() -> list[dict]:
    out = []
    for oid, r in RIVALS.items():
        out.append({"org_id": oid, "name": r["name"], "restricted": True, "domains": r["domains"],
                    "ip_ranges": [r["office"]] + r["shared"], "payment_fingerprints": r["cards"],
                    "sso_tenants": r["sso"]})
    for oid, (name, _city, dom, proxy, sso) in COMPANIES.items():
        out.append({"org_id": oid, "name": name, "restricted": False, "domains": [dom],
                    "ip_ranges": [proxy] if proxy else [], "payment_fingerprints": [fp(oid + "-card")],
                    "sso_tenants": [sso] if sso else []})
    for oid, (name, _city, dom) in NAMESAKES.items():
        out.append({"org_id": oid, "name": name, "restricted": False, "domains": [dom], "ip_ranges": [],
                    "payment_fingerprints": [fp(oid + "-card")], "sso_tenants": []})
    for oid, (name, _city, dom) in UNIVERSITIES.items():
        out.append({"org_id": "uni-" + oid, "name": name, "restricted": False, "domains": [dom],
                    "ip_ranges": [CAMPUS[oid]], "payment_fingerprints": [], "sso_tenants": []})
    for oid, p in PLATFORMS.items():
        out.append({"org_id": oid, "name": p["name"], "restricted": False, "domains": [p["domain"]],
                    "ip_ranges": [p["relay"]], "payment_fingerprints": [fp(oid + "-card")], "sso_tenants": []})
    return out


# --------------------------------------------------------------------------------------------
# People's names, for e-mail addresses
NAMES = {
    "de": (["lukas", "anna", "jonas", "lea", "felix", "marie", "paul", "sophie", "maximilian", "hannah", "tim", "julia", "niklas", "katharina"],
           ["mueller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "hoffmann", "koch", "richter", "klein"]),
    "fr": (["camille", "lucas", "chloe", "hugo", "lea", "louis", "manon", "theo", "ines", "nathan", "sarah", "antoine"],
           ["martin", "bernard", "dubois", "thomas", "robert", "petit", "durand", "leroy", "moreau", "laurent", "lefebvre"]),
    "pl": (["jakub", "zuzanna", "kacper", "julia", "szymon", "maja", "filip", "zofia", "michal", "aleksandra", "piotr", "katarzyna"],
           ["nowak", "kowalski", "wisniewski", "wojcik", "kowalczyk", "kaminski", "lewandowski", "zielinski", "szymanski", "wozniak"]),
    "tr": (["emre", "zeynep", "mehmet", "elif", "burak", "ayse", "can", "selin", "mert", "defne", "kerem", "ece"],
           ["yilmaz", "kaya", "demir", "sahin", "celik", "yildiz", "ozturk", "aydin", "arslan", "dogan", "kilic"]),
    "ar": (["omar", "fatima", "ahmed", "layla", "youssef", "noor", "khalid", "mariam", "hassan", "sara", "faisal", "reem"],
           ["alharbi", "alqahtani", "mansour", "haddad", "khalil", "nasser", "saleh", "farouk", "hamdan", "alsaadi", "aziz"]),
    "hi": (["aarav", "priya", "rohan", "ananya", "vikram", "sneha", "arjun", "kavya", "rahul", "divya", "aditya", "pooja", "karthik", "neha"],
           ["sharma", "patel", "iyer", "reddy", "gupta", "nair", "singh", "menon", "joshi", "rao", "kulkarni", "das", "mehta"]),
    "en": (["james", "olivia", "jack", "emily", "harry", "isla", "george", "amelia", "oliver", "ava", "noah", "grace"],
           ["smith", "jones", "taylor", "brown", "williams", "wilson", "evans", "walker", "wright", "thompson", "oconnor"]),
}


def person(rng: random.Random, lang: str) -> tuple[str, str]:
    f, l = NAMES.get(lang, NAMES["en"])
    return rng.choice(f), rng.choice(l)


def personal_email(rng: random.Random, lang: str, country: str) -> str:
    a, b = person(rng, lang)
    style = rng.random()
    if style < 0.35:
        local = f"{a}.{b}"
    elif style < 0.6:
        local = f"{a}{b}{rng.randrange(1, 99)}"
    elif style < 0.8:
        local = f"{a[0]}{b}{rng.choice(['', str(rng.randrange(70, 100)), '.dev'])}"
    else:
        local = f"{a}_{b[:3]}{rng.randrange(1980, 2006)}"
    return f"{local}@{freemail(rng, country)}"


def work_email(rng: random.Random, lang: str, domain: str) -> str:
    a, b = person(rng, lang)
    return f"{a}.{b}@{domain}" if rng.random() < 0.7 else f"{a[0]}{b}@{domain}"


LANG_OF_COUNTRY = {c: v[1][0] for c, v in COUNTRIES.items()}
