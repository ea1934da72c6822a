// A `node` program's "event loop" inside the offline runtime: its timers and the host work it waits for (fetches,
// dynamic imports, a stdin being read) keep it alive, like Node's; when none is left, the program is done.
import { hostTimers } from "./host-timers";

type HostTimer = ReturnType<typeof setTimeout>;

export type ProgramTimers = ReturnType<EventLoop["makeTimers"]>;

/** Made from source text so that no minifier renames it: V8 prints this name in stack frames. */
const Timeout = new Function("return class Timeout {}")() as new () => object;
type Timeout = object;

export class EventLoop {
  private readonly active = new Set<HostTimer>();
  /** Host work in flight (fetch()es, dynamic import()s, stdin being read). */
  private pendingHost = 0;
  private readonly idleWaiters = new Set<() => void>();
  /** The program's timers (setTimeout… as its globals and node:timers see them). */
  readonly timers: ProgramTimers;

  /** `run` calls a timer callback as program code (an error there is the program's uncaught exception). */
  constructor(private readonly run: (fn: () => void) => void) {
    this.timers = this.makeTimers();
  }

  busy(): boolean {
    return this.active.size > 0 || this.pendingHost > 0;
  }

  whenIdle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = () => (this.idleWaiters.delete(wake), resolve());
      this.idleWaiters.add(wake);
    });
  }

  /** Keeps the program alive until `work` settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pendingHost++;
    return work.finally(() => {
      this.pendingHost--;
      this.settle();
    });
  }

  /** The program ended: its timers never fire again. */
  stop(): void {
    for (const t of this.active) (hostTimers.clearTimeout(t), hostTimers.clearInterval(t));
    this.active.clear();
  }

  private settle(): void {
    if (!this.busy()) for (const wake of [...this.idleWaiters]) wake();
  }

  private makeTimers() {
    const makeTimer =
      (repeat: boolean) =>
      (fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]) => {
        let id: HostTimer;
        // A Timeout, as in Node: the callback runs as its `_onTimeout` method, so a stack names it like Node's
        // ("Timeout.later [as _onTimeout]").
        const handle = new Timeout() as Timeout & Record<string, unknown>;
        const tick = () => {
          if (!repeat) this.active.delete(id);
          this.run(() => (handle._onTimeout as (...a: unknown[]) => void)(...args));
          this.settle();
        };
        id = repeat ? hostTimers.setInterval(tick, Number(ms) || 0) : hostTimers.setTimeout(tick, Number(ms) || 0);
        this.active.add(id);
        Object.defineProperty(handle, "_onTimeout", { value: fn, writable: true, configurable: true });
        Object.defineProperty(handle, "__id", { value: id });
        Object.assign(handle, {
          ref: () => (this.active.add(id), handle),
          unref: () => (this.active.delete(id), this.settle(), handle),
          hasRef: () => this.active.has(id),
          refresh: () => handle,
          [Symbol.toPrimitive]: () => id,
        });
        return handle;
      };
    const clear = (handle: unknown) => {
      const id = (handle as { __id?: HostTimer } | undefined)?.__id ?? (handle as HostTimer);
      hostTimers.clearTimeout(id);
      hostTimers.clearInterval(id);
      this.active.delete(id);
      this.settle();
    };
    return {
      setTimeout: makeTimer(false),
      setInterval: makeTimer(true),
      setImmediate: (fn: (...a: unknown[]) => void, ...args: unknown[]) => makeTimer(false)(fn, 0, ...args),
      clearTimeout: clear,
      clearInterval: clear,
      clearImmediate: clear,
    };
  }
}
