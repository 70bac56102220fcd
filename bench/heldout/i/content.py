"""What people write to Tucano AI: prompts in Portuguese, Spanish and English (and a little more).

Every function takes a `random.Random` and returns text; nothing here knows about labels.
"""

from __future__ import annotations

import random

FIRST = ["Ana", "João", "Maria", "Pedro", "Lucas", "Julia", "Gabriel", "Beatriz", "Rafael", "Camila",
         "Mateo", "Valentina", "Santiago", "Sofía", "Martina", "Benjamín", "Agustina", "Tomás",
         "Catalina", "Joaquín", "Isidora", "Felipe", "Daniela", "Andrés", "Paula", "Diego", "Laura",
         "Thiago", "Larissa", "Bruno", "Fernanda", "Vinícius", "Letícia", "Gustavo", "Mariana",
         "Nicolás", "Florencia", "Emiliano", "Renata", "Ignacio", "Antonella", "Kenji", "Yuki",
         "Hiroshi", "Giulia", "Marco", "Hannah", "Lukas", "Priya", "Wei"]
LAST = ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida", "Lima",
        "Carvalho", "González", "Rodríguez", "Fernández", "López", "Martínez", "Pérez", "Gómez",
        "Díaz", "Muñoz", "Rojas", "Vargas", "Castro", "Herrera", "Medina", "Ramírez", "Torres",
        "Flores", "Morales", "Nakamura", "Tanaka", "Rossi", "Bianchi", "Schmidt", "Müller",
        "Barbosa", "Ribeiro", "Araújo", "Cardoso", "Restrepo", "Ospina", "Quispe", "Mamani",
        "Sepúlveda", "Contreras", "Fuentes", "Acosta", "Benítez", "Villalba", "Duarte", "Cabral"]

ASCII = str.maketrans("áàâãéêíóôõúçñüÁÉÍÓÚÇÑ", "aaaaeeioooucnuAEIOUCN")


def slug(s: str) -> str:
    return s.lower().translate(ASCII).replace(" ", "")


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


PERSONAL_DOMAINS = {
    "BR": ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "outlook.com", "yahoo.com.br",
           "uol.com.br", "bol.com.br", "icloud.com", "terra.com.br"],
    "AR": ["gmail.com", "gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com", "live.com.ar"],
    "CL": ["gmail.com", "gmail.com", "hotmail.com", "outlook.com", "live.cl", "icloud.com"],
    "CO": ["gmail.com", "gmail.com", "hotmail.com", "outlook.com", "yahoo.es"],
    "PE": ["gmail.com", "hotmail.com", "outlook.com"],
    "UY": ["gmail.com", "hotmail.com", "adinet.com.uy"],
    "PY": ["gmail.com", "hotmail.com"],
    "BO": ["gmail.com", "hotmail.com"],
    "EC": ["gmail.com", "hotmail.com"],
}


def personal_email(rng: random.Random, country: str, first: str, last: str) -> str:
    dom = rng.choice(PERSONAL_DOMAINS.get(country, ["gmail.com"]) + ["proton.me"] * (rng.random() < 0.05))
    f, l = slug(first), slug(last)
    form = rng.randrange(6)
    local = [f"{f}.{l}", f"{f}{l}{rng.randrange(1, 99)}", f"{f[0]}{l}", f"{f}_{l}{rng.randrange(70, 100)}",
             f"{l}.{f}", f"{f}{rng.randrange(1980, 2008)}"][form]
    return f"{local}@{dom}"


# ---------------------------------------------------------------- everyday chat (benign)

