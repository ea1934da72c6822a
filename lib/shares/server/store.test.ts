// The same cases on embedded PGlite and on a real PostgreSQL (127.0.0.1:5432, database "test"; set
// TANDEM_TEST_DATABASE_URL to use another, or "skip" to leave PostgreSQL out). On PostgreSQL each run lives in a
// schema of its own, so runs side by side (and their garbage collections) never meet.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoRecording } from "@/lib/agent/demo";
import { decodeManifest, DEFAULT_MODE, type ManifestEntry } from "../manifest";
import { databaseBlobStorage, memoryBlobStorage, type BlobStorage } from "./blob-storage";
import { loadShareConfig, type ShareConfig } from "./config";
import { openPglite, openPostgres, type OpenedDatabase } from "./db";
import { ShareStore, type PublishCounter } from "./store";
import type { Frame } from "../frames";

const pgUrl = process.env.TANDEM_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `shares_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const engines: Array<[string, () => Promise<OpenedDatabase>]> = [["PGlite", () => openPglite()]];
if (pgUrl !== "skip") engines.push(["PostgreSQL", () => openPostgres(pgUrl, { schema })]);

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const enc = (s: string) => new TextEncoder().encode(s);

export function filesOf(files: Record<string, string>): { frames: Frame[]; entries: ManifestEntry[] } {
  const frames: Frame[] = [];
  const entries: ManifestEntry[] = [];
  for (const [path, text] of Object.entries(files)) {
    const bytes = enc(text);
    const hash = sha(bytes);
    frames.push({ hash, bytes });
    entries.push([path, hash, bytes.byteLength, DEFAULT_MODE]);
  }
  return { frames, entries };
}

const unique = () => `${Math.random().toString(36).slice(2)}-${Date.now()}`;
const who = { client: "ip4:127.0.0.1" };

describe.each(engines)("share store on %s", (name, open) => {
  let opened: OpenedDatabase;
  let store: ShareStore;
  const config: ShareConfig = { ...loadShareConfig({}), maxFiles: 50, maxShareBytes: 64 * 1024, maxBlobBytes: 16 * 1024 };
  const make = (overrides: Partial<ShareConfig> = {}, storage?: BlobStorage, counter?: PublishCounter) =>
    new ShareStore(opened.db, storage ?? databaseBlobStorage(opened.db), { ...config, ...overrides }, counter);

  beforeAll(async () => {
    opened = await open();
    store = make();
  }, 60_000);
  afterAll(async () => {
    if (name === "PostgreSQL") await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened.db);
    await opened?.db.destroy();
  });

  async function publish(files: Record<string, string>, extra: { visibility?: "unlisted" | "private"; title?: string } = {}) {
    const { frames, entries } = filesOf(files);
    expect((await store.putBlobs(frames)).ok).toBe(true);
    const created = await store.create({ title: extra.title ?? "Demo", visibility: extra.visibility ?? "unlisted", version: { files: { kind: "full", files: entries, dirs: [] } } }, who);
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  async function openFiles(id: string, n: number | "latest", secret?: string) {
    const v = await store.resolve(id, n, { ...who, ownerSecret: secret });
    if (!v.ok) return v;
    const opened = await store.open(v.value);
    if (!opened.ok) return opened;
    const m = decodeManifest(opened.value.manifest);
    if (!m.ok) throw new Error(m.message);
    const bytes = new Map(opened.value.blobs.map((b) => [b.hash, b.bytes]));
    return { ok: true as const, number: v.value.number, files: Object.fromEntries(m.manifest.files.map((f) => [f.path, new TextDecoder().decode(bytes.get(f.hash))])) };
  }

  it("publishes a version, stores each content once, and opens it again byte for byte", async () => {
    const tag = unique();
    const files = { "index.js": `console.log("${tag}")`, "lib/a.js": `export const a = "${tag}"`, "lib/b.js": `export const a = "${tag}"` };
    const { frames } = filesOf(files);
    expect(await store.missing(frames.map((f) => f.hash))).toHaveLength(2); // a.js and b.js have the same content
    const share = await publish(files);
    expect(share.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(share.ownerSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.missing(frames.map((f) => f.hash))).toEqual([]);
    expect(await store.putBlobs(frames)).toEqual({ ok: true, value: { stored: 0, bytes: 0 } });
    expect(await openFiles(share.id, 1)).toEqual({ ok: true, number: 1, files });
    const info = await store.info(share.id, who);
    expect(info.ok && info.value).toMatchObject({ title: "Demo", visibility: "unlisted", encrypted: false, versions: [{ number: 1, fileCount: 3 }] });
  });

  it("re-publishes as a delta against an earlier version; every version stays reachable", async () => {
    const tag = unique();
    const share = await publish({ "a.txt": `one ${tag}`, "b.txt": `two ${tag}`, "c.txt": `three ${tag}` });
    const changed = filesOf({ "b.txt": `TWO ${tag}`, "d.txt": `four ${tag}` });
    expect(await store.missing(changed.frames.map((f) => f.hash))).toHaveLength(2);
    await store.putBlobs(changed.frames);
    const v2 = await store.addVersion(share.id, { message: "b changed, c gone, d new", files: { kind: "delta", base: 1, set: changed.entries, remove: ["c.txt"], dirs: ["empty"] } }, { ...who, ownerSecret: share.ownerSecret });
    expect(v2).toEqual({ ok: true, value: { id: share.id, version: 2 } });
    expect(await openFiles(share.id, "latest")).toEqual({ ok: true, number: 2, files: { "a.txt": `one ${tag}`, "b.txt": `TWO ${tag}`, "d.txt": `four ${tag}` } });
    expect(await openFiles(share.id, 1)).toMatchObject({ files: { "c.txt": `three ${tag}` } });
    const info = await store.info(share.id, who);
    expect(info.ok && info.value.versions.map((v) => [v.number, v.message])).toEqual([[1, ""], [2, "b changed, c gone, d new"]]);
    const bad = await store.addVersion(share.id, { files: { kind: "delta", base: 1, set: [], remove: ["nope.txt"], dirs: [] } }, { ...who, ownerSecret: share.ownerSecret });
    expect(bad.ok || bad.error.code).toBe("invalid");
  });

  it("only the owner secret manages a share; a private share opens for its owner only", async () => {
    const share = await publish({ "x.txt": unique() });
    const v = { files: { kind: "full" as const, files: [], dirs: [] } };
    for (const ownerSecret of [undefined, "wrong", `${share.ownerSecret}x`]) {
      const r = await store.addVersion(share.id, v, { ...who, ownerSecret });
      expect(r.ok || r.error.code).toBe("forbidden");
      const u = await store.unpublish(share.id, { ...who, ownerSecret });
      expect(u.ok || u.error.code).toBe("forbidden");
    }
    const cloud = await publish({ "secret.txt": unique() }, { visibility: "private" });
    const anon = await store.resolve(cloud.id, 1, who);
    expect(anon.ok || anon.error.code).toBe("forbidden");
    expect((await store.info(cloud.id, { ...who, ownerSecret: "nope" })).ok).toBe(false);
    expect((await openFiles(cloud.id, 1, cloud.ownerSecret)).ok).toBe(true);
    const unknown = await store.resolve("AAAAAAAAAAAAAAAAAAAAAA", 1, who);
    expect(unknown.ok || unknown.error.code).toBe("not-found");
  });

  it("refuses uploads whose content does not match their hash, and files over the size limit", async () => {
    const forged = { hash: sha(enc("honest")), bytes: enc("forged") };
    const r = await store.putBlobs([forged]);
    expect(r.ok || r.error.code).toBe("invalid");
    expect(await store.missing([forged.hash])).toEqual([forged.hash]);
    const big = enc("x".repeat(config.maxBlobBytes + 1));
    const t = await store.putBlobs([{ hash: sha(big), bytes: big }]);
    expect(t.ok || t.error).toMatchObject({ code: "too-large", message: expect.stringContaining("16 KB per file") });
  });

  it("refuses versions over the file count or size limit and names the limit", async () => {
    const many = filesOf(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.txt`, `${i}`])));
    await store.putBlobs(many.frames);
    const r = await store.create({ version: { files: { kind: "full", files: many.entries, dirs: [] } } }, who);
    expect(r.ok || r.error).toMatchObject({ code: "too-many-files", message: expect.stringContaining("at most 50") });
    const tag = unique();
    const large = filesOf(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`big${i}.txt`, `${tag}${i}`.padEnd(15_000, "y")])));
    await store.putBlobs(large.frames);
    const l = await store.create({ version: { files: { kind: "full", files: large.entries, dirs: [] } } }, who);
    expect(l.ok || l.error).toMatchObject({ code: "too-large", message: expect.stringContaining("at most 64 KB") });
  });

  it("names the blobs a version lacks and writes nothing", async () => {
    const { entries } = filesOf({ "never-uploaded.txt": unique() });
    const r = await store.create({ title: "half", version: { files: { kind: "full", files: entries, dirs: [] } } }, who);
    expect(r.ok || r.error).toMatchObject({ code: "missing-blobs", missing: [entries[0]![1]] });
    const count = await opened.db.selectFrom("tandem_shares").select(sql<number>`count(*)`.as("n")).where("title", "=", "half").executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
  });

  it("refuses uploads past the storage quota", async () => {
    const used = await store.usedBytes();
    const small = make({ quotaBytes: used + 10 });
    const bytes = enc(`more than ten bytes ${unique()}`);
    const r = await small.putBlobs([{ hash: sha(bytes), bytes }]);
    expect(r.ok || r.error).toMatchObject({ code: "quota", message: expect.stringContaining("TANDEM_SHARE_QUOTA_MB") });
  });

  it("limits publishes per client with the counter it is given", async () => {
    let left = 1;
    const limited = make({ publishesPerHour: 1 }, undefined, { take: async () => (left-- > 0 ? null : 1800) });
    const { frames, entries } = filesOf({ "r.txt": unique() });
    await limited.putBlobs(frames);
    const body = { version: { files: { kind: "full" as const, files: entries, dirs: [] } } };
    expect((await limited.create(body, who)).ok).toBe(true);
    const second = await limited.create(body, who);
    expect(second.ok || second.error).toMatchObject({ code: "rate-limited", retryAfter: 1800, message: expect.stringContaining("30 min") });
  });

  it("detects a corrupted blob and never serves the version", async () => {
    const tag = unique();
    const share = await publish({ "ok.txt": `fine ${tag}`, "bad.txt": `will rot ${tag}` });
    const hash = sha(enc(`will rot ${tag}`));
    await opened.db.updateTable("tandem_share_blob_data").set({ data: enc(`rotted ${tag}`) }).where("hash", "=", hash).execute();
    const r = await openFiles(share.id, 1);
    expect(r.ok || r.error.code).toBe("corrupted");
  });

  it("keeps blob bytes behind the storage interface (an outside store works the same, corruption included)", async () => {
    const storage = memoryBlobStorage();
    const outside = make({}, storage);
    const tag = unique();
    const { frames, entries } = filesOf({ "m.txt": `memory ${tag}` });
    await outside.putBlobs(frames);
    expect(storage.size).toBe(1);
    const created = await outside.create({ version: { files: { kind: "full", files: entries, dirs: [] } } }, who);
    if (!created.ok) throw new Error(created.error.message);
    const v = await outside.resolve(created.value.id, 1, who);
    if (!v.ok) throw new Error(v.error.message);
    expect((await outside.open(v.value)).ok).toBe(true);
    storage.tamper(frames[0]!.hash, enc("tampered"));
    const r = await outside.open(v.value);
    expect(r.ok || r.error.code).toBe("corrupted");
  });

  it("unpublishing removes the versions, answers 'unpublished', and collects blobs no one else uses", async () => {
    const tag = unique();
    const keep = await publish({ "shared.txt": `shared ${tag}` });
    const doomed = await publish({ "shared.txt": `shared ${tag}`, "own.txt": `own ${tag}` });
    const r = await store.unpublish(doomed.id, { ...who, ownerSecret: doomed.ownerSecret });
    expect(r.ok && r.value.blobs).toBeGreaterThanOrEqual(1);
    const gone = await store.resolve(doomed.id, 1, who);
    expect(gone.ok || gone.error).toMatchObject({ code: "gone", message: expect.stringContaining("unpublished") });
    expect(await store.missing([sha(enc(`own ${tag}`)), sha(enc(`shared ${tag}`))])).toEqual([sha(enc(`own ${tag}`))]);
    expect(await openFiles(keep.id, 1)).toMatchObject({ ok: true, files: { "shared.txt": `shared ${tag}` } });
  });

  it("keeps fresh uploads no version uses yet for the grace period, then collects them", async () => {
    const bytes = enc(`pending ${unique()}`);
    await store.putBlobs([{ hash: sha(bytes), bytes }]);
    await store.collectGarbage();
    expect(await store.missing([sha(bytes)])).toEqual([]);
    await store.collectGarbage(0);
    expect(await store.missing([sha(bytes)])).toEqual([sha(bytes)]);
  });

  it("remembers where a fork came from, by name once the origin is unpublished", async () => {
    const tag = unique();
    const origin = await publish({ "o.txt": `origin ${tag}` }, { title: "Origin" });
    const { entries } = filesOf({ "o.txt": `origin ${tag}` });
    const fork = await store.create({ title: "Fork", forkedFrom: { share: origin.id, version: 1 }, version: { files: { kind: "full", files: entries, dirs: [] } } }, who);
    if (!fork.ok) throw new Error(fork.error.message);
    const info = await store.info(fork.value.id, who);
    expect(info.ok && info.value.forkedFrom).toEqual({ share: origin.id, version: 1, title: "Origin", available: true });
    // The fork reuses the origin's manifest row: same tree, same hash.
    const [a, b] = await Promise.all([store.resolve(origin.id, 1, who), store.resolve(fork.value.id, 1, who)]);
    expect(a.ok && b.ok && a.value.manifestHash === b.value.manifestHash).toBe(true);
    await store.unpublish(origin.id, { ...who, ownerSecret: origin.ownerSecret });
    const after = await store.info(fork.value.id, who);
    expect(after.ok && after.value.forkedFrom).toEqual({ share: origin.id, version: 1, title: "", available: false });
    expect(await openFiles(fork.value.id, 1)).toMatchObject({ files: { "o.txt": `origin ${tag}` } });
  });

  it("stores an encrypted share as ciphertext it cannot read, and never mixes kinds", async () => {
    const blob = enc(`ciphertext ${unique()}`);
    const manifest = enc(`sealed manifest ${unique()}`);
    await store.putBlobs([{ hash: sha(blob), bytes: blob }]);
    const created = await store.create(
      { title: "leaks?", version: { message: "leaks too?", files: { kind: "sealed", manifest: Buffer.from(manifest).toString("base64"), blobs: [sha(blob)] } } },
      who,
    );
    if (!created.ok) throw new Error(created.error.message);
    const info = await store.info(created.value.id, who);
    expect(info.ok && info.value).toMatchObject({ title: "", encrypted: true, versions: [{ message: "", fileCount: null }] });
    const v = await store.resolve(created.value.id, 1, who);
    const o = v.ok ? await store.open(v.value) : v;
    expect(o.ok && [new TextDecoder().decode(o.value.manifest), o.value.blobs.length]).toEqual([new TextDecoder().decode(manifest), 1]);
    const plain = await store.addVersion(created.value.id, { files: { kind: "full", files: [], dirs: [] } }, { ...who, ownerSecret: created.value.ownerSecret });
    expect(plain.ok || plain.error.code).toBe("invalid");
  });

  it("takes a session recording with a version, and refuses one that is not tandem.session/1", async () => {
    const rec = enc(JSON.stringify(demoRecording()));
    const junk = enc(`{"format":"nope","n":"${unique()}"}`);
    await store.putBlobs([{ hash: sha(rec), bytes: rec }, { hash: sha(junk), bytes: junk }]);
    const { frames, entries } = filesOf({ "r.js": unique() });
    await store.putBlobs(frames);
    const files = { kind: "full" as const, files: entries, dirs: [] };
    const bad = await store.create({ version: { files, recording: sha(junk) } }, who);
    expect(bad.ok || bad.error.code).toBe("invalid");
    const good = await store.create({ version: { files, recording: sha(rec) } }, who);
    if (!good.ok) throw new Error(good.error.message);
    const v = await store.resolve(good.value.id, 1, who);
    const o = v.ok ? await store.open(v.value) : v;
    expect(o.ok && o.value.blobs.some((b) => b.hash === sha(rec))).toBe(true);
  });

  it("gives concurrent publishes to one share their own version numbers", async () => {
    const share = await publish({ "n.txt": unique() });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.addVersion(share.id, { files: { kind: "delta", base: 1, set: [], remove: [], dirs: [] } }, { ...who, ownerSecret: share.ownerSecret })),
    );
    expect(results.map((r) => (r.ok ? r.value.version : r.error.code)).sort()).toEqual([2, 3, 4, 5, 6]);
  });
});

