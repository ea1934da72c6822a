import { MAX_FILE_BYTES } from "../project";

export interface ZipLimits {
  /** Sum of the uncompressed sizes the zip declares. Checked before anything is inflated. */
  maxTotalBytes: number;
  maxFiles: number;
  maxFileBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 256 * 1024 * 1024,
  maxFiles: 20_000,
  maxFileBytes: MAX_FILE_BYTES,
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
