import { describe, expect, it } from "vitest";
import { sandboxConfigFromEnv } from "./config.ts";
import { defaultPreviewTemplate, parsePreviewOrigins } from "./preview-origin.ts";

const id = "0123456789abcdef0123456789abcdef";

describe("preview origins", () => {
  it("default: one *.localhost origin per session on the sandbox port, never the sandbox's own", () => {
    const previews = parsePreviewOrigins(defaultPreviewTemplate("http://localhost:3001"), "http://localhost:3001");
    expect(previews.originFor(id)).toBe(`http://${id}.localhost:3001`);
    expect(previews.idFromHost(`${id}.localhost:3001`)).toBe(id);
    expect(previews.idFromHost(`${id.toUpperCase()}.LOCALHOST:3001`)).toBe(id);
    for (const host of ["localhost:3001", `${id}.localhost:3002`, `${id}.localhost`, `x${id}.localhost:3001`, `${id.slice(1)}.localhost:3001`, `a.${id}.localhost:3001`, `${id}.localhost:3001.evil`])
      expect(previews.idFromHost(host), host).toBeNull();
    expect(defaultPreviewTemplate("http://127.0.0.1:3001")).toBe("http://{id}.localhost:3001");
  });

  it("a public deployment names a wildcard host; without one a non-loopback sandbox does not start", () => {
    const previews = parsePreviewOrigins("https://{id}.preview.example.com", "https://sandbox.example.com");
    expect(previews.originFor(id)).toBe(`https://${id}.preview.example.com`);
    expect(previews.idFromHost(`${id}.preview.example.com`)).toBe(id);
    expect(previews.idFromHost(`${id}.preview.example.com:443`)).toBeNull();
    expect(() => defaultPreviewTemplate("https://sandbox.example.com")).toThrow(/TANDEM_PREVIEW_ORIGIN/);
  });

  it("refuses templates that would not give each session an origin of its own", () => {
    const bad = ["https://preview.example.com", "https://{id}.{id}.example.com", "https://x{id}.example.com", "https://{id}", "ftp://{id}.example.com", "https://{id}.example.com/path", "https://example.com/{id}", "not a url {id}"];
    for (const template of bad) expect(() => parsePreviewOrigins(template, "https://sandbox.example.com"), template).toThrow(/TANDEM_PREVIEW_ORIGIN/);
  });
});

describe("sandbox config from the environment", () => {
  it("defaults to the other loopback name on the next port and nested quotas; checks numbers", () => {
    const config = sandboxConfigFromEnv({}, { host: "127.0.0.1", port: "3000" });
    expect(config.origin).toBe("http://localhost:3001");
    expect(config.previewTemplate).toBeUndefined();
    expect(config.trustProxy).toBe(false);
    expect(config.ideOrigins).toContain("http://127.0.0.1:3000");
    const custom = sandboxConfigFromEnv(
      { TANDEM_SANDBOX_ORIGIN: "https://sandbox.example.com/", TANDEM_PREVIEW_ORIGIN: "https://{id}.p.example.com", TANDEM_PREVIEW_SESSION_MB: "8", TANDEM_TRUST_PROXY: "1" },
      { host: "0.0.0.0", port: 3000 },
    );
    expect(custom.origin).toBe("https://sandbox.example.com");
    expect(custom.limits.sessionBytes).toBe(8 * 1024 * 1024);
    expect(custom.trustProxy).toBe(true);
    const pub = sandboxConfigFromEnv({ TANDEM_PUBLIC_URL: "https://tandem.example.com", TANDEM_PREVIEW_ORIGIN: "https://{id}.p.example.com", TANDEM_SANDBOX_ORIGIN: "https://sandbox.example.com" }, { host: "0.0.0.0", port: 3000 });
    expect(pub.ideOrigins).toContain("https://tandem.example.com");
    expect(() => sandboxConfigFromEnv({ TANDEM_PREVIEW_STORE_MB: "lots" }, { host: "127.0.0.1", port: 3000 })).toThrow(/TANDEM_PREVIEW_STORE_MB/);
    expect(() => sandboxConfigFromEnv({ TANDEM_PREVIEW_SESSION_MB: "500" }, { host: "127.0.0.1", port: 3000 })).toThrow(/nest/);
  });
});
