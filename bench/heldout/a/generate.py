#!/usr/bin/env python3
"""Held-out labelled traffic generator "a" for Moat (independent of the project's simulator).

    python bench/heldout/a/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7]
                                       [--careful 0..1] [--mix PERSONA=WEIGHT ...]

Writes accounts.jsonl, requests.jsonl (sorted by ts), entities.jsonl (per shared/spec/traffic-format.md)
and labels.jsonl (one line per account: account_id, persona, categories, network_id, org_id).
Standard library + numpy + orjson only. See README.md next to this file for the personas.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import sys
import time
from collections import Counter
from datetime import datetime, timezone

import numpy as np
import orjson

DAY = 86400.0
HOUR = 3600.0
CATS = ("distillation", "scraping", "tier_abuse", "coordination", "competitor")

# --------------------------------------------------------------------------------------------
# static vocabularies
# --------------------------------------------------------------------------------------------

FIRST = ("james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan "
         "joseph jessica thomas sarah chris karen daniel lisa matthew nancy anthony betty mark sandra paul ashley "
         "steven kimberly andrew emily kevin donna brian michelle george carol timothy amanda jason melissa "
         "ryan deborah jacob stephanie nicholas rebecca eric sharon jonathan laura justin cynthia aarav priya "
         "rohan ananya vikram sneha arjun kavya wei li jing hao yuki haruto sakura minjun jiwoo seoyeon lucas "
         "sofia mateo valentina gabriel camila lukas lena jonas mia felix hannah noah emma liam olivia chloe "
         "louis manon hugo ines tomasz zofia jakub olumide chioma tunde amara fatima omar yusuf leila ayse "
         "emre elif noa yosef tamar lars ingrid sven astrid pablo lucia diego carmen thiago ana joao "
         "maria oliver isla freya arthur dmitri irina").split()
LAST = ("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez "
        "wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark "
        "ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams "
        "nelson baker hall rivera campbell mitchell carter roberts sharma patel gupta reddy iyer chen wang "
        "zhang liu yang tanaka suzuki sato kim park choi silva santos oliveira muller schmidt schneider "
        "fischer weber meyer dubois moreau laurent kowalski nowak wisniewski okafor adeyemi eze yilmaz kaya "
        "cohen levi andersson johansson nilsson fernandez ruiz costa pereira novak horvat ivanova petrov").split()

COUNTRIES = {
    # cc: (utc offset hours, [residential v4 /16 prefixes], [v6 /32-ish prefixes], weight)
    "US": (-6, ["73.{}", "98.{}", "24.{}", "67.{}", "71.{}", "108.{}", "174.{}", "76.{}"], ["2601:{:x}", "2600:1700", "2603:{:x}"], 30),
    "GB": (0, ["86.{}", "81.{}", "92.{}", "90.{}", "82.{}"], ["2a00:23c{:x}", "2a02:c7c"], 7),
    "DE": (1, ["84.{}", "91.{}", "93.{}", "87.{}", "79.{}"], ["2003:{:x}", "2a02:810{:x}"], 7),
    "FR": (1, ["90.{}", "86.{}", "78.{}", "88.{}"], ["2a01:cb{:02x}", "2a01:e0a"], 4),
    "IN": (5.5, ["49.{}", "106.{}", "117.{}", "103.{}", "122.{}"], ["2409:40{:02x}", "2401:4900"], 10),
    "BR": (-3, ["177.{}", "179.{}", "189.{}", "187.{}"], ["2804:{:x}"], 4),
    "CA": (-5, ["99.{}", "142.{}", "174.{}", "70.{}"], ["2607:fea8"], 4),
    "JP": (9, ["126.{}", "133.{}", "153.{}", "114.{}"], ["240b:{:x}", "2400:4050"], 4),
    "KR": (9, ["121.{}", "175.{}", "211.{}", "112.{}"], ["2001:2d8"], 3),
    "NL": (1, ["84.{}", "83.{}", "145.{}", "77.{}"], ["2a02:a4{:02x}"], 3),
    "ES": (1, ["88.{}", "83.{}", "79.{}", "95.{}"], ["2a0c:5a8{:x}"], 2),
    "PL": (1, ["83.{}", "89.{}", "31.{}", "37.{}"], ["2a02:a31{:x}"], 2),
    "AU": (10, ["101.{}", "120.{}", "58.{}", "110.{}"], ["2001:8003"], 3),
    "SG": (8, ["118.{}", "116.{}", "203.{}"], ["2406:3003"], 2),
    "NG": (1, ["102.{}", "105.{}", "197.{}"], [], 2),
    "MX": (-6, ["187.{}", "189.{}", "201.{}"], [], 2),
    "SE": (1, ["83.{}", "81.{}", "90.{}"], ["2001:9b1"], 2),
    "IL": (2, ["79.{}", "84.{}", "109.{}"], [], 1),
    "TR": (3, ["78.{}", "88.{}", "176.{}"], [], 1),
    "ID": (7, ["36.{}", "110.{}", "114.{}"], [], 2),
    "PH": (8, ["112.{}", "119.{}", "136.{}"], [], 1),
}
MOBILE_CARRIERS = {  # public CGNAT egress blocks: many unrelated phones share few addresses
    "US": ["172.56.{}.{}", "172.58.{}.{}", "174.205.{}.{}"], "GB": ["82.132.{}.{}", "31.94.{}.{}"],
    "DE": ["109.40.{}.{}", "80.187.{}.{}"], "IN": ["157.32.{}.{}", "223.185.{}.{}"],
    "FR": ["37.170.{}.{}"], "BR": ["177.95.{}.{}"], "JP": ["126.253.{}.{}"], "AU": ["1.136.{}.{}"],
}
EMAIL_PROVIDERS = [("gmail.com", 50), ("outlook.com", 10), ("yahoo.com", 6), ("icloud.com", 8), ("hotmail.com", 5),
                   ("proton.me", 4), ("gmx.de", 2), ("fastmail.com", 1), ("qq.com", 2), ("naver.com", 1),
                   ("yandex.com", 1), ("live.com", 2), ("me.com", 1), ("protonmail.com", 1)]

MODELS_TOP = ["claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929"]
MODELS_ALL = ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
              "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805", "claude-sonnet-4-20250514",
              "claude-3-5-haiku-20241022"]
MODELS_CHEAP = ["claude-haiku-4-5-20251001", "claude-3-5-haiku-20241022", "claude-haiku-4-5-20251001"]

UA_SDK = ["Anthropic/Python 0.39.0", "Anthropic/Python 0.40.0", "Anthropic/Python 0.42.0", "Anthropic/Python 0.49.0",
          "Anthropic/Python 0.57.1", "Anthropic/Python 0.64.0", "Anthropic/JS 0.32.1", "Anthropic/JS 0.37.0",
          "Anthropic/JS 0.52.0", "Anthropic/JS 0.60.0", "OpenAI/Python 1.54.3", "OpenAI/Python 1.59.7",
          "OpenAI/Python 1.99.1", "OpenAI/NodeJS 4.67.3", "OpenAI/NodeJS 5.12.2", "python-httpx/0.27.2",
          "python-httpx/0.28.1", "langchain-anthropic/0.3.3 Anthropic/Python 0.49.0", "Go-http-client/2.0",
          "anthropic-sdk-go/1.4.0", "anthropic-java/2.2.0", "anthropic-ruby/1.1.0", "ai-sdk/anthropic 1.2.12"]
UA_RAW = ["python-requests/2.31.0", "python-requests/2.32.3", "curl/8.5.0", "curl/7.81.0", "axios/1.7.7",
          "axios/1.6.8", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "aiohttp/3.9.5", "Go-http-client/1.1"]
UA_BROWSER = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{s} Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{f}.0) Gecko/20100101 Firefox/{f}.0",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:{f}.0) Gecko/20100101 Firefox/{f}.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36 Edg/{c}.0.0.0",
]
UA_MOBILE = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_{s} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{s} Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_{s} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{s} Mobile/15E148 Safari/604.1",
]
UA_IDE_DIRECT = ["vscode/1.95.3 continue/0.8.57", "JetBrains-AI-Assistant/243.21565", "aider/0.69.1 Anthropic/Python 0.40.0",
                 "vscode/1.96.2 cline/3.2.0", "zed/0.168.3", "Anthropic/JS 0.37.0 claude-code/1.0.98"]

TECH_LANGS = ["Python", "TypeScript", "JavaScript", "Go", "Rust", "Java", "C#", "Kotlin", "Swift", "Ruby", "PHP", "C++", "SQL", "Bash"]
LIBS = {"Python": ["pandas", "FastAPI", "Django", "SQLAlchemy", "numpy", "pytest", "asyncio", "requests", "polars", "pydantic", "Flask", "celery"],
        "TypeScript": ["React", "Next.js", "Prisma", "Express", "zod", "tRPC", "Vite", "Jest"],
        "JavaScript": ["React", "Express", "Node streams", "Vue", "jQuery", "Puppeteer"],
        "Go": ["net/http", "gorm", "goroutines", "gin", "cobra", "context"], "Rust": ["tokio", "serde", "axum", "clap", "sqlx"],
        "Java": ["Spring Boot", "Hibernate", "JUnit", "Kafka client", "Jackson"], "C#": ["ASP.NET Core", "Entity Framework", "LINQ"],
        "Kotlin": ["coroutines", "Ktor", "Jetpack Compose"], "Swift": ["SwiftUI", "Combine", "URLSession"],
        "Ruby": ["Rails", "Sidekiq", "RSpec"], "PHP": ["Laravel", "Symfony", "PDO"], "C++": ["std::vector", "CMake", "Boost.Asio"],
        "SQL": ["Postgres", "MySQL", "BigQuery", "SQLite"], "Bash": ["awk", "sed", "cron", "jq"]}
TASKS = ["parse a CSV file where some fields contain quoted newlines", "retry an HTTP request with exponential backoff",
         "paginate through a REST API that uses cursor tokens", "debounce a search input", "read a 20GB log file line by line without running out of memory",
         "set up a connection pool for Postgres", "validate an email address properly", "deduplicate a list while keeping the original order",
         "stream a response to the client as it is generated", "run a background job every 15 minutes", "mock the current time in tests",
         "upload a file to S3 with a presigned URL", "convert between time zones without DST bugs", "rate-limit outgoing requests to 10 per second",
         "cache the result of an expensive function", "merge two sorted lists", "serialize a dataclass to JSON", "run at most 8 tasks concurrently",
         "write a custom middleware that logs request latency", "handle graceful shutdown on SIGTERM", "read environment variables with defaults",
         "implement a simple LRU cache", "compute a rolling 7-day average", "group records by week and sum a column", "hash passwords securely",
         "generate a signed JWT and verify it", "write a migration that adds a non-null column to a big table", "profile a slow endpoint",
         "build a CLI with subcommands", "do a case-insensitive search across two columns", "detect a cycle in a directed graph",
         "flatten a nested JSON object", "handle file uploads larger than 100MB", "set up structured logging", "batch database inserts efficiently"]
ERRORS = ["TypeError: 'NoneType' object is not subscriptable", "ModuleNotFoundError: No module named 'src'",
          "Access to fetch at 'http://localhost:8000/api' from origin 'http://localhost:3000' has been blocked by CORS policy",
          "panic: runtime error: index out of range [3] with length 3", "error[E0502]: cannot borrow `items` as mutable because it is also borrowed as immutable",
          "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null",
          "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"localhost\" (127.0.0.1), port 5432 failed: Connection refused",
          "Error: Hydration failed because the initial UI does not match what was rendered on the server", "Error: read ECONNRESET",
          "KeyError: 'id'", "ValueError: cannot reshape array of size 12 into shape (5,3)", "fatal: refusing to merge unrelated histories",
          "Segmentation fault (core dumped)", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
          "UnhandledPromiseRejectionWarning: TypeError: Cannot read properties of undefined (reading 'map')",
          "django.db.utils.IntegrityError: duplicate key value violates unique constraint", "RecursionError: maximum recursion depth exceeded",
          "ImportError: cannot import name 'soft_unicode' from 'markupsafe'", "error: linker `cc` not found",
          "docker: Error response from daemon: port is already allocated", "SSL: CERTIFICATE_VERIFY_FAILED",
          "npm ERR! ERESOLVE unable to resolve dependency tree", "OSError: [Errno 24] Too many open files"]
SNIPPETS = {
    "python": ["def load(path):\n    with open(path) as f:\n        data = json.load(f)\n    return data['items']",
               "for i in range(len(rows)):\n    if rows[i]['status'] == 'done':\n        rows.remove(rows[i])",
               "async def fetch_all(urls):\n    results = []\n    for u in urls:\n        r = await client.get(u)\n        results.append(r.json())\n    return results",
               "df['date'] = pd.to_datetime(df['date'])\ndf = df.groupby('user_id').agg({'amount': 'sum'})\nprint(df.head())",
               "class Cache:\n    def __init__(self):\n        self.d = {}\n    def get(self, k, default=[]):\n        return self.d.get(k, default)"],
    "typescript": ["const res = await fetch(`/api/users/${id}`);\nconst data = res.json();\nsetUser(data.user);",
                   "useEffect(() => {\n  const t = setInterval(poll, 1000);\n}, [items]);",
                   "export function sum(xs: number[]) {\n  return xs.reduce((a, b) => a + b);\n}"],
    "go": ["for _, item := range items {\n    go func() {\n        process(item)\n    }()\n}",
           "func handler(w http.ResponseWriter, r *http.Request) {\n    body, _ := io.ReadAll(r.Body)\n    json.Unmarshal(body, &req)\n}"],
    "sql": ["SELECT u.id, COUNT(o.id)\nFROM users u LEFT JOIN orders o ON o.user_id = u.id\nWHERE o.created_at > now() - interval '30 days'\nGROUP BY u.id;",
            "UPDATE accounts SET balance = balance - 100 WHERE id = 7;\nUPDATE accounts SET balance = balance + 100 WHERE id = 9;"],
    "rust": ["fn longest(a: &str, b: &str) -> &str {\n    if a.len() > b.len() { a } else { b }\n}"],
}
CONCEPTS = ["photosynthesis", "supply and demand", "the French Revolution", "mitosis vs meiosis", "Newton's third law", "compound interest",
            "the Krebs cycle", "eigenvalues", "Bayes' theorem", "plate tectonics", "opportunity cost", "the electoral college", "entropy",
            "the central limit theorem", "recursion", "big-O notation", "oxidation and reduction", "the causes of World War I",
            "natural selection", "derivatives in calculus", "the Pythagorean theorem", "market equilibrium", "the water cycle",
            "how vaccines work", "the Cold War", "Keynesian economics", "acid-base titration", "the structure of DNA", "Ohm's law",
            "standard deviation", "the Treaty of Versailles", "mercantilism", "linked lists", "hypothesis testing", "Le Chatelier's principle"]
COURSES = ["AP Bio", "intro econ", "CS101", "organic chem", "calc 2", "linear algebra", "world history", "statistics", "physics 1",
           "data structures", "microeconomics", "psych 101", "discrete math", "GCSE chemistry", "A-level maths", "thermodynamics"]
CITIES = ["Lisbon", "Kyoto", "Mexico City", "Barcelona", "Chicago", "Hanoi", "Edinburgh", "Cape Town", "Seoul", "Buenos Aires",
          "Vienna", "Istanbul", "Montreal", "Bali", "Prague", "Marrakech", "Copenhagen", "Austin", "Porto", "Taipei"]
DISHES = ["banana bread", "lasagna", "chicken curry", "pancakes", "chili", "pad thai", "brownies", "risotto", "shakshuka", "a quiche"]
INGRED = ["buttermilk", "eggs", "heavy cream", "fish sauce", "brown sugar", "ricotta", "baking soda", "white wine", "coconut milk", "tahini"]
HOBBIES = ["gardening", "climbing", "board games", "photography", "vinyl records", "baking", "running", "birdwatching", "woodworking", "anime"]
RELATIONS = ["dad", "mom", "sister", "brother", "wife", "husband", "boss", "best friend", "grandma", "10-year-old nephew", "coworker"]
TOPICS_GEN = ["remote work", "home composting", "learning a second language", "personal finance for freelancers", "sourdough",
              "electric cars", "minimalism", "urban cycling", "mental health at work", "indoor plants", "the four-day week"]
SENTENCES = ["The quarterly numbers came in slightly below forecast, mostly because two large renewals slipped into January.",
             "Our team has been working on the onboarding flow for the past six weeks.",
             "Customers keep telling us that the export feature is hard to find.",
             "I wanted to follow up on our conversation from Tuesday about the timeline.",
             "The venue can hold about 120 people, but parking is limited.",
             "We decided to postpone the launch until the security review is complete.",
             "Attendance at the Saturday workshops has doubled since we moved them online.",
             "The landlord has agreed to fix the heating before the end of the month.",
             "Shipping delays from the supplier pushed the first batch back by two weeks.",
             "She has been volunteering at the shelter every weekend since 2019.",
             "The new policy takes effect on the first of March and applies to all full-time staff.",
             "Several reviewers pointed out that the methods section does not explain the sampling procedure.",
             "The pilot reduced average handling time by about 18 percent.",
             "Honestly I am not sure the current pricing makes sense for small teams.",
             "Please let me know if any of these dates work for you.",
             "The bridge closure will affect commuters on the north side for at least three months.",
             "The recipe calls for an overnight rest, which I always forget.",
             "We are looking for someone who is comfortable working across design and engineering.",
             "Revenue from the mobile app grew faster than web for the third quarter in a row.",
             "The library extended its opening hours during exam season."]

# --------------------------------------------------------------------------------------------
# reasoning-question families (used by distillers, labs, harnesses, ordinary curious users)
# --------------------------------------------------------------------------------------------

NAMES_SHORT = ["Ava", "Ben", "Chen", "Dara", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jade", "Kofi", "Lena", "Milo", "Nia", "Omar", "Pia"]
OBJECTS = ["marbles", "apples", "tickets", "books", "coins", "stickers", "cupcakes", "pencils", "seedlings", "postcards"]
PHENOMENA = ["the sky looks blue during the day but red at sunset", "ice floats on water", "a spinning top does not fall over",
             "metal feels colder than wood at the same temperature", "airplanes can fly upside down", "the moon always shows the same face to Earth",
             "salt melts ice on roads", "a microwave heats food unevenly", "your ears pop on an airplane", "bubbles are round",
             "tides happen twice a day", "a rainbow is curved", "coffee rings form when a drop dries", "stars twinkle but planets mostly do not",
             "a curveball curves", "bread goes stale faster in the fridge", "hot water can sometimes freeze faster than cold water"]
POLICIES = ["a national rent cap of 3% per year", "a carbon tax of $80 per tonne", "a four-day work week mandate", "universal basic income of $1,000 a month",
            "a ban on short-term rentals in city centres", "free public transport", "a 20% tariff on imported steel", "doubling the minimum wage",
            "congestion pricing for downtown driving", "a tax on sugary drinks", "abolishing daylight saving time", "open-access requirements for publicly funded research"]
MARKETS = ["housing supply", "small businesses", "low-income households", "commuter behaviour", "the labour market", "inflation", "local restaurants", "innovation"]
DILEMMAS = ["a self-driving car must choose between two harmful outcomes", "a doctor has one donor organ and two patients", "an employee discovers their friend is padding expense reports",
            "a journalist receives leaked documents that could endanger a source", "a company can save 500 jobs by quietly lowering a safety margin",
            "a researcher finds an error in a published paper by their mentor", "a landlord learns a tenant is subletting to refugees"]
FERMI = [("piano tuners", "Chicago"), ("golf balls", "a school bus"), ("liters of coffee drunk each day", "Germany"), ("words spoken", "a human lifetime"),
         ("trees", "Central Park"), ("smartphones discarded each year", "the EU"), ("hairs", "a human head"), ("pizzas eaten each night", "New York City"),
         ("gas stations", "Canada"), ("elevators", "Hong Kong"), ("dentists", "Brazil"), ("commercial flights in the air at any moment", "the world")]
ALGO = ["find the length of the longest substring without repeating characters", "return all permutations of a string with duplicate letters",
        "find the k most frequent words in a stream of text", "determine if a linked list has a cycle using O(1) memory",
        "compute the minimum number of coins needed for a given amount", "merge overlapping intervals", "find the median of two sorted arrays",
        "check whether a Sudoku board is valid", "find the shortest path in a grid with obstacles", "serialize and deserialize a binary tree",
        "count the number of islands in a 2D grid", "implement a trie with insert, search and startsWith", "find the largest rectangle in a histogram",
        "schedule tasks with cooldowns to minimise total time", "find all anagram groups in a list of words", "compute edit distance between two strings"]
PROOFS = ["n^3 - n is divisible by 6 for every integer n", "the square root of {p} is irrational", "there are infinitely many primes of the form 4k+3",
          "the sum of the first n odd numbers is n^2", "any tree with n vertices has n-1 edges", "{a}^n - 1 is divisible by {b} for every positive integer n",
          "every bounded monotone sequence of real numbers converges", "among any {k} integers, two have a difference divisible by {m}"]
HIST = ["the fall of the Western Roman Empire", "the collapse of the Bronze Age", "the rapid industrialisation of Meiji Japan", "the 2008 financial crisis",
        "the end of the Ming dynasty", "the success of the Hanseatic League", "the Dutch Golden Age", "the decline of the Ottoman Empire", "the Green Revolution"]


def q_family(rng, k=None):
    """One broad, novel reasoning question (random parameters make repeats rare)."""
    r = rng.integers
    k = int(r(0, 13)) if k is None else k
    n1, n2 = NAMES_SHORT[r(0, 16)], NAMES_SHORT[r(0, 16)]
    if k == 0:
        a, b = int(r(40, 140)), int(r(35, 120))
        d = int(r(150, 900))
        return (f"Two trains leave stations {d} km apart at the same time, heading toward each other. One travels at {a} km/h and the other at {b} km/h. "
                f"A bird flies back and forth between them at {a + b + int(r(10, 60))} km/h until they meet. How far does the bird fly?")
    if k == 1:
        x, y, z = int(r(3, 12)), int(r(2, 9)), int(r(2, 6))
        return (f"A bag contains {x} red, {y} blue and {z} green {OBJECTS[r(0, 10)]}. If you draw three without replacement, "
                f"what is the probability that all three are different colours?")
    if k == 2:
        p = int(rng.choice([2, 3, 5, 6, 7, 10, 11, 12, 15]))
        a = int(rng.choice([3, 5, 7, 9, 11])); b = a - 1
        t = PROOFS[r(0, len(PROOFS))].format(p=p, a=a, b=b, k=int(r(5, 12)), m=int(r(3, 5)))
        return f"Prove that {t}."
    if k == 3:
        return f"Explain why {PHENOMENA[r(0, len(PHENOMENA))]}."
    if k == 4:
        return f"What would be the likely effects of {POLICIES[r(0, len(POLICIES))]} on {MARKETS[r(0, len(MARKETS))]}? Consider second-order effects."
    if k == 5:
        return f"Consider this situation: {DILEMMAS[r(0, len(DILEMMAS))]}. What should they do, and how would different ethical frameworks answer?"
    if k == 6:
        t, p = FERMI[r(0, len(FERMI))]
        return f"Estimate the number of {t} in {p}. Make your assumptions explicit."
    if k == 7:
        return f"Write an efficient algorithm to {ALGO[r(0, len(ALGO))]}. Analyse its time and space complexity."
    if k == 8:
        liars = int(r(1, 3))
        ppl = list(rng.choice(NAMES_SHORT, 3, replace=False))
        return (f"On an island, knights always tell the truth and knaves always lie. {ppl[0]} says: \"{ppl[1]} and I are of different types.\" "
                f"{ppl[1]} says: \"At least {liars} of us three {'is a knave' if liars == 1 else 'are knaves'}.\" {ppl[2]} says nothing. What is each person?")
    if k == 9:
        w, h = int(r(4, 30)), int(r(4, 30))
        return (f"A rectangular garden is {w} m by {h} m. A path of uniform width is built around it, and the path's area equals the garden's area. "
                f"How wide is the path?")
    if k == 10:
        return f"What were the most important causes of {HIST[r(0, len(HIST))]}, and which do historians still disagree about?"
    if k == 11:
        s = int(r(2, 9)); c = int(r(10, 60))
        return (f"{n1} has {c} {OBJECTS[r(0, 10)]}. {n1} gives {n2} one-{s}th of them plus {s}, then {n2} gives back half of what they received. "
                f"How many does {n1} have now? If the numbers don't work out evenly, explain why.")
    d = int(r(2, 7))
    return (f"How many {d}-digit positive integers have digits that are strictly increasing from left to right, and how many have digits that sum to {int(r(d + 1, 9 * d - 1))}?")


# instruction paraphrase machinery (careful distillers); sloppy ones use one fixed wrapper
INSTR = ["Think step by step and show all of your reasoning before the final answer.",
         "Please reason through this carefully, step by step, and then state the answer.",
         "Walk me through your thinking in detail.", "Show your work.", "Explain each step; don't skip anything.",
         "I'd like to see the full chain of reasoning, not just the result.", "Reason it out fully, then give a one-line conclusion.",
         "Lay out your reasoning first and then answer.", "Be thorough, I want to understand how you got there.",
         "Take your time and think it through out loud.", "Can you break it down step by step?",
         "Give a detailed derivation.", "explain how you'd approach it and then solve it", "pls show steps",
         "Start from first principles and build up to the answer.", "Go through it slowly, checking each step."]
OPENERS = ["", "", "", "Quick question: ", "Hey, ", "I've been stuck on this: ", "My study group couldn't agree on this one. ",
           "Here's one from a problem set I'm working through. ", "Curious what you make of this. ", "Random thought — ",
           "For a blog post I'm writing: ", "Help me with this please. ", "So ", "Ok next one. ", "I was reading about this and got confused. "]
SYN = [("Prove that", ["Show that", "Demonstrate that", "Give a proof that", "Can you prove that"]),
       ("Explain why", ["Why is it that", "What's the reason", "Help me understand why", "How come"]),
       ("Estimate", ["Roughly estimate", "Give a Fermi estimate of", "Ballpark"]),
       ("What would be the likely effects of", ["How would", "What happens to the economy with", "Think about the consequences of"]),
       ("Write an efficient algorithm to", ["How would you", "Design an algorithm to", "Give me code to", "What's the best way to"]),
       ("How many", ["Count how many", "Determine how many", "Work out how many"]),
       ("Consider this situation:", ["Imagine", "Suppose", "Scenario:", "Say"]),
       ("What were the most important causes of", ["Why did we see", "What drove", "What explains"])]
SLOPPY_WRAPS = ["Solve the following problem. Think step by step and show your complete reasoning before giving the final answer.\n\nProblem: {q}",
                "{q}\n\nLet's think step by step.", "Question: {q}\nAnswer with detailed step-by-step reasoning.",
                "You will be given a question. Provide a long, detailed chain of thought, then the final answer.\n\n{q}"]
SLOPPY_SYS = ["You are a helpful assistant that explains its reasoning in detail.", "You are an expert tutor. Always reason step by step.",
              "You are a world-class problem solver. Think carefully and show every step of your reasoning."]


def paraphrase(rng, q, careful):
    """Vary wording, order and tone (not just single-word swaps)."""
    if rng.random() < 0.8 * careful:
        for src, alts in SYN:
            if q.startswith(src) and rng.random() < 0.85:
                q = alts[rng.integers(0, len(alts))] + q[len(src):]
                break
    inst = INSTR[rng.integers(0, len(INSTR))]
    op = OPENERS[rng.integers(0, len(OPENERS))]
    form = rng.integers(0, 6)
    if rng.random() < 0.25 * careful:
        inst = ""  # rely on the reasoning flag instead of asking in text
    if form == 0:
        s = f"{op}{q} {inst}"
    elif form == 1:
        s = f"{inst}\n\n{q}" if inst else q
    elif form == 2:
        s = f"{op}{q}\n\n{inst}"
    elif form == 3:
        s = f"{q}\n{inst.lower()}"
    elif form == 4:
        s = f"{op}I'm trying to figure this out: {q[0].lower() + q[1:]} {inst}"
    else:
        s = f"{q}"
    if rng.random() < 0.3 * careful:
        s = s.lower()
    if rng.random() < 0.15 * careful and len(s) > 40:  # a typo
        i = int(rng.integers(5, len(s) - 5))
        s = s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s.strip()


FOLLOWUPS = ["Can you double-check step {n}?", "Why is that step valid?", "Could you solve it a different way to confirm?", "What if the numbers were doubled?",
             "I don't follow the part about the second case.", "Ok, and how would this generalise?", "Can you make that more rigorous?",
             "thanks. what's the intuition behind it?", "Is there a faster way?", "Can you summarise the key idea in two sentences?"]

# --------------------------------------------------------------------------------------------
# scraper keyspaces
# --------------------------------------------------------------------------------------------

COUNTRY_NAMES = ("Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados "
                 "Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China "
                 "Colombia Comoros Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji "
                 "Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India "
                 "Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kuwait Kyrgyzstan Laos Latvia Lebanon "
                 "Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius "
                 "Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger "
                 "Nigeria Norway Oman Pakistan Palau Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal "
                 "Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Tajikistan Tanzania Thailand "
                 "Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe").split()
ELEMENTS = ("hydrogen helium lithium beryllium boron carbon nitrogen oxygen fluorine neon sodium magnesium aluminium silicon phosphorus sulfur "
            "chlorine argon potassium calcium scandium titanium vanadium chromium manganese iron cobalt nickel copper zinc gallium germanium "
            "arsenic selenium bromine krypton rubidium strontium yttrium zirconium niobium molybdenum technetium ruthenium rhodium palladium "
            "silver cadmium indium tin antimony tellurium iodine xenon caesium barium lanthanum cerium praseodymium neodymium promethium samarium "
            "europium gadolinium terbium dysprosium holmium erbium thulium ytterbium lutetium hafnium tantalum tungsten rhenium osmium iridium "
            "platinum gold mercury thallium lead bismuth polonium astatine radon francium radium actinium thorium protactinium uranium").split()
PYFUNCS = [f"{m}.{f}" for m, fs in {
    "os": "listdir makedirs walk getenv remove rename scandir chmod stat replace".split(),
    "os.path": "join exists splitext basename dirname abspath getsize isfile realpath relpath".split(),
    "itertools": "chain product permutations combinations groupby islice accumulate cycle tee zip_longest starmap pairwise batched".split(),
    "functools": "lru_cache partial reduce wraps cached_property singledispatch total_ordering".split(),
    "re": "match search findall finditer sub subn split compile fullmatch escape".split(),
    "json": "dumps loads dump load".split(), "subprocess": "run Popen check_output call".split(),
    "collections": "Counter defaultdict OrderedDict deque namedtuple ChainMap".split(),
    "datetime": "datetime.strptime datetime.strftime timedelta date.fromisoformat datetime.astimezone".split(),
    "shutil": "copy copytree rmtree move which disk_usage make_archive".split(),
    "pathlib": "Path.glob Path.rglob Path.read_text Path.write_text Path.mkdir Path.resolve Path.iterdir".split(),
    "asyncio": "gather wait_for create_task Queue Semaphore run sleep as_completed TaskGroup timeout".split(),
    "statistics": "mean median mode stdev variance quantiles".split(),
    "heapq": "heappush heappop heapify nlargest nsmallest merge".split()}.items() for f in fs]
ICD_LETTERS = "ABCDEFGHIJKLMNOPQRST"
WORLD_LANGS = ["Spanish", "French", "German", "Portuguese", "Italian", "Dutch", "Polish", "Turkish", "Arabic", "Hebrew", "Hindi", "Bengali",
               "Urdu", "Tamil", "Swahili", "Yoruba", "Amharic", "Japanese", "Korean", "Mandarin Chinese", "Cantonese", "Vietnamese", "Thai",
               "Indonesian", "Tagalog", "Russian", "Ukrainian", "Greek", "Finnish", "Hungarian", "Czech", "Romanian", "Persian", "Zulu"]
GRID_TASKS = ["write a short news article about a local election", "explain how to reset a router", "write a polite complaint letter to a landlord",
              "summarise the plot of Romeo and Juliet", "write a haiku about autumn", "give step-by-step instructions for making tea",
              "explain photosynthesis to a ten-year-old", "write a product review for wireless headphones", "draft a job posting for a nurse",
              "tell a joke that works in that culture", "write a dialogue between a doctor and a patient", "explain compound interest"]
DIFFS = ["very easy", "easy", "medium", "hard", "expert-level"]
QUIZ_TOPICS = ["cellular respiration", "the Roman Republic", "quadratic equations", "plate tectonics", "Shakespeare's comedies", "the immune system",
               "supply chains", "Python list comprehensions", "World War II in the Pacific", "organic functional groups", "probability",
               "the US Constitution", "climate feedback loops", "baroque music", "statistics", "machine learning basics", "the periodic table",
               "human anatomy", "astronomy", "microeconomics", "poetry meter", "computer networking", "genetics", "geometry proofs"]


def keyspace(rng, kind):
    """(list of keys, list of templates) for one keyspace kind."""
    if kind == "years":
        return [str(y) for y in range(1700, 2025)], [
            "What were the most significant world events of {k}? List at least 10 with dates and one sentence each.",
            "Give me a detailed timeline of the year {k}: politics, science, culture, and notable births and deaths.",
            "Summarise everything notable that happened in {k}."]
    if kind == "ids":
        base = int(rng.choice([1, 1000, 20000, 100000]))
        return [str(base + i) for i in range(0, 3000)], [
            "Describe Pokémon #{k}: its type, abilities, evolution line and base stats.",
            "What is OEIS sequence A{k:0>6}? Give its definition, first 20 terms and a formula.",
            "Give full details about RFC {k}: title, authors, year, status and a summary.",
            "Explain CVE-2023-{k:0>5}: affected software, severity, and mitigation."][int(rng.integers(0, 4)):][:1]
    if kind == "alpha":
        letters = "abcdefghijklmnopqrstuvwxyz"
        keys = [a + b for a in letters for b in letters]
        return keys, ["List 50 English words that begin with \"{k}\", each with a one-line definition.",
                      "Give me every common English word starting with '{k}' and its part of speech.",
                      "words beginning with {k} — as many as you can, with meanings"]
    if kind == "letters_names":
        keys = [f"{a}{b}" for a in "ABCDEFGHIJKLMNOPRSTVW" for b in "aeiouylr"]
        return keys, ["List 30 given names starting with '{k}', with origin and meaning.", "Baby names that start with {k}: origin, meaning, popularity."]
    if kind == "countries":
        return list(COUNTRY_NAMES), ["Give a complete profile of {k}: capital, population, area, languages, currency, government, GDP, major exports.",
                                     "Write an encyclopedia-style overview of {k} covering history, geography, economy and culture.",
                                     "{k}: list all administrative divisions with their capitals."]
    if kind == "elements":
        return list(ELEMENTS), ["Give a full data sheet for {k}: atomic number, mass, electron configuration, isotopes, discovery, uses, hazards.",
                                "Everything about the element {k}: properties, compounds, where it is found, and industrial uses."]
    if kind == "pyapi":
        return list(PYFUNCS), ["Document the Python function {k}: full signature, every parameter, return value, exceptions, and three examples.",
                               "Write complete reference documentation for `{k}` in Python's standard library, with edge cases."]
    if kind == "icd":
        keys = [f"{L}{n:02d}" for L in ICD_LETTERS for n in range(100)]
        return keys, ["What does ICD-10 code {k} describe? Give the full title, subcodes, inclusions and exclusions.",
                      "ICD-10 {k}: list every subcategory with its description."]
    if kind == "lang_grid":
        keys = [f"{l}|{t}" for l in WORLD_LANGS for t in GRID_TASKS]
        return keys, ["In {l}, {t}.", "{t} — respond only in {l}.", "Please {t}. Write it in {l}."]
    if kind == "quiz_grid":
        keys = [f"{d}|{t}" for d in DIFFS for t in QUIZ_TOPICS for _ in range(3)]
        return keys, ["Write a {d} multiple-choice question about {t} with four options, the correct answer and an explanation.",
                      "Generate one {d} exam question on {t}, plus a worked solution.", "{d} quiz item, topic: {t}. Include answer key."]
    raise ValueError(kind)


KEYSPACES = ["years", "ids", "alpha", "letters_names", "countries", "elements", "pyapi", "icd", "lang_grid", "quiz_grid"]


def fill_key(tpl, k):
    if "|" in k:
        a, b = k.split("|", 1)
        return tpl.format(l=a, t=b, d=a)
    return tpl.format(k=k)

# --------------------------------------------------------------------------------------------
# ordinary prompt families
# --------------------------------------------------------------------------------------------

def pick(rng, seq):
    return seq[int(rng.integers(0, len(seq)))]


def para(rng, lo=2, hi=5):
    idx = rng.choice(len(SENTENCES), int(rng.integers(lo, hi + 1)), replace=False)
    return " ".join(SENTENCES[i] for i in idx)


def p_code(rng):
    lang = pick(rng, TECH_LANGS)
    lib = pick(rng, LIBS[lang])
    sk = {"Python": "python", "TypeScript": "typescript", "JavaScript": "typescript", "Go": "go", "SQL": "sql", "Rust": "rust"}.get(lang)
    snip = pick(rng, SNIPPETS[sk]) if sk else None
    f = int(rng.integers(0, 11))
    if f == 0:
        return f"How do I {pick(rng, TASKS)} in {lang} using {lib}?"
    if f == 1:
        return f"I'm getting `{pick(rng, ERRORS)}` when I run my {lib} project. Any idea what's going on?"
    if f == 2 and snip:
        return f"Can you review this and suggest improvements?\n\n```{sk}\n{snip}\n```"
    if f == 3:
        return f"what's the idiomatic way to {pick(rng, TASKS)} in {lang.lower()}"
    if f == 4:
        return f"Write a {lang} function that {pick(rng, TASKS).replace('a ', 'takes a ', 1) if rng.random() < 0.3 else 'helps me ' + pick(rng, TASKS)}. Include a short docstring."
    if f == 5 and snip:
        return f"this is throwing `{pick(rng, ERRORS)}`\n\n```\n{snip}\n```\nwhy??"
    if f == 6:
        return f"Explain the difference between {pick(rng, LIBS[lang])} and {pick(rng, LIBS[lang])} in {lang}, and when I'd use each."
    if f == 7 and snip:
        return f"Convert this to {pick(rng, TECH_LANGS)}:\n```\n{snip}\n```"
    if f == 8 and snip:
        return f"write unit tests for this:\n```{sk}\n{snip}\n```"
    if f == 9:
        return f"My {lib} service gets slow after a few hours in production. Memory grows steadily. How should I go about debugging it?"
    return f"What's a good project structure for a small {lang} {pick(rng, ['CLI tool', 'web API', 'data pipeline', 'Discord bot', 'library'])}?"


CODE_FU = ["that didn't work, now I get `{e}`", "can you add type hints", "make it async", "what about the edge case where the input is empty?",
           "thanks! can you also write tests for it", "can you explain line 3?", "is there a way to do it without an extra dependency?",
           "ok that works. how would I make it faster?", "now it says {e}", "perfect, thanks"]


def p_write(rng):
    f = int(rng.integers(0, 8))
    if f == 0:
        return f"Can you help me write an email to my {pick(rng, RELATIONS)} about {pick(rng, ['rescheduling our meeting', 'a late payment', 'asking for a reference', 'the holiday plans', 'a salary review', 'quitting the team'])}? Keep it {pick(rng, ['friendly', 'short', 'professional', 'warm but firm'])}."
    if f == 1:
        return f"Rewrite this to sound more {pick(rng, ['professional', 'concise', 'friendly', 'confident', 'neutral'])}:\n\n{para(rng)}"
    if f == 2:
        return f"Give me 5 title ideas for a blog post about {pick(rng, TOPICS_GEN)}."
    if f == 3:
        return f"Proofread this please:\n{para(rng, 2, 4).replace('the ', 'teh ', 1)}"
    if f == 4:
        return f"Draft a cover letter for a {pick(rng, ['junior data analyst', 'UX designer', 'project manager', 'nurse practitioner', 'backend engineer', 'marketing coordinator'])} position. I have {int(rng.integers(1, 12))} years of experience."
    if f == 5:
        return f"Summarize this in 3 bullet points:\n\n{para(rng, 4, 7)}"
    if f == 6:
        return f"write a short toast for my {pick(rng, RELATIONS)}'s {pick(rng, ['wedding', '60th birthday', 'retirement party', 'graduation'])}, they love {pick(rng, HOBBIES)}"
    return f"Turn these notes into a LinkedIn post:\n{para(rng, 2, 3)}"


WRITE_FU = ["make it shorter", "more formal please", "can you give me 3 alternatives", "less cheesy", "good, now translate it to Spanish",
            "can you make the second paragraph punchier?", "perfect", "add a line about the deadline"]


def p_general(rng):
    f = int(rng.integers(0, 10))
    if f == 0:
        return f"what's a good substitute for {pick(rng, INGRED)} in {pick(rng, DISHES)}"
    if f == 1:
        return f"Plan a {int(rng.integers(2, 8))}-day trip to {pick(rng, CITIES)} on a budget. I like {pick(rng, HOBBIES)} and good food."
    if f == 2:
        return f"my {pick(rng, ['dog', 'cat', 'rabbit', 'parrot'])} keeps {pick(rng, ['scratching the door at night', 'eating grass', 'hiding under the bed', 'barking at the mail carrier'])}, is that normal?"
    if f == 3:
        return f"explain {pick(rng, CONCEPTS)} simply"
    if f == 4:
        return f"Help me make a weekly workout plan. Goal: {pick(rng, ['lose 5kg', 'run a 10k', 'get stronger', 'improve posture', 'train for a hike'])}. I can do {int(rng.integers(2, 6))} days a week."
    if f == 5:
        return f"gift ideas for my {pick(rng, RELATIONS)} who likes {pick(rng, HOBBIES)}, budget around ${int(rng.integers(2, 20)) * 10}"
    if f == 6:
        return f"Is it worth refinancing a mortgage from {rng.integers(55, 75) / 10:.1f}% to {rng.integers(45, 62) / 10:.1f}% with {int(rng.integers(5, 28))} years left?"
    if f == 7:
        return f"how do I get {pick(rng, ['red wine', 'coffee', 'ink', 'grease'])} out of a {pick(rng, ['linen', 'velvet', 'microfiber', 'cotton'])} couch"
    if f == 8:
        return f"Compare {pick(rng, ['an iPad', 'a Kindle', 'a Chromebook', 'a used ThinkPad'])} vs {pick(rng, ['a Surface', 'a MacBook Air', 'an Android tablet'])} for {pick(rng, ['note taking', 'reading', 'a student', 'light coding'])}"
    return f"what should I ask at a {pick(rng, ['parent-teacher conference', 'first therapy session', 'job interview for a startup', 'apartment viewing', 'vet appointment'])}?"


GEN_FU = ["what about if it rains?", "thanks!", "and if I only have 2 days?", "can you make a shopping list for that", "why?", "ok what else?",
          "is that safe?", "cheaper options?", "can you put that in a table"]


def p_student(rng):
    f = int(rng.integers(0, 7))
    c = pick(rng, CONCEPTS)
    if f == 0:
        return f"explain {c} for my {pick(rng, COURSES)} class"
    if f == 1:
        a, b = int(rng.integers(2, 12)), int(rng.integers(-20, 30))
        return f"I don't understand how to solve {a}x^2 + {b}x - {int(rng.integers(1, 40))} = 0, can you walk me through it"
    if f == 2:
        return f"can you check my answer: the derivative of x^{int(rng.integers(2, 6))}*sin(x) is {pick(rng, ['x*cos(x)', 'nx^(n-1)sin(x) + x^n cos(x)', 'cos(x)'])}"
    if f == 3:
        return f"Help me outline an essay on {pick(rng, ['whether social media harms democracy', 'the symbolism in The Great Gatsby', 'nuclear energy as a climate solution', 'the causes of the Great Depression', 'AI in education'])}. It needs to be {int(rng.integers(4, 16)) * 100} words."
    if f == 4:
        return f"give me 5 practice questions for my {pick(rng, COURSES)} midterm on {c}"
    if f == 5:
        return f"what's the difference between {c} and {pick(rng, CONCEPTS)}? exam tomorrow"
    return f"Can you explain this sentence from my reading? \"{pick(rng, SENTENCES)}\" What is the author implying?"


STUDENT_FU = ["I still don't get step 2", "can you give an example?", "how would this show up on an exam?", "ok thanks", "simpler please",
              "why is it negative?", "what would my teacher want me to write?"]


def p_ml(rng):
    f = int(rng.integers(0, 9))
    if f == 0:
        return f"What's the best way to implement {pick(rng, ['FlashAttention', 'rotary embeddings', 'a KV cache', 'grouped-query attention', 'mixture-of-experts routing', 'speculative decoding'])} in PyTorch? Sketch the code."
    if f == 1:
        return f"My training loss spikes around step {int(rng.integers(2, 90)) * 1000} and then recovers. We use {pick(rng, ['AdamW', 'Lion', 'Adafactor'])} with lr {pick(rng, ['3e-4', '1e-4', '6e-4'])} and warmup {int(rng.integers(1, 20)) * 500}. What are likely causes?"
    if f == 2:
        return f"Explain the tradeoffs between DPO and PPO for preference tuning, practically."
    if f == 3:
        return f"Write a script that computes pass@k from a JSONL file of model completions and unit test results."
    if f == 4:
        return f"How do I shard a {int(rng.integers(7, 80))}B model across {int(rng.choice([8, 16, 32, 64]))} GPUs with FSDP? Our nodes have {pick(rng, ['A100 80GB', 'H100', 'L40S'])}."
    if f == 5:
        return f"Summarize the key ideas of the paper on {pick(rng, ['chinchilla scaling laws', 'constitutional AI', 'chain-of-thought prompting', 'LoRA', 'mixture of depths', 'process reward models'])} and its main criticisms."
    if f == 6:
        return f"I need a dedup pipeline for a {int(rng.integers(1, 40))}TB text corpus. MinHash or exact substring? Walk me through the design."
    if f == 7:
        return f"Why would a tokenizer trained on {pick(rng, ['code', 'multilingual web text', 'scientific papers'])} produce worse compression on {pick(rng, ['Japanese', 'Python', 'math notation', 'Hindi'])}?"
    return f"Design an evaluation for {pick(rng, ['long-context retrieval', 'tool use', 'code repair', 'multilingual QA', 'instruction following'])} that resists contamination."


def p_reason_casual(rng):
    return pick(rng, ["", "", "quick one: ", "Can you help me think about this? ", "curious: "]) + q_family(rng)


DOMAINS = {"code": (p_code, CODE_FU), "write": (p_write, WRITE_FU), "general": (p_general, GEN_FU), "student": (p_student, STUDENT_FU),
           "ml": (p_ml, CODE_FU), "reason": (p_reason_casual, FOLLOWUPS)}

NON_EN = ["请帮我把这段话翻译成英文，并润色一下：我们公司下个月将推出新产品，希望各位客户继续支持。", "帮我写一个Python爬虫，抓取某个网站的商品价格并保存到Excel。",
          "解释一下什么是区块链，要通俗易懂。", "给我写一篇关于环境保护的800字作文。", "这段代码为什么报错？ list index out of range",
          "Напиши письмо начальнику с просьбой об отпуске на две недели.", "Объясни, как работает градиентный спуск, простыми словами.",
          "Помоги исправить ошибку в SQL-запросе: ORA-00942: table or view does not exist", "Составь план подготовки к собеседованию на Java-разработчика.",
          "یک متن تبلیغاتی کوتاه برای فروشگاه آنلاین لباس بنویس.", "Escribe un resumen del libro Cien años de soledad en 300 palabras.",
          "Me ajuda a montar um currículo para vaga de analista de dados?", "Viết giúp tôi một email xin nghỉ phép gửi quản lý.",
          "Bana Python'da bir REST API örneği yazar mısın?"]

# --------------------------------------------------------------------------------------------
# platforms (coding IDEs that relay their users' requests; BYOK: the user's own key and account)
# --------------------------------------------------------------------------------------------

PLATFORM_SYS = {
    "cursor": ("You are a powerful agentic AI coding assistant, working inside the Cursor IDE. You are pair programming with a USER to solve "
               "their coding task. The task may require creating a new codebase, modifying or debugging an existing codebase, or simply answering "
               "a question. Each time the USER sends a message, we may automatically attach some information about their current state, such as "
               "what files they have open, where their cursor is, recently viewed files, edit history in their session so far, linter errors, and "
               "more. <tool_calling> You have tools at your disposal to solve the coding task. Follow these rules regarding tool calls: 1. ALWAYS "
               "follow the tool call schema exactly as specified. 2. NEVER refer to tool names when speaking to the USER. 3. Only call tools when "
               "they are necessary. </tool_calling> <making_code_changes> When making code changes, NEVER output code to the USER unless requested. "
               "Instead use one of the code edit tools to implement the change. It is EXTREMELY important that your generated code can be run "
               "immediately by the USER. Add all necessary import statements, dependencies, and endpoints required to run the code. "),
    "windsurf": ("You are Cascade, a powerful agentic AI coding assistant designed by the Windsurf engineering team. You operate exclusively in "
                 "Windsurf, the world's first agentic IDE. The USER will send you requests, which you must always prioritize addressing. Along "
                 "with each USER request, we will attach additional metadata about their current state, such as what files they have open and "
                 "where their cursor is. <user_information> The USER's OS version is {os}. The absolute path of the USER's workspaces is "
                 "[redacted]. </user_information> <tool_calling> Only call tools when absolutely necessary. If the USER's task is general or you "
                 "already know the answer, respond without calling tools. Before calling each tool, first explain why you are calling it. "
                 "</tool_calling> <making_code_changes> Prefer minimal, targeted edits. Never generate an extremely long hash or any non-textual code. "),
    "cody": ("You are Cody, an AI coding assistant from Sourcegraph. You are helping a developer inside their editor. You have access to code "
             "search results and the contents of open files, provided as context below. Cite file paths when you rely on context. If the "
             "context is insufficient, say so and suggest which files to open. Do not invent APIs that do not appear in the context. Keep "
             "answers focused; use fenced code blocks with the language and file path. Context snippets follow, ranked by relevance. "),
}
IDE_ASKS = ["In {f}, add pagination to the list endpoint and update the tests.", "Why is this test failing? {e}", "Refactor {f} to remove the duplicated validation logic.",
            "Add a --dry-run flag to the CLI in {f}.", "Explain what {f} does.", "Fix the linter errors in {f}.", "@{f} write a docstring for every public function",
            "Implement the TODO in {f}.", "Tool result (run_terminal_cmd): {e}", "Tool result (read_file {f}): [{n} lines]", "continue",
            "Tool result (grep_search): 14 matches in 6 files", "Rename `fetchUser` to `loadUser` everywhere.", "Now update the README accordingly.",
            "Tool result (edit_file {f}): applied", "make the migration reversible", "the CI is red again: {e}"]
IDE_FILES = ["src/api/routes.py", "app/models/user.rb", "cmd/server/main.go", "src/components/Table.tsx", "lib/parser.rs", "internal/store/pg.go",
             "services/billing/invoice.py", "web/pages/settings.tsx", "tests/test_sync.py", "pkg/queue/worker.go", "src/lib/auth.ts", "scripts/etl.py",
             "train/data_loader.py", "eval/harness.py", "model/attention.py", "infra/terraform/main.tf"]

# --------------------------------------------------------------------------------------------
# diurnal profiles (weights over local hour 0..23)
# --------------------------------------------------------------------------------------------

PROFILES = {
    "worker": [1, .5, .3, .2, .2, .3, .8, 2, 5, 9, 10, 10, 7, 8, 10, 10, 9, 7, 4, 3, 3, 3, 2.5, 1.5],
    "evening": [2, 1, .5, .2, .2, .3, 1, 3, 4, 4, 4, 5, 6, 5, 4, 4, 5, 6, 7, 8, 9, 9, 7, 4],
    "student": [4, 3, 1.5, .5, .2, .2, .3, 1, 2, 4, 5, 5, 5, 6, 6, 6, 5, 5, 6, 8, 9, 9, 8, 6],
    "owl": [9, 9, 8, 7, 5, 3, 1, .3, .2, .2, .3, 1, 2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 9, 9],
    "flat": [1] * 24,
    "users": [3, 2, 1.5, 1.2, 1, 1.2, 2, 3.5, 5, 6, 6.5, 7, 7, 7, 7, 7, 7, 7, 7.5, 8, 8, 7, 6, 4.5],  # a population of end users
    "nightly": [3, 10, 10, 8, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    "business": [0, 0, 0, 0, 0, 0, 0, .5, 5, 10, 10, 10, 8, 10, 10, 10, 8, 4, 1, 0, 0, 0, 0, 0],
}
PROFILES = {k: np.array(v, float) / sum(v) for k, v in PROFILES.items()}


class Acct:
    __slots__ = ("id", "country", "tz", "home", "home2", "home_switch", "office", "mobile", "mobile_p", "vpn", "vpn_p", "uas", "ua_w",
                 "keys", "models", "endpoint", "stream_p", "plan", "extra_ips", "office_days", "think")

    def __init__(self):
        self.office = None
        self.mobile = None
        self.mobile_p = 0.0
        self.vpn = None
        self.vpn_p = 0.0
        self.home2 = None
        self.home_switch = 1e18
        self.extra_ips = None
        self.office_days = None
        self.think = 0.0  # some people and apps switch extended thinking on once and leave it on


class Gen:
    def __init__(self, seed, n_accounts, days, careful, mix):
        self.rng = np.random.default_rng(seed)
        self.seed = seed
        self.N = n_accounts
        self.days = days
        self.c = float(careful)
        self.mix = mix
        self.t0 = datetime(2026, 11, 2, tzinfo=timezone.utc).timestamp()  # a Monday
        self.t1 = self.t0 + days * DAY
        self.accounts, self.labels, self.entities = [], [], []
        self.R = {k: [] for k in ("ts", "acc", "key", "ch", "plat", "euid", "euorg", "ip", "ua", "ep", "model", "conv", "turn",
                                  "sys", "prompt", "tin", "tout", "reason", "stream", "status")}
        self.used_ids = set()
        self.used_emails = set()
        self.net_counter = 0
        self.mobile_pool = {cc: [p.format(int(self.rng.integers(0, 256)), int(self.rng.integers(1, 255))) for p in ps for _ in range(6)]
                            for cc, ps in MOBILE_CARRIERS.items()}
        self.proxy_pool = [self.res_ip(self.country()) for _ in range(4000)]  # residential proxy provider exits

    # ---------------- ids / identity helpers ----------------
    def hx(self, n):
        return self.rng.bytes((n + 1) // 2).hex()[:n]

    def new_id(self, prefix):
        while True:
            s = f"{prefix}{self.hx(12)}"
            if s not in self.used_ids:
                self.used_ids.add(s)
                return s

    def card(self):
        return "pf_" + self.hx(24)

    def country(self, among=None):
        ccs = list(COUNTRIES) if among is None else among
        w = np.array([COUNTRIES[c][3] for c in ccs], float)
        return ccs[int(self.rng.choice(len(ccs), p=w / w.sum()))]

    def res_ip(self, cc, v6_ok=True):
        r = self.rng
        _, v4, v6, _ = COUNTRIES[cc]
        if v6 and v6_ok and r.random() < 0.22:
            p = pick(r, v6)
            if "{" in p:
                head = p[:p.index("{")]
                grp = head[head.rfind(":") + 1:]
                p = p.format(int(r.integers(0, 16 ** (4 - len(grp)))))
            return f"{p}:{r.integers(0, 65536):x}:{r.integers(0, 65536):x}:{r.integers(0, 65536):x}:{r.integers(0, 65536):x}:{r.integers(0, 65536):x}:{r.integers(1, 65536):x}"
        return pick(r, v4).format(int(r.integers(0, 256))) + f".{int(r.integers(0, 256))}.{int(r.integers(1, 255))}"

    def dc_ip(self):
        r = self.rng
        p = pick(r, ["65.108.{}.{}", "95.217.{}.{}", "164.90.{}.{}", "159.89.{}.{}", "45.77.{}.{}", "139.59.{}.{}", "5.161.{}.{}", "3.{}.{}.{}",
                     "54.{}.{}.{}", "34.{}.{}.{}", "35.{}.{}.{}", "20.{}.{}.{}", "13.{}.{}.{}"])
        if p.count("{}") == 3:
            return p.format(int(r.integers(0, 256)), int(r.integers(0, 256)), int(r.integers(1, 255)))
        return p.format(int(r.integers(0, 256)), int(r.integers(1, 255)))

    def ip_in(self, cidr):
        net = ipaddress.ip_network(cidr)
        if net.version == 4:
            n = net.num_addresses
            off = int(self.rng.integers(1, n - 1)) if n > 2 else 0
        else:
            off = int(self.rng.integers(1, 2 ** 32))
        return str(net.network_address + off)

    def email(self, first=None, last=None, domain=None, style=None):
        r = self.rng
        first = first or pick(r, FIRST)
        last = last or pick(r, LAST)
        if domain is None:
            doms, w = zip(*EMAIL_PROVIDERS)
            w = np.array(w, float)
            domain = doms[int(r.choice(len(doms), p=w / w.sum()))]
        style = style if style is not None else int(r.integers(0, 7))
        local = [f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}{int(r.integers(1, 99))}", f"{first}.{last}{int(r.integers(70, 2006))}",
                 f"{last}.{first}", f"{first}_{last[:3]}"][style]
        e = f"{local}@{domain}"
        while e in self.used_emails:
            e = f"{local}{int(r.integers(2, 999))}@{domain}"
        self.used_emails.add(e)
        return e

    def ua_pool(self, kind, n=1):
        r = self.rng
        out = []
        for _ in range(n):
            if kind == "sdk":
                out.append(pick(r, UA_SDK))
            elif kind == "raw":
                out.append(pick(r, UA_RAW))
            elif kind == "browser":
                out.append(pick(r, UA_BROWSER).format(c=int(r.integers(126, 143)), f=int(r.integers(128, 146)), s=int(r.integers(0, 7))))
            elif kind == "mobile":
                out.append(pick(r, UA_MOBILE).format(c=int(r.integers(126, 143)), s=int(r.integers(0, 7))))
            elif kind == "ide":
                out.append(pick(r, UA_IDE_DIRECT))
        return out

    # ---------------- accounts ----------------
    def account(self, persona, *, plan, cc=None, email=None, created=None, org_id=None, company=None, card="own", signup_ip=None,
                sso=None, cats=(), network=None, label_org=None, ua_kind=None, n_ua=1, models=None, home=None):
        r = self.rng
        a = Acct()
        a.id = self.new_id("acct_")
        a.country = cc or self.country()
        a.tz = COUNTRIES[a.country][0] + float(r.choice([0, 0, 0, -1, 1, -2, -3])) * (a.country in ("US", "CA", "AU", "BR", "MX", "ID"))
        a.plan = plan
        a.home = home or self.res_ip(a.country)
        if r.random() < 0.15:  # dynamic address changes once during the week
            a.home2 = self.res_ip(a.country)
            a.home_switch = self.t0 + r.uniform(0, self.days) * DAY
        if ua_kind is None:
            ua_kind = "browser" if plan in ("free", "pro", "max") else "sdk"
        a.uas = self.ua_pool(ua_kind, n_ua)
        a.ua_w = None
        a.keys = [f"key_{self.hx(10)}" for _ in range(1 if plan in ("free", "pro", "max") else int(r.integers(1, 4)))]
        a.models = models or (MODELS_ALL if plan != "free" else MODELS_CHEAP)
        a.endpoint = None
        a.stream_p = 0.9 if ua_kind in ("browser", "mobile") else float(r.choice([0.0, 0.3, 0.8, 1.0]))
        if created is None:
            created = self.t0 - float(r.uniform(3, 700)) * DAY
        if card == "own":
            card = self.card() if plan not in ("free",) and r.random() < 0.95 else None
        acc = {"account_id": a.id, "created_at": round(created, 3), "email": email or self.email(), "plan": plan, "org_id": org_id,
               "declared_company": company, "payment_fingerprint": card, "signup_ip": signup_ip if signup_ip is not None else a.home,
               "sso_tenant": sso, "country": a.country}
        self.accounts.append(acc)
        cats = [c for c in CATS if c in set(cats)]
        self.labels.append({"account_id": a.id, "persona": persona, "categories": cats, "network_id": network, "org_id": label_org})
        return a

    # ---------------- request emission ----------------
    def where(self, a, ts):
        r = self.rng
        if a.office is not None:
            lt = ts + a.tz * HOUR
            dow = int(((lt - self.t0) // DAY) % 7)
            h = (lt % DAY) / HOUR
            if dow < 5 and 8.5 <= h < 18.5 and r.random() < 0.9 and (a.office_days is None or dow in a.office_days):
                return pick(r, a.office)
        if a.vpn is not None and r.random() < a.vpn_p:
            return pick(r, a.vpn)
        if a.mobile is not None and r.random() < a.mobile_p:
            return pick(r, a.mobile)
        if a.extra_ips and r.random() < 0.5:
            return pick(r, a.extra_ips)
        return a.home2 if ts > a.home_switch else a.home

    def emit(self, a, ts, prompt, *, system=None, conv=None, turn=1, reasoning=False, tout=None, tin_extra=0, ip=None, ua=None, model=None,
             stream=None, channel="direct", platform=None, euid=None, euorg=None, status=None, key=None):
        ts = float(ts)
        if ts < self.t0 or ts >= self.t1:
            return
        r = self.rng
        if a.think and not reasoning and r.random() < a.think:
            reasoning = True
        R = self.R
        ua = ua or (pick(r, a.uas) if a.ua_w is None else a.uas[int(r.choice(len(a.uas), p=a.ua_w))])
        tin = int((len(prompt) + (len(system) if system else 0)) / 3.7) + 8 + int(tin_extra)
        if tout is None:
            tout = int(r.lognormal(5.8, 0.7))
        if reasoning:
            tout += int(r.lognormal(7.3, 0.6))
        if status is None:
            x = r.random()
            status = 200 if x > 0.004 else (529 if x > 0.0015 else 500)
        R["ts"].append(ts)
        R["acc"].append(a.id)
        R["key"].append(key or a.keys[0] if len(a.keys) == 1 else key or pick(r, a.keys))
        R["ch"].append(channel)
        R["plat"].append(platform)
        R["euid"].append(euid)
        R["euorg"].append(euorg)
        R["ip"].append(str(ip or self.where(a, ts)))
        R["ua"].append(str(ua))
        ep = a.endpoint or ("/v1/chat/completions" if ua.startswith("OpenAI/") else "/v1/messages")
        R["ep"].append(ep)
        R["model"].append(model or pick(r, a.models))
        R["conv"].append(conv)
        R["turn"].append(int(turn))
        R["sys"].append(system)
        R["prompt"].append(prompt if len(prompt) <= 6000 else prompt[:6000])
        R["tin"].append(tin)
        R["tout"].append(int(tout) if status == 200 else 0)
        R["reason"].append(bool(reasoning))
        R["stream"].append(bool(r.random() < a.stream_p) if stream is None else bool(stream))
        R["status"].append(int(status))

    # ---------------- timing ----------------
    def starts(self, a, per_day, profile, weekend=0.6, t_from=None, t_to=None, day_sd=0.5):
        """Session start times for a human-like schedule in the account's local time."""
        r = self.rng
        w = PROFILES[profile] if isinstance(profile, str) else profile
        out = []
        for d in range(-1, self.days + 1):
            dow = d % 7
            lam = per_day * (weekend if dow >= 5 else 1.0) * r.gamma(1 / day_sd ** 2, day_sd ** 2)
            n = r.poisson(lam)
            if n == 0:
                continue
            hrs = r.choice(24, n, p=w)
            ts = self.t0 + d * DAY - a.tz * HOUR + hrs * HOUR + r.uniform(0, HOUR, n)
            out.extend(ts.tolist())
        lo = self.t0 if t_from is None else t_from
        hi = self.t1 if t_to is None else t_to
        return sorted(t for t in out if lo <= t < hi)

    def conversation(self, a, ts, domain, *, turns_mean=2.2, system=None, reasoning_p=0.03, first=None, ip=None, conv_null=False,
                     tin_base=0, fu_bank=None):
        r = self.rng
        gen, fus = DOMAINS[domain]
        fus = fu_bank or fus
        n = 1 + int(r.geometric(1 / turns_mean) - 1)
        n = min(n, 25)
        conv = None if conv_null else self.new_id("conv_")
        hist = tin_base
        ip = ip or self.where(a, ts)
        reasoning = r.random() < reasoning_p
        for t in range(1, n + 1):
            if t == 1:
                p = first or gen(r)
            else:
                p = pick(r, fus).format(e=pick(r, ERRORS), n=int(r.integers(2, 6)))
            tout = int(r.lognormal(5.9, 0.7))
            self.emit(a, ts, p, system=system, conv=conv, turn=t, reasoning=reasoning, tout=tout, tin_extra=hist, ip=ip)
            hist += len(p) // 4 + tout
            ts += 8 + r.lognormal(4.0, 0.9) + tout / 40.0  # read + think + type
            if r.random() < 0.05:
                ip = self.where(a, ts)
        return ts

    def human(self, a, per_day, profile, domains, *, weekend=0.6, turns_mean=2.2, reasoning_p=0.03, system_p=0.0, systems=None,
              t_from=None, t_to=None):
        keys = list(domains)
        w = np.array([domains[k] for k in keys], float)
        w /= w.sum()
        for s in self.starts(a, per_day, profile, weekend, t_from, t_to):
            d = keys[int(self.rng.choice(len(keys), p=w))]
            sysm = pick(self.rng, systems) if systems and self.rng.random() < system_p else None
            self.conversation(a, s, d, turns_mean=turns_mean, reasoning_p=reasoning_p, system=sysm)

    def network_id(self, kind):
        self.net_counter += 1
        return f"net-{kind}-{self.seed}-{self.net_counter:02d}"