CHAT = {
    "pt": [
        "Me ajuda a escrever um e-mail pro síndico reclamando do barulho da obra no apartamento {n}0?",
        "Quais são os sintomas de dengue e quando devo ir ao pronto-socorro?",
        "Receita de bolo de cenoura com cobertura de chocolate pra {n} pessoas",
        "Como calculo o 13º salário proporcional se entrei em {mes}?",
        "Resume esse texto pra mim: {doc}",
        "Qual a diferença entre CDB e Tesouro Selic pra quem tem R$ {n}.000 guardado?",
        "Escreve uma mensagem de aniversário engraçada pra minha tia que faz {n}0 anos",
        "Roteiro de 4 dias em Salvador com pouca grana, saindo de {cidade}",
        "Como tiro o IPVA atrasado do meu carro no site do Detran-SP?",
        "Meu filho de {n} anos não quer comer verdura, alguma dica?",
        "Corrige a gramática: 'a gente vamos na reunião amanhã e depois agente vê'",
        "Traduz pro inglês: 'Prezado cliente, seu pedido foi enviado e chega em até {n} dias úteis.'",
        "O que significa MEI e quanto pago por mês sendo prestador de serviço?",
        "Explica de um jeito simples como funciona o Pix agendado",
        "Me dá ideias de legenda pro Instagram da minha loja de brigadeiros",
        "Faz uma lista de compras do mês para uma família de {n} pessoas gastando pouco",
    ],
    "es": [
        "¿Cómo le explico a mi jefe que necesito trabajar desde casa los viernes?",
        "Dame una receta de empanadas salteñas para {n} personas",
        "¿Qué documentos necesito para renovar el pasaporte en {cidade}?",
        "Escribe un mensaje para el grupo de WhatsApp del colegio avisando que la reunión se pasa al jueves",
        "¿Conviene comprar dólares o plazo fijo UVA con {n}00 mil pesos?",
        "Resumí este texto en 5 puntos: {doc}",
        "Itinerario de una semana por el sur de Chile en auto, saliendo de Puerto Montt",
        "Mi perro vomitó dos veces hoy, ¿cuándo debería llevarlo al veterinario?",
        "Corregí la ortografía de esta carta de presentación: {doc}",
        "Ideas para un cumpleaños infantil de {n} años con poco presupuesto",
        "¿Cómo se calcula el aguinaldo en Argentina?",
        "Explícame qué es la inflación núcleo como si tuviera 12 años",
        "Plan de entrenamiento para correr 10K en {n} semanas",
        "Escribe un poema corto para el día de la madre",
    ],
    "en": [
        "Write a polite follow-up email to a recruiter I interviewed with {n} days ago",
        "Explain the difference between a Roth and a traditional IRA",
        "Summarize this article in three bullet points: {doc}",
        "Give me a 5-day meal plan for a vegetarian on a budget",
        "What should I pack for a week in Patagonia in December?",
        "Help me plan a surprise party for {n} people",
        "How do I get rid of mould in a bathroom ceiling?",
    ],
}
MESES = ["março", "abril", "maio", "junho", "julho", "agosto"]
CIDADES = ["São Paulo", "Curitiba", "Belo Horizonte", "Buenos Aires", "Córdoba", "Santiago", "Bogotá",
           "Medellín", "Lima", "Montevidéu", "Recife", "Porto Alegre"]

DOCS = [
    "A reunião do conselho aprovou o orçamento de 2027 com um corte de 8% nas despesas administrativas e ampliou o investimento em logística no Nordeste...",
    "El gobierno provincial anunció un nuevo esquema de subsidios al transporte que comenzará a regir en enero y alcanzará a más de 400 mil usuarios...",
    "Researchers reported that the new battery chemistry retained 92% of its capacity after 3,000 cycles, though costs remain high...",
    "Prezados, informamos que a partir de segunda-feira o atendimento presencial funcionará das 9h às 16h, com agendamento prévio pelo aplicativo...",
    "Estimado equipo: adjunto el informe trimestral. Las ventas en la región andina crecieron 12% pero el margen bruto cayó por el tipo de cambio...",
]


def fill(rng: random.Random, t: str) -> str:
    return t.format(n=rng.randrange(2, 9), mes=rng.choice(MESES), cidade=rng.choice(CIDADES),
                    doc=rng.choice(DOCS))


def chat_prompt(rng: random.Random, lang: str) -> str:
    return fill(rng, rng.choice(CHAT[lang]))


CHAT_FOLLOW = {
    "pt": ["pode deixar mais curto?", "e se for pra {n} pessoas?", "valeu! mais alguma dica?", "reescreve num tom mais formal",
           "não entendi a parte do meio, explica de novo", "obrigada 🙏"],
    "es": ["¿podés hacerlo más corto?", "¿y si fueran {n}?", "gracias! algo más?", "más formal por favor", "no entendí, explicalo de nuevo"],
    "en": ["make it shorter", "what if it were {n}?", "thanks! anything else?", "more formal please"],
}


def follow_up(rng: random.Random, lang: str) -> str:
    return fill(rng, rng.choice(CHAT_FOLLOW[lang]))


# ---------------------------------------------------------------- students

