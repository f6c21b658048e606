import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ORIGIN } from "../helpers/http";
import { reloadUntil, visitor } from "../helpers/no-script";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { gateFor } from "../../workers/deals/gate-client";
import { readAdmission } from "../../workers/deals/tickets";
import { waitWords } from "../../workers/pages/deal-wait";
import { holdRefusalMessage } from "../../workers/pages/hold-refusal";
import { readConfig } from "../../workers/platform/config";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { HELD_ANSWER_MS } from "../../workers/deals/hold-memo";

describe("waiting room without scripts", () => {
  it("joins by form post, shows the place in line on a self-refreshing page, then lets the shopper into checkout", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 1_500).toISOString() });
    const go = visitor();
    const joined = await go(`/deals/${id}/wait`, { method: "POST", form: {} });
    expect(joined.status).toBe(303);
    const waitUrl = joined.headers.get("location") ?? "";
    expect(waitUrl).toMatch(new RegExp(`^/deals/${id}/wait\\?ticket=`));

    const waiting = await (await go(waitUrl)).text();
    expect(waiting).toContain("You are in line");
    expect(waiting).toContain('<meta http-equiv="refresh" content="5"/>');
    // Before the start nobody has a place yet: the page says they are drawn when the deal opens.
    expect(waiting).toContain("drawn at random when the deal opens");
    expect(waiting).not.toContain("Your place in line");

    const page = await reloadUntil(go, waitUrl, "Continue to checkout");
    const token = /name="admission_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
    // The page does not refresh once it is the shopper's turn: it says until when the turn lasts.
    const claims = await readAdmission(readConfig(env).TICKET_SECRET, token.replaceAll("&amp;", "&"));
    const until = new Date(claims?.exp ?? 0).toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", timeStyle: "short" });
    expect(page).toContain(`Your turn lasts until ${until} IST: continue before then`);
    expect(page).not.toContain('http-equiv="refresh"');
    const admitted = await go(`/deals/${id}/admit`, { method: "POST", form: { admission_token: token.replaceAll("&amp;", "&") } });
    expect(admitted.status).toBe(303);
    expect(admitted.headers.get("location")).toMatch(/^\/checkout\?admission_token=/);
    const cart = await (await go("/cart")).text();
    expect(cart).toContain(setup.fixture.listingId);
  });

  it("offers an admitted shopper another try, not 'sold out', while every unit is held by someone checking out", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { units: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await new Promise((r) => setTimeout(r, 400));
    const go = visitor();
    const waitUrl = (await go(`/deals/${id}/wait`, { method: "POST", form: {} })).headers.get("location") ?? "";
    const page = await reloadUntil(go, waitUrl, "Continue to checkout");
    const token = (/name="admission_token" value="([^"]+)"/.exec(page)?.[1] ?? "").replaceAll("&amp;", "&");
    // Someone admitted earlier holds the only unit while they pay.
    expect((await gateFor(env, id).reserve({ reservationId: "someone", shopperId: "gst_someone", qty: 1 })).ok).toBe(true);
    const refused = await go(`/deals/${id}/admit`, { method: "POST", form: { admission_token: token } });
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).not.toContain("Sold out");
    expect(text).toContain("Units may come back");
    expect(text).toContain("Try again");
    await gateFor(env, id).release("someone", "payment declined");
    // The shopper tries again a moment later: within a second, the gate's answer to the same
    // request is answered from the isolate's memory, so one shopper cannot hammer the gate.
    await new Promise((r) => setTimeout(r, HELD_ANSWER_MS + 100));
    const again = await go(`/deals/${id}/admit`, { method: "POST", form: { admission_token: token } });
    expect(again.status).toBe(303);
  });

  it("tells a shopper whose turn lapsed unused that it ended, and lets them join again", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, {
      starts_at: new Date(Date.now() + 300).toISOString(),
      waiting_room: { active_users: 10, new_users_per_minute: 6000, session_minutes: 1 },
    });
    // A turn of a couple of seconds rather than a minute, so the test can see it end.
    await runInDurableObject(gateFor(env, id), (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE deal SET session_ms = 2000 WHERE id = 1");
    });
    await new Promise((r) => setTimeout(r, 400));
    const go = visitor();
    const waitUrl = (await go(`/deals/${id}/wait`, { method: "POST", form: {} })).headers.get("location") ?? "";
    await reloadUntil(go, waitUrl, "Continue to checkout");
    const page = await reloadUntil(go, waitUrl, "Your turn has ended");
    expect(page).not.toContain("This deal has ended");
    expect(page).toContain(`action="/deals/${id}/wait"`);
    const rejoined = await go(`/deals/${id}/wait`, { method: "POST", form: {} });
    expect(rejoined.status).toBe(303);
    expect(rejoined.headers.get("location")).not.toBe(waitUrl);
  });
});

