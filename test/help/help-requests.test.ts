import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { consolePost } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { postWith } from "../helpers/worker-with";
import { seedOrder } from "../orders/seed";

const DAY = 86_400_000;

interface HelpRequest {
  id: string;
  order_id: string;
  topic: string;
  message: string;
  status: string;
  asked_at: string;
  answer: string | null;
  answered_at: string | null;
  additions: Array<{ message: string; added_at: string }>;
}

interface OpsRow extends HelpRequest {
  order_status: string;
  shopper_name: string;
  shopper_email: string;
}

async function shopperWithOrder(status: "shipped" | "delivered" = "shipped", placedDaysAgo = 2) {
  const shopper = await createTestUser([]);
  const orderId = await seedOrder({
    userId: shopper.id,
    status,
    at: new Date(Date.now() - placedDaysAgo * DAY).toISOString(),
    confirmed: true,
    lines: [{ sellerId: newId("sel"), title: "boAt Airdopes 141" }],
  });
  return { shopper, orderId };
}

const ask = (orderId: string, headers: Record<string, string>, body: unknown) =>
  api(`/api/orders/${orderId}/help`, { method: "POST", headers, body });

const addTo = (orderId: string, helpId: string, headers: Record<string, string>, message: string) =>
  api(`/api/orders/${orderId}/help/${helpId}/additions`, { method: "POST", headers, body: { message } });

async function helpRows(orderId: string) {
  return (await env.DB.prepare("SELECT id, status, answer FROM help_requests WHERE order_id = ?").bind(orderId).all()).results;
}

