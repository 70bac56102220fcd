"""What people type: prompt banks for set "d", in the languages Quetzal AI's users write in.

Templates use `{bank}` placeholders filled by world.fill_factory. The banks are small on purpose
(the text only has to look like its kind of use: chat, code, extraction, harvesting, walking a
keyspace), but wide enough that unrelated users rarely send the same string.
"""

from __future__ import annotations

FIRST = ["Ana", "Luis", "María", "José", "Carlos", "Sofía", "Diego", "Valentina", "Juan", "Camila", "Mateo",
         "Lucía", "Andrés", "Daniela", "Javier", "Fernanda", "Pedro", "Gabriela", "Ricardo", "Paula", "João",
         "Beatriz", "Rafael", "Larissa", "Thiago", "Emily", "Michael", "Sarah", "David", "Jessica", "Kevin",
         "Priya", "Arjun", "Wei", "Mei", "Chen", "Olivia", "Ethan", "Noah", "Ava", "Liam", "Isabela", "Tomás",
         "Martina", "Sebastián", "Renata", "Alejandro", "Natalia", "Felipe", "Carolina", "Hiroshi", "Aisha",
         "Omar", "Fatima", "Jonas", "Clara", "Marco", "Elena", "Ian", "Grace", "Samuel", "Julia", "Bruno"]
LAST = ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez",
        "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez",
        "Chávez", "Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Smith", "Johnson",
        "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore",
        "Patel", "Sharma", "Nguyen", "Tan", "Lim", "Wong", "Kim", "Park", "Müller", "Rossi", "Fernández",
        "Vargas", "Castillo", "Jiménez", "Romero", "Herrera", "Medina", "Aguilar", "Vega", "Navarro", "Okafor"]
PERSONAL_DOMAINS = (["gmail.com"] * 12 + ["outlook.com"] * 3 + ["hotmail.com"] * 3 + ["yahoo.com"] * 2
                    + ["icloud.com"] * 2 + ["proton.me", "yahoo.com.mx", "hotmail.com.br", "uol.com.br",
                                            "live.com", "gmx.com", "hotmail.es", "bol.com.br"])

BANKS: dict[str, list[str]] = {
    "rel": ["mom", "dad", "sister", "best friend", "boss", "grandma", "coworker", "partner"],
    "rel_es": ["mamá", "papá", "hermana", "mejor amiga", "jefe", "abuela", "compañero de trabajo", "novia"],
    "rel_pt": ["mãe", "pai", "irmã", "melhor amigo", "chefe", "avó", "namorada"],
    "dish": ["chiles en nogada", "a weeknight lasagna", "vegan tacos", "ceviche", "pão de queijo", "a lemon tart",
             "arepas", "chicken tikka masala", "sourdough bread", "mole poblano", "empanadas"],
    "ing_es": ["pollo y arroz", "frijoles, queso y tortillas", "atún y pasta", "huevos y espinacas", "lentejas"],
    "concept": ["compound interest", "how vaccines work", "inflation", "black holes", "the stock market",
                "machine learning", "photosynthesis", "the electoral college", "mortgages", "quantum computing"],
    "concept_es": ["la inflación", "el interés compuesto", "cómo funcionan las vacunas", "el SAT y las deducciones",
                   "la inteligencia artificial", "el cambio climático", "las criptomonedas", "la fotosíntesis"],
    "concept_pt": ["a inflação", "o imposto de renda", "como funciona o Pix", "juros compostos", "o efeito estufa"],
    "city": ["Oaxaca", "Cartagena", "Cusco", "Lisbon", "Tokyo", "Buenos Aires", "Mexico City", "Medellín",
             "Rio de Janeiro", "New Orleans", "Barcelona", "Santiago", "Puerto Vallarta", "Bariloche"],
    "n": ["2", "3", "4", "5", "7", "10"],
    "thing": ["dog", "car", "laptop", "sourdough starter", "tomato plant", "cat", "knee"],
    "lang": ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "Kotlin", "SQL", "Bash", "Ruby", "PHP"],
    "task": ["parses ISO 8601 dates with time zones", "retries an HTTP call with exponential backoff",
             "deduplicates a list of dicts by a key", "reads a CSV and writes Parquet", "validates a CURP",
             "paginates a REST API", "debounces user input", "computes a rolling median",
             "merges overlapping intervals", "streams a large file to S3", "rate-limits with a token bucket",
             "converts between time zones", "hashes passwords with argon2", "checks a JWT signature"],
    "error": ["KeyError: 'id'", "TypeError: cannot read properties of undefined (reading 'map')",
              "panic: runtime error: index out of range [3] with length 3", "ECONNRESET",
              "sqlalchemy.exc.IntegrityError", "borrowed value does not live long enough",
              "java.lang.NullPointerException", "ModuleNotFoundError: No module named 'pydantic_settings'"],
    "framework": ["FastAPI", "Django", "Next.js", "Spring Boot", "Rails", "Laravel", "Express", "React Native",
                  "Flutter", "pandas", "Terraform", "Kubernetes"],
    "path": ["src/api/handlers.py", "app/models/user.rb", "internal/store/pg.go", "src/components/Cart.tsx",
             "services/billing/invoice.ts", "tests/test_checkout.py", "lib/parser.rs", "infra/main.tf"],
    "product": ["wireless earbuds", "stainless steel water bottle", "men's running shoes", "ceramic mug set",
                "LED desk lamp", "kids' backpack", "yoga mat", "cast iron skillet", "phone case", "smartwatch band",
                "bluetooth speaker", "memory foam pillow", "gaming mouse", "coffee grinder", "leather wallet"],
    "adj": ["red", "black", "eco-friendly", "premium", "compact", "lightweight", "waterproof", "vintage"],
    "snippet": ["hey, just checking if you saw my last message about the invoice", "we need the report by friday",
                "sorry for the delay, the shipment got stuck at customs", "can we move our meeting to 3pm?"],
    "snippet_es": ["hola, les escribo para pedir una prorroga para entregar el trabajo", "buenas tardes, quisiera "
                   "cancelar mi suscripcion", "les informo que el pedido llego incompleto"],
    "subject": ["biology", "chemistry", "calculus", "world history", "microeconomics", "statistics", "physics",
                "literature", "linear algebra", "organic chemistry", "álgebra", "historia de México"],
    "ticket": ["My order #{n}8823 arrived damaged, the box was crushed", "I was charged twice for my subscription",
               "How do I change the delivery address?", "The app crashes when I open my cart",
               "No me ha llegado el reembolso de mi pedido", "Quero trocar o tamanho do tênis"],
    "doc": ["invoice", "purchase order", "bill of lading", "CFDI", "lease agreement", "medical claim",
            "bank statement", "resume", "insurance policy"],
    "company": ["Acme Logistics", "Grupo Valle", "Northwind Traders", "Distribuidora Sol", "Pacific Foods",
                "Transportes Rápidos", "Contoso Health", "Café del Monte"],
}