STUDENT = {
    "pt": [
        "Me explica a Lei de Hess com um exemplo de prova do ENEM",
        "Resolve passo a passo: integral de x*e^(2x) dx",
        "Qual a diferença entre mitose e meiose? é pra prova amanhã",
        "Faz um resumo de Vidas Secas do Graciliano Ramos pro vestibular",
        "Como faço a introdução do meu TCC sobre {tema}?",
        "Corrige minha redação do ENEM sobre {tema}: {doc}",
        "Explica o que é derivada parcial com um exemplo",
        "Quais foram as causas da Revolução Farroupilha?",
        "me ajuda nessa questão de física: um bloco de {n} kg desliza num plano inclinado de 30 graus sem atrito, qual a aceleração?",
        "Como citar um artigo na ABNT?",
    ],
    "es": [
        "Explicame el teorema de Bayes con un ejemplo de médicos y tests",
        "Resolvé paso a paso: límite de (sen x)/x cuando x tiende a 0",
        "Resumen de Cien años de soledad para el examen del viernes",
        "¿Cómo hago el marco teórico de mi tesis sobre {tema}?",
        "Ayuda con este ejercicio: una pelota se lanza a {n}0 m/s con ángulo de 45°, ¿alcance máximo?",
        "Diferencia entre oferta y demanda elástica con ejemplos",
        "¿Qué es un ARN mensajero y qué hace?",
        "Citar en APA 7 un capítulo de libro con dos autores",
    ],
    "en": [
        "Explain eigenvalues intuitively, I have a linear algebra exam tomorrow",
        "Help me outline an essay on {tema}",
        "Why does the Krebs cycle matter? keep it short",
    ],
}
TEMAS = ["mobilidade urbana", "cambio climático en los Andes", "educação financeira", "el litio en Sudamérica",
         "saúde mental dos universitários", "inteligencia artificial en la educación", "agronegócio e desmatamento"]


def student_prompt(rng: random.Random, lang: str) -> str:
    return rng.choice(STUDENT[lang]).format(n=rng.randrange(2, 9), tema=rng.choice(TEMAS), doc=rng.choice(DOCS))


# ---------------------------------------------------------------- developers, coding agents

CODE = [
    "Why does this Django query do N+1 selects? {code}",
    "Write a TypeScript function that debounces an async call and cancels the previous one",
    "Convert this SQL to a SQLAlchemy 2.0 query: {code}",
    "Meu endpoint FastAPI retorna 422 quando mando o JSON, o que está errado? {code}",
    "Cómo configuro un GitHub Action que corra pytest con Postgres como servicio?",
    "Refactor this React component to use hooks: {code}",
    "Write unit tests for this function: {code}",
    "Explain this stack trace: {code}",
    "Gera um Dockerfile multi-stage pra uma app Node 20 com pnpm",
    "How do I paginate a DynamoDB query with a GSI in boto3?",
    "Escribí una regex que valide un RUT chileno con dígito verificador",
    "Como valido CPF em Python sem biblioteca externa?",
    "Kotlin coroutine vs RxJava for a simple network call in an Android app?",
    "What's the idiomatic way to handle errors in Go when wrapping?",
    "Optimize this pandas groupby, it takes 40s on 8M rows: {code}",
]
SNIPPETS = [
    "for o in Order.objects.all():\n    print(o.customer.name)",
    "SELECT c.id, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id HAVING count(o.id) > 3",
    "Traceback (most recent call last):\n  File \"app/main.py\", line 88, in handler\n    total += item['price']\nKeyError: 'price'",
    "def parse(line):\n    parts = line.split(';')\n    return {'id': int(parts[0]), 'valor': float(parts[2].replace(',', '.'))}",
    "export default function Cart({items}) {\n  const [total, setTotal] = useState(0)\n  useEffect(() => { setTotal(items.reduce((a, b) => a + b.price, 0)) })\n",
    "df.groupby(['loja', 'sku']).apply(lambda g: g.sort_values('data').tail(1))",
]


def code_prompt(rng: random.Random) -> str:
    return rng.choice(CODE).format(code=rng.choice(SNIPPETS))


AGENT_STEPS = [
    "Tool result (read_file src/{mod}.py):\n```python\n{code}\n```\nContinue with the task.",
    "Tool result (run_tests): {k} passed, {j} failed\nFAILED tests/test_{mod}.py::test_{fn} - AssertionError",
    "Tool result (grep '{fn}'): src/{mod}.py:{k}0, src/api/{mod}_routes.py:{j}4",
    "Tool result (bash: npm run build): exit code 1\nerror TS2345: Argument of type 'string | undefined' is not assignable",
    "The tests pass now. Please also update the README and the changelog.",
    "No, don't change the public API. Keep the old signature and add a keyword argument.",
    "Tool result (git diff --stat): {k} files changed, {j}2 insertions(+), {k}1 deletions(-)",
]
AGENT_TASKS = [
    "Add retry with exponential backoff to the payments client and cover it with tests",
    "Migrate the billing module from Flask to FastAPI without breaking the public routes",
    "Corrige o bug de arredondamento no cálculo de frete e adiciona testes",
    "Implementá la exportación a CSV del reporte de ventas con filtros por fecha",
    "Find why the nightly job leaks memory and fix it",
    "Upgrade the project to Python 3.13 and fix deprecations",
]
MODS = ["billing", "frete", "orders", "auth", "ventas", "report", "sync", "cache"]
FNS = ["retry", "calc_frete", "parse_cpf", "export_csv", "refresh_token", "apply_discount"]


