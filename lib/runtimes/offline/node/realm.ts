// A process Worker's realm made to look like Node's: the program's process, Buffer, console and timers become the
// real globals (code run through `new Function`, `eval` or a library's `global.setImmediate` sees them too), and the
// Worker's own API, which Node does not have, is hidden — libraries take `importScripts` as the sign of a browser.
import type { ScopeGlobals } from "./modules";

// onmessage stays: the Worker's own message handler lives there.
const WORKER_ONLY = ["importScripts", "postMessage", "close", "WorkerGlobalScope", "DedicatedWorkerGlobalScope", "WorkerNavigator", "WorkerLocation", "location"];

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
  define("global", globalThis, true);
  for (const name of ["clearImmediate", "setImmediate", "clearInterval", "clearTimeout", "setInterval", "setTimeout"] as const) define(name, globals[name], true);
  define("process", globals.process, false);
  define("Buffer", globals.Buffer, false);
  define("console", globals.console, false);
  if (globals.fetch) define("fetch", globals.fetch, true);
}
