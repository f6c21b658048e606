import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { istDate } from "../../workers/delivery/estimate";
import { createTestUser } from "../helpers/accounts";
import { resetCourierCalendarEachTest } from "../helpers/courier-calendar";
import { browserSession, postForm } from "../helpers/forms";
import { api, ORIGIN, readerText } from "../helpers/http";

const PAGE = "/ops/holidays";

/** One row of the page's table for `date`, so an assertion reads that row alone. */
function row(page: string, date: string): string {
  const start = page.indexOf(`data-holiday="${date}"`);
  return start < 0 ? "" : page.slice(start, page.indexOf("</tr>", start));
}

const holidayNamed = (date: string) =>
  env.DB.prepare("SELECT name FROM courier_holidays WHERE date = ?").bind(date).first<{ name: string }>();

resetCourierCalendarEachTest();

describe("the ops courier holidays page", () => {
  it("lists the holidays ahead with Remove buttons, adds one through its form and removes it again", async () => {
    const ops = await createTestUser(["ops"]);
    const { cookie, csrf } = await browserSession(ops);

    expect(await (await api("/ops", { headers: { cookie } })).text()).toContain(`href="${PAGE}"`);
    const page = await (await api(PAGE, { headers: { cookie } })).text();
    const diwali = row(page, "2027-10-29");
    expect(readerText(diwali)).toContain("Fri, 29 Oct 2027 Diwali Carried over");
    expect(diwali).toContain(`action="${PAGE}/2027-10-29/remove"`);
    expect(diwali).toContain('name="_csrf"');
    expect(page).toContain(`<form method="post" action="${PAGE}" class="panel" data-add-holiday="true">`);
    expect(page).toMatch(new RegExp(`<input name="date" type="date" value="" min="${istDate(new Date())}"`));
    expect(readerText(page)).toContain("Republic Day, Independence Day, Gandhi Jayanti close every year");

    const added = await postForm(PAGE, { _csrf: csrf, date: "2028-03-11", name: "Holi" }, cookie);
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`${PAGE}?done=added`);
    expect(await holidayNamed("2028-03-11")).toEqual({ name: "Holi" });
    const after = await (await api(`${PAGE}?done=added`, { headers: { cookie } })).text();
    expect(after).toContain("Holiday added.");
    expect(readerText(row(after, "2028-03-11"))).toContain("Sat, 11 Mar 2028 Holi Test ops");

    const removed = await postForm(`${PAGE}/2028-03-11/remove`, { _csrf: csrf }, cookie);
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe(`${PAGE}?done=removed`);
    expect(await holidayNamed("2028-03-11")).toBeNull();
    const gone = await (await api(`${PAGE}?done=removed`, { headers: { cookie } })).text();
    expect(gone).toContain("Holiday removed.");
    expect(gone).not.toContain('data-holiday="2028-03-11"');
  });

  it("says beside the field what is wrong with a date or name, keeping what was typed and adding nothing", async () => {
    const ops = await createTestUser(["ops"]);
    const { cookie, csrf } = await browserSession(ops);
    const yesterday = istDate(new Date(Date.now() - 24 * 60 * 60 * 1000));

    const past = await postForm(PAGE, { _csrf: csrf, date: yesterday, name: "Bandh" }, cookie);
    expect(past.status).toBe(400);
    const pastPage = await past.text();
    expect(pastPage).toContain(`<span class="field-error" id="date-err">Must be today (${istDate(new Date())}) or later</span>`);
    expect(pastPage).toContain('value="Bandh"');

    const blank = await postForm(PAGE, { _csrf: csrf, date: "2028-03-11", name: " " }, cookie);
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('<span class="field-error" id="name-err">Say what the holiday is</span>');

    const twice = await postForm(PAGE, { _csrf: csrf, date: "2027-10-29", name: "Deepavali" }, cookie);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("2027-10-29 is already a courier holiday: Diwali.");

    // Without the CSRF token a forged form changes nothing either.
    expect((await postForm(PAGE, { date: "2028-03-11", name: "Forged" }, cookie)).status).toBe(403);
    expect((await postForm(`${PAGE}/2027-10-29/remove`, {}, cookie)).status).toBe(403);
    expect(await holidayNamed(yesterday)).toBeNull();
    expect(await holidayNamed("2028-03-11")).toBeNull();
    expect(await holidayNamed("2027-10-29")).toEqual({ name: "Diwali" });
  });

  it("keeps shoppers out and sends guests to sign in", async () => {
    const shopper = await createTestUser();
    const { cookie, csrf } = await browserSession(shopper);
    expect((await api(PAGE, { headers: { cookie } })).status).toBe(403);
    expect((await postForm(PAGE, { _csrf: csrf, date: "2028-03-11", name: "Holi" }, cookie)).status).toBe(403);
    expect((await postForm(`${PAGE}/2027-10-29/remove`, { _csrf: csrf }, cookie)).status).toBe(403);
    const guest = await exports.default.fetch(new Request(`${ORIGIN}${PAGE}`, { redirect: "manual" }));
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/signin?next=%2Fops%2Fholidays");
    // A form sent from a page left open after the session ended: sign in, told nothing was done.
    const stale = await postForm(PAGE, { date: "2028-03-11", name: "Holi" }, "");
    expect(stale.status).toBe(303);
    expect(stale.headers.get("location")).toBe("/signin?why=form&next=%2Fops%2Fholidays");
    expect(readerText(await (await api(stale.headers.get("location")!)).text())).toContain(
      "You were signed out, so what you just sent was not saved or done. Sign in, then do it again.",
    );
    expect(await holidayNamed("2028-03-11")).toBeNull();
    expect(await holidayNamed("2027-10-29")).toEqual({ name: "Diwali" });
  });
});
