"""The world of set h: Tamarack AI, a model API in North America (US, Canada, Mexico).

Clock and time zones, the address space as a gateway sees it, user agents, people's names and
e-mail, and the directory (entities.jsonl). Everything random draws from a `random.Random` made by
`stream(seed, name)` so that each persona has its own stream (PYTHONHASHSEED plays no part).
"""
from __future__ import annotations

import hashlib
import ipaddress
import random

START = 1795392000  # Monday 2026-11-23 00:00 UTC (US Thanksgiving is Thursday 2026-11-26)
DAY = 86400
THANKSGIVING_DAY = 3  # day index of Thursday 26 November
MODELS = ("tamarack-3", "tamarack-3-mini", "tamarack-3-reason")


def stream(seed: int, name: str) -> random.Random:
    h = hashlib.sha256(f"h/{seed}/{name}".encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def fp(rng: random.Random, prefix: str = "pf") -> str:
    return f"{prefix}_{rng.getrandbits(64):016x}"


# ---------------------------------------------------------------------------------------- places
# city: (country, utc offset in winter, language weights)
CITIES = {
    "New York": ("US", -5, {"en": .85, "es": .15}), "Boston": ("US", -5, {"en": 1}),
    "Miami": ("US", -5, {"en": .5, "es": .5}), "Atlanta": ("US", -5, {"en": 1}),
    "Chicago": ("US", -6, {"en": .9, "es": .1}), "Austin": ("US", -6, {"en": .8, "es": .2}),
    "Houston": ("US", -6, {"en": .7, "es": .3}), "Denver": ("US", -7, {"en": 1}),
    "Phoenix": ("US", -7, {"en": .75, "es": .25}), "San Francisco": ("US", -8, {"en": .95, "es": .05}),
    "Los Angeles": ("US", -8, {"en": .6, "es": .4}), "Seattle": ("US", -8, {"en": 1}),
    "San Diego": ("US", -8, {"en": .7, "es": .3}),
    "Toronto": ("CA", -5, {"en": 1}), "Ottawa": ("CA", -5, {"en": .75, "fr": .25}),
    "Montréal": ("CA", -5, {"fr": .7, "en": .3}), "Québec": ("CA", -5, {"fr": .95, "en": .05}),
    "Vancouver": ("CA", -8, {"en": 1}), "Calgary": ("CA", -7, {"en": 1}), "Waterloo": ("CA", -5, {"en": 1}),
    "Ciudad de México": ("MX", -6, {"es": .92, "en": .08}), "Guadalajara": ("MX", -6, {"es": .95, "en": .05}),
    "Monterrey": ("MX", -6, {"es": .9, "en": .1}), "Querétaro": ("MX", -6, {"es": 1}),
    "Tijuana": ("MX", -8, {"es": .85, "en": .15}),
}
CITY_WEIGHTS = {"New York": 9, "Boston": 3, "Miami": 3, "Atlanta": 3, "Chicago": 5, "Austin": 4, "Houston": 4,
                "Denver": 3, "Phoenix": 3, "San Francisco": 6, "Los Angeles": 6, "Seattle": 4, "San Diego": 2,
                "Toronto": 7, "Ottawa": 2, "Montréal": 6, "Québec": 2, "Vancouver": 4, "Calgary": 2, "Waterloo": 1,
                "Ciudad de México": 7, "Guadalajara": 3, "Monterrey": 3, "Querétaro": 1, "Tijuana": 1}


def pick_city(rng: random.Random, country: str | None = None) -> str:
    names = [c for c in CITY_WEIGHTS if country is None or CITIES[c][0] == country]
    return rng.choices(names, [CITY_WEIGHTS[c] for c in names])[0]


def pick_lang(rng: random.Random, city: str) -> str:
    w = CITIES[city][2]
    return rng.choices(list(w), list(w.values()))[0]


# -------------------------------------------------------------------------------------- addresses
def _net(cidr: str) -> ipaddress.IPv4Network:
    return ipaddress.ip_network(cidr)


def ip_in(cidr: str, idx: int) -> str:
    n = _net(cidr)
    return str(n.network_address + (idx % n.num_addresses))


def rand_ip(rng: random.Random, cidr: str) -> str:
    n = _net(cidr)
    return str(n.network_address + rng.randrange(n.num_addresses))


# mobile carriers: CGNAT public pools shared by many subscribers
CARRIERS = {
    "US": [("tmobile", "172.58.96.0/22", 5), ("verizon", "174.205.32.0/22", 4), ("att", "107.77.208.0/22", 3)],
    "CA": [("rogers", "72.143.216.0/23", 3), ("bell", "184.151.36.0/23", 3), ("telus", "206.47.120.0/23", 2),
           ("videotron", "24.48.64.0/23", 1)],
    "MX": [("telcel", "189.203.144.0/22", 5), ("att-mx", "187.188.32.0/23", 2)],
}
# home broadband: big aggregates, one address per household (rarely changes in a week)
HOME_ISPS = {
    "US": [("comcast", "73.0.0.0/10", "2601:{:x}:{:x}", 5), ("spectrum", "24.160.0.0/12", None, 4),
           ("fios", "71.160.0.0/12", None, 2), ("att-fiber", "99.0.0.0/11", "2600:1700:{:x}:{:x}", 3)],
    "CA": [("rogers-home", "99.224.0.0/12", "2607:fea8:{:x}:{:x}", 3), ("bell-home", "142.112.0.0/13", None, 3),
           ("videotron-home", "24.200.0.0/13", "2605:b100:{:x}:{:x}", 2), ("telus-home", "75.152.0.0/13", None, 2)],
    "MX": [("telmex", "187.190.0.0/15", None, 4), ("izzi", "189.216.0.0/14", None, 3),
           ("totalplay", "201.141.0.0/16", None, 2)],
}
CAMPUSES = {  # university: (city, campus NAT /26, domain)
    "mit": ("Boston", "18.29.16.0/26", "mit.edu"), "utoronto": ("Toronto", "128.100.48.0/26", "utoronto.ca"),
    "mcgill": ("Montréal", "132.206.125.64/26", "mcgill.ca"), "ubc": ("Vancouver", "137.82.88.0/26", "ubc.ca"),
    "uwaterloo": ("Waterloo", "129.97.131.0/26", "uwaterloo.ca"), "unam": ("Ciudad de México", "132.248.9.0/26", "unam.mx"),
    "tec": ("Monterrey", "131.178.102.0/26", "tec.mx"), "utexas": ("Austin", "128.83.40.0/26", "utexas.edu"),
    "gatech": ("Atlanta", "128.61.72.0/26", "gatech.edu"), "ulaval": ("Québec", "132.203.33.0/26", "ulaval.ca"),
    "udeg": ("Guadalajara", "148.202.64.0/26", "udg.mx"),
}
# SASE / zero-trust egress: one pool serves hundreds of companies
SASE = {"zscaler-sjc": "165.225.242.0/24", "zscaler-nyc": "165.225.38.0/24", "zscaler-yyz": "165.225.208.0/24",
        "netskope-ord": "163.116.135.0/24", "cf-gateway": "104.28.86.0/24"}
CLOUD = {  # tenants' own addresses are drawn from these; the shared serverless pool is one /24
    "aws-use1": "3.80.0.0/14", "aws-usw2": "44.224.0.0/14", "aws-cac1": "15.222.0.0/16",
    "gcp-mtl-serverless": "34.152.14.0/24", "azure-cac": "20.151.0.0/16", "gcp-usc1": "34.66.0.0/15"}
VPN = {"mullvad-tor": "198.54.132.0/24", "nord-nyc": "185.244.214.0/24", "proton-mex": "146.70.161.0/24",
       "proton-lax": "89.187.185.0/24", "express-mia": "138.199.50.0/24"}
COWORKING = {  # floor: (city, /28)
    "wework-sf": ("San Francisco", "38.99.100.16/28"), "wework-nyc": ("New York", "64.125.190.32/28"),
    "wework-tor": ("Toronto", "206.126.82.48/28"), "notman-mtl": ("Montréal", "192.171.42.0/28"),
    "wework-cdmx": ("Ciudad de México", "201.159.221.64/28"), "impacthub-gdl": ("Guadalajara", "187.217.50.96/28"),
    "capital-factory-atx": ("Austin", "216.110.214.16/28")}
VPS = {"do-nyc3": "159.203.64.0/18", "do-tor1": "159.203.0.0/18", "linode-newark": "45.33.64.0/19",
       "vultr-dfw": "45.76.48.0/20", "ovh-bhs": "51.79.0.0/17", "hetzner-ash": "5.161.0.0/17",
       "contabo-stl": "154.53.32.0/19"}
CI = {"gh-actions": "20.102.0.0/16", "circleci": "3.228.0.0/16", "buildkite": "52.4.0.0/14"}
PLATFORM_RELAYS = {"codeloom": "44.210.12.64/27", "flowstack": "35.203.80.0/27", "routerly": "143.244.40.0/28"}
RIVAL_OFFICES = {"halcyon-labs": "199.87.112.0/27", "laurentide-ai": "205.236.140.32/27",
                 "quetzal-ia": "201.175.96.0/27"}


def carrier_ip(rng: random.Random, country: str) -> str:
    opts = CARRIERS[country]
    _, cidr, _ = rng.choices(opts, [o[2] for o in opts])[0]
    return rand_ip(rng, cidr)


class Home:
    """One household's line: a v4 address (re-leased rarely) and maybe a v6 /64 with rotating iid."""

    def __init__(self, rng: random.Random, country: str):
        opts = HOME_ISPS[country]
        self.isp, cidr, v6, _ = rng.choices(opts, [o[3] for o in opts])[0]
        self.v4 = [rand_ip(rng, cidr)]
        if rng.random() < 0.15:  # re-leased once during the week
            self.v4.append(rand_ip(rng, cidr))
        self.change_day = rng.randrange(1, 7)
        self.v6 = v6.format(rng.randrange(0x10000), rng.randrange(0x10000)) if v6 and rng.random() < 0.55 else None
        self.v6b = f"{rng.randrange(0x10000):x}:{rng.randrange(0x10000):x}"

    def ip(self, rng: random.Random, day: int) -> str:
        if self.v6 and rng.random() < 0.7:
            h = hashlib.sha256(f"{self.v6}/{day}".encode()).digest()
            return f"{self.v6}:{self.v6b}:{int.from_bytes(h[:2], 'big'):x}:{int.from_bytes(h[2:4], 'big'):x}:" \
                   f"{int.from_bytes(h[4:6], 'big'):x}:{int.from_bytes(h[6:8], 'big'):x}"
        return self.v4[1] if len(self.v4) > 1 and day >= self.change_day else self.v4[0]


def residential_proxy_ip(rng: random.Random, country: str) -> str:
    if rng.random() < 0.35:
        return carrier_ip(rng, country)
    opts = HOME_ISPS[country]
    return rand_ip(rng, rng.choices(opts, [o[3] for o in opts])[0][1])


# ------------------------------------------------------------------------------------ user agents
SDK_UAS = [  # (ua, endpoint)
    ("OpenAI/Python 1.54.4", "/v1/chat/completions"), ("OpenAI/Python 1.57.0", "/v1/chat/completions"),
    ("OpenAI/JS 4.73.1", "/v1/chat/completions"), ("Anthropic/Python 0.40.0", "/v1/messages"),
    ("Anthropic/JS 0.32.1", "/v1/messages"), ("tamarack-python/2.3.1", "/v1/messages"),
    ("tamarack-node/2.1.0", "/v1/messages"), ("langchain-core/0.3.21 python/3.12", "/v1/chat/completions"),
    ("litellm/1.53.1", "/v1/chat/completions"), ("ai-sdk/4.0.11 node/20.18.0", "/v1/chat/completions"),
    ("llama-index/0.12.2", "/v1/chat/completions"), ("OpenAI/Python 1.57.0 responses", "/v1/responses")]
RAW_UAS = [("python-requests/2.32.3", "/v1/chat/completions"), ("curl/8.7.1", "/v1/messages"),
           ("Go-http-client/2.0", "/v1/chat/completions"), ("axios/1.7.7", "/v1/chat/completions"),
           ("python-httpx/0.27.2", "/v1/messages"), ("Python/3.11 aiohttp/3.10.10", "/v1/chat/completions"),
           ("okhttp/4.12.0", "/v1/chat/completions"), ("Java-http-client/21.0.5", "/v1/messages")]
AGENT_UAS = [("claude-cli/1.0.24 (external, cli)", "/v1/messages"), ("codex_cli_rs/0.1.2504 (Mac OS 15.1.1; arm64)", "/v1/responses"),
             ("aider/0.66.0", "/v1/chat/completions"), ("Cline/3.1.4", "/v1/messages"), ("Continue/0.9.236", "/v1/chat/completions"),
             ("opencode/0.3.11", "/v1/messages"), ("goose/1.0.2", "/v1/messages")]
BROWSERS = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0"]
HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.69 Safari/537.36"
PHONES = {"US": [("iPhone", "iOS 18.1.1", 6), ("iPhone", "iOS 17.6.1", 2), ("Pixel 8", "Android 15", 1.5),
                 ("SM-S921U", "Android 14", 2), ("moto g play - 2024", "Android 14", 1), ("SM-A156U", "Android 14", 1)],
          "CA": [("iPhone", "iOS 18.1.1", 6), ("iPhone", "iOS 18.0", 1), ("Pixel 7a", "Android 15", 1.5),
                 ("SM-S926W", "Android 14", 2), ("SM-A256W", "Android 14", 1)],
          "MX": [("iPhone", "iOS 18.1.1", 2.5), ("SM-A155M", "Android 14", 3), ("Redmi Note 13", "Android 14", 3),
                 ("moto g84 5G", "Android 14", 2), ("OPPO A79", "Android 14", 1), ("HONOR X7b", "Android 13", 1)]}


def app_ua(rng: random.Random, country: str) -> str:
    dev, os_, _ = rng.choices(PHONES[country], [p[2] for p in PHONES[country]])[0]
    ver = rng.choice(["3.14.0", "3.14.1", "3.15.0"])
    if dev == "iPhone":
        return f"Tamarack/{ver} (iPhone; {os_}; Scale/3.00)"
    return f"Tamarack/{ver} (Linux; {os_}; {dev})"


# ------------------------------------------------------------------------------------------ names
FIRST = {"en": ["James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas",
                "Mia", "Logan", "Harper", "Aiden", "Chloe", "Jackson", "Madison", "Ryan", "Grace", "Dylan",
                "Hannah", "Tyler", "Zoe", "Priya", "Wei", "Arjun", "Mei", "Jamal", "Aaliyah", "Connor", "Brianna",
                "Marcus", "Keisha", "Nathan", "Rachel", "Kevin", "Jasmine", "Derek", "Megan", "Sanjay", "Leah"],
         "es": ["Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Ximena", "Leonardo", "Regina",
                "Emiliano", "Renata", "Sebastián", "Fernanda", "Alejandro", "Daniela", "José", "Guadalupe",
                "Luis", "María", "Jorge", "Andrea", "Carlos", "Paola", "Miguel", "Itzel", "Raúl", "Brenda"],
         "fr": ["Félix", "Léa", "William", "Florence", "Thomas", "Alice", "Olivier", "Charlotte", "Samuel",
                "Rosalie", "Gabriel", "Juliette", "Antoine", "Maude", "Mathieu", "Camille", "Étienne",
                "Émilie", "Jérémie", "Marie-Ève", "Louis-Philippe", "Geneviève", "Simon", "Anne-Sophie"]}
LAST = {"en": ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
               "Thomas", "Moore", "Martin", "Thompson", "White", "Clark", "Lewis", "Walker", "Hall", "Young",
               "Patel", "Nguyen", "Chen", "Kim", "Singh", "Campbell", "MacDonald", "O'Brien", "Murphy", "Wong",
               "Robinson", "Baker", "Carter", "Mitchell", "Reyes", "Shah", "Park", "Cohen", "Friedman"],
        "es": ["García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
               "Ramírez", "Flores", "Torres", "Cruz", "Morales", "Ortiz", "Gutiérrez", "Chávez", "Ruiz",
               "Mendoza", "Vázquez", "Castillo", "Jiménez", "Romero", "Aguilar", "Navarro", "Salazar"],
        "fr": ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
               "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
               "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier"]}
