import { describe, expect, it } from "vitest";
import { deviceName } from "../../workers/accounts/device-name";
import { api } from "../helpers/http";
import { Browser, freshEmail } from "./browser";

const PASSWORD = "correct horse battery";
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const WINDOWS_EDGE =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";

type Devices = { items: { id: string; device: string | null; current: boolean }[] };

/** Signs the account in from a browser with `agent`, answering its session's bearer header. */
async function signInFrom(email: string, agent: string): Promise<Record<string, string>> {
  const res = await new Browser().fetch("/api/auth/login", { body: { email, password: PASSWORD }, headers: { "user-agent": agent } });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

describe("where an account is signed in", () => {
  it("names a browser by its family and device, and nothing it cannot tell", () => {
    expect(deviceName(ANDROID_CHROME)).toBe("Chrome on Android");
    expect(deviceName(IPHONE_SAFARI)).toBe("Safari on iPhone");
    expect(deviceName(WINDOWS_EDGE)).toBe("Edge on Windows");
    expect(deviceName("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:132.0) Gecko/20100101 Firefox/132.0")).toBe("Firefox on Mac");
    expect(deviceName("curl/8.5.0")).toBeNull();
    expect(deviceName(undefined)).toBeNull();
  });

  it("lists each session with its device, this one marked, and signs one out without the others", async () => {
    const email = freshEmail();
    const phone = new Browser();
    expect(
      (
        await phone.fetch("/api/auth/register", {
          body: { email, password: PASSWORD, name: "Asha" },
          headers: { "user-agent": ANDROID_CHROME },
        })
      ).status,
    ).toBe(201);
    const laptop = await signInFrom(email, WINDOWS_EDGE);
    const shared = await signInFrom(email, IPHONE_SAFARI);

    const listed = (await (await api("/api/me/sessions", { headers: laptop })).json()) as Devices;
    expect(listed.items.map((d) => [d.device, d.current])).toEqual([
      ["Safari on iPhone", false],
      ["Edge on Windows", true],
      ["Chrome on Android", false],
    ]);
    // The handle names the session without giving its token away.
    expect(listed.items[0]?.id).toMatch(/^[0-9a-f]{24}$/);

    const out = await api(`/api/me/sessions/${listed.items[0]?.id}`, { method: "DELETE", headers: laptop });
    expect(out.status).toBe(204);
    expect((await api("/api/me", { headers: shared })).status).toBe(401);
    expect((await api("/api/me", { headers: laptop })).status).toBe(200);
    expect((await phone.fetch("/api/me")).status).toBe(200);
    // Gone already, or never the account's: nothing to sign out.
    expect((await api(`/api/me/sessions/${listed.items[0]?.id}`, { method: "DELETE", headers: laptop })).status).toBe(404);
    const stranger = await signInFrom((await registered()).email, ANDROID_CHROME);
    expect((await api(`/api/me/sessions/${listed.items[2]?.id}`, { method: "DELETE", headers: stranger })).status).toBe(404);
    expect((await phone.fetch("/api/me")).status).toBe(200);
  });

  it("signs out every other session and keeps this one", async () => {
    const { email } = await registered();
    const a = await signInFrom(email, ANDROID_CHROME);
    const b = await signInFrom(email, IPHONE_SAFARI);
    const res = await api("/api/auth/logout-others", { method: "POST", headers: a, body: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signed_out: 2 });
    expect((await api("/api/me", { headers: b })).status).toBe(401);
    const left = (await (await api("/api/me/sessions", { headers: a })).json()) as Devices;
    expect(left.items).toEqual([expect.objectContaining({ device: "Chrome on Android", current: true })]);
  });
});

async function registered(): Promise<{ email: string }> {
  const email = freshEmail();
  expect((await new Browser().fetch("/api/auth/register", { body: { email, password: PASSWORD, name: "Ravi" } })).status).toBe(201);
  return { email };
}
