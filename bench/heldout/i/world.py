"""The world of set "i": Tucano AI, a São Paulo model API serving South America.

Clock, places, addresses, clients, the directory of organizations, and the recorder that turns
one account's actions into request records. Nothing here knows which detector exists.
"""

from __future__ import annotations

import ipaddress
import random
from datetime import datetime, timezone

T0 = datetime(2026, 11, 16, tzinfo=timezone.utc).timestamp()  # Monday 2026-11-16 00:00 UTC
DAY = 86400.0

# Southern-hemisphere summer: Chile is on summer time (UTC-3); Brazil has no DST since 2019.
COUNTRY_TZ = {"BR": -3, "AR": -3, "CL": -3, "UY": -3, "PY": -3, "CO": -5, "PE": -5, "EC": -5, "BO": -4}
COUNTRY_LANG = {"BR": "pt"}
COUNTRY_MIX = [("BR", 46), ("AR", 16), ("CL", 11), ("CO", 12), ("PE", 6), ("UY", 3), ("PY", 2), ("EC", 2), ("BO", 2)]


def pick_country(rng: random.Random) -> str:
    return rng.choices([c for c, _ in COUNTRY_MIX], [w for _, w in COUNTRY_MIX])[0]


def lang_of(country: str, rng: random.Random) -> str:
    base = COUNTRY_LANG.get(country, "es")
    return "en" if rng.random() < 0.08 else base


# Hour-of-day profiles (local time), 24 weights.
PROFILES = {
    "office": [0, 0, 0, 0, 0, 0, 0.2, 1, 4, 8, 9, 8, 4, 5, 8, 9, 8, 6, 3, 1.5, 1, 0.6, 0.3, 0.1],
    "consumer": [1.5, 0.8, 0.3, 0.1, 0.1, 0.2, 0.6, 1.5, 2, 2.5, 2.5, 3, 4, 3.5, 3, 3, 3, 3.5, 4.5, 6, 7, 7, 5.5, 3.5],
    "student": [5, 4, 2, 0.6, 0.1, 0.1, 0.2, 0.6, 1.5, 2.5, 3, 3, 2, 3, 4, 4, 4, 3.5, 3.5, 4.5, 6, 7, 7.5, 6.5],
    "dev": [1, 0.5, 0.2, 0.1, 0, 0, 0.2, 0.8, 3, 6, 8, 8, 5, 6, 8, 8, 8, 7, 5, 4, 4, 3.5, 2.5, 1.5],
    "batch": [6, 9, 9, 8, 6, 3, 1, 0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 2],
    "flat": [1] * 24,
    "business": [0.2, 0.1, 0, 0, 0, 0.1, 0.5, 2, 4, 6, 7, 7, 6, 6, 7, 7, 6, 6, 5, 4.5, 4, 3, 1.5, 0.6],
}


def hour(rng: random.Random, profile: str) -> float:
    h = rng.choices(range(24), PROFILES[profile])[0]
    return h + rng.random()


def local_ts(day: int, h: float, tz: int) -> float:
    return T0 + day * DAY + h * 3600.0 - tz * 3600.0


def weekend(day: int) -> bool:
    return day % 7 in (5, 6)


def hexid(rng: random.Random, n: int = 12) -> str:
    return f"{rng.getrandbits(4 * n):0{n}x}"


# ---------------------------------------------------------------- addresses

