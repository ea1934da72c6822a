// Builtins the offline runtime cannot provide (a browser tab has no processes, sockets or threads to give a program),
// and the error that says so: which module, what it is for, and where such a program runs instead.
const NEEDS: Record<string, string> = {
  http: "servers and HTTP requests",
  https: "servers and HTTP requests",
  http2: "servers and HTTP requests",
  net: "sockets",
  tls: "sockets",
  dgram: "sockets",
  dns: "name lookups",
  cluster: "worker processes",
  worker_threads: "threads",
  v8: "engine internals",
  inspector: "the debugger",
  async_hooks: "async context tracking",
  tty: "a terminal device",
  repl: "an interactive prompt",
  "stream/web": "web streams from node:stream/web (use the global ReadableStream instead)",
  sqlite: "databases",
  wasi: "WASI",
};

export function isUnavailable(name: string): boolean {
  return Object.hasOwn(NEEDS, name);
}

export function unavailableError(name: string): Error {
  return Object.assign(
    new Error(
      `node:${name} (${NEEDS[name]}) is not available in the offline runtime, which runs in this browser tab without a network. ` +
        'Programs that use it need WebContainer: when you are online, pick "Auto" or "WebContainer" in the runtime menu of the status bar.',
    ),
    { code: "ERR_UNAVAILABLE_OFFLINE" },
  );
}
