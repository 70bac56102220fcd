"""A small topic lexicon: keyword -> knowledge domain, for breadth of topic coverage.

Deliberately generic (a school-subject and engineering taxonomy), not the simulator's vocabulary:
breadth is "how many unrelated fields does this account ask about", which any taxonomy measures.
"""

from __future__ import annotations

_DOMAINS: dict[str, str] = {
    "mathematics": "algebra calculus integral integrals derivative theorem proof induction matrix matrices "
                   "eigenvalue eigenvalues eigenvector polynomial prime primes factorization series "
                   "convergence topology geometry homomorphism homomorphisms equation equations lemma",
    "physics": "quantum momentum relativity entropy thermodynamic thermodynamics electromagnetic "
               "induction particle particles photon doppler velocity acceleration newton gravity "
               "entanglement force energy wave waves",
    "chemistry": "molecule molecules covalent ionic bond bonds reaction reactions kinetics titration "
                 "organic synthesis orbital orbitals equilibrium acid acids catalyst oxidation",
    "biology": "cell cells mitosis meiosis protein proteins gene genes genetic expression photosynthesis "
               "enzyme enzymes evolution selection organism dna rna immune folding",
    "medicine": "diagnosis treatment symptoms symptom disease hypertension diabetes antibiotic antibiotics "
                "cardiac arrhythmia vaccine vaccines efficacy anemia clinical patient patients dosage",
    "law": "contract contracts breach tort liability copyright patent infringement constitutional "
           "court appeal criminal statute plaintiff defendant legal remedies",
    "finance": "valuation bond bonds portfolio diversification option options pricing swap swaps "
               "interest balance sheet equity dividend cash",
    "economics": "inflation monetary supply demand elasticity trade unemployment market equilibrium "
                 "gdp recession fiscal comparative",
    "history": "revolution empire dynasty war medieval ancient roman french cold industrial century "
               "colonial ming treaty",
    "geography": "tectonics continents continent river delta climate population cities mountain ranges "
                 "latitude terrain",
    "literature": "novel poem poetry sonnet sonnets shakespeare narrative fiction tragedy symbolism "
                  "modernist author character",
    "philosophy": "kant ethics morality utilitarian epistemology existentialism metaphysics "
                  "philosopher free will virtue",
    "psychology": "cognitive bias memory consolidation behavior behaviour therapy anxiety motivation "
                  "reward developmental personality",
    "python": "python decorator decorators asyncio pandas dataframe django flask pip numpy",
    "javascript": "javascript typescript react node express promises promise dom npm frontend",
    "databases": "sql postgres mysql database databases query index indexes join joins schema "
                 "migrations transaction isolation",
    "systems": "linux kernel scheduling memory allocation rust ownership tcp socket threads "
               "concurrency compiler",
    "security": "injection tls certificates certificate password hashing overflow oauth token "
                "vulnerability encryption exploit",
    "machine_learning": "gradient descent transformer attention overfitting regularization neural "
                        "network loss reinforcement embedding embeddings training",
    "statistics": "hypothesis confidence interval regression bayesian probability distribution "
                  "variance central limit sample",
    "astronomy": "black holes stellar exoplanet exoplanets galaxy galaxies cosmic telescope orbit "
                 "planet star stars",
    "geology": "sedimentary rock rocks volcano volcanoes eruption eruptions earthquake earthquakes "
               "fault faults mineral minerals crystals",
    "music": "chord chords harmony symphony jazz rhythm melody composer tempo",
    "art": "painting renaissance impressionism sculpture color colour canvas artist",
    "cooking": "recipe sourdough braising baking fermentation ingredient ingredients oven",
    "sports": "football tactics marathon tennis serve basketball defense training athlete",
    "linguistics": "phonology vowels syntax acquisition morphology grammar phoneme",
    "business": "marketing startup fundraising customer customers retention supply chain strategy revenue",
    "engineering": "bridge load control circuit circuits heat exchanger mechanical structural",
    "environment": "carbon emissions renewable pollution biodiversity ocean sustainability",
}

KEYWORDS: dict[str, str] = {w: d for d, words in _DOMAINS.items() for w in words.split()}
