"""`previous_response_id` across accounts, with the official Python and Node `openai` SDKs and the OpenAI
Agents SDK, through Moat.

What OpenAI does (the spec): in the Responses API, `responses.create(model=…, input=…,
previous_response_id=ID)` with an ID the caller does not know answers HTTP 400 with the body

    {"error": {"message": "Previous response with id 'ID' not found.", "type": "invalid_request_error",
               "param": "previous_response_id", "code": "previous_response_not_found"}}

and the SDKs raise `BadRequestError` (status 400) carrying that `code`, `param` and `type`. A gateway that
keeps each account's stored responses private must refuse an account continuing ANOTHER account's response
exactly that way (the message may have at most something appended after the id's sentence), and the
upstream must not hear of the attempt; the owning account continuing its own response still works.

Accounts: `conf-api` (API_KEY) owns the response, `conf-pro` (PRO_KEY) is the other account. The fake
upstream does not check `previous_response_id` (every account reaches it with the same upstream
credential), so the refusal has to be Moat's.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import openai

from tests.conformance.conftest import API_KEY, NODE_DIR, PRO_KEY, Gateway
from tests.conformance.fake_upstream import FakeUpstream
from tests.conformance.relay import check
from tests.conformance.test_openai_python import client_for

MODEL = "gpt-5"


def nonce() -> str:
    return f"conformance previous response {uuid.uuid4().hex[:8]}"


def expected_message(rid: str) -> str:
    return f"Previous response with id '{rid}' not found."


def creates_continuing(fake: FakeUpstream, mark: int, rid: str) -> list[str]:
    """Credentials of the `POST /v1/responses` since `mark` that continue `rid` (what reached the upstream)."""
    found = []
    for rec in fake.since(mark):
        if rec.method != "POST" or rec.path != "/v1/responses":
            continue
        try:
            body = json.loads(rec.decoded_body)
        except ValueError:
            continue
        if isinstance(body, dict) and body.get("previous_response_id") == rid:
            found.append(rec.header("authorization") or "")
    return found


def error_problems(who: str, rid: str, status: Any, code: Any, param: Any, kind: Any, message: Any) -> list[str]:
    problems = []
    if status != 400:
        problems.append(f"{who}: status {status!r}, expected 400")
    if code != "previous_response_not_found":
        problems.append(f"{who}: code {code!r}, expected 'previous_response_not_found'")
    if param != "previous_response_id":
        problems.append(f"{who}: param {param!r}, expected 'previous_response_id'")
    if kind != "invalid_request_error":
        problems.append(f"{who}: type {kind!r}, expected 'invalid_request_error'")
    if not isinstance(message, str) or not message.startswith(expected_message(rid)):
        problems.append(f"{who}: message {message!r}, expected to start with {expected_message(rid)!r}")
    return problems


def sdk_error_problems(who: str, rid: str, exc: openai.APIStatusError) -> list[str]:
    """`error_problems` for an error the Python openai SDK raised (directly or under the Agents SDK)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    problems = [] if isinstance(exc, openai.BadRequestError) else [
        f"{who} raised {type(exc).__name__}, expected BadRequestError (body {exc.body!r})"]
    return problems + error_problems(who, rid, exc.status_code, exc.code, exc.param, exc.type, body.get("message"))


def owners_response(moat: Gateway) -> str:
    made = client_for(f"{moat.url}/v1", API_KEY).responses.create(model=MODEL, input=nonce())
    assert made.status == "completed" and made.id, made
    return made.id


# -- Python `openai` --------------------------------------------------------------------------------------


def test_python_another_account_cannot_continue_a_response(fake: FakeUpstream, moat: Gateway) -> None:
    owner = client_for(f"{moat.url}/v1", API_KEY)
    other = client_for(f"{moat.url}/v1", PRO_KEY)
    rid = owners_response(moat)
    problems: list[str] = []

    mark = fake.mark()
    try:
        answered = other.responses.create(model=MODEL, input=nonce(), previous_response_id=rid)
        problems.append(f"another account continued the response: {answered.status} {answered.id}")
    except openai.APIStatusError as exc:
        problems += sdk_error_problems("Python SDK", rid, exc)
    leaked = creates_continuing(fake, mark, rid)
    if leaked:
        problems.append(f"another account's continuation reached the upstream ({len(leaked)} request(s))")

    continued = owner.responses.create(model=MODEL, input=nonce(), previous_response_id=rid)
    if continued.status != "completed" or not continued.output_text:
        problems.append(f"the owner's continuation: {continued.status} {continued.output_text!r}")
    check(problems)


