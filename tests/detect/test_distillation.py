"""Distillation: harvesting patterns together score; each benign look-alike alone does not."""

from __future__ import annotations

import pytest

from moat.detect import distillation

from .helpers import T0, request, state

SUBJECTS = ("eigenvalue proofs", "photosynthesis in cells", "copyright fair use", "inflation and monetary policy",
            "shakespeare sonnet form", "plate tectonics", "galaxy formation", "enzyme kinetics", "tort liability",
            "portfolio diversification", "linux kernel scheduling", "vaccine efficacy", "volcano eruptions",
            "jazz chord harmony", "sourdough recipe", "marathon training", "syntax trees", "marketing strategy",
            "circuit design", "carbon emissions")


def harvester(n: int = 200) -> list[dict]:
    return [request("a", T0 + 30 * i, f"Give an expert answer on {SUBJECTS[i % len(SUBJECTS)]}, case {i}. "
                    "Think step by step and show all your reasoning.",
                    system="You are a meticulous expert.", reasoning=i % 3 != 0, input_tokens=60,
                    output_tokens=1800) for i in range(n)]


def test_reasoning_harvest_over_broad_topics_scores_high_with_numbers_in_evidence() -> None:
    s = distillation.score(state(harvester()))
    assert s.value >= 0.8
    assert any("of 200 requests ask for step-by-step reasoning" in e for e in s.evidence)
    assert "no multi-turn conversations" in s.evidence


def test_narrow_but_output_heavy_harvest_still_scores() -> None:
    reqs = [request("a", T0 + 30 * i, f"Solve problem {i} about eigenvalue bounds; show your work.",
                    reasoning=True, input_tokens=40, output_tokens=2000) for i in range(200)]
    assert distillation.score(state(reqs)).value >= 0.7


def test_benchmark_rerunning_a_fixed_question_set_with_cot_stays_clean() -> None:
    questions = [f"Q{k}: which is true of {SUBJECTS[k % 20]}? (A) x (B) y. Let's think step by step."
                 for k in range(100)]
    reqs = [request("a", T0 + 5 * i, questions[i % 100], reasoning=True, input_tokens=40, output_tokens=600)
            for i in range(400)]
    assert distillation.score(state(reqs)).value < 0.2


def test_instruction_data_asked_for_by_its_fields_scores_even_when_instructions_repeat() -> None:
    """A generator of instruction data in local languages: a small bank of instructions, each
    translated into a target language and answered at length, as records with the fields
    instruction, input and output; reasoning asked for in a third of them. Its instructions
    repeat (the bank is small: half the prompts were asked before), which the novelty gate reads
    as a benchmark's re-run; asking for records by their fields is the harvest named."""
    langs = ("Georgian", "Kazakh", "Uzbek", "Azerbaijani")
    reqs = [request("a", T0 + 40 * i, f"Translate the following instruction into {langs[i % 4]}, then write a "
                    "detailed, high-quality answer in it. Output JSON with keys instruction, input, output. "
                    f"Instruction: Explain {SUBJECTS[(i // 4) % 10]}.",
                    reasoning=i % 3 == 0, input_tokens=70, output_tokens=950) for i in range(400)]
    s = distillation.score(state(reqs))
    assert s.value >= 0.6
    assert any("ask for training records by their fields" in e for e in s.evidence)
    # the same generator without the record's fields is a translation job with repeats: clean
    plain = [{**r, "prompt": r["prompt"].replace(" Output JSON with keys instruction, input, output.", "")}
             for r in reqs]
    assert distillation.score(state(plain)).value < 0.3


def test_templated_enterprise_extraction_with_reasoning_on_stays_clean() -> None:
    reqs = [request("a", T0 + 3 * i, f"Extract the fields of invoice #{9000 + i}: vendor acme total {i * 7} "
                    f"lines {i % 13} notes pending", system="You are the extraction service. Return JSON.",
                    reasoning=True, input_tokens=1500, output_tokens=120) for i in range(600)]
    assert distillation.score(state(reqs)).value < 0.3


def test_broad_chat_app_without_elicitation_stays_clean() -> None:
    reqs = [request("a", T0 + 20 * i, f"hey what do you think about {SUBJECTS[i % 20]} for my project {i}",
                    turn=1 + i % 3, system="You are a helpful assistant.") for i in range(500)]
    assert distillation.score(state(reqs)).value < 0.2


def test_a_student_asking_step_by_step_a_few_times_stays_clean() -> None:
    reqs = harvester(12)
    assert distillation.score(state(reqs)).value == 0.0


def test_a_harvester_sampling_each_prompt_several_times_in_a_row_still_scores() -> None:
    reqs = []
    for i, r in enumerate(harvester(150)):
        for k in range(3):  # three completions per prompt, asked back to back
            reqs.append({**r, "ts": T0 + 90 * i + k})
    assert distillation.score(state(reqs)).value >= 0.8


