/**
 * Demo questions for a local storefront: the demo shopper asks about three products the demo seller
 * offers, through the public API as the product's Ask page does, and the demo seller answers the
 * first as its Questions tab does. So the seller's Questions tab has questions waiting (and its
 * count), its Updates page the messages that told it, and the first product's page an answered
 * question. A product the shopper already asked about is skipped, so a restart adds none.
 */
import { DEMO_PASSWORD } from "./catalog/demo-accounts.mjs";
import { call, signIn } from "./lib/storefront-api.mjs";

const SHOPPER = "shopper@demo.test";
const SELLER = "seller@demo.test";

/**
 * The questions, about products the seed gives the demo seller (every seventh): a Google Pixel 7,
 * a MacBook Pro 14 and a Bosch dishwasher. The first one's `answer` is the seller's.
 */
export const DEMO_QUESTIONS = [
  {
    product_id: "prd_0000042",
    text: "Is a charger included in the box, and can it take two SIMs, a physical one and an eSIM?",
    answer: "The box has a USB-C to USB-C cable but no charger. It takes one nano SIM and one eSIM, so you can use two numbers at once.",
  },
  {
    product_id: "prd_0000056",
    text: "Can the memory be upgraded later, and which power adapter comes in the box?",
  },
  {
    product_id: "prd_0000028",
    text: "Is installation included in the price, and does the technician bring the inlet hose?",
  },
];

/**
 * Asks the demo questions on the storefront at `base` as `shopper` and has `seller` answer those
 * with an answer. Answers what it asked (product_id, question id, answered), empty when the
 * shopper had asked about each product already.
 */
export async function ensureDemoQuestions(
  base,
  {
    questions = DEMO_QUESTIONS,
    shopper = { email: SHOPPER, password: DEMO_PASSWORD },
    seller = { email: SELLER, password: DEMO_PASSWORD },
    log = () => {},
  } = {},
) {
  const shopperToken = await signIn(base, shopper.email, shopper.password);
  let sellerToken = null;
  const made = [];
  for (const q of questions) {
    const path = `/api/products/${encodeURIComponent(q.product_id)}/questions`;
    const mine = await call(base, `${path}/mine`, { token: shopperToken });
    if (mine.status !== 200) {
      log(`reading the questions about ${q.product_id} answered ${mine.status}`);
      continue;
    }
    if (mine.body.items.length > 0) continue;
    const asked = await call(base, path, { method: "POST", token: shopperToken, body: { text: q.text } });
    if (asked.status !== 201) {
      log(`asking about ${q.product_id} answered ${asked.status}: ${asked.body?.detail ?? ""}`);
      continue;
    }
    let answered = false;
    if (q.answer) {
      sellerToken ??= await signIn(base, seller.email, seller.password);
      const res = await call(base, `/api/seller/questions/${encodeURIComponent(asked.body.id)}/answer`, {
        method: "PUT",
        token: sellerToken,
        body: { text: q.answer },
      });
      answered = res.status === 200;
      if (!answered) log(`answering ${asked.body.id} answered ${res.status}: ${res.body?.detail ?? ""}`);
    }
    made.push({ product_id: q.product_id, id: asked.body.id, answered });
  }
  return made;
}
