import { describe, expect, it } from "vitest";
import { ConfigError, isLoopbackHost, loadServerConfig } from "./config";

describe("server configuration", () => {
  it("a loopback server (npm start) answers to its loopback names only, with public limits off and browser endpoints local", () => {
    const c = loadServerConfig({ PORT: "3000" });
    expect(c.loopback).toBe(true);
    expect([...c.allowedHosts].sort()).toEqual(["127.0.0.1:3000", "[::1]:3000", "localhost:3000"]);
    expect(c.allowedOrigins.has("http://localhost:3000")).toBe(true);
    expect(c.limits.enabled).toBe(false);
    expect(c.browserEndpoints).toBe("local");
    expect(c.accessTokens).toEqual([]);
  });

  it("a public server has limits on, browser endpoints off, and answers to TANDEM_PUBLIC_URL", () => {
    const c = loadServerConfig({ HOST: "0.0.0.0", PORT: "8080", TANDEM_PUBLIC_URL: "https://Tandem.Example.org" });
    expect(c.loopback).toBe(false);
    expect(c.limits.enabled).toBe(true);
    expect(c.browserEndpoints).toBe("off");
    expect(c.allowedHosts.has("tandem.example.org")).toBe(true);
    expect(c.allowedOrigins.has("https://tandem.example.org")).toBe(true);
    expect(c.allowedOrigins.has("http://tandem.example.org")).toBe(false);
  });

  it("a public server opts in to browser endpoints, which may then reach public addresses only", () => {
    expect(loadServerConfig({ HOST: "10.0.0.5", TANDEM_ALLOW_BROWSER_BASE_URL: "1" }).browserEndpoints).toBe("public");
    expect(loadServerConfig({ TANDEM_ALLOW_BROWSER_BASE_URL: "0" }).browserEndpoints).toBe("off");
  });

  it("limits can be switched on for a loopback server and tuned", () => {
    const c = loadServerConfig({ TANDEM_LIMITS: "on", TANDEM_STREAMS_PER_CLIENT: "2", TANDEM_CHAT_MAX_BODY_MB: "0.5" });
    expect(c.limits.enabled).toBe(true);
    expect(c.limits.streamsPerClient).toBe(2);
    expect(c.chatBodyBytes).toBe(512 * 1024);
  });

  it("says which variable is wrong", () => {
    expect(() => loadServerConfig({ TANDEM_LIMITS: "maybe" })).toThrow(ConfigError);
    expect(() => loadServerConfig({ TANDEM_LIMITS: "maybe" })).toThrow(/TANDEM_LIMITS/);
    expect(() => loadServerConfig({ PORT: "99999" })).toThrow(/PORT/);
    expect(() => loadServerConfig({ TANDEM_PUBLIC_URL: "ftp://x" })).toThrow(/TANDEM_PUBLIC_URL/);
    expect(() => loadServerConfig({ TANDEM_ACCESS_TOKEN: "short" })).toThrow(/16 characters/);
  });

  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "a.localhost", "::1", "[::1]"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "example.org", "localhost.example.org"]) expect(isLoopbackHost(h), h).toBe(false);
  });
});