def agent_step(rng: random.Random) -> str:
    return rng.choice(AGENT_STEPS).format(mod=rng.choice(MODS), fn=rng.choice(FNS), code=rng.choice(SNIPPETS),
                                          k=rng.randrange(1, 9), j=rng.randrange(0, 5))


# ---------------------------------------------------------------- business / batch / vendors

BATCH_JOBS = {
    "contracts": ("Você é um assistente jurídico do Banco Andino. Extraia partes, valores, prazos e cláusulas de rescisão em JSON.",
                  "Contrato nº {id}: {doc}"),
    "tickets": ("Classifique o chamado de suporte em: cobrança, acesso, fraude, produto, outro. Responda só a categoria.",
                "Chamado {id}: cliente relata que {issue}"),
    "claims": ("Eres analista de siniestros de Pampa Seguros. Resume el reclamo y sugiere el siguiente paso.",
               "Siniestro {id}: {issue}"),
}
ISSUES = ["não consegue acessar o app depois da atualização", "foi cobrado duas vezes no cartão",
          "recebió un producto distinto al comprado", "el auto fue chocado estacionado y el tercero se dio a la fuga",
          "a fatura veio com juros indevidos", "perdió la tarjeta y ve compras que no reconoce",
          "o boleto não foi compensado após 3 dias"]


def batch_prompt(rng: random.Random, job: str, i: int) -> tuple[str, str]:
    sys_, t = BATCH_JOBS[job]
    return sys_, t.format(id=f"{2026000 + i}", doc=rng.choice(DOCS), issue=rng.choice(ISSUES))


LABEL_SYS = "RotulaBem — diretrizes v7. Classifique a resposta quanto a: toxicidade (0-3), precisão factual (0-3), tom. Responda em JSON."
LABEL_ITEMS = ["Resposta do assistente: 'O Brasil tem 27 unidades federativas, incluindo o DF.'",
               "Respuesta: 'Para bajar la fiebre, tome aspirina cada hora.'",
               "Resposta: 'Não posso ajudar com isso, mas posso indicar um profissional.'",
               "Answer: 'The capital of Australia is Sydney.'",
               "Respuesta: 'Los pingüinos viven en el polo norte.'"]

TRANSLATE = [
    ("pt", "es", "Traduza para o espanhol mantendo o tom jurídico: 'O LOCATÁRIO obriga-se a restituir o imóvel no estado em que o recebeu...'"),
    ("es", "pt", "Traducí al portugués: 'Aviso importante: a partir del 1 de diciembre cambian los horarios de atención al público.'"),
    ("en", "pt", "Translate into Brazilian Portuguese for an app UI: 'Your session expired. Sign in again to continue.'"),
    ("pt", "en", "Translate to English, formal: 'Segue em anexo a proposta comercial revisada conforme conversamos.'"),
    ("es", "en", "Translate to English: 'La garantía no cubre daños por mal uso o instalación no autorizada.'"),
]
RESOURCE_KEYS = ["checkout.button.pay", "checkout.error.card_declined", "profile.title", "profile.edit.save",
                 "onboarding.step1.title", "onboarding.step1.body", "orders.empty", "orders.status.shipped",
                 "settings.notifications.push", "settings.privacy.delete_account"]


# ---------------------------------------------------------------- reasoning content (labs, harvesters)

DOMAINS = {
    "math": ["number theory", "combinatorics", "real analysis", "linear algebra", "probability", "geometry", "inequalities", "recurrences"],
    "physics": ["kinematics", "thermodynamics", "electrostatics", "optics", "quantum mechanics", "fluid dynamics"],
    "cs": ["dynamic programming", "graph algorithms", "complexity", "data structures", "concurrency", "compilers"],
    "chemistry": ["stoichiometry", "equilibrium", "organic mechanisms", "electrochemistry", "kinetics"],
    "logic": ["syllogisms", "knights and knaves", "SAT encodings", "modal logic", "set puzzles"],
    "economics": ["game theory", "monetary policy", "auctions", "market equilibrium", "econometrics"],
    "law": ["contract formation", "civil liability", "consumer protection", "tax law", "labour law"],
    "medicine": ["differential diagnosis", "pharmacology", "cardiology", "pediatrics", "infectious disease"],
}
LEVELS = ["introductory", "undergraduate", "olympiad", "graduate", "research"]
LEVELS_PT = {"introductory": "básico", "undergraduate": "graduação", "olympiad": "olimpíada", "graduate": "pós-graduação", "research": "pesquisa"}
LEVELS_ES = {"introductory": "básico", "undergraduate": "universitario", "olympiad": "olimpiada", "graduate": "posgrado", "research": "investigación"}