PERSONAL_DOMAINS = {"US": [("gmail.com", 10), ("yahoo.com", 2), ("outlook.com", 2), ("icloud.com", 3),
                           ("hotmail.com", 1), ("proton.me", 1), ("aol.com", .3), ("comcast.net", .4)],
                    "CA": [("gmail.com", 10), ("outlook.com", 2), ("hotmail.com", 2), ("icloud.com", 2),
                           ("videotron.ca", .6), ("sympatico.ca", .4), ("rogers.com", .4), ("proton.me", .7)],
                    "MX": [("gmail.com", 10), ("hotmail.com", 4), ("outlook.com", 2), ("yahoo.com.mx", 1.5),
                           ("icloud.com", 1), ("prodigy.net.mx", .3)]}


def strip(s: str) -> str:
    t = s.lower()
    for a, b in (("á", "a"), ("é", "e"), ("è", "e"), ("ê", "e"), ("í", "i"), ("ó", "o"), ("ú", "u"), ("ñ", "n"),
                 ("ç", "c"), ("ô", "o"), ("î", "i"), ("ï", "i"), ("ë", "e"), ("à", "a"), ("'", ""), (" ", "")):
        t = t.replace(a, b)
    return t


def person(rng: random.Random, lang: str) -> tuple[str, str]:
    pool = lang if lang in FIRST else "en"
    if pool == "en" and rng.random() < 0.12:
        pool = "es"  # US Hispanic names
    return rng.choice(FIRST[pool]), rng.choice(LAST[pool])


