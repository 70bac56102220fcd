// Runs one scenario with the official Node SDK named in the request (stdin JSON) and prints what the
// client saw as JSON: {result, headers} or {error: {name, status, type}}. Driven by test_node_clients.py.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

const input = JSON.parse(await new Promise((resolve) => {
  let data = "";
  process.stdin.on("data", (chunk) => (data += chunk));
  process.stdin.on("end", () => resolve(data));
}));
const { sdk, base, key, scenario, text } = input;

const openai = () => new OpenAI({ baseURL: base, apiKey: key, organization: "org-conformance",
  project: "proj_conformance", maxRetries: 0, timeout: 30000 });
const anthropic = () => new Anthropic({ baseURL: base, apiKey: key, maxRetries: 0, timeout: 30000,
  defaultHeaders: { "x-app": "cli" } });
const headersOf = (response) => Object.fromEntries([...response.headers.entries()]);
const user = [{ role: "user", content: text }];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const scenarios = {
  async "openai.chat"() {
    const { data, response } = await openai().chat.completions.create({ model: "gpt-4o", messages: user,
      max_completion_tokens: 100 }).withResponse();
    return { result: data, headers: headersOf(response) };
  },
  async "openai.chat.stream"() {
    const { data: stream, response } = await openai().chat.completions.create({ model: "gpt-4o", messages: user,
      stream: true }).withResponse();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { result: chunks, headers: headersOf(response) };
  },
  async "openai.responses.stream"() {
    const stream = openai().responses.stream({ model: "gpt-5", input: text, reasoning: { effort: "low",
      summary: "auto" } });
    const events = [];
    for await (const event of stream) events.push(event);
    return { result: { events, final: await stream.finalResponse() } };
  },
  async "openai.responses.background"() {
    const client = openai();
    const { data: created, response } = await client.responses.create({ model: "gpt-5", input: text,
      background: true, reasoning: { effort: "low" } }).withResponse();
    let final = created;
    for (let i = 0; i < 200 && ["queued", "in_progress"].includes(final.status); i++) {
      await sleep(100);
      final = await client.responses.retrieve(created.id);
    }
    return { result: { created, final }, headers: headersOf(response) };
  },
  async "openai.responses.background.cancel"() {
    const client = openai();
    const created = await client.responses.create({ model: "gpt-5-slow-background", input: text,
      background: true });
    let state = created;
    for (let i = 0; i < 200 && state.status === "queued"; i++) {
      await sleep(100);
      state = await client.responses.retrieve(created.id);
    }
    const { data: cancelled, response } = await client.responses.cancel(created.id).withResponse();
    const again = await client.responses.cancel(created.id);
    return { result: { created, state, cancelled, again }, headers: headersOf(response) };
  },
  async "openai.responses.background.resume"() {
    const client = openai();
    const stream = await client.responses.create({ model: "gpt-5", input: text, background: true, stream: true,
      reasoning: { effort: "low" } });
    const first = [];
    for await (const event of stream) {
      first.push(event);
      if (first.length === 6) break; // leaves: breaking out aborts the request
    }
    const { data: again, response } = await client.responses.retrieve(first[0].response.id,
      { stream: true, starting_after: first.at(-1).sequence_number }).withResponse();
    const resumed = [];
    for await (const event of again) resumed.push(event);
    return { result: { first, resumed }, headers: headersOf(response) };
  },
  async "openai.embeddings"() {
    const { data, response } = await openai().embeddings.create({ model: "text-embedding-3-small",
      input: [text, "two"], dimensions: 8 }).withResponse();
    return { result: data, headers: headersOf(response) };
  },
  async "openai.error429"() {
    await openai().chat.completions.create({ model: "gpt-4o-fail-429", messages: user });
  },
  async "openai.error500"() {
    await openai().chat.completions.create({ model: "gpt-4o-fail-500", messages: user });
  },
  async "anthropic.beta.thinking"() {
    const { data, response } = await anthropic().beta.messages.create({ model: "claude-sonnet-4-5",
      max_tokens: 32000, thinking: { type: "enabled", budget_tokens: 31999 },
      betas: ["claude-code-20250219", "interleaved-thinking-2025-05-14"], messages: user }).withResponse();
    return { result: data, headers: headersOf(response) };
  },
  async "anthropic.stream"() {
    const stream = anthropic().messages.stream({ model: "claude-sonnet-4-5", max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object",
        properties: { city: { type: "string" } } } }], messages: user });
    const events = [];
    for await (const event of stream) events.push(event);
    return { result: { events, final: await stream.finalMessage() } };
  },
  async "anthropic.error529"() {
    await anthropic().messages.create({ model: "claude-sonnet-4-5-fail-529", max_tokens: 10, messages: user });
  },
  async "anthropic.models"() {
    const models = [];
    for await (const model of anthropic().models.list()) models.push(model);
    return { result: models };
  },
};

try {
  const out = await scenarios[`${sdk}.${scenario}`]();
  process.stdout.write(JSON.stringify(out ?? {}));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: { name: error.constructor.name, status: error.status ?? null,
    type: error.error?.error?.type ?? error.error?.type ?? null,
    retryAfter: error.headers?.get?.("retry-after") ?? null } }));
}
