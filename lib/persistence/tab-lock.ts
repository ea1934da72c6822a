// One editing tab per project. The first tab holds a Web Lock; later tabs open read-only and can ask for the project:
// the holder saves, lets go and turns read-only, so two tabs never overwrite each other's work.

export type TabRole = "acquiring" | "owner" | "observer";

export interface TabLockEvents {
  onRoleChange(role: TabRole): void;
  /** Called on the owner before it hands the project to another tab: save everything now. */
  beforeRelease(): Promise<void>;
}

type Message = { type: "request-release"; from: string } | { type: "released"; from: string };

/** How long a tab waits for the holder to hand over before taking the lock anyway (the holder may be frozen). */
const HANDOVER_TIMEOUT_MS = 3_000;

export class ProjectTabLock {
  private role: TabRole = "acquiring";
  private release: (() => void) | null = null;
  private channel: BroadcastChannel | null = null;
  private readonly tabId = Math.random().toString(36).slice(2);
  private readonly lockName: string;
  private disposed = false;

  constructor(
    projectId: string,
    private readonly events: TabLockEvents,
  ) {
    this.lockName = `tandem-project-${projectId}`;
  }

  get currentRole(): TabRole {
    return this.role;
  }

  /** Resolves with the role this tab got. Without Web Locks (old browsers), every tab is an owner. */
  async start(): Promise<TabRole> {
    if (typeof navigator === "undefined" || !navigator.locks) return this.setRole("owner");
    this.channel = new BroadcastChannel(this.lockName);
    this.channel.onmessage = (event: MessageEvent<Message>) => void this.onMessage(event.data);
    const got = await this.acquire({ ifAvailable: true });
    return this.setRole(got ? "owner" : "observer");
  }

  /** Asks the tab that holds the project to hand it over; resolves when this tab is the owner. */
  async takeOver(): Promise<void> {
    if (this.role === "owner" || !navigator.locks) return;
    this.channel?.postMessage({ type: "request-release", from: this.tabId } satisfies Message);
    const timeout = AbortSignal.timeout(HANDOVER_TIMEOUT_MS);
    const got = await this.acquire({ signal: timeout }).catch(() => false);
    if (!got) await this.acquire({ steal: true });
    this.setRole("owner");
  }

  dispose(): void {
    this.disposed = true;
    this.release?.();
    this.release = null;
    this.channel?.close();
  }

  private async onMessage(message: Message): Promise<void> {
    if (message.type !== "request-release" || this.role !== "owner" || message.from === this.tabId) return;
    await this.events.beforeRelease().catch(() => undefined);
    this.setRole("observer");
    this.release?.();
    this.release = null;
    this.channel?.postMessage({ type: "released", from: this.tabId } satisfies Message);
  }

  /** Requests the lock and keeps it until `release` is called. Resolves true once held, false if not available. */
  private acquire(options: LockOptions): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      navigator.locks
        .request(this.lockName, options, (lock) => {
          if (!lock || this.disposed) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((done) => {
            this.release = done;
          });
        })
        .catch((error: unknown) => {
          // A stolen lock rejects its holder's request: this tab is now read-only.
          if (error instanceof DOMException && error.name === "AbortError" && this.role === "owner") {
            this.release = null;
            this.setRole("observer");
          }
          reject(error);
        });
    });
  }

  private setRole(role: TabRole): TabRole {
    this.role = role;
    if (!this.disposed) this.events.onRoleChange(role);
    return role;
  }
}
