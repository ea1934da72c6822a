// Where untrusted project code runs: the other loopback host name on the next port (localhost ↔ 127.0.0.1 are
// different sites, so cookies and storage are separate), unless NEXT_PUBLIC_TANDEM_SANDBOX_ORIGIN says otherwise.
// scripts/sandbox-server.mjs applies the same rule on the server side.
export function sandboxOriginFor(location: { protocol: string; hostname: string; port: string }, override?: string): string {
  if (override) return override.replace(/\/$/, "");
  const other = location.hostname === "localhost" ? "127.0.0.1" : "localhost";
  const port = Number(location.port || (location.protocol === "https:" ? 443 : 80)) + 1;
  return `${location.protocol}//${other}:${port}`;
}
