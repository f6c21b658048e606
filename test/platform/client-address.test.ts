import { describe, expect, it } from "vitest";
import { addressBucket } from "../../workers/platform/client-address";

describe("the address a client is rate limited by", () => {
  it("counts every IPv6 address of one /64 as one client, however it is written", () => {
    const prefix = "2001:db8:85a3:42::/64";
    for (const address of [
      "2001:db8:85a3:42::1",
      "2001:0db8:85a3:0042:0000:0000:0000:0001",
      "2001:DB8:85A3:42:ffff:ffff:ffff:ffff",
      "2001:db8:85a3:42:a:b:c:d",
      "2001:db8:85a3:42::",
      "2001:db8:85a3:42:1::9",
      "2001:db8:85a3:42::1.2.3.4",
      "2001:db8:85a3:42::1%eth0",
    ]) {
      expect(addressBucket(address), address).toBe(prefix);
    }
  });

  it("tells apart addresses in neighbouring /64s", () => {
    expect(addressBucket("2001:db8:85a3:43::1")).toBe("2001:db8:85a3:43::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("1:2:3:4:5:6:7::")).toBe("1:2:3:4::/64");
  });

  it("counts an IPv4-mapped IPv6 address as the IPv4 address it carries, and IPv4 as it is", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("0:0:0:0:0:ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("leaves what is not an address as it is, rather than merging it with others", () => {
    for (const odd of ["2001:db8:::1", "1::2::3", "2001:db8:85a3:42:0:0:0:0:1", "12345::1", "::ffff:300.1.1.1", "g::1", "local"]) {
      expect(addressBucket(odd), odd).toBe(odd);
    }
  });
});