# --------------------------------------------------------------------------------------------
# the world: organisations, shared egress ranges
# --------------------------------------------------------------------------------------------

COWORK = "38.142.76.0/26"       # one coworking floor (many tenants); a rival's satellite team sits there
SWG = "165.225.200.0/24"        # a cloud secure-web-gateway egress block used by many enterprises, incl. a rival
VPN = "185.213.154.0/24"        # a commercial VPN exit range, used by a rival for staff and by many privacy-minded people
CLOUD_NAT = "34.98.64.0/26"     # a managed-notebook / cloud IDE provider's shared NAT

RIVALS = [
    {"org_id": "halcyon-ai", "name": "Halcyon AI", "domains": ["halcyon.ai", "halcyonai.com", "eng.halcyon.ai"],
     "office": "64.124.37.96/28", "shared": [COWORK], "sso": ["halcyon.okta.com"], "alt_names": ["Halcyon", "HalcyonAI", "halcyon ai inc."],
     "models": ["Halcyon-2", "hx-7b", "Halcyon Nova"], "cc": "US"},
    {"org_id": "northwind-intel", "name": "Northwind Intelligence", "domains": ["nwintel.com", "northwind-intelligence.com"],
     "office": "147.160.183.0/27", "shared": [SWG, CLOUD_NAT], "sso": ["nwintel.onelogin.com"], "alt_names": ["Northwind", "NW Intelligence", "northwind intel"],
     "models": ["NW-Large", "Boreas-1"], "cc": "GB"},
    {"org_id": "quillon", "name": "Quillon Research", "domains": ["quillon.ai", "quillonresearch.com"],
     "office": "91.198.44.32/28", "shared": [VPN, "2a03:b0c0:3:d0::/64"], "sso": ["quillon.onmicrosoft.com"], "alt_names": ["Quillon", "Quillon Labs"],
     "models": ["Quill-3", "QR-mini"], "cc": "DE"},
]
COMPANIES = [
    ("meridian-insurance", "Meridian Insurance Group", "meridianins.com", "US", "swg"),
    ("copperleaf", "Copperleaf Logistics", "copperleaf-logistics.com", "NL", None),
    ("brightpath-health", "BrightPath Health", "brightpathhealth.org", "US", None),
    ("norrland-bank", "Norrland Bank", "norrlandbank.se", "SE", "swg"),
    ("atlas-finch", "Atlas & Finch LLP", "atlasfinch.com", "GB", None),
    ("pixelforge", "Pixelforge Games", "pixelforge.gg", "PL", None),
    ("tidewater-retail", "Tidewater Retail", "tidewater.shop", "US", None),
    ("kestrel-analytics", "Kestrel Analytics", "kestrelanalytics.io", "US", None),
    ("orbital-media", "Orbital Media", "orbitalmedia.co", "GB", None),
    ("sundial-learning", "Sundial Learning", "sundial.education", "IN", None),
    ("vantage-telecom", "Vantage Telecom", "vantagetel.net", "DE", None),
    ("greenfield-energy", "Greenfield Energy", "greenfield-energy.com", "CA", None),
    ("harbor-payments", "Harbor Payments", "harborpay.com", "SG", "swg"),
    ("lumen-biotech", "Lumen Biotech", "lumenbio.com", "US", None),
    ("ostara-labs", "Ostara Labs", "ostaralabs.com", "FR", "cowork"),
    ("fernweh-travel", "Fernweh Travel", "fernweh.travel", "DE", None),
]
UNIVERSITIES = [("westbrook-u", "Westbrook University", "westbrook.edu", "US", "129.74.{}.{}"),
                ("halden-u", "Halden University", "halden.ac.uk", "GB", "144.82.{}.{}"),
                ("kellstadt-tu", "TU Kellstadt", "tu-kellstadt.de", "DE", "141.30.{}.{}"),
                ("nanyang-poly", "Jurong Institute of Technology", "jit.edu.sg", "SG", "155.69.{}.{}")]


