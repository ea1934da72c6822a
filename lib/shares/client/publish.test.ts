// The browser's publish and open code against the real HTTP handlers and store (in-process, PGlite; the two-instance
// case on PostgreSQL): what a publish sends, what a re-publish sends, what an open gets, and every refusal.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoRecording } from "@/lib/agent/demo";
import { databaseBlobStorage } from "../server/blob-storage";
import { loadShareConfig } from "../server/config";
import { openPglite, openPostgres, type OpenedDatabase } from "../server/db";
import type { HttpContext } from "../server/http";
import { routerFetch, testContext, TEST_ORIGIN } from "../server/http.test-support";
import { ShareStore } from "../server/store";
import { VersionCache } from "../server/version-cache";
import { shareApi, shareInfo, unpublishShare } from "./api";
import { openVersion } from "./open";
import { publish, type PublishFile } from "./publish";
import { generateSealKey, importSealKey } from "./sealed";
import { exclusionGroups, selectFiles } from "./select";

function contextOn(opened: OpenedDatabase): HttpContext {
  const config = loadShareConfig({});
  const store = new ShareStore(opened.db, databaseBlobStorage(opened.db), config);
  return testContext({ store, config, cache: new VersionCache(config.cacheBytes), shared: opened.shared, collectSoon: () => {} });
}

/** A project of `count` files of about `size` bytes each (source-like text). */
function project(count: number, size: number, tag: string): PublishFile[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `src/module-${String(i).padStart(4, "0")}.js`,
    content: `// ${tag} module ${i}\n` + `export const value${i} = ${i};\n`.repeat(Math.ceil(size / 28)).slice(0, size),
  }));
}

describe("which files a share sends", () => {
  it("leaves out packages, build output, version control and .env files unless included", () => {
    const paths = ["index.js", "node_modules/x/index.js", "src/node_modules/y.js", ".git/HEAD", "dist/app.js", "src/dist/keep.js", ".env", "config/.env.local", ".envrc", "coverage/lcov.info"];
    const s = selectFiles(paths);
    expect(s.included).toEqual(["index.js", "src/dist/keep.js", ".envrc"]);
    expect(exclusionGroups(s.excluded).map((g) => [g.group, g.reason, g.count])).toEqual([
      [".env", "environment", 1],
      [".git", "version-control", 1],
      ["config/.env.local", "environment", 1],
      ["coverage", "build-output", 1],
      ["dist", "build-output", 1],
      ["node_modules", "packages", 1],
      ["src/node_modules", "packages", 1],
    ]);
    expect(selectFiles(paths, new Set(["node_modules", ".env"])).included).toEqual(["index.js", "node_modules/x/index.js", "src/dist/keep.js", ".env", ".envrc"]);
  });
});

