import { describe, expect, it } from "vitest";
import { chatStoreLimits, Janitor } from "./retention";
import type { ChatStore, RetentionPolicy } from "./types";

describe("retention", () => {
  it("reads its limits from the environment, 0 turning each off", () => {
    expect(chatStoreLimits({})).toEqual({ maxAgeDays: 30, maxChatChars: 4 * 1024 * 1024, maxStoreBytes: 2048 * 1024 * 1024 });
    expect(chatStoreLimits({ TANDEM_CHAT_RETENTION_DAYS: "0", TANDEM_CHAT_MAX_MB: "1.5", TANDEM_CHAT_STORE_MAX_MB: "junk" })).toEqual({
      maxAgeDays: 0,
      maxChatChars: 1.5 * 1024 * 1024,
      maxStoreBytes: 2048 * 1024 * 1024,
    });
  });

  it("sweeps at most once per interval, off the request path, and survives a failing store", async () => {
    const sweeps: RetentionPolicy[] = [];
    let fail = true;
    const store = { sweep: async (p: RetentionPolicy) => (sweeps.push(p), fail ? Promise.reject(new Error("down")) : { expired: 2, evicted: 0, bytes: 0 }) } as unknown as ChatStore;
    let now = 0;
    const logs: string[] = [];
    const janitor = new Janitor(store, { maxAgeDays: 30, maxStoreBytes: 0 }, { intervalMs: 1_000, now: () => now, log: (m) => logs.push(m) });
    janitor.poke(); // the first request starts the interval
    expect(sweeps).toHaveLength(0);
    now = 1_000;
    janitor.poke();
    janitor.poke();
    await new Promise((r) => setTimeout(r, 0));
    expect(sweeps).toHaveLength(1);
    expect(logs.join()).toMatch(/sweep failed \(down\)/);
    fail = false;
    now = 1_500;
    janitor.poke();
    expect(sweeps).toHaveLength(1);
    now = 2_000;
    janitor.poke();
    await new Promise((r) => setTimeout(r, 0));
    expect(sweeps).toHaveLength(2);
    expect(logs.at(-1)).toMatch(/deleted 2 chats unused for 30 days/);
    new Janitor(store, { maxAgeDays: 0, maxStoreBytes: 0 }).poke();
    expect(sweeps).toHaveLength(2);
  });
});
