/**
 * Demo orders for a local storefront, placed through the public API exactly as a shopper places
 * them (cart, checkout with a delivery address, the sandbox provider's hosted payment page, the
 * checkout saga confirming) and moved along by ops as the ops console moves them, so every ledger
 * (inventory journal, payments, transitions, outbox) holds them as it holds any real order.
 * Made only while the shopper has no orders, so a restarted `npm run dev` adds none.
 */
import { DEMO_PASSWORD } from "./catalog/demo-accounts.mjs";
import { DEMO_SELLER_ID } from "./catalog/generate.mjs";
import { call, signIn } from "./lib/storefront-api.mjs";

const SHOPPER = "shopper@demo.test";
const OPS = "ops@demo.test";

const HOME = {
  name: "Ananya Iyer",
  line1: "Flat 304, Lotus Residency, 14th Cross",
  line2: "Indiranagar 2nd Stage",
  city: "Bengaluru",
  state: "Karnataka",
  pincode: "560038",
  phone: "9845012345",
};
const PARENTS = {
  name: "Ramesh Iyer",
  line1: "B-12, Shanti Kunj Society, Law College Road",
  line2: "Erandwane",
  city: "Pune",
  state: "Maharashtra",
  pincode: "411004",
  phone: "9822034567",
};

/** What the sandbox's hosted page is sent for each method, as a shopper fills it in. */
const PAYMENT_FIELDS = {
  upi: { vpa: "ananya@okaxis" },
  card: { card_number: "4111111111111111" },
  netbanking: { bank: "HDFC Bank" },
};

/**
 * The orders, oldest first, and how far ops takes each: one delivered that the shopper then asks to
 * return (a garment that does not fit, so ops' Return requested tab has one to accept or decline),
 * one delivered (its shopper may review it as a verified buyer, and rates the demo seller of one of
 * its lines), one shipped and paid in cash at the
 * door, one packed, and two confirmed for ops to pack. Shipping issues each seller's tax invoice, so
 * the first three have theirs, and ops give each its courier and tracking number as they ship it. The demo seller's listings are in two, so its console has orders to
 * show. The departments stay clear of the ones the demo deals are made in (electronics).
 */
const DEMO_ORDER_PLAN = [
  {
    slot: "returned",
    to: "delivered",
    method: "upi",
    address: HOME,
    lines: [{ department: "clothing", qty: 1 }],
    // Worded for any garment the line may turn out to be (a shirt, jeans, a saree blouse).
    returnRequest: { reason: "size_fit", note: "It runs small; a size up would fit." },
    shipment: { carrier: "delhivery", tracking_number: "1490812345678" },
  },
  {
    slot: "delivered",
    to: "delivered",
    method: "upi",
    address: HOME,
    lines: [
      { seller: DEMO_SELLER_ID, qty: 1 },
      { department: "home-kitchen", qty: 1 },
    ],
    shipment: { carrier: "bluedart", tracking_number: "75312468090" },
    // So the demo seller's Ratings tab has a buyer's rating to show.
    sellerRating: { seller: DEMO_SELLER_ID, rating: 5, comment: "Well packed, and it came a day early." },
  },
  {
    slot: "shipped",
    to: "shipped",
    method: "cod",
    address: HOME,
    lines: [{ department: "fashion", qty: 1 }],
    shipment: { carrier: "ekart", tracking_number: "FMPP0419827356" },
    // So the ops console's help queue has a shopper waiting for an answer.
    help: { topic: "where_is_my_order", message: "The tracking has not moved for two days. Is my parcel still on its way?" },
  },
  { slot: "packed", to: "packed", method: "netbanking", address: PARENTS, lines: [{ department: "sports-toys", qty: 1 }] },
  { slot: "confirmed-seller", to: "confirmed", method: "card", address: HOME, lines: [{ seller: DEMO_SELLER_ID, qty: 1 }] },
  {
    slot: "confirmed",
    to: "confirmed",
    method: "upi",
    address: HOME,
    lines: [
      { department: "grocery", qty: 2 },
      { department: "office-books", qty: 1 },
    ],
  },
];

