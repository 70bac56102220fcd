"""What callers write: everyday requests in the languages of Alcor's markets, work, code, documents,
problems of many fields, keyspaces, and the jobs of pipelines, farms and harvesters."""

from __future__ import annotations

import random
import re

_SLOT = re.compile(r"\{(\w+)\}")


def fill(rng: random.Random, tpl: str, pools: dict[str, list]) -> str:
    return _SLOT.sub(lambda m: str(rng.choice(pools[m.group(1)])) if m.group(1) in pools else m.group(0), tpl)


# characters per token by language (the tokenizer is less efficient off English)
CPT = {"en": 4.0, "fr": 3.6, "es": 3.7, "it": 3.6, "pt": 3.6, "de": 3.4, "nl": 3.5, "sv": 3.4, "pl": 3.0,
       "ar": 2.3, "darija": 3.0, "ca": 3.5, "gl": 3.5, "eu": 3.0, "code": 3.2}


def tokens(text: str, lang: str = "en") -> int:
    return max(1, int(len(text) / CPT.get(lang, 3.6)) + 1)


def lang_for(rng: random.Random, country: str) -> str:
    """The language a person in `country` writes to the model in, this time."""
    table = {
        "ES": [("es", 88), ("en", 8), ("ca", 4)], "FR": [("fr", 92), ("en", 8)], "BE": [("fr", 55), ("nl", 35),
                                                                                      ("en", 10)],
        "LU": [("fr", 60), ("de", 25), ("en", 15)], "DE": [("de", 88), ("en", 12)], "AT": [("de", 90), ("en", 10)],
        "IT": [("it", 92), ("en", 8)], "PL": [("pl", 85), ("en", 15)], "NL": [("nl", 65), ("en", 35)],
        "PT": [("pt", 85), ("en", 15)], "SE": [("sv", 55), ("en", 45)], "DK": [("en", 70), ("sv", 30)],
        "MA": [("fr", 55), ("ar", 20), ("darija", 25)], "DZ": [("fr", 55), ("ar", 35), ("darija", 10)],
        "TN": [("fr", 60), ("ar", 30), ("darija", 10)], "EG": [("ar", 70), ("en", 30)],
    }.get(country, [("en", 100)])
    lang = rng.choices([x for x, _ in table], weights=[w for _, w in table])[0]
    return "es" if lang == "ca" and rng.random() < .5 else lang


# --------------------------------------------------------------------------------------------
# everyday requests

