// Injected into every previewed HTML page. Tells the IDE (the parent window) what its error list should show —
// console errors/warnings, uncaught exceptions, resources that failed to load — and which page is shown (the
// address bar, and where a reload goes).
export {};

type Kind = "error" | "unhandledrejection" | "console.error" | "console.warn" | "resource";

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

/** A URL as the project's path (/js/app.js) when it is this preview's own (each preview has an origin), else as it is. */
function projectPath(url: string): string {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.pathname : u.href;
  } catch {
    return url;
  }
}

/** Source files a browser cannot run as they are: the offline preview serves files unchanged (no bundler). */
const NEEDS_BUILD = /\.(jsx|tsx|ts|vue|svelte)(\?.*)?$/i;
const buildHint = (source: string) =>
  NEEDS_BUILD.test(source) ? ` — ${source} needs a build step (a compiler or bundler); the offline preview serves files as they are, a dev server (npm run dev) needs WebContainer` : "";

// The page shown, so the IDE's address bar follows links and a reload after a save stays on this page.
const reportLocation = () => {
  try {
    window.parent.postMessage({ __tandemPreview: true, kind: "location", path: projectPath(location.href) + location.search + location.hash }, "*");
  } catch {
    // no parent to tell
  }
};
reportLocation();
window.addEventListener("popstate", reportLocation);
window.addEventListener("hashchange", reportLocation);
// Single-page apps change the address without loading a page.
for (const method of ["pushState", "replaceState"] as const) {
  const original = history[method].bind(history);
  history[method] = (...args: Parameters<History["pushState"]>) => {
    original(...args);
    reportLocation();
  };
}

window.addEventListener(
  "error",
  (event) => {
    // A script, stylesheet or image that failed to load: its element is the target and the event does not bubble,
    // so only a capturing listener sees it. Without this a page whose script is missing is just blank.
    const target = event.target;
    if (target instanceof HTMLScriptElement || target instanceof HTMLLinkElement || target instanceof HTMLImageElement) {
      const url = target instanceof HTMLLinkElement ? target.href : target.src;
      const what = target instanceof HTMLScriptElement ? "script" : target instanceof HTMLLinkElement ? "stylesheet" : "image";
      const source = projectPath(url);
      const hint = buildHint(source);
      send("resource", hint ? `Could not run ${what} ${source}${hint}` : `Could not load ${what} ${source} (not in the project, or not loadable)`, { source });
      return;
    }
    if (!(event instanceof ErrorEvent)) return;
    const error = event.error as unknown;
    const source = projectPath(event.filename);
    send("error", (error instanceof Error ? `${error.name}: ${error.message}` : event.message) + buildHint(source), {
      source,
      line: event.lineno,
      column: event.colno,
      ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
    });
  },
  true,
);
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
