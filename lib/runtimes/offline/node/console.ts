// The console a `node` program gets: log/info/debug to stdout, error/warn/trace to stderr, formatted like Node's.
import { format, inspect } from "./util";

export function makeConsole(out: (text: string) => void, errOut: (text: string) => void) {
  let groupIndent = "";
  const counts = new Map<string, number>();
  const timersByLabel = new Map<string, number>();
  const line = (write: (s: string) => void) => (...args: unknown[]) =>
    write(`${groupIndent}${format(...args).split("\n").join(`\n${groupIndent}`)}\n`);
  return {
    log: line(out),
    info: line(out),
    debug: line(out),
    error: line(errOut),
    warn: line(errOut),
    trace: (...args: unknown[]) => line(errOut)(`Trace: ${format(...args)}`),
    dir: (v: unknown, options?: object) => line(out)(inspect(v, { customInspect: false, ...options })),
    table: (v: unknown) => line(out)(inspect(v)),
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok) line(errOut)(`Assertion failed${args.length ? `: ${format(...args)}` : ""}`);
    },
    group: (...args: unknown[]) => {
      if (args.length) line(out)(...args);
      groupIndent += "  ";
    },
    groupEnd: () => (groupIndent = groupIndent.slice(2)),
    count: (label = "default") => {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      line(out)(`${label}: ${counts.get(label)}`);
    },
    countReset: (label = "default") => counts.delete(label),
    time: (label = "default") => timersByLabel.set(label, performance.now()),
    timeEnd: (label = "default") => line(out)(`${label}: ${(performance.now() - (timersByLabel.get(label) ?? 0)).toFixed(3)}ms`),
    timeLog: (label = "default") => line(out)(`${label}: ${(performance.now() - (timersByLabel.get(label) ?? 0)).toFixed(3)}ms`),
  };
}