describe("publishing and opening over HTTP", () => {
  let opened: OpenedDatabase;
  let ctx: HttpContext;
  beforeAll(async () => {
    opened = await openPglite();
    ctx = contextOn(opened);
  }, 60_000);
  afterAll(() => opened?.db.destroy());

  it("publishes, opens byte for byte (with the AI chat), and re-publishes a one-line change in a few KB", async () => {
    const files = project(1000, 1024, `t${Date.now()}`);
    const api = shareApi({ fetch: routerFetch(ctx) });
    const first = await publish(api, { files, dirs: ["empty"], title: "Big", recording: demoRecording() });
    expect(first.stats).toMatchObject({ files: 1000, uploaded: 1001 });
    expect(first.stats.bytes).toBeGreaterThan(1_000_000);
    const opened1 = await openVersion(api, first.result.id, 1);
    expect(opened1.files).toEqual(files.map((f) => [f.path, f.content]));
    expect(opened1.dirs).toEqual(["empty"]);
    expect(opened1.recording?.title).toBe(demoRecording().title);

    const edited = files.map((f, i) => (i === 500 ? { ...f, content: `${String(f.content)}// one more line\n` } : f));
    const again = await publish(api, { files: edited, message: "one line", target: { id: first.result.id, ownerSecret: first.result.ownerSecret!, base: 1 } });
    expect(again.result).toEqual({ id: first.result.id, version: 2 });
    expect(again.stats.uploaded).toBe(1);
    expect(again.stats.sent).toBeLessThanOrEqual(8 * 1024);
    const opened2 = await openVersion(api, first.result.id, 2);
    expect(opened2.files[500]).toEqual([edited[500]!.path, edited[500]!.content]);
    const info = await shareInfo(api, first.result.id);
    expect(info.versions.map((v) => [v.number, v.message, v.hasRecording])).toEqual([[1, "", true], [2, "one line", false]]);
  });

  it("serves versions immutable, compressed, with an ETag a cache revalidates for free", async () => {
    const api = shareApi({ fetch: routerFetch(ctx) });
    const { result } = await publish(api, { files: [{ path: "a.txt", content: "hello ".repeat(1000) }] });
    const f = routerFetch(ctx);
    const plain = await f(`/api/shares/${result.id}/v/1`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = plain.headers.get("etag")!;
    expect(etag).toMatch(/^"v1-/);
    expect(plain.headers.get("content-type")).toBe("application/gzip");
    expect(Number(plain.headers.get("content-length"))).toBeLessThan(1000); // 6,000 bytes of text, and a header
    const again = await f(`/api/shares/${result.id}/v/1`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toContain("immutable");
    const manifest = await f(`/api/shares/${result.id}/v/1/manifest`);
    expect([manifest.status, manifest.headers.get("cache-control")]).toEqual([200, "public, max-age=31536000, immutable"]);
    const info = await f(`/api/shares/${result.id}`);
    expect(info.headers.get("cache-control")).toBe("no-store");
  });

  it("answers bad requests with clear 4xx JSON, never a crash", async () => {
    const f = routerFetch(ctx);
    const post = (path: string, body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) => f(path, { method: "POST", body, headers });
    const expectError = async (response: Response | Promise<Response>, status: number, code: string) => {
      const r = await response;
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([status, code]);
    };
    await expectError(post("/api/shares", "{}", { "content-type": "application/json", origin: "http://evil.example" }), 403, "bad-origin");
    await expectError(post("/api/shares", "{", { "content-type": "application/json" }), 400, "bad-request");
    await expectError(post("/api/shares", "title=x", { "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported-media-type");
    await expectError(post("/api/shares", JSON.stringify({ version: { files: { kind: "full", files: [["../x", "a".repeat(64), 1, 420]], dirs: [] } } })), 400, "invalid");
    await expectError(post("/api/shares", JSON.stringify({ title: "a\u0000b", version: { files: { kind: "full", files: [], dirs: [] } } })), 400, "bad-request");
    await expectError(post("/api/shares/blobs", "not frames", { "content-type": "text/plain" }), 415, "unsupported-media-type");
    await expectError(post("/api/shares/blobs", "TSB1garbage", { "content-type": "application/vnd.tandem.blobs" }), 400, "bad-request");
    await expectError(post("/api/shares/blobs/missing", JSON.stringify({ hashes: ["nope"] })), 400, "bad-request");
    await expectError(f("/api/shares/not-a-share-id"), 404, "not-found");
    await expectError(f("/api/shares/AAAAAAAAAAAAAAAAAAAAAA/v/1"), 404, "not-found");
    await expectError(f("/api/shares/AAAAAAAAAAAAAAAAAAAAAA/v/1e3"), 404, "not-found");
    const missing = await post("/api/shares", JSON.stringify({ version: { files: { kind: "full", files: [["a.txt", "b".repeat(64), 1, 420]], dirs: [] } } }));
    expect([missing.status, await missing.json()]).toEqual([409, expect.objectContaining({ code: "missing-blobs", missing: ["b".repeat(64)] })]);
    const big = new Uint8Array(ctx.shares.config.uploadBodyBytes + 1);
    await expectError(post("/api/shares/blobs", big, { "content-type": "application/vnd.tandem.blobs" }), 413, "too-large");
  });

  it("lets only the owner publish again or unpublish; an unpublished share says so", async () => {
    const api = shareApi({ fetch: routerFetch(ctx) });
    const { result } = await publish(api, { files: [{ path: "x.js", content: `${Date.now()}` }] });
    await expect(publish(api, { files: [], target: { id: result.id, ownerSecret: "not-it" } })).rejects.toMatchObject({ status: 403, code: "forbidden" });
    await expect(unpublishShare(api, result.id, "not-it")).rejects.toMatchObject({ status: 403 });
    await unpublishShare(api, result.id, result.ownerSecret!);
    await expect(openVersion(api, result.id, 1)).rejects.toMatchObject({ status: 410, code: "gone", message: expect.stringContaining("unpublished") });
  });

  it("end-to-end encrypted: the database holds no plaintext — no file name, content, title or message", async () => {
    const marker = `PLAINTEXT${Date.now()}`;
    const files = [
      { path: `src/${marker}-name.js`, content: `const secret = "${marker}-content";` },
      { path: "README.md", content: `# ${marker}-readme` },
    ];
    const key = await generateSealKey();
    const api = shareApi({ fetch: routerFetch(ctx) });
    const first = await publish(api, { files, key, title: `${marker}-title`, description: `${marker}-description`, message: `${marker}-message`, recording: { ...demoRecording(), title: `${marker}-chat` } });
    const edited = [files[0]!, { path: "README.md", content: `# ${marker}-readme, edited` }];
    const second = await publish(api, { files: edited, key, title: `${marker}-title`, message: `${marker}-message-2`, target: { id: first.result.id, ownerSecret: first.result.ownerSecret!, base: 1 } });
    expect(second.stats.uploaded).toBe(1); // the unchanged file's ciphertext is reused
    // Every text and bytea value in every shares table, as the database stores it.
    const tables = ["tandem_share_blobs", "tandem_share_blob_data", "tandem_share_manifests", "tandem_share_manifest_blobs", "tandem_shares", "tandem_share_versions"];
    let dump = "";
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(opened.db);
      for (const row of rows.rows) for (const v of Object.values(row)) dump += v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : String(v);
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).not.toContain(marker);
    // The key in the link opens it; another key does not.
    const fromLink = await importSealKey(key.text);
    const v2 = await openVersion(api, first.result.id, 2, { key: fromLink });
    expect(v2.files).toEqual(edited.map((f) => [f.path, f.content]).sort());
    expect(v2.sealed).toEqual({ title: `${marker}-title`, description: "", message: `${marker}-message-2` });
    const v1 = await openVersion(api, first.result.id, 1, { key: fromLink });
    expect(v1.recording?.title).toBe(`${marker}-chat`);
    await expect(openVersion(api, first.result.id, 1, { key: await generateSealKey() })).rejects.toMatchObject({ code: "bad-key" });
    await expect(openVersion(api, first.result.id, 1)).rejects.toMatchObject({ code: "needs-key" });
  });
});

const pgUrl = process.env.TANDEM_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

describe.runIf(pgUrl !== "skip")("two app instances on one PostgreSQL", () => {
  const schema = `shares_two_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let a: OpenedDatabase;
  let b: OpenedDatabase;
  beforeAll(async () => {
    a = await openPostgres(pgUrl, { schema });
    b = await openPostgres(pgUrl, { schema });
  }, 60_000);
  afterAll(async () => {
    await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(a.db);
    await Promise.all([a?.db.destroy(), b?.db.destroy()]);
  });

  it("serve each other's shares, and stop serving one the other unpublished (each with its own cache)", async () => {
    const viaA = shareApi({ fetch: routerFetch(contextOn(a)), base: TEST_ORIGIN });
    const viaB = shareApi({ fetch: routerFetch(contextOn(b)), base: TEST_ORIGIN });
    const { result } = await publish(viaA, { files: [{ path: "a.js", content: "from A" }], title: "Two" });
    expect((await openVersion(viaB, result.id, 1)).files).toEqual([["a.js", "from A"]]);
    await publish(viaB, { files: [{ path: "a.js", content: "from B" }], target: { id: result.id, ownerSecret: result.ownerSecret!, base: 1 } });
    expect((await openVersion(viaA, result.id, 2)).files).toEqual([["a.js", "from B"]]);
    expect((await shareInfo(viaA, result.id)).versions).toHaveLength(2);
    await unpublishShare(viaB, result.id, result.ownerSecret!);
    await expect(openVersion(viaA, result.id, 2)).rejects.toMatchObject({ status: 410 });
  });
});