async function opsQueue(headers: Record<string, string>, query = ""): Promise<{ items: OpsRow[]; next_cursor: string | null }> {
  const res = await api(`/api/admin/help${query}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: OpsRow[]; next_cursor: string | null };
}

describe("asking for help with an order", () => {
  it("stores the shopper's question once, and the same words sent again are the same request", async () => {
    const { shopper, orderId } = await shopperWithOrder();
    const body = { topic: "where_is_my_order", message: "  It was due   on Friday and tracking has not moved.  " };
    const first = await ask(orderId, shopper.headers, body);
    expect(first.status).toBe(201);
    expect(first.headers.get("location")).toBe(`/api/orders/${orderId}/help`);
    const asked = (await first.json()) as HelpRequest;
    expect(asked).toMatchObject({
      order_id: orderId,
      topic: "where_is_my_order",
      message: "It was due on Friday and tracking has not moved.",
      status: "open",
      answer: null,
    });
    expect(asked.id).toMatch(/^hlp_/);

    const again = await ask(orderId, shopper.headers, body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as HelpRequest).id).toBe(asked.id);

    // Other words while the first waits are refused, naming the request that waits.
    const other = await ask(orderId, shopper.headers, { topic: "other", message: "Also, can I change the address?" });
    expect(other.status).toBe(409);
    expect(other.headers.get("content-type")).toContain("application/problem+json");
    expect(((await other.json()) as { help_request_id: string }).help_request_id).toBe(asked.id);
    expect(await helpRows(orderId)).toHaveLength(1);

    const mine = await api(`/api/orders/${orderId}/help`, { headers: shopper.headers });
    expect(((await mine.json()) as { items: HelpRequest[] }).items.map((r) => r.id)).toEqual([asked.id]);
  });

  it("refuses a bad question naming the field, and someone else's order as not found, storing nothing", async () => {
    const { shopper, orderId } = await shopperWithOrder();
    const fields = async (body: unknown) => {
      const res = await ask(orderId, shopper.headers, body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    };
    expect(await fields({ topic: "where_is_my_order", message: "   " })).toEqual(["message"]);
    expect(await fields({ topic: "refund_now", message: "Where is my refund for this?" })).toEqual(["topic"]);
    expect(await fields({ topic: "other", message: "x".repeat(1001) })).toEqual(["message"]);
    expect(await fields({ topic: "other", message: "Where is it?", extra: 1 })).toEqual(["extra"]);

    const stranger = await createTestUser([]);
    const res = await ask(orderId, stranger.headers, { topic: "other", message: "Whose order is this?" });
    expect(res.status).toBe(404);
    expect((await api(`/api/orders/${orderId}/help`, { headers: stranger.headers })).status).toBe(404);
    expect((await ask(orderId, {}, { topic: "other", message: "Guest asking" })).status).toBe(401);
    expect(await helpRows(orderId)).toEqual([]);
  });

  it("is deleted with the shopper's account, as it was theirs alone", async () => {
    const { shopper, orderId } = await shopperWithOrder("delivered", 10);
    const asked = await ask(orderId, shopper.headers, { topic: "item_problem", message: "The box was open." });
    expect(asked.status).toBe(201);
    const { id } = (await asked.json()) as HelpRequest;
    expect((await addTo(orderId, id, shopper.headers, "And the charger is missing.")).status).toBe(201);
    const deleted = await postWith(env, "/api/me/delete", { password: "test-password-1", confirm: true }, shopper.headers);
    expect(deleted.status).toBeLessThan(300);
    expect(await helpRows(orderId)).toEqual([]);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM help_additions WHERE request_id = ?").bind(id).first("n")) as number).toBe(0);
  });
});

describe("ops answering", () => {
  it("lists open requests oldest first, answers one once, and tells its shopper", async () => {
    const ops = await createTestUser(["ops"]);
    const waiting = async () =>
      ((await (await api("/api/admin/overview", { headers: ops.headers })).json()) as { orders: { help_waiting: number } }).orders
        .help_waiting;
    const before = await waiting();
    const a = await shopperWithOrder();
    const b = await shopperWithOrder("delivered", 5);
    const first = (await (
      await ask(a.orderId, a.shopper.headers, { topic: "where_is_my_order", message: "Still not here." })
    ).json()) as HelpRequest;
    const second = (await (
      await ask(b.orderId, b.shopper.headers, { topic: "item_problem", message: "The left earbud is silent." })
    ).json()) as HelpRequest;

    // The ops overview counts them, and links to the queue.
    expect(await waiting()).toBe(before + 2);
    const overview = await (await api("/ops/overview", { headers: ops.headers })).text();
    expect(overview).toContain(`<a href="/ops/help"><span data-figure="orders.help_waiting">${before + 2}</span>`);
    const open = await opsQueue(ops.headers);
    const ids = open.items.map((r) => r.id);
    expect(ids.indexOf(first.id)).toBeGreaterThan(-1);
    expect(ids.indexOf(second.id)).toBeGreaterThan(ids.indexOf(first.id));
    expect(open.items.find((r) => r.id === second.id)).toMatchObject({
      order_id: b.orderId,
      order_status: "delivered",
      shopper_email: b.shopper.email,
      message: "The left earbud is silent.",
    });

    const answer = { answer: "The courier was held up by rain at the hub; it reaches you by Monday." };
    const res = await api(`/api/admin/help/${first.id}/answer`, { method: "POST", headers: ops.headers, body: answer });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: first.id, status: "answered", answer: answer.answer });

    // A second click changes nothing and tells no one again.
    const twice = await api(`/api/admin/help/${first.id}/answer`, {
      method: "POST",
      headers: ops.headers,
      body: { answer: "Another answer" },
    });
    expect(twice.status).toBe(409);
    expect(await helpRows(a.orderId)).toEqual([{ id: first.id, status: "answered", answer: answer.answer }]);
    const told = await env.DB.prepare("SELECT channel, kind, body, link, email_state FROM notifications WHERE user_id = ? ORDER BY channel")
      .bind(a.shopper.id)
      .all();
    expect(told.results).toEqual([
      expect.objectContaining({ channel: "email", kind: "help_answered", link: `/orders/${a.orderId}#help`, email_state: "pending" }),
      expect.objectContaining({ channel: "sms", kind: "help_answered", link: `/orders/${a.orderId}#help` }),
    ]);
    expect(told.results[0]?.body).toContain(answer.answer);

    expect(await waiting()).toBe(before + 1);
    expect((await opsQueue(ops.headers)).items.map((r) => r.id)).not.toContain(first.id);
    expect((await opsQueue(ops.headers, "?status=answered")).items.map((r) => r.id)).toContain(first.id);
    // The shopper reads it, and may ask again now.
    const mine = (await (await api(`/api/orders/${a.orderId}/help`, { headers: a.shopper.headers })).json()) as { items: HelpRequest[] };
    expect(mine.items[0]).toMatchObject({ status: "answered", answer: answer.answer });
    expect((await ask(a.orderId, a.shopper.headers, { topic: "other", message: "Thanks, it came." })).status).toBe(201);
  });

  it("pages the queue by cursor, refuses another queue's cursor, a bad answer and a shopper", async () => {
    const ops = await createTestUser(["ops"]);
    for (let i = 0; i < 3; i++) {
      const s = await shopperWithOrder();
      await ask(s.orderId, s.shopper.headers, { topic: "other", message: `Question number ${i}` });
    }
    const whole = (await opsQueue(ops.headers, "?limit=100")).items.map((r) => r.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await opsQueue(ops.headers, `?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...page.items.map((r) => r.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(paged).toEqual(whole);
    const firstPage = await opsQueue(ops.headers, "?limit=1");
    const wrong = await api(`/api/admin/help?status=answered&cursor=${firstPage.next_cursor}`, { headers: ops.headers });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["cursor"]);

    const id = whole[0] as string;
    const bad = await api(`/api/admin/help/${id}/answer`, { method: "POST", headers: ops.headers, body: { answer: " " } });
    expect(bad.status).toBe(400);
    expect(
      (await api(`/api/admin/help/hlp_nosuchrequest/answer`, { method: "POST", headers: ops.headers, body: { answer: "Hello there" } }))
        .status,
    ).toBe(404);
    const shopper = await createTestUser([]);
    expect((await api("/api/admin/help", { headers: shopper.headers })).status).toBe(403);
    expect(
      (await api(`/api/admin/help/${id}/answer`, { method: "POST", headers: shopper.headers, body: { answer: "Hello there" } })).status,
    ).toBe(403);
    expect(await env.DB.prepare("SELECT status FROM help_requests WHERE id = ?").bind(id).first("status")).toBe("open");
  });
});

describe("the pages", () => {
  it("lets a shopper ask on the order page, ops answer in the console, and the shopper read the answer there", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, orderId } = await shopperWithOrder("shipped", 30);
    const page = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    expect(readerText(page)).toContain("Need help with this order?");
    // A late order's form starts on the question its shopper most likely has.
    expect(page).toMatch(/<option value="where_is_my_order" selected="">/);

    const refused = await consolePost(`/orders/${orderId}/help`, { topic: "where_is_my_order", message: "x" }, shopper.headers);
    expect(refused.status).toBe(400);
    expect(readerText(await refused.text())).toContain("Tell us what happened in 5 to 1000 characters.");
    expect(await helpRows(orderId)).toEqual([]);

    const sent = await consolePost(
      `/orders/${orderId}/help`,
      { topic: "where_is_my_order", message: "Where is my parcel?" },
      shopper.headers,
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/orders/${orderId}#help`);
    const waiting = readerText(await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text());
    expect(waiting).toContain("Where is my parcel?");
    expect(waiting).toContain("Waiting for our answer.");
    expect(waiting).not.toContain("Send to our team");

    const queue = await (await api("/ops/help", { headers: ops.headers })).text();
    const [row] = await helpRows(orderId);
    const id = (row as { id: string }).id;
    const at = queue.indexOf(`data-help-request="${id}"`);
    expect(at).toBeGreaterThan(-1);
    expect(readerText(queue.slice(at, queue.indexOf("</article>", at)))).toContain("Where is my parcel?");

    const answered = await consolePost(`/ops/help/${id}/answer`, { answer: "It is with Delhivery and reaches you tomorrow." }, ops.headers);
    expect(answered.status).toBe(303);
    expect(readerText(await (await api(answered.headers.get("location") ?? "", { headers: ops.headers })).text())).toContain(
      "Answer sent.",
    );
    const after = readerText(await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text());
    expect(after).toContain("Our answer");
    expect(after).toContain("It is with Delhivery and reaches you tomorrow.");
    expect(after).toContain("Send to our team");
  });
});

