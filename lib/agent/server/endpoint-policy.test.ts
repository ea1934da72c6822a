// Regression tests for issue 10's findings 1 and 2, through the real chat service and the real OpenAI-compatible
// provider: the server's keys go only to endpoints its configuration names, and an endpoint a browser chose tells the
// browser nothing about what listens on the server's network.
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, SqlChatStore } from "@/lib/chat-store";
import { chatStep, startOpenAIServer, type OpenAIServer } from "@/e2e/support/openai-server";
import type { BrowserEndpointPolicy } from "@/lib/server/config";
import type { ChatRequest } from "../protocol";
import { handleChat } from "./chat-service";
import { readChatResponse, chatHeaders } from "./chat-response.test-support";

let model: OpenAIServer;
let store: SqlChatStore;
/** A listener of the attacker's choice: records every request's headers. */
let listener: Server;
let listenerPort = 0;
const heard: Array<Record<string, string | string[] | undefined>> = [];
/** A port that accepts TCP and speaks something that is not HTTP. */
let notHttp: TcpServer;
let notHttpPort = 0;

beforeAll(async () => {
  model = await startOpenAIServer();
  store = new SqlChatStore(await pgliteClient());
  listener = createServer((req, res) => {
    heard.push(req.headers);
    res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "listener-secret-reply-9876" } }));
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  listenerPort = (listener.address() as AddressInfo).port;
  notHttp = createTcpServer((s) => s.end("SSH-2.0-OpenSSH_9.6\r\n"));
  await new Promise<void>((r) => notHttp.listen(0, "127.0.0.1", r));
  notHttpPort = (notHttp.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await model?.close();
  await store?.close();
  listener?.close();
  notHttp?.close();
});

const SERVER_KEYS = { XAI_API_KEY: "xai-server-secret-1234", OPENAI_COMPATIBLE_API_KEY: "oc-server-secret-5678" };
const user = (id: string, text: string): ChatRequest["messages"][number] => ({ id, role: "user", parts: [{ type: "text", text }] });
let chats = 0;

async function ask(baseURL: string, env: Record<string, string>, policy: BrowserEndpointPolicy, key?: string) {
  const body: ChatRequest = { chatId: `policy-${++chats}`, anchor: null, messages: [user("u1", "hi")], model: { provider: "openai-compatible", model: "m", baseURL } };
  const response = await handleChat(body, chatHeaders(key), new AbortController().signal, { store, env, browserEndpoints: policy });
  if (response.headers.get("content-type")?.includes("application/json")) return { status: response.status, json: (await response.json()) as { code: string; message: string }, errors: [] };
  const read = await readChatResponse(response);
  return { status: response.status, json: null, errors: read.errors };
}

describe("the server's keys go only to endpoints its configuration names", () => {
  it("a browser-chosen endpoint never receives the server's key, whichever provider the server uses", async () => {
    heard.length = 0;
    await ask(`http://127.0.0.1:${listenerPort}/v1`, { TANDEM_MODEL_PROVIDER: "xai", ...SERVER_KEYS }, "local");
    await ask(`http://127.0.0.1:${listenerPort}/v1`, { TANDEM_MODEL_PROVIDER: "openai-compatible", OPENAI_COMPATIBLE_BASE_URL: model.baseURL("x"), ...SERVER_KEYS }, "local");
    expect(heard.length).toBeGreaterThan(0);
    for (const headers of heard) {
      const all = JSON.stringify(headers);
      expect(all).not.toContain("server-secret");
      expect(headers.authorization).toBeUndefined();
    }
  });

  it("gets the browser's own key, and nothing else", async () => {
    heard.length = 0;
    await ask(`http://127.0.0.1:${listenerPort}/v1`, { TANDEM_MODEL_PROVIDER: "xai", ...SERVER_KEYS }, "local", "sk-browser-own");
    expect(heard.map((h) => h.authorization)).toEqual(["Bearer sk-browser-own"]);
  });

  it("the server's own endpoint, however the browser spells it, still gets the server's key", async () => {
    model.setScenario("own", [chatStep({ text: "ok" })]);
    const base = model.baseURL("own");
    const env = { TANDEM_MODEL_PROVIDER: "openai-compatible", OPENAI_COMPATIBLE_BASE_URL: base, ...SERVER_KEYS };
    const res = await ask(`${base}/`, env, "off");
    expect(res.errors).toEqual([]);
    expect(model.requests("own").map((r) => r.authorization)).toEqual(["Bearer oc-server-secret-5678"]);
  });

  it("with browser endpoints off, a browser-chosen base URL is refused with what to do, and nothing is sent", async () => {
    heard.length = 0;
    const res = await ask(`http://127.0.0.1:${listenerPort}/v1`, { TANDEM_MODEL_PROVIDER: "xai", ...SERVER_KEYS }, "off");
    expect(res.status).toBe(400);
    expect(res.json?.message).toMatch(/Clear the base URL/);
    expect(heard).toEqual([]);
  });
});

describe("the server's network is not the browser's to scan", () => {
  it("a closed port, a port that is not HTTP and an HTTP listener all give the same words, and no reply text", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createTcpServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const env = { TANDEM_MODEL_PROVIDER: "xai", ...SERVER_KEYS };
    const answers = await Promise.all([closed, notHttpPort, listenerPort].map((p) => ask(`http://127.0.0.1:${p}/v1`, env, "local")));
    const texts = answers.map((a) => JSON.stringify(a.errors.length ? a.errors : a.json).replace(/127\.0\.0\.1:\d+/g, "HOST"));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).not.toContain("listener-secret-reply");
    expect(texts[0]).not.toMatch(/ECONNREFUSED|401|refused|SSH/i);
  });

  it("never connects to link-local or metadata addresses, and a public server's browser endpoints reach no loopback or private address", async () => {
    heard.length = 0;
    const env = { TANDEM_MODEL_PROVIDER: "xai", ...SERVER_KEYS };
    const metadata = await ask("http://169.254.169.254/v1", env, "local");
    expect(JSON.stringify(metadata.errors)).toMatch(/did not give a usable answer/);
    const loopback = await ask(`http://127.0.0.1:${listenerPort}/v1`, env, "public");
    expect(JSON.stringify(loopback.errors)).toMatch(/did not give a usable answer/);
    const named = await ask(`http://localhost:${listenerPort}/v1`, env, "public");
    expect(JSON.stringify(named.errors)).toMatch(/did not give a usable answer/);
    expect(heard).toEqual([]);
  });
});
