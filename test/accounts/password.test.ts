import { describe, expect, it } from "vitest";
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from "../../workers/accounts/password";

describe("password hashing", () => {
  it("round-trips at the runtime's highest iteration count with a fresh salt per hash", async () => {
    const a = await hashPassword("monsoon-sale-2026");
    const b = await hashPassword("monsoon-sale-2026");
    expect(a.iterations).toBe(PBKDF2_ITERATIONS);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword("monsoon-sale-2026", a)).toBe(true);
    expect(await verifyPassword("monsoon-sale-2027", a)).toBe(false);
  });

  it("rejects a hash whose stored salt was changed", async () => {
    const stored = await hashPassword("monsoon-sale-2026", 1000);
    const other = await hashPassword("x", 1000);
    expect(await verifyPassword("monsoon-sale-2026", { ...stored, salt: other.salt })).toBe(false);
  });
});
