// The limits in memory and in Redis (127.0.0.1:6379 on every machine of ours; TANDEM_TEST_REDIS_URL=skip leaves it
// out). With Redis, two Limits objects on two connections stand for two app instances: they must count together.
// In CI Redis must be there; on a developer machine without one, the Redis cases are left out and the run says so.
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { loadServerConfig } from "../config";
import { createLimits, NO_LIMITS, type Limits } from "./limits";

const redisUrl = process.env.TANDEM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const config = (overrides: Record<string, string> = {}) =>
  loadServerConfig({
    TANDEM_LIMITS: "on",
    TANDEM_RATE_CHAT_PER_MINUTE: "3",
    TANDEM_RATE_CHAT_PER_CHAT_PER_MINUTE: "100",
    TANDEM_RATE_API_PER_MINUTE: "5",
    TANDEM_STREAMS_PER_CLIENT: "2",
    TANDEM_STREAMS_TOTAL: "3",
    TANDEM_BUDGET_TURN_TOKENS: "1000",
    TANDEM_BUDGET_DAILY_TOKENS: "5000",
    TANDEM_BUDGET_DAILY_USD: "0.5",
    ...overrides,
  });

const open: Array<{ close(): Promise<void> } | Redis> = [];
afterAll(async () => {
  for (const o of open) o instanceof Redis ? o.disconnect() : await o.close();
});

async function redisPair(): Promise<[Limits, Limits]> {
  // One namespace per test run: the counters of other runs (and other machines' CI) never meet.
  const prefix = `test-${randomUUID()}:`;
  const make = async () => {
    const redis = new Redis(redisUrl, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
    open.push(redis);
    // Until the connection is ready the limiters count in memory (by design); these tests are about Redis.
    await redis.ping();
    const limits = createLimits(config(), { redis });
    open.push(limits);
    return limits;
  };
  return [await make(), await make()];
}

const engines: Array<[string, () => Promise<[Limits, Limits]>]> = [["memory", async () => {
  const one = createLimits(config(), { redis: null });
  return [one, one];
}]];
async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
const useRedis = redisUrl !== "skip" && (Boolean(process.env.CI) || (await reachable(redisUrl)));
if (useRedis) engines.push(["Redis (two instances)", redisPair]);
else if (redisUrl !== "skip") console.warn(`limits.test.ts: no Redis at ${redisUrl}; the shared-counter cases did not run (CI runs them).`);

describe.each(engines)("limits in %s", (_name, pair) => {
  it("rate-limits a client with retry-after while another client is unaffected", async () => {
    const [a, b] = await pair();
    const results = [await a.chat("alice", "c1"), await b.chat("alice", "c1"), await a.chat("alice", "c2"), await b.chat("alice", "c3")];
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toMatchObject({ status: 429, body: { code: "rate-limited", retryAfter: expect.any(Number) }, headers: { "retry-after": expect.stringMatching(/^\d+$/) } });
    expect(await a.chat("bob", "c9")).toBeNull();
  });

  it("caps the streams open at once, per client and in all, and frees a slot when a stream ends", async () => {
    const [a, b] = await pair();
    const s1 = await a.openStream("alice");
    const s2 = await b.openStream("alice");
    expect("slot" in s1 && "slot" in s2).toBe(true);
    expect(await a.openStream("alice")).toMatchObject({ failure: { status: 429, body: { code: "too-many-streams" } } });
    const s3 = await b.openStream("bob");
    expect("slot" in s3).toBe(true);
    expect(await a.openStream("carol")).toMatchObject({ failure: { status: 503, body: { code: "too-many-streams" } } });
    if ("slot" in s1) s1.slot.release();
    // Release is sent without waiting (the response is already going out); give it its round trip.
    await new Promise((r) => setTimeout(r, 100));
    expect("slot" in (await b.openStream("carol"))).toBe(true);
  });

  it("stops spending the server's key past the turn's and the day's budget", async () => {
    const [a, b] = await pair();
    expect(await a.checkBudget("alice", "chat:u1")).toBeNull();
    await a.recordUsage("alice", "chat:u1", { tokens: 900, usd: 0.01 });
    expect(await b.checkBudget("alice", "chat:u1")).toBeNull();
    await b.recordUsage("alice", "chat:u1", { tokens: 200, usd: 0.01 });
    expect(await a.checkBudget("alice", "chat:u1")).toMatchObject({ status: 429, body: { code: "budget-exceeded", message: expect.stringMatching(/1,000 tokens/) } });
    // A new message is a new turn; the day still has room.
    expect(await b.checkBudget("alice", "chat:u2")).toBeNull();
    await a.recordUsage("alice", "chat:u2", { tokens: 10, usd: 0.6 });
    expect(await b.checkBudget("alice", "chat:u3")).toMatchObject({ status: 429, body: { code: "budget-exceeded", retryAfter: expect.any(Number) } });
    expect(await b.checkBudget("bob", "other:u1")).toBeNull();
  });
});

describe("a fresh instance on Redis", () => {
  it.runIf(useRedis)("waits for its connection before counting, so a burst at start-up is counted together", async () => {
    const prefix = `test-${randomUUID()}:`;
    // Two instances whose connections are still being made when the burst arrives.
    const make = () => {
      const redis = new Redis(redisUrl, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
      open.push(redis);
      const limits = createLimits(config(), { redis });
      open.push(limits);
      return limits;
    };
    const [a, b] = [make(), make()];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).chat("alice", `c${i}`)));
    expect(results.filter((r) => r === null)).toHaveLength(3);
  });
});

describe("limits switched off", () => {
  it("let everything through", async () => {
    const l = createLimits(loadServerConfig({}));
    expect(l).toBe(NO_LIMITS);
    for (let i = 0; i < 1000; i++) expect(await l.chat("x", "y")).toBeNull();
  });
});

describe("Redis away", () => {
  it("count in this process instead of refusing everyone", async () => {
    const l = createLimits(config({ REDIS_URL: "redis://127.0.0.1:1" }), { log: () => {} });
    open.push(l);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await l.chat("alice", "c"));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toMatchObject({ status: 429 });
    expect("slot" in (await l.openStream("alice"))).toBe(true);
  });
});
