import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

const nameOf = async (id: string) => (await env.DB.prepare("SELECT name FROM users WHERE id = ?").bind(id).first<{ name: string }>())?.name;

describe("changing the name an account goes by", () => {
  it("saves the trimmed name, answers the account with it and every later request sees it", async () => {
    const user = await createTestUser();
    const res = await api("/api/me", { method: "PATCH", headers: user.headers, body: { name: "  Ananya Iyer " } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ id: user.id, email: user.email, name: "Ananya Iyer", roles: ["shopper"] });
    expect(await nameOf(user.id)).toBe("Ananya Iyer");
    expect(await (await api("/api/me", { headers: user.headers })).json()).toMatchObject({ name: "Ananya Iyer" });
    // Spaces inside are made one, as emails would show them as typed.
    await api("/api/me", { method: "PATCH", headers: user.headers, body: { name: " प्रिया   Sharma " } });
    expect(await nameOf(user.id)).toBe("प्रिया Sharma");
  });

  it("says a name's limits in words, at registration as on the account", async () => {
    const long = await api("/api/auth/register", {
      method: "POST",
      body: { email: `long-${crypto.randomUUID()}@example.test`, password: "a long enough passphrase 7", name: "x".repeat(150) },
    });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { errors: unknown[] }).errors).toEqual([{ path: "name", message: "Use at most 100 characters" }]);
    const user = await createTestUser();
    const blank = await api("/api/me", { method: "PATCH", headers: user.headers, body: { name: "   " } });
    expect(((await blank.json()) as { errors: unknown[] }).errors).toEqual([{ path: "name", message: "Enter your name" }]);
  });

  it("refuses an empty, blank or too long name, or another field, naming it, and changes nothing", async () => {
    const user = await createTestUser();
    for (const [body, field] of [
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{}, "name"],
      [{ name: "Ravi", email: "ravi@example.test" }, "email"],
    ] as const) {
      const res = await api("/api/me", { method: "PATCH", headers: user.headers, body });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { errors?: Array<{ path: string }> };
      expect(problem.errors?.map((e) => e.path)).toContain(field);
    }
    expect(await nameOf(user.id)).toBe("Test shopper");
  });

  it("refuses a name with control characters or marks that turn text around, and keeps one in any script", async () => {
    const user = await createTestUser();
    for (const name of ["Ravi\u0000Kumar", "<b>x</b>\u202eevil", "Asha\u2066 Rao"]) {
      const res = await api("/api/me", { method: "PATCH", headers: user.headers, body: { name } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
        { path: "name", message: "Use letters, digits, spaces and punctuation only" },
      ]);
    }
    expect(await nameOf(user.id)).toBe("Test shopper");
    const hindi = await api("/api/me", { method: "PATCH", headers: user.headers, body: { name: "अनन्या अय्यर" } });
    expect(hindi.status).toBe(200);
    expect(await nameOf(user.id)).toBe("अनन्या अय्यर");
  });

  it("needs a signed-in account", async () => {
    const res = await api("/api/me", { method: "PATCH", body: { name: "Nobody" } });
    expect(res.status).toBe(401);
  });
});
