// node:crypto for the offline runtime: synchronous hashes, HMAC, PBKDF2 and scrypt from @noble/hashes (audited, no
// dependencies; WebCrypto's digest is async and has no MD5), randomness from the browser's WebCrypto. A chunk of its
// own, loaded only for programs that require crypto (see lazy-builtins.ts). Ciphers, signatures and key pairs are not
// here: they say so when called.
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { hmac } from "@noble/hashes/hmac.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { Buffer } from "buffer/";
import { nodeError } from "./node-error";
import { describe, numericalSeparator } from "./describe-value";

const ALGORITHMS = { md5, sha1, sha224, sha256, sha384, sha512 };
type Algorithm = keyof typeof ALGORITHMS;
type HashFn = (typeof ALGORITHMS)[Algorithm];
type Incremental = ReturnType<HashFn["create"]> | ReturnType<typeof hmac.create>;
type Encoding = Parameters<Buffer["toString"]>[0];

/** "SHA256", "sha-256" and "RSA-SHA256" all name sha256, as in Node (OpenSSL's aliases). */
function algorithm(name: unknown): HashFn | undefined {
  const key = String(name).toLowerCase().replace(/^rsa-/, "").replace(/^sha-/, "sha");
  return Object.hasOwn(ALGORITHMS, key) ? ALGORITHMS[key as Algorithm] : undefined;
}

function bytes(data: unknown, encoding: unknown, argument: string): Uint8Array {
  if (typeof data === "string") return Buffer.from(data, (encoding as "utf8" | undefined) ?? "utf8");
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw nodeError(
    TypeError,
    "ERR_INVALID_ARG_TYPE",
    `The "${argument}" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${describe(data)}`,
  );
}

function output(digest: Uint8Array, encoding: unknown): Buffer | string {
  const buffer = Buffer.from(digest);
  return typeof encoding === "string" && encoding !== "buffer" ? buffer.toString(encoding as Encoding) : buffer;
}

class Hash {
  #state: Incremental;
  #finalized = false;

  constructor(state: Incremental) {
    this.#state = state;
  }