describe("the deal page's way into the waiting room", () => {
  it("is a plain link to the waiting room's own page, usable when the page's script fails to load", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 600_000).toISOString() });
    const html = await (await exports.default.fetch(new Request(`${ORIGIN}/deals/${id}`))).text();
    const link = /<a [^>]*data-wr-join[^>]*>/.exec(html)?.[0] ?? "";
    expect(link).toContain(`href="/deals/${id}/wait"`);
    expect(link).not.toContain("hidden");
    expect(html).not.toContain("<noscript>");
  });

  it("says how many units there are, the limit, and the clock time it opens and ends in IST", async () => {
    const setup = await dealSetup(20);
    const startsAt = new Date(Date.now() + 600_000);
    const id = await createDealViaApi(setup, { starts_at: startsAt.toISOString(), units: 12, per_user_limit: 3 });
    const html = await (await exports.default.fetch(new Request(`${ORIGIN}/deals/${id}`))).text();
    const terms = /<p class="muted" data-deal-terms="true"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
    const opens = startsAt.toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" });
    expect(terms.replace(/<!-- -->/g, "")).toBe(`12 units at this price. Limit 3 per shopper. Opens ${opens} IST.`);
  });

  it("gives the page's script every refusal in the words the pages without scripts use", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 600_000).toISOString() });
    const html = await (await exports.default.fetch(new Request(`${ORIGIN}/deals/${id}`))).text();
    const attribute = /data-wr-refusals="([^"]*)"/.exec(html)?.[1] ?? "{}";
    const refusals = JSON.parse(attribute.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&"));
    for (const reason of ["per_user_limit", "ended", "sold_out", "expired"])
      expect(refusals[reason], reason).toBe(holdRefusalMessage(reason));
    // The script asks again by itself, so a refusal that passes asks the shopper to wait, not to retry.
    for (const reason of ["paused", "not_live", "all_held"]) expect(refusals[reason], reason).toMatch(/keep this page open/i);
  });
});

describe("refusals in words", () => {
  it("words every reason a hold can be refused for, without the API's codes", () => {
    for (const reason of ["per_user_limit", "paused", "ended", "not_live", "all_held", "sold_out", "expired"]) {
      const sentence = holdRefusalMessage(reason);
      expect(sentence, reason).toMatch(/^[A-Z].*[.!]$/);
      expect(sentence, reason).not.toContain("_");
    }
    expect(holdRefusalMessage("something_new")).toBeNull();
  });

  it("tells an admitted shopper without scripts who already has the deal's limit so, in words", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 300).toISOString() });
    await new Promise((r) => setTimeout(r, 400));
    const go = visitor();
    const waitUrl = (await go(`/deals/${id}/wait`, { method: "POST", form: {} })).headers.get("location") ?? "";
    const page = await reloadUntil(go, waitUrl, "Continue to checkout");
    const token = (/name="admission_token" value="([^"]+)"/.exec(page)?.[1] ?? "").replaceAll("&amp;", "&");
    const shopper = (await readAdmission(readConfig(env).TICKET_SECRET, token))?.shopper ?? "";
    // The shopper already holds the one unit a shopper may have, from an earlier checkout.
    expect((await gateFor(env, id).reserve({ reservationId: "earlier", shopperId: shopper, qty: 1 })).ok).toBe(true);
    const refused = await go(`/deals/${id}/admit`, { method: "POST", form: { admission_token: token } });
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toContain("You already have as many of this deal as one shopper may buy");
    expect(text).not.toContain("per_user_limit");
  });

  it("tells a shopper without scripts whose ticket is not valid to join again, instead of reloading forever", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 600_000).toISOString() });
    const go = visitor();
    const res = await go(`/deals/${id}/wait?ticket=forged.ticket`);
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain("signed out");
    expect(text).not.toContain('http-equiv="refresh"');
    expect(text).toContain(`action="/deals/${id}/wait"`);
  });
});

describe("the estimated wait without scripts", () => {
  it("says a wait of about a minute, or a second, in the singular", () => {
    expect(waitWords(75)).toBe("about 1 minute");
    expect(waitWords(1)).toBe("1 second");
    expect(waitWords(150)).toBe("about 3 minutes");
    expect(waitWords(40)).toBe("40 seconds");
    expect(waitWords(null)).toBe("a little while");
  });
});
