"""Prompt text for the simulator: subjects per domain, and per-account phrasing.

Benign accounts get their own project vocabulary so that two unrelated people rarely share
phrasing; distillers share a network's templates, rewritten at a configurable rate.
"""

from __future__ import annotations

import random

SUBJECTS: dict[str, tuple[str, ...]] = {
    "mathematics": ("eigenvalues of a symmetric matrix", "the fundamental theorem of calculus",
                    "group homomorphisms", "prime factorization", "convergence of a series",
                    "the integral of a rational function", "a proof by induction"),
    "physics": ("quantum entanglement", "the doppler effect", "conservation of momentum",
                "special relativity", "thermodynamic entropy", "electromagnetic induction"),
    "chemistry": ("covalent bonds", "reaction kinetics", "acid base titration", "organic synthesis",
                  "electron orbitals", "chemical equilibrium"),
    "biology": ("photosynthesis", "protein folding", "cell mitosis", "gene expression",
                "the immune response", "natural selection"),
    "medicine": ("hypertension treatment", "the diagnosis of diabetes", "antibiotic resistance",
                 "cardiac arrhythmia", "vaccine efficacy", "symptoms of anemia"),
    "law": ("contract breach remedies", "copyright fair use", "tort liability",
            "constitutional due process", "a criminal appeal", "patent infringement"),
    "finance": ("discounted cash flow valuation", "bond duration", "portfolio diversification",
                "option pricing", "interest rate swaps", "a company balance sheet"),
    "economics": ("inflation and monetary policy", "supply and demand elasticity",
                  "comparative advantage in trade", "unemployment", "market equilibrium"),
    "history": ("the french revolution", "the fall of the roman empire", "the cold war",
                "the industrial revolution", "the ming dynasty", "world war one"),
    "geography": ("plate tectonics and continents", "river delta formation", "climate zones",
                  "population density of cities", "mountain ranges of asia"),
    "literature": ("symbolism in a novel", "shakespeare sonnets", "the modernist poem",
                   "narrative voice in fiction", "a tragedy and its hero"),
    "philosophy": ("kant and ethics", "the problem of free will", "utilitarian morality",
                   "epistemology and knowledge", "existentialism"),
    "psychology": ("cognitive bias", "memory consolidation", "childhood development",
                   "anxiety and behavior therapy", "motivation and reward"),
    "python": ("a python decorator", "python asyncio tasks", "a pandas dataframe merge",
               "python type hints", "a django view"),
    "javascript": ("javascript promises", "a react component", "typescript generics",
                   "node express middleware", "the browser dom"),
    "databases": ("a sql join", "postgres index tuning", "database transaction isolation",
                  "a sql query plan", "schema migrations"),
    "systems": ("linux kernel scheduling", "memory allocation in c", "rust ownership",
                "a tcp socket server", "concurrency with threads"),
    "security": ("sql injection", "tls certificates", "password hashing", "a buffer overflow",
                 "oauth token flows"),
    "machine_learning": ("gradient descent", "transformer attention", "overfitting and regularization",
                         "a neural network loss", "reinforcement learning reward"),
    "statistics": ("hypothesis testing", "a confidence interval", "linear regression",
                   "bayesian probability", "the central limit theorem"),
    "astronomy": ("black holes", "stellar evolution", "exoplanet detection", "galaxy formation",
                  "the cosmic microwave background"),
    "geology": ("sedimentary rock", "volcano eruptions", "earthquake faults", "mineral crystals"),
    "music": ("chord progressions", "music theory harmony", "the symphony form", "jazz rhythm"),
    "art": ("renaissance painting", "impressionism", "sculpture techniques", "color theory"),
    "cooking": ("a sourdough recipe", "braising meat", "baking temperature", "fermentation of vegetables"),
    "sports": ("football tactics", "marathon training", "tennis serve technique", "basketball defense"),
    "linguistics": ("phonology of vowels", "syntax trees", "language acquisition", "morphology"),
    "business": ("a marketing strategy", "startup fundraising", "supply chain management",
                 "customer retention"),
    "engineering": ("bridge load design", "a control system", "circuit design", "heat exchanger"),
    "environment": ("carbon emissions", "renewable energy", "ocean pollution", "biodiversity loss"),
}
DOMAINS: tuple[str, ...] = tuple(SUBJECTS)
CODE_DOMAINS: tuple[str, ...] = ("python", "javascript", "databases", "systems", "security")
SCHOOL_DOMAINS: tuple[str, ...] = ("mathematics", "physics", "chemistry", "biology", "history",
                                   "literature", "geography", "economics")