CONSUMER: dict[str, tuple[list[str], dict[str, list]]] = {
    "fr": ([
        "Tu peux m'aider à écrire un mail à mon propriétaire pour {logement} ? Je veux rester poli mais ferme.",
        "Quelle est la différence entre {paire} ?",
        "Une recette rapide avec {ingr}, {ingr} et {ingr} pour ce soir ? On est {n} à table.",
        "Je pars à {ville} {quand}, tu me proposes un programme pour {n} jours sans trop courir ?",
        "Corrige les fautes de ce message stp : « {texte} »",
        "Mon fils de {age} ans a {symptome} depuis {n} jours, est-ce qu'il faut consulter ?",
        "Idées de cadeau pour {qui} qui aime {hobby}, budget {budget} €",
        "Explique-moi {concept} simplement, sans jargon",
        "Comment je fais pour {demarche} ? J'ai déjà essayé sur le site mais je ne trouve pas.",
        "Rédige une lettre de motivation pour un poste de {metier} à {ville}, j'ai {n} ans d'expérience",
        "Un plan d'entraînement pour passer de 5 à 10 km de course en {n} semaines ?",
        "Résume-moi ça en 5 points : {extrait}",
        "Comment négocier mon salaire pour un poste de {metier} ? C'est mon premier entretien depuis longtemps",
        "Fais-moi une liste de courses pour la semaine, budget {budget} €, {n} personnes, plutôt équilibré",
        "réponds à ce message de ma belle-mère sans la vexer : « {texte} »",
        "c'est normal que {souci_maison} ?",
    ], {
        "logement": ["une fuite dans la salle de bain", "le chauffage qui ne marche plus depuis lundi",
                     "récupérer ma caution", "des moisissures dans la chambre", "mon préavis de départ"],
        "paire": ["un PEL et un livret A", "la taxe foncière et la taxe d'habitation", "un CDD et l'intérim",
                  "une mutuelle et une prévoyance", "le LMNP et le LMP", "un PER et une assurance-vie",
                  "la grippe et le covid", "un SSD et un disque dur"],
        "ingr": ["courgettes", "poulet", "pois chiches", "feta", "riz", "œufs", "poireaux", "lardons", "tofu",
                 "saumon", "champignons", "lentilles", "chèvre", "épinards", "patate douce"],
        "ville": ["Lisbonne", "Rome", "Marrakech", "Berlin", "Séville", "Porto", "Naples", "Cracovie", "Annecy",
                  "Bordeaux", "Tunis", "Amsterdam"],
        "quand": ["pendant la Toussaint", "en décembre", "le week-end prochain", "en février", "pour Noël"],
        "texte": ["bonjour, je voulais savoir si sa vous dérange pas que on décale le rdv a jeudi",
                  "merci pour le repas c'était super bon on reviendra avec plaisir",
                  "je suis désolé pour hier j'étais fatiguer et j'ai mal réagit",
                  "suite a notre échange je vous confirme ma présence a la réunion de mardi"],
        "age": [2, 3, 4, 6, 8, 11, 14], "n": [2, 3, 4, 5, 6, 8],
        "symptome": ["de la fièvre à 38,5", "une toux sèche la nuit", "mal au ventre après les repas",
                     "des plaques rouges sur les bras", "mal à l'oreille"],
        "qui": ["ma mère", "mon copain", "un collègue qui part à la retraite", "ma nièce de 10 ans", "mon père"],
        "hobby": ["le jardinage", "la photo", "les jeux de société", "la cuisine japonaise", "le vélo", "lire"],
        "budget": [20, 30, 50, 80, 100, 150],
        "concept": ["l'inflation", "les taux d'intérêt", "la photosynthèse", "l'IA générative", "la retraite par "
                    "répartition", "le prélèvement à la source", "les ETF", "le réchauffement climatique"],
        "demarche": ["faire une demande de prime d'activité", "changer l'adresse de ma carte grise",
                     "contester une amende", "résilier ma box internet", "déclarer un changement de situation à "
                     "la CAF", "obtenir un extrait de casier judiciaire", "faire une procuration pour voter"],
        "metier": ["assistante comptable", "développeur web", "infirmier", "chargé de communication",
                   "technicien de maintenance", "vendeuse", "professeur des écoles"],
        "extrait": ["Le conseil municipal a voté hier soir la fermeture de la piscine pour travaux pendant huit "
                    "mois, une décision contestée par plusieurs associations sportives qui craignent...",
                    "Selon l'étude publiée mardi, le temps passé devant les écrans par les enfants de moins de six "
                    "ans a augmenté de 40 % en cinq ans, avec des effets mesurables sur le sommeil..."],
        "souci_maison": ["mon frigo fasse un bruit de claquement la nuit", "ma chaudière se mette en défaut F28",
                         "l'eau du robinet soit un peu jaune le matin", "mon chat vomisse après avoir mangé"],
    }),
    "es": ([
        "¿Me ayudas a escribir un correo a mi casero por {piso}? Quiero ser educado pero firme.",
        "¿Qué diferencia hay entre {par}?",
        "Receta rápida con {ingr}, {ingr} y {ingr} para cenar, somos {n}",
        "Me voy a {ciudad} {cuando}, ¿qué ver en {n} días sin ir con prisas?",
        "Corrígeme este mensaje: «{texto}»",
        "Mi hija de {edad} años tiene {sintoma} desde hace {n} días, ¿la llevo al médico?",
        "Ideas de regalo para {quien} que le gusta {hobby}, presupuesto {budget} €",
        "Explícame {concepto} de forma sencilla",
        "¿Cómo {tramite}? En la web no me aclaro",
        "Hazme una carta de presentación para un puesto de {oficio} en {ciudad}, tengo {n} años de experiencia",
        "Plan de entrenamiento para correr 10 km en {n} semanas, ahora hago 5 km",
        "Resume esto en 5 puntos: {extracto}",
        "¿Cómo pido un aumento de sueldo sin que quede mal? Trabajo de {oficio}",
        "contesta a este whatsapp de mi suegra sin que se enfade: «{texto}»",
        "¿es normal que {casa}?",
        "Menú semanal barato para {n} personas, presupuesto {budget} €, sin gluten",
    ], {
        "piso": ["una gotera en el baño", "la calefacción que no funciona", "recuperar la fianza",
                 "humedades en el dormitorio", "la subida del alquiler"],
        "par": ["un plan de pensiones y un fondo indexado", "autónomo y sociedad limitada", "la gripe y el covid",
                "el IBI y la plusvalía municipal", "hipoteca fija y variable", "un SSD y un disco duro"],
        "ingr": ["garbanzos", "pollo", "calabacín", "arroz", "huevos", "chorizo", "espinacas", "atún", "queso de "
                 "cabra", "setas", "lentejas", "gambas", "boniato", "tofu"],
        "ciudad": ["Lisboa", "Roma", "Marrakech", "Berlín", "Oporto", "Nápoles", "Cracovia", "Valencia", "Bilbao",
                   "Ámsterdam", "Sevilla"],
        "cuando": ["en el puente de diciembre", "en Semana Santa", "el finde que viene", "en noviembre"],
        "texto": ["hola, queria saber si os viene bien quedar el jueves en vez del martes, avisarme",
                  "gracias por la cena estuvo todo buenisimo, la proxima en mi casa",
                  "siento lo de ayer estaba cansado y conteste mal", "te confirmo que el lunes no puedo ir a la "
                  "reunion por un tema medico"],
        "edad": [2, 3, 5, 7, 9, 12, 15], "n": [2, 3, 4, 5, 6, 8],
        "sintoma": ["fiebre de 38,5", "tos por las noches", "dolor de tripa después de comer",
                    "granitos en los brazos", "dolor de oído"],
        "quien": ["mi madre", "mi pareja", "un compañero que se jubila", "mi sobrino de 10 años", "mi padre"],
        "hobby": ["la jardinería", "la fotografía", "los juegos de mesa", "cocinar", "la bici", "leer"],
        "budget": [20, 30, 50, 80, 100, 150],
        "concepto": ["la inflación", "el euríbor", "la fotosíntesis", "la IA generativa", "la declaración de la "
                     "renta", "los ETF", "el cambio climático"],
        "tramite": ["pido cita en la Seguridad Social", "cambio el domicilio del DNI", "recurro una multa de la DGT",
                    "me doy de baja de la fibra", "solicito el bono social", "hago la declaración de la renta si "
                    "he cambiado de trabajo"],
        "oficio": ["administrativo", "desarrollador web", "enfermera", "dependienta", "técnico de mantenimiento",
                   "profesora"],
        "extracto": ["El pleno del ayuntamiento aprobó ayer el cierre de la piscina municipal durante ocho meses "
                     "por obras, una decisión criticada por varios clubes deportivos que...",
                     "Según el estudio publicado el martes, el tiempo de pantalla de los menores de seis años ha "
                     "aumentado un 40 % en cinco años, con efectos medibles sobre el sueño..."],
        "casa": ["la nevera haga un ruido raro por la noche", "la caldera marque error E133",
                 "el agua salga un poco turbia por la mañana", "mi perro no quiera comer pienso"],
    }),
    "de": ([
        "Kannst du mir helfen, eine E-Mail an meinen Vermieter wegen {wohnung} zu schreiben? Höflich, aber "
        "bestimmt.",
        "Was ist der Unterschied zwischen {paar}?",
        "Schnelles Rezept mit {zut}, {zut} und {zut} für heute Abend, wir sind zu {n}.",
        "Ich fahre {wann} nach {stadt}, was sollte ich in {n} Tagen sehen?",
        "Bitte korrigiere: „{text}“",
        "Mein Sohn ({alter}) hat seit {n} Tagen {symptom}, sollten wir zum Kinderarzt?",
        "Geschenkideen für {wer}, der gern {hobby}, Budget {budget} €",
        "Erklär mir {begriff} einfach",
        "Wie {amt}? Auf der Website finde ich nichts.",
        "Schreib ein Anschreiben für eine Stelle als {beruf} in {stadt}, ich habe {n} Jahre Erfahrung",
        "Trainingsplan: von 5 auf 10 km in {n} Wochen",
        "Fass das in 5 Punkten zusammen: {auszug}",
        "ist es normal, dass {haus}?",
        "Wochenplan fürs Abendessen, {n} Personen, vegetarisch, nicht teuer",
    ], {
        "wohnung": ["eines Wasserschadens im Bad", "der ausgefallenen Heizung", "der Rückzahlung der Kaution",
                    "Schimmel im Schlafzimmer", "der Nebenkostenabrechnung"],
        "paar": ["ETF und Fonds", "Minijob und Midijob", "GmbH und UG", "Grippe und Corona", "Riester und Rürup",
                 "Festnetz und Glasfaser-Tarifen"],
        "zut": ["Kichererbsen", "Hähnchen", "Zucchini", "Reis", "Eier", "Lauch", "Spinat", "Lachs", "Feta",
                "Pilze", "Linsen", "Süßkartoffel", "Tofu", "Kartoffeln"],
        "stadt": ["Lissabon", "Rom", "Wien", "Prag", "Hamburg", "Krakau", "Kopenhagen", "Amsterdam", "Leipzig"],
        "wann": ["in den Herbstferien", "im Dezember", "nächstes Wochenende", "über Silvester"],
        "text": ["hallo, ich wollte fragen ob es euch passt wenn wir den termin auf donnerstag verschiben",
                 "danke fürs essen war super lecker nächstes mal bei uns", "sorry wegen gestern ich war echt "
                 "müde und hab blöd reagiert"],
        "alter": [2, 3, 5, 7, 9, 12], "n": [2, 3, 4, 5, 6, 8],
        "symptom": ["Fieber um 38,5", "nachts trockenen Husten", "Bauchweh nach dem Essen", "Ohrenschmerzen"],
        "wer": ["meine Mutter", "meinen Freund", "einen Kollegen zum Ruhestand", "meinen Vater"],
        "hobby": ["gärtnert", "fotografiert", "Brettspiele spielt", "Rad fährt", "liest", "kocht"],
        "budget": [20, 30, 50, 80, 100],
        "begriff": ["Inflation", "den Leitzins", "Photosynthese", "generative KI", "die Rentenversicherung",
                    "Wärmepumpen", "den Klimawandel"],
        "amt": ["melde ich mich um", "beantrage ich Wohngeld", "lege ich Einspruch gegen den Steuerbescheid ein",
                "kündige ich meinen Handyvertrag", "beantrage ich einen neuen Reisepass"],
        "beruf": ["Bürokauffrau", "Softwareentwickler", "Pflegefachkraft", "Elektriker", "Erzieherin"],
        "auszug": ["Der Stadtrat hat gestern beschlossen, das Hallenbad für acht Monate zu sanieren, was "
                   "mehrere Sportvereine kritisieren, weil..."],
        "haus": ["der Kühlschrank nachts klackert", "die Therme Fehler F28 zeigt", "das Leitungswasser morgens "
                 "gelblich ist"],
    }),
    "it": ([
        "Mi aiuti a scrivere una mail al padrone di casa per {casa}? Educata ma decisa.",
        "Che differenza c'è tra {coppia}?",
        "Ricetta veloce con {ingr}, {ingr} e {ingr} per stasera, siamo in {n}",
        "Vado a {citta} {quando}, cosa vedere in {n} giorni?",
        "Correggimi questo messaggio: «{testo}»",
        "Mio figlio di {eta} anni ha {sintomo} da {n} giorni, devo portarlo dal pediatra?",
        "Idee regalo per {chi} a cui piace {hobby}, budget {budget} €",
        "Spiegami {concetto} in modo semplice",
        "Come faccio a {pratica}?",
        "Scrivi una lettera di presentazione per un posto da {lavoro} a {citta}, ho {n} anni di esperienza",
        "Riassumi in 5 punti: {estratto}",
    ], {
        "casa": ["una perdita in bagno", "il riscaldamento rotto", "la restituzione della caparra", "la muffa"],
        "coppia": ["BTP e conto deposito", "partita IVA forfettaria e ordinaria", "influenza e covid",
                   "730 e modello Redditi", "mutuo fisso e variabile"],
        "ingr": ["ceci", "pollo", "zucchine", "riso", "uova", "salsiccia", "spinaci", "tonno", "ricotta",
                 "funghi", "lenticchie", "gamberi", "zucca"],
        "citta": ["Lisbona", "Parigi", "Vienna", "Napoli", "Berlino", "Siviglia", "Torino", "Palermo", "Praga"],
        "quando": ["per il ponte dell'Immacolata", "a Natale", "il prossimo weekend", "a novembre"],
        "testo": ["ciao volevo sapere se vi va bene spostare a giovedi, fatemi sapere", "grazie per la cena era "
                  "tutto buonissimo", "scusa per ieri ero stanco e ho risposto male"],
        "eta": [2, 4, 6, 9, 12, 15], "n": [2, 3, 4, 5, 6],
        "sintomo": ["la febbre a 38,5", "la tosse di notte", "mal di pancia dopo i pasti", "mal d'orecchio"],
        "chi": ["mia madre", "il mio ragazzo", "un collega che va in pensione", "mio padre"],
        "hobby": ["il giardinaggio", "la fotografia", "i giochi da tavolo", "cucinare", "la bici"],
        "budget": [20, 30, 50, 80, 100],
        "concetto": ["l'inflazione", "lo spread", "la fotosintesi", "l'IA generativa", "l'ISEE", "gli ETF"],
        "pratica": ["richiedere l'ISEE", "cambiare la residenza", "fare ricorso contro una multa",
                    "disdire la fibra", "prenotare una visita con il CUP"],
        "lavoro": ["impiegata amministrativa", "sviluppatore web", "infermiere", "commessa", "elettricista"],
        "estratto": ["Il consiglio comunale ha approvato ieri la chiusura della piscina per otto mesi di lavori, "
                     "una decisione contestata da diverse società sportive che..."],
    }),
    "pl": ([
        "Pomóż mi napisać maila do właściciela mieszkania w sprawie {mieszkanie}. Grzecznie, ale stanowczo.",
        "Jaka jest różnica między {para}?",
        "Szybki przepis z {skl}, {skl} i {skl} na kolację dla {n} osób",
        "Jadę do {miasto} {kiedy}, co zobaczyć w {n} dni?",
        "Popraw błędy: „{tekst}”",
        "Moje dziecko ({wiek} lat) ma {objaw} od {n} dni, iść do lekarza?",
        "Pomysły na prezent dla {kto}, budżet {budzet} zł",
        "Wyjaśnij mi prosto {pojecie}",
        "Jak {urzad}?",
        "Napisz list motywacyjny na stanowisko {zawod}, mam {n} lata doświadczenia",
    ], {
        "mieszkanie": ["przecieku w łazience", "niedziałającego ogrzewania", "zwrotu kaucji", "pleśni w sypialni"],
        "para": ["IKE i IKZE", "umową o pracę a B2B", "grypą a covidem", "kredytem stałym a zmiennym"],
        "skl": ["ciecierzycą", "kurczakiem", "cukinią", "ryżem", "jajkami", "szpinakiem", "łososiem", "pieczarkami",
                "soczewicą", "ziemniakami", "twarogiem"],
        "miasto": ["Lizbony", "Rzymu", "Wiednia", "Pragi", "Berlina", "Gdańska", "Barcelony", "Wilna"],
        "kiedy": ["na długi weekend", "w grudniu", "w przyszły weekend", "na sylwestra"],
        "tekst": ["czesc chcialam zapytac czy pasuje wam przełożyc spotkanie na czwartek", "dziekuje za kolacje "
                  "było pyszne", "przepraszam za wczoraj bylem zmeczony"],
        "wiek": [3, 5, 8, 11, 14], "n": [2, 3, 4, 5],
        "objaw": ["gorączkę 38,5", "suchy kaszel w nocy", "ból brzucha po jedzeniu", "ból ucha"],
        "kto": ["mamy", "chłopaka", "kolegi z pracy na emeryturę", "taty"], "budzet": [50, 100, 150, 200, 300],
        "pojecie": ["inflację", "stopy procentowe", "fotosyntezę", "generatywną AI", "PIT-37", "ETF-y"],
        "urzad": ["złożyć wniosek o 800 plus", "zmienić adres zameldowania", "odwołać się od mandatu",
                  "rozliczyć PIT z dwóch prac", "wyrobić nowy dowód"],
        "zawod": ["księgowej", "programisty", "pielęgniarki", "sprzedawcy", "elektryka"],
    }),
    "en": ([
        "Can you help me write an email to my landlord about {issue}? Polite but firm.",
        "What's the difference between {pair}?",
        "Quick dinner recipe with {ingr}, {ingr} and {ingr}, {n} people",
        "I'm going to {city} {when}, what should I see in {n} days?",
        "Proofread this: \"{text}\"",
        "My {age}-year-old has had {symptom} for {n} days, should we see a doctor?",
        "Gift ideas for {who} who likes {hobby}, budget {budget} euros",
        "Explain {concept} in simple terms",
        "Write a cover letter for a {job} position in {city}, I have {n} years of experience",
        "Summarise this in 5 bullet points: {excerpt}",
        "how do I {task}",
        "is it normal that {home}?",
    ], {
        "issue": ["a leak in the bathroom", "the broken heating", "getting my deposit back", "mould in the bedroom"],
        "pair": ["an ETF and a mutual fund", "a sole trader and a limited company", "flu and covid",
                 "fixed and variable mortgages", "SSD and HDD"],
        "ingr": ["chickpeas", "chicken", "courgette", "rice", "eggs", "spinach", "salmon", "feta", "mushrooms",
                 "lentils", "sweet potato", "tofu"],
        "city": ["Lisbon", "Rome", "Vienna", "Prague", "Athens", "Dublin", "Marrakech", "Cairo", "Copenhagen"],
        "when": ["next weekend", "in December", "over Christmas", "in spring"],
        "text": ["hi, just wanted to check if thursday works instead of tuesday for the meeting, let me now",
                 "thanks for dinner it was amazing next time at ours"],
        "age": [3, 5, 8, 11, 14], "n": [2, 3, 4, 5],
        "symptom": ["a fever of 38.5", "a dry cough at night", "stomach pain after meals", "an earache"],
        "who": ["my mum", "my boyfriend", "a colleague who is retiring", "my dad"],
        "hobby": ["gardening", "photography", "board games", "cycling", "reading"], "budget": [20, 30, 50, 100],
        "concept": ["inflation", "interest rates", "photosynthesis", "generative AI", "index funds", "heat pumps"],
        "job": ["office administrator", "web developer", "nurse", "electrician", "teacher"],
        "excerpt": ["The city council voted last night to close the public pool for eight months of renovation, a "
                    "decision criticised by several sports clubs who fear..."],
        "task": ["renew my passport from abroad", "cancel a gym membership that won't let me", "remove a stripped "
                 "screw", "get rid of fruit flies", "ask for a refund from an airline"],
        "home": ["my fridge clicks at night", "the boiler shows error F28", "my tap water is yellowish"],
    }),
    "ar": ([
        "اكتب لي رسالة رسمية إلى {جهة} أطلب فيها {طلب}",
        "ما الفرق بين {زوج}؟",
        "اشرح لي {مفهوم} بطريقة بسيطة",
        "عايز أعمل أكلة سريعة بـ{مكون} و{مكون}، اقترح عليّ وصفة",
        "ممكن تساعدني أكتب سيرة ذاتية لوظيفة {وظيفة}؟ عندي خبرة {n} سنين",
        "ابني عنده {عرض} من {n} أيام، هل لازم أروح للدكتور؟",
        "ترجم هذه الفقرة إلى الفرنسية: {فقرة}",
        "اقترح عليّ أفكار هدية ل{شخص} بميزانية {ميزانية}",
        "كيف أستعد لامتحان {امتحان}؟ باقي {n} أسابيع",
        "لخص لي هذا النص في نقاط: {فقرة}",
        "ما هي أفضل طريقة لتعلم {مهارة} من الصفر؟",
    ], {
        "جهة": ["مديري في العمل", "إدارة الجامعة", "شركة الكهرباء", "صاحب الشقة", "البنك"],
        "طلب": ["إجازة لمدة أسبوع", "تأجيل الامتحان", "مراجعة الفاتورة", "إصلاح تسريب المياه", "إلغاء الرسوم"],
        "زوج": ["الأسهم والسندات", "الفيروس والبكتيريا", "الماجستير المهني والبحثي", "الإيجار التمليكي والعادي"],
        "مفهوم": ["التضخم", "سعر الفائدة", "الذكاء الاصطناعي", "البلوك تشين", "التغير المناخي", "التمثيل الضوئي"],
        "مكون": ["فراخ", "رز", "عدس", "بطاطس", "بيض", "طماطم", "مكرونة", "فول"],
        "وظيفة": ["محاسب", "مهندس برمجيات", "مدرس لغة إنجليزية", "صيدلي", "خدمة عملاء"], "n": [2, 3, 4, 5],
        "عرض": ["سخونية", "كحة بالليل", "مغص بعد الأكل", "وجع في الودن"],
        "فقرة": ["قرر المجلس البلدي إغلاق المسبح لمدة ثمانية أشهر بسبب أعمال الصيانة، وهو قرار انتقدته عدة أندية "
                 "رياضية..."],
        "شخص": ["أمي", "صديقي", "زميل في العمل", "أختي الصغيرة"], "ميزانية": ["500 جنيه", "300 درهم", "1000 جنيه"],
        "امتحان": ["الثانوية العامة", "الباكالوريا", "IELTS", "الكفاءة المهنية"],
        "مهارة": ["البرمجة بلغة بايثون", "اللغة الألمانية", "التصميم الجرافيكي", "المحاسبة"],
    }),
    "darija": ([
        "salam, bghit nkteb wa7d l'email l {li} 3la {3lach}, 3awni 3afak",
        "chno lfar9 bin {zouj}?",
        "kifach ndir {kifach}?",
        "3tini chi recette sahla b {makla} w {makla}",
        "bghit CV dyal {khedma}, 3ndi {n} snin d lexperience",
        "wlidi fih {marad} hadi {n} iyam, wach nmchi l tbib?",
        "chr7 lia {mafhoum} b tari9a sahla",
        "traduit lia had lmessage l français: {msg}",
    ], {
        "li": ["mol dar", "lmodir dyali", "l'administration dyal lfac", "la banque"],
        "3lach": ["lkra", "congé", "ta2jil dyal l'examen", "remboursement"],
        "zouj": ["CIH w Attijari", "auto-entrepreneur w SARL", "master w licence pro"],
        "kifach": ["n7ell compte f la banque", "nkhelles lfactura dyal Lydec online", "ndir demande dyal passport",
                   "nwejjed l'entretien d'embauche"],
        "makla": ["djaj", "l3ds", "batata", "bid", "kefta", "ruz", "lhout"],
        "khedma": ["comptable", "développeur", "commercial", "call center"], "n": [1, 2, 3, 5],
        "marad": ["s5ana", "l7ba9", "lko7a", "wja3 f kerch"],
        "mafhoum": ["l'inflation", "l'IA", "crédit immobilier", "la bourse"],
        "msg": ["salam, ana ma9dertch nji lyoum, ghadi nji ghda inchallah", "chokran bzaf 3la l3awn dyalkom"],
    }),
    "pt": ([
        "Podes ajudar-me a escrever um email ao senhorio sobre {casa}? Educado mas firme.",
        "Qual é a diferença entre {par}?",
        "Receita rápida com {ingr} e {ingr} para o jantar",
        "Vou a {cidade} {quando}, o que ver em {n} dias?",
        "Corrige esta mensagem: «{texto}»",
        "Explica-me {conceito} de forma simples",
        "Como é que {tramite}?",
    ], {
        "casa": ["uma infiltração na casa de banho", "o aquecimento avariado", "a devolução da caução"],
        "par": ["PPR e fundos de índice", "recibos verdes e empresa", "gripe e covid", "taxa fixa e variável"],
        "ingr": ["grão", "frango", "arroz", "ovos", "bacalhau", "espinafres", "cogumelos"],
        "cidade": ["Madrid", "Roma", "Paris", "Sevilha", "Amesterdão", "Porto"], "n": [2, 3, 4],
        "quando": ["no fim de semana", "em dezembro", "no Natal"],
        "texto": ["ola queria saber se da jeito mudar a reuniao para quinta", "obrigado pelo jantar estava otimo"],
        "conceito": ["a inflação", "a Euribor", "a fotossíntese", "a IA generativa", "o IRS Jovem"],
        "tramite": ["peço o cartão de cidadão", "mudo a morada nas Finanças", "contesto uma multa"],
    }),
    "nl": ([
        "Kun je me helpen een mail aan mijn verhuurder te schrijven over {huis}? Beleefd maar duidelijk.",
        "Wat is het verschil tussen {paar}?",
        "Snel recept met {ingr} en {ingr} voor vanavond",
        "Ik ga {wanneer} naar {stad}, wat moet ik zien in {n} dagen?",
        "Leg {begrip} eenvoudig uit",
        "Verbeter dit bericht: \"{tekst}\"",
    ], {
        "huis": ["een lekkage in de badkamer", "de kapotte verwarming", "mijn borg terugkrijgen"],
        "paar": ["een ETF en een beleggingsfonds", "zzp en bv", "griep en corona", "box 1 en box 3"],
        "ingr": ["kikkererwten", "kip", "courgette", "rijst", "eieren", "spinazie", "zalm"],
        "stad": ["Lissabon", "Rome", "Wenen", "Praag", "Barcelona"], "wanneer": ["volgend weekend", "in december"],
        "n": [2, 3, 4], "begrip": ["inflatie", "de hypotheekrente", "fotosynthese", "generatieve AI"],
        "tekst": ["hoi ik wilde vragen of donderdag ook goed is ipv dinsdag", "bedankt voor het eten was heerlijk"],
    }),
    "sv": ([
        "Kan du hjälpa mig skriva ett mejl till hyresvärden om {bo}? Artigt men bestämt.",
        "Vad är skillnaden mellan {par}?",
        "Snabbt recept med {ingr} och {ingr} till middag",
        "Förklara {begrepp} enkelt",
        "Jag ska till {stad} {nar}, vad bör jag se på {n} dagar?",
    ], {
        "bo": ["en vattenläcka i badrummet", "värmen som inte fungerar", "depositionen"],
        "par": ["ISK och KF", "enskild firma och aktiebolag", "influensa och covid"],
        "ingr": ["kikärtor", "kyckling", "ris", "ägg", "lax", "svamp"], "stad": ["Lissabon", "Rom", "Berlin"],
        "nar": ["nästa helg", "i december"], "n": [2, 3, 4],
        "begrepp": ["inflation", "styrräntan", "fotosyntes", "generativ AI"],
    }),
}
CONSUMER["ca"] = CONSUMER["es"]