CONSUMER = {
    "en": ["help me write a birthday message for my {rel}", "what's a good recipe for {dish}?",
           "explain {concept} like I'm 12", "plan a {n}-day trip to {city} on a budget",
           "rewrite this to sound more polite: {snippet}", "is it normal that my {thing} keeps doing this?",
           "give me 10 name ideas for a small bakery", "what should I ask in a job interview for a junior analyst role",
           "summarize the pros and cons of leasing vs buying a car", "write a short poem about {city} at night",
           "how do I get a red wine stain out of a white shirt", "make me a weekly workout plan, 3 days, no gym",
           "what's the difference between a Roth IRA and a 401k", "help me reply to my landlord about the heater"],
    "es": ["ayúdame a escribir un mensaje de cumpleaños para mi {rel_es}", "¿qué puedo cocinar con {ing_es}?",
           "explícame {concept_es} de forma sencilla", "haz un itinerario de {n} días en {city}",
           "corrige la ortografía de este texto: {snippet_es}", "dame ideas de regalo para mi {rel_es}, menos de 500 pesos",
           "¿cómo le hago para sacar mi RFC?", "escríbeme una carta de renuncia amable",
           "resume este artículo en 5 puntos", "¿cuál es la diferencia entre tarjeta de crédito y débito?",
           "traduce al inglés: {snippet_es}", "¿me ayudas a planear la fiesta de 15 años de mi hija?"],
    "pt": ["me ajuda a escrever uma mensagem de aniversário para minha {rel_pt}", "explique {concept_pt} de um jeito simples",
           "monte um roteiro de {n} dias em {city}", "qual a diferença entre CDB e tesouro direto?",
           "escreva um e-mail pedindo reembolso de uma compra", "receita fácil de {dish}"],
}
STUDENT = ["can you explain this {subject} question: why does {concept} matter", "help me understand {concept} for my exam",
           "make flashcards for {subject} chapter {n}", "check my essay intro about {concept}: ...",
           "resuélveme este ejercicio de {subject}: una partícula se mueve con v(t)=3t^2-{n}t",
           "explícame paso a paso cómo derivar x^{n}*ln(x)", "quiz me on {subject}, 10 questions",
           "what are good sources for a paper on {concept}", "como resolver uma equação do segundo grau com delta negativo"]
