// Server only. What the IDE server allows, from its environment (documented in .env.example). Parsed once at start-up
// by the edge (lib/server/edge.ts) and by the routes; pure, so tests pass an env in.
//
// One rule decides the defaults: a server that listens on loopback (the README's `npm start`) serves one person on one
// machine, so public limits are off and a browser may point the assistant at its own model server; a server on any
// other address is public, so limits are on, the Host header must name it, and a browser-chosen endpoint is opt-in.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { isIP } from "node:net";
import { z } from "zod";

export type Env = Record<string, string | undefined>;

/** Where a browser may point the assistant (an OpenAI-compatible base URL of its own choosing). */
export type BrowserEndpointPolicy =
  /** Not at all: only the endpoints the server's configuration names. */
  | "off"
  /** Any address but link-local and cloud metadata (a loopback server: Ollama on this machine or the LAN). */
  | "local"
  /** Public addresses only: never loopback, private, link-local or metadata (a public server, when opted in). */
  | "public";

export interface LimitsConfig {
  enabled: boolean;
  /** Chat requests per client per minute (a tool loop sends one per step). */
  chatPerMinute: number;
  /** Chat requests per chat per minute. */
  chatPerChatPerMinute: number;
  /** Requests of any kind per client per minute (pages and assets excluded: only /api/). */
  apiPerMinute: number;
  /** Open connections per client address (not behind a trusted proxy, where every connection is the proxy's). */
  connectionsPerClient: number;
  /** Model streams open at once, per client and for the whole server (all instances when Redis is shared). */
  streamsPerClient: number;
  streamsTotal: number;
  /** Server-paid usage (requests that use the server's key): tokens per turn, tokens and dollars per client per day. */
  turnTokens: number;
  dailyTokens: number;
  dailyUsd: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** The server listens on a loopback address only. */
  loopback: boolean;
  /** Host header values the IDE answers to (DNS rebinding: anything else gets 421). Lower case, with port. */
  allowedHosts: ReadonlySet<string>;
  /** Origins whose pages may call state-changing routes. */
  allowedOrigins: ReadonlySet<string>;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a proxy in front (only set behind one you run). */
  trustProxy: boolean;
  /** Optional access tokens (an invite link carries one); empty: no token needed. */
  accessTokens: readonly string[];
  browserEndpoints: BrowserEndpointPolicy;
  /** Counters shared by all instances; null: in this process's memory. */
  redisUrl: string | null;
  limits: LimitsConfig;
  /** Request bodies: the chat route's cap in bytes (a 409 "send it whole" upload is the largest it must take). */
  chatBodyBytes: number;
  /** Cap for any other JSON body. */
  jsonBodyBytes: number;
  /** Nesting depth any JSON body may have. */
  jsonMaxDepth: number;
  /** Milliseconds a client may take to send its headers / its whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export class ConfigError extends Error {}

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v, ctx) => {
    if (["1", "true", "on", "yes"].includes(v)) return true;
    if (["0", "false", "off", "no"].includes(v)) return false;
    ctx.addIssue({ code: "custom", message: `expected 1/0 (or on/off), got "${v}"` });
    return z.NEVER;
  });

const positive = z.coerce.number().finite().positive();

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1";
  return false;
}

function read<T>(env: Env, name: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${name}: ${parsed.error.issues[0]?.message ?? "invalid value"}`);
  return parsed.data;
}

/** "host:port" as a browser sends it in the Host header (default ports omitted). */
function hostOf(url: URL): string {
  return url.host.toLowerCase();
}

export function loadServerConfig(env: Env): ServerConfig {
  const host = env.HOST?.trim() || "127.0.0.1";
  const port = read(env, "PORT", z.coerce.number().int().min(1).max(65535), 3000);
  const loopback = isLoopbackHost(host);

  const publicUrls = (env.TANDEM_PUBLIC_URL ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean)
    .map((u) => {
      const parsed = z.url({ protocol: /^https?$/ }).safeParse(u);
      if (!parsed.success) throw new ConfigError(`TANDEM_PUBLIC_URL: "${u}" is not an http(s) URL`);
      return new URL(parsed.data);
    });
  const extraHosts = (env.TANDEM_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const hosts = new Set<string>([...publicUrls.map(hostOf), ...extraHosts]);
  const origins = new Set<string>(publicUrls.map((u) => u.origin));
  if (loopback || host === "0.0.0.0" || host === "::") {
    // The names this machine itself reaches the server by (also on a LAN-facing server, for the person at it).
    for (const name of ["127.0.0.1", "localhost", "[::1]"]) {
      hosts.add(`${name}:${port}`);
      origins.add(`http://${name}:${port}`);
    }
  }
  if (!loopback && hosts.size === 0) {
    hosts.add(`${host.includes(":") ? `[${host}]` : host}:${port}`.toLowerCase());
  }
  for (const h of extraHosts) {
    origins.add(`http://${h}`);
    origins.add(`https://${h}`);
  }

  const limitsOn = read(env, "TANDEM_LIMITS", flag, !loopback);
  const browserChoice = read(env, "TANDEM_ALLOW_BROWSER_BASE_URL", flag, loopback);
  const browserEndpoints: BrowserEndpointPolicy = !browserChoice ? "off" : loopback ? "local" : "public";

  const mb = (name: string, fallback: number) => Math.round(read(env, name, positive, fallback) * 1024 * 1024);
  return {
    host,
    port,
    loopback,
    allowedHosts: hosts,
    allowedOrigins: origins,
    trustProxy: read(env, "TANDEM_TRUST_PROXY", flag, false),
    accessTokens: (env.TANDEM_ACCESS_TOKEN ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => {
        if (t.length < 16) throw new ConfigError("TANDEM_ACCESS_TOKEN: each token needs at least 16 characters");
        return t;
      }),
    browserEndpoints,
    redisUrl: env.REDIS_URL?.trim() || null,
    limits: {
      enabled: limitsOn,
      chatPerMinute: read(env, "TANDEM_RATE_CHAT_PER_MINUTE", positive, 120),
      chatPerChatPerMinute: read(env, "TANDEM_RATE_CHAT_PER_CHAT_PER_MINUTE", positive, 60),
      apiPerMinute: read(env, "TANDEM_RATE_API_PER_MINUTE", positive, 300),
      connectionsPerClient: read(env, "TANDEM_CONNECTIONS_PER_CLIENT", positive, 64),
      streamsPerClient: read(env, "TANDEM_STREAMS_PER_CLIENT", positive, 4),
      streamsTotal: read(env, "TANDEM_STREAMS_TOTAL", positive, 200),
      turnTokens: read(env, "TANDEM_BUDGET_TURN_TOKENS", positive, 2_000_000),
      dailyTokens: read(env, "TANDEM_BUDGET_DAILY_TOKENS", positive, 5_000_000),
      dailyUsd: read(env, "TANDEM_BUDGET_DAILY_USD", positive, 5),
    },
    chatBodyBytes: mb("TANDEM_CHAT_MAX_BODY_MB", 4),
    jsonBodyBytes: mb("TANDEM_JSON_MAX_BODY_MB", 1),
    jsonMaxDepth: read(env, "TANDEM_JSON_MAX_DEPTH", z.coerce.number().int().min(8).max(1000), 64),
    headersTimeoutMs: read(env, "TANDEM_HEADERS_TIMEOUT_MS", positive, 10_000),
    requestTimeoutMs: read(env, "TANDEM_REQUEST_TIMEOUT_MS", positive, 30_000),
  };
}

let cached: { env: Env; config: ServerConfig } | null = null;

/** The process's configuration (parsed once per env object). */
export function serverConfig(env: Env = process.env): ServerConfig {
  if (cached?.env !== env) cached = { env, config: loadServerConfig(env) };
  return cached.config;
}