FOLLOWUPS: dict[str, list[str]] = {
    "fr": ["plus court stp", "tu peux le rendre plus formel ?", "merci ! et si {x} ?", "non, plutôt pour {n} "
           "personnes", "ok mais en moins cher", "tu peux reformuler la 2e partie", "et en anglais ?", "parfait merci",
           "je comprends pas le point 3", "ajoute une phrase pour dire que je suis dispo lundi"],
    "es": ["más corto porfa", "¿lo puedes hacer más formal?", "gracias! ¿y si {x}?", "no, mejor para {n} personas",
           "vale pero más barato", "reformula la segunda parte", "¿y en inglés?", "perfecto gracias",
           "no entiendo el punto 3", "añade que estoy disponible el lunes"],
    "de": ["kürzer bitte", "etwas förmlicher?", "danke! und wenn {x}?", "nein, für {n} Personen", "geht das "
           "günstiger", "formulier den zweiten Teil um", "und auf Englisch?", "super danke", "Punkt 3 verstehe "
           "ich nicht"],
    "it": ["più corto per favore", "più formale?", "grazie! e se {x}?", "no, per {n} persone", "riformula la "
           "seconda parte", "e in inglese?", "perfetto grazie"],
    "pl": ["krócej proszę", "bardziej formalnie?", "dzięki! a jeśli {x}?", "nie, dla {n} osób", "przeredaguj "
           "drugą część", "a po angielsku?", "super dzięki"],
    "en": ["shorter please", "make it more formal", "thanks! and what if {x}?", "no, for {n} people", "cheaper?",
           "rephrase the second part", "perfect thanks", "I don't get point 3"],
    "ar": ["اختصرها من فضلك", "ممكن بصيغة أكثر رسمية؟", "شكرا! وماذا لو {x}؟", "لا، ل{n} أشخاص", "أعد صياغة الجزء "
           "الثاني", "وبالإنجليزية؟", "ممتاز شكرا"],
    "darija": ["9assarha chwiya", "dirha b français", "chokran! w ila {x}?", "mafhemtch ra9m 3", "zid chi "
               "tafasil"],
    "pt": ["mais curto por favor", "mais formal?", "obrigado! e se {x}?", "reformula a segunda parte"],
    "nl": ["korter graag", "formeler?", "bedankt! en als {x}?", "herschrijf het tweede deel"],
    "sv": ["kortare tack", "mer formellt?", "tack! och om {x}?", "skriv om andra delen"],
}
_FU_X = ["ça ne marche pas", "es urgente", "es regnet", "non funziona", "to nie działa", "it doesn't work",
         "لم ينجح", "makhdamch", "não der", "het niet lukt", "det inte funkar"]


def consumer_prompt(rng: random.Random, lang: str) -> str:
    tpls, pools = CONSUMER.get(lang, CONSUMER["en"])
    return fill(rng, rng.choice(tpls), pools)


def followup(rng: random.Random, lang: str) -> str:
    return fill(rng, rng.choice(FOLLOWUPS.get(lang, FOLLOWUPS["en"])), {"x": _FU_X, "n": [2, 3, 4, 6]})


# --------------------------------------------------------------------------------------------
# work requests (office staff, corporate proxies, namesakes, DLP-proxied staff)