DEV = ["write a {lang} function that {task}", "why does this {lang} code raise {error}?\n```\n# ...\n```",
       "how do I configure {framework} to {task}?", "review this diff and point out bugs:\n--- a/{path}\n+++ b/{path}",
       "what's the idiomatic way in {lang} to handle {error}", "convert this {lang} snippet to {lang}",
       "write unit tests for {path}", "explain the difference between {framework} and {framework} for a small team",
       "generate a SQL migration that adds a unique index on orders(customer_id, created_at)",
       "my {framework} app is slow on cold start, where do I look first?"]
CODE_AGENT_USER = ["fix the failing test in {path}", "add retries to the http client in {path}",
                   "refactor {path} to use dependency injection", "why is CI red? here is the log: {error}",
                   "implement the TODO in {path} and run the tests", "upgrade {framework} and fix the breakages",
                   "write a migration for the new column and update {path}", "the build fails with {error}"]
CODE_AGENT_TOOL = ["<tool_result name=\"bash\">$ pytest -x\n... FAILED tests/test_checkout.py::test_total - {error}</tool_result>",
                   "<tool_result name=\"read\">{path} (412 lines)\n1  import os\n2  from typing import Any ...</tool_result>",
                   "<tool_result name=\"edit\">applied 1 edit to {path}</tool_result>",
                   "<tool_result name=\"bash\">$ git status\nmodified: {path}</tool_result>",
                   "<tool_result name=\"grep\">{path}:88: def handle(self, request):</tool_result>"]
TRANSLATE_SYS = "You are a professional translator. Preserve formatting, legal terminology and numbering."
# Free text that makes one record, item or tool result differ from the next.
DETAIL_TEXT = ["{snippet}", "{snippet_es}", "{ticket}", "{adj} {product}, {company}", "{company}, {city}: {doc} {n}{n}{n}",
               "{error} at {path}", "customer in {city} says: {snippet}", "{concept} / {concept_es}",
               "cliente de {city}: {snippet_es}", "{company} — {doc} total {n}{n}{n}.{n}{n} MXN"]
ETL_TEMPLATES = ["Extract the following fields from this {doc} and answer with JSON only "
                 "(vendor, date, total, currency, line_items):\n\n{company} — folio {n}{n}{n}{n}",
                 "Classify the document type ({doc}, other) and return the issuer RFC/tax id:\n\n{company}",
                 "Normalize this address to JSON (street, number, colonia, city, state, zip): Av. {city} {n}{n}, {company}"]
LABEL_TASKS = ["Label the sentiment of this product review as positive, negative or neutral. Review: \"{snippet}\"",
               "Does this message contain personal data? Answer yes or no and list the spans: \"{snippet_es}\"",
               "Classify this support ticket into billing, shipping, returns, account, other: \"{ticket}\"",
               "Rate the helpfulness of the assistant reply from 1 to 7 and justify in one sentence."]
HACKATHON_SYS = "You are a helpful assistant for the {event} starter kit. Answer concisely."
HACKATHON = ["how do I call the API with streaming from Next.js", "give me 5 hackathon ideas about {concept}",
             "our demo crashes with {error}", "write a pitch for an app that helps with {concept}",
             "how do we add tool use to the starter kit", "generate sample data for a {framework} demo"]

# A public multiple-choice benchmark many evaluation harnesses and labs run unchanged.
BENCH_SUBJECTS = ["abstract_algebra", "anatomy", "astronomy", "college_physics", "econometrics",
                  "high_school_chemistry", "jurisprudence", "machine_learning", "moral_scenarios", "virology",
                  "world_religions", "professional_law", "clinical_knowledge", "formal_logic", "nutrition"]

