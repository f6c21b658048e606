import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { ADDRESS } from "../checkout/support";
import { type DealSetup, dealBody, dealSetup } from "../deals/helpers";

const RULE = "An Idempotency-Key is 1 to 255 printable ASCII characters without spaces, e.g. a UUID";

type Problem = { errors?: { path: string; message: string }[] };

/** The message a refusal gives for the Idempotency-Key header, if it names it. */
async function keyRefusal(res: Response): Promise<string | undefined> {
  expect(res.status).toBe(400);
  return ((await res.json()) as Problem).errors?.find((e) => e.path === "idempotency-key")?.message;
}

describe("the Idempotency-Key header", () => {
  it("is one rule, documented alike on every operation that takes it", async () => {
    type Parameter = {
      name: string;
      in: string;
      schema?: { minLength?: number; maxLength?: number; pattern?: string };
      description?: string;
    };
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    const keys = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) =>
        (op.parameters ?? []).filter((p) => p.in === "header" && p.name === "idempotency-key").map((p) => ({ at: `${method} ${path}`, p })),
      ),
    );
    expect(keys.map((k) => k.at)).toEqual(
      expect.arrayContaining([
        "post /api/checkout",
        "post /api/admin/deals",
        "post /api/seller/listings/bulk",
        "put /api/seller/listings/{id}/stock",
      ]),
    );
    for (const { at, p } of keys) {
      expect(p.schema, at).toMatchObject({ minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" });
      expect(p.description, at).toContain(`${RULE}.`);
    }
  });

  it("refuses a key too short or too long on checkout in the same words as elsewhere", async () => {
    const shopper = await createTestUser();
    const send = (key: string) =>
      api("/api/checkout", {
        method: "POST",
        headers: { ...shopper.headers, "idempotency-key": key },
        body: { address: ADDRESS, payment_method: "upi" },
      });
    expect(await keyRefusal(await send(""))).toBe(RULE);
    expect(await keyRefusal(await send("k".repeat(256)))).toBe(RULE);
  });

  it("refuses a key too short or too long on a deal's creation in the same words, and takes a short one checkout takes", async () => {
    const s: DealSetup = await dealSetup(50);
    const send = (key: string) => api("/api/admin/deals", { body: dealBody(s), headers: { ...s.manager.headers, "idempotency-key": key } });
    expect(await keyRefusal(await send(""))).toBe(RULE);
    expect(await keyRefusal(await send("k".repeat(256)))).toBe(RULE);
    expect((await send(`k${crypto.randomUUID().slice(0, 2)}`)).status).toBe(201);
  });
});