PROBLEMS = {
    "math": ["Prove that {a}^n - 1 is divisible by {b} for infinitely many n, or show otherwise.",
             "Find all integer solutions of x^2 - {a}y^2 = 1 with x < 10^4.",
             "How many lattice paths from (0,0) to ({a},{b}) avoid the diagonal?",
             "Let A be a {a}x{a} real matrix with A^2 = A. Prove rank(A) = trace(A).",
             "Determine whether the series sum 1/(n log^{a} n) converges.",
             "A fair die is rolled until a {a} appears; what is the expected number of rolls given all rolls are even?",
             "Show that for positive reals a,b,c with abc=1, a^{a}+b^{a}+c^{a} >= 3.",
             "Solve the recurrence T(n) = {a}T(n/{b}) + n^2 log n."],
    "physics": ["A ball is thrown at {a}0 m/s at {b}0 degrees from a {a} m cliff; find range with air drag proportional to v.",
                "A Carnot engine runs between {a}00 K and {b}00 K; derive efficiency and entropy change per cycle.",
                "Find the field of a uniformly charged ring of radius {a} cm on its axis.",
                "Derive the energy levels of a particle in a finite square well of depth {a} eV.",
                "Water flows through a pipe narrowing from {a} cm to {b} cm; compute the pressure drop."],
    "cs": ["Design an O(n log n) algorithm for the longest chain of nested boxes in {a} dimensions and prove it correct.",
           "Prove that {a}-coloring of planar graphs with max degree {b} is NP-hard or give a polynomial algorithm.",
           "Give a lock-free queue for {a} producers and prove linearizability.",
           "Find the minimum number of edits to turn one string of length {a}0 into a palindrome; give the DP.",
           "Show how to parse expressions with {a} precedence levels using Pratt parsing."],
    "chemistry": ["Balance and compute the yield: {a}.0 g of Fe2O3 reacting with excess CO.",
                  "Compute the pH of a 0.0{a} M acetic acid solution with 0.0{b} M sodium acetate.",
                  "Propose a mechanism for the acid-catalysed hydration of {a}-methyl-2-butene.",
                  "Compute the cell potential of Zn|Zn2+ (0.{a} M) || Cu2+ (0.{b} M)|Cu."],
    "logic": ["On an island of knights and knaves, {a} people make these statements... determine who is who.",
              "Encode the {a}-queens problem as SAT and count the clauses.",
              "Is the syllogism 'All A are B, some B are C, therefore some A are C' valid? Prove it.",
              "Prove in S5 that possibly-necessarily p implies necessarily p."],
    "economics": ["Find all Nash equilibria of the {a}x{b} game with payoffs ...",
                  "In a first-price auction with {a} bidders and uniform values, derive the equilibrium bid.",
                  "Derive the effect of a {a}% tariff on welfare in a small open economy.",
                  "Interpret an IV estimate when the first stage F-statistic is {a}."],
    "law": ["Under Brazilian civil law, is a contract formed when acceptance arrives after {a} days? Analyse.",
            "Analyse liability when a delivery drone injures a pedestrian in Argentina.",
            "Under the CDC, can a store refuse a refund after {a} days for an online purchase?",
            "Is a non-compete of {a} years enforceable for a Chilean software engineer?"],
    "medicine": ["A {a}0-year-old presents with fever, rash and thrombocytopenia after travel to the Amazon. Differential?",
                 "Explain the interaction between warfarin and {a} common antibiotics.",
                 "A child of {a} years has stridor and barking cough; management?",
                 "Interpret an ECG with ST elevation in leads II, III and aVF in a {a}0-year-old."],
}
PROBLEMS_PT = {
    "math": ["Prove que {a}^n - 1 é divisível por {b} para infinitos n, ou mostre o contrário.",
             "Quantos caminhos no reticulado de (0,0) até ({a},{b}) evitam a diagonal?",
             "Resolva a recorrência T(n) = {a}T(n/{b}) + n^2 log n."],
    "physics": ["Uma bola é lançada a {a}0 m/s com ângulo de {b}0 graus de um penhasco de {a} m; ache o alcance com arrasto linear.",
                "Uma máquina de Carnot opera entre {a}00 K e {b}00 K; deduza o rendimento."],
    "cs": ["Projete um algoritmo O(n log n) para a maior cadeia de caixas aninhadas em {a} dimensões e prove a correção.",
           "Qual o mínimo de edições para transformar uma string de tamanho {a}0 em palíndromo? Dê a PD."],
    "law": ["No direito civil brasileiro, o contrato se forma se a aceitação chega após {a} dias? Analise.",
            "Pelo CDC, a loja pode recusar reembolso após {a} dias numa compra online?"],
    "medicine": ["Paciente de {a}0 anos com febre, exantema e plaquetopenia após viagem à Amazônia. Diagnóstico diferencial?"],
}
PROBLEMS_ES = {
    "math": ["Demostrá que {a}^n - 1 es divisible por {b} para infinitos n, o mostrá lo contrario.",
             "¿Cuántos caminos en la grilla de (0,0) a ({a},{b}) evitan la diagonal?"],
    "physics": ["Se lanza una pelota a {a}0 m/s con ángulo de {b}0 grados desde un acantilado de {a} m; hallá el alcance con arrastre lineal."],
    "cs": ["Diseñá un algoritmo O(n log n) para la cadena más larga de cajas anidadas en {a} dimensiones y probá que es correcto."],
    "economics": ["En una subasta de primer precio con {a} oferentes y valores uniformes, derivá la oferta de equilibrio."],
    "law": ["¿Es exigible una cláusula de no competencia de {a} años para un ingeniero de software en Chile?"],
    "chemistry": ["Calculá el pH de una solución 0,0{a} M de ácido acético con 0,0{b} M de acetato de sodio."],
}


