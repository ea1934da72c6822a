import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientKey, decodeLenient, HttpError, parseTarget } from "./http-edge.ts";

const status = (raw: string) => {
  try {
    parseTarget(raw);
    return 200;
  } catch (error) {
    return error instanceof HttpError ? error.status : 0;
  }
};

describe("parseTarget", () => {
  it("never throws anything but an HttpError; '//[' and other non-paths are a 400", () => {
    for (const raw of ["//[", "//", "*", "http://x/", "", "a", "/a b", "/\0", "/\u00e9"]) expect(status(raw), raw).toBe(400);
    expect(status(`/${"a".repeat(9_000)}`)).toBe(414);
    expect(status("/%00")).toBe(400);
  });

  it("decodes what is well formed and keeps a stray % as it is (a page may ask for 100%.png)", () => {
    expect(parseTarget("/100%.png")).toMatchObject({ path: "/100%.png", rawPath: "/100%.png", search: "" });
    expect(parseTarget("/a%20b/%E4%B8%AD?x=%#h")).toMatchObject({ path: "/a b/中", search: "?x=%" });
    expect(parseTarget("/%E0%A4%A")).toMatchObject({ path: "/%E0%A4%A" });
    expect(decodeLenient("%%41%zz%C3%A9%C3")).toBe("%A%zzé%C3");
  });
});

describe("clientKey", () => {
  const req = (remoteAddress: string, forwarded?: string) => ({ socket: { remoteAddress }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} }) as unknown as IncomingMessage;
  it("is the socket's address (IPv6 by /64), or the proxy's last X-Forwarded-For entry only when trusted", () => {
    expect(clientKey(req("::ffff:10.0.0.1"), false)).toBe("ip4:10.0.0.1");
    expect(clientKey(req("2001:db8:1:2:3:4:5:6"), false)).toBe("ip6:2001:0db8:0001:0002::/64");
    expect(clientKey(req("127.0.0.1", "6.6.6.6, 10.1.1.1"), false)).toBe("ip4:127.0.0.1");
    expect(clientKey(req("127.0.0.1", "6.6.6.6, 10.1.1.1"), true)).toBe("ip4:10.1.1.1");
  });
});