describe("an order's requests on its ops page", () => {
  it("are read by ops for one order, newest first; an unknown order is not found and a shopper is refused", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, orderId } = await shopperWithOrder();
    expect((await ask(orderId, shopper.headers, { topic: "item_problem", message: "The box came open." })).status).toBe(201);
    const res = await api(`/api/admin/orders/${orderId}/help`, { headers: ops.headers });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: HelpRequest[] };
    expect(items.map((r) => [r.topic, r.message, r.status])).toEqual([["item_problem", "The box came open.", "open"]]);

    const unknown = await api("/api/admin/orders/ord_nothing_here/help", { headers: ops.headers });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toContain("ord_nothing_here");
    expect((await api(`/api/admin/orders/${orderId}/help`, { headers: shopper.headers })).status).toBe(403);
  });

  it("shows the shopper's question on the order's ops page, answered there, and the answer back on it", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, orderId } = await shopperWithOrder();
    const quiet = readerText(await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text());
    expect(quiet).not.toContain("Shopper's questions");

    expect((await ask(orderId, shopper.headers, { topic: "payment_or_refund", message: "I was charged twice." })).status).toBe(201);
    const page = await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text();
    const panel = page.slice(page.indexOf("data-order-help"), page.indexOf("</section>", page.indexOf("data-order-help")));
    expect(readerText(panel)).toContain("Shopper's questions");
    expect(readerText(panel)).toContain("I was charged twice.");
    expect(panel).toContain(`<input type="hidden" name="order" value="${orderId}"/>`);
    const [row] = await helpRows(orderId);
    const id = (row as { id: string }).id;

    const refused = await consolePost(`/ops/help/${id}/answer`, { answer: "x", order: orderId }, ops.headers);
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toContain(`data-ops-order="${orderId}"`);
    expect(readerText(again)).toContain("Write the answer in 2 to 2000 characters.");
    expect((await helpRows(orderId))[0]).toMatchObject({ status: "open", answer: null });

    const sent = await consolePost(
      `/ops/help/${id}/answer`,
      { answer: "The second charge is refunded today.", order: orderId },
      ops.headers,
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/ops/orders/${orderId}?done=help_answered#help`);
    const after = readerText(await (await api(`/ops/orders/${orderId}?done=help_answered`, { headers: ops.headers })).text());
    expect(after).toContain("Answer sent.");
    expect(after).toContain("The second charge is refunded today.");
    // Colleagues see who answered, as well as when.
    expect(after).toMatch(/Answered by Test ops \d/);
    const read = (await (await api(`/api/admin/orders/${orderId}/help`, { headers: ops.headers })).json()) as {
      items: Array<{ answered_by_name: string | null }>;
    };
    expect(read.items[0]?.answered_by_name).toBe("Test ops");
    expect(after).not.toContain("Send answer");

    // A second click, from a page drawn before the answer, says so on the order's page.
    const twice = await consolePost(`/ops/help/${id}/answer`, { answer: "Refunded today.", order: orderId }, ops.headers);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain(`data-ops-order="${orderId}"`);
  });
});

