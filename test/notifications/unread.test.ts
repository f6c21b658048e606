import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UNREAD_COUNTED } from "../../workers/notifications/unread";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import { note } from "./support";

const unread = async (user: TestUser) => {
  const res = await api("/api/notifications/unread", { headers: user.headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  const { unread, more } = (await res.json()) as { unread: number; more: boolean };
  return { unread, more };
};

const seenMark = async (user: TestUser) =>
  ((await (await api("/api/notifications/unread", { headers: user.headers })).json()) as { seen_up_to: string | null }).seen_up_to;

const seen = (user: TestUser, upTo: unknown) =>
  api("/api/notifications/seen", { method: "PUT", headers: user.headers, body: { up_to: upTo } });

/** The Updates page as the shopper's browser gets it: which messages it marks new, and the time its script reports seen. */
async function updatesPage(user: TestUser) {
  const { cookie } = await browserSession(user);
  const html = await (await api("/account/updates", { headers: { cookie } })).text();
  const rows = [...html.matchAll(/<li class="order-row"[^>]*?( data-new="")?>[\s\S]*?<strong>(?:<a [^>]*>)?([^<]+)</g)];
  return {
    newOnes: rows.filter((r) => r[1]).map((r) => r[2]),
    newest: /data-updates-newest="([^"]+)"/.exec(html)?.[1] ?? null,
  };
}

describe("unread updates", () => {
  it("counts the messages newer than the newest one the shopper saw on Updates, and opening the page clears them", async () => {
    const [asha, ravi] = [await createTestUser(), await createTestUser()];
    await env.DB.batch([...note(asha.id, 1, 30), ...note(asha.id, 2, 5), ...note(ravi.id, 3, 1)]);
    // Each message once, though it went out by email and by text message.
    expect(await unread(asha)).toEqual({ unread: 2, more: false });
    expect(await seenMark(asha)).toBeNull();

    const page = await updatesPage(asha);
    expect(page.newOnes).toEqual(["Subject 2", "Subject 1"]);
    expect((await seen(asha, page.newest)).status).toBe(204);
    expect(await unread(asha)).toEqual({ unread: 0, more: false });
    expect(await seenMark(asha)).toBe(page.newest);
    expect((await updatesPage(asha)).newOnes).toEqual([]);
    // Someone else's messages, and someone else's reading, are their own.
    expect(await unread(ravi)).toEqual({ unread: 1, more: false });

    await env.DB.batch(note(asha.id, 4, 0));
    expect(await unread(asha)).toEqual({ unread: 1, more: false });
    expect((await updatesPage(asha)).newOnes).toEqual(["Subject 4"]);
  });

  it("marks each message by its own time: one stamped before the seen mark that reaches the inbox late is not new", async () => {
    const asha = await createTestUser();
    await env.DB.batch([...note(asha.id, 1, 30), ...note(asha.id, 2, 20)]);
    expect((await seen(asha, (await updatesPage(asha)).newest)).status).toBe(204);
    // A newer message, and one stamped before the seen mark that only now reached the inbox.
    await env.DB.batch([...note(asha.id, 3, 5), ...note(asha.id, 4, 25)]);
    expect(await unread(asha)).toEqual({ unread: 1, more: false });
    expect((await updatesPage(asha)).newOnes).toEqual(["Subject 3"]);
  });

  it("never un-reads, and takes a time still to come as now", async () => {
    const asha = await createTestUser();
    await env.DB.batch([...note(asha.id, 1, 30), ...note(asha.id, 2, 5)]);
    const { newest } = await updatesPage(asha);
    expect((await seen(asha, newest)).status).toBe(204);
    // A tab left open on an older page reports late.
    expect((await seen(asha, new Date(Date.now() - 3_600_000).toISOString())).status).toBe(204);
    expect(await unread(asha)).toEqual({ unread: 0, more: false });

    // A clock years ahead cannot hide a message sent after the report.
    expect((await seen(asha, "2099-01-01T00:00:00.000Z")).status).toBe(204);
    await env.DB.batch(note(asha.id, 3, -1));
    expect(await unread(asha)).toEqual({ unread: 1, more: false });
  });

  it(`counts up to ${UNREAD_COUNTED} and then says there are more`, async () => {
    const asha = await createTestUser();
    await env.DB.batch(Array.from({ length: UNREAD_COUNTED + 2 }, (_, i) => note(asha.id, i, 300 - i)).flat());
    expect(await unread(asha)).toEqual({ unread: UNREAD_COUNTED, more: true });
  });

  it("refuses guests and a time that is not one, changing nothing", async () => {
    expect((await api("/api/notifications/unread")).status).toBe(401);
    expect((await api("/api/notifications/seen", { method: "PUT", body: { up_to: new Date().toISOString() } })).status).toBe(401);

    const asha = await createTestUser();
    await env.DB.batch(note(asha.id, 1, 5));
    for (const bad of ["yesterday", "2026-13-01T00:00:00Z", 1_733_300_000_000, null]) {
      const res = await seen(asha, bad);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["up_to"]);
    }
    expect(await unread(asha)).toEqual({ unread: 1, more: false });
  });
});
