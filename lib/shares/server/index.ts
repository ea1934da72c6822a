// Server only. The process's share store, chosen by configuration: PostgreSQL when DATABASE_URL is set, otherwise
// embedded PGlite in TANDEM_DATA_DIR/shares (default ./.tandem-data). Created on first use, never on import; a failed
// start (database down) is retried on the next request.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { ServerConfig } from "@/lib/server/config";
import { counter } from "@/lib/server/limits/rate";
import { connectRedis } from "@/lib/server/limits/redis";
import { databaseBlobStorage } from "./blob-storage";
import { loadShareConfig, type ShareConfig } from "./config";
import { openPglite, openPostgres } from "./db";
import { NO_COUNTER, ShareStore, type PublishCounter } from "./store";
import { VersionCache } from "./version-cache";

export interface Shares {
  store: ShareStore;
  config: ShareConfig;
  cache: VersionCache;
  /** Other processes may serve the same shares (PostgreSQL). */
  shared: boolean;
  /** Collects garbage in the background, at most every 10 minutes per process (uploads call it). */
  collectSoon(): void;
}

const COLLECT_EVERY_MS = 10 * 60_000;

/** Fresh uploads that no version came to use are kept for the grace period; something has to come back for them. */
export function throttledCollector(store: Pick<ShareStore, "collectGarbage">, every = COLLECT_EVERY_MS): () => void {
  let last = Date.now();
  let running = false;
  return () => {
    if (running || Date.now() - last < every) return;
    running = true;
    last = Date.now();
    void store
      .collectGarbage()
      .catch((error: unknown) => console.warn("share garbage collection failed:", error instanceof Error ? error.message : error))
      .finally(() => (running = false));
  };
}

let current: Promise<Shares> | null = null;

/** Publishes per client per hour, counted with lib/server/limits' counters (in Redis when REDIS_URL is set). */
function publishCounter(server: Pick<ServerConfig, "limits" | "redisUrl">, config: ShareConfig): PublishCounter {
  if (!server.limits.enabled) return NO_COUNTER;
  const redis = server.redisUrl ? connectRedis(server.redisUrl, (m) => console.warn(m)) : null;
  const c = counter("share-publish", config.publishesPerHour, 3600, redis);
  return { take: (client) => c.take(client) };
}

export function sharesFromEnv(server: Pick<ServerConfig, "limits" | "redisUrl">, env: Record<string, string | undefined> = process.env): Promise<Shares> {
  current ??= (async () => {
    const config = loadShareConfig(env);
    const url = env.DATABASE_URL?.trim();
    let opened;
    if (url) opened = await openPostgres(url);
    else {
      const dir = path.resolve(env.TANDEM_DATA_DIR?.trim() || ".tandem-data", "shares");
      await mkdir(dir, { recursive: true });
      opened = await openPglite(dir);
    }
    const store = new ShareStore(opened.db, databaseBlobStorage(opened.db), config, publishCounter(server, config));
    return { store, config, cache: new VersionCache(config.cacheBytes), shared: opened.shared, collectSoon: throttledCollector(store) };
  })();
  current.catch(() => {
    current = null;
  });
  return current;
}
