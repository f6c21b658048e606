import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { passwordRefusal } from "../../workers/accounts/password-rules";
import { postForm } from "../helpers/forms";
import { api } from "../helpers/http";

const freshEmail = () => `pw-${crypto.randomUUID()}@example.test`;

describe("choosing a password", () => {
  it.each([
    ["short", "Use at least 10 characters"],
    [" ".repeat(10), "Use letters, digits or symbols, not only spaces"],
    ["aaaaaaaaaa", "Use more than a few different characters"],
    ["abababababab", "Use more than a few different characters"],
    ["1234567890", "This password is one of the first ones guessed: choose another"],
    ["Password123", "This password is one of the first ones guessed: choose another"],
    ["x".repeat(129), "Use at most 128 characters"],
  ])("refuses %j: %s", (password, why) => {
    expect(passwordRefusal(password)).toBe(why);
  });

  it.each(["correct horse battery", "a1b2c3d4e5", "  spaced  out  ", "पासवर्ड-सुरक्षित"])("takes %j", (password) => {
    expect(passwordRefusal(password)).toBeNull();
  });

  it("refuses registering with ten spaces as a 400 naming the password, and creates no account", async () => {
    const email = freshEmail();
    const res = await api("/api/auth/register", { body: { email, password: " ".repeat(10), name: "Space" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: [{ path: "password", message: "Use letters, digits or symbols, not only spaces" }],
    });
    expect(await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });

  it("says why on the registration page", async () => {
    const res = await postForm("/register", { name: "Asha Rao", email: freshEmail(), password: "qwertyuiop" }, "");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This password is one of the first ones guessed: choose another");
  });
});