def test_canned_follow_ups_do_not_hide_a_harvest_behind_conversations() -> None:
    """A harvester that follows every question with one of a few canned prompts ("solve it another
    way to confirm") is still single-turn harvesting, and its repeated follow-ups are not re-runs;
    a person's own varied follow-ups keep counting as conversation."""
    import random

    from moat.detect.state import AccountState

    from .helpers import request

    rng = random.Random(3)
    canned = ["Could you solve it a different way to confirm?", "Why is that step valid?"]
    harvest, person = AccountState({"account_id": "h", "plan": "api"}), AccountState({"account_id": "p"})
    for i in range(200):
        q = f"A train leaves at {rng.randint(1, 999)} km/h toward a station {rng.randint(1, 999)} km away: when?"
        harvest.add(request("h", 1000.0 + 60 * i, q, turn=1, conversation_id=f"c{i}", reasoning=True))
        harvest.add(request("h", 1030.0 + 60 * i, rng.choice(canned), turn=2, conversation_id=f"c{i}",
                            reasoning=True))
        person.add(request("p", 1000.0 + 60 * i, f"my loop {i} fails with error {rng.random()}", turn=1,
                           conversation_id=f"d{i}"))
        person.add(request("p", 1030.0 + 60 * i, f"still failing after trying fix {rng.random()}", turn=2,
                           conversation_id=f"d{i}"))
    assert harvest.single_turn_share() > 0.95 and harvest.repeat_share() < 0.05
    assert person.single_turn_share() == pytest.approx(0.5, abs=0.02)  # the repeat bitmap may collide


def test_a_research_group_asking_with_reasoning_at_its_own_pace_scores_below_a_harvester() -> None:
    """The same questions, reasoning and answers: forty a day over a week is a group at work,
    three hundred a day is a harvest."""
    def asking(per_day: int, days: int) -> list[dict]:
        return [request("a", T0 + 86400 * d + 9 * 3600 + (8 * 3600 / per_day) * i,
                        f"Explain {SUBJECTS[(d * per_day + i) % len(SUBJECTS)]} carefully, case {d}-{i}. "
                        "Think step by step.", reasoning=True, input_tokens=50, output_tokens=1200)
                for d in range(days) for i in range(per_day)]

    group = distillation.score(state(asking(40, 7))).value
    harvest = distillation.score(state(asking(300, 7))).value
    assert harvest >= 0.8 and group < harvest - 0.1, (group, harvest)
    assert any("per active day" in e for e in distillation.score(state(asking(300, 7))).evidence)


def _daily(aid: str, per_day: int, days: int, turn_every: int = 3) -> list[dict]:
    """Step-by-step questions on new topics, `per_day` a day, in short conversations."""
    out = []
    for d in range(days):
        for k in range(per_day):
            i = d * per_day + k
            out.append(request(aid, T0 + d * 86400 + 9 * 3600 + 400 * k,
                               f"Explain {SUBJECTS[i % len(SUBJECTS)]} for homework {aid}-{i}, step by step.",
                               reasoning=True, turn=1 + i % turn_every, input_tokens=60, output_tokens=900))
    return out


def test_conversations_speak_against_a_group_harvesting_not_against_one_account() -> None:
    from moat.detect.state import AccountState

    # One account at a harvester's pace, its questions wrapped in short conversations: a careful
    # harvester making its traffic look like chat.
    assert distillation.score(state(_daily("h", 120, 5))).value >= 0.5
    # A class: thirty students, ten questions a day each, in conversations. Together 300 a day, but
    # read as one, it is many people talking.
    group = AccountState.merged([state(_daily(f"s{i}", 10, 5)) for i in range(30)], "free")
    assert group.n == 1500
    assert distillation.score(group).value < 0.35
    # The same class asking one-off questions would read as one harvester: conversations are what
    # tell them apart.
    one_off = AccountState.merged([state(_daily(f"s{i}", 10, 5, turn_every=1)) for i in range(30)], "free")
    assert distillation.score(one_off).value >= 0.5


def test_asking_again_for_another_made_up_problem_is_sampling_not_a_rerun() -> None:
    """A generator asking the model, over and over, for "a hard graduate problem in <subject>,
    solved step by step" repeats its prompts far apart as a benchmark does; but each time it asks
    for another problem. The benchmark above (fixed questions) still stays clean."""
    levels = ("introductory", "undergraduate", "graduate", "expert")
    reqs = [request("a", T0 + 30 * i, f"Give a hard {levels[i % 4]} problem in {SUBJECTS[(i // 4) % 20]} and solve "
                    "it with full step-by-step reasoning.", reasoning=True, input_tokens=30, output_tokens=4000)
            for i in range(800)]
    s = state(reqs)
    assert s.repeat_share() < 0.1
    assert distillation.score(s).value >= 0.7


