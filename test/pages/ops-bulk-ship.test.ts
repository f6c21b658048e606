import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { orderTrail, packedOrders } from "../orders/returns-seed";

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

async function shipmentOf(orderId: string, user: TestUser) {
  const res = await api(`/api/orders/${orderId}`, { headers: user.headers });
  return ((await res.json()) as { shipment: { carrier_name: string; tracking_number: string; tracking_url: string | null } | null })
    .shipment;
}

/** The packed queue's bulk form as drawn, posted with the ticked orders and a pasted manifest. */
async function shipSelected(cookie: string, ticked: string[], manifest: string): Promise<Response> {
  const form = drawnForm(await page("/ops?status=packed", cookie), 'id="bulk-move"');
  const fields: [string, string][] = [...Object.entries(form.fields), ...ticked.map((id): [string, string] => ["order_ids", id])];
  return postForm(form.action, [...fields, ["manifest", manifest]], cookie);
}

describe("shipping the packed queue with a courier manifest", () => {
  it("ships the ticked orders and the manifest's, each with its courier and AWB, and says how many had a tracking number", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, b, ticked] = await packedOrders(ops, 3);
    const { cookie } = await browserSession(ops);
    const queue = await page("/ops?status=packed", cookie);
    expect(queue).toMatch(/<textarea id="manifest" name="manifest"/);
    expect(text(queue)).toContain("Orders in the manifest are shipped with their AWB whether ticked or not");

    // As a portal exports it: a header, tabs or commas, the courier in its own spelling, the AWB as printed.
    const manifest = [
      "Order ID\tCourier\tAWB",
      `${a!.orderId}\tDELHIVERY\t1234 5678 90123`,
      "",
      `${b!.orderId}, blue dart, 123-4567-8901`,
    ].join("\r\n");
    const res = await shipSelected(cookie, [ticked!.orderId], manifest);
    expect(res.status).toBe(303);
    const after = text(await page(res.headers.get("location")!, cookie));
    expect(after).toContain("3 orders marked shipped, 2 with a tracking number.");

    for (const o of [a!, b!, ticked!]) expect((await orderTrail(o.orderId))?.status).toBe("shipped");
    expect(await shipmentOf(a!.orderId, a!.user)).toMatchObject({
      carrier_name: "Delhivery",
      tracking_number: "1234567890123",
      tracking_url: "https://www.delhivery.com/track/package/1234567890123",
    });
    expect(await shipmentOf(b!.orderId, b!.user)).toMatchObject({ carrier_name: "Blue Dart", tracking_number: "12345678901" });
    expect(await shipmentOf(ticked!.orderId, ticked!.user)).toBeNull();
  });

  it("draws the form again naming each line it cannot read, with the manifest and ticks kept, and ships nothing", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, b] = await packedOrders(ops, 2);
    const { cookie } = await browserSession(ops);
    const before = [await orderTrail(a!.orderId), await orderTrail(b!.orderId)];
    const unknown = "ord_nosuchorder0001";
    const cases: Array<[string, string]> = [
      [
        `${a!.orderId}, Delhivery, 1234567890123\n${b!.orderId}, Gatti Express, 12345678`,
        'Line 2: "Gatti Express" is not a courier on the list',
      ],
      [
        `${a!.orderId}, Delhivery, 1234567890123\n\n${b!.orderId}, Blue Dart, 1234567890`,
        "Line 3: Blue Dart tracking numbers are 11 digits.",
      ],
      [`${unknown}, Delhivery, 1234567890123`, `Line 1: there is no order ${unknown}.`],
      [`${a!.orderId}, other, GATI12345678`, "Line 1: name the other courier after its AWB."],
      // Every line to correct at once: an AWB of the wrong format is named beside an order that does not exist.
      [
        `${a!.orderId}, Blue Dart, 123\n${unknown}, Delhivery, 1234567890123`,
        `Line 1: Blue Dart tracking numbers are 11 digits. Line 2: there is no order ${unknown}.`,
      ],
    ];
    for (const [manifest, said] of cases) {
      const res = await shipSelected(cookie, [a!.orderId], manifest);
      expect(res.status, manifest).toBe(400);
      const html = await res.text();
      expect(text(html), manifest).toContain("Nothing was moved. Check the manifest.");
      // The lines to correct sit with the manifest, which is marked invalid and read out with them after its help.
      const message = /<span class="field-error" id="manifest-err">([^<]*)<\/span>/.exec(html)?.[1] ?? "";
      expect(text(message), manifest).toContain(said);
      expect(html).toMatch(/<textarea id="manifest" name="manifest"[^>]*aria-invalid="true" aria-describedby="manifest-help manifest-err"/);
      expect(html).toMatch(/<details class="manifest" open/);
      expect(html).toContain(`>${manifest.replaceAll('"', "&quot;")}</textarea>`);
      expect(html).toMatch(new RegExp(`<input type="checkbox"[^>]*value="${a!.orderId}"[^>]*checked`));
    }
    expect([await orderTrail(a!.orderId), await orderTrail(b!.orderId)]).toEqual(before);
  });

  it("ships another courier's parcel under the name given after its AWB", async () => {
    const ops = await createTestUser(["ops"]);
    const [a] = await packedOrders(ops, 1);
    const { cookie } = await browserSession(ops);
    const res = await shipSelected(cookie, [], `${a!.orderId}, Other, GATI-1234-5678, Gati`);
    expect(res.status).toBe(303);
    expect(text(await page(res.headers.get("location")!, cookie))).toContain("1 order marked shipped, 1 with a tracking number.");
    expect(await shipmentOf(a!.orderId, a!.user)).toMatchObject({
      carrier_name: "Gati",
      tracking_number: "GATI12345678",
      tracking_url: null,
    });
  });

  it("says why each order it could not ship stayed in the queue, beside what it did", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, b] = await packedOrders(ops, 2);
    const { cookie } = await browserSession(ops);
    const awb = `${Date.now()}`.slice(-11).padStart(13, "7");
    expect((await shipSelected(cookie, [], `${a!.orderId}, Delhivery, ${awb}`)).status).toBe(303);
    // The same waybill again, on another order: that one stays packed and the page says why.
    const res = await shipSelected(cookie, [], `${b!.orderId}, Delhivery, ${awb}`);
    expect(res.status).toBe(200);
    const said = text(await res.text());
    expect(said).toContain(`No orders marked shipped. 1 could not be moved: ${b!.orderId}.`);
    expect(said).toContain(`${b!.orderId} was not moved: Delhivery AWB ${awb} is already the shipment of order ${a!.orderId}`);
    expect((await orderTrail(b!.orderId))?.status).toBe("packed");
  });
});
