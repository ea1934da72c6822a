// Builtins small enough to write out: node:os, node:timers/promises, node:perf_hooks, node:module. Values describe
// the runtime's own machine (a Linux x64 box with the browser's core count), as programs and test suites expect.
import type { ProgramTimers } from "./event-loop";
import { BUILTINS } from "./resolve";

export function osModule() {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  const cpu = { model: "Tandem offline runtime", speed: 2000, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
  return {
    EOL: "\n",
    devNull: "/dev/null",
    constants: { signals: { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }, errno: {}, priority: {} },
    platform: () => "linux",
    type: () => "Linux",
    release: () => "6.0.0-tandem",
    version: () => "#1 SMP",
    machine: () => "x86_64",
    arch: () => "x64",
    endianness: () => "LE",
    cpus: () => Array.from({ length: cores }, () => ({ ...cpu, times: { ...cpu.times } })),
    availableParallelism: () => cores,
    totalmem: () => 8 * 1024 ** 3,
    freemem: () => 4 * 1024 ** 3,
    uptime: () => Math.floor(performance.now() / 1000),
    loadavg: () => [0, 0, 0],
    tmpdir: () => "/tmp",
    homedir: () => "/home/user",
    hostname: () => "tandem",
    userInfo: () => ({ uid: 1000, gid: 1000, username: "user", homedir: "/home/user", shell: "/bin/bash" }),
    networkInterfaces: () => ({}),
    getPriority: () => 0,
    setPriority: () => undefined,
  };
}

export function timersPromises(timers: ProgramTimers) {
  return {
    setTimeout: (ms?: number, value?: unknown) => new Promise((resolve) => timers.setTimeout(() => resolve(value), ms)),
    setImmediate: (value?: unknown) => new Promise((resolve) => timers.setImmediate(() => resolve(value))),
    /** An async iterator that yields `value` every `ms`, as Node's. */
    setInterval: (ms?: number, value?: unknown): AsyncIterableIterator<unknown> => {
      let pending = 0;
      let wake: (() => void) | undefined;
      const handle = timers.setInterval(() => {
        pending++;
        wake?.();
      }, ms);
      const iterator: AsyncIterableIterator<unknown> = {
        next: async () => {
          if (pending === 0) await new Promise<void>((resolve) => (wake = resolve));
          pending--;
          return { value, done: false };
        },
        return: async () => {
          timers.clearInterval(handle);
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
    scheduler: {
      wait: (ms: number) => new Promise((resolve) => timers.setTimeout(resolve, ms)),
      yield: () => new Promise((resolve) => timers.setImmediate(resolve)),
    },
  };
}

export function perfHooks() {
  class PerformanceObserver {
    static supportedEntryTypes = ["mark", "measure"];
    constructor(private readonly callback: (list: unknown, observer: PerformanceObserver) => void) {}
    observe(): void {}
    disconnect(): void {}
  }
  return { performance, PerformanceObserver, constants: {}, monitorEventLoopDelay: () => ({ enable() {}, disable() {}, percentile: () => 0 }) };
}

/** node:module: createRequire, and the list of builtins Node has (isBuiltin takes the node: prefix too). */
export function moduleModule(createRequire: (from: string | URL) => unknown) {
  const builtinModules = [...BUILTINS].sort();
  return {
    createRequire,
    builtinModules,
    isBuiltin: (name: string) => BUILTINS.has(name.startsWith("node:") ? name.slice(5) : name),
  };
}

/** node:querystring (Node's rules: '+' is a space, repeated keys become arrays, a null-prototype result). */
export function querystringModule() {
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const escape = (s: string) => encodeURIComponent(s);
  const parse = (text: string, sep = "&", eq = "=", options?: { maxKeys?: number; decodeURIComponent?: (s: string) => string }) => {
    const out = Object.create(null) as Record<string, string | string[]>;
    const decode = options?.decodeURIComponent ?? unescape;
    const max = options?.maxKeys ?? 1000;
    const parts = String(text ?? "").split(sep).filter(Boolean);
    for (const part of max > 0 ? parts.slice(0, max) : parts) {
      const at = part.indexOf(eq);
      const key = decode((at === -1 ? part : part.slice(0, at)).replace(/\+/g, " "));
      const value = at === -1 ? "" : decode(part.slice(at + eq.length).replace(/\+/g, " "));
      const prev = out[key];
      out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    return out;
  };
  const stringify = (obj: unknown, sep = "&", eq = "=", options?: { encodeURIComponent?: (s: string) => string }) => {
    if (typeof obj !== "object" || obj === null) return "";
    const encode = options?.encodeURIComponent ?? escape;
    const prim = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "bigint" || typeof v === "boolean" ? String(v) : "");
    return Object.entries(obj)
      .map(([k, v]) => (Array.isArray(v) ? v.map((x) => `${encode(k)}${eq}${encode(prim(x))}`).join(sep) : `${encode(k)}${eq}${encode(prim(v))}`))
      .filter(Boolean)
      .join(sep);
  };
  return { parse, stringify, decode: parse, encode: stringify, escape, unescape };
}
