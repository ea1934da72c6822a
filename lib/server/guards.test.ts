import { describe, expect, it } from "vitest";
import { loadServerConfig } from "./config";
import { checkHost, checkOrigin } from "./guards";

const config = loadServerConfig({ PORT: "3000" });
const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe("Host check (DNS rebinding)", () => {
  it("answers only to the server's own names", () => {
    expect(checkHost(headers({ host: "127.0.0.1:3000" }), config)).toBeNull();
    expect(checkHost(headers({ host: "LOCALHOST:3000" }), config)).toBeNull();
    expect(checkHost(headers({ host: "evil.example:3000" }), config)).toMatchObject({ status: 421, body: { code: "bad-host" } });
    expect(checkHost(headers({ host: "127.0.0.1:3001" }), config)).toMatchObject({ status: 421 });
    expect(checkHost(headers({}), config)).toMatchObject({ status: 421 });
  });
});

describe("Origin check", () => {
  it("lets reads through from anywhere", () => {
    expect(checkOrigin("GET", headers({ origin: "https://evil.example" }), config)).toBeNull();
  });
  it("lets the IDE's own pages change things, and no other site", () => {
    expect(checkOrigin("POST", headers({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }), config)).toBeNull();
    expect(checkOrigin("POST", headers({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), config)).toMatchObject({ status: 403, body: { code: "bad-origin" } });
    // A sandboxed or opaque page says "null".
    expect(checkOrigin("POST", headers({ origin: "null" }), config)).toMatchObject({ status: 403 });
    // The sandbox origin is another site: its pages may not call the IDE's API.
    expect(checkOrigin("DELETE", headers({ origin: "http://localhost:3001" }), config)).toMatchObject({ status: 403 });
  });
  it("refuses a browser's cross-site request even without Origin", () => {
    expect(checkOrigin("POST", headers({ "sec-fetch-site": "cross-site" }), config)).toMatchObject({ status: 403 });
  });
  it("leaves a client that is not a browser (no Origin, no Sec-Fetch-Site) to the token and limits", () => {
    expect(checkOrigin("POST", headers({}), config)).toBeNull();
  });
});
