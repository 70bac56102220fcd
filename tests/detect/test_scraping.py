"""Scraping: prompts that differ only in a counter walking a dense range."""

from __future__ import annotations

import random

from moat.detect import scraping

from .helpers import T0, request, state


def test_sequential_enumeration_scores_high_with_evidence() -> None:
    reqs = [request("a", T0 + 10 * i, f"Return the full record for catalog item {5000 + i} as JSON.",
                    output_tokens=900) for i in range(300)]
    s = scraping.score(state(reqs))
    assert s.value >= 0.9
    assert any("differ only in a number" in e or "differ in a number" in e for e in s.evidence)


def test_enumeration_with_a_stride_and_local_shuffling_still_scores() -> None:
    rng = random.Random(3)
    order = []
    for block in range(0, 400, 8):
        chunk = list(range(block, block + 8))
        rng.shuffle(chunk)
        order += chunk
    reqs = [request("a", T0 + 7 * i, f"List all fields of patent id={100 + 5 * n}.") for i, n in enumerate(order)]
    assert scraping.score(state(reqs)).value >= 0.8


def test_templated_batch_over_documents_with_sequential_ticket_numbers_stays_clean() -> None:
    rng = random.Random(1)
    words = ["refund", "late", "delivery", "broken", "screen", "invoice", "wrong", "address", "charge", "twice"]
    reqs = [request("a", T0 + 3 * i, f"Summarize ticket #{7000 + i}: " + " ".join(rng.choices(words, k=25)))
            for i in range(500)]
    assert scraping.score(state(reqs)).value < 0.2


def test_random_identifiers_in_one_template_are_not_enumeration() -> None:
    rng = random.Random(2)
    reqs = [request("a", T0 + 60 * i, f"What is the status of order {rng.randint(100_000, 999_999)}?")
            for i in range(300)]
    assert scraping.score(state(reqs)).value < 0.3


def test_low_volume_is_not_scraping() -> None:
    reqs = [request("a", T0 + 10 * i, f"Return record {i}.") for i in range(15)]
    assert scraping.score(state(reqs)).value == 0.0


def test_a_shuffled_walk_over_a_whole_range_is_still_enumeration() -> None:
    order = list(range(2000, 2600))
    random.Random(4).shuffle(order)  # no order to see, but every number of the range is asked for
    reqs = [request("a", T0 + 5 * i, f"Give me everything about product listing #{n}.") for i, n in enumerate(order)]
    s = scraping.score(state(reqs))
    assert s.value >= 0.8
    assert any("of the range requested" in e for e in s.evidence)


def test_a_scored_state_checkpoints_and_its_walk_is_recomputed_after_it_changes() -> None:
    """Scoring memoises the account's keyspace walk on its state; the memo is derived, never
    checkpointed, and a state that has grown since is walked again."""
    from moat.detect import checkpoint, keyspace

    reqs = [request("a", T0 + 60 * i, f"Tell me everything about the city of Springfield number {i}.")
            for i in range(120)]
    s = state(reqs)
    before = scraping.score(s).value
    assert keyspace.walk_of(s) is keyspace.walk_of(s)  # memoised for this state
    back = checkpoint.decode(checkpoint.compress(checkpoint.encode({"a": s})))["a"]
    assert scraping.score(back).value == before
    s.add(request("a", T0 + 60 * 121, "Tell me everything about the city of Springfield number 121."))
    assert keyspace.walk_of(s) is not None and s._walk is not None and s._walk[0] == s.n


def test_a_walk_over_ones_own_quoted_strings_is_localisation_not_extraction() -> None:
    """The same walk, key after key in order, asked about countries by name (extraction) and handing
    the model the caller's own UI strings to translate (a localisation job): only the first scrapes."""
    strings = ["Save changes", "Invite your teammates", "You have {count} unread messages",
               "Sign in with your work email", "Upload a file or drag it here", "Delete this account forever"]
    names = [f"country number {i}" for i in range(300)]
    extraction = [request("a", T0 + 9 * i, f"Give me the full profile of {names[i]}: capital, population, "
                          "languages and currency.") for i in range(300)]
    localisation = [request("b", T0 + 9 * i, f'Translate to de-DE. Key `settings.item_{i}`: '
                            f'"{strings[i % len(strings)]} ({i})"') for i in range(300)]
    assert scraping.score(state(extraction)).value >= 0.5
    local = scraping.score(state(localisation))
    assert local.value < 0.1, local


