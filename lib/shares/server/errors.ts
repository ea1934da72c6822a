// Server only. What can go wrong with a share, as values a person (or the browser's publish code) can act on; the
// HTTP layer (http.ts) turns each code into a status.
export type ShareErrorCode =
  | "invalid"
  | "not-found"
  | "gone"
  | "forbidden"
  | "too-large"
  | "too-many-files"
  | "quota"
  | "rate-limited"
  | "missing-blobs"
  | "corrupted";

export interface ShareError {
  code: ShareErrorCode;
  message: string;
  /** missing-blobs: the hashes to upload first. */
  missing?: string[];
  /** rate-limited: seconds until another publish is accepted. */
  retryAfter?: number;
}

export type ShareResult<T> = { ok: true; value: T } | { ok: false; error: ShareError };

export const success = <T>(value: T): ShareResult<T> => ({ ok: true, value });

export function refuse(code: ShareErrorCode, message: string, extra: Pick<ShareError, "missing" | "retryAfter"> = {}): { ok: false; error: ShareError } {
  return { ok: false, error: { code, message, ...extra } };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
