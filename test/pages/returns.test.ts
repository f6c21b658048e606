import "../../public/static/order-poll.js";
import { afterEach, describe, expect, it } from "vitest";
import { SHOPPER_STEP_WORDS } from "../../workers/pages/format";
import { createTestUser } from "../helpers/accounts";
import { browserSession, consolePost, drawnForm, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { money } from "../../workers/pages/format";
import { askReturn, askedBack, daysAgo, deliveredPaidOrder, linesOf, orderTrail, seedDelivered } from "../orders/returns-seed";
import { closeBrowser, el, runScript } from "./script-dom";

afterEach(() => closeBrowser());

async function page(path: string, headers: Record<string, string>): Promise<string> {
  const res = await api(path, { headers });
  expect(res.status).toBe(200);
  return res.text();
}

const returnAction = (orderId: string) => `action="/orders/${orderId}/return"`;

/** Whether the page's box named `name` is ticked as drawn. */
function ticked(html: string, name: string): boolean {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`no box ${name}`);
  return / checked/.test(tag);
}

describe("returns on the shopper's order page", () => {
  it("offers the Return form on a delivered order within its window, and after it says what happens next", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(2), [["fashion", "Cotton Kurta"]]);
    // The page as a signed-in browser sees it, and its form posted the way one without scripts posts it, CSRF token and all.
    const session = await browserSession(user);
    const before = await page(`/orders/${orderId}`, { cookie: session.cookie });
    expect(before).toContain(returnAction(orderId));
    expect(text(before)).toMatch(/Returnable until \d{1,2} \w{3}\./);
    // That one return is all an order gets is said before it is asked, not found out after.
    expect(text(before)).toContain("An order is returned once: choose everything you want to send back now.");
    const form = drawnForm(before, returnAction(orderId));
    expect(form.fields._csrf).toBe(session.csrf);
    const res = await postForm(form.action, { ...form.fields, reason: "size_fit", note: "Too tight at the shoulders" }, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orders/${orderId}`);

    const after = text(await page(`/orders/${orderId}`, user.headers));
    expect(after).toContain("Status: Return requested");
    expect(after).toContain("Return requested (Size or fit not right): “Too tight at the shoulders”");
    expect(after).toContain("What happens next");
    const list = await page("/orders", user.headers);
    const row = /<li class="order-row" data-order-id="[^"]+">[\s\S]*?<\/li>/.exec(list)?.[0] ?? "";
    expect(text(row)).toContain("Return requested");
    // What the shopper had in hand can still be reviewed once a return is asked for.
    expect(row).toContain(`href="/orders/${orderId}#review-items" data-write-review`);
    expect(await page(`/orders/${orderId}`, user.headers)).toMatch(/href="\/products\/[^"]+\/review" data-write-review/);
  });

  it("lets the shopper tick the lines and units going back, and names the lines that can't go back and why", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(2), [
      ["fashion", "Cotton Kurta", 3],
      ["electronics", "Earbuds"],
      ["grocery", "Basmati Rice 5 kg"],
    ]);
    const lines = await linesOf(orderId);
    const kurta = lines["Cotton Kurta"]!;
    const session = await browserSession(user);
    const before = await page(`/orders/${orderId}`, { cookie: session.cookie });
    const form = drawnForm(before, returnAction(orderId));
    // As drawn, every line that can go back is ticked whole; the rice has no box, and says why.
    expect(form.fields).toMatchObject({ lines: "chosen", [`line_${kurta}`]: "1", [`qty_${kurta}`]: "3", [`line_${lines.Earbuds}`]: "1" });
    expect(Object.keys(form.fields).filter((k) => k.includes(lines["Basmati Rice 5 kg"]!))).toEqual([]);
    expect(text(before)).toContain("Basmati Rice 5 kg: Groceries can't be returned");
    expect(before).toContain(`<option value="2">2 of 3</option>`);

    // Nothing ticked is refused, not read as "everything".
    const trail = await orderTrail(orderId);
    const { [`line_${kurta}`]: _k, [`line_${lines.Earbuds}`]: _e, ...unticked } = form.fields;
    const none = await postForm(form.action, { ...unticked, reason: "size_fit" }, session.cookie);
    expect(none.status).toBe(400);
    expect(text(await none.text())).toContain("Tick at least one item to send back, with how many of it.");
    expect(await orderTrail(orderId)).toEqual(trail);

    // Two of the three kurtas, and not the earbuds.
    const { [`line_${lines.Earbuds}`]: _earbuds, ...kurtaOnly } = form.fields;
    const res = await postForm(form.action, { ...kurtaOnly, [`qty_${kurta}`]: "2", reason: "size_fit" }, session.cookie);
    expect(res.status).toBe(303);
    expect(await askedBack(orderId)).toMatchObject({
      [kurta]: { qty: 3, return_qty: 2, asked: true },
      [lines.Earbuds!]: { return_qty: null, asked: false },
    });
    const after = text(await page(`/orders/${orderId}`, user.headers));
    expect(after).toContain("Return of 2 of 5 items.");
    // Asked for, not yet sent: nothing has gone back until ops accept it.
    expect(after).toContain("(2 of 3 asked back)");
    expect(after).toContain(`If we accept it, ${money(20_000)} is refunded`);
  });

  it("takes a note that fits its box though the browser posts its line breaks as two characters", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(2), [["fashion", "Cotton Kurta"]]);
    const session = await browserSession(user);
    const form = drawnForm(await page(`/orders/${orderId}`, { cookie: session.cookie }), returnAction(orderId));
    // 60 lines: 479 characters in the box, 538 as posted.
    const note = Array.from({ length: 60 }, (_, i) => `line ${String(i).padStart(2, "0")}`).join("\r\n");
    const res = await postForm(form.action, { ...form.fields, reason: "damaged", note }, session.cookie);
    expect(res.status).toBe(303);
    const order = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as { return_request: { note: string } };
    expect(order.return_request.note).toBe(note.replaceAll("\r\n", "\n"));

    // A note too long even so is said to be, not taken for a missing reason.
    const other = await seedDelivered(user.id, daysAgo(2), [["fashion", "Cotton Kurta"]]);
    const again = drawnForm(await page(`/orders/${other}`, { cookie: session.cookie }), returnAction(other));
    const long = await postForm(again.action, { ...again.fields, reason: "damaged", note: "x".repeat(501) }, session.cookie);
    expect(long.status).toBe(400);
    expect(text(await long.text())).toContain("Keep the note to 500 characters.");
  });

  it("refuses a form post without a reason on the order page, changing nothing", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(2), [["fashion", "Cotton Kurta"]]);
    const session = await browserSession(user);
    const trail = await orderTrail(orderId);
    const res = await postForm(`/orders/${orderId}/return`, { _csrf: session.csrf, reason: "" }, session.cookie);
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain("Choose why you are returning the order.");
    expect(await orderTrail(orderId)).toEqual(trail);
    // Without the CSRF token a cookie-signed post is refused outright.
    const forged = await postForm(`/orders/${orderId}/return`, { reason: "damaged" }, session.cookie);
    expect(forged.status).toBe(403);
    expect(await orderTrail(orderId)).toEqual(trail);
  });

  it("draws a refused form again as the shopper left it: the lines, units, reason and note they chose", async () => {
    const user = await createTestUser();
    const orderId = await seedDelivered(user.id, daysAgo(2), [
      ["fashion", "Cotton Kurta", 3],
      ["electronics", "Earbuds"],
    ]);
    const lines = await linesOf(orderId);
    const kurta = lines["Cotton Kurta"]!;
    const session = await browserSession(user);
    const form = drawnForm(await page(`/orders/${orderId}`, { cookie: session.cookie }), returnAction(orderId));
    const trail = await orderTrail(orderId);

    // Two kurtas, not the earbuds, a note, and no reason: refused.
    const { [`line_${lines.Earbuds}`]: _earbuds, ...kurtaOnly } = form.fields;
    const refused = await postForm(
      form.action,
      { ...kurtaOnly, [`qty_${kurta}`]: "2", reason: "", note: "The <seam> is torn" },
      session.cookie,
    );
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(text(again)).toContain("Choose why you are returning the order.");
    const redrawn = drawnForm(again, returnAction(orderId));
    expect(ticked(again, `line_${kurta}`)).toBe(true);
    expect(redrawn.fields[`qty_${kurta}`]).toBe("2");
    expect(ticked(again, `line_${lines.Earbuds}`)).toBe(false);
    expect(again).toContain("The &lt;seam&gt; is torn</textarea>");
    expect(await orderTrail(orderId)).toEqual(trail);

    // Choosing the reason is all that is left: the return is of the two kurtas, with the note.
    const { [`line_${lines.Earbuds}`]: _unticked, ...asDrawn } = redrawn.fields;
    const res = await postForm(form.action, { ...asDrawn, reason: "damaged", note: "The <seam> is torn" }, session.cookie);
    expect(res.status).toBe(303);
    expect(await askedBack(orderId)).toMatchObject({
      [kurta]: { qty: 3, return_qty: 2, asked: true },
      [lines.Earbuds!]: { return_qty: null, asked: false },
    });

    // A reason kept, nothing ticked: the reason stays chosen.
    const other = await seedDelivered(user.id, daysAgo(2), [["fashion", "Linen Shirt"]]);
    const shirtForm = drawnForm(await page(`/orders/${other}`, { cookie: session.cookie }), returnAction(other));
    const shirt = (await linesOf(other))["Linen Shirt"]!;
    const { [`line_${shirt}`]: _shirt, ...unticked } = shirtForm.fields;
    const none = await postForm(shirtForm.action, { ...unticked, reason: "size_fit" }, session.cookie);
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(ticked(html, `line_${shirt}`)).toBe(false);
    expect(drawnForm(html, returnAction(other)).fields.reason).toBe("size_fit");
  });

  it("offers no Return once the window has closed, or for groceries, and says why", async () => {
    const user = await createTestUser();
    const late = await seedDelivered(user.id, daysAgo(12), [["fashion", "Cotton Kurta"]]);
    const closed = await page(`/orders/${late}`, user.headers);
    expect(closed).not.toContain(returnAction(late));
    expect(text(closed)).toMatch(/This order can no longer be returned \(window closed \d{1,2} \w{3}\)\./);

    const grocery = await seedDelivered(user.id, daysAgo(1), [["grocery", "Basmati Rice 5 kg"]]);
    const never = await page(`/orders/${grocery}`, user.headers);
    expect(never).not.toContain(returnAction(grocery));
    expect(text(never)).toContain("Groceries can't be returned");
  });

  it("shows the shopper why ops declined their return, and no Return form again", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "damaged" })).status).toBe(200);
    const declined = await consolePost(
      `/ops/orders/${orderId}/transitions`,
      { to: "delivered", status: "return_requested", reason: "No damage seen in the photos" },
      ops.headers,
    );
    expect(declined.status).toBe(303);
    const html = await page(`/orders/${orderId}`, user.headers);
    // A decline is final: the window is still open, yet no Return form is offered again.
    expect(html).not.toContain(returnAction(orderId));
    const seen = text(html);
    expect(seen).toContain("Your return was declined: No damage seen in the photos");
    expect(seen).toContain("Return declined");
    expect(seen).toContain("Status: Delivered");
    // Nothing went back: the shopper keeps the order, and ops' page says the ask was declined.
    expect(html).not.toContain("data-return-qty");
    const opsPage = await page(`/ops/orders/${orderId}`, ops.headers);
    expect(opsPage).toMatch(/<td data-return-qty="true">\d+ of \d+ \(declined\)<\/td>/);
  });
});

describe("a requested return on an open order page", () => {
  it("turns into the decline and its reason when ops decline it, without a reload", async () => {
    const status = el("strong", { "data-order-status": "" }, [], "Return requested");
    const timeline = el(
      "ol",
      {
        "data-timeline": "",
        "data-reasons-for": "payment_failed cancelled refunded return_requested",
        "data-step-words": JSON.stringify(SHOPPER_STEP_WORDS),
      },
      [el("li", { "data-status": "delivered" }, [el("strong", {}, [], "Delivered")])],
    );
    // The returns panel as the server draws it while the return waits: the decline is not on the page yet.
    const waiting = el("div", { "data-while-status": "return_requested" });
    const returns = el("section", { "data-returns": "" }, [waiting]);
    const root = el("section", { "data-order-live": "ord_1", "data-status": "return_requested", "data-status-words": "{}" }, [
      status,
      timeline,
      returns,
    ]);
    const order = {
      id: "ord_1",
      status: "delivered",
      return_window: {
        state: "declined",
        until: "2026-12-11T18:29:59.999Z",
        not_returnable: [],
        decline_reason: "No damage seen in the photos",
      },
      timeline: [
        { from: "shipped", to: "delivered", at: "2026-12-01T10:00:00.000Z", reason: "moved to delivered by ops" },
        { from: "delivered", to: "return_requested", at: "2026-12-02T10:00:00.000Z", reason: "Damaged or defective" },
        { from: "return_requested", to: "delivered", at: "2026-12-03T10:00:00.000Z", reason: "No damage seen in the photos" },
      ],
    };
    const browser = await runScript("order-live.js", {
      body: el("body", {}, [root]),
      fetch: () => Promise.resolve(Response.json(order)),
      window: { bazaarOrderPoll: (globalThis as unknown as { bazaarOrderPoll: unknown }).bazaarOrderPoll },
    });
    await browser.fireTimers();
    expect(status.textContent).toBe("Delivered");
    expect(timeline.children.map((li) => li.children[0]?.textContent)).toEqual(["Delivered", "Return requested", "Return declined"]);
    expect(timeline.children.map((li) => li.children[2]?.textContent ?? null)).toEqual([
      null,
      " — Damaged or defective",
      " — No damage seen in the photos",
    ]);
    expect(waiting.hidden).toBe(true);
    const declined = returns.querySelector("[data-return-declined]");
    expect(declined?.textContent).toBe("Your return was declined: No damage seen in the photos");
    expect(declined?.hidden).toBe(false);
    // Later polls find the banner drawn already and draw no second one.
    await browser.fireTimers();
    expect(returns.querySelectorAll("[data-return-declined]")).toHaveLength(1);
  });
});

describe("returns in the ops console", () => {
  it("lists requested returns under their own tab with Accept and Decline, and shows the shopper's reason and note", async () => {
    const { orderId, user, ops } = await deliveredPaidOrder();
    expect((await askReturn(orderId, user, { reason: "wrong_item", note: "Got a blue one, ordered black" })).status).toBe(200);

    const board = await page("/ops?status=return_requested", ops.headers);
    expect(board).toContain('href="/ops?status=return_requested"');
    const row = /<tr data-order-id="([^"]+)">[\s\S]*?<\/tr>/g;
    const mine = [...board.matchAll(row)].find((m) => m[1] === orderId)?.[0] ?? "";
    expect(text(mine)).toContain("Accept and refund");
    expect(text(mine)).toContain("Decline");
    expect(mine).toContain('name="reason"');

    const detail = text(await page(`/ops/orders/${orderId}`, ops.headers));
    expect(detail).toContain("Wrong item delivered");
    expect(detail).toContain("Got a blue one, ordered black");

    // A decline without a reason is refused over the same list, and the order stays where it was.
    const bare = await consolePost(`/ops/orders/${orderId}/transitions`, { to: "delivered", status: "return_requested" }, ops.headers);
    expect(bare.status).toBe(400);
    expect((await orderTrail(orderId))?.status).toBe("return_requested");

    const accepted = await consolePost(`/ops/orders/${orderId}/transitions`, { to: "refunded", status: "return_requested" }, ops.headers);
    expect(accepted.status).toBe(303);
    expect((await orderTrail(orderId))?.status).toBe("refunded");
  });
});
