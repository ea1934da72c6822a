import type { FileContent } from "../project";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Bytes that are valid UTF-8 and contain no NUL become text (editable); anything else stays bytes.
 * ignoreBOM keeps a leading BOM in the string, so text → bytes gives back exactly the same bytes.
 */
export function decodeContent(bytes: Uint8Array): FileContent {
  if (bytes.includes(0)) return bytes;
  try {
    return decoder.decode(bytes);
  } catch {
    return bytes;
  }
}

export function encodeContent(content: FileContent): Uint8Array {
  return typeof content === "string" ? encoder.encode(content) : content;
}
