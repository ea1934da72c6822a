// The sandbox page's side of the static preview: it opens a session on the sandbox server (which hands back a
// preview URL on an origin of its own and a write secret that stays in this module) and uploads the project's files
// to it, in order, in batches. When the server has dropped the session (to make room, or after hours idle), the
// next upload — or the preview page's own "expired" notice, relayed by the IDE — opens a new one and uploads
// everything again; the preview then moves to the new URL by itself.
import type { SyncOp } from "./protocol";
import { MAX_UPLOAD_BYTES, PREVIEW_API, UPLOAD_BATCH_BYTES, type PreviewOp, type PreviewSession, type PreviewUploadResult } from "./preview-protocol";

export interface PreviewUploaderOptions {
  /** The sandbox server's origin; "" in the sandbox page (same origin). */
  base?: string;
  fetch?: typeof fetch;
  /** Every file as it is now, for a full upload into a new session. */
  snapshot(): SyncOp[];
  /** Each time a session is opened or confirmed: the preview's URL. */
  onUrl(url: string): void;
  warn?(message: string): void;
  /** How a 429's Retry-After is waited out. */
  sleep?(ms: number): Promise<void>;
  /** Extra request headers (tests outside a browser set Origin). */
  headers?: Record<string, string>;
}

export interface PreviewUploader {
  /** Opens a session and uploads every file. */
  open(): Promise<void>;
  /** Uploads changes; when the server dropped the session, opens a new one and uploads everything. */
  sync(ops: SyncOp[]): Promise<void>;
  /** The preview said its session is gone: check, and open a new one if so (cheap and idempotent when it is not). */
  restore(): Promise<void>;
  /** Frees the session on the server (best effort: the page is going away). */
  close(): void;
}

/** Bytes of a string as UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function toPreviewOp(op: SyncOp): PreviewOp {
  if (op.type !== "write") return op;
  if (typeof op.content === "string") return { type: "write", path: op.path, content: op.content };
  return { type: "write", path: op.path, content: toBase64(op.content), base64: true };
}

/** Request bodies of about UPLOAD_BATCH_BYTES each (at least one, so a reset is sent even with no files). */
export function uploadBodies(ops: SyncOp[], reset: boolean): string[] {
  const bodies: string[] = [];
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    bodies.push(`{"reset":${reset && bodies.length === 0},"ops":[${parts.join(",")}]}`);
    parts = [];
    size = 0;
  };
  for (const op of ops) {
    let json = JSON.stringify(toPreviewOp(op));
    let bytes = utf8Length(json);
    if (bytes > MAX_UPLOAD_BYTES - 1024) {
      json = JSON.stringify({ type: "too-large", path: op.path, bytes } satisfies PreviewOp);
      bytes = json.length;
    }
    if (parts.length && size + bytes > UPLOAD_BATCH_BYTES) flush();
    parts.push(json);
    size += bytes + 1;
  }
  if (parts.length || bodies.length === 0) flush();
  return bodies;
}

export function createPreviewUploader(options: PreviewUploaderOptions): PreviewUploader {
  const base = options.base ?? "";
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let session: PreviewSession | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let restoring: Promise<void> | undefined;

  /** Runs tasks one after another, so uploads reach the server in the order the changes happened. */
  const serial = (task: () => Promise<void>): Promise<void> => {
    const next = queue.then(task).catch((error: unknown) => warn(`Preview upload failed: ${error instanceof Error ? error.message : String(error)}`));
    queue = next;
    return next;
  };

  async function openSession(): Promise<void> {
    const old = session;
    session = undefined;
    if (old) release(old);
    const res = await fetchFn(`${base}${PREVIEW_API}`, {
      method: "POST",
      headers: { ...options.headers, "Content-Type": "application/json" },
      body: "{}",
    });
    if (!res.ok) throw new Error(`the server refused a preview session (${res.status}): ${await res.text()}`);
    const opened = (await res.json()) as PreviewSession;
    if (typeof opened?.id !== "string" || typeof opened.secret !== "string" || typeof opened.url !== "string") throw new Error("malformed session");
    session = opened;
    if ((await upload(opened, options.snapshot(), true)) === "gone") throw new Error("the new preview session was dropped at once");
    options.onUrl(opened.url);
  }

  /** Sends ops in batches; "gone" when the server no longer has the session. */
  async function upload(target: PreviewSession, ops: SyncOp[], reset: boolean): Promise<"ok" | "gone"> {
    for (const body of uploadBodies(ops, reset)) {
      let res: Response;
      for (let attempt = 0; ; attempt++) {
        res = await fetchFn(`${base}${PREVIEW_API}/${target.id}`, {
          method: "POST",
          headers: { ...options.headers, "Content-Type": "application/json", Authorization: `Bearer ${target.secret}` },
          body,
        });
        if (res.status !== 429 || attempt >= 30) break;
        await sleep(Math.min(10, Number(res.headers.get("retry-after")) || 1) * 1000);
      }
      if (res.status === 404) return "gone";
      if (!res.ok) {
        warn(`Preview upload refused (${res.status}): ${await res.text()}`);
        continue;
      }
      const result = (await res.json()) as PreviewUploadResult;
      if (result.skipped?.length) warn(`${result.message ?? "Some files are not in the preview"} (${result.skipped.slice(0, 5).join(", ")}${result.skipped.length > 5 ? ", …" : ""})`);
    }
    return "ok";
  }

  function release(old: PreviewSession): void {
    void fetchFn(`${base}${PREVIEW_API}/${old.id}`, { method: "DELETE", headers: { ...options.headers, Authorization: `Bearer ${old.secret}` }, keepalive: true }).catch(
      () => undefined,
    );
  }

  return {
    open: () => serial(openSession),
    sync: (ops) =>
      serial(async () => {
        if (!session) return openSession();
        if ((await upload(session, ops, false)) === "gone") await openSession();
      }),
    restore: () =>
      // One check at a time: a page repeating "expired" in a loop queues nothing more.
      (restoring ??= serial(async () => {
        restoring = undefined;
        // An empty upload is the cheapest "are you there".
        if (!session || (await upload(session, [], false)) === "gone") return openSession();
        options.onUrl(session.url);
      })),
    close() {
      if (session) release(session);
      session = undefined;
    },
  };
}