/** Where lines with no department of their own are looked for. */
const DEPARTMENTS = ["home-kitchen", "fashion", "sports-toys", "office-books", "grocery", "appliances"];
/** The ops steps from confirmed, in order. */
const OPS_STEPS = ["packed", "shipped", "delivered"];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Finds an in-stock offer for each line of the plan: the buy box of a well-rated product of the
 * line's department, or the given seller's offer. Never a product with a deal, live or upcoming,
 * never the same product twice, and a category already bought from only when no other will do,
 * so the orders look like a person's (not two colours of one lamp).
 */
async function pickLines(base, plan) {
  const deals = await call(base, "/api/deals");
  const onDeal = new Set((deals.body?.items ?? []).map((d) => d.listing_id));
  const products = new Map();
  const usedProducts = new Set();
  const usedCategories = new Set();
  const product = async (id) => {
    if (!products.has(id)) {
      const res = await call(base, `/api/products/${encodeURIComponent(id)}`);
      products.set(id, res.status === 200 ? res.body : null);
    }
    return products.get(id);
  };
  const offerFor = async (id, spec, newCategory) => {
    const p = await product(id);
    if (!p || p.deal || usedProducts.has(id) || (newCategory && usedCategories.has(p.category.id))) return null;
    const offer = spec.seller ? p.offers.find((o) => o.seller.id === spec.seller) : p.buy_box;
    if (offer?.availability !== "in_stock" || onDeal.has(offer.listing_id)) return null;
    return {
      productId: id,
      categoryId: p.category.id,
      title: p.title,
      listingId: offer.listing_id,
      sellerId: offer.seller.id,
      qty: spec.qty,
    };
  };
  const pick = async (spec) => {
    for (const newCategory of [true, false]) {
      for (const department of spec.department ? [spec.department] : DEPARTMENTS) {
        const page = await call(base, `/api/products?category=${department}&in_stock=true&sort=rating&limit=30`);
        for (const item of page.status === 200 ? page.body.items : []) {
          const line = await offerFor(item.id, spec, newCategory);
          if (line) {
            usedProducts.add(line.productId);
            usedCategories.add(line.categoryId);
            return line;
          }
        }
      }
    }
    throw new Error(`no in-stock product for a demo order line ${JSON.stringify(spec)}`);
  };
  const orders = [];
  for (const order of plan) {
    const lines = [];
    for (const spec of order.lines) lines.push(await pick(spec));
    orders.push({ ...order, lines });
  }
  return orders;
}

/** Leaves exactly `lines` in the shopper's cart, as a shopper emptying it and adding them would. */
async function fillCart(base, token, lines) {
  const cart = await call(base, "/api/cart", { token });
  const wanted = new Set(lines.map((l) => l.listingId));
  for (const item of cart.body.items) {
    if (!wanted.has(item.listing_id)) await call(base, `/api/cart/items/${item.listing_id}`, { method: "DELETE", token });
  }
  for (const line of lines) {
    const put = await call(base, `/api/cart/items/${line.listingId}`, { method: "PUT", token, body: { qty: line.qty } });
    if (put.status !== 200) throw new Error(`adding ${line.listingId} to the cart answered ${put.status}: ${put.body?.detail ?? ""}`);
  }
}

/**
 * POST /api/checkout under a key derived from the order's place in the plan and its lines, so a
 * retry (here, or a run started again before the first one's order shows) replays the first
 * answer instead of placing the order twice.
 */
async function checkout(base, token, order) {
  const key = `demo-order-${order.slot}-${order.lines.map((l) => `${l.listingId}x${l.qty}`).join("-")}`;
  const body = { address: order.address, payment_method: order.method };
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await call(base, "/api/checkout", { method: "POST", token, headers: { "idempotency-key": key }, body });
    } catch (err) {
      if (attempt >= 5) throw err;
      await sleep(1000 * attempt);
      continue;
    }
    if (res.status === 201) return res.body;
    const retryable = res.status === 503 || (res.status === 409 && res.body?.type === "/problems/idempotency-in-flight");
    if (!retryable || attempt >= 5)
      throw new Error(`checkout of the "${order.slot}" demo order answered ${res.status}: ${res.body?.detail ?? ""}`);
    await sleep(1000 * attempt);
  }
}

