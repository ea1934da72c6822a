// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// The static previews' files, in memory. Chromium denies service workers to third-party iframes (the sandbox is
// cross-site to the IDE on purpose), so the sandbox page uploads the project's files here and the preview iframe (or
// a new tab) loads them from the session's own origin like any static site.
//
// Sessions are opened by the server (ids and secrets are its own random values, so nobody can pick or take over an
// id), written only with the session's secret, and bounded three ways: per session, per client (the address that
// opened it) and in total. Over a client or total bound the least recently used sessions are dropped — never refused
// — so one client can churn only its own sessions, and a dropped session's runtime simply opens a new one.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { PreviewUpload } from "../offline/preview-protocol.ts";
import { MAX_UPLOAD_BYTES } from "../offline/preview-protocol.ts";
import { formatBytes } from "./http-edge.ts";

export interface PreviewStoreLimits {
  /** All sessions together. */
  totalBytes: number;
  /** All sessions opened by one client. */
  clientBytes: number;
  /** One session (one project's preview): files past it are not stored, and the preview says why. */
  sessionBytes: number;
  totalSessions: number;
  clientSessions: number;
  /** A session nobody wrote or read for this long is dropped. */
  idleMs: number;
}

const MB = 1024 * 1024;
export const DEFAULT_PREVIEW_LIMITS: PreviewStoreLimits = {
  totalBytes: 256 * MB,
  clientBytes: 128 * MB,
  sessionBytes: 64 * MB,
  totalSessions: 4096,
  clientSessions: 64,
  idleMs: 2 * 60 * 60 * 1000,
};

/** Bytes charged per stored entry beside its content (the path, the map entry): 20,000 empty files are not free. */
const ENTRY_OVERHEAD = 96;
const MAX_MISSING = 10_000;

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8", htm: "text/html; charset=utf-8", css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8", mjs: "text/javascript; charset=utf-8", json: "application/json; charset=utf-8",
  svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  avif: "image/avif", ico: "image/x-icon", txt: "text/plain; charset=utf-8", md: "text/plain; charset=utf-8",
  woff: "font/woff", woff2: "font/woff2", ttf: "font/ttf", otf: "font/otf", wasm: "application/wasm",
  map: "application/json; charset=utf-8", xml: "application/xml; charset=utf-8", csv: "text/csv; charset=utf-8",
  mp3: "audio/mpeg", wav: "audio/wav", ogg: "audio/ogg", mp4: "video/mp4", webm: "video/webm", pdf: "application/pdf",
};

interface Session {
  readonly id: string;
  readonly secretHash: Buffer;
  readonly client: string;
  readonly files: Map<string, Buffer>;
  /** Files of the project that are not stored, with the reason the preview gives for them. */
  readonly missing: Map<string, string>;
  /** Charged bytes: content plus ENTRY_OVERHEAD and the path per entry of `files` and `missing`. */
  bytes: number;
  used: number;
}

export type Lookup =
  | { type: "file"; path: string; body: Buffer; contentType: string }
  /** The session exists but has no such file; `reason` when the project has it but it was not stored. */
  | { type: "missing"; reason?: string }
  | { type: "no-session" };

export type Authorization = "ok" | "unknown" | "forbidden";

export interface PreviewStore {
  /** Opens a session for `client`; its id is the preview's read name, its secret the write key. */
  create(client: string): { id: string; secret: string };
  authorize(id: string, secret: string): Authorization;
  /** Applies an upload to an open session; null when the session is gone (dropped or never opened). */
  apply(id: string, upload: PreviewUpload): { skipped: string[] } | null;
  remove(id: string): void;
  /** Finds the file for a URL path the way static hosts do (index.html for folders, .html added, public/ fallback). */
  lookup(id: string, urlPath: string): Lookup;
  /** The session's HTML pages (for the not-found page to offer), at most `max`, shortest paths first. */
  pages(id: string, max?: number): string[];
  usage(client?: string): { bytes: number; sessions: number };
}

const hash = (secret: string) => createHash("sha256").update(secret).digest();
const entryCost = (path: string, size: number) => size + ENTRY_OVERHEAD + path.length * 2;

