// The preview store's accounting and bounds (finding 5 of issue 10): a counting bug kept the old store "full" until
// a restart, and one client could fill it for everyone.
import { describe, expect, it } from "vitest";
import type { PreviewOp } from "../offline/preview-protocol.ts";
import { createPreviewStore, type PreviewStoreLimits } from "./preview-store.ts";

const KB = 1024;
const limits = (overrides: Partial<PreviewStoreLimits> = {}): PreviewStoreLimits => ({
  totalBytes: 100 * KB,
  clientBytes: 50 * KB,
  sessionBytes: 30 * KB,
  totalSessions: 100,
  clientSessions: 10,
  idleMs: 60_000,
  ...overrides,
});
const write = (path: string, size: number): PreviewOp => ({ type: "write", path, content: "x".repeat(size) });

/** A seeded PRNG (mulberry32), so a failing sequence can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("accounting", () => {
  it("a write that does not fit is not counted: after it and a reset, an 11-byte upload is stored", () => {
    const store = createPreviewStore(limits());
    const { id } = store.create("a");
    store.apply(id, { ops: [write("big.bin", 20 * KB)] });
    // Overwriting with more than the session may hold: refused, and (the old bug) must not stay counted.
    expect(store.apply(id, { ops: [write("big.bin", 40 * KB)] })?.skipped).toEqual(["big.bin"]);
    expect(store.apply(id, { ops: [write("big.bin", 40 * KB)] })?.skipped).toEqual(["big.bin"]);
    store.apply(id, { reset: true, ops: [] });
    expect(store.usage().bytes).toBe(0);
    expect(store.apply(id, { ops: [write("index.html", 11)] })?.skipped).toEqual([]);
    expect(store.lookup(id, "/").type).toBe("file");
  });

  it("stays exact over thousands of random writes, overwrites, deletes, resets and drops (seeded)", () => {
    const seed = Number(process.env.TANDEM_FUZZ_SEED) || 0x5eed;
    const random = prng(seed);
    const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    const store = createPreviewStore(limits());
    const sessions: Array<{ id: string; client: string }> = [];
    for (let step = 0; step < 3_000; step++) {
      const roll = random();
      if (roll < 0.08 || sessions.length === 0) {
        const client = pick(["a", "b", "c"]);
        const { id } = store.create(client);
        sessions.push({ id, client });
      } else if (roll < 0.1) store.remove(pick(sessions).id);
      else {
        const { id } = pick(sessions);
        const reset = random() < 0.05;
        const ops: PreviewOp[] = [];
        for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
          const path = pick(["index.html", "a.js", "img/b.png", "img/c.png", "d.css"]);
          ops.push(random() < 0.8 ? write(path, Math.floor(random() * 12 * KB)) : { type: "delete", path: random() < 0.5 ? "img" : path });
        }
        store.apply(id, { reset, ops });
      }
      // Invariant: the total is what the sessions still on the store hold, and so is each client's share.
      let sum = 0;
      for (const client of ["a", "b", "c"]) {
        const u = store.usage(client);
        expect(u.bytes, `seed ${seed} step ${step}: client ${client}`).toBeGreaterThanOrEqual(0);
        sum += u.bytes;
        expect(u.bytes, `seed ${seed} step ${step}: client ${client}`).toBeLessThanOrEqual(limits().clientBytes);
      }
      expect(store.usage().bytes, `seed ${seed} step ${step}`).toBe(sum);
      expect(store.usage().bytes, `seed ${seed} step ${step}`).toBeLessThanOrEqual(limits().totalBytes);
    }
    // Emptying every session brings the total back to 0: nothing was lost in the counting.
    for (const s of sessions) store.apply(s.id, { reset: true, ops: [] });
    expect(store.usage().bytes, `seed ${seed}`).toBe(0);
    for (const client of ["a", "b", "c"]) expect(store.usage(client).bytes, `seed ${seed}`).toBe(0);
  });
});

describe("bounds", () => {
  it("past the session's quota, files are not stored and the preview says why", () => {
    const store = createPreviewStore(limits());
    const { id } = store.create("a");
    const result = store.apply(id, { ops: [write("index.html", 10), write("video.mp4", 31 * KB), { type: "too-large", path: "huge.bin", bytes: 99 * 1024 * 1024 }] });
    expect(result?.skipped).toEqual(["video.mp4", "huge.bin"]);
    expect(store.lookup(id, "/").type).toBe("file");
    const video = store.lookup(id, "/video.mp4");
    expect(video.type === "missing" && video.reason).toMatch(/holds at most 30 KB/);
    const huge = store.lookup(id, "/huge.bin");
    expect(huge.type === "missing" && huge.reason).toMatch(/larger than one upload/);
  });

  it("a client over its quota loses its own least recently used sessions, never another client's", () => {
    const store = createPreviewStore(limits());
    const victim = store.create("victim");
    store.apply(victim.id, { ops: [write("index.html", 20 * KB)] });
    const attacker = Array.from({ length: 5 }, () => store.create("attacker"));
    for (const s of attacker) store.apply(s.id, { ops: [write("fill.bin", 25 * KB)] });
    expect(store.usage("attacker").bytes).toBeLessThanOrEqual(50 * KB);
    expect(store.lookup(victim.id, "/").type).toBe("file");
    // The attacker's last session was never dropped while it was being written.
    expect(store.lookup(attacker[4]!.id, "/fill.bin").type).toBe("file");
    expect(store.lookup(attacker[0]!.id, "/fill.bin").type).toBe("no-session");
  });

  it("a full store never refuses an upload: it drops the least recently used sessions, and a new client is served", () => {
    const store = createPreviewStore(limits({ clientBytes: 50 * KB }));
    // Many clients (a botnet) fill the store.
    const filler = Array.from({ length: 8 }, (_, i) => store.create(`bot${i}`));
    for (const s of filler) store.apply(s.id, { ops: [write("fill.bin", 25 * KB)] });
    expect(store.usage().bytes).toBeLessThanOrEqual(100 * KB);
    const person = store.create("person");
    expect(store.apply(person.id, { ops: [write("index.html", 11)] })?.skipped).toEqual([]);
    expect(store.lookup(person.id, "/").type).toBe("file");
    expect(store.apply(person.id, { ops: [write("photo.jpg", 25 * KB)] })?.skipped).toEqual([]);
    expect(store.usage().bytes).toBeLessThanOrEqual(100 * KB);
  });

  it("sessions are bounded in number per client and in total", () => {
    const store = createPreviewStore(limits({ clientSessions: 3, totalSessions: 5 }));
    const mine = Array.from({ length: 6 }, () => store.create("a"));
    expect(store.usage("a").sessions).toBe(3);
    expect(store.lookup(mine[5]!.id, "/").type).toBe("missing");
    expect(store.lookup(mine[0]!.id, "/").type).toBe("no-session");
    for (const c of ["b", "c", "d"]) store.create(c);
    expect(store.usage().sessions).toBe(5);
  });

  it("a session idle for longer than idleMs is dropped; reading it keeps it", () => {
    let clock = 0;
    const store = createPreviewStore(limits({ idleMs: 1_000 }), () => clock);
    const read = store.create("a");
    const idle = store.create("a");
    store.apply(read.id, { ops: [write("index.html", 10)] });
    store.apply(idle.id, { ops: [write("index.html", 10)] });
    clock = 900;
    expect(store.lookup(read.id, "/").type).toBe("file");
    clock = 1_500;
    expect(store.lookup(read.id, "/").type).toBe("file");
    expect(store.lookup(idle.id, "/").type).toBe("no-session");
    expect(store.apply(idle.id, { ops: [] })).toBeNull();
  });

  it("20,000 empty files are not free: each entry is charged", () => {
    const store = createPreviewStore(limits({ sessionBytes: 30 * KB }));
    const { id } = store.create("a");
    const ops = Array.from({ length: 20_000 }, (_, i) => write(`f${i}`, 0));
    expect(store.apply(id, { ops })?.skipped.length).toBeGreaterThan(19_000);
    expect(store.usage().bytes).toBeLessThanOrEqual(30 * KB + 10_000 * 300);
  });
});

describe("secrets and lookup", () => {
  it("ids are 128-bit hex, secrets are separate and checked", () => {
    const store = createPreviewStore(limits());
    const a = store.create("a");
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.secret.length).toBeGreaterThanOrEqual(43);
    expect(store.authorize(a.id, a.secret)).toBe("ok");
    expect(store.authorize(a.id, a.id)).toBe("forbidden");
    expect(store.authorize("f".repeat(32), a.secret)).toBe("unknown");
  });

  it("finds files as static hosts do: index.html for folders, .html added, public/ as a fallback", () => {
    const store = createPreviewStore(limits());
    const { id } = store.create("a");
    store.apply(id, { ops: [write("index.html", 1), write("docs/index.html", 1), write("about.html", 1), write("public/logo.svg", 1), { type: "mkdir", path: "empty" }] });
    expect(store.lookup(id, "/")).toMatchObject({ path: "index.html", contentType: "text/html; charset=utf-8" });
    expect(store.lookup(id, "/docs/")).toMatchObject({ path: "docs/index.html" });
    expect(store.lookup(id, "/docs")).toMatchObject({ path: "docs/index.html" });
    expect(store.lookup(id, "/about")).toMatchObject({ path: "about.html" });
    expect(store.lookup(id, "/logo.svg")).toMatchObject({ path: "public/logo.svg", contentType: "image/svg+xml" });
    expect(store.pages(id)).toEqual(["about.html", "index.html", "docs/index.html"]);
    store.apply(id, { ops: [{ type: "delete", path: "docs" }] });
    expect(store.lookup(id, "/docs/").type).toBe("missing");
  });
});
