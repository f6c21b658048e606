import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

describe("declared access", () => {
  it("answers a guest on a signed-in route with 401", async () => {
    const res = await api("/api/me");
    expect(res.status).toBe(401);
  });

  it("returns the bearer's user and roles", async () => {
    const user = await createTestUser(["ops"]);
    const res = await api("/api/me", { headers: user.headers });
    expect(res.status).toBe(200);
    const me = (await res.json()) as { email: string; roles: string[] };
    expect(me.email).toBe(user.email);
    expect(me.roles.sort()).toEqual(["ops", "shopper"]);
  });

  it("publishes each route's access in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-access": unknown }>> };
    expect(doc.paths["/api/me"]?.get?.["x-access"]).toBe("signed_in");
  });
});
