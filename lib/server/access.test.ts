import { describe, expect, it } from "vitest";
import { ACCESS_COOKIE, decideAccess } from "./access";

const TOKEN = "invite-token-0123456789";
const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
const url = (path: string) => new URL(path, "http://127.0.0.1:3000");

describe("access token", () => {
  it("is not needed when none is configured", () => {
    expect(decideAccess(url("/"), headers({}), [], false)).toEqual({ kind: "allow" });
  });

  it("turns an invite link into a cookie (the token's hash) and a clean URL", () => {
    const d = decideAccess(url("/p/abc?access=" + TOKEN + "&x=1"), headers({}), [TOKEN], true);
    expect(d.kind).toBe("grant");
    if (d.kind !== "grant") return;
    expect(d.location).toBe("/p/abc?x=1");
    expect(d.cookie).toMatch(new RegExp(`^${ACCESS_COOKIE}=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+; Secure$`));
    expect(d.cookie).not.toContain(TOKEN);
    const value = d.cookie.split(";")[0]!;
    expect(decideAccess(url("/api/chat"), headers({ cookie: `a=b; ${value}` }), [TOKEN], true)).toEqual({ kind: "allow" });
  });

  it("takes a bearer token from scripts", () => {
    expect(decideAccess(url("/api/chat"), headers({ authorization: `Bearer ${TOKEN}` }), [TOKEN], false)).toEqual({ kind: "allow" });
    expect(decideAccess(url("/api/chat"), headers({ authorization: "Bearer nope" }), [TOKEN], false)).toEqual({ kind: "deny", reason: "wrong" });
  });

  it("refuses without a token or with a wrong one, but serves the app's static code", () => {
    expect(decideAccess(url("/"), headers({}), [TOKEN], false)).toEqual({ kind: "deny", reason: "missing" });
    expect(decideAccess(url("/?access=wrong"), headers({}), [TOKEN], false)).toEqual({ kind: "deny", reason: "wrong" });
    expect(decideAccess(url("/"), headers({ cookie: `${ACCESS_COOKIE}=${"0".repeat(64)}` }), [TOKEN], false)).toEqual({ kind: "deny", reason: "wrong" });
    expect(decideAccess(url("/_next/static/chunks/x.js"), headers({}), [TOKEN], false)).toEqual({ kind: "allow" });
  });

  it("accepts any of several tokens (rotation)", () => {
    const other = "second-token-abcdefghij";
    expect(decideAccess(url("/"), headers({ authorization: `Bearer ${other}` }), [TOKEN, other], false)).toEqual({ kind: "allow" });
  });
});