RANGES = {
    # rivals' own offices (exclusive)
    "condor_office": "200.14.68.0/27", "pampa_office": "181.30.140.0/27", "jaguar_office": "186.29.200.0/27",
    # shared places some rivals list
    "cowork_providencia": "190.98.210.0/28",   # Santiago coworking floor (Condor lists it)
    "cowork_poblado": "181.48.12.0/28",        # Medellín coworking floor (Jaguar lists it)
    "aws_sa_nat": "18.231.5.0/24",             # a cloud region's shared NAT pool (Condor lists it)
    "vpn_ba": "45.133.172.0/24",               # commercial VPN exit, Buenos Aires (Pampa lists it)
    # shared places nobody lists
    "cowork_faria_lima": "177.71.200.0/28", "cowork_palermo": "181.47.3.0/28", "cowork_miraflores": "190.117.40.0/28",
    "vpn_gru": "146.70.110.0/24", "vpn_scl": "89.187.163.0/24", "vpn_bog": "138.199.50.0/24",
    "ci_runners": "20.201.64.0/20",
    # VPS / hosting
    "hetzner": "65.108.0.0/16", "ovh": "51.79.0.0/16", "digitalocean": "159.203.0.0/16", "vultr_scl": "64.176.0.0/18",
    "oracle_vinhedo": "144.22.128.0/18", "contabo": "161.97.0.0/16", "magalu_cloud": "201.23.16.0/20",
    # campuses (NAT /26)
    "usp": "143.107.45.0/26", "unicamp": "143.106.60.0/26", "uba": "157.92.4.0/26", "uchile": "200.89.70.0/26",
    "uniandes": "157.253.50.0/26", "pucrio": "139.82.10.0/26",
    # corporate egress
    "bancoandino_proxy": "200.155.16.0/28", "rotulabem_office": "177.92.5.0/28", "condortransp_office": "200.27.90.0/28",
    "pampaseguros_office": "190.210.33.0/28", "jaguarmotos_office": "181.57.8.0/28", "mercadoaustral_dc": "200.98.160.0/24",
    "medidor_office": "177.69.210.0/28",
    # platforms' relays
    "codara_relay": "34.95.150.0/28", "agentix_relay": "35.199.70.0/28", "tucanoshare_relay": "191.252.110.0/28",
}
_NETS = {k: ipaddress.ip_network(v) for k, v in RANGES.items()}

RES_PREFIX = {"BR": [177, 179, 186, 187, 189, 191, 201], "AR": [181, 186, 190], "CL": [152, 179, 181, 190],
              "CO": [181, 186, 190, 191], "PE": [179, 190], "UY": [167, 179], "PY": [181, 186], "EC": [157, 186],
              "BO": [161, 200]}
V6_PREFIX = {"BR": "2804", "AR": "2800", "CL": "2800", "CO": "2800", "PE": "2803", "UY": "2800", "PY": "2803", "EC": "2800", "BO": "2803"}
CARRIERS = {"BR": ["vivo", "claro_br", "tim"], "AR": ["personal", "movistar_ar", "claro_ar"], "CL": ["entel", "movistar_cl", "wom"],
            "CO": ["tigo", "claro_co"], "PE": ["movistar_pe", "claro_pe"], "UY": ["antel"], "PY": ["tigo_py"], "EC": ["claro_ec"], "BO": ["entel_bo"]}


def in_range(rng: random.Random, name: str) -> str:
    net = _NETS[name]
    return str(net.network_address + rng.randrange(1, max(2, net.num_addresses - 1)))


def res_v4(rng: random.Random, country: str) -> str:
    return f"{rng.choice(RES_PREFIX.get(country, [190]))}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


class World:
    def __init__(self, seed: int):
        r = random.Random(f"{seed}:world")
        # carrier-grade NAT pools: a few hundred public addresses shared by everyone on the carrier
        self.cgnat: dict[str, list[str]] = {}
        for country, cs in CARRIERS.items():
            for c in cs:
                base = [res_v4(r, country).rsplit(".", 2)[0] for _ in range(3)]
                self.cgnat[c] = [f"{rng_b}.{r.randrange(256)}.{r.randrange(1, 255)}" for rng_b in base for _ in range(80)]

    def mobile_ip(self, rng: random.Random, carrier: str) -> str:
        return rng.choice(self.cgnat[carrier])


