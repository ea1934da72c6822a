// A local stand-in for an OpenAI-compatible Chat Completions endpoint (Ollama, LM Studio, llama.cpp server, vLLM,
// OpenRouter all speak it): POST {base}/chat/completions with `stream: true` answers server-sent events
// `data: {"choices":[{"delta":{...}}]}` … `data: [DONE]`, tool calls streamed as argument fragments, and a usage chunk
// only when the request asks for one (`stream_options.include_usage`), as OpenAI does. Scripted per scenario, recording
// every request, so the app's real @ai-sdk/openai-compatible provider can be driven end to end.
//
// A scenario is chosen by the base URL — `${url}/s/<scenario>/v1` — which leaves the model id and the key free to be
// checked. Dependency-free on purpose, like xai-server.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { json, readBody } from "./http-body.ts";

export type JsonObject = Record<string, unknown>;

export type ChatCompletionsResponse =
  | { kind: "stream"; chunks: JsonObject[]; usage?: JsonObject; delayMs?: number }
  | { kind: "error"; status: number; body: JsonObject; headers?: Record<string, string> };

export interface RecordedChatRequest {
  path: string;
  body: JsonObject;
  /** The Authorization header as it arrived (test keys only), or null. */
  authorization: string | null;
}

export interface ChatStepSpec {
  reasoning?: string;
  text?: string;
  toolCalls?: Array<{ name: string; args: unknown; id?: string }>;
  usage?: { prompt?: number; completion?: number; cached?: number; reasoning?: number };
  /** Characters per text delta (default 8). */
  chunk?: number;
  /** The model id the server reports (default: the one requested). */
  model?: string;
}

let counter = 0;

/** One model step as a Chat Completions stream: reasoning (`reasoning_content`), text, tool calls, finish, usage. */
export function chatStep(spec: ChatStepSpec): ChatCompletionsResponse {
  const id = `chatcmpl-${++counter}`;
  const chunk = (delta: JsonObject, finish: string | null = null): JsonObject => ({
    id,
    object: "chat.completion.chunk",
    created: 1_764_000_000,
    ...(spec.model ? { model: spec.model } : {}),
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const size = spec.chunk ?? 8;
  const chunks: JsonObject[] = [chunk({ role: "assistant", content: "" })];
  for (const piece of pieces(spec.reasoning ?? "", size)) chunks.push(chunk({ reasoning_content: piece }));
  for (const piece of pieces(spec.text ?? "", size)) chunks.push(chunk({ content: piece }));
  for (const [index, call] of (spec.toolCalls ?? []).entries()) {
    const args = JSON.stringify(call.args);
    // The first fragment names the call; its arguments follow in pieces that are not valid JSON on their own.
    chunks.push(chunk({ tool_calls: [{ index, id: call.id ?? `call_${counter}_${index}`, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const piece of pieces(args, Math.max(3, Math.ceil(args.length / 4)))) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  }
  chunks.push(chunk({}, spec.toolCalls?.length ? "tool_calls" : "stop"));
  const u = spec.usage ?? {};
  const usage = {
    prompt_tokens: u.prompt ?? 100,
    completion_tokens: u.completion ?? 20,
    total_tokens: (u.prompt ?? 100) + (u.completion ?? 20),
    ...(u.cached !== undefined ? { prompt_tokens_details: { cached_tokens: u.cached } } : {}),
    ...(u.reasoning !== undefined ? { completion_tokens_details: { reasoning_tokens: u.reasoning } } : {}),
  };
  return { kind: "stream", chunks, usage };
}

/** An error response in OpenAI's shape: `{ error: { message, type, code } }`. */
export function chatError(status: number, message: string, headers: Record<string, string> = {}): ChatCompletionsResponse {
  return { kind: "error", status, headers, body: { error: { message, type: status === 401 ? "invalid_request_error" : "server_error", code: String(status) } } };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export interface OpenAIServer {
  /** Origin only; a scenario's base URL is `baseURL(scenario)`. */
  url: string;
  baseURL(scenario: string): string;
  setScenario(id: string, responses: ChatCompletionsResponse[]): void;
  requests(id: string): RecordedChatRequest[];
  close(): Promise<void>;
}

export function startOpenAIServer(): Promise<OpenAIServer> {
  const scenarios = new Map<string, { responses: ChatCompletionsResponse[]; served: number; requests: RecordedChatRequest[] }>();
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://local");
      const match = /^\/s\/([^/]+)\/v1\/chat\/completions$/.exec(url.pathname);
      if (req.method !== "POST" || !match) return json(res, 404, { error: { message: `No route ${req.method} ${url.pathname}`, type: "not_found" } });
      const scenario = scenarios.get(decodeURIComponent(match[1] as string));
      if (!scenario) return json(res, 404, { error: { message: "Unknown scenario", type: "not_found" } });
      const body = JSON.parse(await readBody(req)) as JsonObject;
      scenario.requests.push({ path: url.pathname, body, authorization: req.headers.authorization ?? null });
      const response = scenario.responses[scenario.served++] ?? chatStep({ text: "(the script has no more steps)" });
      await serve(req, res, response, body);
    } catch (error) {
      json(res, 500, { error: { message: String(error), type: "server_error" } });
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      const url = `http://127.0.0.1:${port}`;
      resolve({
        url,
        baseURL: (scenario) => `${url}/s/${encodeURIComponent(scenario)}/v1`,
        setScenario: (id, responses) => scenarios.set(id, { responses, served: 0, requests: [] }),
        requests: (id) => scenarios.get(id)?.requests ?? [],
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, response: ChatCompletionsResponse, body: JsonObject): Promise<void> {
  if (response.kind === "error") {
    res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
    res.end(JSON.stringify(response.body));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  let closed = false;
  req.on("close", () => (closed = true));
  const model = typeof body.model === "string" ? body.model : "unknown";
  const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const chunks: JsonObject[] = response.chunks.map((c) => ({ model, ...c }));
  // OpenAI sends usage in one more chunk with no choices, after the finish reason, only when asked.
  if (wantsUsage && response.usage) chunks.push({ id: chunks[0]?.id, object: "chat.completion.chunk", created: 1_764_000_000, model, choices: [], usage: response.usage });
  for (const chunk of chunks) {
    if (closed) return;
    if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  res.end("data: [DONE]\n\n");
}

