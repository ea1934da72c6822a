// node:buffer — feross's `buffer` package (the Buffer every browser bundler ships), with the two things it lacks
// that programs meet: "base64url" (JWTs, URL-safe tokens) and a `name` that survives minification. Loaded as its own
// chunk before the first program runs (see lazy-builtins.ts). "buffer/" names the package, never Node's own module.
import * as pkg from "buffer/";

const { Buffer } = pkg;
// The package's types declare only the class.
const { INSPECT_MAX_BYTES, kMaxLength, SlowBuffer } = pkg as unknown as { INSPECT_MAX_BYTES: number; kMaxLength: number; SlowBuffer: unknown };

type BufferInstance = InstanceType<typeof Buffer>;
type Encoding = Parameters<typeof Buffer.from>[1];

const toBase64 = (s: string) => s.replace(/-/g, "+").replace(/_/g, "/");
const isBase64url = (encoding: unknown) => typeof encoding === "string" && encoding.toLowerCase() === "base64url";

const from = Buffer.from.bind(Buffer);
Buffer.from = function fromWithBase64url(value: unknown, encodingOrOffset?: unknown, length?: number) {
  if (typeof value === "string" && isBase64url(encodingOrOffset)) return from(toBase64(value), "base64");
  return (from as unknown as (v: unknown, e?: unknown, l?: number) => BufferInstance)(value, encodingOrOffset, length);
} as typeof Buffer.from;

const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function toStringWithBase64url(this: BufferInstance, ...args: [encoding?: string, start?: number, end?: number]) {
  const [encoding, start, end] = args;
  if (isBase64url(encoding)) return toString.call(this, "base64", start, end).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return toString.apply(this, args);
};

const byteLength = Buffer.byteLength.bind(Buffer);
Buffer.byteLength = function byteLengthWithBase64url(value: unknown, encoding?: Encoding) {
  if (typeof value === "string" && isBase64url(encoding)) return Buffer.from(value, "base64url" as Encoding).length;
  return (byteLength as (v: unknown, e?: Encoding) => number)(value, encoding);
} as typeof Buffer.byteLength;

const isEncoding = Buffer.isEncoding.bind(Buffer);
Buffer.isEncoding = (encoding: string) => isBase64url(encoding) || isEncoding(encoding);

Object.defineProperty(Buffer, "name", { value: "Buffer" });

// `<Buffer 68 69>`, and "... 10 more bytes" past INSPECT_MAX_BYTES, as Node's own Buffer prints itself (the
// package's version ends in a bare "...").
Object.defineProperty(Buffer.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  configurable: true,
  writable: true,
  value: function inspectBuffer(this: BufferInstance) {
    const max = INSPECT_MAX_BYTES;
    const shown = Array.from(this.subarray(0, Math.min(max, this.length)), (b) => b.toString(16).padStart(2, "0")).join(" ");
    const rest = this.length - max;
    return `<${this.constructor.name} ${shown}${rest > 0 ? ` ... ${rest} more byte${rest > 1 ? "s" : ""}` : ""}>`;
  },
});

export { Buffer };
export type BufferClass = typeof Buffer;

export const bufferModule = {
  Buffer,
  SlowBuffer,
  INSPECT_MAX_BYTES,
  kMaxLength,
  kStringMaxLength: 2 ** 29 - 24,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
  atob: (s: string) => atob(s),
  btoa: (s: string) => btoa(s),
  Blob,
  File: typeof File === "function" ? File : undefined,
  isUtf8: (input: ArrayBufferView | ArrayBuffer) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(input);
      return true;
    } catch {
      return false;
    }
  },
  isAscii: (input: ArrayBufferView | ArrayBuffer) => {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return bytes.every((b) => b < 0x80);
  },
};
