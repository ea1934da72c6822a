// Server only. A public server's limits (on by default when HOST is not loopback; .env.example lists the knobs):
// requests per client and per chat, model streams open at once, and what the server's own key may spend — tokens per
// turn, tokens and dollars per client per day. Counters live in Redis when REDIS_URL is set (every instance shares
// them), else in this process. Each check answers null (go on) or the HTTP failure to send, with retry-after.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { Redis } from "ioredis";
import type { ServerConfig } from "../config.ts";
import { failure, type HttpFailure } from "../http-error.ts";
import { counter, type Counter } from "./rate.ts";
import { connectRedis, redisReady } from "./redis.ts";
import { memorySlots, redisSlots, type Slot, type StreamSlots } from "./streams.ts";

export interface ServerUsage {
  tokens: number;
  usd: number;
}

export interface Limits {
  readonly enabled: boolean;
  /** Any /api/ request (at the edge). */
  api(client: string): Promise<HttpFailure | null>;
  /** One chat request (one model step). */
  chat(client: string, chatId: string): Promise<HttpFailure | null>;
  /** A slot for the model stream; release it when the stream ends. */
  openStream(client: string): Promise<{ slot: Slot } | { failure: HttpFailure }>;
  /** Before a step paid with the server's key: is the turn's or the day's budget spent? */
  checkBudget(client: string, turn: string): Promise<HttpFailure | null>;
  /** After a step paid with the server's key. */
  recordUsage(client: string, turn: string, usage: ServerUsage): Promise<void>;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60;
/** Dollars are counted in micro-dollars (the counters are integers). */
const MICRO = 1_000_000;

const noSlot: Slot = { release() {} };

export const NO_LIMITS: Limits = {
  enabled: false,
  api: async () => null,
  chat: async () => null,
  openStream: async () => ({ slot: noSlot }),
  checkBudget: async () => null,
  recordUsage: async () => {},
  close: async () => {},
};

function hours(seconds: number): string {
  return seconds >= 3600 ? `${Math.ceil(seconds / 3600)} h` : seconds >= 60 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
}

export function createLimits(config: Pick<ServerConfig, "limits" | "redisUrl">, options: { redis?: Redis | null; log?: (m: string) => void } = {}): Limits {
  const l = config.limits;
  if (!l.enabled) return NO_LIMITS;
  const log = options.log ?? ((m: string) => console.warn(m));
  const ownsRedis = options.redis === undefined && config.redisUrl !== null;
  const redis = options.redis !== undefined ? options.redis : config.redisUrl ? connectRedis(config.redisUrl, log) : null;
  const c = (name: string, points: number, duration: number): Counter => counter(name, points, duration, redis);
  const api = c("api", l.apiPerMinute, 60);
  const chatClient = c("chat-client", l.chatPerMinute, 60);
  const chatChat = c("chat-chat", l.chatPerChatPerMinute, 60);
  const turnTokens = c("turn-tokens", l.turnTokens, DAY);
  const dayTokens = c("day-tokens", l.dailyTokens, DAY);
  const dayUsd = c("day-usd", Math.round(l.dailyUsd * MICRO), DAY);
  const local = memorySlots(l.streamsPerClient, l.streamsTotal);
  const slots: StreamSlots = redis ? redisSlots(redis, l.streamsPerClient, l.streamsTotal, local, log) : local;
  let connected: Promise<void> | null = redis ? redisReady(redis) : null;
  const ready = async () => {
    if (connected) await connected;
    connected = null;
  };

  const rate = (retryAfter: number, what: string) =>
    failure(429, "rate-limited", `Too many ${what}; try again in ${hours(retryAfter)}. (This server limits each client so that everyone gets a turn.)`, { retryAfter });

  return {
    enabled: true,
    async api(client) {
      await ready();
      const wait = await api.take(client);
      return wait === null ? null : rate(wait, "requests from you");
    },
    async chat(client, chatId) {
      await ready();
      const wait = (await chatClient.take(client)) ?? (await chatChat.take(chatId));
      return wait === null ? null : rate(wait, "assistant requests");
    },
    async openStream(client) {
      await ready();
      const got = await slots.acquire(client);
      if ("slot" in got) return got;
      return {
        failure:
          got.full === "client"
            ? failure(429, "too-many-streams", `You already have ${l.streamsPerClient} answer${l.streamsPerClient === 1 ? "" : "s"} streaming; wait for one to end (or stop one), then send again.`, { retryAfter: 5 })
            : failure(503, "too-many-streams", "The server is answering as many requests as it can right now; try again in a few seconds.", { retryAfter: 10 }),
      };
    },
    async checkBudget(client, turn) {
      await ready();
      const turnWait = await turnTokens.exhausted(turn);
      if (turnWait !== null)
        return failure(429, "budget-exceeded", `This message has used the ${l.turnTokens.toLocaleString("en-US")} tokens the server allows one message with its key. Send a new message to go on, or use your own key (assistant settings).`);
      const dayWait = (await dayTokens.exhausted(client)) ?? (await dayUsd.exhausted(client));
      if (dayWait !== null)
        return failure(
          429,
          "budget-exceeded",
          `You have used today's allowance of the server's model key (${l.dailyTokens.toLocaleString("en-US")} tokens or $${l.dailyUsd.toFixed(2)}); it frees up in ${hours(dayWait)}. You can go on now with your own key (assistant settings).`,
          { retryAfter: dayWait },
        );
      return null;
    },
    async recordUsage(client, turn, usage) {
      await ready();
      await Promise.all([turnTokens.add(turn, usage.tokens), dayTokens.add(client, usage.tokens), dayUsd.add(client, Math.round(usage.usd * MICRO))]);
    },
    async close() {
      if (ownsRedis) redis?.disconnect();
    },
  };
}