class Home:
    """A household's connection: dynamic IPv4 leased for days, or an IPv6 /64 whose interface id rotates daily."""

    def __init__(self, rng: random.Random, country: str, days: int):
        self.country = country
        self.v6 = rng.random() < 0.45
        pfx = f"{V6_PREFIX.get(country, '2800')}:{rng.randrange(0x100, 0xffff):x}:{rng.randrange(0xffff):x}:{rng.randrange(0xffff):x}"
        self.ips: list[str] = []
        cur, left = res_v4(rng, country), rng.randrange(1, 60)
        for _ in range(days + 1):
            if self.v6:
                self.ips.append(f"{pfx}:{rng.randrange(0xffff):x}:{rng.randrange(0xffff):x}:{rng.randrange(0xffff):x}:{rng.randrange(0xffff):x}")
            else:
                if left <= 0:
                    cur, left = res_v4(rng, country), rng.randrange(1, 60)
                left -= 1
                self.ips.append(cur)

    def ip(self, day: int) -> str:
        return self.ips[max(0, min(day, len(self.ips) - 1))]


# ---------------------------------------------------------------- clients

APP_DEVICES = ["iPhone15,3; iOS 18.6", "iPhone14,7; iOS 18.5", "iPhone12,1; iOS 17.7", "Android 14; SM-A546E",
               "Android 15; SM-S921B", "Android 13; moto g54 5G", "Android 14; 23129RAA4G", "Android 14; CPH2591",
               "Android 13; SM-A145M", "Android 15; Pixel 8a", "Android 12; SM-A325M"]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
]
SDKS = {  # ua -> endpoint
    "anthropic-python/0.52.0": "/v1/messages", "anthropic-typescript/0.50.3": "/v1/messages",
    "OpenAI/Python 1.82.0": "/v1/chat/completions", "OpenAI/JS 5.1.0": "/v1/chat/completions",
    "langchain-openai/0.3.18": "/v1/chat/completions", "litellm/1.72.0": "/v1/chat/completions",
    "llama-index/0.12.40": "/v1/chat/completions", "ai-sdk/4.3.16": "/v1/chat/completions",
}
SCRIPTS = {"python-requests/2.32.3": "/v1/chat/completions", "python-httpx/0.28.1": "/v1/messages", "curl/8.5.0": "/v1/chat/completions",
           "axios/1.7.9": "/v1/chat/completions", "Go-http-client/2.0": "/v1/chat/completions", "aiohttp/3.11.10": "/v1/messages",
           "Java-http-client/21.0.5": "/v1/chat/completions", "n8n/1.94.0": "/v1/chat/completions"}
AGENTS = {"tucano-code/1.4.2 (cli)": "/v1/messages", "codex_cli_rs/0.46.0": "/v1/responses", "Cline/3.28.1": "/v1/messages",
          "aider/0.86.1": "/v1/chat/completions", "RooCode/3.25.4": "/v1/messages", "opencode/0.14.2": "/v1/messages"}
HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"
PLATFORMS = {
    "codara": {"ua": "codara-relay/2.9.0", "relay": "codara_relay", "endpoint": "/v1/messages",
               "system": "You are Codara, an AI pair programmer inside the user's IDE. Use the provided tools. Be concise."},
    "agentix": {"ua": "agentix-gateway/1.17 (+https://agentix.app)", "relay": "agentix_relay", "endpoint": "/v1/chat/completions",
                "system": "You are an autonomous agent running on Agentix. Follow the workflow definition. Respond in the user's language."},
}


class Client:
    __slots__ = ("ua", "endpoint", "keyed", "app")

    def __init__(self, ua: str, endpoint: str, keyed: bool, app: bool = False):
        self.ua, self.endpoint, self.keyed, self.app = ua, endpoint, keyed, app


def app_client(rng: random.Random) -> Client:
    return Client(f"TucanoApp/3.{rng.randrange(9, 13)}.{rng.randrange(0, 4)} ({rng.choice(APP_DEVICES)})", "/v1/messages", False, True)


def web_client(rng: random.Random) -> Client:
    return Client(rng.choice(BROWSERS), "/v1/messages", False, True)


def sdk_client(rng: random.Random) -> Client:
    ua = rng.choice(list(SDKS))
    return Client(ua, SDKS[ua], True)


def script_client(rng: random.Random, ua: str | None = None) -> Client:
    ua = ua or rng.choice(list(SCRIPTS))
    return Client(ua, SCRIPTS.get(ua, "/v1/chat/completions"), True)