HACK_APPS = {
    "recipe generator": lambda r: f"Generate a recipe using: {', '.join(r.choice(INGRED + ['eggs', 'spinach', 'feta', 'rice', 'chickpeas', 'tomatoes'], 3, replace=False))}",
    "study buddy": lambda r: f"Quiz me on {pick(r, CONCEPTS)}. Ask one question at a time.",
    "travel planner": lambda r: f"Plan {int(r.integers(1, 6))} days in {pick(r, CITIES)} for a group of students with a small budget.",
    "resume reviewer": lambda r: f"Review this resume bullet and suggest a stronger version: {pick(r, ['Led a team of 4 to ship an app', 'Worked on the backend', 'Helped customers with problems', 'Made dashboards in Tableau', 'Organised a charity run for 300 people'])}",
    "accessibility helper": lambda r: f"Write alt text for a screen reader describing: {pick(r, ['a dog on a beach at sunset', 'a bar chart of monthly sales', 'a crowded farmers market', 'a diagram of the water cycle'])}",
    "climate quiz bot": lambda r: f"Give me a {pick(r, DIFFS)} quiz question about {pick(r, ['sea level rise', 'renewable energy', 'carbon budgets', 'heat pumps', 'deforestation'])}",
}


class World(Gen):
    def build_world(self):
        r = self.rng
        self.rival = {}
        for rv in RIVALS:
            rv = dict(rv)
            rv["cards"] = [self.card() for _ in range(int(r.integers(2, 5)))]
            ranges = [rv["office"]] + rv["shared"]
            self.entities.append({"org_id": rv["org_id"], "name": rv["name"], "restricted": True, "domains": rv["domains"],
                                  "ip_ranges": ranges, "payment_fingerprints": rv["cards"], "sso_tenants": rv["sso"]})
            self.rival[rv["org_id"]] = rv
        self.company = {}
        for oid, name, dom, cc, egress in COMPANIES:
            base = f"{int(r.integers(12, 220))}.{int(r.integers(0, 256))}.{int(r.integers(0, 256))}.{int(r.integers(0, 31)) * 8}/29"
            if egress == "swg":
                proxies = [self.ip_in(SWG) for _ in range(int(r.integers(2, 5)))]
                ranges = [base, SWG]
            elif egress == "cowork":
                proxies = [self.ip_in(COWORK) for _ in range(2)]
                ranges = [COWORK]
            else:
                proxies = [self.ip_in(base) for _ in range(int(r.integers(1, 4)))]
                ranges = [base]
            co = {"org_id": oid, "name": name, "domain": dom, "cc": cc, "proxies": proxies, "sso": f"{oid.split('-')[0]}.okta.com" if r.random() < 0.6 else f"{oid.replace('-', '')}.onmicrosoft.com",
                  "card": self.card()}
            self.company[oid] = co
            self.entities.append({"org_id": oid, "name": name, "restricted": False, "domains": [dom], "ip_ranges": ranges,
                                  "payment_fingerprints": [co["card"]], "sso_tenants": [co["sso"]]})
        self.univ = []
        for oid, name, dom, cc, rng_ in UNIVERSITIES:
            a, b = rng_.split(".")[:2]
            self.univ.append({"org_id": oid, "name": name, "domain": dom, "cc": cc, "pref": rng_, "cidr": f"{a}.{b}.0.0/16"})
            self.entities.append({"org_id": oid, "name": name, "restricted": False, "domains": [dom], "ip_ranges": [f"{a}.{b}.0.0/16"],
                                  "payment_fingerprints": [], "sso_tenants": []})
        self.platforms = {}
        for name in PLATFORM_SYS:
            relays = [self.dc_ip() for _ in range(int(r.integers(3, 8)))]
            ua = pick(r, ["Anthropic/JS 0.52.0", "Anthropic/JS 0.60.0", "Go-http-client/2.0", "Anthropic/Python 0.57.1"])
            self.platforms[name] = {"relays": relays, "ua": ua}
            self.entities.append({"org_id": f"platform-{name}", "name": name.capitalize(), "restricted": False, "domains": [f"{name}.com" if name != "cody" else "sourcegraph.com"],
                                  "ip_ranges": [], "payment_fingerprints": [], "sso_tenants": []})
        self.cowork_ips = [self.ip_in(COWORK) for _ in range(6)]
        self.vpn_ips = [self.ip_in(VPN) for _ in range(40)]
        self.swg_ips = [self.ip_in(SWG) for _ in range(30)]
        self.cloudnat_ips = [self.ip_in(CLOUD_NAT) for _ in range(8)]

