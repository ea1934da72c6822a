import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("evicts the least recently used until the total weight fits", () => {
    const cache = new LruCache<string, number>(10);
    cache.set("a", 1, 4);
    cache.set("b", 2, 4);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3, 4);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.weight).toBe(8);
  });

  it("keeps nothing heavier than the whole cache, and nothing at all when its size is 0", () => {
    const cache = new LruCache<string, number>(10);
    cache.set("huge", 1, 11);
    expect(cache.size).toBe(0);
    const none = new LruCache<string, number>(0);
    none.set("empty", 1, 0);
    expect(none.get("empty")).toBeUndefined();
  });

  it("deletes only the value it was given, so a late failure cannot drop a newer copy", () => {
    const cache = new LruCache<string, { v: number }>(10);
    const old = { v: 1 };
    const newer = { v: 2 };
    cache.set("k", old, 1);
    cache.set("k", newer, 2);
    cache.delete("k", old);
    expect(cache.peek("k")).toBe(newer);
    expect(cache.weight).toBe(2);
    cache.delete("k");
    expect(cache.weight).toBe(0);
  });
});
