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
 * The questions, about products the seed gives the demo seller (every seventh): a PlayStation 5,
 * a Canon EOS R50 body and a 75" LG OLED TV. The first one's `answer` is the seller's.
 */
export const DEMO_QUESTIONS = [
  {
    product_id: "prd_0000007",
    text: "Does the Standard edition have the disc drive, and is a DualSense controller included in the box?",
    answer:
      "Yes: the Standard edition plays Ultra HD Blu-ray discs, and one DualSense wireless controller comes in the box with the HDMI and power cables.",
  },
  {
    product_id: "prd_0000014",
    text: "As this is body only, will my Canon EF lenses work with an adapter? Is the battery charger in the box?",
  },
  {
    product_id: "prd_0000035",
    text: "Is wall-mount installation included in the price, and does the technician bring the bracket?",
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