# --------------------------------------------------------------------------------------------
# templated business documents (enterprise batch jobs, product traffic, tier-abuse pipelines)
# --------------------------------------------------------------------------------------------

PRODUCTS = ["stainless steel water bottle", "ergonomic office chair", "wireless earbuds", "cast iron skillet", "kids' rain jacket", "yoga mat",
            "LED desk lamp", "hiking backpack 30L", "ceramic pour-over set", "mechanical keyboard", "memory foam pillow", "electric kettle",
            "running shoes", "bamboo cutting board", "portable charger 20000mAh", "linen bed sheets", "smart plug", "dog harness", "air fryer"]
ISSUES = ["charged twice for the same order", "cannot log in after resetting password", "package marked delivered but not received",
          "app crashes when uploading a photo", "wants to change the shipping address", "discount code not applied", "invoice shows wrong VAT number",
          "subscription renewed after cancellation", "item arrived damaged", "two-factor codes not arriving"]


def make_doc(rng, kind, i):
    if kind == "claim":
        return (f"Claim #{i}: Policyholder reports {pick(rng, ['water damage to kitchen ceiling', 'rear-end collision at low speed', 'theft of bicycle from garage', 'hail damage to roof', 'burst pipe in basement'])} "
                f"on {int(rng.integers(1, 29))}/{int(rng.integers(1, 13))}/2026. Adjuster notes: {para(rng, 1, 2)} Estimated loss ${int(rng.integers(4, 400)) * 50}. "
                f"Prior claims: {int(rng.integers(0, 4))}.")
    if kind == "invoice":
        return (f"INVOICE {i}\nVendor: {pick(rng, ['Acme Supplies', 'Northgate Paper Co.', 'Delta Office', 'Kwik Print', 'Bluewave Cleaning'])}\nDate: 2026-{int(rng.integers(1, 11)):02d}-{int(rng.integers(1, 29)):02d}\n"
                f"Items: {int(rng.integers(1, 20))} x {pick(rng, PRODUCTS)} @ {rng.integers(5, 300)}.{int(rng.integers(0, 99)):02d}\nPO: PO-{int(rng.integers(10000, 99999))}\nTotal due: {int(rng.integers(50, 9000))}.{int(rng.integers(0, 99)):02d} EUR")
    if kind == "ticket":
        return f"Ticket {i} — customer {pick(rng, FIRST).capitalize()} writes: \"Hi, I was {pick(rng, ISSUES)}. {pick(rng, ['Please help.', 'This is the second time.', 'Order number is in my account.', 'Thanks in advance!'])}\""
    if kind == "contract":
        return (f"Contract {i}, section {int(rng.integers(2, 19))}.{int(rng.integers(1, 9))}: The {pick(rng, ['Supplier', 'Licensee', 'Tenant', 'Contractor'])} shall "
                f"{pick(rng, ['indemnify the Customer against third-party claims arising from', 'give ninety (90) days written notice prior to', 'maintain insurance coverage of not less than $2,000,000 for', 'not assign this Agreement without consent, except in connection with'])} "
                f"{pick(rng, ['any breach of this Agreement', 'termination for convenience', 'the performance of the Services', 'a merger or acquisition'])}.")
    if kind == "product":
        return f"SKU {i}: {pick(rng, PRODUCTS)}, colour {pick(rng, ['black', 'sage', 'navy', 'sand', 'white'])}, material {pick(rng, ['recycled polyester', 'aluminium', 'oak', 'cotton', 'ABS'])}"
    if kind == "review":
        return f"Review of {pick(rng, PRODUCTS)} ({int(rng.integers(1, 6))} stars): {pick(rng, ['Does the job but', 'Love it,', 'Returned it because', 'Great value,', 'Disappointed:'])} {pick(rng, SENTENCES).lower()}"
    return para(rng, 3, 6)


