import { describe, expect, it } from "vitest";
import { LEGACY_PREFERENCE_KEY, readPreference, writePreference } from "./preference";

function memoryStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe("runtime preference", () => {
  it("is remembered per project, Auto by default", () => {
    const store = memoryStore();
    expect(readPreference(store, "a")).toBe("auto");
    writePreference(store, "a", "webcontainer");
    expect(readPreference(store, "a")).toBe("webcontainer");
    expect(readPreference(store, "b")).toBe("auto");
    writePreference(store, "a", "auto");
    expect(store.map.size).toBe(0);
  });

  it("drops the old browser-wide setting that followed every project", () => {
    const store = memoryStore();
    store.setItem(LEGACY_PREFERENCE_KEY, "webcontainer");
    expect(readPreference(store, "new-project")).toBe("auto");
    expect(store.getItem(LEGACY_PREFERENCE_KEY)).toBeNull();
  });

  it("ignores junk and storage that refuses", () => {
    const store = memoryStore();
    store.setItem("tandem.runtimePreference:a", "<script>");
    expect(readPreference(store, "a")).toBe("auto");
    const refusing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("quota"); }, removeItem: () => { throw new Error("denied"); } };
    expect(readPreference(refusing, "a")).toBe("auto");
    expect(() => writePreference(refusing, "a", "offline")).not.toThrow();
    expect(readPreference(undefined, "a")).toBe("auto");
  });
});