  update(data: unknown, inputEncoding?: string): this {
    if (this.#finalized) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
    this.#state.update(bytes(data, inputEncoding, "data"));
    return this;
  }

  digest(encoding?: string): Buffer | string {
    if (this.#finalized) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
    this.#finalized = true;
    return output(this.#state.digest(), encoding);
  }

  copy(): Hash {
    if (this.#finalized) throw nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
    return new Hash(this.#state.clone() as Incremental);
  }
}

class Hmac extends Hash {
  override copy(): never {
    throw new TypeError("hmac.copy is not a function");
  }
}

function createHash(name: string): Hash {
  const fn = algorithm(name);
  if (!fn) throw new Error("Digest method not supported");
  return new Hash(fn.create());
}

function createHmac(name: string, key: unknown): Hmac {
  const fn = algorithm(name);
  if (!fn) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${name}`);
  return new Hmac(hmac.create(fn, bytes(key, "utf8", "key")));
}

/** crypto.hash(): one-shot, hex by default (Node 21.7+). */
function hash(name: string, data: unknown, encoding = "hex"): Buffer | string {
  const fn = algorithm(name);
  if (!fn) throw new Error("Digest method not supported");
  return output(fn(bytes(data, "utf8", "data")), encoding);
}

const MAX_RANDOM = 2 ** 31 - 1;

function randomBytes(size: number, callback?: (error: Error | null, buf: Buffer) => void): Buffer | undefined {
  if (!Number.isInteger(size) || size < 0 || size > MAX_RANDOM)
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "size" is out of range. It must be >= 0 && <= ${MAX_RANDOM}. Received ${size}`);
  const buf = randomFillSync(Buffer.alloc(size));
  if (!callback) return buf;
  queueMicrotask(() => callback(null, buf));
  return undefined;
}

function randomFillSync<T extends ArrayBufferView>(view: T, offset = 0, size?: number): T {
  const all = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const target = all.subarray(offset, size === undefined ? undefined : offset + size);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < target.length; i += 65536) crypto.getRandomValues(target.subarray(i, i + 65536));
  return view;
}

const RANGE_LIMIT = 2 ** 48 - 1;

function randomInt(a: number, b?: unknown, c?: unknown): number | undefined {
  const [min, max, callback] = typeof b === "number" ? [a, b, c] : [0, a, b];
  for (const [name, value] of [["min", min], ["max", max]] as const)
    if (!Number.isSafeInteger(value))
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be a safe integer. Received ${describe(value)}`);
  if (max <= min)
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  const range = max - min;
  if (range > RANGE_LIMIT)
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "max - min" is out of range. It must be <= ${RANGE_LIMIT}. Received ${numericalSeparator(String(range))}`);
  // Rejection sampling over 48 random bits keeps every value equally likely.
  const limit = RANGE_LIMIT + 1 - ((RANGE_LIMIT + 1) % range);
  let n: number;
  do {
    const six = randomFillSync(new Uint8Array(6));
    n = six.reduce((acc, byte) => acc * 256 + byte, 0);
  } while (n >= limit);
  const value = min + (n % range);
  if (typeof callback !== "function") return value;
  queueMicrotask(() => (callback as (e: null, n: number) => void)(null, value));
  return undefined;
}

function timingSafeEqual(a: unknown, b: unknown): boolean {
  const view = (value: unknown, name: string) => {
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
  };
  const x = view(a, "buf1");
  const y = view(b, "buf2");
  if (x.byteLength !== y.byteLength)
    throw nodeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
  return diff === 0;
}

function pbkdf2Sync(password: unknown, salt: unknown, iterations: number, keylen: number, digest: string): Buffer {
  const fn = algorithm(digest);
  if (!fn) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`);
  return Buffer.from(pbkdf2(fn, bytes(password, "utf8", "password"), bytes(salt, "utf8", "salt"), { c: iterations, dkLen: keylen }));
}

interface ScryptOptions {
  N?: number;
  r?: number;
  p?: number;
  cost?: number;
  blockSize?: number;
  parallelization?: number;
  maxmem?: number;
}

function scryptSync(password: unknown, salt: unknown, keylen: number, options: ScryptOptions = {}): Buffer {
  const N = options.N ?? options.cost ?? 16384;
  const r = options.r ?? options.blockSize ?? 8;
  const p = options.p ?? options.parallelization ?? 1;
  return Buffer.from(scrypt(bytes(password, "utf8", "password"), bytes(salt, "utf8", "salt"), { N, r, p, dkLen: keylen, maxmem: options.maxmem ?? 32 * 1024 * 1024 + 1024 }));
}

/** Calls a synchronous function and hands its result to a Node-style callback. */
function withCallback<A extends unknown[], R>(fn: (...args: A) => R) {
  return (...args: [...A, (error: Error | null, result?: R) => void]) => {
    const callback = args.pop() as (error: Error | null, result?: R) => void;
    queueMicrotask(() => {
      let result: R;
      try {
        result = fn(...(args as unknown as A));
      } catch (error) {
        return callback(error as Error);
      }
      callback(null, result);
    });
  };
}

const MISSING = [
  "createCipheriv", "createDecipheriv", "createSign", "createVerify", "sign", "verify", "generateKeyPair", "generateKeyPairSync",
  "generateKey", "generateKeySync", "createPublicKey", "createPrivateKey", "createSecretKey", "publicEncrypt", "privateDecrypt",
  "privateEncrypt", "publicDecrypt", "createECDH", "createDiffieHellman", "getDiffieHellman", "hkdf", "hkdfSync", "generatePrime",
  "generatePrimeSync", "checkPrime", "checkPrimeSync",
];

const missing = Object.fromEntries(
  MISSING.map((name) => [
    name,
    () => {
      throw nodeError(
        Error,
        "ERR_UNAVAILABLE_OFFLINE",
        `crypto.${name}() is not available in the offline runtime (it has hashes, HMAC, pbkdf2, scrypt and random values). Use crypto.subtle (WebCrypto) or run the program in WebContainer.`,
      );
    },
  ]),
);

export const cryptoModule = {
  ...missing,
  createHash,
  createHmac,
  hash,
  getHashes: () => Object.keys(ALGORITHMS),
  getCiphers: () => [],
  getCurves: () => [],
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFillSync,
  randomFill: withCallback(randomFillSync),
  randomInt,
  randomUUID: () => crypto.randomUUID(),
  getRandomValues: <T extends ArrayBufferView>(array: T): T => crypto.getRandomValues(array as unknown as Uint8Array) as unknown as T,
  timingSafeEqual,
  pbkdf2Sync,
  pbkdf2: withCallback(pbkdf2Sync),
  scryptSync,
  scrypt: withCallback(scryptSync),
  webcrypto: crypto,
  subtle: crypto.subtle,
  constants: {},
  Hash,
  Hmac,
};
