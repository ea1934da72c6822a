// Builtins whose code is too big to parse at every Worker start (the runtime's ready time is measured): each is a
// chunk of its own in the sandbox bundle, fetched with import() before a program runs. Buffer is fetched for every
// program (fs returns Buffers); streams and crypto only when the program's source shows it needs them — require() is
// synchronous, so that is decided ahead, from the same scan of reachable files that finds TypeScript to compile.
import type * as BufferChunk from "./buffer";
import type * as StreamsChunk from "./streams";
import type * as CryptoChunk from "./crypto";
import type * as ZlibChunk from "./zlib";
import { scanSpecifiers } from "./modules";
import { builtinName } from "./resolve";

export type OptionalChunk = "streams" | "crypto" | "zlib";

export interface Chunks {
  streams?: typeof StreamsChunk;
  crypto?: typeof CryptoChunk;
  zlib?: typeof ZlibChunk;
}

const CHUNK_OF: Record<string, OptionalChunk> = {
  stream: "streams",
  "stream/promises": "streams",
  readline: "streams",
  "readline/promises": "streams",
  string_decoder: "streams",
  crypto: "crypto",
  // A child's stdout/stderr are streams.
  child_process: "streams",
  zlib: "zlib",
};

/** Uses that reach a chunk without naming its module: process.stdin is a stream, fs.createReadStream makes one. */
const INDIRECT: Array<[RegExp, OptionalChunk]> = [[/\bstdin\b|\bcreate(Read|Write)Stream\b/, "streams"]];

export function chunkOf(builtin: string): OptionalChunk | undefined {
  return Object.hasOwn(CHUNK_OF, builtin) ? CHUNK_OF[builtin] : undefined;
}

/** The optional chunks one source file asks for. */
export function chunksNeededBy(source: string): OptionalChunk[] {
  const needed = new Set<OptionalChunk>();
  for (const spec of scanSpecifiers(source)) {
    const name = builtinName(spec);
    const chunk = name === null ? undefined : chunkOf(name);
    if (chunk) needed.add(chunk);
  }
  for (const [pattern, chunk] of INDIRECT) if (pattern.test(source)) needed.add(chunk);
  return [...needed];
}

// One import per Worker: the engine caches the module, these cache the promise.
let bufferChunk: Promise<typeof BufferChunk> | undefined;
let streamsChunk: Promise<typeof StreamsChunk> | undefined;
let cryptoChunk: Promise<typeof CryptoChunk> | undefined;
let zlibChunk: Promise<typeof ZlibChunk> | undefined;

export function loadBufferChunk(): Promise<typeof BufferChunk> {
  return (bufferChunk ??= import("./buffer"));
}

export async function loadChunk(chunks: Chunks, name: OptionalChunk): Promise<void> {
  if (name === "streams") chunks.streams ??= await (streamsChunk ??= import("./streams"));
  else if (name === "crypto") chunks.crypto ??= await (cryptoChunk ??= import("./crypto"));
  else {
    // zlib's streams are the streams chunk's, bound to the program's event loop like any other stream.
    await loadChunk(chunks, "streams");
    chunks.zlib ??= await (zlibChunk ??= import("./zlib"));
  }
}

/** The error for a builtin whose chunk was not fetched because the program's source did not show it ahead. */
export function notLoaded(builtin: string): Error {
  return Object.assign(
    new Error(
      `node:${builtin} could not be loaded: the offline runtime fetches it before a program starts when the program names it ` +
        `(require("${builtin}") or import … from "node:${builtin}"), and this require() was not visible ahead of time. ` +
        `Write the module name literally, or use await import("node:${builtin}").`,
    ),
    { code: "ERR_UNAVAILABLE_OFFLINE" },
  );
}
