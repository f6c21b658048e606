import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

async function failingFields(path: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await api(path, { headers });
  expect(res.status, path).toBe(400);
  return ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
}

describe("whole numbers in a query string", () => {
  it("are read only as digits: hex, exponents, decimals, spaces and blanks are refused naming the field", async () => {
    for (const limit of ["0x3", "1e1", "3.0", "%203", ""]) {
      expect(await failingFields(`/api/products?q=phone&limit=${limit}`)).toEqual(["limit"]);
    }
    expect((await api("/api/products?q=phone&limit=3")).status).toBe(200);
    const user = await createTestUser();
    expect(await failingFields("/api/orders?limit=0x10", user.headers)).toEqual(["limit"]);
    expect(await failingFields("/api/orders?year=2.026e3", user.headers)).toEqual(["year"]);
    expect((await api("/api/orders?limit=10", { headers: user.headers })).status).toBe(200);
  });
});
