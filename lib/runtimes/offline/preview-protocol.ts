// The sandbox page ↔ sandbox server preview API (lib/runtimes/sandbox-server). The sandbox page opens a session
// (POST PREVIEW_API) and gets a read id (the preview's host name) and a write secret only it holds; it then uploads the
// project's files (POST PREVIEW_API/<id>, Authorization: Bearer <secret>). The server checks bodies against zod
// schemas typed by these types (sandbox-server/upload-schemas.ts), so both sides cannot drift apart. No imports:
// the sandbox page stays small, and Node runs the server's copy as it is.

export const PREVIEW_API = "/__preview/sessions";
/** Reserved path on preview hosts for the error-reporting script injected into every page. */
export const PREVIEW_CONSOLE_PATH = "/__tandem/preview-console.js";
/** One upload request at most (the page splits bigger uploads into batches). */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** What the page aims for per batch, encoded: well under MAX_UPLOAD_BYTES. */
export const UPLOAD_BATCH_BYTES = 4 * 1024 * 1024;
export const MAX_OPS_PER_UPLOAD = 20_000;

export type PreviewOp =
  | { type: "write"; path: string; content: string; base64?: boolean }
  | { type: "delete"; path: string }
  | { type: "mkdir"; path: string }
  /** A file the page did not upload because it alone exceeds an upload: the preview then says why it is missing. */
  | { type: "too-large"; path: string; bytes: number };

export interface PreviewUpload {
  /** Drop every file of the session first. */
  reset?: boolean;
  ops: PreviewOp[];
}

/** The answer to POST PREVIEW_API. */
export interface PreviewSession {
  id: string;
  secret: string;
  /** The preview's origin with a trailing "/": http://<id>.localhost:3001/ by default. */
  url: string;
}

/** The answer to an upload. */
export interface PreviewUploadResult {
  /** Files not stored because the session's quota was reached (the preview explains them when asked for). */
  skipped: string[];
  message?: string;
}