# Distillation: a capability taxonomy walked for reasoning traces.
DISTILL_DOMAINS = {
    "algebra": ["quadratic systems", "polynomial remainders", "inequalities with absolute values", "functional equations"],
    "number_theory": ["modular inverses", "Diophantine equations", "divisor sums", "last digits of powers"],
    "combinatorics": ["stars and bars", "inclusion-exclusion", "derangements", "lattice paths with obstacles"],
    "geometry": ["inscribed angles", "triangle areas from coordinates", "similar triangles", "circle tangents"],
    "probability": ["conditional probability with urns", "expected value of dice games", "Bayes with tests",
                    "random walks"],
    "algorithms": ["shortest paths with negative edges", "interval scheduling", "knapsack variants",
                   "union-find applications"],
    "physics": ["projectile motion with drag", "energy conservation on ramps", "RC circuits", "orbital periods"],
    "chemistry": ["stoichiometry with limiting reagents", "buffer pH", "equilibrium constants", "gas laws"],
    "logic": ["knights and knaves", "scheduling constraints", "zebra puzzles", "syllogisms"],
    "economics": ["price elasticity", "Nash equilibria in 2x2 games", "present value of annuities", "tax incidence"],
    "code_reasoning": ["tracing recursive functions", "finding off-by-one bugs", "complexity of nested loops",
                       "race conditions in two threads"],
    "law": ["contract formation", "negligence elements", "hearsay exceptions", "adverse possession"],
}
DISTILL_INSTR_BULK = "Solve the following problem. Think step by step and show all of your reasoning before giving the final answer."
DISTILL_PARAPHRASES = [
    "Can you work through this carefully? I want to see every step, not just the answer.",
    "Walk me through how you'd solve this, reasoning out loud.",
    "please solve and explain your thinking in detail",
    "I'm stuck on this one — could you reason it out step by step?",
    "Explain your full chain of reasoning for the problem below, then state the answer.",
    "Resuelve paso a paso y explica tu razonamiento completo:",
    "Show your work on this, with each intermediate step justified.",
    "How would an expert approach this? Lay out the reasoning first.",
    "Think it through thoroughly before answering:",
    "Break this down step by step for me",
    "Give a rigorous, step-by-step derivation:",
    "could u go thru this step by step? thx",
]
DISTILL_FOLLOWUPS = ["Why does step 2 follow?", "Can you verify the answer a different way?",
                     "Now generalize this to n.", "Where could someone go wrong here?",
                     "Rewrite the solution as a clean proof.", "¿Por qué ese paso es válido?"]

# Scraping keyspaces.
ICD_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
UNIVERSITIES = ["Universidad Nacional Autónoma de México", "Tecnológico de Monterrey", "Universidad de los Andes",
                "Pontificia Universidad Católica de Chile", "Universidade de São Paulo", "Universidad de Buenos Aires",
                "Universidad de Chile", "UNICAMP", "Universidad Nacional de Colombia", "Universidad de Guadalajara",
                "Universidad Iberoamericana", "ITAM", "Universidad del Pacífico", "Universidad EAFIT"]
DEPARTMENTS = ["Mathematics", "Physics", "Computer Science", "Chemistry", "Economics", "Law", "Medicine",
               "Civil Engineering", "Biology", "Philosophy", "History", "Psychology", "Architecture",
               "Electrical Engineering", "Sociology", "Linguistics"]
PROBE_LANGS = ["English", "Spanish", "Portuguese", "French", "German", "Japanese", "Korean", "Hindi", "Arabic",
               "Swahili", "Quechua", "Nahuatl", "Tagalog", "Vietnamese", "Turkish", "Polish"]
PROBE_TASKS = ["summarize a news article", "translate a legal clause", "write a SQL query", "solve a word problem",
               "extract entities", "write a haiku", "answer a medical triage question", "classify sentiment",
               "write a regex", "explain a joke", "follow a 5-step instruction", "refuse a harmful request"]
PROBE_LENGTHS = ["one sentence", "50 words", "200 words", "800 words"]
CATALOGUE_CATS = ["ferreterías", "farmacias", "veterinarias", "dentistas", "taquerías", "gimnasios",
                  "notarías", "escuelas privadas", "talleres mecánicos", "despachos contables"]
COLONIAS = ["Roma Norte", "Condesa", "Polanco", "Del Valle", "Narvarte", "Coyoacán", "Santa Fe", "Escandón",
            "Juárez", "San Rafael", "Doctores", "Tlalpan Centro", "Lindavista", "Nápoles", "Anzures", "Tacubaya",
            "Providencia (GDL)", "Americana (GDL)", "San Pedro Garza García", "Cumbres (MTY)"]

ENTERPRISE_TASKS = ["summarize this credit committee memo for the weekly report", "draft a reply to a customer "
                    "complaint about a rejected card payment", "explain this regulation from the CNBV in plain language",
                    "turn these meeting notes into action items", "write a SQL query against the loans table that {task}",
                    "review this policy document for inconsistencies", "translate this board summary to English"]
RIVAL_EVAL = ["Compare your answer with this reference and tell me where they differ: ...",
              "Here are 3 candidate solutions; rank them and explain: ...", "Answer this held-out question "
              "exactly as you would for a user: {concept}", "What is your context window and how do you handle "
              "long documents?", "Rate this model output for factuality 1-5: ...",
              "Generate 20 diverse instruction-response pairs about {concept} in JSON lines",
              "Write a system prompt that makes an assistant refuse {concept} questions politely"]