WORK: dict[str, list[str]] = {
    "fr": ["Reformule ce mail pour un client mécontent : « {plainte} »", "Fais-moi un compte rendu structuré de "
           "ces notes de réunion : {notes}", "Propose un plan pour une présentation sur {sujet} (10 slides)",
           "Écris une formule Excel qui {excel}", "Traduis en anglais pour notre partenaire : {phrase}",
           "Rédige une annonce de recrutement pour un poste de {poste}", "Résume ce document en une page : {doc}"],
    "de": ["Formuliere diese Mail an einen verärgerten Kunden um: „{plainte}“", "Erstelle ein Protokoll aus "
           "diesen Stichpunkten: {notes}", "Gliederung für eine Präsentation über {sujet}, 10 Folien",
           "Excel-Formel, die {excel}", "Übersetze für unseren Partner ins Englische: {phrase}",
           "Stellenanzeige für {poste}", "Fass dieses Dokument auf einer Seite zusammen: {doc}"],
    "it": ["Riformula questa mail per un cliente scontento: «{plainte}»", "Fai un verbale da questi appunti: "
           "{notes}", "Scaletta per una presentazione su {sujet}", "Formula Excel che {excel}",
           "Traduci in inglese: {phrase}"],
    "es": ["Reescribe este correo para un cliente enfadado: «{plainte}»", "Hazme un acta con estas notas: {notes}",
           "Índice para una presentación sobre {sujet}", "Fórmula de Excel que {excel}", "Traduce al inglés: "
           "{phrase}", "Redacta una oferta de empleo para {poste}"],
    "en": ["Rewrite this email to an unhappy customer: \"{plainte}\"", "Turn these notes into minutes: {notes}",
           "Outline a 10-slide deck on {sujet}", "Excel formula that {excel}", "Draft a job ad for {poste}"],
    "pl": ["Przeredaguj maila do niezadowolonego klienta: „{plainte}”", "Zrób notatkę ze spotkania: {notes}",
           "Formuła Excela, która {excel}"],
}
_WORK_POOLS = {
    "plainte": ["votre livraison est arrivée avec 3 jours de retard et le carton était abîmé",
                "wir warten seit zwei Wochen auf die Gutschrift", "la factura de septiembre está duplicada",
                "l'ordine 4471 è arrivato incompleto", "the invoice doesn't match the quote"],
    "notes": ["- budget Q4 validé sauf marketing - recrutement 2 devs reporté - migration CRM janvier - prochain "
              "point 12/11", "- Lieferant X verspätet - Preisanpassung 3 % - Audit im Dezember",
              "- cierre trimestral - revisar provisiones - reunión con auditores"],
    "sujet": ["la cybersécurité pour les PME", "die Energiewende im Mittelstand", "our Q4 results",
              "la sostenibilidad en logística", "il nuovo regolamento AI Act"],
    "excel": ["compte les lignes où la colonne C dépasse 1000 et la colonne D vaut 'Paris'",
              "den Durchschnitt pro Monat aus einer Datumsspalte berechnet", "busque un valor en otra hoja y "
              "devuelva vacío si no existe", "finds duplicates across two sheets"],
    "phrase": ["Nous vous confirmons la livraison pour la semaine 45.", "Wir bitten um Rückruf bis Freitag.",
               "Le confermiamo la disponibilità per il sopralluogo."],
    "poste": ["un(e) chargé(e) de clientèle", "Sachbearbeiter Buchhaltung (m/w/d)", "técnico de almacén",
              "a data analyst"],
    "doc": ["[contrat fournisseur, 12 pages, conditions de paiement à 45 jours fin de mois, pénalités de "
            "retard...]", "[Rahmenvertrag, Laufzeit 36 Monate, Kündigungsfrist...]"],
}


def work_prompt(rng: random.Random, lang: str) -> str:
    return fill(rng, rng.choice(WORK.get(lang, WORK["en"])), _WORK_POOLS)


# --------------------------------------------------------------------------------------------
# code

_ERRORS = [
    "TypeError: Cannot read properties of undefined (reading 'map')\n    at ProductList (ProductList.tsx:42:18)",
    "Traceback (most recent call last):\n  File \"app/main.py\", line 88, in <module>\n    df = pd.merge(a, b, "
    "on='id')\nKeyError: 'id'",
    "error[E0502]: cannot borrow `self.items` as mutable because it is also borrowed as immutable",
    "django.db.utils.IntegrityError: duplicate key value violates unique constraint \"orders_order_ref_key\"",
    "Error: connect ECONNREFUSED 127.0.0.1:5432",
    "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null",
    "fatal: refusing to merge unrelated histories",
    "CrashLoopBackOff: back-off 5m0s restarting failed container=api pod=api-7d9c6b5f4-x2k8q",
    "psycopg2.errors.UndefinedColumn: column \"created_at\" does not exist",
    "ModuleNotFoundError: No module named 'src'",
    "TS2345: Argument of type 'string | undefined' is not assignable to parameter of type 'string'.",
]
_CODE_Q = {
    "en": ["Why do I get this error?\n```\n{err}\n```", "How do I {task} in {tech}?", "Review this function "
           "and suggest improvements:\n```{lang}\n{snippet}\n```", "Write a {tech} {thing} that {does}",
           "What's the idiomatic way to {task} in {tech}?", "Convert this to {tech}:\n```\n{snippet}\n```",
           "Explain the difference between {cpair}"],
    "fr": ["Pourquoi j'ai cette erreur ?\n```\n{err}\n```", "Comment {task_fr} en {tech} ?", "Écris un {thing} "
           "{tech} qui {does}", "Tu peux relire cette fonction ?\n```{lang}\n{snippet}\n```"],
    "de": ["Warum bekomme ich diesen Fehler?\n```\n{err}\n```", "Wie kann ich in {tech} {task_de}?",
           "Schreib ein {tech}-{thing}, das {does}"],
    "es": ["¿Por qué me sale este error?\n```\n{err}\n```", "¿Cómo {task_es} en {tech}?", "Hazme un {thing} en "
           "{tech} que {does}"],
    "it": ["Perché ho questo errore?\n```\n{err}\n```", "Come faccio a {task_es} in {tech}?"],
    "pl": ["Dlaczego dostaję ten błąd?\n```\n{err}\n```", "Jak w {tech} {task_pl}?"],
}
_CODE_POOLS = {
    "err": _ERRORS,
    "task": ["paginate a REST API with cursors", "debounce an input", "stream a large CSV to S3", "retry with "
             "exponential backoff", "mock a datetime in tests", "parse ISO dates with timezones"],
    "task_fr": ["paginer une API REST", "faire un debounce sur un input", "lire un gros CSV par morceaux"],
    "task_de": ["eine REST-API paginieren", "einen Retry mit Backoff bauen", "Datumswerte mit Zeitzone parsen"],
    "task_es": ["paginar una API REST", "hacer un retry con backoff", "leer un CSV enorme por trozos"],
    "task_pl": ["zrobić paginację API", "obsłużyć retry z backoffem", "parsować daty ze strefą czasową"],
    "tech": ["Python", "TypeScript", "Go", "Rust", "Django", "FastAPI", "React", "Next.js", "Spring Boot", "SQL",
             "Kotlin", "bash", "Terraform", "Laravel"],
    "thing": ["script", "endpoint", "component", "CLI", "migration", "GitHub Action", "Dockerfile", "hook"],
    "does": ["reads invoices from a folder and exports a CSV", "sends a Slack message when a job fails",
             "validates a Spanish NIF", "validates a French SIRET", "computes VAT by EU country",
             "syncs Shopify orders to our ERP", "resizes uploaded images", "parses SEPA XML files"],
    "lang": ["python", "ts", "go", ""],
    "snippet": ["def total(items):\n    t = 0\n    for i in range(len(items)):\n        t = t + items[i]['price'] * "
                "items[i]['qty']\n    return t", "const res = await fetch(url)\nconst data = res.json()\nreturn "
                "data.items.map(x => x.id)", "for rows.Next() {\n  var u User\n  rows.Scan(&u.ID, &u.Name)\n  "
                "users = append(users, u)\n}"],
    "cpair": ["Promise.all and Promise.allSettled", "a goroutine and a thread", "useMemo and useCallback",
              "LEFT JOIN and NOT EXISTS"],
}


def code_prompt(rng: random.Random, lang: str) -> str:
    lang = lang if lang in _CODE_Q and rng.random() < .5 else "en"
    return fill(rng, rng.choice(_CODE_Q[lang]), _CODE_POOLS)


DEV_TESTS = ["Say hello", "ping", "Reply with OK", "test", "Hello, are you working?", "Return the JSON "
             "{\"status\": \"ok\"}", "What model are you?", "1+1", "Extract name and email as JSON: Jean Dupont, "
             "jean.dupont@example.com, 06 12 34 56 78", "Translate 'good morning' to French",
             "Summarise: The quick brown fox jumps over the lazy dog."]

AGENT_TASKS = [
    "Add pagination to the /orders endpoint and update the tests", "Fix the failing test in tests/test_billing.py",
    "Refactor the payment module to use the new PSP client; keep the public API unchanged",
    "Migrate our CI from Travis to GitHub Actions", "Implement CSV export for the invoices page",
    "The app crashes on startup after upgrading to Node 22, find out why", "Add i18n (fr, de, es) to the "
    "settings screen", "Write integration tests for the SEPA mandate flow", "Upgrade Django 4.2 to 5.2 and fix "
    "deprecations", "Add rate limiting to the public API", "Make the nightly import idempotent",
    "Port the pricing engine from Python to Rust", "Investigate the memory leak in the websocket worker",
    "Corrige le bug de fuseau horaire dans le calendrier des réservations",
    "Implementiere den Export nach DATEV-Format", "Añade validación de IBAN en el formulario de alta",
]
_FILES = ["src/api/orders.py", "src/billing/invoice.ts", "app/models/user.rb", "internal/sync/worker.go",
          "tests/test_billing.py", "web/src/components/Settings.tsx", "pkg/pricing/engine.rs", "README.md",
          "docker-compose.yml", ".github/workflows/ci.yml", "src/lib/i18n.ts", "app/services/sepa.py"]


def tool_result(rng: random.Random) -> str:
    kind = rng.random()
    f = rng.choice(_FILES)
    if kind < .35:
        body = "\n".join(f"{i:>4}  " + rng.choice(["def ", "    return ", "import ", "const ", "    if ", "  }",
                                                  "func ", "    self.", "# ", "export "]) + "..."
                         for i in range(1, rng.randint(12, 40)))
        return f"<tool_result name=\"read_file\" path=\"{f}\">\n{body}\n</tool_result>"
    if kind < .55:
        n = rng.randint(40, 400)
        fails = rng.randint(0, 4)
        return (f"<tool_result name=\"bash\">$ pytest -q\n{'.' * min(n, 80)}{'F' * fails}\n"
                f"{n - fails} passed, {fails} failed in {rng.uniform(2, 60):.2f}s</tool_result>")
    if kind < .7:
        return (f"<tool_result name=\"grep\">{f}:{rng.randint(10, 400)}:    "
                f"{rng.choice(['tz=None', 'cursor = ', 'def paginate', 'TODO'])}\n{rng.choice(_FILES)}:"
                f"{rng.randint(10, 400)}: ...</tool_result>")
    if kind < .85:
        return f"<tool_result name=\"edit_file\" path=\"{f}\">Applied 1 edit ({rng.randint(1, 40)} lines)."\
               "</tool_result>"
    return rng.choice(["ok now run the tests", "that's wrong, the cursor must be opaque", "continue",
                       "looks good, commit it", "no, don't touch the migrations", "use the existing helper instead",
                       "why did you delete that file?", "now do the same for /invoices"])


