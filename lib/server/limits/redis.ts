// Server only. One Redis connection per process for the shared counters (REDIS_URL), made on first use. Commands fail
// fast when Redis is away (no offline queue that would hold a request), and the limiters fall back to this process's
// memory until it is back — a limit that holds per instance beats a server that refuses everyone.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { Redis } from "ioredis";

export function connectRedis(url: string, log: (message: string) => void): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Reconnect forever, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let warned = false;
  redis.on("error", (error: Error) => {
    if (warned) return;
    warned = true;
    log(`Redis (${new URL(url).host}) is not reachable: ${error.message}; limits count in this process until it is.`);
  });
  redis.on("ready", () => {
    warned = false;
  });
  return redis;
}

/**
 * Resolves once `redis` is ready, or after `timeoutMs` (then the limiters count in memory until it is). The first
 * requests after a start wait for it: counted in memory, a burst at start-up got each instance's full allowance.
 */
export function redisReady(redis: Redis, timeoutMs = 2_000): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    timer.unref?.();
    redis.once("ready", done);
  });
}
