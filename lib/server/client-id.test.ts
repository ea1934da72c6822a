import { describe, expect, it } from "vitest";
import { addressKey, clientKey } from "./client-id";

describe("client identity for limits", () => {
  it("is the connection's address, IPv4-mapped IPv6 unwrapped", () => {
    expect(clientKey("203.0.113.7", undefined, false)).toBe("ip4:203.0.113.7");
    expect(clientKey("::ffff:203.0.113.7", undefined, false)).toBe("ip4:203.0.113.7");
  });
  it("groups IPv6 by /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:ffff:1:2:3"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("::1")).toBe("ip6:0000:0000:0000:0000::/64");
  });
  it("believes X-Forwarded-For only behind a trusted proxy, and then its last hop", () => {
    expect(clientKey("10.0.0.2", "1.2.3.4", false)).toBe("ip4:10.0.0.2");
    expect(clientKey("10.0.0.2", "6.6.6.6, 1.2.3.4", true)).toBe("ip4:1.2.3.4");
  });
  it("never fails on junk", () => {
    expect(clientKey(undefined, "not an ip", true)).toBe("unknown");
  });
});