def personal_email(rng: random.Random, first: str, last: str, country: str) -> str:
    f, l_ = strip(first), strip(last).replace("-", "")
    dom = rng.choices(PERSONAL_DOMAINS[country], [d[1] for d in PERSONAL_DOMAINS[country]])[0][0]
    style = rng.randrange(7)
    local = [f"{f}.{l_}", f"{f}{l_}{rng.randrange(1, 99)}", f"{f[0]}{l_}", f"{f}_{l_}{rng.randrange(70, 100)}",
             f"{l_}.{f}", f"{f}{rng.randrange(100, 9999)}", f"{f[0]}.{l_}{rng.randrange(1, 30)}"][style]
    return f"{local}@{dom}"


def work_email(first: str, last: str, domain: str, style: int = 0) -> str:
    f, l_ = strip(first), strip(last).replace("-", "")
    return [f"{f}.{l_}", f"{f[0]}{l_}", f"{f}"][style % 3] + "@" + domain


# -------------------------------------------------------------------------------------- directory
RIVALS = {
    "halcyon-labs": dict(name="Halcyon Labs", city="San Francisco", domains=["halcyonlabs.ai", "halcyon-research.com"],
                         sso=["halcyonlabs.okta.com"], cards=2, shared=["zscaler-sjc", "wework-sf"]),
    "laurentide-ai": dict(name="Laurentide AI", city="Montréal", domains=["laurentide.ai", "laurentideai.ca"],
                          sso=["laurentideai.onmicrosoft.com"], cards=2, shared=["mcgill", "gcp-mtl-serverless"]),
    "quetzal-ia": dict(name="Quetzal Inteligencia Artificial", city="Ciudad de México", domains=["quetzal-ia.mx", "quetzalai.com"],
                       sso=["quetzal-ia.mx"], cards=1, shared=["wework-cdmx", "proton-mex"]),
}
NAMESAKES = {"halcyon-dental": ("Halcyon Dental Laboratory", "San Diego", "halcyondentallab.com"),
             "laurentide-plomberie": ("Plomberie Laurentide inc.", "Québec", "plomberielaurentide.ca"),
             "quetzal-tours": ("Quetzal Tours y Viajes", "Guadalajara", "quetzaltours.com.mx"),
             "halcyon-hoa": ("Halcyon Ridge HOA", "Denver", "halcyonridgehoa.org")}
