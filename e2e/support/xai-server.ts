// A local stand-in for xAI's Responses API (POST /v1/responses, server-sent events), scripted per scenario and
// recording every request, so the app's real @ai-sdk/xai provider can be driven end to end.
//
// A scenario is chosen by the API key: "Authorization: Bearer xai-test-<scenario>". Unknown keys get a 401, like xAI.
// Control API (JSON): PUT /__scenarios/<id> {responses: [...]}, GET /__scenarios/<id>/requests, GET /__health.
// Run standalone (Node ≥ 23 strips the types): node e2e/support/xai-server.ts --port 4301 [--idle-exit 300]
// Dependency-free on purpose: tests, benchmarks and the standalone process all load this one file.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { json, readBody } from "./http-body.ts";
import { readFileSync } from "node:fs";

export type JsonObject = Record<string, unknown>;

export type ScriptedResponse =
  | {
      kind: "stream";
      /** `data:` payloads, sent in order, each as one SSE event. */
      events: JsonObject[];
      /** Pause before each event (ms). */
      delayMs?: number;
      /** Destroy the connection after this many events (a dropped stream). */
      dropAfter?: number;
      /** Stop sending after this many events and keep the connection open until the client goes away. */
      hangAfter?: number;
    }
  | { kind: "error"; status: number; body?: JsonObject; headers?: Record<string, string> };

export interface Scenario {
  responses: ScriptedResponse[];
  /** Record the time each event is written (benchmarks). */
  recordWrites?: boolean;
  /** What to send once the script is used up (default: a short text answer). */
  after?: ScriptedResponse;
}

export interface RecordedRequest {
  at: number;
  path: string;
  body: JsonObject;
  /** Only whether a key came, never the key itself. */
  hasAuthorization: boolean;
  /** When the response was completely sent (benchmarks: end of a step → next request). */
  respondedAt?: number;
  /** When each event was written (only with `recordWrites`; benchmarks measure per-chunk latency from it). */
  writes?: number[];
}

interface State {
  scenario: Scenario;
  served: number;
  requests: RecordedRequest[];
}

// ---------------------------------------------------------------------------------------------------------------
// Building responses
// ---------------------------------------------------------------------------------------------------------------

let idCounter = 0;
const nextId = (prefix: string) => `${prefix}_${++idCounter}`;

export interface StepSpec {
  reasoning?: string;
  text?: string;
  toolCalls?: Array<{ name: string; args: unknown; callId?: string; rawArguments?: string }>;
  usage?: { input?: number; cached?: number; output?: number; reasoning?: number; costTicks?: number };
  /** Split text into deltas of this many characters (default 12). */
  chunk?: number;
  /** Pause before each event (ms): a model that streams at its own pace. */
  delayMs?: number;
}

