import { describe, expect, it } from "vitest";
import { clientAddress, networkOf, parseTrustProxy } from "./network";

describe("client address behind proxies", () => {
  it("without a trusted proxy, is the connecting address whatever the header says", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", { kind: "none" })).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", undefined, { kind: "none" })).toBe("203.0.113.9");
  });

  it("behind one proxy, takes the hop that proxy appended, not the one the client sent first", () => {
    const one = parseTrustProxy("true")!;
    // The client sent "X-Forwarded-For: 6.6.6.6"; HAProxy appended the real address.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", one)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "198.51.100.7", one)).toBe("198.51.100.7");
    // Two header lines are one list.
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.7"], one)).toBe("198.51.100.7");
  });

  it("counts several trusted hops from the right", () => {
    expect(clientAddress("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", parseTrustProxy("2")!)).toBe("198.51.100.7");
    // Fewer hops than proxies (a request that bypassed one): the leftmost is all there is.
    expect(clientAddress("10.0.0.3", "198.51.100.7", parseTrustProxy("3")!)).toBe("198.51.100.7");
  });

  it("with a list of proxy addresses, skips exactly those from the right", () => {
    const trust = parseTrustProxy("10.0.0.2, 10.0.0.3")!;
    expect(clientAddress("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", trust)).toBe("198.51.100.7");
    // Not from a listed proxy: the header is the client's own invention and is ignored.
    expect(clientAddress("198.51.100.8", "6.6.6.6", trust)).toBe("198.51.100.8");
  });

  it("refuses garbage hops rather than using them", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, not-an-ip", parseTrustProxy("1")!)).toBeUndefined();
    expect(parseTrustProxy("proxy.example")).toBeUndefined();
  });
});

describe("networks", () => {
  it("keys IPv6 on the /64 and IPv4 on the address", () => {
    expect(networkOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(networkOf("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(networkOf("198.51.100.7")).toBe("198.51.100.7");
  });
});