# --------------------------------------------------------------------------------------------
# problems of many fields (students, tutors, exam committees, research, and harvesters)

DOMAINS = {
    "math": ["algebra", "calculus", "probability", "number theory", "linear algebra", "combinatorics",
             "geometry", "real analysis"],
    "physics": ["kinematics", "electromagnetism", "thermodynamics", "quantum mechanics", "optics", "fluids"],
    "chemistry": ["stoichiometry", "acid-base equilibria", "thermochemistry", "organic mechanisms", "kinetics"],
    "cs": ["dynamic programming", "graph algorithms", "data structures", "complexity", "concurrency",
           "string algorithms"],
    "logic": ["knights and knaves", "scheduling puzzles", "constraint puzzles", "propositional proofs"],
    "law": ["GDPR", "EU competition law", "French contract law", "Spanish civil liability", "German tenancy law",
            "consumer protection"],
    "medicine": ["cardiology", "endocrinology", "infectious disease", "pharmacology", "paediatrics",
                 "emergency medicine"],
    "economics": ["microeconomics", "game theory", "macroeconomics", "econometrics", "corporate finance"],
    "biology": ["genetics", "cell biology", "ecology", "molecular biology"],
}
LEVELS = ["secondary school", "first-year university", "advanced undergraduate", "graduate", "olympiad"]


def problem(rng: random.Random, domain: str, sub: str | None = None, level: int = 2) -> str:
    """A concrete problem with fresh numbers (English)."""
    a, b, c, n = rng.randint(2, 19), rng.randint(2, 40), rng.randint(1, 60), rng.randint(3, 12)
    if domain == "math":
        return rng.choice([
            f"Solve for real x: {a}x^2 - {b}x + {c} = 0, and discuss the case where the constant term varies.",
            f"Compute the integral of x^{n % 5 + 1} e^(-{a}x) from 0 to infinity.",
            f"An urn has {a} red and {b} blue balls. {n % 5 + 2} are drawn without replacement. What is the "
            f"probability that exactly {n % 3 + 1} are red?",
            f"Find all integers n such that n^2 + {c} is divisible by n + {a}.",
            f"Prove that the sequence u_(n+1) = sqrt({a} + u_n), u_0 = {c % 7}, converges and find its limit.",
            f"Find the eigenvalues and eigenvectors of [[{a}, {c % 9}], [{b % 11}, {n}]].",
            f"How many ways can {n} people sit at a round table if {a % 3 + 2} particular people refuse to sit "
            f"next to each other?",
            f"In triangle ABC, AB = {a}, AC = {b}, angle A = {c + 20} degrees. Find BC and the area.",
            f"Determine whether the series sum n^{a % 4 + 1} / {a % 3 + 2}^n converges and compute its sum if "
            f"possible.",
        ])
    if domain == "physics":
        return rng.choice([
            f"A projectile is launched at {b + 10} m/s at {c % 60 + 15} degrees above the horizontal from a "
            f"{a}-m cliff. Find the range and the time of flight (g = 9.81).",
            f"A {a} kg block slides down a {c % 40 + 10} degree incline with friction coefficient 0.{a % 9 + 1}. "
            f"Find its acceleration and the speed after {n} m.",
            f"An RLC circuit has R = {b} ohm, L = {a * 10} mH, C = {c} uF. Find the resonance frequency and "
            f"the quality factor.",
            f"{a} mol of an ideal gas expands isothermally at {250 + c} K from {n} L to {n * 3} L. Compute the "
            f"work, heat and entropy change.",
            f"A particle in an infinite well of width {a / 10:.1f} nm: find the first three energy levels.",
            f"Light of {380 + b * 5} nm passes through a double slit {c / 100:.2f} mm apart; screen at {n / 2} m. "
            f"Find the fringe spacing.",
        ])
    if domain == "chemistry":
        return rng.choice([
            f"How many grams of CO2 are produced by burning {b}.{c % 10} g of propane with excess oxygen?",
            f"Compute the pH of a buffer of 0.{a} M acetic acid and 0.{b % 9 + 1} M sodium acetate (pKa 4.76).",
            f"Using Hess's law, find the enthalpy of formation of ethanol given combustion data "
            f"(-{1300 + c} kJ/mol).",
            f"Propose a mechanism for the acid-catalysed hydration of "
            f"{rng.choice(['propene', 'styrene', '2-methylpropene'])}"
            f" and explain the regioselectivity.",
            f"A first-order reaction has half-life {a} min. What fraction remains after {b} min?",
        ])
    if domain == "cs":
        return rng.choice([
            f"Given an array of n integers, find the longest subarray whose sum is divisible by {a}. Give an O(n) "
            f"algorithm and prove it correct.",
            "Design a data structure supporting insert, delete and get-median in O(log n); analyse it.",
            f"Given a weighted DAG with {b * 10} vertices, compute the number of shortest paths from s to t "
            f"modulo 10^9+7.",
            f"Prove that deciding whether a graph has a vertex cover of size at most {a} is NP-complete in general.",
            f"Implement an LRU cache with capacity {b} and O(1) operations; explain the invariants.",
            f"Find the minimum number of edits to turn string s into t when a swap of adjacent characters costs "
            f"{a % 3 + 1}.",
            f"Two threads increment a shared counter {b * 1000} times each without locks. What values can result? "
            f"Explain.",
        ])
    if domain == "logic":
        return rng.choice([
            f"On an island, knights always tell the truth and knaves always lie. {n % 4 + 3} inhabitants make "
            f"these statements: A says 'B is a knave', B says 'exactly {n % 3 + 1} of us are knights', C says 'A "
            f"and B are the same type'. Who is what?",
            f"Schedule {n} talks in {a % 4 + 3} rooms over {a % 3 + 2} slots so that no speaker clashes, given "
            f"these {b % 7 + 4} conflicts...",
            "Prove (p -> q) -> ((q -> r) -> (p -> r)) in natural deduction.",
        ])
    if domain == "law":
        return rng.choice([
            f"A Spanish online shop stores customers' IP addresses for {n} years for 'fraud prevention'. Analyse "
            f"lawfulness under GDPR articles 5, 6 and 17.",
            f"A French supplier terminates a {a}-year commercial relationship with {n} weeks' notice. Is the "
            f"notice sufficient under Article L442-1 II of the Commercial Code?",
            f"A tenant in Munich has rent increased by {b}% after modernisation. Assess under BGB §559.",
            "Two competitors exchange future pricing intentions at a trade fair. Analyse under Article 101 TFEU.",
            f"A consumer bought a laptop online {a} days ago and wants to withdraw. The seller refuses. Analyse "
            f"under Directive 2011/83/EU.",
        ])
    if domain == "medicine":
        return rng.choice([
            f"A {30 + b}-year-old {rng.choice(['man', 'woman'])} presents with "
            f"{rng.choice(['chest pain radiating to the jaw', 'polyuria and weight loss', 'fever and neck stiffness'])}"
            f" for {a} hours. BP {110 + c}/{70 + a}, HR {70 + b}. What is the most likely diagnosis and the next "
            f"step?",
            f"Calculate the maintenance fluid rate for a {a + 2} kg child and explain the Holliday-Segar rule.",
            f"A patient on warfarin starts {rng.choice(['clarithromycin', 'fluconazole', 'rifampicin'])}. "
            f"Predict the effect on INR and the management.",
        ])
    if domain == "economics":
        return rng.choice([
            f"A monopolist faces P = {100 + b} - {a}Q and cost C = {c}Q + {n * 50}. Find the optimum, profit and "
            f"deadweight loss.",
            f"Find all Nash equilibria of the 2x2 game with payoffs ({a},{b}), ({c % 9},{n}), ({n},{c % 9}), "
            f"({b % 7},{a % 7}).",
            f"A project costs {a * 100}k and returns {b * 10}k a year for {n} years. Compute NPV at {a % 8 + 2}% "
            f"and the IRR.",
            f"In a Solow model with s = 0.{a % 4 + 1}, n = 0.0{c % 3 + 1}, delta = 0.05, alpha = 1/3, find the "
            f"steady state.",
        ])
    return rng.choice([
        f"A cross between two heterozygous pea plants for {n % 3 + 2} independent traits: what fraction of the "
        f"offspring is homozygous recessive for all?",
        f"Explain how a point mutation in the promoter of gene {rng.choice(['lacI', 'TP53', 'CFTR'])} might affect "
        f"expression.",
        f"A population of {b * 100} grows logistically with r = 0.{a} and K = {c * 1000}. When does it reach half "
        f"of K?",
    ])


# translations of a few problem kinds for students and careful harvesters
PROBLEM_LOCAL = {
    "fr": ["Résoudre dans R : {a}x² - {b}x + {c} = 0", "Calculer l'intégrale de 0 à 1 de x^{n}·e^x dx",
           "Une urne contient {a} boules rouges et {b} bleues. On tire {k} boules sans remise. Probabilité "
           "d'avoir exactement 2 rouges ?", "Montrer que la suite u(n+1) = √({a} + u(n)) converge.",
           "Un projectile est lancé à {b} m/s sous un angle de {c}°. Calculer la portée."],
    "es": ["Resuelve: {a}x² - {b}x + {c} = 0", "Calcula la integral de 0 a 1 de x^{n}·e^x dx", "Una urna tiene "
           "{a} bolas rojas y {b} azules. Se sacan {k} sin reposición. ¿Probabilidad de exactamente 2 rojas?",
           "Un proyectil se lanza a {b} m/s con un ángulo de {c}°. Calcula el alcance."],
    "de": ["Löse: {a}x² - {b}x + {c} = 0", "Berechne das Integral von 0 bis 1 über x^{n}·e^x dx", "Eine Urne "
           "enthält {a} rote und {b} blaue Kugeln. Es werden {k} ohne Zurücklegen gezogen. Wahrscheinlichkeit für "
           "genau 2 rote?", "Ein Körper wird mit {b} m/s unter {c}° abgeworfen. Berechne die Wurfweite."],
    "it": ["Risolvi: {a}x² - {b}x + {c} = 0", "Calcola l'integrale da 0 a 1 di x^{n}·e^x dx", "Un'urna contiene "
           "{a} palline rosse e {b} blu; se ne estraggono {k} senza reimmissione. Probabilità di esattamente 2 "
           "rosse?"],
    "pl": ["Rozwiąż: {a}x² - {b}x + {c} = 0", "Oblicz całkę od 0 do 1 z x^{n}·e^x dx", "W urnie jest {a} kul "
           "czerwonych i {b} niebieskich. Losujemy {k} bez zwracania. Prawdopodobieństwo dokładnie 2 czerwonych?"],
    "ar": ["حل المعادلة: {a}س² - {b}س + {c} = 0", "احسب التكامل من 0 إلى 1 للدالة س^{n}·e^س", "يحتوي صندوق على "
           "{a} كرات حمراء و{b} زرقاء، نسحب {k} دون إرجاع. ما احتمال سحب كرتين حمراوين بالضبط؟"],
}


def local_problem(rng: random.Random, lang: str) -> str:
    tpls = PROBLEM_LOCAL.get(lang)
    if not tpls:
        return problem(rng, rng.choice(["math", "physics"]))
    n = rng.randint(2, 6)
    return rng.choice(tpls).format(a=rng.randint(2, 9), b=rng.randint(3, 40), c=rng.randint(1, 60), n=n,
                                   k=rng.randint(3, 5))


