"""Text features: elicitation phrasing, skeletons with counters, topics, stable shingles."""

from __future__ import annotations

import pytest

from moat.detect import text


@pytest.mark.parametrize("prompt", ["Let's think step by step.", "Show all of your work.",
                                    "Explain your reasoning, then answer", "Walk me through the chain-of-thought",
                                    "Justify your answer.", "THINK CAREFULLY before answering",
                                    "can you write it dow nstep by step",  # a typo glues a letter on
                                    "次の問題をstep by stepで解いて", "Give the rationale for each step.",
                                    "Quick question: think step by step"])
def test_elicitation_phrasings_are_recognised(prompt: str) -> None:
    assert text.elicits_reasoning(prompt)


@pytest.mark.parametrize("prompt", ["What is the capital of France?", "Summarize this ticket", "", None,
                                    "The steps are on the left",
                                    # a pasted traceback: "rationale" inside another word
                                    "now I get sqlalchemy.exc.OperationalError: (psycopg2.OperationalError)",
                                    # a bounded justification: a labelling job's line, not a trace
                                    "Label the sentiment and give a one-sentence rationale.",
                                    "Briefly explain your reasoning.", "Justify your answer in one sentence.",
                                    "Give a one-paragraph rationale, then the label on the last line."])
def test_ordinary_prompts_are_not_elicitation(prompt: str | None) -> None:
    assert not text.elicits_reasoning(prompt)


def test_skeleton_replaces_every_number_and_keeps_them() -> None:
    assert text.skeleton("Item 42 of catalog 7") == ("item # of catalog #", [42, 7])
    assert text.skeleton("No numbers here") == ("no numbers here", [])


def test_topics_ignore_punctuation_and_case() -> None:
    assert text.topics("Photosynthesis? And (eigenvalues), plus the Cold War.") >= {"biology", "mathematics", "history"}


def test_shingles_are_stable_across_processes() -> None:
    # crc32, not hash(): the same text must give the same signature in every detector worker
    assert text.shingles("one two three four") == [2015744983, 1044035734]


def test_own_text_is_read_on_the_head_of_a_long_prompt() -> None:
    """A document handed over begins near the instruction; an agent's long context is not read
    whole: a quote far past the head does not count."""
    assert text.hands_own_text("Summarise this log:\n" + "worker 3 restarted after a timeout\n" * 50_000)
    late = "List every business at Gangnam-daero 82 " + "x" * text.OWN_CHARS + ' "quoted three words here"'
    assert not text.hands_own_text(late)


@pytest.mark.parametrize("prompt", [
    "Give a hard graduate problem in number theory and solve it with full step-by-step reasoning.",
    "Pose a challenging undergraduate question about paediatrics, then reason through it carefully.",
    "Write a worked example in causal reasoning at expert level: problem, chain of reasoning, answer.",
    'Return JSON only: {"question": str, "reasoning_steps": [str], "answer": str}. Topic: geometry.',
    "Escribe un problema difícil de geometría y resuélvelo paso a paso.",
    "Erstelle eine schwierige Aufgabe zur Analysis und löse sie Schritt für Schritt.",
    "Ułóż trudne zadanie z dziedziny chemii i rozwiąż je krok po kroku.",
    "Придумай сложную задачу по теории вероятностей и реши её по шагам.",
    "出一道关于概率的难题\uff0c并给出详细解答。",
])
def test_a_problem_the_model_is_asked_to_make_up_and_solve(prompt: str) -> None:
    assert text.poses_own_problem(prompt)


@pytest.mark.parametrize("prompt", [
    "Solve this problem step by step: a train leaves at 9:00 at 80 km/h ...",
    "Can you solve this problem I have with my landlord?",
    "How do I write a question for my customer survey?",
    "Explain why my proof of the lemma fails at step 3.",
    "Resuelve este problema: 3x + 2 = 11, paso a paso.",
])
def test_a_problem_the_caller_brings_is_not_made_up(prompt: str) -> None:
    assert not text.poses_own_problem(prompt)


@pytest.mark.parametrize("prompt", [
    "Translate the following instruction into Georgian, then write a detailed, high-quality answer in Georgian. "
    "Output JSON with keys instruction, input, output.  Instruction: Explain how credit cards work.",
    'Return only {"instruction": "<the task>", "input": "", "response": "<your answer>"} for: summarise a memo',
    "Write a JSONL line with fields prompt and completion for this topic: tax returns.",
    "Give two answers to the question below as a preference pair, with keys chosen and rejected.",
    '{"chosen": "...", "rejected": "..."}: fill both for the question: what is inflation?',
])
def test_a_training_record_asked_for_by_its_fields(prompt: str) -> None:
    assert text.asks_for_record(prompt)


@pytest.mark.parametrize("prompt", [
    "Read the instruction below and output the total price in euros.",
    "Follow these instructions. Output only JSON with keys name, price and currency.",
    "My printer shows an error: 'instruction not supported'. What should I do?",
    "Which answer was chosen by the committee, and which was rejected, in the 1998 vote?",
    "Autocomplete is broken in VS Code: the completion list is empty after the prompt.",
    None,
])
def test_an_answer_to_a_question_is_no_training_record(prompt: str | None) -> None:
    assert not text.asks_for_record(prompt)
