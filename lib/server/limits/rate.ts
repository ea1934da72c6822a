// Server only. Fixed-window counters from rate-limiter-flexible: in memory, or in Redis so that every instance counts
// together (with this process's memory as the insurance limiter while Redis is away).
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface Counter {
  /** Takes `points`; null when allowed, else the seconds until the window frees enough. */
  take(key: string, points?: number): Promise<number | null>;
  /** Adds `points` without refusing (usage that already happened). */
  add(key: string, points: number): Promise<void>;
  /** Seconds until the window frees, when `key` has used everything; null while some is left. */
  exhausted(key: string): Promise<number | null>;
}

export function counter(prefix: string, points: number, durationSeconds: number, redis: Redis | null): Counter {
  const options = { keyPrefix: `tandem:${prefix}`, points, duration: durationSeconds };
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) })
    : new RateLimiterMemory(options);
  const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    async take(key, n = 1) {
      try {
        await limiter.consume(key, n);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return seconds(rejection);
        throw rejection;
      }
    },
    async add(key, n) {
      if (n <= 0) return;
      await limiter.penalty(key, Math.ceil(n));
    },
    async exhausted(key) {
      const res = await limiter.get(key);
      return res && res.consumedPoints >= points ? seconds(res) : null;
    },
  };
}