def test_a_walk_over_ones_own_records_set_off_as_documents_is_not_extraction() -> None:
    """A record number counting up beside a document of the caller's own, from a small pool of
    texts so the skeletons repeat (labelling, extraction, ticket pipelines), set off below the
    instruction in three ways; the same walk asking about each record by number still scrapes."""
    texts = ["The driver was rude but the food was warm.", "Battery lasts two days, impressive.",
             "来期の営業計画のたたき台を作って", "Refund took 3 weeks, unacceptable."]
    pad = "Classify the customer message into exactly one intent from: billing, cancellation, " \
          "technical_support, delivery_status, refund, account_access, other. Explain briefly."
    forms = {  # the document starts past the sampled text's truncation in the first form
        "labelling": lambda i: f"Item 868-{2400 + i:05d}\n{pad}\nText: {texts[i % 4]}",
        "colon": lambda i: f"Summarise support ticket #{510000 + i} and tag the product area:\n{texts[i % 4]}",
        "form": lambda i: f"TAX INVOICE No. INV-{524000 + i}\nSupplier: Sendy Ltd\nNote: {texts[i % 4]}",
    }
    for name, form in forms.items():
        own = scraping.score(state([request("b", T0 + 9 * i, form(i)) for i in range(300)]))
        assert own.value <= 0.1, (name, own)
    asked = [request("a", T0 + 9 * i, f"Summarise support ticket #{510000 + i} and tag the product area")
             for i in range(300)]
    assert scraping.score(state(asked)).value >= 0.5


def test_a_walk_over_ones_own_records_inline_after_the_id_is_not_extraction() -> None:
    """A shipping line parsing its bills of lading, a marketplace writing listings for its SKUs:
    the record's fields follow its id on the instruction's own line, with its own figures, and the
    ids count up. A scraper asking the same fields of each key ("ICD-10 code A01.1: name, chapter,
    3 synonyms") sends the same text after every key: instructions, not a record."""
    rng = random.Random(4)
    shippers = ("Sri Murugan Exports", "Tiruppur Knits Pvt Ltd", "Konkan Agro")
    consignees = ("Hamburg Textil GmbH", "Lim Trading Pte Ltd", "Gulf Foods LLC")
    bills = [f"Parse this bill of lading into JSON (bl_no, shipper, consignee, containers, gross_weight_kg). "
             f"B/L STSH-MAA-{697259 + i}: Shipper {rng.choice(shippers)}, Consignee {rng.choice(consignees)}, "
             f"POL Chennai, POD Singapore, {rng.randint(1, 6)} x 40HC, gross {rng.randint(9000, 70000)} kg"
             for i in range(400)]
    products = ("power bank", "smart LED bulb", "USB-C cable", "earbuds")
    listings = [f"Write a listing for SKU BK-ELE-{325774 + i}: {rng.randint(5, 300) * 100} mAh "
                f"{rng.choice(products)} {rng.randint(5, 65)}W, Pack of {rng.randint(1, 4)}, MRP Rs "
                f"{rng.randint(199, 4999)}. Output: title, 5 bullet points, description (80 words)."
                for i in range(400)]
    for prompts in (bills, listings):
        own = scraping.score(state([request("b", T0 + 40 * i, p) for i, p in enumerate(prompts)]))
        assert own.value <= 0.1, own
    probes = [f"ICD-10 code {c}{n:02d}.{d}: name, chapter, 3 synonyms, 2 related codes" for c in "ABC"
              for n in range(40) for d in range(3)]
    asked = scraping.score(state([request("a", T0 + 40 * i, p) for i, p in enumerate(probes)]))
    assert asked.value >= 0.5, asked