describe.runIf(pgUrl !== "skip")("share migrations on PostgreSQL", () => {
  it("run once when several instances start together", async () => {
    const fresh = `shares_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const first = await openPostgres(pgUrl, { schema: fresh, max: 1 });
    await sql.raw(`DROP TABLE tandem_share_migrations, tandem_share_migrations_lock, tandem_share_versions, tandem_shares, tandem_share_manifest_blobs, tandem_share_manifests, tandem_share_blob_data, tandem_share_blobs`).execute(first.db);
    const many = await Promise.all(Array.from({ length: 4 }, () => openPostgres(pgUrl, { schema: fresh, max: 1 })));
    const rows = await sql<{ name: string }>`SELECT name FROM tandem_share_migrations`.execute(many[0]!.db);
    expect(rows.rows.map((r) => r.name)).toEqual(["0001-shares"]);
    await sql.raw(`DROP SCHEMA ${fresh} CASCADE`).execute(first.db);
    await Promise.all([first, ...many].map((o) => o.db.destroy()));
  }, 30_000);
});

describe("background garbage collection", () => {
  it("runs at most once per period, and never twice at once", async () => {
    const { throttledCollector } = await import("./index");
    let runs = 0;
    let release: () => void = () => {};
    const store = { collectGarbage: () => new Promise<{ manifests: number; blobs: number; bytes: number }>((r) => ((runs++, (release = () => r({ manifests: 0, blobs: 0, bytes: 0 }))))) };
    const collect = throttledCollector(store, 0);
    collect();
    collect();
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 5));
    collect();
    expect(runs).toBe(2);
    const rare = throttledCollector(store, 60_000);
    rare();
    expect(runs).toBe(2);
  });
});