describe("ops taking a request to answer", () => {
  const take = (id: string, headers: Record<string, string>, body?: unknown) =>
    api(`/api/admin/help/${id}/take`, { method: "POST", headers, ...(body === undefined ? {} : { body }) });
  const giveBack = (id: string, headers: Record<string, string>) => api(`/api/admin/help/${id}/take`, { method: "DELETE", headers });

  async function openRequest() {
    const { shopper, orderId } = await shopperWithOrder();
    const res = await ask(orderId, shopper.headers, { topic: "where_is_my_order", message: "Still not here." });
    expect(res.status).toBe(201);
    return { orderId, id: ((await res.json()) as HelpRequest).id, shopper };
  }

  it("gives an open request to one colleague at a time, taken over only when asked, given back only by its taker", async () => {
    const [priya, arjun] = [await createTestUser(["ops"]), await createTestUser(["ops"])];
    const { orderId, id } = await openRequest();

    // Two taking at the same moment: exactly one has it, the other is told who.
    const both = await Promise.all([take(id, priya.headers), take(id, arjun.headers, {})]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both[0]?.status === 200 ? priya : arjun;
    const loser = winner === priya ? arjun : priya;
    const refused = (await (both[0]?.status === 409 ? both[0] : both[1])?.json()) as { detail: string; help_request: { taken_by: string } };
    expect(refused.detail).toContain("has taken this request");
    expect(refused.help_request.taken_by).toBe(winner.id);

    // Taking it again keeps when it was taken.
    const first = (await (await api(`/api/admin/orders/${orderId}/help`, { headers: winner.headers })).json()) as {
      items: Array<{ taken_by: string; taken_by_name: string; taken_at: string }>;
    };
    expect(first.items[0]).toMatchObject({ taken_by: winner.id, taken_by_name: "Test ops" });
    const again = await take(id, winner.headers);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { taken_at: string }).taken_at).toBe(first.items[0]?.taken_at);

    expect((await giveBack(id, loser.headers)).status).toBe(409);
    const over = await take(id, loser.headers, { take_over: true });
    expect(over.status).toBe(200);
    expect(((await over.json()) as { taken_by: string }).taken_by).toBe(loser.id);
    const back = await giveBack(id, loser.headers);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ taken_by: null, taken_at: null });
    expect((await giveBack(id, loser.headers)).status).toBe(409);
  });

  it("refuses a bad body, an unknown request, an answered one and a shopper, changing nothing", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, id } = await (async () => {
      const r = await openRequest();
      return { ...r, shopper: await createTestUser([]) };
    })();
    const bad = await take(id, ops.headers, { take_over: "yes" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("take_over");
    expect((await take("hlp_nothing_here", ops.headers)).status).toBe(404);
    expect((await take(id, shopper.headers)).status).toBe(403);
    expect((await env.DB.prepare("SELECT taken_by FROM help_requests WHERE id = ?").bind(id).first("taken_by")) ?? null).toBeNull();

    expect(
      (await api(`/api/admin/help/${id}/answer`, { method: "POST", headers: ops.headers, body: { answer: "On its way." } })).status,
    ).toBe(200);
    const late = await take(id, ops.headers);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toContain("already answered");
  });

  it("tells the shopper when the team took their request up, without naming who", async () => {
    const priya = await createTestUser(["ops"]);
    const { orderId, id, shopper } = await openRequest();
    const shopperSees = async () => {
      const { items } = (await (await api(`/api/orders/${orderId}/help`, { headers: shopper.headers })).json()) as {
        items: Array<HelpRequest & { taken_at: string | null }>;
      };
      const page = readerText(await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text());
      return { request: items[0]!, page };
    };
    const before = await shopperSees();
    expect(before.request.taken_at).toBeNull();
    expect(before.page).toContain("Waiting for our answer. We answer here");

    expect((await take(id, priya.headers)).status).toBe(200);
    const after = await shopperSees();
    expect(after.request.taken_at).not.toBeNull();
    expect(after.request).not.toHaveProperty("taken_by");
    expect(after.page).toMatch(/Our team has been looking into it since .+ IST\. We answer here/);
    expect(after.page).not.toContain("Test ops");

    expect((await giveBack(id, priya.headers)).status).toBe(200);
    expect((await shopperSees()).page).toContain("Waiting for our answer.");
  });

  it("shows in the queue and on the order's page who took a request, with the button to take, take over or give it back", async () => {
    const [priya, arjun] = [await createTestUser(["ops"]), await createTestUser(["ops"])];
    const { orderId, id } = await openRequest();
    const form = (html: string) => {
      const at = html.indexOf(`action="/ops/help/${id}/take"`);
      expect(at).toBeGreaterThan(-1);
      return html.slice(at, html.indexOf("</form>", at));
    };
    expect(readerText(form(await (await api("/ops/help", { headers: priya.headers })).text()))).toContain(
      "No one has taken this yet. Take it",
    );

    const taken = await consolePost(`/ops/help/${id}/take`, { act: "take", order: orderId }, priya.headers);
    expect(taken.status).toBe(303);
    expect(taken.headers.get("location")).toBe(`/ops/orders/${orderId}?done=help_taken#help`);
    const mine = await (await api(`/ops/orders/${orderId}?done=help_taken`, { headers: priya.headers })).text();
    expect(readerText(mine)).toContain("You took the shopper's question");
    expect(readerText(form(mine))).toMatch(/You took this .+\. Give it back/);
    expect(form(mine)).not.toContain("data-confirm");

    const theirsForm = form(await (await api("/ops/help", { headers: arjun.headers })).text());
    expect(readerText(theirsForm)).toMatch(/Test ops took this .+\. Take over from Test ops/);
    // Taking it from a colleague is asked again in the browser before it is sent.
    expect(theirsForm).toContain('data-confirm="Take this over from Test ops? They may be writing its answer now."');
    // Arjun's page was drawn before Priya took it: his plain take is refused, saying who has it.
    const clash = await consolePost(`/ops/help/${id}/take`, { act: "take" }, arjun.headers);
    expect(clash.status).toBe(409);
    expect(readerText(await clash.text())).toContain("Test ops has taken this request");

    const over = await consolePost(`/ops/help/${id}/take`, { act: "take_over" }, arjun.headers);
    expect(over.headers.get("location")).toBe("/ops/help?done=taken");
    const gave = await consolePost(`/ops/help/${id}/take`, { act: "give_back" }, arjun.headers);
    expect(gave.headers.get("location")).toBe("/ops/help?done=given_back");
    expect(readerText(await (await api("/ops/help?done=given_back", { headers: arjun.headers })).text())).toContain(
      "Request given back for anyone to take.",
    );
  });

  it("lists the open requests one has taken, or no one has, and refuses that filter on answered ones", async () => {
    const [priya, arjun] = [await createTestUser(["ops"]), await createTestUser(["ops"])];
    const a = await openRequest();
    const b = await openRequest();
    expect((await take(a.id, priya.headers)).status).toBe(200);
    expect((await take(b.id, arjun.headers)).status).toBe(200);
    const ids = async (headers: Record<string, string>, query: string) => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await opsQueue(headers, `${query}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        all.push(...page.items.map((r) => r.id));
        cursor = page.next_cursor;
      } while (cursor);
      return all;
    };
    const mine = await ids(priya.headers, "?taken=me");
    expect(mine).toContain(a.id);
    expect(mine).not.toContain(b.id);
    const free = await ids(priya.headers, "?taken=no_one");
    expect(free).not.toContain(a.id);
    expect(free).not.toContain(b.id);
    expect((await giveBack(b.id, arjun.headers)).status).toBe(200);
    expect(await ids(priya.headers, "?taken=no_one")).toContain(b.id);
    // A page of one list says where that list goes on, not another: its cursor is refused elsewhere.
    await openRequest();
    const { next_cursor } = await opsQueue(priya.headers, "?taken=no_one&limit=1");
    expect(next_cursor).not.toBeNull();
    expect((await opsQueue(priya.headers, `?taken=no_one&limit=1&cursor=${next_cursor}`)).items).toHaveLength(1);
    for (const other of ["?taken=me&", "?"]) {
      const res = await api(`/api/admin/help${other}cursor=${next_cursor}`, { headers: priya.headers });
      expect(res.status, other).toBe(400);
      expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["cursor"]);
    }

    const refused = await api("/api/admin/help?status=answered&taken=me", { headers: priya.headers });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["taken"]);

    const page = await (await api("/ops/help?taken=me", { headers: priya.headers })).text();
    expect(page).toMatch(/<a href="\/ops\/help\?taken=me" aria-current="page">\s*Taken by me\s*<\/a>/);
    expect(page).toContain(`data-help-request="${a.id}"`);
    expect(page).not.toContain(`data-help-request="${b.id}"`);
    // A move made on the list comes back to it.
    const gave = await consolePost(`/ops/help/${a.id}/take`, { act: "give_back", taken: "me" }, priya.headers);
    expect(gave.headers.get("location")).toBe("/ops/help?taken=me&done=given_back");
  });
});

describe("adding to a request while it waits", () => {
  it("adds the shopper's new words once, up to five, only while open and only to their own request", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, orderId } = await shopperWithOrder();
    const asked = await ask(orderId, shopper.headers, { topic: "where_is_my_order", message: "Still not here." });
    const { id } = (await asked.json()) as HelpRequest;

    const added = await addTo(orderId, id, shopper.headers, "It came, but the box was crushed.");
    expect(added.status).toBe(201);
    expect(added.headers.get("location")).toBe(`/api/orders/${orderId}/help`);
    expect(((await added.json()) as HelpRequest).additions.map((a) => a.message)).toEqual(["It came, but the box was crushed."]);
    // A second tap, or the question's own words, add nothing.
    expect((await addTo(orderId, id, shopper.headers, "it came, but the box was crushed.")).status).toBe(200);
    expect((await addTo(orderId, id, shopper.headers, "Still not here.")).status).toBe(200);

    const stranger = await createTestUser([]);
    expect((await addTo(orderId, id, stranger.headers, "Someone else's words.")).status).toBe(404);
    const bad = await addTo(orderId, id, shopper.headers, "x");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["message"]);

    for (const n of [2, 3, 4, 5]) expect((await addTo(orderId, id, shopper.headers, `Addition number ${n}.`)).status).toBe(201);
    const sixth = await addTo(orderId, id, shopper.headers, "Addition number 6.");
    expect(sixth.status).toBe(409);
    expect(((await sixth.json()) as { detail: string }).detail).toContain("5 times");

    // Ops read every addition, oldest first, with the question.
    const queue = await opsQueue(ops.headers, "?limit=100");
    const row = queue.items.find((r) => r.id === id);
    expect(row?.additions.map((a) => a.message)).toEqual([
      "It came, but the box was crushed.",
      "Addition number 2.",
      "Addition number 3.",
      "Addition number 4.",
      "Addition number 5.",
    ]);

    const { shopper: other, orderId: otherOrder } = await shopperWithOrder();
    const second = (await (await ask(otherOrder, other.headers, { topic: "other", message: "A question." })).json()) as HelpRequest;
    await api(`/api/admin/help/${second.id}/answer`, { method: "POST", headers: ops.headers, body: { answer: "An answer." } });
    const late = await addTo(otherOrder, second.id, other.headers, "One more thing.");
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toContain("answered");
    // The request must be about the order named.
    expect((await addTo(orderId, second.id, other.headers, "Wrong order.")).status).toBe(404);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM help_additions WHERE request_id = ?").bind(second.id).first("n");
    expect(count).toBe(0);
  });

  it("lets the shopper add on the order page, keeps a refused addition's words, and shows it to ops", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, orderId } = await shopperWithOrder();
    const { id } = (await (
      await ask(orderId, shopper.headers, { topic: "item_problem", message: "Wrong colour sent." })
    ).json()) as HelpRequest;
    const page = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    expect(page).toContain(`action="/orders/${orderId}/help/${id}/additions"`);

    const refused = await consolePost(`/orders/${orderId}/help/${id}/additions`, { message: "ok" }, shopper.headers);
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(readerText(again)).toContain("Tell us what happened in 5 to 1000 characters.");
    expect(again).toMatch(/<textarea name="message"[^>]*aria-invalid="true"[^>]*>ok<\/textarea>/);

    // An address edited by hand names no request: said so, not as a missing topic.
    const mangled = await consolePost(`/orders/${orderId}/help/not-a-request/additions`, { message: "Hello there." }, shopper.headers);
    expect(mangled.status).toBe(400);
    expect(readerText(await mangled.text())).toContain("That question was not found on this order");

    const sent = await consolePost(`/orders/${orderId}/help/${id}/additions`, { message: "I ordered blue, got red." }, shopper.headers);
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/orders/${orderId}#help`);
    expect(readerText(await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text())).toMatch(
      /You added .+: I ordered blue, got red\./,
    );
    expect(readerText(await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text())).toMatch(
      /The shopper added .+: I ordered blue, got red\./,
    );
    const queue = readerText(await (await api("/ops/help", { headers: ops.headers })).text());
    expect(queue).toMatch(/The shopper added .+: I ordered blue, got red\./);
  });
});

