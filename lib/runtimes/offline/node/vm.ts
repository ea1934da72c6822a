// node:vm in a realm that cannot make another one (a Worker has no iframes and ShadowRealm is not shipped): code run
// "in a context" is evaluated inside `with (context)` through a Proxy, so its global names read and write the
// context object (including `var x = …` assignments), `this` and `globalThis` are the context, and names the context
// lacks are undefined rather than the host's globals. What differs from Node (documented in lib/runtimes/README.md):
// the JavaScript builtins (Array, Object, …) are this realm's, so `[] instanceof Array` holds across contexts;
// function declarations stay local to the script; there is no timeout, microtaskMode or breakOnSigint.
const contexts = new WeakSet<object>();

/** Names every context sees from this realm: the language's builtins (Node gives each context its own copies). */
const BUILTIN_NAMES = new Set([
  "Object", "Function", "Array", "Number", "parseFloat", "parseInt", "Infinity", "NaN", "undefined", "Boolean", "String", "Symbol",
  "Date", "Promise", "RegExp", "Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
  "URIError", "JSON", "Math", "Intl", "ArrayBuffer", "Atomics", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt",
  "Set", "WeakMap", "WeakSet", "Proxy", "Reflect", "FinalizationRegistry", "WeakRef", "decodeURI", "decodeURIComponent", "encodeURI",
  "encodeURIComponent", "escape", "unescape", "eval", "isFinite", "isNaN", "SharedArrayBuffer", "WebAssembly",
]);

// Sloppy-mode on purpose (`with` is not allowed in strict code), and made from source text so no bundler touches it.
const runWith = new Function("__scope", "__code", "with (__scope) { return eval(__code); }") as (scope: object, code: string) => unknown;

function scopeOf(context: Record<string | symbol, unknown>): object {
  const proxy: object = new Proxy(context, {
    has: (_target, key) => key !== "__code" && key !== "__scope" && (typeof key !== "string" || !BUILTIN_NAMES.has(key) || key in context),
    get: (target, key) => {
      if (key === Symbol.unscopables) return undefined;
      if ((key === "globalThis" || key === "global") && !(key in target)) return proxy;
      return Reflect.get(target, key);
    },
    set: (target, key, value) => Reflect.set(target, key, value),
  });
  return proxy;
}

const withSource = (code: string, filename?: string) => (filename ? `${code}\n//# sourceURL=${filename}` : code);

export function createContext<T extends object>(context: T = {} as T): T {
  contexts.add(context);
  return context;
}

export function isContext(value: unknown): boolean {
  return typeof value === "object" && value !== null && contexts.has(value);
}

export function runInContext(code: string, context: object, options?: string | { filename?: string }): unknown {
  if (!isContext(context)) throw Object.assign(new TypeError('The "contextifiedObject" argument must be an vm.Context'), { code: "ERR_INVALID_ARG_TYPE" });
  const scope = scopeOf(context as Record<string | symbol, unknown>);
  return runWith.call(scope, scope, withSource(String(code), typeof options === "string" ? options : options?.filename));
}

export function runInNewContext(code: string, context: object = {}, options?: string | { filename?: string }): unknown {
  return runInContext(code, createContext(context), options);
}

export function runInThisContext(code: string, options?: string | { filename?: string }): unknown {
  return (0, eval)(withSource(String(code), typeof options === "string" ? options : options?.filename));
}

export class Script {
  private readonly code: string;
  private readonly filename: string | undefined;
  constructor(code: string, options?: string | { filename?: string }) {
    this.code = String(code);
    this.filename = typeof options === "string" ? options : options?.filename;
    // Compiling is how Node reports a SyntaxError at construction.
    new Function(this.code);
  }
  runInThisContext(): unknown {
    return runInThisContext(this.code, this.filename ? { filename: this.filename } : undefined);
  }
  runInContext(context: object): unknown {
    return runInContext(this.code, context, this.filename ? { filename: this.filename } : undefined);
  }
  runInNewContext(context?: object): unknown {
    return runInNewContext(this.code, context, this.filename ? { filename: this.filename } : undefined);
  }
  createCachedData(): Uint8Array {
    return new Uint8Array(0);
  }
}

export function compileFunction(code: string, params: string[] = []): (...args: unknown[]) => unknown {
  return new Function(...params, code) as (...args: unknown[]) => unknown;
}

export const vmModule = { Script, createContext, isContext, runInContext, runInNewContext, runInThisContext, compileFunction, constants: {} };
