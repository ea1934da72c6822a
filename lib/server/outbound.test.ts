import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressAllowed, BlockedAddressError, browserEndpointFetch, endpointAllowed } from "./outbound";

describe("which addresses a browser-chosen endpoint may reach", () => {
  it("never link-local or cloud metadata", () => {
    for (const a of ["169.254.169.254", "169.254.1.1", "fe80::1", "fd00:ec2::254", "100.100.100.200", "::ffff:169.254.169.254", "224.0.0.1", "255.255.255.255"]) {
      expect(addressAllowed(a, "local"), a).toBe(false);
      expect(addressAllowed(a, "public"), a).toBe(false);
    }
  });
  it("this machine and the LAN from a loopback server; only public addresses from a public one", () => {
    for (const a of ["127.0.0.1", "::1", "10.1.2.3", "192.168.1.10", "172.16.0.1", "fc00::1"]) {
      expect(addressAllowed(a, "local"), a).toBe(true);
      expect(addressAllowed(a, "public"), a).toBe(false);
    }
    expect(addressAllowed("0.0.0.0", "public")).toBe(false);
    expect(addressAllowed("93.184.216.34", "public")).toBe(true);
    expect(addressAllowed("2606:4700::1111", "public")).toBe(true);
  });
  it("checks URLs before any request", () => {
    expect(endpointAllowed("http://169.254.169.254/latest", "local")).toBe(false);
    expect(endpointAllowed("http://[fe80::1]/v1", "local")).toBe(false);
    expect(endpointAllowed("http://127.0.0.1:11434/v1", "local")).toBe(true);
    expect(endpointAllowed("http://127.0.0.1:11434/v1", "public")).toBe(false);
    expect(endpointAllowed("http://metadata.google.internal/v1", "public")).toBe(false);
    expect(endpointAllowed("http://user:pw@example.org/v1", "public")).toBe(false);
    expect(endpointAllowed("file:///etc/passwd", "local")).toBe(false);
    expect(endpointAllowed("https://api.example.org/v1", "off")).toBe(false);
  });
});

describe("browserEndpointFetch", () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? "");
      if (req.url === "/redirect") res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("reaches an allowed endpoint", async () => {
    const res = await browserEndpointFetch("local")(`http://127.0.0.1:${port}/ok`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("never follows a redirect (a redirect to a literal address would skip the address check)", async () => {
    const res = await browserEndpointFetch("local")(`http://127.0.0.1:${port}/redirect`);
    expect(res.status).toBe(302);
    expect(seen).not.toContain("/latest/meta-data");
  });

  it("refuses a literal address it may not use without connecting", async () => {
    await expect(browserEndpointFetch("local")("http://169.254.169.254/latest/meta-data")).rejects.toBeInstanceOf(BlockedAddressError);
    const before = seen.length;
    await expect(browserEndpointFetch("public")(`http://127.0.0.1:${port}/ok`)).rejects.toBeInstanceOf(BlockedAddressError);
    expect(seen.length).toBe(before);
  });

  it("judges a host name by what it resolves to at connect time", async () => {
    const before = seen.length;
    await expect(browserEndpointFetch("public")(`http://localhost:${port}/ok`)).rejects.toThrow();
    expect(seen.length).toBe(before);
    const res = await browserEndpointFetch("local")(`http://localhost:${port}/ok`);
    expect(res.status).toBe(200);
  });
});