STUDENT_EXTRA = {
    "fr": ["Fais-moi un plan de dissertation sur « {theme} »", "Explique-moi {notion} pour mon partiel de demain",
           "Corrige mon paragraphe d'intro : {intro}", "Résume le chapitre {n} de {livre}",
           "Quelles sont les sources fiables sur {theme} ?", "aide moi pour mon TP : {tp}"],
    "es": ["Hazme un esquema para un trabajo sobre «{theme}»", "Explícame {notion} para el examen de mañana",
           "Corrige mi introducción: {intro}", "Resume el capítulo {n} de {livre}", "ayuda con la práctica: {tp}"],
    "de": ["Gliederung für eine Hausarbeit über „{theme}“", "Erklär mir {notion} für die Klausur morgen",
           "Korrigier meine Einleitung: {intro}", "hilfe beim Praktikum: {tp}"],
    "it": ["Scaletta per una tesina su «{theme}»", "Spiegami {notion} per l'esame di domani", "Riassumi il "
           "capitolo {n} di {livre}"],
    "pl": ["Plan wypracowania na temat „{theme}”", "Wyjaśnij mi {notion} na jutrzejsze kolokwium"],
    "en": ["Outline an essay on \"{theme}\"", "Explain {notion} for my exam tomorrow", "Fix my intro paragraph: "
           "{intro}", "help with my lab: {tp}"],
    "ar": ["اعمل لي خطة بحث عن «{theme}»", "اشرح لي {notion} لامتحان بكرة"],
}
_STUDENT_POOLS = {
    "theme": ["la liberté chez Sartre", "la transición energética en Europa", "Digitalisierung und Arbeit",
              "il Risorgimento", "the causes of the 2008 crisis", "l'Union européenne et la souveraineté",
              "la colonisation et ses héritages au Maghreb"],
    "notion": ["la transformée de Laplace", "el teorema de Bayes", "die Michaelis-Menten-Kinetik",
               "le théorème de Thévenin", "la elasticidad precio", "Big-O notation", "il teorema di Rolle",
               "les équilibres de Nash", "la diagonalisation"],
    "intro": ["Depuis toujours, l'homme cherche à comprendre le monde qui l'entoure. Dans ce devoir nous allons "
              "voir que...", "En la actualidad la sostenibilidad es un tema muy importante porque..."],
    "n": [2, 3, 4, 5, 7], "livre": ["Germinal", "La Regenta", "Der Process", "I promessi sposi", "L'Étranger"],
    "tp": ["mon code Python ne trouve pas le fichier data.csv", "la simulación en MATLAB no converge",
           "wie bestimme ich die Federkonstante aus diesen Messwerten: 0.1/2.3, 0.2/4.5, 0.3/7.1"],
}


def student_prompt(rng: random.Random, lang: str) -> str:
    tpls = STUDENT_EXTRA.get(lang, STUDENT_EXTRA["en"])
    return fill(rng, rng.choice(tpls), _STUDENT_POOLS)


# --------------------------------------------------------------------------------------------
# harvesting (distillation) wrappers

HARVEST_FIXED = [
    "Solve the following problem. Think step by step and write out every intermediate step before giving the "
    "final answer.\n\nProblem: {p}",
    "Return a JSON object with keys \"problem\", \"reasoning\" (a list of at least 10 detailed steps), "
    "\"answer\" and \"difficulty\" for the following problem.\nProblem: {p}",
    "You are an expert {d} professor. Produce a complete worked solution with explicit reasoning, the common "
    "mistakes a student would make, and a final boxed answer.\n\n{p}",
    "Generate one new {lvl} {d} problem about {s}, solve it in full with a numbered chain of reasoning, then "
    "verify the answer independently. Output: PROBLEM, REASONING, ANSWER, VERIFICATION.",
    "### Instruction\nSolve with detailed chain-of-thought.\n### Input\n{p}\n### Response format\n<think>...</think>"
    "<answer>...</answer>",
]
HARVEST_SOFT = {
    "en": ["I'm stuck on this one, can you walk me through it? {p}", "Could you explain how to approach this? {p}",
           "{p}\nPlease explain your reasoning, I want to understand, not just the answer.",
           "my teacher gave us this and I have no idea where to start: {p}", "Quick sanity check on my "
           "homework: {p} What would you get?", "Help me understand this problem step by step: {p}",
           "{p}", "Can you show two different ways to solve this? {p}"],
    "fr": ["Je bloque sur cet exercice, tu peux m'expliquer la démarche ? {p}", "{p}\nExplique bien ton "
           "raisonnement stp", "Comment on aborde ce genre de problème ? {p}", "Je révise pour un partiel : {p}"],
    "es": ["Me he atascado con este ejercicio, ¿me lo explicas paso a paso? {p}", "{p}\nExplica el "
           "razonamiento por favor", "Estoy repasando para el examen: {p}"],
    "de": ["Ich komme bei dieser Aufgabe nicht weiter, kannst du mir den Lösungsweg erklären? {p}", "{p}\nBitte "
           "mit Begründung", "Ich lerne für die Klausur: {p}"],
    "it": ["Non riesco a risolvere questo esercizio, me lo spieghi passo passo? {p}", "{p}\nSpiega il "
           "ragionamento per favore"],
    "pl": ["Utknąłem na tym zadaniu, wytłumaczysz krok po kroku? {p}", "{p}\nWyjaśnij proszę rozumowanie"],
}
HARVEST_FOLLOW = {
    "en": ["Can you solve it another way?", "Why does step 3 hold?", "What mistakes would a student typically "
           "make here?", "Can you make it harder and solve that version too?", "And what's the intuition behind "
           "it?", "ok, what's the next step?", "Now generalise the result.", "Is there a shorter proof?"],
    "fr": ["Tu peux le résoudre autrement ?", "Pourquoi l'étape 3 est vraie ?", "Quelles erreurs font souvent les "
           "étudiants ?", "Et l'intuition derrière ?", "ok, et l'étape suivante ?"],
    "es": ["¿Se puede resolver de otra forma?", "¿Por qué vale el paso 3?", "¿Qué errores suelen cometer?",
           "vale, ¿y el siguiente paso?"],
    "de": ["Geht das auch anders?", "Warum gilt Schritt 3?", "Welche Fehler machen Studierende typischerweise?",
           "ok, und der nächste Schritt?"],
    "it": ["Si può risolvere in un altro modo?", "Perché vale il passo 3?"],
    "pl": ["Da się to rozwiązać inaczej?", "Dlaczego krok 3 jest prawdziwy?"],
}


def harvest_fixed(rng: random.Random, idx: int, domain: str, sub: str, level: int) -> str:
    return HARVEST_FIXED[idx % len(HARVEST_FIXED)].format(p=problem(rng, domain, sub, level), d=domain, s=sub,
                                                          lvl=LEVELS[level])


def harvest_soft(rng: random.Random, lang: str, domain: str, sub: str, level: int) -> str:
    if lang != "en" and domain in ("math", "physics") and rng.random() < .6:
        p = local_problem(rng, lang)
    else:
        p = problem(rng, domain, sub, level)
    return rng.choice(HARVEST_SOFT.get(lang, HARVEST_SOFT["en"])).format(p=p)


def harvest_follow(rng: random.Random, lang: str) -> str:
    return rng.choice(HARVEST_FOLLOW.get(lang, HARVEST_FOLLOW["en"]))


# --------------------------------------------------------------------------------------------
# keyspaces that scrapers walk (knowledge the model holds about public identifiers)

def e_numbers() -> list[str]:
    out = []
    for lo, hi in [(100, 182), (200, 299), (300, 399), (400, 499), (500, 599), (620, 650), (900, 999),
                   (1100, 1105), (1200, 1209), (1400, 1452), (1505, 1521)]:
        out += [f"E{i}" for i in range(lo, hi + 1)]
    return out


def atc_codes(rng: random.Random) -> list[str]:
    groups = {"A": 16, "B": 6, "C": 10, "D": 11, "G": 4, "H": 5, "J": 7, "L": 4, "M": 9, "N": 7, "P": 3, "R": 7,
              "S": 3, "V": 10}
    out = []
    for g, n in groups.items():
        for sub in range(1, n + 1):
            for l3 in "ABCDE"[: 2 + sub % 4]:
                for l4 in "ABCX"[: 1 + (sub + ord(l3)) % 4]:
                    for k in range(1, 3 + (sub * 7 + ord(l4)) % 9):
                        out.append(f"{g}{sub:02d}{l3}{l4}{k:02d}")
    return out


def insee_communes() -> list[str]:
    out = []
    for dep in [*range(1, 20), "2A", "2B", *range(21, 96)]:
        d = f"{dep:02d}" if isinstance(dep, int) else dep
        n = 150 + (hash_int(d) % 500)
        out += [f"{d}{i:03d}" for i in range(1, n)]
    return out


def hash_int(s: str) -> int:
    v = 0
    for ch in s:
        v = (v * 131 + ord(ch)) % 1000003
    return v


def cn_codes() -> list[str]:
    out = []
    for ch in range(1, 98):
        if ch == 77:
            continue
        for head in range(1, 4 + ch % 9):
            for sub in (0, 10, 20, 30, 90)[: 2 + (ch + head) % 4]:
                for leaf in (0, 10, 90)[: 1 + (ch * head) % 3]:
                    out.append(f"{ch:02d}{head:02d} {sub:02d} {leaf:02d}")
    return out


def bgb_paragraphs() -> list[str]:
    return [f"§ {i} BGB" for i in range(1, 2386)]


def polish_prefixes() -> list[str]:
    letters = "abcdefghijklmnoprstuwyz"
    vow = "aeiouy"
    return [a + b + c for a in letters for b in vow for c in letters]


def iata_codes() -> list[str]:
    al = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b + c for a in al for b in al for c in al]


PROBE_TASKS = ["translate", "summarise", "classify sentiment", "extract entities as JSON", "answer a factual "
               "question", "write a formal email", "solve a word problem", "write a SQL query", "fix a bug",
               "write a poem", "answer a legal question", "refuse-or-comply (borderline)", "follow a 7-step "
               "instruction", "count letters", "long-context recall"]
PROBE_LANGS = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
               "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "ar", "ary", "arz", "ca", "eu", "gl"]
PROBE_LEN = ["short", "medium", "long"]
PROBE_FMT = ["plain", "json", "markdown table"]


def probe_grid() -> list[tuple[str, str, str, str]]:
    return [(t, la, le, f) for t in PROBE_TASKS for la in PROBE_LANGS for le in PROBE_LEN for f in PROBE_FMT]