# -- Node `openai` ----------------------------------------------------------------------------------------

NODE_SCRIPT = """
import OpenAI from "openai";

const input = JSON.parse(await new Promise((resolve) => {
  let data = "";
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
}));
const { base, key, rid, text, model } = input;
const client = new OpenAI({ baseURL: base, apiKey: key, maxRetries: 0, timeout: 30000 });
try {
  const made = await client.responses.create({ model, input: text, previous_response_id: rid });
  process.stdout.write(JSON.stringify({ result: { id: made.id, status: made.status, text: made.output_text } }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: {
    name: error.constructor.name,
    isBadRequest: error instanceof OpenAI.BadRequestError,
    isApiError: error instanceof OpenAI.APIError,
    status: error.status ?? null, code: error.code ?? null, param: error.param ?? null,
    type: error.type ?? null, body: error.error ?? null, message: String(error.message) } }));
}
"""


def run_node_inline(payload: dict[str, Any]) -> dict[str, Any]:
    """The script as an ES module from `-e`, in node/ so that `openai` resolves to the pinned SDK."""
    done = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=60, cwd=NODE_DIR)
    if done.returncode != 0:
        raise RuntimeError(f"node failed: {done.stderr}")
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def test_node_another_account_cannot_continue_a_response(node_modules: Path, fake: FakeUpstream,
                                                         moat: Gateway) -> None:
    rid = owners_response(moat)
    base = f"{moat.url}/v1"
    problems: list[str] = []

    mark = fake.mark()
    out = run_node_inline({"base": base, "key": PRO_KEY, "rid": rid, "text": nonce(), "model": MODEL})
    if "error" not in out:
        problems.append(f"another account continued the response (Node): {out['result']!r}")
    else:
        error = out["error"]
        if not error["isBadRequest"]:
            problems.append(f"Node SDK threw {error['name']}, expected BadRequestError: {error!r}")
        body = error["body"] if isinstance(error["body"], dict) else {}
        problems += error_problems("Node SDK", rid, error["status"], error["code"], error["param"], error["type"],
                                   body.get("message"))
    leaked = creates_continuing(fake, mark, rid)
    if leaked:
        problems.append(f"another account's continuation reached the upstream ({len(leaked)} request(s))")

    own = run_node_inline({"base": base, "key": API_KEY, "rid": rid, "text": nonce(), "model": MODEL})
    if "error" in own or own["result"]["status"] != "completed":
        problems.append(f"the owner's continuation (Node): {own!r}")
    check(problems)


# -- OpenAI Agents SDK ------------------------------------------------------------------------------------


def test_agents_sdk_another_account_cannot_continue_a_response(fake: FakeUpstream, moat: Gateway) -> None:
    import agents  # a test dependency (pyproject): installed wherever the suite runs, never skipped
    agents.set_tracing_disabled(True)
    rid = owners_response(moat)

    def agent_for(key: str) -> Any:
        client = openai.AsyncOpenAI(base_url=f"{moat.url}/v1", api_key=key, max_retries=0, timeout=30)
        return agents.Agent(name="conformance", instructions="Be terse.",
                            model=agents.OpenAIResponsesModel(model=MODEL, openai_client=client))

    def run(key: str) -> Any:
        return asyncio.run(agents.Runner.run(agent_for(key), nonce(), previous_response_id=rid))

    problems: list[str] = []
    mark = fake.mark()
    try:
        result = run(PRO_KEY)
        problems.append(f"another account continued the response (Agents SDK): {result.final_output!r}")
    except openai.APIStatusError as exc:
        problems += sdk_error_problems("Agents SDK", rid, exc)
    if creates_continuing(fake, mark, rid):
        problems.append("another account's continuation reached the upstream (Agents SDK)")

    own = run(API_KEY)
    if not own.final_output:
        problems.append(f"the owner's continuation (Agents SDK) has no output: {own!r}")
    check(problems)
