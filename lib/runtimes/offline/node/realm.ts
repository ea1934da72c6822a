// A process Worker's realm made to look like Node's: the program's process, Buffer, console and timers become the
// real globals (code run through `new Function`, `eval` or a library's `global.setImmediate` sees them too), and the
// Worker's own API, which Node does not have, is hidden — libraries take `importScripts` as the sign of a browser.
import type { ScopeGlobals } from "./modules";

// onmessage stays: the Worker's own message handler lives there.
const WORKER_ONLY = ["self", "importScripts", "postMessage", "close", "name", "WorkerGlobalScope", "DedicatedWorkerGlobalScope", "WorkerNavigator", "WorkerLocation", "location", "requestAnimationFrame", "cancelAnimationFrame"];

/** Object.keys(globalThis) in Node 24, in its order. */
const NODE_ENUMERABLE = ["global", "clearImmediate", "setImmediate", "clearInterval", "clearTimeout", "setInterval", "setTimeout", "queueMicrotask", "structuredClone", "atob", "btoa", "performance", "fetch", "crypto", "navigator"];

export function installGlobals(globals: ScopeGlobals): void {
  const define = (name: string, value: unknown, enumerable: boolean) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
  for (const name of WORKER_ONLY) {
    try {
      delete (globalThis as Record<string, unknown>)[name];
      if (name in globalThis) define(name, undefined, false);
    } catch {
      // Not configurable in this engine: it stays.
    }
  }
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  define("navigator", { hardwareConcurrency: cores, language: "en-US", languages: ["en-US"], platform: "linux", userAgent: "Node.js/24" }, true);
  const g = globalThis as Record<string, unknown>;
  const values: Record<string, unknown> = { ...globals, global: globalThis, navigator: g.navigator };
  for (const name of NODE_ENUMERABLE) if (!(name in values)) values[name] = g[name];
  // Everything else the Worker lists (webkit*, onrtctransform…) stays reachable but out of Object.keys, as in Node;
  // Node's own list is put back in Node's order.
  for (const key of Object.keys(globalThis)) {
    try {
      Object.defineProperty(globalThis, key, { enumerable: false });
    } catch {
      // Not configurable: it stays listed.
    }
  }
  for (const name of NODE_ENUMERABLE) {
    try {
      delete g[name];
    } catch {
      // Kept where it was.
    }
    if (values[name] !== undefined) define(name, values[name], true);
  }
  define("process", globals.process, false);
  define("Buffer", globals.Buffer, false);
  define("console", globals.console, false);
}
