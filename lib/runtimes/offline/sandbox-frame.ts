// The sandbox page in its hidden iframe, started before anything needs it. Loading the page and parsing the shell's
// Worker bundle (~1.3 MB) depends on no project, so the workspace starts it while the project itself is still being
// read from IndexedDB; the offline runtime then adopts the frame instead of creating its own.
export interface SandboxFrame {
  readonly frame: HTMLIFrameElement;
  readonly origin: string;
  /** Resolves true once the sandbox page has run its script, false if it did not within `limitMs`. */
  readonly loaded: Promise<boolean>;
  dispose(): void;
}

const spare = new Map<string, SandboxFrame>();

function createFrame(origin: string, limitMs: number): SandboxFrame {
  const frame = document.createElement("iframe");
  frame.src = `${origin}/sandbox.html`;
  frame.title = "Tandem runtime sandbox";
  frame.setAttribute("aria-hidden", "true");
  frame.tabIndex = -1;
  frame.dataset.testid = "runtime-sandbox";
  frame.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
  let onMessage: ((e: MessageEvent) => void) | undefined;
  const loaded = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), limitMs);
    onMessage = (e: MessageEvent) => {
      if (e.origin !== origin || e.source !== frame.contentWindow) return;
      if ((e.data as { type?: string } | null)?.type !== "tandem-sandbox-loaded") return;
      clearTimeout(timer);
      resolve(true);
    };
    window.addEventListener("message", onMessage);
  });
  void loaded.then(() => onMessage && window.removeEventListener("message", onMessage));
  document.body.appendChild(frame);
  return {
    frame,
    origin,
    loaded,
    dispose() {
      if (onMessage) window.removeEventListener("message", onMessage);
      frame.remove();
    },
  };
}

/** Starts a spare sandbox for `origin` if there is none. Cheap to call repeatedly. */
export function prewarmSandbox(origin: string, limitMs = 20_000): void {
  if (typeof document === "undefined" || spare.has(origin)) return;
  spare.set(origin, createFrame(origin, limitMs));
}

/** Drops the spare sandbox (the workspace closed without using it). */
export function discardSpareSandbox(origin: string): void {
  spare.get(origin)?.dispose();
  spare.delete(origin);
}

/** The spare sandbox if one is warming up, else a new one. The caller owns (and disposes) what it gets. */
export function takeSandbox(origin: string, limitMs = 20_000): SandboxFrame {
  const frame = spare.get(origin);
  spare.delete(origin);
  return frame ?? createFrame(origin, limitMs);
}
