// Server only. The process's one Limits (and its Redis connection), made on first use from the server's configuration.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { ServerConfig } from "../config.ts";
import { createLimits, type Limits } from "./limits.ts";

let current: { config: ServerConfig; limits: Limits } | null = null;

export function processLimits(config: ServerConfig): Limits {
  if (current?.config !== config) {
    void current?.limits.close();
    current = { config, limits: createLimits(config) };
  }
  return current.limits;
}
