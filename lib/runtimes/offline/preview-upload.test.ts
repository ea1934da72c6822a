// The sandbox page's preview uploader against the real sandbox server (in-process): a session the server dropped is
// reopened and filled again by itself, so the person never sees "This project has no index.html" for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "../sandbox-server/server";
import { hostFetch, previewHost, startTestServer } from "../sandbox-server/test-server";
import { MAX_UPLOAD_BYTES, UPLOAD_BATCH_BYTES } from "./preview-protocol";
import { createPreviewUploader, uploadBodies } from "./preview-upload";
import type { SyncOp } from "./protocol";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** fetch as the sandbox page's would be: to the sandbox host, with its Origin; counts the requests. */
function pageFetch(log: string[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    log.push(`${init?.method ?? "GET"} ${url.pathname}`);
    return hostFetch(server, url.host, url.pathname, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: server.origin } });
  }) as typeof fetch;
}

function setup() {
  const files = new Map<string, string | Uint8Array>([["index.html", "<h1>v1</h1>"]]);
  const urls: string[] = [];
  const requests: string[] = [];
  const warnings: string[] = [];
  const uploader = createPreviewUploader({
    base: server.origin,
    fetch: pageFetch(requests),
    snapshot: () => [...files].map(([path, content]): SyncOp => ({ type: "write", path, content })),
    onUrl: (url) => urls.push(url),
    warn: (m) => warnings.push(m),
    sleep: () => Promise.resolve(),
  });
  const page = async (url: string, path = "/") => {
    const res = await hostFetch(server, new URL(url).host, path, { headers: { "Sec-Fetch-Dest": "iframe" } });
    return { status: res.status, text: await res.text() };
  };
  return { files, urls, requests, warnings, uploader, page };
}

const idOf = (url: string) => new URL(url).hostname.split(".")[0] ?? "";

describe("preview uploader", () => {
  it("opens a session on an origin of its own and uploads every file, then changes", async () => {
    const { files, urls, uploader, page } = setup();
    await uploader.open();
    expect(urls).toHaveLength(1);
    expect(new URL(urls[0]!).origin).not.toBe(server.origin);
    expect((await page(urls[0]!)).text).toContain("<h1>v1</h1>");
    files.set("index.html", "<h1>v2</h1>");
    await uploader.sync([{ type: "write", path: "index.html", content: "<h1>v2</h1>" }]);
    expect((await page(urls[0]!)).text).toContain("<h1>v2</h1>");
  });

  it("when the server dropped the session, the next change opens a new one with every file", async () => {
    const { files, urls, uploader, page } = setup();
    files.set("about.html", "about us");
    await uploader.open();
    server.store.remove(idOf(urls[0]!));
    files.set("index.html", "<h1>after</h1>");
    await uploader.sync([{ type: "write", path: "index.html", content: "<h1>after</h1>" }]);
    expect(urls).toHaveLength(2);
    expect(urls[1]).not.toBe(urls[0]);
    expect((await page(urls[1]!)).text).toContain("<h1>after</h1>");
    expect((await page(urls[1]!, "/about.html")).text).toContain("about us");
  });

  it("restore: a no-op when the session is there (repeating it costs an empty upload), a new session when it is gone", async () => {
    const { urls, requests, uploader, page } = setup();
    await uploader.open();
    requests.length = 0;
    await uploader.restore();
    await uploader.restore();
    expect(urls).toEqual([urls[0], urls[0], urls[0]]);
    expect(requests.every((r) => r.startsWith("POST /__preview/sessions/"))).toBe(true);
    // Repeated while one is pending, it is one check.
    const before = requests.length;
    await Promise.all(Array.from({ length: 50 }, () => uploader.restore()));
    expect(requests.length - before).toBe(1);
    expect(urls).toHaveLength(4);
    server.store.remove(idOf(urls[0]!));
    await uploader.restore();
    const restored = urls.at(-1)!;
    expect(urls).toHaveLength(5);
    expect(restored).not.toBe(urls[0]);
    expect((await page(restored)).text).toContain("<h1>v1</h1>");
    // The old session's page now asks the IDE to restore; the new one shows the project.
    expect((await page(urls[0]!)).text).toContain("preview-expired");
  });

  it("close frees the session on the server", async () => {
    const { urls, uploader } = setup();
    await uploader.open();
    uploader.close();
    await expect.poll(async () => (await hostFetch(server, previewHost(server, idOf(urls[0]!)), "/", { headers: { "Sec-Fetch-Dest": "iframe" } })).text()).toContain("preview-expired");
  });

  it("splits big uploads into batches, and says why a file too big for one upload is missing", async () => {
    const { files, urls, requests, uploader, page } = setup();
    for (let i = 0; i < 3; i++) files.set(`asset${i}.txt`, "a".repeat(2 * 1024 * 1024));
    files.set("video.bin", new Uint8Array(MAX_UPLOAD_BYTES));
    await uploader.open();
    const uploads = requests.filter((r) => r.startsWith("POST /__preview/sessions/"));
    expect(uploads.length).toBeGreaterThanOrEqual(2);
    expect((await page(urls[0]!, "/asset2.txt")).text).toHaveLength(2 * 1024 * 1024);
    const missing = await page(urls[0]!, "/video.bin");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("larger than one upload");
  });
});

describe("uploadBodies", () => {
  it("keeps each body under the batch size (one op may exceed it alone) and sends a reset even with no files", () => {
    const ops: SyncOp[] = Array.from({ length: 10 }, (_, i) => ({ type: "write", path: `f${i}`, content: "é".repeat(700_000) }));
    const bodies = uploadBodies(ops, true);
    expect(bodies.length).toBeGreaterThan(2);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(UPLOAD_BATCH_BYTES + 1_500_000);
    expect(bodies.map((b) => (JSON.parse(b) as { reset: boolean }).reset)).toEqual(bodies.map((_, i) => i === 0));
    expect(uploadBodies([], true)).toEqual(['{"reset":true,"ops":[]}']);
  });
});