COMPANIES = {  # org_id: (name, city, domain, sase pool or None (own proxy), sso)
    "brightwater-ins": ("Brightwater Mutual Insurance", "Boston", "brightwatermutual.com", "zscaler-nyc", "brightwatermutual.okta.com"),
    "maple-ledger": ("Maple Ledger Financial", "Toronto", "mapleledger.ca", "zscaler-yyz", "mapleledger.onmicrosoft.com"),
    "cascadia-health": ("Cascadia Health Partners", "Seattle", "cascadiahealth.org", "zscaler-sjc", "cascadiahealth.okta.com"),
    "norte-logistica": ("Norte Logística S.A. de C.V.", "Monterrey", "nortelogistica.mx", "netskope-ord", "nortelogistica.mx"),
    "pacifica-retail": ("Pacifica Outfitters", "San Francisco", "pacificaoutfitters.com", "zscaler-sjc", "pacificaoutfitters.okta.com"),
    "groupe-boreal": ("Groupe Boréal Assurances", "Québec", "groupeboreal.ca", "cf-gateway", "groupeboreal.onmicrosoft.com"),
    "lonestar-energy": ("Lone Star Midstream", "Houston", "lonestarmidstream.com", "netskope-ord", "lonestarmidstream.okta.com"),
    "tallgrass-label": ("Tallgrass Annotation", "Austin", "tallgrassannotation.com", None, "tallgrassannotation.com"),
    "etiqueta-datos": ("Etiqueta Datos", "Guadalajara", "etiquetadatos.mx", None, "etiquetadatos.mx"),
    "benchwright": ("Benchwright Evals", "New York", "benchwright.dev", None, None),
    "helpharbor": ("HelpHarbor", "Chicago", "helpharbor.io", None, None),
    "rankforge": ("RankForge Digital", "Miami", "rankforge.agency", None, None),
    "lingo-nord": ("Traductions Lingo Nord", "Montréal", "lingonord.ca", None, None),
}
PLATFORMS = {"codeloom": ("Codeloom", "San Francisco", "codeloom.dev", "Codeloom-Relay/4.2.0", "/v1/messages"),
             "flowstack": ("Flowstack", "Toronto", "flowstack.ai", "Flowstack-Agents/2025.11 (+https://flowstack.ai)", "/v1/chat/completions"),
             "routerly": ("Routerly", "New York", "routerly.io", "Routerly/1.9 (router)", "/v1/chat/completions")}
