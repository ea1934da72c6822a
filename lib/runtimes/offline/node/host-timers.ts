// The host's own timers, taken before a program starts. In a process Worker the program's globals replace
// setTimeout & co. with the event loop's (event-loop.ts), which are built on these: the runtime's own waits must
// never count as the program's pending work, nor call back into themselves.
type Timer = ReturnType<typeof globalThis.setTimeout>;

export const hostTimers = {
  setTimeout: globalThis.setTimeout.bind(globalThis) as (fn: () => void, ms?: number) => Timer,
  clearTimeout: globalThis.clearTimeout.bind(globalThis) as (id: Timer | undefined) => void,
  setInterval: globalThis.setInterval.bind(globalThis) as (fn: () => void, ms?: number) => Timer,
  clearInterval: globalThis.clearInterval.bind(globalThis) as (id: Timer | undefined) => void,
};

/** Resolves after `ms` on a host timer (never keeps a program alive). */
export const hostSleep = (ms: number) => new Promise<void>((resolve) => hostTimers.setTimeout(resolve, ms));
