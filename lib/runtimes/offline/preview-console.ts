// Injected into every previewed HTML page: forwards console errors/warnings and uncaught exceptions to the IDE
// (the parent window), which collects them in the preview's error list.
export {};

type Kind = "error" | "unhandledrejection" | "console.error" | "console.warn";

function send(kind: Kind, message: string, extra: { source?: string; line?: number; column?: number; stack?: string } = {}): void {
  try {
    window.parent.postMessage({ __tandemPreview: true, kind, message: message.slice(0, 10_000), ...extra }, "*");
  } catch {
    // A page that cannot post to its parent has nothing to report to.
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

window.addEventListener("error", (event) => {
  const error = event.error as unknown;
  send("error", error instanceof Error ? `${error.name}: ${error.message}` : event.message, {
    source: event.filename.replace(/^.*\/preview\/[^/]+/, ""),
    line: event.lineno,
    column: event.colno,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  });
});
window.addEventListener("unhandledrejection", (event) => {
  const reason = event.reason as unknown;
  send("unhandledrejection", `Unhandled rejection: ${describe(reason)}`, reason instanceof Error && reason.stack ? { stack: reason.stack } : {});
});
for (const level of ["error", "warn"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    send(level === "error" ? "console.error" : "console.warn", args.map(describe).join(" "));
    original(...args);
  };
}