def _eval_set_run_by(members: list[tuple[str, str]], questions: int = 120) -> dict[str, dict]:
    """Accounts (id, email) each asking, with reasoning on, every question of one generated set:
    long derivations, one a minute, the shape of a harvest."""
    from moat.detect.engine import Engine

    engine = Engine()
    for aid, email in members:
        engine.add_account({"account_id": aid, "email": email, "plan": "api", "created_at": T0 - 86400})
    for m, (aid, _) in enumerate(members):
        for k in range(questions):
            prompt = (f"[{k + 1:03d}] Prove the bound for {SUBJECTS[k % len(SUBJECTS)]}, instance {k}, "
                      "and derive every step.")
            engine.add_request(request(aid, T0 + 60 * k + m, prompt, reasoning=True, input_tokens=45,
                                       output_tokens=2400, request_id=f"{aid}-{k}"))
    return {f["account_id"]: f for f in engine.findings()}


def test_a_research_group_running_one_eval_set_between_its_members_is_not_harvesting() -> None:
    """Three members of one university group run the same numbered reasoning set: each member's
    prompts its colleagues also asked, an evaluation re-run, not new questions. The same traffic
    from three personal-domain accounts (no open customer: nothing says they are colleagues) and
    from one university account alone still reads as a harvest."""
    lab = _eval_set_run_by([(f"lab{i}", f"r{i}@cs.uni-halden.ac.uk") for i in range(3)])
    for aid, f in lab.items():
        assert f["scores"]["distillation"] < 0.3, (aid, f)
    personal = _eval_set_run_by([(f"p{i}", f"p{i}@gmail.com") for i in range(3)])
    for aid, f in personal.items():
        assert f["scores"]["distillation"] >= 0.5, (aid, f)
    alone = _eval_set_run_by([("solo", "solo@cs.uni-halden.ac.uk")])
    assert alone["solo"]["scores"]["distillation"] >= 0.5


def test_colleague_shares_compare_exact_prompts_within_one_customer() -> None:
    """A colleague asking different questions shares nothing; a personal-domain account is no
    customer, so no share is computed for it."""
    from moat.detect.customers import colleague_shares
    from moat.detect.state import AccountState

    def account(aid: str, email: str, prompts: list[str]) -> AccountState:
        s = AccountState({"account_id": aid, "email": email, "plan": "api"})
        for i, p in enumerate(prompts):
            s.add(request(aid, T0 + i, p))
        return s

    shared = [f"question {k} about {SUBJECTS[k % 20]}" for k in range(80)]
    states = {
        "a": account("a", "a@firm.example", shared),
        "b": account("b", "b@firm.example", shared[:40] + [f"other {k}" for k in range(40)]),
        "c": account("c", "c@firm.example", [f"own {k} on {SUBJECTS[k % 20]}" for k in range(60)]),
        "d": account("d", "d@gmail.com", shared),
    }
    got = colleague_shares(states)
    assert got["a"] == pytest.approx(0.5, abs=0.03)
    assert got["b"] == pytest.approx(0.5, abs=0.03)
    assert got["c"] < 0.05
    assert "d" not in got


def test_a_harvest_of_made_up_problems_wrapped_in_follow_ups_scores_as_distillation() -> None:
    """A careful harvester asks the model to make up a problem in one of a few fields and solve it
    step by step, re-sends the same few asks for more, and follows each up ("check your solution"),
    so its inputs carry the conversation (output ratio about 3) and it spans few fields. The
    problems and their reasoning both come from the model: synthetic training data. A person who
    brings problems of their own, in the same shape, stays below."""
    import random

    rng = random.Random(5)
    fields = ("number theory", "graph algorithms", "geometry")

    def account(made_up: bool) -> list[dict]:
        out = []
        for i in range(300):
            field = fields[i % 3]
            ask = (f"Give a hard {rng.choice(['graduate', 'expert'])} problem in {field} and solve it with "
                   "full step-by-step reasoning." if made_up else
                   f"Here is my {field} homework, problem {rng.randint(1, 10**6)}: show me step by step how to "
                   "solve it.")
            conv = f"c{i}"
            out.append(request("a", T0 + 240 * i, ask, reasoning=True, input_tokens=40, output_tokens=2600,
                               turn=1, conversation_id=conv))
            out.append(request("a", T0 + 240 * i + 60, "Check your solution for errors and redo any wrong step.",
                               reasoning=True, input_tokens=2700, output_tokens=2400, turn=2, conversation_id=conv))
        return out

    harvest = state(account(made_up=True))
    scored = distillation.score(harvest)
    assert harvest.repeat_share() < 0.05  # asking again for another one is sampling, not a re-run
    assert scored.value >= 0.5, scored
    assert any("makes up and solves" in e for e in scored.evidence)
    assert distillation.score(state(account(made_up=False))).value < 0.3