COMMON = ("please", "quick", "question", "about", "my", "the", "this", "our", "team", "project",
          "code", "error", "when", "why", "does", "how", "can", "you", "help", "with", "fix",
          "write", "review", "make", "better", "idea", "draft", "email", "plan", "notes", "list",
          "summary", "meeting", "client", "report", "slides", "bug", "test", "deploy", "again",
          "still", "failing", "works", "locally", "but", "not", "in", "production", "what", "if")
SYLLABLES = ("ka", "lo", "mi", "ner", "ta", "vo", "zen", "ri", "pa", "dex", "qua", "sil", "bor",
             "fen", "gra", "hul", "jin", "mox", "tro", "wix")

ELICIT_PHRASES = (
    "Think step by step and show all of your reasoning before the final answer.",
    "Explain your reasoning step-by-step, then give the answer.",
    "Reason through the problem carefully and show your work.",
    "Walk through your chain of thought in detail before answering.",
)
SYNONYMS = {
    "explain": ("describe", "clarify", "elaborate on"), "detailed": ("thorough", "comprehensive", "complete"),
    "question": ("problem", "query", "task"), "provide": ("give", "write", "produce"),
    "answer": ("response", "solution", "reply"), "about": ("regarding", "on", "concerning"),
    "consider": ("take", "look at", "examine"), "following": ("next", "below", "given"),
}


def token(rng: random.Random, n: int = 3) -> str:
    """A made-up identifier, e.g. a project's function or table name."""
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def vocabulary(rng: random.Random, size: int = 24) -> list[str]:
    """An account's own words: project names, colleagues, product terms."""
    return [token(rng, rng.randint(2, 4)) for _ in range(size)]


def casual_prompt(rng: random.Random, domains: list[str], vocab: list[str]) -> tuple[str, str]:
    """A human's free-form question: common words, the account's own words, one subject."""
    domain = rng.choice(domains)
    words = [rng.choice(COMMON) for _ in range(rng.randint(3, 9))]
    words += [rng.choice(vocab) for _ in range(rng.randint(1, 4))]
    rng.shuffle(words)
    return domain, f"{' '.join(words)} {rng.choice(SUBJECTS[domain])} {rng.choice(vocab)}?"


def make_templates(rng: random.Random, n: int) -> list[str]:
    """A distillation operation's question templates ({s} = subject, {d} = domain)."""
    openers = ("Explain", "Consider the following question about", "Provide a detailed answer about",
               "Answer the following question about", "Write a complete solution for",
               "Teach a student about", "Give an expert explanation of")
    middles = ("in the field of {d}", "as a {d} expert would", "with examples from {d}",
               "covering the key ideas of {d}", "from first principles in {d}")
    tails = ("Provide a detailed answer.", "Include edge cases and a summary.",
             "Give the final answer at the end.", "Be precise and complete.",
             "List the assumptions you make.")
    out = []
    for _ in range(n):
        extra = " ".join(token(rng, 2) for _ in range(2))  # the operation's own jargon
        out.append(f"{rng.choice(openers)} {{s}} {rng.choice(middles)} ({extra}). {rng.choice(tails)}")
    return out


def paraphrase(rng: random.Random, text: str, rate: float) -> str:
    """Rewrite about `rate` of the words: synonyms, dropped fillers, inserted fillers."""
    if rate <= 0:
        return text
    out: list[str] = []
    for w in text.split(" "):
        r = rng.random()
        if r < rate:
            low = w.lower()
            if low in SYNONYMS:
                out.append(rng.choice(SYNONYMS[low]))
            elif r < rate * 0.3:
                continue
            else:
                out.append(w)
                if r < rate * 0.5:
                    out.append(rng.choice(("really", "also", "now", "kindly", "briefly", "then")))
        else:
            out.append(w)
    return " ".join(out)
