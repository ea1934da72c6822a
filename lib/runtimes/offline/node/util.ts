// node:util for the offline runtime: format/inspect close enough to Node's output that test failures and console
// logs read the same as on a real machine.

export interface InspectOptions {
  depth?: number;
  colors?: boolean;
}

export function inspect(value: unknown, options: InspectOptions = {}): string {
  return fmt(value, options.depth ?? 2, new Set(), 0, true);
}

/** util.inspect.custom: objects that define it print as they choose (the symbol is Node's, shared by libraries). */
export const customInspect = Symbol.for("nodejs.util.inspect.custom");
inspect.custom = customInspect;

/** A Buffer from the `buffer` package (the runtime's) or Node's own (in unit tests, through readable-stream). */
export function isBuffer(value: unknown): value is Uint8Array {
  if (!(value instanceof Uint8Array)) return false;
  return (value as { _isBuffer?: unknown })._isBuffer === true || value.constructor?.name === "Buffer";
}

const INSPECT_MAX_BYTES = 50;

/** `<Buffer 68 69>`, and "... 10 more bytes" past 50, exactly as Node prints them. */
function inspectBuffer(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, INSPECT_MAX_BYTES), (b) => b.toString(16).padStart(2, "0")).join(" ");
  const rest = bytes.length - INSPECT_MAX_BYTES;
  return `<Buffer ${shown}${rest > 0 ? ` ... ${rest} more byte${rest > 1 ? "s" : ""}` : ""}>`;
}

function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(new RegExp(q, "g"), `\\${q}`) + q;
}

function key(k: string | symbol): string {
  if (typeof k === "symbol") return `[${k.toString()}]`;
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
}

function fmt(value: unknown, depth: number, seen: Set<object>, indent: number, top: boolean): string {
  switch (typeof value) {
    case "string":
      return top ? quote(value) : quote(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function": {
      const name = value.name ? `: ${value.name}` : " (anonymous)";
      return /^class\s/.test(Function.prototype.toString.call(value)) ? `[class ${value.name || "(anonymous)"}]` : `[Function${name}]`;
    }
  }
  if (value === null) return "null";
  const obj = value as object;
  if (seen.has(obj)) return "[Circular *1]";
  if (isBuffer(obj)) return inspectBuffer(obj);
  const custom = (obj as { [customInspect]?: unknown })[customInspect];
  if (typeof custom === "function" && custom !== inspect) {
    const shown: unknown = custom.call(obj, depth, { depth, colors: false }, inspect);
    if (shown !== obj) return typeof shown === "string" ? shown : fmt(shown, depth, seen, indent, top);
  }
  if (obj instanceof Error) return obj.stack ?? `${obj.name}: ${obj.message}`;
  if (obj instanceof Date) return isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  if (obj instanceof RegExp) return obj.toString();
  if (obj instanceof Promise) return "Promise { <pending> }";
  const pad = "  ".repeat(indent + 1);
  const close = "  ".repeat(indent);
  const nested = (v: unknown) => fmt(v, depth - 1, seen, indent + 1, false);
  seen.add(obj);
  try {
    let items: string[];
    let open: string;
    let end: string;
    if (Array.isArray(obj)) {
      if (depth < 0) return "[Array]";
      items = obj.slice(0, 100).map(nested);
      if (obj.length > 100) items.push(`... ${obj.length - 100} more items`);
      open = "[";
      end = "]";
    } else if (obj instanceof Map) {
      if (depth < 0) return "[Map]";
      items = [...obj].map(([k, v]) => `${nested(k)} => ${nested(v)}`);
      open = `Map(${obj.size}) {`;
      end = "}";
    } else if (obj instanceof Set) {
      if (depth < 0) return "[Set]";
      items = [...obj].map(nested);
      open = `Set(${obj.size}) {`;
      end = "}";
    } else if (ArrayBuffer.isView(obj)) {
      const arr = Array.from(obj as unknown as ArrayLike<number>).slice(0, 50);
      return `${obj.constructor.name}(${(obj as unknown as ArrayLike<number>).length}) [ ${arr.join(", ")} ]`;
    } else {
      const ctor = Object.getPrototypeOf(obj)?.constructor?.name;
      const prefix = ctor && ctor !== "Object" ? `${ctor} ` : Object.getPrototypeOf(obj) === null ? "[Object: null prototype] " : "";
      if (depth < 0) return `[${ctor || "Object"}]`;
      const keys: Array<string | symbol> = [...Object.keys(obj), ...Object.getOwnPropertySymbols(obj)];
      items = keys.map((k) => `${key(k)}: ${nested((obj as Record<string | symbol, unknown>)[k])}`);
      open = `${prefix}{`;
      end = "}";
    }
    if (items.length === 0) return open.endsWith("[") ? "[]" : `${open}}`;
    const single = `${open} ${items.join(", ")} ${end}`;
    if (single.length <= 72 && !items.some((i) => i.includes("\n"))) return single;
    return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${close}${end}`;
  } finally {
    seen.delete(obj);
  }
}

export function format(...args: unknown[]): string {
  if (args.length === 0) return "";
  const [first, ...rest] = args;
  let out: string;
  if (typeof first === "string") {
    out = first.replace(/%[sdifjoOc%]/g, (m) => {
      if (m === "%%") return "%";
      if (rest.length === 0) return m;
      const v = rest.shift();
      switch (m) {
        case "%s":
          if (typeof v === "bigint") return `${v}n`;
          return typeof v === "object" && v !== null && !hasOwnToString(v) ? inspect(v, { depth: 1 }) : String(v);
        case "%d":
        case "%i":
          return m === "%i" ? String(parseInt(String(v), 10)) : String(Number(v));
        case "%f":
          return String(parseFloat(String(v)));
        case "%j":
          return JSON.stringify(v);
        case "%c":
          return "";
        default:
          return inspect(v);
      }
    });
  } else out = inspect(first);
  for (const v of rest) out += ` ${typeof v === "string" ? v : inspect(v)}`;
  return out;
}

// Node's %s prints an object with its own toString() (a Buffer, a user class) through it, others inspected.
const BUILTIN_TO_STRING = new Set<unknown>([Object.prototype.toString, Array.prototype.toString, Error.prototype.toString, Date.prototype.toString, RegExp.prototype.toString]);

function hasOwnToString(value: object): boolean {
  const fn = (value as { toString?: unknown }).toString;
  return typeof fn === "function" && !BUILTIN_TO_STRING.has(fn);
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

export function promisify(fn: (...args: never[]) => unknown): (...args: unknown[]) => Promise<unknown> {
  return (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const cb: Callback = (error, value) => (error ? reject(error) : resolve(value));
      (fn as (...a: unknown[]) => unknown)(...args, cb);
    });
}

export function inherits(ctor: { prototype: object }, superCtor: { prototype: object }): void {
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  Object.setPrototypeOf(ctor, superCtor);
}

export const utilModule = {
  format,
  inspect,
  isDeepStrictEqual,
  promisify,
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
    isAsyncFunction: (v: unknown) => typeof v === "function" && v.constructor?.name === "AsyncFunction",
  },
  TextEncoder,
  TextDecoder,
};
