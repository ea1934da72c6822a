import { describe, expect, it } from "vitest";
import { applyDelta, buildManifest, decodeManifest, diffManifests, encodeManifest, type ManifestEntry } from "./manifest";
import { decodeFrames, encodeFrames } from "./frames";

const h = (c: string) => c.repeat(64);
const e = (path: string, c = "a", size = 1): ManifestEntry => [path, h(c), size, 0o644];

describe("manifests", () => {
  it("are canonical: the same tree in any order gives the same bytes", () => {
    const a = buildManifest([e("b.js"), e("a/x.js", "b")], ["empty", "also"]);
    const b = buildManifest([e("a/x.js", "b"), e("b.js")], ["also", "empty"]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(encodeManifest(a.manifest)).toEqual(encodeManifest(b.manifest));
    expect(decodeManifest(encodeManifest(a.manifest))).toEqual(a);
  });

  it("refuse paths that are not normalized, repeated, or both file and folder", () => {
    for (const bad of [[e("../etc/passwd")], [e("/abs")], [e("a//b")], [e("./a")], [e("a"), e("a")], [e("a"), e("a/b")], [e("x\u0001")]])
      expect(buildManifest(bad, []).ok, JSON.stringify(bad[0]![0])).toBe(false);
    expect(buildManifest([e("a")], ["a"]).ok).toBe(false);
    expect(buildManifest([], ["../up"]).ok).toBe(false);
  });

  it("diff to the changed entries only, and apply back to the same tree", () => {
    const base = buildManifest([e("a"), e("b"), e("c")], []);
    const next = buildManifest([e("a"), e("b", "f", 2), e("d", "d")], ["new"]);
    if (!base.ok || !next.ok) throw new Error("setup");
    const delta = diffManifests(base.manifest, next.manifest);
    expect(delta).toEqual({ set: [e("b", "f", 2), e("d", "d")], remove: ["c"], dirs: ["new"] });
    expect(applyDelta(base.manifest, delta)).toEqual(next);
    expect(applyDelta(base.manifest, { set: [], remove: ["zzz"], dirs: [] }).ok).toBe(false);
  });

  it("decode only what has the manifest's shape", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(decodeManifest(enc("{")).ok).toBe(false);
    expect(decodeManifest(enc('{"format":"tandem.manifest/1","files":[["a","nothex",1,420]],"dirs":[]}')).ok).toBe(false);
    expect(decodeManifest(new Uint8Array([0xff, 0xfe])).ok).toBe(false);
  });
});

describe("blob frames", () => {
  const frames = [
    { hash: h("1"), bytes: new Uint8Array([1, 2, 3]) },
    { hash: h("2"), bytes: new Uint8Array([]) },
    { hash: h("3"), bytes: new TextEncoder().encode("ü") },
  ];

  it("round-trip blobs and meta", () => {
    const decoded = decodeFrames(encodeFrames(frames, { v: 1 }));
    expect(decoded.ok && decoded.frames.map((f) => [f.hash, [...f.bytes]])).toEqual(frames.map((f) => [f.hash, [...f.bytes]]));
    expect(decoded.ok && decoded.meta).toEqual({ v: 1 });
  });

  it("refuse cut-off, padded, foreign or lying bodies", () => {
    const body = encodeFrames(frames);
    expect(decodeFrames(body.subarray(0, body.byteLength - 1)).ok).toBe(false);
    const padded = new Uint8Array(body.byteLength + 1);
    padded.set(body);
    expect(decodeFrames(padded).ok).toBe(false);
    expect(decodeFrames(new TextEncoder().encode("PK\u0003\u0004 not ours")).ok).toBe(false);
    const lying = body.slice();
    new DataView(lying.buffer).setUint32(4, 0xffffffff);
    expect(decodeFrames(lying).ok).toBe(false);
  });
});
