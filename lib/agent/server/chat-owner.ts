// Server only. Who may use a chat's stored history: the browser that created the chat made a random secret for it
// and sends it with every request (CHAT_SECRET_HEADER); the store keeps only its SHA-256. Reading the history into a
// model request, continuing it or overwriting it needs the secret, so a chat id and a message id are not enough.
import { createHash, timingSafeEqual } from "node:crypto";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of two secret hashes (hex SHA-256). */
export function sameSecret(storedHash: string, presentedHash: string): boolean {
  const a = Buffer.from(storedHash, "hex");
  const b = Buffer.from(presentedHash, "hex");
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
