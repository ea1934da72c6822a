// node:zlib over fflate (a maintained DEFLATE/gzip implementation in plain JavaScript): gzip/gunzip, deflate/inflate
// (zlib format), deflateRaw/inflateRaw and unzip, as Sync functions, callbacks, promisify-able functions and
// Transform streams (createGzip…). A chunk of its own, loaded when a program names node:zlib. Brotli has no port
// here: its functions throw a clear error. The compressed bytes can differ from Node's zlib (same format, another
// encoder); what decompresses is the same.
import * as fflate from "fflate";
import { Buffer } from "buffer/";
import Stream from "readable-stream/lib/stream.js";

type Input = string | ArrayBuffer | ArrayBufferView;
type Options = { level?: number; mem?: number };
type Callback = (error: Error | null, result?: InstanceType<typeof Buffer>) => void;

const bytes = (input: Input): Uint8Array => {
  if (typeof input === "string") return new TextEncoder().encode(input);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw Object.assign(new TypeError(`The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${input === null ? "null" : typeof input}`), { code: "ERR_INVALID_ARG_TYPE" });
};

const level = (options?: Options) => {
  const l = options?.level;
  return (typeof l === "number" && l >= 0 && l <= 9 ? l : 6) as fflate.DeflateOptions["level"];
};

/** Node's words for data that does not decompress (fflate's are its own). */
function dataError(kind: "gzip" | "zlib" | "raw", cause: unknown): Error {
  const message = kind === "gzip" ? "incorrect header check" : kind === "zlib" ? "incorrect header check" : "invalid stored block lengths";
  return Object.assign(new Error(message), { errno: -3, code: "Z_DATA_ERROR", cause });
}

const decode = (kind: "gzip" | "zlib" | "raw", fn: (d: Uint8Array) => Uint8Array) => (input: Input) => {
  try {
    return Buffer.from(fn(bytes(input)));
  } catch (error) {
    throw dataError(kind, error);
  }
};

const gzipSync = (input: Input, options?: Options) => Buffer.from(fflate.gzipSync(bytes(input), { level: level(options) }));
const deflateSync = (input: Input, options?: Options) => Buffer.from(fflate.zlibSync(bytes(input), { level: level(options) }));
const deflateRawSync = (input: Input, options?: Options) => Buffer.from(fflate.deflateSync(bytes(input), { level: level(options) }));
const gunzipSync = decode("gzip", (d) => fflate.gunzipSync(d));
const inflateSync = decode("zlib", (d) => fflate.unzlibSync(d));
const inflateRawSync = decode("raw", (d) => fflate.inflateSync(d));
const unzipSync = decode("gzip", (d) => fflate.decompressSync(d));

/** The callback form, called in a later turn as Node's are (the work itself is synchronous here). */
const async =
  (sync: (input: Input, options?: Options) => InstanceType<typeof Buffer>) =>
  (input: Input, options?: Options | Callback, callback?: Callback) => {
    const cb = (typeof options === "function" ? options : callback) as Callback;
    const opts = typeof options === "function" ? undefined : options;
    let result: InstanceType<typeof Buffer> | undefined;
    let error: Error | null = null;
    try {
      result = sync(input, opts);
    } catch (e) {
      error = e as Error;
    }
    setTimeout(() => cb(error, result), 0);
  };

/** A Transform stream that feeds fflate's streaming codec and pushes what it produces. */
function codecStream(make: (ondata: (chunk: Uint8Array, final: boolean) => void) => { push(chunk: Uint8Array, final?: boolean): void }, kind?: "gzip" | "zlib" | "raw") {
  return () => {
    let codec: { push(chunk: Uint8Array, final?: boolean): void };
    const stream = new Stream.Transform({
      transform(chunk: Uint8Array | string, _encoding: string, callback: (error?: Error | null) => void) {
        try {
          codec.push(bytes(chunk));
          callback();
        } catch (error) {
          callback(kind ? dataError(kind, error) : (error as Error));
        }
      },
      flush(callback: (error?: Error | null) => void) {
        try {
          codec.push(new Uint8Array(0), true);
          callback();
        } catch (error) {
          callback(kind ? dataError(kind, error) : (error as Error));
        }
      },
    });
    codec = make((chunk) => stream.push(Buffer.from(chunk)));
    return stream;
  };
}

const noBrotli = () => {
  throw Object.assign(new Error("Brotli is not available in the offline runtime (zlib's gzip and deflate are)."), { code: "ERR_UNAVAILABLE_OFFLINE" });
};

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0, Z_STREAM_END: 1,
  Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2,
  Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_PARAM_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_DEFAULT_QUALITY: 11,
};

export const zlibModule = {
  constants,
  ...constants,
  gzipSync,
  gunzipSync,
  deflateSync,
  inflateSync,
  deflateRawSync,
  inflateRawSync,
  unzipSync,
  gzip: async(gzipSync),
  gunzip: async(gunzipSync),
  deflate: async(deflateSync),
  inflate: async(inflateSync),
  deflateRaw: async(deflateRawSync),
  inflateRaw: async(inflateRawSync),
  unzip: async(unzipSync),
  createGzip: codecStream((ondata) => new fflate.Gzip(ondata)),
  createGunzip: codecStream((ondata) => new fflate.Gunzip(ondata), "gzip"),
  createDeflate: codecStream((ondata) => new fflate.Zlib(ondata)),
  createInflate: codecStream((ondata) => new fflate.Unzlib(ondata), "zlib"),
  createDeflateRaw: codecStream((ondata) => new fflate.Deflate(ondata)),
  createInflateRaw: codecStream((ondata) => new fflate.Inflate(ondata), "raw"),
  createUnzip: codecStream((ondata) => new fflate.Decompress(ondata), "gzip"),
  brotliCompressSync: noBrotli,
  brotliDecompressSync: noBrotli,
  brotliCompress: noBrotli,
  brotliDecompress: noBrotli,
  createBrotliCompress: noBrotli,
  createBrotliDecompress: noBrotli,
};