describe("the longest wait for an answer on the ops overview", () => {
  it("names the order whose request was asked longest ago, linked to its page, until it is answered", async () => {
    const ops = await createTestUser(["ops"]);
    const { shopper, orderId } = await shopperWithOrder("delivered", 40);
    const { id } = (await (await ask(orderId, shopper.headers, { topic: "other", message: "Asked long ago." })).json()) as HelpRequest;
    const since = new Date(Date.now() - 30 * DAY - 2 * 3_600_000).toISOString();
    await env.DB.prepare("UPDATE help_requests SET created_at = ?1 WHERE id = ?2").bind(since, id).run();

    type Wait = { order_id: string; since: string } | null;
    const oldest = async () =>
      ((await (await api("/api/admin/overview", { headers: ops.headers })).json()) as { orders: { oldest_help_request: Wait } }).orders
        .oldest_help_request;
    expect(await oldest()).toEqual({ order_id: orderId, since });
    const page = await (await api("/ops/overview", { headers: ops.headers })).text();
    const cell = page.slice(page.indexOf('data-wait="orders.oldest_help_request"'));
    expect(cell.slice(0, cell.indexOf("</dd>"))).toContain(`href="/ops/orders/${orderId}"`);
    expect(readerText(cell.slice(cell.indexOf(">") + 1, cell.indexOf("</dd>"))).trim()).toMatch(/^30 d 2 h oldest help request/);

    await api(`/api/admin/help/${id}/answer`, { method: "POST", headers: ops.headers, body: { answer: "Answered at last." } });
    expect((await oldest())?.order_id).not.toBe(orderId);
  });
});