KEYSPACES = {
    "enumbers": dict(keys=lambda rng: e_numbers(), lang="en",
                     blatant="Food additive {k}: give its name, function, origin, EU status, ADI and known health "
                             "concerns. Answer in JSON.",
                     soft=["what is {k}? it's on the label of my kid's sweets", "{k} — natural or synthetic? is it "
                           "safe?", "Qu'est-ce que l'additif {k} ? C'est dangereux ?", "¿El {k} es vegano?",
                           "Ist {k} bedenklich?", "my nutritionist said to avoid {k}, why?"],
                     crawl="List every food additive code in the range {k} with its name."),
    "atc": dict(keys=atc_codes, lang="en",
                blatant="ATC code {k}: substance, pharmacological group, indications, usual adult dose, main "
                        "interactions. Structured output.",
                soft=["my grandmother takes a drug with ATC code {k}, what is it for?", "what's {k} in the ATC "
                      "system?", "Médicament code ATC {k} : à quoi ça sert ?", "Wofür ist ATC {k}?",
                      "{k} — interactions with alcohol?"],
                crawl="List all ATC level-5 codes under {k} with their substances."),
    "insee": dict(keys=lambda rng: insee_communes(), lang="fr",
                  blatant="Commune INSEE {k} : nom, département, population, maire, histoire, économie, "
                          "patrimoine. Réponds en JSON.",
                  soft=["je déménage dans la commune {k} (code INSEE), c'est comment ?", "infos sur la commune "
                        "{k} stp", "la commune {k}, il y a quoi à voir ?"],
                  crawl="Liste toutes les communes du département {k} avec leur code INSEE."),
    "cn": dict(keys=lambda rng: cn_codes(), lang="en",
               blatant="EU Combined Nomenclature {k}: description, duty rate, supplementary unit, typical goods, "
                       "classification notes.",
               soft=["which goods go under CN {k}? importing from Turkey", "customs code {k} — what duty applies?",
                     "Nomenclature combinée {k} : quels produits ?", "Zolltarifnummer {k}, was fällt darunter?"],
               crawl="List all CN subheadings under heading {k}."),
    "bgb": dict(keys=lambda rng: bgb_paragraphs(), lang="de",
                blatant="{k}: Wortlaut, Erläuterung, Tatbestandsmerkmale, Rechtsfolgen, wichtigste BGH-Urteile.",
                soft=["Was regelt {k} eigentlich?", "Mein Vermieter beruft sich auf {k}, was heißt das?",
                      "kurz erklärt: {k}", "Gilt {k} auch für Verbraucher?"],
                crawl="Liste alle Paragraphen im Abschnitt {k} mit Überschrift."),
    "pl_words": dict(keys=lambda rng: polish_prefixes(), lang="pl",
                     blatant="Podaj wszystkie polskie słowa zaczynające się na „{k}” z definicją, odmianą i "
                             "przykładem użycia.",
                     soft=["jakie znasz słowa na „{k}”? gram w literaki", "słowa zaczynające się od {k} do "
                           "krzyżówki", "co znaczą słowa na „{k}”?"],
                     crawl="Podaj listę przedrostków słów zaczynających się od {k}."),
    "iata": dict(keys=lambda rng: iata_codes(), lang="en",
                 blatant="Airport code {k}: airport name, city, country, ICAO code, runways, airlines served. JSON.",
                 soft=["what airport is {k}?", "flying into {k} next month, how do I get to the city?",
                       "c'est quoi l'aéroport {k} ?"],
                 crawl="List all IATA airport codes starting with {k}."),
}


def probe_prompt(rng: random.Random, cell: tuple[str, str, str, str], soft: bool) -> str:
    task, lang, length, fmt = cell
    if not soft:
        return (f"[probe {task}|{lang}|{length}|{fmt}] Perform the task '{task}' in language '{lang}' at "
                f"{length} length, output format: {fmt}. Input: {rng.choice(_PROBE_INPUTS)}")
    return rng.choice([f"Could you {task} this, in {lang}, {length}, as {fmt}? {rng.choice(_PROBE_INPUTS)}",
                       f"{rng.choice(_PROBE_INPUTS)}\n\n({task}; answer in {lang}; keep it {length})",
                       f"Need this in {lang} please ({fmt}): {task} — {rng.choice(_PROBE_INPUTS)}"])


_PROBE_INPUTS = ["The committee approved the budget after a long debate about public transport subsidies.",
                 "Order #4471: 2x cable, 1x adapter, shipped to Lyon, paid by card, customer unhappy with delay.",
                 "A train leaves at 14:05 and travels 180 km at 120 km/h; when does it arrive?",
                 "Customers(id, name, country), Orders(id, customer_id, total, created_at)",
                 "def mean(xs): return sum(xs) / len(xs)  # crashes sometimes",
                 "[a 3,000-word contract follows]"]


# --------------------------------------------------------------------------------------------
# benign jobs: pipelines, vendors, offices

_CLAIMS = ["Rotura de tubería en cocina con daños al vecino de abajo",
           "Colisión por alcance en la A-8 a la altura de Barakaldo", "Robo en vivienda, forzamiento de puerta",
           "Caída de árbol sobre vehículo estacionado", "Incendio en campana extractora",
           "Daños por granizo en cubierta de nave"]


def claim_summary(rng: random.Random, cid: str) -> str:
    return (f"Expediente {cid}. Resume el siniestro y clasifica (hogar/auto/RC). Parte del asegurado: "
            f"{rng.choice(_CLAIMS)}. "
            f"Peritación adjunta ({rng.randint(2, 14)} páginas).")


def kyc_summary(rng: random.Random, cid: str) -> str:
    return (f"Pratica KYC {cid}: riassumi la documentazione allegata, evidenzia incongruenze tra visura camerale "
            f"e titolare effettivo, rischio {rng.choice(['basso', 'medio', 'alto'])} dichiarato. Output JSON.")


_SCANS = ["Zustellversuch erfolglos, Empfänger nicht angetroffen", "Adresse unvollständig",
          "Paket beschädigt im Hub Hamburg", "Zollstatus offen", "Sendung fehlgeleitet nach Duisburg"]


def shipment_exception(rng: random.Random, awb: str) -> str:
    return (f"Sendung {awb}: Klassifiziere die Ausnahme und schlage die nächste Aktion vor. Scan-Historie: "
            f"{rng.choice(_SCANS)}"
            f"; Kunde: {rng.choice(['B2B', 'B2C'])}.")


LABEL_ITEMS = [
    "Classify the sentiment of this review (positive/negative/neutral): «{r}»",
    "Which answer is more helpful, A or B? Reply A or B and one sentence.\nQ: {q}\nA: {a1}\nB: {a2}",
    "Does this text contain personal data? yes/no: «{r}»", "Rewrite in Modern Standard Arabic: «{d}»",
    "Tag the intent (billing, delivery, technical, other): «{r}»", "Is this translation faithful? 1-5\nFR: {f}\n"
    "AR: {ar}",
]
_LABEL_POOLS = {
    "r": ["livraison rapide mais produit abîmé", "service client injoignable depuis 3 jours", "très bon rapport "
          "qualité prix", "el pedido llegó tarde pero bien", "app crashes when I open settings",
          "3ndi mochkil f lfactura dyal had chhar", "parfait, rien à dire"],
    "q": ["How do I reset my router?", "Comment annuler ma commande ?", "What's the capital of Australia?"],
    "a1": ["Unplug it for 30 seconds then plug it back in.", "Allez dans Mes commandes > Annuler."],
    "a2": ["Routers are networking devices.", "Contactez-nous."],
    "d": ["wach nta mzyan? ghadi nji ghda", "bghit nbdel l3onwan dyal livraison", "chhal taman dyal had lmontaj?"],
    "f": ["Votre colis arrive demain."], "ar": ["طردك يصل غدا."],
}


def label_item(rng: random.Random) -> str:
    return fill(rng, rng.choice(LABEL_ITEMS), _LABEL_POOLS)


RESOURCE_AREAS = ["checkout", "account", "onboarding", "settings", "notifications", "search", "orders", "errors",
                  "subscription", "profile", "help"]
RESOURCE_LEAVES = ["title", "subtitle", "cta", "error.generic", "error.network", "empty_state", "tooltip",
                   "confirm", "cancel", "success", "placeholder", "label", "hint", "legal"]