/** One model step as xAI streams it: optional reasoning summary, text deltas, function calls, then usage. */
export function step(spec: StepSpec): ScriptedResponse {
  const responseId = nextId("resp");
  const events: JsonObject[] = [
    { type: "response.created", response: { id: responseId, object: "response", model: "grok-4.3", output: [], status: "in_progress" } },
  ];
  let index = 0;
  const size = spec.chunk ?? 12;
  if (spec.reasoning !== undefined) {
    const id = nextId("rs");
    const output_index = index++;
    events.push({ type: "response.output_item.added", output_index, item: { id, type: "reasoning", summary: [], status: "in_progress" } });
    events.push({ type: "response.reasoning_summary_part.added", item_id: id, output_index, summary_index: 0, part: { type: "summary_text", text: "" } });
    for (const delta of pieces(spec.reasoning, size))
      events.push({ type: "response.reasoning_summary_text.delta", item_id: id, output_index, summary_index: 0, delta });
    events.push({
      type: "response.output_item.done",
      output_index,
      item: { id, type: "reasoning", summary: [{ type: "summary_text", text: spec.reasoning }], status: "completed", encrypted_content: `enc-${id}` },
    });
  }
  if (spec.text !== undefined) {
    const id = nextId("msg");
    const output_index = index++;
    events.push({ type: "response.output_item.added", output_index, item: { id, type: "message", role: "assistant", content: [], status: "in_progress" } });
    for (const delta of pieces(spec.text, size))
      events.push({ type: "response.output_text.delta", item_id: id, output_index, content_index: 0, delta });
    events.push({
      type: "response.output_item.done",
      output_index,
      item: { id, type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: spec.text, annotations: [] }] },
    });
  }
  for (const call of spec.toolCalls ?? []) {
    const id = nextId("fc");
    const call_id = call.callId ?? nextId("call");
    const output_index = index++;
    const args = call.rawArguments ?? JSON.stringify(call.args);
    events.push({ type: "response.output_item.added", output_index, item: { id, type: "function_call", call_id, name: call.name, arguments: "", status: "in_progress" } });
    for (const delta of pieces(args, Math.max(8, Math.ceil(args.length / 3))))
      events.push({ type: "response.function_call_arguments.delta", item_id: id, output_index, delta });
    events.push({ type: "response.output_item.done", output_index, item: { id, type: "function_call", call_id, name: call.name, arguments: args, status: "completed" } });
  }
  const u = spec.usage ?? {};
  events.push({
    type: "response.completed",
    response: {
      id: responseId,
      object: "response",
      model: "grok-4.3",
      output: [],
      status: "completed",
      usage: {
        input_tokens: u.input ?? 1000,
        input_tokens_details: { cached_tokens: u.cached ?? 0 },
        output_tokens: u.output ?? 50,
        output_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
        total_tokens: (u.input ?? 1000) + (u.output ?? 50),
        ...(u.costTicks !== undefined ? { cost_in_usd_ticks: u.costTicks } : {}),
      },
    },
  });
  return { kind: "stream", events, ...(spec.delayMs !== undefined ? { delayMs: spec.delayMs } : {}) };
}

/** A recorded real stream (one JSON event per line), e.g. e2e/fixtures/xai/recorded-*.jsonl. */
export function recorded(file: string, delayMs = 0): ScriptedResponse {
  const events = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as JsonObject);
  return { kind: "stream", events, delayMs };
}

export function httpError(status: number, message: string, headers: Record<string, string> = {}): ScriptedResponse {
  return { kind: "error", status, headers, body: { code: String(status), error: message } };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}

// ---------------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------------

export interface XaiServer {
  url: string;
  port: number;
  setScenario(id: string, scenario: Scenario): void;
  requests(id: string): RecordedRequest[];
  close(): Promise<void>;
}

