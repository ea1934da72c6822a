// node:util for the offline runtime. inspect and format are Node's own code (node-inspect-extracted: Node's
// lib/internal/util/inspect.js with its bindings emulated), so console output and test failures read exactly as on
// a real machine; the rest is small enough to keep here.

import { format, formatWithOptions, inspect, stripVTControlCharacters } from "node-inspect-extracted";

export { format, formatWithOptions, inspect };

/** util.inspect.custom: objects that define it print as they choose (the symbol is Node's, shared by libraries). */
export const customInspect: symbol = inspect.custom;

/** A Buffer from the `buffer` package (the runtime's) or Node's own (in unit tests, through readable-stream). */
export function isBuffer(value: unknown): value is Uint8Array {
  if (!(value instanceof Uint8Array)) return false;
  return (value as { _isBuffer?: unknown })._isBuffer === true || value.constructor?.name === "Buffer";
}

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, true);
}

export function deepEqual(a: unknown, b: unknown, strict: boolean, seen = new Map<object, object>()): boolean {
  if (strict ? Object.is(a, b) : a == b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return a.toString() === b.toString();
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
    if (!strict && !(a instanceof DataView) && !(b instanceof DataView) && (a as unknown as ArrayLike<unknown>).length !== (b as unknown as ArrayLike<unknown>).length) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k), strict, seen)) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], strict, seen)) return false;
  }
  return true;
}

type Callback = (error: unknown, value?: unknown) => void;

const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

export function promisify(fn: (...args: never[]) => unknown): (...args: unknown[]) => Promise<unknown> {
  const custom = (fn as unknown as Record<symbol, unknown>)[promisifyCustom];
  if (typeof custom === "function") return custom as (...args: unknown[]) => Promise<unknown>;
  return (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const cb: Callback = (error, value) => (error ? reject(error) : resolve(value));
      (fn as (...a: unknown[]) => unknown)(...args, cb);
    });
}
promisify.custom = promisifyCustom;

/** util.callbackify: an async function as a Node-style callback function. */
export function callbackify(fn: (...args: unknown[]) => Promise<unknown>): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const cb = args.pop() as (error: unknown, value?: unknown) => void;
    fn(...args).then(
      (value) => queueMicrotask(() => cb(null, value)),
      (reason: unknown) => queueMicrotask(() => cb(reason ?? Object.assign(new Error("Promise was rejected with a falsy value"), { reason }))),
    );
  };
}

export function inherits(ctor: { prototype: object }, superCtor: { prototype: object }): void {
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  Object.setPrototypeOf(ctor, superCtor);
}

export const utilModule = {
  format,
  formatWithOptions,
  inspect,
  stripVTControlCharacters,
  isDeepStrictEqual,
  promisify,
  callbackify,
  inherits,
  deprecate: <T>(fn: T) => fn,
  types: {
    isPromise: (v: unknown) => v instanceof Promise,
    isDate: (v: unknown) => v instanceof Date,
    isRegExp: (v: unknown) => v instanceof RegExp,
    isMap: (v: unknown) => v instanceof Map,
    isSet: (v: unknown) => v instanceof Set,
    isUint8Array: (v: unknown) => v instanceof Uint8Array,
    isTypedArray: (v: unknown) => ArrayBuffer.isView(v) && !(v instanceof DataView),
    isArrayBuffer: (v: unknown) => v instanceof ArrayBuffer,
    isAnyArrayBuffer: (v: unknown) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer),
    isArrayBufferView: (v: unknown) => ArrayBuffer.isView(v),
    isNativeError: (v: unknown) => v instanceof Error,
    isAsyncFunction: (v: unknown) => typeof v === "function" && /^Async(Generator)?Function$/.test(v.constructor?.name ?? ""),
    isGeneratorFunction: (v: unknown) => typeof v === "function" && /^(Async)?GeneratorFunction$/.test(v.constructor?.name ?? ""),
    isGeneratorObject: (v: unknown) => Object.prototype.toString.call(v) === "[object Generator]",
    isWeakMap: (v: unknown) => v instanceof WeakMap,
    isWeakSet: (v: unknown) => v instanceof WeakSet,
    isSharedArrayBuffer: (v: unknown) => typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer,
    isDataView: (v: unknown) => v instanceof DataView,
    isBoxedPrimitive: (v: unknown) => [Number, String, Boolean, BigInt, Symbol].some((C) => { try { return typeof v === "object" && v !== null && (C.prototype as { valueOf: () => unknown }).valueOf.call(v) !== undefined; } catch { return false; } }),
    isProxy: () => false,
    isExternal: () => false,
    isModuleNamespaceObject: (v: unknown) => Object.prototype.toString.call(v) === "[object Module]",
  },
  TextEncoder,
  TextDecoder,
};
