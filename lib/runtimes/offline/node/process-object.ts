// The `process` object of one program: argv, env (values stored as strings, as in Node), cwd/chdir, exit, nextTick,
// hrtime, emitWarning in Node's words. The program's streams and its event loop are attached by node-process.ts.
import { EventEmitter } from "./events";

export interface ProcessParts {
  argv: string[];
  execArgv: string[];
  env: Record<string, string>;
  version: string;
  cwd(): string;
  chdir(dir: string): void;
  /** Ends the program with this code (never returns). */
  exit(code: number): never;
  nextTick(fn: () => void): void;
  errOut(text: string): void;
}

/** process.env: every value stored is a string, as in Node (`process.env.N = 5` reads back "5"). */
function processEnv(initial: Record<string, string>): Record<string, string> {
  return new Proxy({ ...initial }, {
    set: (target, key, value) => Reflect.set(target, key, typeof key === "string" ? String(value) : value),
    defineProperty: (target, key, desc) => Reflect.defineProperty(target, key, "value" in desc ? { ...desc, value: String(desc.value) } : desc),
  });
}

export function createProcess(parts: ProcessParts) {
  let warnedOnce = false;
  const version = parts.version;
  const proc = Object.assign(new EventEmitter(), {
    argv: ["/usr/local/bin/node", ...parts.argv],
    argv0: "node",
    execArgv: [...parts.execArgv],
    title: "node",
    execPath: "/usr/local/bin/node",
    env: processEnv(parts.env),
    platform: "linux",
    arch: "x64",
    pid: 42,
    ppid: 1,
    version,
    versions: { node: version.slice(1), acorn: "8.18.0", ada: "4.0.0", modules: "137", napi: "10", unicode: "17.0", uv: "1.52.1", v8: "13.6.233.17-node.53" },
    release: { name: "node", lts: "Krypton" },
    features: { inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, typescript: "strip" },
    exitCode: undefined as number | string | undefined,
    cwd: parts.cwd,
    chdir: parts.chdir,
    exit: (code?: number | string) => parts.exit(Number(code ?? proc.exitCode ?? 0) || 0),
    nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => parts.nextTick(() => fn(...args)),
    hrtime: Object.assign(
      (prev?: [number, number]) => {
        const t = performance.now();
        const s = Math.floor(t / 1000);
        const ns = Math.floor((t % 1000) * 1e6);
        if (!prev) return [s, ns];
        const d = (s - prev[0]) * 1e9 + (ns - prev[1]);
        return [Math.floor(d / 1e9), d % 1e9];
      },
      { bigint: () => BigInt(Math.floor(performance.now() * 1e6)) },
    ),
    uptime: () => performance.now() / 1000,
    memoryUsage: Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 }),
    cpuUsage: () => ({ user: 0, system: 0 }),
    emitWarning: (warning: unknown, type?: unknown, code?: unknown) => {
      const opts = typeof type === "object" && type !== null ? (type as { type?: string; code?: string }) : { type: type as string | undefined, code: code as string | undefined };
      const name = warning instanceof Error ? warning.name : (opts.type ?? "Warning");
      const message = warning instanceof Error ? warning.message : String(warning);
      if (proc.listenerCount("warning") > 0) proc.emit("warning", Object.assign(new Error(message), { name }));
      const tail = warnedOnce ? "" : `\n(Use \`node --trace-${name === "DeprecationWarning" ? "deprecation" : "warnings"} ...\` to show where the warning was created)`;
      warnedOnce = true;
      parts.errOut(`(node:${proc.pid}) ${opts.code ? `[${opts.code}] ` : ""}${name}: ${message}${tail}\n`);
    },
    umask: () => 0o22,
    getuid: () => 1000,
    getgid: () => 1000,
  });
  return proc;
}

export type ProgramProcess = ReturnType<typeof createProcess>;