PLATFORM_SYSTEM = {
    "codeloom": "You are Codeloom Assistant, an expert pair programmer embedded in the Codeloom IDE. You can read "
                "files, run terminal commands and edit code using the provided tools. Prefer minimal diffs. "
                "Current workspace is provided in <workspace> tags.",
    "flowstack": "You are an AI agent built with Flowstack. Follow the workflow instructions set by the builder. "
                 "Use tools when needed. Respond in the user's language.",
    "routerly": None}


def rival_cards(seed: int) -> dict[str, list[str]]:
    rng = stream(seed, "directory/cards")
    return {r: [fp(rng) for _ in range(v["cards"])] for r, v in RIVALS.items()}


def shared_cidr(key: str) -> str:
    for table in (SASE, CLOUD, VPN):
        if key in table:
            return table[key]
    if key in COWORKING:
        return COWORKING[key][1]
    if key in CAMPUSES:
        return CAMPUSES[key][1]
    raise KeyError(key)


def directory(seed: int) -> list[dict]:
    cards = rival_cards(seed)
    out = []
    for rid, r in RIVALS.items():
        out.append({"org_id": rid, "name": r["name"], "restricted": True, "domains": r["domains"],
                    "ip_ranges": [RIVAL_OFFICES[rid]] + [shared_cidr(k) for k in r["shared"]],
                    "payment_fingerprints": cards[rid], "sso_tenants": r["sso"]})
    for oid, (name, _c, dom) in NAMESAKES.items():
        out.append({"org_id": oid, "name": name, "restricted": False, "domains": [dom], "ip_ranges": [],
                    "payment_fingerprints": [], "sso_tenants": []})
    rng = stream(seed, "directory/companies")
    for oid, (name, _c, dom, sase, sso) in COMPANIES.items():
        out.append({"org_id": oid, "name": name, "restricted": False, "domains": [dom],
                    "ip_ranges": [SASE[sase]] if sase else [], "payment_fingerprints": [company_card(seed, oid)],
                    "sso_tenants": [sso] if sso else []})
    for uid, (_c, cidr, dom) in CAMPUSES.items():
        out.append({"org_id": uid, "name": uid.upper() if len(uid) <= 4 else uid.capitalize(), "restricted": False,
                    "domains": [dom], "ip_ranges": [cidr], "payment_fingerprints": [], "sso_tenants": []})
    for pid, (name, _c, dom, _ua, _ep) in PLATFORMS.items():
        out.append({"org_id": pid, "name": name, "restricted": False, "domains": [dom],
                    "ip_ranges": [PLATFORM_RELAYS[pid]], "payment_fingerprints": [fp(rng)], "sso_tenants": []})
    return out


def company_card(seed: int, oid: str) -> str:
    return fp(stream(seed, f"card/{oid}"))
