import { describe, expect, it } from "vitest";
import { base64url, fromBase64url, sha256Hex, toHex } from "../../workers/platform/ids";

describe("encodings behind tokens and ids", () => {
  it("round-trips every byte value through base64url, without padding or unsafe characters", () => {
    for (let len = 0; len < 40; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 31) % 256);
      const text = base64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64url(text)).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64url(base64url(all))).toEqual(all);
    expect(() => fromBase64url("not base64!")).toThrow();
  });

  it("uses the URL-safe alphabet both ways, as other tools write it, and refuses plain base64's characters", () => {
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe("-_-_");
    expect(base64url(new Uint8Array([104, 105]))).toBe("aGk");
    expect(fromBase64url("-_-_")).toEqual(new Uint8Array([251, 255, 191]));
    // Padded, as some encoders leave it.
    expect(fromBase64url("aGk=")).toEqual(new Uint8Array([104, 105]));
    expect(() => fromBase64url("+/+/")).toThrow();
    expect(() => fromBase64url("a")).toThrow();
  });

  it("writes lowercase hex, two digits a byte", async () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe("00010f10ff");
    expect(toHex(new Uint8Array([171, 205]).buffer)).toBe("abcd");
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
