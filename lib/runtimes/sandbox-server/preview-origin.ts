// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// Where static previews live: one origin per preview session, so a project's page shares an origin with neither the
// runtime's sandbox page nor another project's preview. The rule is a template with one `{id}` label, e.g.
// `http://{id}.localhost:3001` (the default: Chromium and Firefox resolve every *.localhost name to loopback) or
// `https://{id}.preview.example.com` behind a wildcard DNS record and certificate.

/** Session ids: 128 random bits as 32 lowercase hex digits (a DNS label, case-insensitive like host names). */
export const SESSION_ID = /^[0-9a-f]{32}$/;
const ID_PLACEHOLDER = "{id}";
const SAMPLE_ID = "0".repeat(32);

export interface PreviewOrigins {
  /** The template as configured, for messages and docs. */
  readonly template: string;
  /** The origin of a session's preview, e.g. http://<id>.localhost:3001. */
  originFor(id: string): string;
  /** The session a request's Host header names, or null when it is not a preview host. */
  idFromHost(host: string): string | null;
}

/**
 * Parses a preview origin template. Throws an Error that says what to fix: the server must not start with a rule
 * that would put previews on a shared origin.
 */
export function parsePreviewOrigins(template: string, sandboxOrigin: string): PreviewOrigins {
  const fail = (why: string): never => {
    throw new Error(`TANDEM_PREVIEW_ORIGIN=${template}: ${why} (example: https://{id}.preview.example.com).`);
  };
  const trimmed = template.trim().replace(/\/$/, "");
  if (trimmed.split(ID_PLACEHOLDER).length !== 2) fail("it must contain {id} exactly once");
  let sample: URL;
  try {
    sample = new URL(trimmed.replace(ID_PLACEHOLDER, SAMPLE_ID));
  } catch {
    return fail("it is not a URL");
  }
  if (sample.protocol !== "http:" && sample.protocol !== "https:") fail("it must be an http(s) origin");
  if (sample.pathname !== "/" || sample.search || sample.hash || sample.username || sample.password || trimmed.endsWith("?") || trimmed.endsWith("#"))
    fail("it must be an origin only (no path, query or user)");
  const [first, ...rest] = sample.hostname.split(".");
  if (first !== SAMPLE_ID || rest.length === 0) fail("{id} must be the first label of the host name, followed by a domain");
  if (sample.origin === new URL(sandboxOrigin).origin) fail("previews must not share the sandbox page's origin");
  // Host header of a request for session <id>: the sample host with the id label swapped, port included unless default.
  const suffix = sample.host.slice(SAMPLE_ID.length).toLowerCase();
  const scheme = sample.protocol;
  return {
    template: trimmed,
    originFor: (id) => `${scheme}//${id}${suffix}`,
    idFromHost(host) {
      const lower = host.toLowerCase();
      if (!lower.endsWith(suffix)) return null;
      const id = lower.slice(0, lower.length - suffix.length);
      return SESSION_ID.test(id) ? id : null;
    },
  };
}

/**
 * The default template for a sandbox origin: on a loopback sandbox (the README's `npm start`), `{id}.localhost` on the
 * sandbox's port. Elsewhere there is no safe default: the operator must name a wildcard host.
 */
export function defaultPreviewTemplate(sandboxOrigin: string): string {
  const url = new URL(sandboxOrigin);
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (!loopback)
    throw new Error(
      `The sandbox origin ${url.origin} is not on loopback: set TANDEM_PREVIEW_ORIGIN to a wildcard host for previews, e.g. https://{id}.preview.example.com (each preview session gets its own origin).`,
    );
  return `${url.protocol}//{id}.localhost${url.port ? `:${url.port}` : ""}`;
}
