// Server only. The shares' limits from the environment (documented in .env.example); pure, so tests pass an env in.
import { z } from "zod";

export interface ShareConfig {
  /** Total bytes of one version's files. */
  maxShareBytes: number;
  /** Files in one version. */
  maxFiles: number;
  /** One file (blob). */
  maxBlobBytes: number;
  /** All blob bytes on this server (every instance: it is counted in the database). */
  quotaBytes: number;
  /** Publishes (new shares and new versions) per client per hour. */
  publishesPerHour: number;
  /** An upload request's body (a batch of blobs). */
  uploadBodyBytes: number;
  /** A publish request's JSON (the manifest of a large project). */
  publishBodyBytes: number;
  /** How long an uploaded blob no version refers to yet is kept (a publish in progress). */
  uploadGraceMs: number;
  /** Opened versions kept in this process's memory, ready to send (bytes). */
  cacheBytes: number;
}

const positive = z.coerce.number().finite().positive();
const MB = 1024 * 1024;

export function loadShareConfig(env: Record<string, string | undefined>): ShareConfig {
  const read = (name: string, fallback: number, schema: z.ZodType<number> = positive) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`${name}: expected a positive number, got "${raw}"`);
    return parsed.data;
  };
  return {
    maxShareBytes: Math.round(read("TANDEM_SHARE_MAX_MB", 50) * MB),
    maxFiles: Math.round(read("TANDEM_SHARE_MAX_FILES", 5_000)),
    maxBlobBytes: Math.round(read("TANDEM_SHARE_MAX_FILE_MB", 10) * MB),
    quotaBytes: Math.round(read("TANDEM_SHARE_QUOTA_MB", 2_048) * MB),
    publishesPerHour: Math.round(read("TANDEM_SHARES_PER_HOUR", 60)),
    uploadBodyBytes: Math.round(read("TANDEM_SHARE_UPLOAD_MB", 16) * MB),
    publishBodyBytes: Math.round(read("TANDEM_SHARE_PUBLISH_BODY_MB", 4) * MB),
    uploadGraceMs: Math.round(read("TANDEM_SHARE_UPLOAD_GRACE_MIN", 60) * 60_000),
    cacheBytes: Math.round(read("TANDEM_SHARE_CACHE_MB", 64, z.coerce.number().finite().min(0)) * MB),
  };
}