/** Approves the payment on the sandbox provider's hosted page, as the shopper would. */
async function pay(base, token, placed, method) {
  if (!placed.payment.redirect_url) return; // Cash on delivery: nothing to approve now.
  const page = new URL(placed.payment.redirect_url);
  const res = await fetch(new URL(page.pathname + page.search, base), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ decision: "pay", ...PAYMENT_FIELDS[method] }),
    redirect: "manual",
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`the sandbox payment page answered ${res.status} for order ${placed.order_id}`);
}

/** Polls the order until the checkout saga has confirmed it; gives up after `timeoutMs`. */
async function waitForConfirmed(base, token, orderId, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let status = "unknown";
  while (Date.now() < deadline) {
    const res = await call(base, `/api/orders/${orderId}`, { token });
    if (res.status === 200) status = res.body.status;
    if (status === "confirmed") return;
    if (status !== "created" && status !== "payment_authorized" && status !== "unknown")
      throw new Error(`demo order ${orderId} went to ${status} instead of confirmed`);
    await sleep(250);
  }
  throw new Error(
    `demo order ${orderId} was not confirmed within ${Math.round(timeoutMs / 1000)} s (it is ${status}): is the checkout workflow running?`,
  );
}

/** Rates a seller of the delivered order as its shopper does; rating again only replaces the rating. */
async function rateSeller(base, token, orderId, { seller, rating, comment }) {
  const res = await call(base, `/api/orders/${orderId}/seller-feedback/${seller}`, { method: "PUT", token, body: { rating, comment } });
  if (res.status !== 200) throw new Error(`rating the seller of demo order ${orderId} answered ${res.status}: ${res.body?.detail ?? ""}`);
}

/** Asks to return the delivered order as its shopper does; a return already asked for is left as it is. */
async function askReturn(base, token, orderId, request) {
  const res = await call(base, `/api/orders/${orderId}/return`, { method: "POST", token, body: request });
  if (res.status === 200) return;
  const now = await call(base, `/api/orders/${orderId}`, { token });
  if (res.status === 409 && now.body?.status === "return_requested") return;
  throw new Error(`asking to return demo order ${orderId} answered ${res.status}: ${res.body?.detail ?? ""}`);
}

/** The shopper asks ops for help with the order, as its page's help form does; asking again is the same request. */
async function askHelp(base, token, orderId, request) {
  const res = await call(base, `/api/orders/${orderId}/help`, { method: "POST", token, body: request });
  if (res.status === 201 || res.status === 200) return;
  throw new Error(`asking for help with demo order ${orderId} answered ${res.status}: ${res.body?.detail ?? ""}`);
}

/** The order's tax invoices as its shopper reads them: number and seller of each (none before it ships). */
async function invoicesOf(base, token, orderId) {
  const res = await call(base, `/api/orders/${orderId}/invoices`, { token });
  if (res.status !== 200) throw new Error(`GET /api/orders/${orderId}/invoices answered ${res.status}`);
  return res.body.items.map((i) => ({ id: i.id, number: i.number, seller: i.seller.name }));
}

/**
 * Moves the order from confirmed to `to` one ops step at a time, shipping it with `shipment` (its
 * courier and tracking number) when given; a step already taken is skipped.
 */
async function moveAlong(base, token, orderId, to, shipment) {
  for (const step of OPS_STEPS.slice(0, OPS_STEPS.indexOf(to) + 1)) {
    const body = step === "shipped" && shipment ? { to: step, shipment } : { to: step };
    const res = await call(base, `/api/admin/orders/${orderId}/transitions`, { method: "POST", token, body });
    if (res.status === 200) continue;
    const now = await call(base, `/api/admin/orders/${orderId}`, { token });
    if (res.status === 409 && OPS_STEPS.indexOf(now.body?.status) >= OPS_STEPS.indexOf(step)) continue;
    throw new Error(`moving demo order ${orderId} to ${step} answered ${res.status}: ${res.body?.detail ?? ""}`);
  }
}

/**
 * Places the demo orders on the storefront at `base` unless the shopper has an order already;
 * returns the orders made, oldest first (empty when none was). `shopper` and `ops` name the
 * accounts (the demo ones by default); `sagaTimeoutMs` bounds the wait for each order's checkout
 * saga to confirm it.
 */
