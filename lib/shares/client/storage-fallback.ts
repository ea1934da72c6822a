// An embed lives in another site's frame, where a browser that blocks third-party storage (Chrome's incognito
// default, Safari, Firefox's strict mode) makes merely reading `window.localStorage` throw a SecurityError. Code
// throughout the IDE reads preferences from it (runtime choice, layout, theme), so the embed swaps in an in-memory
// Storage before anything else runs: the frame then behaves as a fresh visit that remembers nothing, instead of
// crashing. Hand-written: it is the Storage interface over a Map, nothing more.
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(String(k)) ?? null,
    setItem: (k, v) => void items.set(String(k), String(v)),
    removeItem: (k) => void items.delete(String(k)),
    clear: () => items.clear(),
  };
}

/** True when it had to install the fallback (storage is blocked in this frame). */
export function installStorageFallback(target: Window = window): boolean {
  try {
    void target.localStorage.length;
    return false;
  } catch {
    Object.defineProperty(target, "localStorage", { value: memoryStorage(), configurable: true });
    return true;
  }
}
