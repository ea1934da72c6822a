// Server only. How many model streams may be open at once, per client and in all: with Redis, a semaphore shared by
// every instance (redis-semaphore: each slot is a lease that its holder refreshes, so a crashed instance's slots expire
// by themselves); without, a count in this process.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { Redis } from "ioredis";
import { Semaphore } from "redis-semaphore";

export interface Slot {
  release(): void;
}

export interface StreamSlots {
  /** A slot for one stream, or null when `client` (or the server) already has the most it may. */
  acquire(client: string): Promise<{ slot: Slot } | { full: "client" | "server" }>;
}

export function memorySlots(perClient: number, total: number): StreamSlots {
  const open = new Map<string, number>();
  let all = 0;
  return {
    async acquire(client) {
      const mine = open.get(client) ?? 0;
      if (mine >= perClient) return { full: "client" };
      if (all >= total) return { full: "server" };
      open.set(client, mine + 1);
      all++;
      let released = false;
      return {
        slot: {
          release() {
            if (released) return;
            released = true;
            all--;
            const left = (open.get(client) ?? 1) - 1;
            if (left > 0) open.set(client, left);
            else open.delete(client);
          },
        },
      };
    },
  };
}

/** A lease lives this long unless its holder (refreshing every lockTimeout × 0.8) is still streaming. */
const LEASE_MS = 30_000;

export function redisSlots(redis: Redis, perClient: number, total: number, fallback: StreamSlots, log: (m: string) => void): StreamSlots {
  const options = { lockTimeout: LEASE_MS, acquireAttemptsLimit: 1, onLockLost: () => {} };
  return {
    async acquire(client) {
      if (redis.status !== "ready") return fallback.acquire(client);
      const mine = new Semaphore(redis, `tandem:streams:client:${client}`, perClient, options);
      const all = new Semaphore(redis, "tandem:streams:total", total, options);
      try {
        if (!(await mine.tryAcquire())) return { full: "client" };
        if (!(await all.tryAcquire())) {
          await mine.release();
          return { full: "server" };
        }
      } catch (error) {
        log(`stream slots: Redis failed (${error instanceof Error ? error.message : String(error)}); counting in this process`);
        mine.stopRefresh();
        all.stopRefresh();
        return fallback.acquire(client);
      }
      let released = false;
      return {
        slot: {
          release() {
            if (released) return;
            released = true;
            void Promise.allSettled([all.release(), mine.release()]);
          },
        },
      };
    },
  };
}
