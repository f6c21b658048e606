import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findDeal } from "../../workers/deals/deal-rows";
import { istInput } from "../../workers/pages/consoles/deal-adjust-form";
import { type DealSetup, createDealViaApi, dealSetup, liveDealTwoSold } from "../deals/helpers";
import { consolePost } from "../helpers/forms";
import { api } from "../helpers/http";

/** The dashboard of deal `id` as its manager gets it. */
const dashboard = async (s: DealSetup, id: string) => (await api(`/deals-console/${id}`, { headers: s.manager.headers })).text();

/** The Adjust form's markup on a dashboard, or null when it is not drawn. */
const adjustForm = (page: string) => /<form[^>]*data-deal-adjust[\s\S]*?<\/form>/.exec(page)?.[0] ?? null;

/** The Adjust form's fields as a browser would post them, pre-filled as drawn. */
function drawnFields(form: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input)?.[1];
    if (name && name !== "_csrf") fields[name] = /value="([^"]*)"/.exec(input)?.[1] ?? "";
  }
  return fields;
}

/** The visible field names of the form (the ones it asks the manager for, not the drawn values it carries). */
const askedFor = (form: string) => Object.keys(drawnFields(form)).filter((n) => !n.startsWith("was_"));

describe("the deal dashboard's Adjust form", () => {
  it("offers a live deal its waiting room and end, pre-filled, and changes only what the manager changed", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    const form = adjustForm(await dashboard(s, id));
    expect(form).not.toBeNull();
    expect(askedFor(form as string)).toEqual(["active_users", "new_users_per_minute", "session_minutes", "ends_at"]);
    // Each field is labelled, as the console's other forms are.
    expect(form).toContain("<legend>Waiting room</legend>");
    expect(form).toMatch(/<label class="field">Shoppers shopping at once<input name="active_users" type="number" value="1000"/);
    const deal = await findDeal(env.DB, id);
    expect(drawnFields(form as string).ends_at).toBe(istInput(deal?.endsAt as string));

    const res = await consolePost(
      `/deals-console/${id}/adjust`,
      { ...drawnFields(form as string), new_users_per_minute: "300" },
      s.manager.headers,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/deals-console/${id}?done=adjusted`);
    expect(await findDeal(env.DB, id)).toMatchObject({ newUsersPerMinute: 300, activeUsers: 1_000, endsAt: deal?.endsAt });
    const after = await (await api(`/deals-console/${id}?done=adjusted`, { headers: s.manager.headers })).text();
    expect(after).toContain("The deal&#39;s settings were changed.");
    expect(drawnFields(adjustForm(after) as string)).toMatchObject({ new_users_per_minute: "300", was_new_users_per_minute: "300" });
  });

  it("offers a deal before it opens its price, start and limit too, and says nothing changed when nothing did", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, {
      starts_at: new Date(Date.now() + 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const form = adjustForm(await dashboard(s, id)) as string;
    expect(askedFor(form)).toEqual([
      "active_users",
      "new_users_per_minute",
      "session_minutes",
      "ends_at",
      "deal_price",
      "starts_at",
      "per_user_limit",
    ]);
    expect(drawnFields(form).deal_price).toBe("999.00");

    const same = await consolePost(`/deals-console/${id}/adjust`, drawnFields(form), s.manager.headers);
    expect(same.headers.get("location")).toBe(`/deals-console/${id}?done=unchanged`);
    const res = await consolePost(`/deals-console/${id}/adjust`, { ...drawnFields(form), deal_price: "899" }, s.manager.headers);
    expect(res.status).toBe(303);
    expect(await findDeal(env.DB, id)).toMatchObject({ dealPrice: 89_900 });
  });

  it("shows the API's refusal beside the field and keeps what was typed", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s, { hold_seconds: 600 });
    const form = adjustForm(await dashboard(s, id)) as string;
    const res = await consolePost(`/deals-console/${id}/adjust`, { ...drawnFields(form), session_minutes: "5" }, s.manager.headers);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("The deal was not changed. Check the field marked below.");
    const again = adjustForm(page) as string;
    expect(again).toMatch(/name="session_minutes" type="number" value="5"[^>]*aria-invalid="true"/);
    expect(again).toMatch(/class="field-error" id="session_minutes-err">Must be at least 10 minutes/);
    expect((await findDeal(env.DB, id))?.sessionMinutes).toBe(10);
  });

  it("is not drawn for an ended deal", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    expect((await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    expect(adjustForm(await dashboard(s, id))).toBeNull();
  });
});