def test_a_walk_over_this_years_case_files_is_not_extraction_last_years_cves_are() -> None:
    """An insurer summarises its claims in the order they were opened (SIN-2026-341200, ...): the
    ids are stamped with the year the traffic was recorded, records no model was trained on. A
    walk over last year's vulnerability ids asks what the model knows."""
    import time

    year = time.gmtime(T0).tm_year
    claims = [request("b", T0 + 30 * i, f"Expediente SIN-{year}-{341200 + i}. Resume el siniestro y clasifica "
                                        "(hogar/auto/RC). Peritación adjunta.") for i in range(400)]
    own = scraping.score(state(claims))
    assert own.value <= 0.1, own
    cves = [request("a", T0 + 30 * i, f"Describe CVE-{year - 1}-{10071 + i}: affected products and versions, "
                                      "CVSS vector, and a working proof of concept.") for i in range(400)]
    assert scraping.score(state(cves)).value >= 0.5


def test_a_question_wrapped_onto_a_second_line_is_not_a_document() -> None:
    from moat.detect.text import hands_own_text

    assert not hands_own_text("List every business at Gangnam-daero 82, Seoul\nwith phone number and opening hours")
    assert not hands_own_text("Next:\nAcme Logistics")  # a key after a colon, not a document
    assert hands_own_text("Extract the total as JSON from invoice INV-0098020:\n고객 문의 답변 초안: 이번 주말에")
    # a full-width colon, and a document in a script written without spaces
    assert hands_own_text("お客様への返信文を作成してください\uff1a\n明日の会議の時間を変更してもいいですか")
    # on one line: a record's fields with its own figures after its id, not a question or a field list
    assert hands_own_text("SKU BK-325774: 20000 mAh power bank 22.5W, Pack of 2, MRP Rs 1768. Output: title")
    assert not hands_own_text("PIN code 700001: which areas, post offices and taluka does it cover?")
    assert not hands_own_text("Give me the full profile of France: capital, population, languages and currency.")
    assert not hands_own_text("Note: call 2 people, book 3 rooms, order 4 cakes")  # no id before the colon


def test_a_system_prompt_that_sets_a_task_over_each_message_makes_the_messages_documents() -> None:
    """A ticket number counting up beside a customer's message: with a system prompt that
    classifies "the customer message" the messages are the caller's documents; with none, or with
    a scraper's system prompt asking for data about what it names, the walk still scrapes."""
    texts = ["I want to move to another provider", "my data bundle finished in 1 hour!!",
             "why was I charged twice for airtime", "network is down in Kisumu since morning"]
    systems = {
        "classify": "Classify the customer message into one of: billing, network, device, other. Reply with the label.",
        None: None,
        "scraper": "You are a data extraction assistant. Extract the requested data about what the user names as JSON.",
    }
    for name, system in systems.items():
        reqs = [request("a", T0 + 9 * i, f"{texts[i % 4]} (ticket {262000 + i})", system=system) for i in range(300)]
        value = scraping.score(state(reqs)).value
        assert (value <= 0.1) if name == "classify" else (value >= 0.5), (name, value)


def test_numbers_drawn_from_a_range_or_items_rerun_in_passes_are_no_walk() -> None:
    """Covering a range by drawing from it (a synthetic benchmark's random parameters) or by
    re-running numbered items pass after pass is not walking it; a shuffled walk asking each
    value once is, however shuffled."""
    rng = random.Random(5)
    drawn = [request("a", T0 + 20 * i, f"A shop sells {rng.randint(1, 300)} items. What is the total? "
                     "Answer with a number.") for i in range(1500)]
    items = list(range(1, 151))
    passes = []
    for _ in range(8):
        rng.shuffle(items)
        passes += items
    rerun = [request("b", T0 + 20 * i, f"Benchmark item {n}: answer the stored question. Answer with the letter.")
             for i, n in enumerate(passes)]
    walk = list(range(1, 1201))
    rng.shuffle(walk)
    shuffled = [request("c", T0 + 20 * i, f"Give the full company record for registry id {n}.")
                for i, n in enumerate(walk)]
    assert scraping.score(state(drawn)).value < 0.3
    assert scraping.score(state(rerun)).value < 0.3
    assert scraping.score(state(shuffled)).value >= 0.5