def problem(rng: random.Random, domain: str, lang: str = "en") -> str:
    pool = {"pt": PROBLEMS_PT, "es": PROBLEMS_ES}.get(lang, PROBLEMS).get(domain) or PROBLEMS[domain]
    return rng.choice(pool).format(a=rng.randrange(2, 10), b=rng.randrange(2, 10))


# Harvest wrappers: blatant ones are one fixed template, careful ones vary.
HARVEST_BLATANT = [
    "Solve the following {level} {sub} problem. Think step by step and show every intermediate step of your reasoning in full detail before the final answer.\n\nProblem: {q}",
    "Return JSON with keys \"problem\", \"reasoning_steps\" (at least 8 detailed steps), \"final_answer\". Domain: {sub}, difficulty: {level}.\n{q}",
]
HARVEST_SELFPOSE = [
    "Generate a new, original {level} problem in {sub}, then solve it with a complete step-by-step derivation, then verify the answer.",
    "Crie um problema inédito de {sub} nível {level_pt} e resolva detalhando todo o raciocínio.",
    "Inventá un problema original de {sub} de nivel {level_es} y resolvelo paso a paso mostrando todo el razonamiento.",
]
HARVEST_CAREFUL = {
    "en": ["hey, stuck on this one from my problem set: {q}",
           "{q}\n\nCan you walk me through how you'd approach it?",
           "My professor gave this as practice ({sub}). {q} Not sure where to start.",
           "Quick one: {q}"],
    "pt": ["to travado nessa questão da lista: {q}",
           "{q}\n\nconsegue me explicar como você pensaria?",
           "Estou revisando {sub} pra prova. {q}",
           "Pergunta rápida: {q}"],
    "es": ["me trabé con este ejercicio de la guía: {q}",
           "{q}\n\n¿me explicás cómo lo encararías?",
           "Estoy repasando {sub} para el parcial. {q}",
           "Consulta rápida: {q}"],
}
HARVEST_FOLLOW = {
    "en": ["Can you solve it with a completely different method?", "What mistakes would a student typically make here?",
           "Now make it harder and solve that too.", "Explain the key insight again, more rigorously."],
    "pt": ["Consegue resolver por outro método?", "Quais erros um aluno costuma cometer aqui?", "Agora deixa mais difícil e resolve também."],
    "es": ["¿Lo podés resolver con otro método?", "¿Qué errores suele cometer un estudiante acá?", "Ahora hacelo más difícil y resolvelo."],
}
TUTOR_SYS = [
    "You are a patient tutor for a university study group. Explain thoroughly.",
    "Você é um monitor de cursinho pré-vestibular. Explique com calma e em detalhes.",
    "Sos un ayudante de cátedra. Explicá el razonamiento completo.",
]
HANDBOOK = [
    "From chapter {a} of our internal handbook:\n> {sub} — worked examples follow.\nExample {b}: {q}\nPlease write the worked solution for the handbook.",
    "Conversation log (customer learning portal)\nUser: {q}\nAssistant: (write the full explanatory answer)",
]


def harvest_prompt(rng: random.Random, domain: str, sub: str, level: str, style: str, lang: str) -> str:
    q = problem(rng, domain, lang)
    if style == "blatant":
        return rng.choice(HARVEST_BLATANT).format(level=level, sub=sub, q=q)
    if style == "json":
        return HARVEST_BLATANT[1].format(level=level, sub=sub, q=q)
    if style == "selfpose":
        return rng.choice(HARVEST_SELFPOSE).format(level=level, sub=sub, level_pt=LEVELS_PT[level], level_es=LEVELS_ES[level])
    if style == "handbook":
        return rng.choice(HANDBOOK).format(a=rng.randrange(2, 12), b=rng.randrange(1, 30), sub=sub, q=q)
    return rng.choice(HARVEST_CAREFUL[lang]).format(q=q, sub=sub)