BATCH_JOBS = {
    "claim": ("You are an assistant for the claims operations team. Output JSON with keys summary, severity (low/medium/high), fraud_flags (list).",
              "Summarize the following claim note and assess severity.\n\n{doc}"),
    "invoice": ("Extract structured fields from invoices. Respond with JSON only: vendor, date, po_number, total, currency, line_items.", "{doc}"),
    "ticket": ("Classify customer support tickets. Categories: billing, login, shipping, app_bug, account_change, other. Reply with the category and a one-sentence suggested reply.",
               "Classify this ticket:\n{doc}"),
    "contract": ("You are a contract analyst. Identify the obligation, the obligated party, any deadline, and risk level.", "Clause:\n{doc}"),
    "product": (None, "Write a 60-word e-commerce product description and 5 SEO keywords for: {doc}"),
    "review": (None, "Classify the sentiment (positive/neutral/negative) and extract product aspects mentioned.\n\n{doc}"),
}
CHAT_PRODUCTS = [
    ("You are Ava, the friendly support assistant for Lumo Home, an online store for home goods. Be concise and kind. Never promise refunds; link to the returns page instead. Order lookups are done by the human team.", "support"),
    ("You are a patient maths and science tutor for high-school students using the StudyNest app. Ask guiding questions instead of giving answers outright. Keep replies under 150 words.", "student"),
    ("You are Pip, a cheerful cooking companion in the Pantry app. Suggest recipes from the ingredients the user lists, with metric measurements.", "general"),
    ("You are the in-app writing assistant for Draftly. Help users rewrite, shorten and polish their text. Preserve their meaning and voice.", "write"),
    ("You are an assistant embedded in the HR portal of a mid-size company. Answer questions about the employee handbook excerpts provided. If unsure, refer to HR.", "general"),
]
SUPPORT_Q = ["where is my order #{n}", "how do I return a {p}?", "my {p} arrived broken", "do you ship to {c}?", "can I change my delivery address",
             "the discount code WELCOME10 doesn't work", "what's your warranty on the {p}", "i was charged twice", "hi", "is the {p} dishwasher safe?"]


def clip01(x):
    return float(min(1.0, max(0.0, x)))