def resource_keys(rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = []
    for area in RESOURCE_AREAS:
        for sub in rng.sample(["payment", "address", "card", "email", "password", "plan", "filters", "history",
                               "invoice", "delivery", "language", "privacy"], 5):
            for leaf in RESOURCE_LEAVES:
                out.append((f"{area}.{sub}.{leaf}", rng.choice([
                    f"Your {sub} could not be saved. Please try again.", f"Update your {sub}",
                    f"Are you sure you want to remove this {sub}?", f"No {sub} yet", f"{sub.capitalize()} saved"])))
    return out[:n]


LAW_ARTICLES_ES = ["Artículo {n}. Objeto.\n1. La presente ley tiene por objeto regular {x}.",
                   "Artículo {n}. Definiciones.\nA los efectos de esta ley se entenderá por: a) {x}...",
                   "Artículo {n}. Régimen sancionador.\n1. Constituyen infracciones muy graves: {x}...",
                   "Artículo {n}. Procedimiento.\nEl procedimiento se iniciará de oficio o a solicitud de {x}..."]
_LAW_X = ["el acceso de la ciudadanía a los servicios digitales", "la eficiencia energética de los edificios "
          "públicos", "la protección de las personas consumidoras en el ámbito financiero", "el régimen de las "
          "entidades del tercer sector", "la movilidad sostenible"]


def law_article_es(rng: random.Random, law: str, n: int) -> str:
    body = rng.choice(LAW_ARTICLES_ES).format(n=n, x=rng.choice(_LAW_X))
    pad = " ".join(rng.choice(["Las administraciones públicas", "garantizarán", "en el plazo de seis meses",
                               "conforme a lo dispuesto en", "la normativa de la Unión Europea",
                               "sin perjuicio de", "las competencias de las comunidades autónomas",
                               "se establecerán reglamentariamente"]) for _ in range(rng.randint(30, 140)))
    return f"{law}\n{body} {pad}."


def code_conso_article(rng: random.Random, num: str) -> str:
    pad = " ".join(rng.choice(["le professionnel", "communique au consommateur", "de manière lisible et "
                               "compréhensible", "avant la conclusion du contrat", "les informations suivantes",
                               "sous peine de", "l'amende administrative", "dans les conditions prévues"])
                   for _ in range(rng.randint(25, 110)))
    return f"Article {num}\n{pad}."


LEAFLET_DRUGS = ["Paracetamol", "Ibuprofeno", "Omeprazol", "Amoxicilina", "Loratadina", "Enalapril",
                 "Metformina", "Atorvastatina", "Salbutamol", "Cetirizina", "Diclofenaco", "Simvastatina",
                 "Levotiroxina", "Bisoprolol", "Lorazepam", "Dexketoprofeno", "Ramipril", "Pantoprazol"]


def leaflet(rng: random.Random, code: str, it: bool = False) -> str:
    drug = rng.choice(LEAFLET_DRUGS)
    form = rng.choice(["comprimidos recubiertos", "cápsulas duras", "solución oral", "sobres"])
    if it:
        return (f"AIC {code} — {drug} {rng.choice([200, 400, 500, 600])} mg. Riassumi il foglietto illustrativo "
                f"in linguaggio semplice per il sito (indicazioni, posologia, avvertenze, effetti indesiderati). "
                f"Testo del foglietto: [{rng.randint(6, 14)} pagine]")
    return (f"CN {code} — {drug} {rng.choice([1, 5, 20, 40, 400, 600])} mg {form}. Resume el prospecto para la "
            f"ficha web (para qué sirve, cómo tomarlo, precauciones, efectos adversos), máximo 150 palabras. "
            f"Prospecto: [{rng.randint(4, 12)} páginas]")


def museum_record(rng: random.Random, inv: str) -> str:
    obj = rng.choice(["Fragment de soierie", "Châle cachemire", "Échantillon de velours",
                      "Carnet de dessins de fabrique", "Dentelle aux fuseaux", "Tapisserie (fragment)"])
    tech = rng.choice(["lampas", "damas", "velours ciselé", "taffetas broché"])
    return (f"Notice d'inventaire {inv}. {obj}, "
            f"{rng.choice(['Lyon', 'Tours', 'Alençon', 'Cachemire', 'Venise', 'Damas'])}, "
            f"{rng.choice(['XVIIe', 'XVIIIe', 'XIXe', 'début XXe'])} siècle. Technique : {tech}. "
            f"Rédige un texte alternatif (moins de 250 caractères) et une notice grand public de 80 mots.")


def invoice_extract(rng: random.Random, num: str) -> str:
    return (f"Extrae en JSON (emisor, NIF, fecha, base imponible, IVA, total, concepto) de la factura {num}. "
            f"[PDF adjunto, {rng.randint(1, 3)} página(s)]")


def catalogue_item(rng: random.Random, sku: str, lang: str) -> str:
    prod = rng.choice(["zapatilla running", "chaqueta impermeable", "lampe de chevet", "Gartenschlauch 25 m",
                       "tazza in ceramica", "mochila 30 L", "coussin velours", "Akku-Bohrschrauber",
                       "vestido midi", "silla de oficina"])
    if lang == "fr":
        return f"Rédige la fiche produit SKU {sku} ({prod}) : titre SEO, 5 puces, description 120 mots. Attributs : " \
               f"{rng.choice(['coloris noir', 'taille M', 'coton bio'])}."
    if lang == "de":
        return f"Produkttext für Artikel {sku} ({prod}): Titel, 5 Stichpunkte, Beschreibung 120 Wörter."
    return f"Genera la ficha del SKU {sku} ({prod}): título SEO, 5 bullets, descripción de 120 palabras. " \
           f"Atributos: {rng.choice(['color negro', 'talla M', 'algodón orgánico'])}."


CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
CEFR_TOPICS = {
    "es": ["el subjuntivo presente", "ser y estar", "pretérito indefinido vs imperfecto", "por y para",
           "el condicional", "las perífrasis verbales", "los pronombres de objeto", "el imperativo"],
    "fr": ["le subjonctif", "le passé composé et l'imparfait", "les pronoms y et en", "l'accord du participe "
           "passé", "le conditionnel", "le discours indirect"],
    "en": ["present perfect", "conditionals", "phrasal verbs", "reported speech", "passive voice"],
}


def cefr_prompt(rng: random.Random, lang: str, level: str, topic: str) -> str:
    if lang == "es":
        return (f"Crea 10 ejercicios de nivel {level} sobre {topic} para alumnos adultos, con soluciones y una breve "
                f"explicación gramatical. Tema de vocabulario: "
                f"{rng.choice(['viajes', 'trabajo', 'salud', 'vivienda', 'ocio'])}.")
    if lang == "fr":
        return (f"Prépare une fiche de niveau {level} sur {topic} : rappel, 10 exercices à trous, corrigé. Thème : "
                f"{rng.choice(['voyage', 'travail', 'santé', 'logement'])}.")
    return f"Create a {level} worksheet on {topic}: 10 exercises with answer key, adult learners."


EXAM_REQUESTS = [
    "Prepara 4 varianti equivalenti di questo esercizio d'esame di {c} con soluzione completa e griglia di "
    "valutazione: {p}",
    "Verifica la soluzione proposta per questo esercizio di {c} e segnala eventuali errori: {p}",
    "Genera una domanda a risposta multipla di livello {lvl} su {s} con 4 opzioni e spiegazione dettagliata.",
    "Propose 3 variantes de cet exercice de {c} de difficulté comparable, avec corrigé détaillé : {p}",
]


def exam_request(rng: random.Random, course: str, sub: str) -> str:
    return fill(rng, rng.choice(EXAM_REQUESTS), {"c": [course], "p": [problem(rng, course, sub, 2)],
                                                 "lvl": ["medio", "difficile"], "s": [sub]})


CALL_CENTRE = [
    "Client : « {c} » — Propose une réponse courtoise conforme au script {client}, 80 mots max.",
    "Reformule plus poliment : « {r} »",
    "Résume l'appel pour le CRM (motif, action, suivi) : {c}",
]
_CC = {
    "c": ["Ma facture d'électricité a doublé ce mois-ci alors que je n'ai rien changé", "Ça fait trois semaines "
          "que ma box ne marche pas et personne ne me rappelle", "Je veux résilier mon forfait mobile sans frais",
          "On m'a prélevé deux fois l'abonnement", "Le technicien n'est jamais venu au rendez-vous de jeudi",
          "Je déménage, comment transférer mon contrat ?"],
    "client": ["Énergie", "Fibre", "Mobile", "Assurance habitation"],
    "r": ["Non c'est pas possible, faut rappeler le service technique", "Votre dossier est en cours on vous "
          "rappellera"],
}


def callcentre_prompt(rng: random.Random) -> str:
    return fill(rng, rng.choice(CALL_CENTRE), _CC)


DLP_WORK = ["Formuliere eine Antwort an [PERSON_1] zur Abschlagsänderung, Kundennummer [KUNDENNR], IBAN [IBAN].",
            "Fasse die Störungsmeldung zusammen: Netzgebiet [ORT], gemeldet von [PERSON_1], Telefon [TELEFON].",
            "Entwurf: Schreiben an [PERSON_1] wegen Zählerwechsel am [DATUM].",
            "Prüfe diesen Vertragsentwurf auf unklare Klauseln: [DOKUMENT 14 Seiten]",
            "Erstelle eine Tabelle der offenen Posten aus diesem Export: [TABELLE]",
            "Übersetze ins Englische: Sehr geehrte/r [PERSON_1], vielen Dank für Ihre Anfrage vom [DATUM]..."]

SUPPORT_SHOPS = {
    "moda": ("es", "Eres Carla, asistente de atención al cliente de Moda Brisa. Responde en el idioma del cliente, "
                   "con tono cercano. Política de devoluciones: 30 días. No inventes números de pedido.",
             ["hola, mi pedido {o} no ha llegado", "quiero devolver unos pantalones", "¿tenéis la talla M del "
              "vestido {o}?", "me habéis cobrado dos veces", "¿cuánto tarda el envío a Canarias?", "gracias!",
              "no me llega el correo de confirmación"]),
    "telco": ("fr", "Tu es l'assistant de Lumi Mobile (MVNO). Réponds brièvement. Ne promets jamais de geste "
                    "commercial sans validation. Escalade vers un conseiller si le client le demande.",
              ["ma carte SIM ne s'active pas", "je veux la portabilité de mon numéro, RIO {o}", "j'ai plus de "
               "réseau depuis ce matin", "c'est quoi le forfait le moins cher ?", "je veux parler à un conseiller",
               "merci"]),
    "souk": ("fr", "Vous êtes l'assistant de SoukNet.ma. Répondez en français ou en darija selon le client. "
                   "Paiement à la livraison disponible.",
             ["salam, fin wsl lcommande {o}?", "bghit nbdel l'adresse", "est-ce que le paiement à la livraison "
              "marche à Agadir ?", "lproduit ja m9ass", "chokran"]),
    "kurier": ("pl", "Jesteś asystentem firmy kurierskiej Szybka Paczka. Odpowiadaj krótko i uprzejmie.",
               ["gdzie jest moja paczka {o}?", "kurier nie przyszedł", "chcę zmienić adres dostawy", "dziękuję",
                "paczkomat jest pełny"]),
    "muebles": ("es", "Asistente de Casa Olmo Muebles. Informa plazos de montaje y garantía. Tono profesional.",
                ["¿cuándo me montan el armario del pedido {o}?", "la mesa ha llegado rayada", "gracias"]),
    "bank": ("it", "Sei l'assistente digitale di Banca Tirrena. Non chiedere mai PIN o password. Per operazioni "
                   "dispositive rimanda all'app.", ["ho bloccato la carta", "come attivo il bonifico istantaneo?",
                                                   "non riesco ad accedere all'app", "grazie"]),
}

SEO_KEYWORDS = ["meilleur aspirateur robot 2026", "comparatif mutuelle senior", "crédit conso sans justificatif",
                "meilleure friteuse sans huile", "assurance chien pas chère", "comment gagner de l'argent en "
                "ligne", "avis matelas Emma", "meilleur VPN gratuit", "trottinette électrique adulte",
                "pompe à chaleur prix", "rachat de crédit simulation", "casino en ligne fiable", "paris sportifs "
                "bonus", "box internet pas chère", "meilleure banque en ligne", "régime cétogène menu",
                "perdre du ventre rapidement", "purificateur d'air avis", "climatiseur mobile silencieux",
                "robot pâtissier comparatif"]
LISTING_ITEMS = ["Robe caftan brodée", "Huile d'argan pure 100 ml", "Babouches en cuir", "Tajine en terre cuite",
                 "Coque iPhone 15", "Écouteurs sans fil", "Montre connectée", "Sac à main cuir", "Djellaba homme",
                 "Tapis berbère 2x3", "Set de thé marocain", "Ceinture homme"]

WORKLOADS = {
    "leads": ("Score this lead 0-100 and justify in one line. Company: {co}; size: {sz}; message: \"{msg}\"",
              {"co": ["Acme Logistics", "Ferretería Ruiz", "Boulangerie Martin", "Nordic Parts AB", "Studio Pixel"],
               "sz": ["1-10", "11-50", "51-200", "200+"],
               "msg": ["Need a quote for 40 seats", "just browsing", "Pilot for Q1?", "price list please"]}),
    "reviews": ("Rédige une réponse à cet avis Google pour le restaurant {r} : « {a} »",
                {"r": ["Le Petit Zinc", "Chez Mona", "La Table d'Anaïs"],
                 "a": ["Service lent, plats froids", "Super accueil !", "Trop cher pour ce que c'est"]}),
    "pr": ("Review this diff and list bugs and risky changes:\n```diff\n{d}\n```",
           {"d": ["- if user.is_admin:\n+ if user.is_admin or user.id == 1:", "- timeout=30\n+ timeout=None",
                  "+ cursor.execute(f\"SELECT * FROM orders WHERE id={order_id}\")"]}),
    "listings": ("Escribe un anuncio inmobiliario atractivo: {t}, {m} m², {h} habitaciones, {z}. 150 palabras.",
                 {"t": ["piso", "ático", "chalet adosado", "estudio"], "m": [45, 68, 85, 110, 140],
                  "h": [1, 2, 3, 4], "z": ["Chamberí", "Ruzafa", "Triana", "Gràcia", "Indautxu"]}),
    "tickets": ("Kategorisiere dieses Support-Ticket und schreibe einen Antwortentwurf: \"{t}\"",
                {"t": ["Rechnung doppelt abgebucht", "Passwort-Reset funktioniert nicht", "Lieferung fehlt",
                       "Kündigung zum Monatsende"]}),
    "seo_pl": ("Napisz artykuł SEO (800 słów) na frazę „{k}” dla sklepu internetowego.",
               {"k": ["najlepszy ekspres do kawy", "jak wybrać materac", "rower elektryczny opinie",
                      "odkurzacz pionowy ranking"]}),
}


def workload(rng: random.Random, kind: str) -> str:
    tpl, pools = WORKLOADS[kind]
    return fill(rng, tpl, pools)


# --------------------------------------------------------------------------------------------
# system prompts

APP_SYSTEM = ("You are Alcor, an AI assistant made by Alcor AI. The current date is {date}. Answer in the user's "
              "language. [app system prompt, 2.8k tokens]")
CLI_SYSTEM = "You are alcor-cli, an interactive coding agent. Tools: read_file, edit_file, bash, grep, glob. " \
             "[tool definitions and environment, 9k tokens]"
TESSEL_SYSTEM = "You are Tessel AI, a pair programmer inside the Tessel editor. Follow the user's code style. " \
                "Use the provided tools to read and edit files. [tools, 6k tokens] Workspace: {ws}"
AGORA_SYSTEM = "You are an autonomous agent running on Agora. Plan, call tools, and report. Available tools: " \
               "web_search, browse, python, files. [agent scaffold, 4k tokens] Task owner: {ws}"
MINDLANE_SYSTEM = "Eres Mindlane, un tutor para estudiantes de secundaria y bachillerato. Guía paso a paso, no " \
                  "des la respuesta final de inmediato. Adapta el nivel al curso del alumno: {ws}."