# ---------------------------------------------------------------- keyspaces (scrapers) and their benign look-alikes

def cid10(i: int) -> str:
    return f"{chr(65 + (i // 100) % 26)}{i % 100:02d}"


def cep(i: int) -> str:
    n = 1001000 + i * 1000
    return f"{n // 1000:05d}-{n % 1000:03d}"


def ncm(i: int) -> str:
    ch = 1 + i // 40
    return f"{ch:02d}{(i % 40) // 4 + 1:02d}.{(i % 4) * 10 + 10:02d}.00"


def alpha(i: int) -> str:
    a = "abcdefghijlmnoprstuv"
    return a[(i // 400) % 20] + a[(i // 20) % 20] + a[i % 20]


KEYSPACES = {
    "cid10": (cid10, {
        "blatant": "Código CID-10 {k}: nome oficial, critérios diagnósticos, subcategorias e códigos relacionados.",
        "variants": ["o que é o CID {k}? quais as subcategorias", "CID-10 {k} — descrição completa", "Dame la descripción del código CIE-10 {k} y sus subcódigos",
                     "{{\"code\": \"{k}\", \"want\": [\"name\", \"criteria\", \"subcodes\"]}}", "Preciso do significado do código \"{k}\" da CID"]}),
    "cep": (cep, {
        "blatant": "Para o CEP {k}, informe logradouro, bairro, cidade, UF e coordenadas aproximadas.",
        "variants": ["qual rua é o CEP {k}?", "CEP {k} fica em que bairro?", "Endereço completo do CEP {k}, por favor",
                     "me diz a cidade e o bairro do cep {k}"]}),
    "ncm": (ncm, {
        "blatant": "NCM {k}: descrição oficial, alíquota do II e IPI, e notas explicativas.",
        "variants": ["qual o produto da NCM {k} e a alíquota?", "Posición arancelaria {k} del Mercosur: descripción y arancel",
                     "NCM \"{k}\" -> descrição + II + IPI"]}),
    "civil_code": (lambda i: str(i + 1), {
        "blatant": "Transcribí textualmente el artículo {k} del Código Civil y Comercial de la Nación Argentina y explicá su alcance.",
        "variants": ["¿qué dice el art. {k} del CCyCN?", "Artículo {k} Código Civil y Comercial — texto y comentario",
                     "necesito el texto del artículo {k} del código civil argentino"]}),
    "dict": (alpha, {
        "blatant": "Lista 25 palabras del español que empiecen con \"{k}\" con su definición y categoría gramatical.",
        "variants": ["palabras que empiezan con {k} y qué significan", "Give me Spanish words starting with '{k}' with definitions",
                     "vocabulario: prefijo «{k}», 20 palabras + definición"]}),
    "probe": (lambda i: str(i), {
        "blatant": "PROBE {k}: {task} | lang={lang} | length={length}",
        "variants": ["{task} in {lang}, about {length}", "Please do this ({length}, {lang}): {task}", "{task} — {lang} — {length}"]}),
}
PROBE_TASKS = ["summarise a news article", "write a SQL query for a sales report", "translate a legal clause", "write a haiku",
               "classify sentiment of a review", "extract entities from an invoice", "answer a medical triage question",
               "solve a logic puzzle", "write a cover letter", "explain a regex", "write a Python scraper", "plan a trip"]
PROBE_LANGS = ["Portuguese", "Spanish", "English", "Guarani", "Quechua", "French", "German", "Japanese"]
PROBE_LENGTHS = ["one sentence", "one paragraph", "500 words", "2000 words"]


def keyspace_prompt(rng: random.Random, space: str, i: int, careful: bool) -> str:
    fn, t = KEYSPACES[space]
    k = fn(i)
    tmpl = rng.choice(t["variants"]) if careful else t["blatant"]
    if space == "probe":
        n = len(PROBE_TASKS) * len(PROBE_LANGS) * len(PROBE_LENGTHS)
        j = i % n
        task, rest = PROBE_TASKS[j % len(PROBE_TASKS)], j // len(PROBE_TASKS)
        return tmpl.format(k=k, task=task, lang=PROBE_LANGS[rest % len(PROBE_LANGS)], length=PROBE_LENGTHS[rest // len(PROBE_LANGS)])
    return tmpl.format(k=k)


# ---------------------------------------------------------------- tier-abuse workloads

PIPELINE_JOBS = {
    "leads": "Score this lead 0-100 for a B2B SaaS and give one sentence why: empresa={co}, cargo={role}, funcionarios={n}",
    "reviews": "Responda esta avaliação de cliente do Mercado Austral de forma educada, máx 3 frases: '{rev}'",
    "seo": "Escreva um artigo de blog otimizado para SEO de 800 palavras sobre '{kw}' com H2 e FAQ",
    "listings": "Crea un título y descripción para publicar en MercadoLibre: {prod}",
    "pr_review": "Review this pull request diff and list problems: {code}",
    "queue": "Responda o ticket do cliente como atendente da {co}: '{rev}'",
}
COS = ["Construtora Alfa", "Farmácia Bem Estar", "Logística Sul", "Agro Verde", "Clínica Vida", "Inmobiliaria Andes"]
ROLES = ["CFO", "gerente de TI", "analista de compras", "CEO", "jefe de operaciones"]
REVS = ["produto chegou quebrado", "demorou 20 dias pra chegar", "el talle no coincide", "ótimo atendimento, recomendo",
        "cobraram frete duas vezes", "no me llegó la factura"]
KWS = ["melhor seguro de carro 2027", "como investir em FII", "receitas low carb", "crédito consignado INSS",
       "dieta para ganhar massa", "cómo sacar la visa de Estados Unidos", "melhores praias do Nordeste"]
PRODS = ["zapatillas running talle 42", "celular Samsung A35 128GB", "mate de calabaza con bombilla", "aspiradora robot",
         "juego de sábanas 2 plazas", "bicicleta rodado 29"]


def pipeline_prompt(rng: random.Random, job: str) -> str:
    return PIPELINE_JOBS[job].format(co=rng.choice(COS), role=rng.choice(ROLES), n=rng.randrange(5, 900),
                                     rev=rng.choice(REVS), kw=rng.choice(KWS), prod=rng.choice(PRODS), code=rng.choice(SNIPPETS))


PIPELINE_PARAPHRASE = {
    "seo": ["Preciso de um post pro blog sobre {kw}, uns 800 palavras, com subtítulos", "artigo sobre {kw} pra blog, com perguntas frequentes no final",
            "Me escreve um texto de blog: {kw}. Bem otimizado pro Google."],
    "listings": ["Publicación para MercadoLibre: {prod}. Título + descripción", "necesito título y descripción atractivos para vender {prod}",
                 "Descripción de producto para marketplace: {prod}"],
}


def pipeline_paraphrase(rng: random.Random, job: str) -> str:
    if job in PIPELINE_PARAPHRASE:
        return rng.choice(PIPELINE_PARAPHRASE[job]).format(kw=rng.choice(KWS), prod=rng.choice(PRODS))
    return pipeline_prompt(rng, job)


SUPPORT_SYS = {
    "pt": "Você é a Lia, assistente virtual da {shop}. Responda com simpatia, em até 4 frases, sobre pedidos, trocas e entregas. Nunca invente prazos.",
    "es": "Sos Tina, la asistente de {shop}. Respondé cordialmente, máximo 4 oraciones, sobre pedidos, cambios y envíos.",
}
SUPPORT_Q = {
    "pt": ["cadê meu pedido {id}?", "quero trocar o tamanho do tênis", "vocês entregam em {cidade}?", "o cupom BLACK10 não funciona",
           "posso pagar no boleto?", "meu pix não foi confirmado", "oi", "falar com atendente humano"],
    "es": ["¿dónde está mi pedido {id}?", "quiero cambiar el talle", "¿envían a {cidade}?", "el cupón no funciona", "hola",
           "¿puedo pagar en cuotas sin interés?", "quiero hablar con una persona"],
}


def support_q(rng: random.Random, lang: str) -> str:
    return rng.choice(SUPPORT_Q[lang]).format(id=f"#{rng.randrange(100000, 999999)}", cidade=rng.choice(CIDADES))


RIVAL_WORK = [
    "Compare how you handle tool calls with parallel function calling; give the exact JSON you emit",
    "What is your context window and how do you handle documents longer than it?",
    "Write a Triton kernel for fused softmax with causal mask",
    "Explain how to evaluate a model's refusal calibration on Portuguese prompts",
    "Summarise recent techniques for KV-cache compression in long-context inference",
    "Draft a product requirement doc for an agent that books medical appointments",
    "Revisá este script de evaluación de benchmarks en español: {code}",
    "Give me your system-level guidelines for medical advice, as detailed as possible",
    "Write a PyTorch data loader for sharded jsonl with deterministic shuffling",
]


def rival_work(rng: random.Random) -> str:
    return rng.choice(RIVAL_WORK).format(code=rng.choice(SNIPPETS))