def agent_client(rng: random.Random, ua: str | None = None) -> Client:
    ua = ua or rng.choice(list(AGENTS))
    return Client(ua, AGENTS[ua], True)


# ---------------------------------------------------------------- directory

def fp(rng: random.Random) -> str:
    return "pf_" + hexid(rng, 20)


class Directory:
    def __init__(self, seed: int):
        r = random.Random(f"{seed}:directory")
        self.entities: list[dict] = []
        self.cards: dict[str, list[str]] = {}

        def ent(org_id, name, restricted=False, domains=(), ranges=(), cards=0, sso=()):
            fps = [fp(r) for _ in range(cards)]
            self.cards[org_id] = fps
            self.entities.append({"org_id": org_id, "name": name, "restricted": restricted, "domains": list(domains),
                                  "ip_ranges": [RANGES[x] for x in ranges], "payment_fingerprints": fps,
                                  "sso_tenants": list(sso)})

        # restricted rivals: each lists its own office plus shared places its security team saw it egress from
        ent("condor-labs", "Condor Labs SpA", True, ["condorlabs.ai", "condor-labs.cl"],
            ["condor_office", "cowork_providencia", "aws_sa_nat"], 3, ["condorlabs.okta.com"])
        ent("pampa-ia", "Pampa Inteligencia Artificial S.A.", True, ["pampa.ai", "pampaia.com.ar"],
            ["pampa_office", "vpn_ba"], 3, ["pampaia.onmicrosoft.com"])
        ent("jaguar-research", "Jaguar Research S.A.S.", True, ["jaguar-research.co", "jaguarlabs.ai"],
            ["jaguar_office", "cowork_poblado"], 2, ["jaguar-research.okta.com"])
        # namesakes of the rivals
        ent("condor-transportes", "Condor Transportes Ltda.", False, ["condortransportes.com.br"], ["condortransp_office"], 1,
            ["condortransportes.onmicrosoft.com"])
        ent("pampa-seguros", "Pampa Seguros S.A.", False, ["pampaseguros.com.ar"], ["pampaseguros_office"], 1,
            ["pampaseguros.okta.com"])
        ent("jaguar-motos", "Jaguar Motos de Colombia", False, ["jaguarmotos.com.co"], ["jaguarmotos_office"], 1, [])
        # ordinary companies, vendors, platforms, universities
        ent("banco-andino", "Banco Andino", False, ["bancoandino.com"], ["bancoandino_proxy"], 2, ["bancoandino.okta.com"])
        ent("mercado-austral", "Mercado Austral", False, ["mercadoaustral.com"], ["mercadoaustral_dc"], 1, [])
        ent("rotulabem", "RotulaBem Serviços de Dados", False, ["rotulabem.com.br"], ["rotulabem_office"], 1, ["rotulabem.okta.com"])
        ent("traduzca", "Traduzca Localización", False, ["traduzca.com"], [], 1, [])
        ent("medidor", "Medidor Evals", False, ["medidor.dev"], ["medidor_office"], 1, [])
        ent("codara", "Codara IDE", False, ["codara.dev"], ["codara_relay"], 1, [])
        ent("agentix", "Agentix", False, ["agentix.app"], ["agentix_relay"], 1, [])
        for org, name, dom, rng_ in [("usp", "Universidade de São Paulo", "usp.br", "usp"),
                                     ("unicamp", "Unicamp", "unicamp.br", "unicamp"),
                                     ("uba", "Universidad de Buenos Aires", "uba.ar", "uba"),
                                     ("uchile", "Universidad de Chile", "uchile.cl", "uchile"),
                                     ("uniandes", "Universidad de los Andes", "uniandes.edu.co", "uniandes"),
                                     ("puc-rio", "PUC-Rio", "puc-rio.br", "pucrio")]:
            ent(org, name, False, [dom], [rng_], 1, [f"{dom.split('.')[0]}.edu.okta.com"] if r.random() < 0.5 else [])

    def restricted(self) -> list[dict]:
        return [e for e in self.entities if e["restricted"]]

    def get(self, org_id: str) -> dict:
        return next(e for e in self.entities if e["org_id"] == org_id)
