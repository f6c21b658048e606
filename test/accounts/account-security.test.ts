import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { Browser, freshEmail } from "./browser";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "staple battery horse";

/** A registered shopper signed in on two devices: this browser and a phone holding a bearer token. */
async function signedInTwice() {
  const email = freshEmail();
  const laptop = new Browser();
  const reg = await laptop.fetch("/api/auth/register", { body: { email, password: PASSWORD, name: "Asha" } });
  expect(reg.status).toBe(201);
  const phone = await api("/api/auth/login", { method: "POST", body: { email, password: PASSWORD } });
  const phoneToken = ((await phone.json()) as { token: string }).token;
  return { email, laptop, phone: { authorization: `Bearer ${phoneToken}` } };
}

const signIn = (email: string, password: string) => api("/api/auth/login", { method: "POST", body: { email, password } });

describe("changing the password", () => {
  it("takes the new password, refuses the old, signs out every other device and keeps this one", async () => {
    const { email, laptop, phone } = await signedInTwice();
    const res = await laptop.fetch("/api/me/password", {
      headers: laptop.csrf,
      body: { current_password: PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(res.status).toBe(204);

    expect((await laptop.fetch("/api/me")).status).toBe(200);
    expect((await api("/api/me", { headers: phone })).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it("names the current password when it is wrong, and changes nothing", async () => {
    const { email, laptop, phone } = await signedInTwice();
    const res = await laptop.fetch("/api/me/password", {
      headers: laptop.csrf,
      body: { current_password: "a wrong guess", new_password: NEW_PASSWORD },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["current_password"]);
    expect((await api("/api/me", { headers: phone })).status).toBe(200);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("refuses a short new password, or the same one again, naming the field", async () => {
    const { laptop } = await signedInTwice();
    for (const new_password of ["short", PASSWORD]) {
      const res = await laptop.fetch("/api/me/password", { headers: laptop.csrf, body: { current_password: PASSWORD, new_password } });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path)).toEqual(["new_password"]);
    }
  });

  it("refuses the account's email as the new password, as registration does, and changes nothing", async () => {
    const { email, laptop, phone } = await signedInTwice();
    for (const new_password of [email, ` ${email.split("@")[0]?.toUpperCase()} `]) {
      const res = await laptop.fetch("/api/me/password", { headers: laptop.csrf, body: { current_password: PASSWORD, new_password } });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([{ path: "new_password", message: "Use something other than your email address" }]);
    }
    expect((await api("/api/me", { headers: phone })).status).toBe(200);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("stops guesses at the current password with 429 before checking them", async () => {
    const { laptop } = await signedInTwice();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await laptop.fetch("/api/me/password", {
        headers: laptop.csrf,
        body: { current_password: `guess ${i}`, new_password: NEW_PASSWORD },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Past the budget even the right password waits, so the budget cannot be probed.
    const right = await laptop.fetch("/api/me/password", {
      headers: laptop.csrf,
      body: { current_password: PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(right.status).toBe(429);
  });

  it("says, once refused, that too many wrong current passwords were tried on this account, and when to try again", async () => {
    const { laptop } = await signedInTwice();
    let refused: Response | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      const res = await laptop.fetch("/api/me/password", {
        headers: laptop.csrf,
        body: { current_password: `guess ${i}`, new_password: NEW_PASSWORD },
      });
      if (res.status === 429) refused = res;
    }
    expect(refused?.headers.get("content-type")).toBe("application/problem+json");
    const wait = Number(refused?.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    const problem = (await refused?.json()) as { detail: string };
    expect(problem.detail).toBe(
      `There have been too many tries with a wrong current password on this account. Try again in ${wait} seconds.`,
    );
  });

  it("is for signed-in users only", async () => {
    const res = await api("/api/me/password", { method: "POST", body: { current_password: PASSWORD, new_password: NEW_PASSWORD } });
    expect(res.status).toBe(401);
  });
});

describe("signing out everywhere", () => {
  it("ends every session of the account, this one included, and clears the cookie", async () => {
    const { email, laptop, phone } = await signedInTwice();
    const res = await laptop.fetch("/api/auth/logout-everywhere", { headers: laptop.csrf, body: {} });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/__Host-session=;/);
    expect((await laptop.fetch("/api/me")).status).toBe(401);
    expect((await api("/api/me", { headers: phone })).status).toBe(401);
    // The password is untouched.
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });
});