export async function ensureDemoOrders(
  base,
  {
    shopper = { email: SHOPPER, password: DEMO_PASSWORD },
    ops = { email: OPS, password: DEMO_PASSWORD },
    sagaTimeoutMs = 60_000,
    log = () => {},
  } = {},
) {
  const token = await signIn(base, shopper.email, shopper.password);
  const mine = await call(base, "/api/orders?limit=1", { token });
  if (mine.status !== 200) throw new Error(`GET /api/orders answered ${mine.status}`);
  if (mine.body.items.length > 0) return [];

  const plan = await pickLines(base, DEMO_ORDER_PLAN);
  // What the shopper had in the cart goes back in once the demo orders are placed.
  const before = (await call(base, "/api/cart", { token })).body.items;
  const placed = [];
  try {
    for (const order of plan) {
      await fillCart(base, token, order.lines);
      const result = await checkout(base, token, order);
      await pay(base, token, result, order.method);
      await waitForConfirmed(base, token, result.order_id, sagaTimeoutMs);
      log(`demo order ${result.order_id} (${order.slot}) confirmed`);
      placed.push({ order, result });
    }
  } finally {
    await fillCart(
      base,
      token,
      before.map((i) => ({ listingId: i.listing_id, qty: i.qty })),
    ).catch((err) => log(`the shopper's cart was not put back: ${err.message}`));
  }

  const opsToken = await signIn(base, ops.email, ops.password);
  const made = [];
  for (const { order, result } of placed) {
    const shipment = order.shipment && parcelOf(order.shipment, result.order_id);
    await moveAlong(base, opsToken, result.order_id, order.to, shipment);
    if (order.returnRequest) await askReturn(base, token, result.order_id, order.returnRequest);
    if (order.sellerRating) await rateSeller(base, token, result.order_id, order.sellerRating);
    if (order.help) await askHelp(base, token, result.order_id, order.help);
    made.push({
      id: result.order_id,
      status: order.returnRequest ? "return_requested" : order.to,
      payment_method: order.method,
      total: result.total,
      items: order.lines.map((l) => ({
        listing_id: l.listingId,
        product_id: l.productId,
        title: l.title,
        qty: l.qty,
        seller_id: l.sellerId,
      })),
      ...(order.returnRequest ? { return_request: order.returnRequest } : {}),
      ...(order.help ? { help_request: order.help } : {}),
      ...(shipment ? { shipment } : {}),
      ...(order.sellerRating ? { seller_rating: { seller_id: order.sellerRating.seller, rating: order.sellerRating.rating } } : {}),
      invoices: await invoicesOf(base, token, result.order_id),
    });
  }
  return made;
}

/**
 * The plan's shipment with a number of the order's own: one courier AWB is one order's parcel, so
 * demo orders placed for another shopper (a test's) cannot reuse the first shopper's. The digits
 * come from the order id, in the courier's format as the plan writes it.
 */
function parcelOf(shipment, orderId) {
  let h = 2166136261;
  for (const ch of orderId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let i = 0;
  const tracking_number = shipment.tracking_number.replace(/\d/g, () => {
    h = Math.imul(h ^ i++, 16777619) >>> 0;
    return String(h % 10);
  });
  return { ...shipment, tracking_number };
}

const PAID = { upi: "UPI", card: "card", netbanking: "net banking", cod: "cash on delivery" };
const RETURN_REASONS = { size_fit: "size or fit not right" };

/** One line per demo order for the console, at the storefront `base`: where to see it, how far it got, what it holds. */
export function demoOrderSummary(base, made) {
  return made.map((o) => {
    const status = o.return_request
      ? `delivered, return requested (${RETURN_REASONS[o.return_request.reason] ?? o.return_request.reason})`
      : o.status;
    const items = o.items.map((i) => `${i.qty} × ${i.title}`).join(", ");
    // A count, not numbers: each seller's series starts at 000001, so numbers alone would look repeated.
    const n = o.invoices.length;
    const invoices = n === 0 ? "" : `; ${n === 1 ? "a tax invoice" : `${n} tax invoices`} on its page`;
    const help = o.help_request ? `; its shopper asked for help (${base}/ops/help)` : "";
    return `${base}/orders/${o.id}  ${status}, ${PAID[o.payment_method]}: ${items}${invoices}${help}`;
  });
}