class Personas(World):
    def cu(self):
        return clip01(self.c + self.rng.normal(0, 0.12))

    def personal_or(self, domain, p_company):
        return self.email(domain=domain) if self.rng.random() < p_company else self.email()

    # ======================= benign =======================
    def p_dev(self, n):
        r = self.rng
        for _ in range(n):
            co = self.company[pick(r, list(self.company))] if r.random() < 0.3 else None
            plan = pick(r, ["api", "api", "api", "pro", "max", "team"])
            a = self.account("dev", plan=plan, cc=co["cc"] if co and r.random() < 0.8 else None, email=self.personal_or(co["domain"], 0.7) if co else self.email(),
                             org_id=co["org_id"] if co and r.random() < 0.5 else None, company=co["name"] if co and r.random() < 0.6 else None,
                             label_org=co["org_id"] if co else None, ua_kind=pick(r, ["sdk", "sdk", "ide", "browser"]), n_ua=int(r.integers(1, 3)))
            if co and r.random() < 0.6:
                a.office = co["proxies"]
            a.think = 0.9 if r.random() < 0.2 else 0.0
            self.human(a, float(r.lognormal(np.log(3.0), 0.7)), pick(r, ["worker", "worker", "evening", "owl"]),
                       {"code": 7, "write": 1, "general": 1, "reason": 0.4, "ml": 0.5}, weekend=float(r.uniform(0.1, 0.8)), turns_mean=2.8,
                       reasoning_p=0.15, system_p=0.3, systems=["You are a senior software engineer. Be concise.", "Answer in Markdown.", "You are a helpful assistant."])
            if r.random() < 0.45:
                self.dev_bursts(a, int(r.integers(1, 5)))

    def dev_bursts(self, a, k):
        """Someone testing their own app: a few bursts of templated calls within minutes."""
        r = self.rng
        kind = pick(r, list(BATCH_JOBS))
        sysm, tpl = BATCH_JOBS[kind]
        ua = a.uas[0] if a.uas[0] in UA_SDK else pick(r, UA_SDK)
        for _ in range(k):
            ts = self.t0 + r.uniform(0, self.days) * DAY
            for j in range(int(r.integers(5, 80))):
                self.emit(a, ts, tpl.format(doc=make_doc(r, kind, int(r.integers(1000, 99999)))), system=sysm, tout=int(r.integers(40, 300)), stream=False, ua=ua)
                ts += float(r.exponential(4.0)) + 0.5

    def p_student(self, n):
        r = self.rng
        for _ in range(n):
            u = pick(r, self.univ) if r.random() < 0.5 else None
            plan = pick(r, ["free", "free", "free", "pro", "api"])
            a = self.account("student", plan=plan, cc=u["cc"] if u else None, email=self.email(domain=u["domain"]) if u and r.random() < 0.6 else self.email(),
                             ua_kind=pick(r, ["browser", "browser", "mobile"]) if plan != "api" else "sdk", n_ua=int(r.integers(1, 3)))
            if u:
                a.extra_ips = [u["pref"].format(int(r.integers(0, 256)), int(r.integers(1, 255))) for _ in range(3)]
            a.mobile = self.mobile_pool.get(a.country)
            a.mobile_p = 0.2
            self.human(a, float(r.lognormal(np.log(1.6), 0.7)), "student", {"student": 6, "write": 2, "code": 1.5, "general": 1, "reason": 0.5},
                       weekend=0.9, turns_mean=3.0, reasoning_p=0.1)

    def p_consumer(self, n):
        r = self.rng
        for _ in range(n):
            plan = pick(r, ["free"] * 5 + ["pro"] * 4 + ["max"])
            a = self.account("consumer", plan=plan, ua_kind=pick(r, ["browser", "mobile"]), n_ua=int(r.integers(1, 3)),
                             card="own" if plan != "free" else None)
            a.mobile = self.mobile_pool.get(a.country)
            a.mobile_p = float(r.uniform(0, 0.5))
            if r.random() < 0.05:
                a.vpn, a.vpn_p = self.vpn_ips, 0.5
            rate = {"free": 0.9, "pro": 2.2, "max": 4.5}[plan] * float(r.lognormal(0, 0.5))
            a.think = 0.85 if r.random() < {"free": 0.0, "pro": 0.15, "max": 0.3}[plan] else 0.0
            self.human(a, rate, pick(r, ["evening", "worker", "student"]), {"general": 5, "write": 3, "student": 1, "code": 1, "reason": 0.4},
                       weekend=float(r.uniform(0.6, 1.5)), turns_mean=3.0, reasoning_p={"free": 0.05, "pro": 0.2, "max": 0.35}[plan])

    def p_family(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(2, 5)))
            n -= 1  # one shared account per family; k = people sharing it
            a = self.account("family_shared", plan="pro", ua_kind="browser")
            a.mobile = self.mobile_pool.get(a.country)
            for m in range(k):
                kid = m >= 2
                a.uas = self.ua_pool(pick(r, ["browser", "mobile"]), 1)
                a.mobile_p = 0.3
                self.human(a, float(r.uniform(0.8, 2.5)), "student" if kid else pick(r, ["evening", "worker"]),
                           {"student": 5, "general": 1} if kid else {"general": 4, "write": 3, "code": 0.5}, weekend=1.2, turns_mean=2.5)

    def p_power_user(self, n):
        r = self.rng
        for _ in range(n):
            a = self.account("power_user", plan=pick(r, ["max", "max", "api", "pro"]), ua_kind=pick(r, ["browser", "sdk", "ide"]), n_ua=int(r.integers(1, 4)))
            prof = np.roll(PROFILES[pick(r, ["owl", "worker", "evening"])], int(r.integers(-6, 7)))  # odd, shifted hours; still sleeps
            a.think = 0.9 if r.random() < 0.4 else 0.0
            self.human(a, float(r.uniform(6, 18)), prof / prof.sum(), {"code": 4, "reason": 1.5, "write": 1, "ml": 1, "general": 1},
                       weekend=float(r.uniform(0.7, 1.3)), turns_mean=4.5, reasoning_p=0.45)

    def p_chat_backend(self, n):
        r = self.rng
        for _ in range(n):
            sysm, kind = pick(r, CHAT_PRODUCTS)
            sysm = sysm + pick(r, ["", " Today's date is provided by the app.", " Respond in the user's language."])
            a = self.account("chat_app_backend", plan="api", company=pick(r, ["Lumo Home", "StudyNest", "Pantry", "Draftly", "PeopleHub", None]),
                             ua_kind="sdk", models=[pick(r, MODELS_ALL)])
            a.extra_ips = [self.dc_ip() for _ in range(int(r.integers(1, 4)))]
            a.home = a.extra_ips[0]
            a.stream_p = float(r.choice([0.0, 1.0]))
            convs = float(r.uniform(40, 180))
            a.think = 1.0 if r.random() < 0.15 else 0.0
            prof = np.roll(PROFILES["users"], int(r.integers(-3, 4)))
            for s in self.starts(a, convs, prof / prof.sum(), weekend=1.1, day_sd=0.2):
                if kind == "support":
                    first = pick(r, SUPPORT_Q).format(n=int(r.integers(100000, 999999)), p=pick(r, PRODUCTS), c=pick(r, COUNTRY_NAMES))
                    self.conversation(a, s, "general", first=first, system=sysm, turns_mean=2.5, fu_bank=["ok thanks", "that doesn't help", "can I talk to a human", "how long does it take?", "thank you!"])
                else:
                    self.conversation(a, s, kind, system=sysm, turns_mean=3.0)

    def p_enterprise_batch(self, n):
        r = self.rng
        for _ in range(n):
            co = self.company[pick(r, list(self.company))]
            kind = pick(r, list(BATCH_JOBS))
            sysm, tpl = BATCH_JOBS[kind]
            a = self.account("enterprise_batch", plan=pick(r, ["enterprise", "api"]), cc=co["cc"], email=self.email(domain=co["domain"], style=0),
                             org_id=co["org_id"], company=co["name"], sso=co["sso"] if r.random() < 0.5 else None, card=co["card"] if r.random() < 0.5 else None,
                             label_org=co["org_id"], ua_kind="sdk", models=[pick(r, MODELS_CHEAP + ["claude-sonnet-4-5-20250929"])])
            a.home = pick(r, co["proxies"]) if r.random() < 0.5 else self.dc_ip()
            a.stream_p = 0.0
            nightly = r.random() < 0.5
            rid = int(r.integers(10000, 900000))
            per_day = int(r.lognormal(np.log(450), 0.5))
            for d in range(self.days):
                if d % 7 >= 5 and r.random() < 0.85:
                    continue
                if nightly:
                    ts = self.t0 + d * DAY - a.tz * HOUR + (1 + r.uniform(0, 1.5)) * HOUR
                    cnt = int(per_day * r.uniform(0.7, 1.3))
                    for _ in range(cnt):
                        self.emit(a, ts, tpl.format(doc=make_doc(r, kind, rid)), system=sysm, tout=int(r.integers(60, 350)), stream=False)
                        rid += 1
                        ts += float(r.exponential(2.5))
                else:  # business hours, records arrive as people work
                    for ts in self.starts(a, per_day, "business", weekend=0.0, t_from=self.t0 + d * DAY - a.tz * HOUR, t_to=self.t0 + (d + 1) * DAY - a.tz * HOUR, day_sd=0.15):
                        self.emit(a, ts, tpl.format(doc=make_doc(r, kind, rid)), system=sysm, tout=int(r.integers(60, 350)), stream=False)
                        rid += int(r.integers(1, 4))

    def p_corp_employee(self, n):
        r = self.rng
        cos = list(self.company)
        while n > 0:
            co = self.company[pick(r, cos)]
            k = min(n, int(r.integers(4, 16)))
            n -= k
            plan = pick(r, ["team", "enterprise"])
            for _ in range(k):
                a = self.account("corp_employee", plan=plan, cc=co["cc"], email=self.email(domain=co["domain"], style=int(r.choice([0, 0, 2]))),
                                 org_id=co["org_id"] if r.random() < 0.85 else None, company=co["name"] if r.random() < 0.5 else None,
                                 sso=co["sso"] if r.random() < 0.8 else None, card=co["card"] if plan == "team" else None, label_org=co["org_id"],
                                 ua_kind=pick(r, ["browser", "browser", "sdk", "ide"]))
                a.office = co["proxies"]
                a.mobile = self.mobile_pool.get(a.country)
                a.mobile_p = 0.05
                self.human(a, float(r.lognormal(np.log(2.2), 0.6)), "worker", {"write": 4, "code": 3, "general": 2, "reason": 0.3},
                           weekend=0.1, turns_mean=2.5, reasoning_p=0.1)

    def p_shared_egress(self, n):
        """Unrelated benign people who egress from ranges a restricted rival also lists."""
        r = self.rng
        for _ in range(n):
            kind = pick(r, ["cowork", "cowork", "vpn", "vpn", "cloudnat", "swg"])
            dev = r.random() < 0.6
            plan = pick(r, ["api", "pro", "max"]) if dev else pick(r, ["free", "pro"])
            co = self.company[pick(r, ["meridian-insurance", "norrland-bank", "harbor-payments"])] if kind == "swg" else None
            ccs = {"cowork": "US", "swg": co["cc"] if co else None, "vpn": None, "cloudnat": None}
            a = self.account(f"shared_egress_{kind}", plan=plan, cc=ccs[kind], email=self.email(domain=co["domain"]) if co else None,
                             org_id=co["org_id"] if co else None, label_org=co["org_id"] if co else None,
                             ua_kind="sdk" if dev and r.random() < 0.6 else "browser", card="own" if plan != "free" else None)
            if kind == "cowork":
                a.office = self.cowork_ips
                a.office_days = set(int(x) for x in r.choice(5, int(r.integers(2, 6)), replace=False))
                if r.random() < 0.3:
                    self.accounts[-1]["signup_ip"] = pick(r, self.cowork_ips)
            elif kind == "vpn":
                a.vpn, a.vpn_p = self.vpn_ips, float(r.uniform(0.5, 1.0))
            elif kind == "cloudnat":
                a.extra_ips = self.cloudnat_ips
            else:
                a.office = co["proxies"] if r.random() < 0.5 else self.swg_ips
            self.human(a, float(r.lognormal(np.log(2.5), 0.6)), "worker", {"code": 5, "write": 2, "general": 2, "ml": 0.5} if dev else {"general": 4, "write": 3},
                       weekend=0.4, turns_mean=2.5, reasoning_p=0.1)

    def p_hackathon(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(18, 42)))
            n -= k
            u = pick(r, self.univ)
            venue = [u["pref"].format(int(r.integers(0, 256)), int(r.integers(1, 255))) for _ in range(int(r.integers(2, 6)))]
            hack = pick(r, ["HackWestbrook", "BuildAI Weekend", "Hack the Harbour", "DevFest Hack", "LLM Jam"])
            sysm = f"You are a helpful assistant built with the {hack} starter kit. Keep answers short and friendly."
            tz = COUNTRIES[u["cc"]][0]
            fri = 4 if self.days >= 6 else max(0, self.days - 3)
            kickoff = self.t0 + (fri + 7 * int(r.integers(0, max(1, (self.days - 2) // 7)))) * DAY - tz * HOUR + 18 * HOUR  # a Friday 18:00 local
            teams = []
            for i in range(k):
                if i % int(r.integers(2, 5)) == 0 or not teams:
                    teams.append((None, pick(r, list(HACK_APPS))))
                kind, app = teams[-1]
                created = kickoff + float(r.uniform(-2, 5)) * HOUR
                a = self.account("hackathon", plan="api", cc=u["cc"], created=created, signup_ip=pick(r, venue),
                                 email=self.email(domain=u["domain"]) if r.random() < 0.5 else self.email(), card=None,
                                 ua_kind="sdk", models=["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"])
                a.tz = tz
                a.extra_ips = venue
                a.uas = [pick(r, ["Anthropic/JS 0.37.0", "Anthropic/JS 0.37.0", "Anthropic/Python 0.40.0"])]
                ts = created + float(r.uniform(60, 3600))
                self.emit(a, ts, "Hello! What can you do?", system=sysm, ip=pick(r, venue))
                # hacking sessions Fri night → Sun noon; bursts when the team tests its app
                for s in sorted(r.uniform(created, kickoff + 42 * HOUR, int(r.integers(6, 20)))):
                    ip = pick(r, venue) if r.random() < 0.85 else a.home
                    if r.random() < 0.5:
                        for j in range(int(r.integers(3, 25))):
                            self.emit(a, s, HACK_APPS[app](r), system=sysm, ip=ip, tout=int(r.integers(50, 400)))
                            s += float(r.exponential(20)) + 2
                    else:
                        self.conversation(a, s, "code", ip=ip, turns_mean=3)
                if r.random() < 0.3:  # some keep building after the weekend
                    self.human(a, 0.8, "student", {"code": 3, "general": 1}, t_from=kickoff + 2 * DAY)

    def fixed_bench(self, size, seed, fmt):
        rr = np.random.default_rng(seed)
        qs = [q_family(rr) for _ in range(size)]
        out = []
        for i, q in enumerate(qs, 1):
            if fmt == 0:
                out.append(f"Question {i} of {size}: {q}\n\nThink step by step, then give your final answer on the last line as 'Answer: <answer>'.")
            elif fmt == 1:
                out.append(f"{q}\nLet's think step by step.")
            elif fmt == 2:
                opts = "\n".join(f"({L}) {pick(rr, ['12', '7', 'it cannot be determined', '1/3', 'the first one', '42', 'none of the above', '3/28', '90 km'])}" for L in "ABCD")
                out.append(f"[item {i:04d}] {q}\n{opts}\nReason briefly, then answer with the letter only.")
            else:
                out.append(f"Problem {i}/{size}\n{q}\nShow your reasoning.")
        return out

    def p_research_lab(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(3, 7)))
            n -= k
            u = pick(r, self.univ)
            grant = self.card()
            lab_ips = [u["pref"].format(int(r.integers(0, 256)), int(r.integers(1, 255))) for _ in range(3)]
            bench = self.fixed_bench(int(r.integers(150, 400)), int(r.integers(0, 2 ** 31)), int(r.integers(0, 4)))
            sysm = pick(r, ["You are participating in a reasoning evaluation. Solve each problem carefully.",
                            "Answer the following question. Explain your reasoning step by step before answering.", None])
            for _ in range(k):
                a = self.account("research_lab", plan=pick(r, ["api", "api", "pro"]), cc=u["cc"], email=self.email(domain=u["domain"]),
                                 card=grant, signup_ip=pick(r, lab_ips), company=pick(r, [u["name"], f"{u['name']} NLP group", None]),
                                 label_org=u["org_id"], ua_kind="sdk", models=MODELS_TOP)
                a.office = lab_ips
                a.think = 0.9 if r.random() < 0.5 else 0.0
                self.human(a, float(r.uniform(1.5, 4)), pick(r, ["worker", "owl"]), {"ml": 4, "reason": 3, "code": 3}, weekend=0.5,
                           turns_mean=3.5, reasoning_p=0.5)
                for _ in range(int(r.integers(1, 4))):  # runs of the shared eval script
                    ts = self.t0 + r.uniform(0, self.days) * DAY
                    model = pick(r, MODELS_ALL)
                    sub = bench if r.random() < 0.7 else bench[: int(r.integers(20, 60))]
                    for p in sub:
                        self.emit(a, ts, p, system=sysm, reasoning=r.random() < 0.7, model=model, stream=False, ip=pick(r, lab_ips), conv=None)
                        ts += float(r.exponential(3.0)) + 0.3

    def p_startup(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(3, 7)))
            n -= k
            name = pick(r, ["Fable", "Quanta", "Brightloop", "Nimbus", "Tandem", "Orchard", "Lattice", "Parcel", "Keystone"]) + pick(r, [" AI", " Labs", "ly", " HQ", ""])
            dom = name.lower().replace(" ", "") + pick(r, [".ai", ".io", ".com"])
            cc = self.country(["US", "GB", "DE", "IN", "FR", "NL", "SG"])
            card = self.card()
            office = [self.res_ip(cc, v6_ok=False)]
            kind = pick(r, list(BATCH_JOBS))
            for i in range(k):
                a = self.account("startup_team", plan=pick(r, ["team", "api"]), cc=cc, email=self.email(domain=dom, style=int(r.choice([0, 3]))), card=card,
                                 company=name if r.random() < 0.7 else None, signup_ip=office[0], ua_kind=pick(r, ["sdk", "ide", "browser"]))
                a.office = office
                self.human(a, float(r.uniform(2, 6)), pick(r, ["worker", "owl"]), {"code": 6, "write": 2, "ml": 1, "general": 1}, weekend=0.6, turns_mean=3)
                if i == 0:  # staging traffic of their product
                    self.dev_bursts(a, int(r.integers(3, 12)))

    def p_eval_harness(self, n):
        r = self.rng
        for _ in range(n):
            owner = self.company["kestrel-analytics"] if r.random() < 0.4 else self.company[pick(r, list(self.company))]
            size = int(r.choice([100, 200, 250, 500, 800]))
            bench = self.fixed_bench(size, int(r.integers(0, 2 ** 31)), int(r.choice([0, 0, 2, 3])))
            sysm = pick(r, [None, "You are a careful problem solver.", "Answer the question. Put the final answer after 'Answer:'."])
            a = self.account("eval_harness", plan="api", cc=owner["cc"], email=self.email(domain=owner["domain"]), org_id=owner["org_id"],
                             company=owner["name"], label_org=owner["org_id"], ua_kind="sdk")
            a.home = self.dc_ip() if r.random() < 0.6 else pick(r, owner["proxies"])
            a.stream_p = 0.0
            models = list(r.choice(MODELS_ALL, int(r.integers(1, 4)), replace=False))
            nightly = r.random() < 0.6
            runs = []
            if nightly:
                for d in range(self.days):
                    if d % 7 < 5 or r.random() < 0.3:
                        runs.append(self.t0 + d * DAY - a.tz * HOUR + 2 * HOUR + r.uniform(0, 600))
            else:
                runs = list(self.t0 + r.uniform(0, self.days, int(r.integers(2, 6))) * DAY)
            conc = int(r.choice([1, 4, 8, 16]))
            for t in runs:
                for m in models:
                    sub = bench if r.random() < 0.8 else bench[: int(r.integers(10, 50))]
                    order = list(range(len(sub)))
                    if r.random() < 0.3:
                        r.shuffle(order)
                    ts = t
                    for i in order:
                        self.emit(a, ts, sub[i], system=sysm, model=m, reasoning=r.random() < 0.5, conv=None, stream=False,
                                  status=429 if r.random() < 0.01 else None)
                        ts += float(r.exponential(4.0 / conc)) + 0.05
                    t = ts + 60

    def p_ide_user(self, n, persona="ide_user", rival=None, ties=None):
        r = self.rng
        out = []
        for _ in range(n):
            pname = pick(r, list(self.platforms))
            pl = self.platforms[pname]
            co = None
            if rival is not None:
                dom = pick(r, rival["domains"][:2])
                email = self.email(domain=dom) if "email" in (ties or ()) else self.email()
                euorg = dom
                lorg, cats = rival["org_id"], ["competitor"]
            else:
                co = self.company[pick(r, list(self.company))] if r.random() < 0.4 else None
                email = self.email(domain=co["domain"]) if co else self.email()
                euorg = co["domain"] if co else email.split("@")[1]
                lorg, cats = (co["org_id"] if co else None), []
            a = self.account(persona, plan=pick(r, ["api", "api", "pro"]), email=email, label_org=lorg, cats=cats,
                             cc=rival["cc"] if rival else None, ua_kind="ide")
            euid = f"u_{self.hx(10)}"
            a.think = 0.95 if r.random() < 0.25 else 0.0
            sysm = PLATFORM_SYS[pname].replace("{os}", pick(r, ["darwin", "windows", "linux"]))
            for s in self.starts(a, float(r.uniform(1.5, 4.5)), "worker", weekend=0.3):
                ctx = int(r.integers(6000, 30000))
                turn = 1
                conv = self.new_id("conv_")
                think = r.random() < 0.3
                for j in range(int(r.integers(3, 40))):
                    p = pick(r, IDE_ASKS).format(f=pick(r, IDE_FILES), e=pick(r, ERRORS), n=int(r.integers(40, 900)))
                    self.emit(a, s, p, system=sysm, conv=conv, turn=turn, tin_extra=ctx, tout=int(r.lognormal(5.5, 0.8)), ip=pick(r, pl["relays"]),
                              ua=pl["ua"], channel="platform", platform=pname, euid=euid, euorg=euorg, stream=True, reasoning=think)
                    ctx += int(r.integers(200, 3000))
                    turn += 1
                    s += float(r.lognormal(2.0, 0.9)) + 2 if r.random() < 0.8 else float(r.lognormal(4.5, 0.7))
            if r.random() < 0.3:  # sometimes the same key used directly
                self.human(a, 0.5, "worker", {"code": 3, "ml": 1 if rival else 0.2}, turns_mean=2)
            out.append(a)
        return out

    def p_former_rival(self, n):
        r = self.rng
        for _ in range(n):
            rv = self.rival[pick(r, list(self.rival))]
            co = self.company[pick(r, list(self.company))]
            stale = r.random() < 0.5
            a = self.account("former_rival_employee", plan=pick(r, ["pro", "api", "max"]), created=self.t0 - float(r.uniform(300, 900)) * DAY,
                             company=pick(r, rv["alt_names"] + [rv["name"]]) if stale else co["name"], signup_ip=self.ip_in(rv["office"]),
                             label_org=co["org_id"], ua_kind=pick(r, ["sdk", "browser"]))
            a.office = co["proxies"]
            self.human(a, float(r.uniform(1.5, 4)), "worker", {"code": 4, "ml": 2, "write": 1, "general": 1}, weekend=0.4, turns_mean=2.5)

    def p_rival_visitor(self, n):
        r = self.rng
        for _ in range(n):
            rv = self.rival[pick(r, list(self.rival))]
            co = self.company[pick(r, list(self.company))]
            a = self.account("rival_office_visitor", plan=pick(r, ["api", "pro", "team"]), email=self.email(domain=co["domain"]) if r.random() < 0.5 else None,
                             org_id=co["org_id"] if r.random() < 0.5 else None, label_org=co["org_id"], ua_kind=pick(r, ["sdk", "browser"]))
            a.office = co["proxies"]
            self.human(a, float(r.uniform(1.5, 4)), "worker", {"code": 4, "write": 2, "general": 1}, weekend=0.3)
            d = int(r.integers(0, 5))
            ts = self.t0 + d * DAY - COUNTRIES[rv["cc"]][0] * HOUR + float(r.uniform(13, 16)) * HOUR
            vip = self.ip_in(rv["office"])
            for _ in range(int(r.integers(2, 9))):
                ts = self.conversation(a, ts, pick(r, ["code", "write", "general"]), ip=vip) + float(r.uniform(300, 2400))

    # ======================= abusive =======================
    def distill_prompt(self, cu, wrap, sysfix, breadth=0.3):
        r = self.rng
        if r.random() < breadth:  # broad harvest: coding, ML, explanations, writing, everyday tasks
            q = DOMAINS[pick(r, ["code", "code", "ml", "student", "write", "general"])][0](r)
        else:
            q = q_family(r)
        if r.random() < (1 - cu) ** 1.5:
            p = wrap.format(q=q)
            sysm = sysfix
        else:
            p = paraphrase(r, q, cu)
            sysm = sysfix if r.random() < (1 - cu) else (None if r.random() < 0.7 else pick(r, ["You are a helpful assistant.", "Be rigorous.", "You are an expert tutor.", "Answer thoroughly."]))
            if r.random() < 0.15 * cu:  # dress up as an eval harness; items never repeat
                p = f"Question {int(r.integers(1, 500))} of 500: {p}"
        return p, sysm

    def rival_ties(self, rv, cu, force_one=True):
        """Which observable ties a rival-affiliated account carries (stronger when sloppy)."""
        r = self.rng
        ties = set()
        for t, p in (("card", 0.55 * (1 - cu) + 0.05), ("email", 0.5 * (1 - cu) + 0.03), ("sso", 0.35 * (1 - cu) + 0.02),
                     ("declared_org", 0.3 * (1 - cu) ** 2), ("declared_text", 0.35 * (1 - cu) + 0.05),
                     ("office_ip", 0.6 * (1 - cu) + 0.15), ("signup_office", 0.3 * (1 - cu) + 0.05), ("shared_range", 0.2 + 0.2 * cu)):
            if r.random() < p:
                ties.add(t)
        if force_one and not ties:
            ties.add(pick(r, ["afternoon_office", "shared_range", "office_ip", "declared_text", "card"]))
        return ties

    def apply_ties(self, a, acc, rv, ties):
        r = self.rng
        if "card" in ties:
            acc["payment_fingerprint"] = pick(r, rv["cards"])
        if "email" in ties:
            self.used_emails.discard(acc["email"])
            acc["email"] = self.email(domain=pick(r, rv["domains"]), style=int(r.choice([0, 2])))
        if "sso" in ties:
            acc["sso_tenant"] = pick(r, rv["sso"])
        if "declared_org" in ties:
            acc["org_id"] = rv["org_id"]
        if "declared_text" in ties:
            acc["declared_company"] = pick(r, rv["alt_names"])
        if "signup_office" in ties:
            acc["signup_ip"] = self.ip_in(rv["office"])
        if "office_ip" in ties:
            a.office = [self.ip_in(rv["office"]) for _ in range(int(r.integers(1, 4)))]
            a.office_days = set(int(x) for x in r.choice(5, int(r.integers(1, 6)), replace=False))
        if "shared_range" in ties:
            sh = rv["shared"][0]
            if sh == VPN:
                a.vpn, a.vpn_p = [self.ip_in(VPN) for _ in range(5)], 0.6
            else:
                a.office = (a.office or []) + [self.ip_in(sh) for _ in range(3)]
                a.office_days = None
        if "afternoon_office" in ties:  # only one afternoon at the office (e.g. a remote employee visiting HQ)
            d = int(r.integers(0, 5))
            ts = self.t0 + d * DAY - COUNTRIES[rv["cc"]][0] * HOUR + float(r.uniform(13, 16)) * HOUR
            vip = self.ip_in(rv["office"])
            for _ in range(int(r.integers(2, 7))):
                ts = self.conversation(a, ts, pick(r, ["code", "ml"]), ip=vip) + float(r.uniform(300, 2000))
        strong = ties & {"card", "email", "sso", "declared_org"}
        return "strong" if strong else ("medium" if ties & {"office_ip", "signup_office"} else "weak")

    def p_distill_network(self, n):
        r = self.rng
        sizes = []
        if n >= 15:  # one network run on behalf of a restricted rival
            k = int(r.integers(5, 13))
            sizes.append((k, True))
            n -= k
        while n > 0:
            k = min(n, int(r.integers(5, 41)))
            if n - k < 5 and n - k > 0:
                k = n
            sizes.append((k, False))
            n -= k
        for k, is_rival in sizes:
            self.distill_network(k, self.rival[pick(r, list(self.rival))] if is_rival else None)

    def distill_network(self, k, rival=None):
        r = self.rng
        cu = self.cu()
        net = self.network_id("distill")
        wrap, sysfix = pick(r, SLOPPY_WRAPS), pick(r, SLOPPY_SYS)
        breadth = float(r.uniform(0.1, 0.6))
        shared_cards = [self.card() for _ in range(int(r.integers(1, 3)))]
        p_share_card = 0.9 * (1 - cu) ** 1.5
        spread = 0.1 + 60 * cu ** 1.5  # signup spread in days
        first_signup = self.t0 - float(r.uniform(spread + 1, spread + 30)) * DAY
        patterned = r.random() < (1 - cu) ** 2
        pat_base = pick(r, FIRST) + pick(r, ["data", "ml", "lab", "ops", ""]) + pick(r, ["", ".", "_"])
        pat_dom = pick(r, ["gmail.com", "outlook.com", "proton.me"])
        dc = [self.dc_ip() for _ in range(int(r.integers(1, 4)))]
        proxy = list(r.choice(self.proxy_pool, int(r.integers(150, 600)), replace=False))
        use_dc = r.random() < (1 - cu) ** 1.5
        same_ua = self.ua_pool(pick(r, ["raw", "sdk"]), 1)[0]
        machine = r.random() < (1 - cu) ** 1.2
        vol = float(np.exp(np.log(300) * (1 - cu) + np.log(18) * cu))
        plan0 = pick(r, ["api", "pro", "max"])
        cc0 = self.country()
        persona = "distill_network_rival" if rival else "distill_network"
        cats = ["distillation", "coordination"] + (["competitor"] if rival else [])
        tied = set(r.choice(k, int(r.integers(1, min(3, k) + 1)), replace=False).tolist()) if rival else set()
        accts = []
        for j in range(k):
            plan = plan0 if r.random() < (1 - cu) else pick(r, ["api", "pro", "max", "pro", "free"])
            cc = cc0 if r.random() < (1 - cu) else self.country()
            created = first_signup + (j / max(1, k - 1)) * spread * DAY * float(r.uniform(0.7, 1.0)) + float(r.uniform(0, 3600))
            email = f"{pat_base}{int(r.integers(1, 99)) + j * 3}@{pat_dom}" if patterned else self.email(style=int(r.integers(0, 7)))
            if patterned:
                self.used_emails.add(email)
            card = pick(r, shared_cards) if r.random() < p_share_card else (self.card() if plan != "free" else None)
            sip = pick(r, dc) if use_dc else pick(r, proxy)
            a = self.account(persona, plan=plan, cc=cc, email=email, created=created, card=card, signup_ip=sip, cats=cats, network=net,
                             label_org=rival["org_id"] if rival else None, models=MODELS_TOP,
                             ua_kind=pick(r, ["sdk", "browser", "raw"]), n_ua=1)
            if r.random() < (1 - cu):
                a.uas = [same_ua]
            a.home = pick(r, dc) if use_dc else pick(r, proxy)
            a.extra_ips = dc if use_dc else None
            if not use_dc and r.random() < cu:  # sticky residential exits in the account's own country
                a.extra_ips = [self.res_ip(a.country) for _ in range(int(r.integers(1, 4)))]
            if rival and j in tied:
                self.apply_ties(a, self.accounts[-1], rival, self.rival_ties(rival, cu))
            accts.append(a)
        if machine:  # one orchestrator, round-robin across keys, around the clock
            total = int(vol * k * self.days)
            ts = self.t0 + float(r.uniform(0, 3 * HOUR))
            gap = self.days * DAY / max(total, 1)
            for i in range(total):
                a = accts[i % k] if r.random() < 0.8 else pick(r, accts)
                p, sysm = self.distill_prompt(cu, wrap, sysfix, breadth)
                ip = (pick(r, dc) if use_dc else pick(r, proxy)) if a.office is None or r.random() < 0.8 else None
                self.emit(a, ts, p, system=sysm, reasoning=r.random() < 0.95, tout=int(r.lognormal(6.6, 0.5)), ip=ip, stream=False, conv=None)
                ts += gap * float(r.uniform(0.6, 1.4))
        else:  # each account behaves like a person working in sessions; heavy jitter; proxies rotate per session
            for a in accts:
                prof = pick(r, ["worker", "evening", "student", "owl"])
                per_sess = float(r.uniform(4, 14))
                for s in self.starts(a, vol / per_sess * float(r.lognormal(0, 0.3)), prof, weekend=float(r.uniform(0.5, 1.1))):
                    s += float(r.normal(0, 20 * 60 * cu))
                    ip = pick(r, dc) if use_dc else (pick(r, a.extra_ips) if a.extra_ips else pick(r, proxy))
                    if a.office is not None and r.random() < 0.5:
                        ip = None
                    for _ in range(max(1, int(r.poisson(per_sess)))):
                        p, sysm = self.distill_prompt(cu, wrap, sysfix, breadth)
                        conv = self.new_id("conv_")
                        reasoning = r.random() < 0.6 + 0.3 * (1 - cu)
                        self.emit(a, s, p, system=sysm, conv=conv, turn=1, reasoning=reasoning, tout=int(r.lognormal(6.6, 0.5)), ip=ip)
                        s += float(r.lognormal(4.2, 0.8)) + 20
                        if r.random() < 0.4 * cu:  # a natural-looking follow-up in the same conversation
                            self.emit(a, s, pick(r, FOLLOWUPS).format(n=int(r.integers(2, 6))), system=sysm, conv=conv, turn=2,
                                      reasoning=reasoning, tin_extra=int(r.integers(800, 3000)), ip=ip)
                            s += float(r.lognormal(4.0, 0.8)) + 15
                if r.random() < 0.5 * cu:  # cover traffic: ordinary chatter
                    self.human(a, 0.7, prof, {"general": 2, "write": 2, "code": 2})

    def p_lone_distiller(self, n):
        r = self.rng
        for _ in range(n):
            cu = self.cu()
            a = self.account("lone_distiller", plan=pick(r, ["max", "pro", "api", "api"]), cats=["distillation"], models=MODELS_TOP,
                             ua_kind=pick(r, ["sdk", "raw", "browser"]))
            wrap, sysfix = pick(r, SLOPPY_WRAPS), pick(r, SLOPPY_SYS)
            if r.random() < 0.5 * cu:
                a.extra_ips = list(r.choice(self.proxy_pool, 50, replace=False))
            vol = float(np.exp(np.log(250) * (1 - cu) + np.log(40) * cu))
            prof = "flat" if r.random() < (1 - cu) else pick(r, ["worker", "owl", "evening"])
            for s in self.starts(a, vol / 10, prof, weekend=1.0, day_sd=0.3):
                for _ in range(int(r.integers(3, 18))):
                    p, sysm = self.distill_prompt(cu, wrap, sysfix)
                    self.emit(a, s, p, system=sysm, reasoning=r.random() < 0.9, tout=int(r.lognormal(6.6, 0.5)), conv=self.new_id("conv_"))
                    s += float(r.lognormal(3.5 + cu, 0.6)) + 5

    def p_free_farm(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(8, 26)))
            if 0 < n - k < 6:
                k = n
            n -= k
            cu = self.cu()
            net = self.network_id("farm")
            work = pick(r, ["distill", "content", "scrape"])
            cats = ["tier_abuse", "coordination"] + {"distill": ["distillation"], "content": [], "scrape": ["scraping"]}[work]
            cap = int(r.integers(38, 46))  # the free plan's daily message budget they stay under
            dc = self.dc_ip()
            proxy = list(r.choice(self.proxy_pool, 300, replace=False))
            patterned = r.random() < (1 - cu) ** 1.5
            base = pick(r, FIRST) + pick(r, LAST)
            t_sign = self.t0 - float(r.uniform(2, 20)) * DAY
            same_ua = self.ua_pool(pick(r, ["raw", "browser"]), 1)[0]
            wrap, sysfix = pick(r, SLOPPY_WRAPS), None
            kind = pick(r, ["product", "review", "ticket"])
            keys, tpls = keyspace(r, pick(r, ["countries", "elements", "years", "alpha", "quiz_grid"]))
            kpos = int(r.integers(0, max(1, len(keys) // 3)))
            accts = []
            for j in range(k):
                created = t_sign + (j * float(r.uniform(60, 400)) if r.random() < (1 - cu) else float(r.uniform(0, 40 * cu + 1)) * DAY)
                email = f"{base}{j + int(r.integers(1, 9))}@gmail.com" if patterned else self.email()
                self.used_emails.add(email)
                a = self.account("free_farm", plan="free", email=email, created=created, card=None, cats=cats, network=net,
                                 signup_ip=dc if r.random() < (1 - cu) else pick(r, proxy), ua_kind=pick(r, ["browser", "mobile", "raw"]))
                if r.random() < (1 - cu):
                    a.uas = [same_ua]
                a.home = dc if r.random() < (1 - cu) else pick(r, proxy)
                accts.append(a)
            sequential = r.random() < (1 - cu)
            for d in range(self.days):
                day0 = self.t0 + d * DAY + float(r.uniform(0, 2 * HOUR))
                ts = day0
                order = list(range(k))
                if not sequential:
                    r.shuffle(order)
                for j in order:
                    a = accts[j]
                    m = cap - int(r.integers(1, 4)) if r.random() < (1 - cu) else int(r.integers(int(cap * 0.5), cap - 1))
                    if not sequential:
                        ts = day0 + float(r.uniform(0, 20 * HOUR))
                    for _ in range(m):
                        if work == "distill":
                            p, sysm = self.distill_prompt(cu, wrap, sysfix)
                            reasoning = True
                        elif work == "content":
                            p, sysm, reasoning = BATCH_JOBS[kind][1].format(doc=make_doc(r, kind, int(r.integers(1000, 99999)))), None, False
                        else:
                            p, sysm, reasoning = fill_key(pick(r, tpls), keys[kpos % len(keys)]), None, False
                            kpos += 1
                        ip = None if r.random() < (1 - cu) else pick(r, proxy)
                        self.emit(a, ts, p, system=sysm, reasoning=reasoning, ip=ip, tout=int(r.lognormal(6.2, 0.5)), status=None)
                        ts += float(r.uniform(8, 25)) if sequential else float(r.lognormal(4.5, 1.0))

    def p_reseller(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(3, 7)))
            if 0 < n - k < 3:
                k = n
            n -= k
            cu = self.cu()
            net = self.network_id("resale")
            relay = [self.dc_ip() for _ in range(2)]
            proxies = [self.res_ip("US", v6_ok=False) for _ in range(int(r.integers(3, 8)))]
            customers = []
            for _ in range(int(r.integers(30, 120))):
                cc = pick(r, ["US", "SG", "JP", "DE", "TR", "ID", "IN", "BR", "KR"])
                customers.append({"tz": float(r.choice([8, 8, 8, 3, 3.5, 7, 5.5, -3, 9])), "ip": self.res_ip(cc), "ua": self.ua_pool(pick(r, ["browser", "mobile"]), 1)[0],
                                  "lang": r.random() < 0.6, "rate": float(r.lognormal(np.log(3), 0.7))})
            spoof_ua = self.ua_pool("browser", 1)[0]
            accts = []
            shared_card = self.card()
            for j in range(k):
                a = self.account("reseller", plan=pick(r, ["pro", "max", "max"]), cats=["tier_abuse", "coordination"], network=net,
                                 card=shared_card if r.random() < (1 - cu) * 0.8 else "own", ua_kind="browser",
                                 signup_ip=pick(r, relay) if r.random() < (1 - cu) else pick(r, proxies), cc="US" if r.random() < 0.5 else None)
                accts.append(a)
            mode_direct = r.random() < (1 - cu)  # customers log in with shared credentials: their own addresses and browsers
            for cu_ in customers:
                owner = pick(r, accts) if r.random() < 0.7 else None
                fake = Acct()
                fake.tz = cu_["tz"]
                for s in self.starts(fake, cu_["rate"], pick(r, ["worker", "evening", "student"]), weekend=1.0):
                    a = owner or pick(r, accts)
                    ip, ua = (cu_["ip"], cu_["ua"]) if mode_direct else (pick(r, proxies) if cu > 0.4 else pick(r, relay), spoof_ua)
                    conv = self.new_id("conv_")
                    for t in range(1, 1 + int(r.geometric(0.35))):
                        if cu_["lang"] and r.random() < 0.7:
                            p = pick(r, NON_EN)
                        else:
                            p = DOMAINS[pick(r, ["code", "write", "student", "general"])][0](r)
                        self.emit(a, s, p, conv=conv, turn=t, ip=ip, ua=ua, tin_extra=(t - 1) * 600)
                        s += float(r.lognormal(4.0, 0.8)) + 10

    def scrape_walk(self, a, keys, tpls, cu, start_ts=None, end_ts=None):
        r = self.rng
        keys = list(keys)
        if r.random() < cu:  # shuffle locally
            w = int(r.integers(10, 60))
            for i in range(0, len(keys), w):
                blk = keys[i:i + w]
                r.shuffle(blk)
                keys[i:i + w] = blk
        if cu > 0.2:
            keys = [k for k in keys if r.random() > 0.1 * cu]
        tlist = tpls if r.random() < 0.3 + cu else tpls[:1]
        machine = r.random() < (1 - cu) ** 1.3
        lo, hi = start_ts or self.t0 + float(r.uniform(0, 2)) * DAY, end_ts or self.t1
        if machine:
            gap = float(r.uniform(3, 25))
            ts = lo
            for k in keys:
                self.emit(a, ts, fill_key(pick(r, tlist), k), conv=None, stream=False, tout=int(r.lognormal(6.3, 0.4)))
                ts += gap * float(r.uniform(0.8, 1.2))
                if ts > hi:
                    break
        else:
            i = 0
            for s in self.starts(a, float(r.uniform(3, 8)), pick(r, ["worker", "evening", "owl"]), weekend=0.8, t_from=lo, t_to=hi):
                for _ in range(int(r.integers(5, 40))):
                    if i >= len(keys):
                        return
                    if r.random() < 0.3 * cu:  # interleaved chatter
                        self.emit(a, s, DOMAINS[pick(r, ["general", "code", "write"])][0](r), conv=self.new_id("conv_"))
                    else:
                        p = fill_key(pick(r, tlist), keys[i])
                        if r.random() < 0.3 * cu:
                            p = pick(r, ["", "next: ", "ok, now ", "and ", "same for "]) + (p[0].lower() + p[1:] if r.random() < 0.5 else p)
                        self.emit(a, s, p, conv=self.new_id("conv_"), tout=int(r.lognormal(6.3, 0.4)))
                        i += 1
                    s += float(r.lognormal(3.3, 0.7)) + 3

    def p_scraper(self, n):
        r = self.rng
        for _ in range(n):
            cu = self.cu()
            plan = pick(r, ["api", "api", "api", "pro", "max"])
            cats = ["scraping"] + (["tier_abuse"] if plan in ("pro", "max") else [])
            a = self.account("scraper", plan=plan, cats=cats, ua_kind="raw" if r.random() < (1 - cu) else pick(r, ["sdk", "browser"]))
            if r.random() < 0.5 * cu:
                a.extra_ips = list(r.choice(self.proxy_pool, 30, replace=False))
            keys, tpls = keyspace(r, pick(r, KEYSPACES))
            start = int(r.integers(0, max(1, len(keys) // 2)))
            cnt = int(np.exp(np.log(2500) * (1 - cu) + np.log(400) * cu) * r.uniform(0.6, 1.3))
            self.scrape_walk(a, keys[start:start + cnt], tpls, cu)
            if r.random() < 0.4:
                self.human(a, 0.5, "worker", {"code": 2, "general": 1})

    def p_scrape_network(self, n):
        r = self.rng
        while n > 0:
            k = min(n, int(r.integers(3, 9)))
            if 0 < n - k < 3:
                k = n
            n -= k
            cu = self.cu()
            net = self.network_id("scrape")
            keys, tpls = keyspace(r, pick(r, ["ids", "icd", "lang_grid", "alpha", "quiz_grid", "years"]))
            card = self.card()
            dc = self.dc_ip()
            for j in range(k):
                a = self.account("scrape_network", plan="api", cats=["scraping", "coordination"], network=net,
                                 card=card if r.random() < (1 - cu) else "own", signup_ip=dc if r.random() < (1 - cu) else None,
                                 created=self.t0 - float(r.uniform(1, 2 + 40 * cu)) * DAY, ua_kind="raw" if r.random() < (1 - cu) else "sdk")
                if r.random() < (1 - cu):
                    a.home = dc
                part = keys[j::k] if r.random() < (1 - cu) else keys[j * len(keys) // k:(j + 1) * len(keys) // k]
                self.scrape_walk(a, part, tpls, cu)

    def p_tier_pipeline(self, n):
        r = self.rng
        for _ in range(n):
            cu = self.cu()
            plan = pick(r, ["pro", "max", "max", "free"])
            a = self.account("tier_pipeline", plan=plan, cats=["tier_abuse"], ua_kind="raw" if r.random() < (1 - cu) else "browser",
                             card="own" if plan != "free" else None)
            if r.random() < (1 - cu) * 0.7:
                a.home = self.dc_ip()
            kind = pick(r, list(BATCH_JOBS))
            sysm, tpl = BATCH_JOBS[kind]
            per_day = float(np.exp(np.log(1500) * (1 - cu) + np.log(220) * cu) * r.uniform(0.6, 1.3))
            if plan == "free":
                per_day = min(per_day, 300.0)
            rid = int(r.integers(1000, 90000))
            ts = self.t0 + float(r.uniform(0, 6 * HOUR))
            while ts < self.t1:
                if r.random() < (1 - cu):
                    gap = DAY / per_day * float(r.uniform(0.9, 1.1))
                else:
                    lt = (ts + a.tz * HOUR) % DAY / HOUR
                    night = 0.4 if (1 <= lt < 7 and r.random() < cu) else 1.0  # careful ones slow down at night, never stop
                    gap = float(r.exponential(DAY / per_day / night))
                    if r.random() < 0.004 * cu:
                        gap += float(r.uniform(20, 150)) * 60  # short pauses
                p = tpl.format(doc=make_doc(r, kind, rid)) if r.random() < (1 - cu) or r.random() < 0.5 else \
                    pick(r, ["", "Hi! ", "please ", "Task: "]) + tpl.format(doc=make_doc(r, kind, rid))
                self.emit(a, ts, p, system=sysm if r.random() < 0.8 else None, tout=int(r.integers(50, 400)), conv=self.new_id("conv_") if r.random() < cu else None)
                rid += 1
                ts += gap

    def p_rival_employee(self, n):
        r = self.rng
        for _ in range(n):
            rv = self.rival[pick(r, list(self.rival))]
            cu = self.cu()
            ps = np.array([max(0.1, 0.75 - 0.55 * cu), 0.25, 0.1 + 0.35 * cu])
            target = ["strong", "medium", "weak"][int(r.choice(3, p=ps / ps.sum()))]
            ties = self.rival_ties(rv, cu, force_one=False)
            strong, medium, weak = {"card", "email", "sso", "declared_org"}, {"office_ip", "signup_office"}, {"declared_text", "shared_range", "afternoon_office"}
            if target == "strong" and not ties & strong:
                ties.add(pick(r, ["card", "email", "sso", "card", "email"]))
            elif target != "strong":
                ties -= strong
                if target == "weak":
                    ties -= medium
                if target == "medium" and not ties & medium:
                    ties.add(pick(r, sorted(medium)))
                if target == "weak" and not ties:
                    ties.add(pick(r, sorted(weak)))
            a = self.account("rival_employee", plan=pick(r, ["pro", "max", "api", "api", "team"]), cc=rv["cc"] if r.random() < 0.7 else None,
                             cats=["competitor"], label_org=rv["org_id"], ua_kind=pick(r, ["sdk", "browser", "ide"]), n_ua=int(r.integers(1, 3)))
            strength = self.apply_ties(a, self.accounts[-1], rv, ties)
            self.labels[-1]["persona"] = f"rival_employee_{strength}"
            domains = {"ml": 4, "code": 4, "reason": 1.5, "write": 1, "general": 0.5}
            self.human(a, float(r.lognormal(np.log(3), 0.5)), "worker", domains, weekend=0.4, turns_mean=3, reasoning_p=0.25)
            if r.random() < 0.6 * (1 - cu) + 0.1:  # competitive use: side-by-side checks against their own models
                mdl = pick(r, rv["models"])
                for s in self.starts(a, float(r.uniform(0.5, 2)), "worker", weekend=0.2):
                    for _ in range(int(r.integers(2, 15))):
                        q = q_family(r)
                        p = (f"Our model {mdl} answered this incorrectly. How would you solve it? {q}" if r.random() < (1 - cu) * 0.6
                             else pick(r, ["", "Eval item: "]) + q)
                        self.emit(a, s, p, reasoning=True, conv=self.new_id("conv_"))
                        s += float(r.lognormal(3.5, 0.8)) + 5

    def p_rival_ide(self, n):
        r = self.rng
        for _ in range(n):
            rv = self.rival[pick(r, list(self.rival))]
            ties = {"email"} if r.random() < 0.4 * (1 - self.c) + 0.1 else set()
            self.p_ide_user(1, persona="rival_via_platform", rival=rv, ties=ties)


# --------------------------------------------------------------------------------------------
# mix, driver, writer
# --------------------------------------------------------------------------------------------

DEFAULT_MIX = {  # expected accounts per 1,000 (renormalised to --accounts)
    # benign
    "dev": 150, "student": 60, "consumer": 150, "family": 12, "power_user": 30, "chat_backend": 12, "enterprise_batch": 12,
    "corp_employee": 90, "shared_egress": 45, "hackathon": 55, "research_lab": 16, "startup": 18, "eval_harness": 10, "ide_user": 90,
    "former_rival": 4, "rival_visitor": 5,
    # abusive
    "distill_network": 55, "lone_distiller": 6, "free_farm": 24, "reseller": 10, "scraper": 14, "scrape_network": 6,
    "tier_pipeline": 10, "rival_employee": 14, "rival_ide": 4,
}


def run(out_dir, seed, accounts, days, careful, mix):
    t_start = time.time()
    g = Personas(seed, accounts, days, careful, mix)
    g.build_world()
    w = {k: float(v) for k, v in mix.items() if v > 0}
    tot = sum(w.values())
    counts = {k: int(round(v / tot * accounts)) for k, v in w.items()}
    for k, c in counts.items():
        if c > 0:
            getattr(g, "p_" + k)(c)
    R = g.R
    ts = np.array(R["ts"])
    order = np.argsort(ts, kind="stable")
    os.makedirs(out_dir, exist_ok=True)
    rids = g.rng.bytes(12 * len(order)).hex()
    with open(os.path.join(out_dir, "requests.jsonl"), "wb") as f:
        buf = []
        for n_, i in enumerate(order.tolist()):
            st = R["status"][i]
            buf.append(orjson.dumps({
                "ts": round(R["ts"][i], 3), "request_id": "req_" + rids[n_ * 24:(n_ + 1) * 24], "account_id": R["acc"][i], "key_id": R["key"][i],
                "channel": R["ch"][i], "platform": R["plat"][i], "end_user_id": R["euid"][i], "end_user_org": R["euorg"][i],
                "client_ip": R["ip"][i], "user_agent": R["ua"][i], "endpoint": R["ep"][i], "model": R["model"][i],
                "conversation_id": R["conv"][i], "turn": R["turn"][i], "system": R["sys"][i], "prompt": R["prompt"][i],
                "input_tokens": R["tin"][i], "output_tokens": R["tout"][i], "reasoning": R["reason"][i], "stream": R["stream"][i],
                "status": st, "decision": "allow" if st != 429 else "deny:rate_limit"}))
            if len(buf) >= 20000:
                f.write(b"\n".join(buf) + b"\n")
                buf = []
        if buf:
            f.write(b"\n".join(buf) + b"\n")
    for name, rows in (("accounts.jsonl", g.accounts), ("entities.jsonl", g.entities), ("labels.jsonl", g.labels)):
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(b"".join(orjson.dumps(x) + b"\n" for x in rows))
    # summary
    per_acc = Counter(R["acc"])
    persona_of = {l["account_id"]: l["persona"] for l in g.labels}
    pc = Counter(l["persona"] for l in g.labels)
    preq = Counter()
    for aid, c in per_acc.items():
        preq[persona_of[aid]] += c
    abusive = sum(1 for l in g.labels if l["categories"])
    print(f"{len(g.accounts)} accounts ({abusive} abusive, {abusive / max(1, len(g.accounts)):.1%}), {len(order)} requests, "
          f"{len(g.entities)} entities, {time.time() - t_start:.1f}s", file=sys.stderr)
    print(f"{'persona':32s} {'accounts':>8s} {'requests':>9s}", file=sys.stderr)
    for p in sorted(pc):
        print(f"{p:32s} {pc[p]:8d} {preq[p]:9d}", file=sys.stderr)
    cats = Counter(c for l in g.labels for c in l["categories"])
    print("categories:", dict(cats), file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--mix", nargs="*", default=[], metavar="PERSONA=WEIGHT")
    a = ap.parse_args(argv)
    mix = dict(DEFAULT_MIX)
    for item in a.mix:
        k, _, v = item.partition("=")
        if k not in DEFAULT_MIX:
            ap.error(f"unknown persona {k!r}; known: {', '.join(DEFAULT_MIX)}")
        mix[k] = float(v)
    if not 0 <= a.careful <= 1:
        ap.error("--careful must be within 0..1")
    run(a.out_dir, a.seed, a.accounts, a.days, a.careful, mix)


if __name__ == "__main__":
    main()