export function createPreviewStore(limits: PreviewStoreLimits = DEFAULT_PREVIEW_LIMITS, now: () => number = Date.now): PreviewStore {
  /** In least-recently-used order: a touched session is moved to the end. */
  const sessions = new Map<string, Session>();
  const clients = new Map<string, { bytes: number; sessions: number }>();
  let total = 0;

  const clientOf = (key: string) => {
    let c = clients.get(key);
    if (!c) clients.set(key, (c = { bytes: 0, sessions: 0 }));
    return c;
  };

  /** Changes a session's charge and keeps the client's and the total in step (the one place that counts). */
  function charge(s: Session, delta: number): void {
    s.bytes += delta;
    clientOf(s.client).bytes += delta;
    total += delta;
  }

  function touch(s: Session): void {
    s.used = now();
    sessions.delete(s.id);
    sessions.set(s.id, s);
  }

  function drop(s: Session): void {
    if (sessions.get(s.id) !== s) return;
    charge(s, -s.bytes);
    sessions.delete(s.id);
    const c = clientOf(s.client);
    c.sessions -= 1;
    if (c.sessions === 0) clients.delete(s.client);
  }

  function dropIdle(): void {
    const limit = now() - limits.idleMs;
    for (const s of sessions.values()) {
      if (s.used > limit) break; // LRU order: the rest are newer
      drop(s);
    }
  }

  /**
   * Drops the least recently used sessions that `mine` selects (never `keep`) while a bound is exceeded; for bytes,
   * only sessions that hold some (dropping an empty one frees nothing and costs its runtime a new session).
   */
  function shed(keep: Session, mine: (s: Session) => boolean, overBytes: () => boolean, overCount: () => boolean): void {
    for (const s of [...sessions.values()]) {
      if (!overBytes() && !overCount()) return;
      if (s !== keep && mine(s) && (overCount() || s.bytes > 0)) drop(s);
    }
  }

  function enforce(keep: Session): void {
    const c = clientOf(keep.client);
    shed(keep, (s) => s.client === keep.client, () => c.bytes > limits.clientBytes, () => c.sessions > limits.clientSessions);
    shed(keep, () => true, () => total > limits.totalBytes, () => sessions.size > limits.totalSessions);
  }

  function removeFile(s: Session, path: string): void {
    const old = s.files.get(path);
    if (old) {
      s.files.delete(path);
      charge(s, -entryCost(path, old.length));
    }
    const reason = s.missing.get(path);
    if (reason !== undefined) {
      s.missing.delete(path);
      charge(s, -entryCost(path, reason.length));
    }
  }

  function markMissing(s: Session, path: string, reason: string): void {
    removeFile(s, path);
    if (s.missing.size >= MAX_MISSING) return;
    s.missing.set(path, reason);
    charge(s, entryCost(path, reason.length));
  }

  return {
    create(client) {
      dropIdle();
      const id = randomBytes(16).toString("hex");
      const secret = randomBytes(32).toString("base64url");
      const s: Session = { id, secretHash: hash(secret), client, files: new Map(), missing: new Map(), bytes: 0, used: now() };
      sessions.set(id, s);
      clientOf(client).sessions += 1;
      enforce(s);
      return { id, secret };
    },

    authorize(id, secret) {
      const s = sessions.get(id);
      if (!s) return "unknown";
      return timingSafeEqual(hash(secret), s.secretHash) ? "ok" : "forbidden";
    },

    apply(id, upload) {
      dropIdle();
      const s = sessions.get(id);
      if (!s) return null;
      touch(s);
      if (upload.reset) for (const path of [...s.files.keys(), ...s.missing.keys()]) removeFile(s, path);
      const skipped: string[] = [];
      for (const op of upload.ops) {
        if (op.type === "write") {
          const body = op.base64 ? Buffer.from(op.content, "base64") : Buffer.from(op.content, "utf8");
          const old = s.files.get(op.path);
          const after = s.bytes - (old ? entryCost(op.path, old.length) : 0) + entryCost(op.path, body.length);
          if (after > limits.sessionBytes) {
            skipped.push(op.path);
            markMissing(s, op.path, `it is not in the preview: a project's preview holds at most ${formatBytes(limits.sessionBytes)} and this one is full`);
            continue;
          }
          removeFile(s, op.path);
          s.files.set(op.path, body);
          charge(s, entryCost(op.path, body.length));
        } else if (op.type === "delete") {
          const prefix = `${op.path}/`;
          for (const path of [...s.files.keys(), ...s.missing.keys()]) if (path === op.path || path.startsWith(prefix)) removeFile(s, path);
        } else if (op.type === "too-large") {
          skipped.push(op.path);
          markMissing(s, op.path, `it is not in the preview: at ${formatBytes(op.bytes)} it is larger than one upload (${formatBytes(MAX_UPLOAD_BYTES)})`);
        }
        // mkdir: folders exist through their files.
      }
      enforce(s);
      return { skipped };
    },

    remove(id) {
      const s = sessions.get(id);
      if (s) drop(s);
    },

    lookup(id, urlPath) {
      const s = sessions.get(id);
      if (s && now() - s.used > limits.idleMs) drop(s);
      if (!s || !sessions.has(id)) return { type: "no-session" };
      touch(s);
      let p = urlPath.replace(/^\/+/, "");
      if (p === "" || p.endsWith("/")) p += "index.html";
      const candidates = [p, `${p}/index.html`, `${p}.html`, `public/${p}`];
      for (const candidate of candidates) {
        const body = s.files.get(candidate);
        if (body) {
          const ext = candidate.split(".").pop()?.toLowerCase() ?? "";
          return { type: "file", path: candidate, body, contentType: TYPES[ext] ?? "application/octet-stream" };
        }
      }
      for (const candidate of candidates) {
        const reason = s.missing.get(candidate);
        if (reason !== undefined) return { type: "missing", reason };
      }
      return { type: "missing" };
    },

    pages(id, max = 12) {
      const s = sessions.get(id);
      if (!s) return [];
      return [...s.files.keys()]
        .filter((p) => /\.html?$/i.test(p) && !p.startsWith("node_modules/"))
        .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))
        .slice(0, max);
    },

    usage(client) {
      if (client === undefined) return { bytes: total, sessions: sessions.size };
      const c = clients.get(client);
      return { bytes: c?.bytes ?? 0, sessions: c?.sessions ?? 0 };
    },
  };
}