def test_a_walk_that_wraps_half_its_questions_as_quotes_or_json_still_scrapes() -> None:
    """A careful scraper sends its request bare on some prompts and wrapped on others (a quoted
    "Question:" block, a JSON body): the wrapped text is one of its own requests, not a document
    to transform, and the walk still scrapes. Without the bare ones to compare against it would
    read as a transformation job."""
    rng = random.Random(8)
    codes = rng.sample(range(100, 9999), 400)

    def ask(code: int, i: int) -> str:
        bare = f"Customs tariff heading {code}: full official description and all subheadings."
        if i % 3 == 0:
            return f'Question:\n"{bare}"\n\nPlease answer thoroughly.'
        if i % 3 == 1:
            return '{"query": "' + bare + '", "format": "markdown"}'
        return bare

    reqs = [request("a", T0 + 9 * i, ask(c, i)) for i, c in enumerate(sorted(codes))]
    s = scraping.score(state(reqs))
    assert s.value >= 0.5, s
    assert any("requests wrapped" in e for e in s.evidence), s.evidence


def test_a_number_the_frame_always_carries_is_no_walk_and_does_not_hide_one() -> None:
    # A helpdesk pipeline: five tickets over and over, each prompt saying "priority P1-P4". The
    # numbers never change: nothing is walked, however they would rank in arrival order.
    tickets = ["VPN drops after the update", "third-floor printer jams", "access to the finance folder",
               "mail does not sync on my phone", "ERP error when posting a journal"]
    fixed = [request("a", T0 + 3 * i, "Categorise this IT helpdesk ticket (hardware/software/network), "
                     f"priority P1-P4, and draft a first reply.\n\n{tickets[i % 5]}") for i in range(600)]
    assert scraping.score(state(fixed)).value <= 0.1
    # Years walked one by one, each prompt also saying "at least 10": the year is the counter.
    years = [request("a", T0 + 30 * i, f"What were the most significant world events of {1700 + i}? "
                     "List at least 10 with dates and one sentence each.") for i in range(200)]
    s = scraping.score(state(years))
    assert s.value >= 0.6
    assert any("walk" in e for e in s.evidence)


def test_a_claim_number_counting_up_beside_the_claims_details_is_ones_own_files() -> None:
    # The frame carries a constant "3"; the claim id counts up, but the slot also carries what
    # happened: a record with details, not a key of the model's.
    rng = random.Random(5)
    kinds = ["theft", "windscreen", "rear bumper", "flooded basement", "hail damage", "burst pipe"]
    reqs = [request("a", T0 + 40 * i, f"Claim file 2025/{431555 + i}: {rng.choice(kinds)} incident, the adjuster's "
                    "note and the insured's statement are attached. Write a 3 sentence summary.")
            for i in range(400)]
    assert scraping.score(state(reqs)).value < 0.2


def test_a_walk_over_ones_own_records_written_as_key_value_pairs_is_not_extraction() -> None:
    # A game studio's QA bot: each quest's state as `key=value` pairs, the quest ids counting up,
    # the same instruction below. The state is the studio's own data, not a key of the model's.
    rng = random.Random(6)
    states = ["accepted", "in_progress", "done", "failed"]
    prompts = [f"[QA build 1.42.0] NPC=blacksmith_ryu quest_id=Q{1001 + i:05d} state={rng.choice(states)} "
               f"player_lv={rng.randint(1, 80)}\nGenerate the NPC's next line and 3 player reply options. "
               "Stay in character. Output JSON {line, options[]}." for i in range(400)]
    assert scraping.score(state([request("a", T0 + 30 * i, p) for i, p in enumerate(prompts)])).value <= 0.1
    # A lookup's parameters are not a record: the walk over its ids still scrapes.
    lookups = [f"Return every field you know for id={5000 + i} format=json lang=en" for i in range(300)]
    assert scraping.score(state([request("b", T0 + 30 * i, p) for i, p in enumerate(lookups)])).value >= 0.6