export function startXaiServer(options: { port?: number; host?: string; idleExitMs?: number } = {}): Promise<XaiServer> {
  const states = new Map<string, State>();
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    if (!options.idleExitMs) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => server.close(() => process.exit(0)), options.idleExitMs);
    idleTimer.unref?.();
  };

  const server: Server = createServer(async (req, res) => {
    touch();
    try {
      const url = new URL(req.url ?? "/", "http://local");
      if (url.pathname === "/__health") return json(res, 200, { ok: true });
      const control = /^\/__scenarios\/([^/]+)(\/requests)?$/.exec(url.pathname);
      if (control) {
        const id = decodeURIComponent(control[1] as string);
        if (req.method === "PUT" && !control[2]) {
          states.set(id, { scenario: JSON.parse(await readBody(req)) as Scenario, served: 0, requests: [] });
          return json(res, 200, { ok: true });
        }
        if (req.method === "GET" && control[2]) return json(res, 200, states.get(id)?.requests ?? []);
        return json(res, 404, { error: "unknown control call" });
      }
      if (req.method === "POST" && url.pathname.endsWith("/responses")) {
        const raw = await readBody(req);
        const auth = req.headers.authorization ?? "";
        const key = /^Bearer xai-test-(.+)$/.exec(auth)?.[1];
        const state = key ? states.get(key) : undefined;
        if (!state) return json(res, 401, { code: "Client specified an invalid argument", error: "Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai." });
        const record: RecordedRequest = { at: performance.timeOrigin + performance.now(), path: url.pathname, body: JSON.parse(raw) as JsonObject, hasAuthorization: auth !== "" };
        state.requests.push(record);
        const response = state.scenario.responses[state.served] ?? state.scenario.after ?? step({ text: "(the script has no more steps)" });
        state.served++;
        if (state.scenario.recordWrites) record.writes = [];
        await serve(res, req, response, record.writes);
        record.respondedAt = performance.timeOrigin + performance.now();
        return;
      }
      json(res, 404, { error: `No route ${req.method} ${url.pathname}` });
    } catch (error) {
      json(res, 500, { error: String(error) });
    }
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      touch();
      resolve({
        url: `http://127.0.0.1:${port}/v1`,
        port,
        setScenario: (id, scenario) => states.set(id, { scenario, served: 0, requests: [] }),
        requests: (id) => states.get(id)?.requests ?? [],
        close: () =>
          new Promise<void>((done) => {
            clearTimeout(idleTimer);
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

async function serve(res: ServerResponse, req: IncomingMessage, response: ScriptedResponse, writes?: number[]): Promise<void> {
  if (response.kind === "error") {
    res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
    res.end(JSON.stringify(response.body ?? { error: `HTTP ${response.status}` }));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  let closed = false;
  req.on("close", () => (closed = true));
  // Paced on a fixed schedule (event i is due i + 1 delays after the start), as a remote model sends at its own rate:
  // when timers fire late (a busy machine), the events that are due go out at once instead of every later event
  // slipping, so the stand-in's rate does not depend on how much CPU the app under test takes beside it.
  const started = performance.now();
  for (const [i, event] of response.events.entries()) {
    if (closed) return;
    if (response.dropAfter !== undefined && i >= response.dropAfter) {
      res.destroy();
      return;
    }
    if (response.hangAfter !== undefined && i >= response.hangAfter) return; // left open until the client aborts
    const wait = response.delayMs ? started + (i + 1) * response.delayMs - performance.now() : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    writes?.push(performance.timeOrigin + performance.now());
  }
  res.end();
}


// ---------------------------------------------------------------------------------------------------------------
// Remote control (tests in several Playwright workers share one server process)
// ---------------------------------------------------------------------------------------------------------------

export class XaiControl {
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  async setScenario(id: string, scenario: Scenario): Promise<void> {
    const res = await fetch(`${this.origin}/__scenarios/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(scenario) });
    if (!res.ok) throw new Error(`xai-server: could not set scenario ${id}: ${res.status}`);
  }

  async requests(id: string): Promise<RecordedRequest[]> {
    const res = await fetch(`${this.origin}/__scenarios/${encodeURIComponent(id)}/requests`);
    return (await res.json()) as RecordedRequest[];
  }
}

/** Makes sure a server listens on `port` (starting a detached one that exits after idling), and returns control. */
export async function ensureXaiServer(port: number): Promise<XaiControl> {
  const origin = `http://127.0.0.1:${port}`;
  const up = async () => {
    try {
      return (await fetch(`${origin}/__health`)).ok;
    } catch {
      return false;
    }
  };
  if (!(await up())) {
    const { spawn } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--port", String(port), "--idle-exit", "300"], {
      detached: true,
      stdio: "ignore",
    });
    child.unref();
    for (let i = 0; i < 100 && !(await up()); i++) await new Promise((r) => setTimeout(r, 100));
    if (!(await up())) throw new Error(`xai-server did not start on port ${port}`);
  }
  return new XaiControl(origin);
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  startXaiServer({ port: Number(arg("--port") ?? 4301), idleExitMs: Number(arg("--idle-exit") ?? 0) * 1000 }).then(
    (s) => console.log(`xai-server listening on ${s.url}`),
    (error: NodeJS.ErrnoException) => {
      // Another worker won the race: that server serves everyone.
      process.exit(error.code === "EADDRINUSE" ? 0 : 1);
    },
  );
}
