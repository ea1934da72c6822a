// The edge with a stand-in app handler, over real sockets: what a hostile client can send never reaches the app
// malformed, never gets a 5xx for bad input, and never ends the process.
import { connect, type AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { loadServerConfig, type Env } from "./config";
import { createEdgeServer, type AppHandler } from "./edge";
import { createLimits } from "./limits/limits";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function start(env: Env = {}, handle: AppHandler = async (req, res) => void res.end(JSON.stringify({ url: req.url, client: req.headers["x-tandem-client"] ?? null }))) {
  // The port is only known after listen; the Host check needs it, so listen first, then configure.
  const probe = createEdgeServer({ config: loadServerConfig({}), handle, frames: () => ({ sandbox: "http://localhost:1", previews: [] }), limits: createLimits(loadServerConfig({})) });
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const config = loadServerConfig({ PORT: String(port), ...env });
  const server = createEdgeServer({ config, handle, frames: () => ({ sandbox: "http://localhost:1", previews: [] }), limits: createLimits(config), log: () => {} });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  servers.push(server);
  return { port, base: `http://127.0.0.1:${port}` };
}

/** Sends raw bytes (fetch would fix up what we want to send broken) and returns the status line and body. */
function raw(port: number, request: string, { wait = 5_000 } = {}): Promise<{ status: number; body: string; headers: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.on("data", (d) => (data += d.toString("latin1")));
    // A connection the server cuts (a reset) answers nothing: status 0.
    socket.on("error", () => socket.destroy());
    socket.setTimeout(wait, () => socket.destroy());
    socket.on("close", () => {
      const [head = "", body = ""] = data.split("\r\n\r\n");
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), body, headers: head });
    });
  });
}

