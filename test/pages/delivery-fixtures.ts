import type { DeliveryAnswer } from "../../workers/delivery/schemas";
import type { FakeElement } from "./script-dom";

/** What the delivery API answers for a Bengaluru PIN code: from Bengaluru, by Thu 3 Dec, cash taken. */
export const DELIVERY_ANSWER: DeliveryAnswer = {
  product_id: "prd_1",
  listing_id: "lst_1",
  pincode: "560001",
  deliverable: true,
  from_city: "Bengaluru",
  min_days: 2,
  max_days: 2,
  dispatch_on: "2026-12-01",
  earliest: "2026-12-03",
  by: "2026-12-03",
  cod_available: true,
};

/** An API answer as the page scripts receive it: JSON, or a problem document from 400 on. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" },
  });

/** Everything an element says, its children's words included. */
export const words = (e: FakeElement | null | undefined): string =>
  e ? [e.textContent, ...e.children.map(words)].join(" ").replace(/\s+/g, " ").trim() : "";