describe("the IDE's edge", () => {
  it("answers request targets that do not parse with 400 JSON (//[ and a broken % escape used to throw)", async () => {
    const { port } = await start();
    for (const target of ["//[", "/p/%", "/p/%zz", "/%E0%A4%A", "/a%00b", "*", "http://evil.example/"]) {
      const res = await raw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(res.status, target).toBe(400);
      expect(JSON.parse(res.body), target).toMatchObject({ code: "bad-url", message: expect.any(String) });
    }
  });

  it("refuses methods the app does not take, and hosts it is not (DNS rebinding)", async () => {
    const { port, base } = await start();
    const trace = await raw(port, `TRACE / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(trace.status).toBe(405);
    expect(JSON.parse(trace.body)).toMatchObject({ code: "method-not-allowed" });
    const postPage = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: { "next-action": "x" } });
    expect(postPage.status).toBe(405);
    expect(await postPage.json()).toMatchObject({ code: "method-not-allowed" });
    const rebound = await raw(port, `GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ code: "bad-host" });
    expect((await fetch(`${base}/ok`)).status).toBe(200);
  });

  it("answers bytes that are not HTTP with a 400 and keeps serving", async () => {
    const { port, base } = await start();
    const res = await raw(port, "\x00\x01\x02 garbage\r\n\r\n");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: "bad-request" });
    expect((await fetch(`${base}/ok`)).status).toBe(200);
  });

  it("closes a connection whose headers or body arrive too slowly", async () => {
    // An app that reads the body, as the chat route does.
    const { port } = await start({ TANDEM_HEADERS_TIMEOUT_MS: "300", TANDEM_REQUEST_TIMEOUT_MS: "600" }, async (req, res) => {
      for await (const _ of req);
      res.end("read");
    });
    const res = await raw(port, `POST /api/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 100\r\n\r\n{"a"`);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ code: "timeout" });
    const headers = await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    expect(headers.status).toBe(408);
  });

  it("turns a throw in the app into a 500 JSON and keeps running", async () => {
    const { base } = await start({}, async (req, res) => {
      if (req.url === "/boom") throw new Error("kaboom");
      res.end("fine");
    });
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: "server-error" });
    expect(await (await fetch(`${base}/after`)).text()).toBe("fine");
  });

  it("sends the security headers, and tells the app who the client is (never what the client claims)", async () => {
    const { base } = await start();
    const res = await fetch(`${base}/x`, { headers: { "x-tandem-client": "forged" } });
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    expect(await res.json()).toMatchObject({ client: "ip4:127.0.0.1" });
    // Embeds are the one exception to "framed by no one".
    const embed = await fetch(`${base}/embed/abc`);
    expect(embed.headers.get("content-security-policy")).toMatch(/frame-ancestors \*/);
    expect(embed.headers.get("x-frame-options")).toBeNull();
  });

  it("with an access token: a page explains, the API answers 401 JSON, the invite link lets a browser in", async () => {
    const token = "invite-token-0123456789";
    const { base } = await start({ TANDEM_ACCESS_TOKEN: token });
    const page = await fetch(`${base}/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(401);
    expect(await page.text()).toMatch(/invite link/);
    const api = await fetch(`${base}/api/chat`, { method: "POST" });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ code: "unauthorized" });
    const invite = await fetch(`${base}/p/1?access=${token}`, { redirect: "manual" });
    expect(invite.status).toBe(303);
    expect(invite.headers.get("location")).toBe("/p/1");
    const cookie = invite.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${base}/p/1`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/api/x`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("rate-limits /api/ per client when limits are on, with retry-after", async () => {
    const { base } = await start({ TANDEM_LIMITS: "on", TANDEM_RATE_API_PER_MINUTE: "2" });
    expect((await fetch(`${base}/api/a`)).status).toBe(200);
    expect((await fetch(`${base}/api/a`)).status).toBe(200);
    const third = await fetch(`${base}/api/a`);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ code: "rate-limited" });
    // Pages are not API calls.
    expect((await fetch(`${base}/`)).status).toBe(200);
  });
});

describe("connections per client", () => {
  it("are capped on a public server: one more than allowed is closed at once, and a closed one frees its place", async () => {
    const { port, base } = await start({ TANDEM_LIMITS: "on", TANDEM_CONNECTIONS_PER_CLIENT: "3" });
    const sockets = await Promise.all(Array.from({ length: 3 }, () => new Promise<import("node:net").Socket>((resolve) => {
      const s = connect(port, "127.0.0.1", () => resolve(s));
    })));
    const refused = await raw(port, `GET /ok HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(refused.status).toBe(0);
    await Promise.all(sockets.map((s) => new Promise((r) => { s.once("close", r); s.destroy(); })));
    await expect.poll(async () => (await fetch(`${base}/ok`)).status).toBe(200);
  });
});

describe("errors for clients that did not ask for a page", () => {
  it("are JSON whatever form the app gave them; a browser asking for a page still gets the app's page", async () => {
    const { base } = await start({}, async (req, res) => {
      if (req.url === "/missing") {
        res.statusCode = 404;
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.write("<!doctype html><p>");
        res.end("Not found</p>");
      } else if (req.url === "/head") {
        res.writeHead(405, { "content-type": "text/plain" }).end("nope");
      } else if (req.url === "/asset.js") {
        res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      } else if (req.url === "/json") {
        res.writeHead(400, { "content-type": "application/json" }).end('{"code":"bad-request","message":"mine"}');
      } else res.end("ok");
    });
    const script = await fetch(`${base}/missing`, { headers: { accept: "*/*" } });
    expect(script.status).toBe(404);
    expect(await script.json()).toMatchObject({ code: "not-found", message: expect.any(String) });
    const page = await fetch(`${base}/missing`, { headers: { accept: "text/html" } });
    expect(await page.text()).toBe("<!doctype html><p>Not found</p>");
    const asset = await fetch(`${base}/asset.js`, { headers: { accept: "text/html" } });
    expect(await asset.json()).toMatchObject({ code: "not-found" });
    const head = await fetch(`${base}/head`);
    expect(await head.json()).toMatchObject({ code: "method-not-allowed" });
    expect(await (await fetch(`${base}/json`)).json()).toEqual({ code: "bad-request", message: "mine" });
    expect(await (await fetch(`${base}/fine`)).text()).toBe("ok");
    const internal = await fetch(`${base}/_global-error`, { headers: { accept: "text/html" } });
    expect(internal.status).toBe(404);
  });
});
