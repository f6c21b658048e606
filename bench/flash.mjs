/**
 * `npm run bench:flash`: one flash deal of 10,000 units and a herd of 100,000 shoppers, in
 * workerd through Miniflare, in three phases. Throughput is quoted at saturation; latency only
 * at a fixed offered load, where it is not the queue in front of a saturated Worker.
 *
 * 1. Pre-queue, saturated. Until the deal opens the herd arrives as fast as the Worker takes it
 *    (joins, and joined shoppers polling their place).
 * 2. Selling, fixed load. From the start until every unit is sold the herd keeps joining and
 *    polling at half the rate it reached in phase 1, paced evenly, while admitted shoppers
 *    reserve at a fixed rate (the issue's 1,000 a second): each reserve slot takes the next
 *    shopper the waiting room has let in and holds a unit through `POST /api/deals/{id}/hold`.
 *    A shopper learns of admission from a poll; slots make that poll for the front of the line,
 *    as the shopper's page would, since the paced herd alone cannot poll that fast. Nine in ten
 *    then pay, which commits the hold on the deal's SkuGate as checkout's commit step does, and
 *    one in ten walks away so the hold expires by alarm and the unit is sold again to an
 *    admitted shopper who was told "sold out" and tries again. The herd's and the reserves'
 *    figures are taken over the sell-through, until the allocation is first all taken.
 * 3. Sold out, saturated. The rest of the herd arrives and hears "sold out", as fast as the
 *    Worker takes it, until everyone has arrived (and for a few seconds at least).
 *
 * The herd line is phases 1 and 3 together, against the hello-world ceilings of the same run;
 * `herd at fixed load` and `reserve (hold)` are phase 2's sell-through. Afterwards the ledger in D1 must show
 * exactly the allocation sold, 0 oversold, and a conserved audit once the gate's journal has
 * arrived through the queue.
 *
 * After the sale, one of the herd's answers (its body and headers) is served as a fixed answer by
 * a hello-world Worker, beside a plain hello-world: the herd's ceiling with what it must send back.
 *
 * Durable Object calls per herd request come from the `x-deal-gate-calls` header (the isolate's
 * running count of SkuGate calls the waiting room made) over every waiting-room answer;
 * `x-deal-state: gate` marks the answers whose deal state the isolate fetched from the SkuGate.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import { HELLO, WARM_UP_SECONDS, measureCeilings, report, saturate, startHelloWorld, startStorefront } from "./lib/index.mjs";
import { cpuWindow } from "./lib/cpu.mjs";
import { coresOver } from "./lib/cpu-lines.mjs";
import { gcWindow } from "./lib/gc-trace.mjs";
import { percentile, serverTimingMs, startAtFixedRate } from "./lib/load.mjs";
import { benchOptions } from "./lib/options.mjs";

benchOptions(`Usage: npm run bench:flash

One flash deal and a herd of shoppers in workerd through Miniflare: pre-queue, selling and sold-out
phases, against a hello-world Worker of the same run. It takes no flags; the environment sets:
  FLASH_UNITS (default 10000), FLASH_SHOPPERS (default 100000), FLASH_PRE_QUEUE_SECONDS (default 15),
  FLASH_RESERVE_RATE (holds offered a second, default 1000), FLASH_MAX_SECONDS (default 600),
  BENCH_INSPECTOR_PORT (open the V8 inspector, for npm run bench:profile -- --attach).`);

// Overridable only for a quick smoke run; the figures to quote come from the defaults.
const UNITS = Number(process.env.FLASH_UNITS ?? 10_000);
const SHOPPERS = Number(process.env.FLASH_SHOPPERS ?? 100_000);
const STOCK = UNITS + 2_000;
const PRE_QUEUE_SECONDS = Number(process.env.FLASH_PRE_QUEUE_SECONDS ?? 15);
const RESERVE_RATE = Number(process.env.FLASH_RESERVE_RATE ?? 1_000);
const SOLD_OUT_SECONDS = 3;
const CAPACITY_UNITS = 40_000;
const CAPACITY_SECONDS = 8;
const HOLD_SECONDS = 10;
const PAY_SHARE = 0.9;
const HERD_CONNECTIONS = 48;
// Reserve slots are offered on a clock, not by a fixed pool of loops, so a slow answer does not
// slow the offered rate; this only bounds how many may be outstanding before slots are dropped.
const MAX_RESERVES_IN_FLIGHT = 128;
// A shopper at the front who is still waiting polls again this much later, not at every slot.
const FRONT_RETRY_MS = 100;
const REFUSED_RETRY_MS = 2_000;
const MAX_RUN_SECONDS = Number(process.env.FLASH_MAX_SECONDS ?? 600);
const SESSION_SECRET = "flash-bench-session-secret-0123456789abcdef";
const TICKET_SECRET = "flash-bench-ticket-secret-0123456789abcdef";

// Shopper states.
const NEW = 0;
const WAITING = 1;
const POLLING = 2; // a reserve slot is asking whether the shopper is in
const ADMITTED = 3;
const DONE = 4; // held, refused or told sold out

const b64url = (buf) => Buffer.from(buf).toString("base64url");
const now = () => new Date().toISOString();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A signed guest cookie, as the front door would have set it on the shopper's first visit. */
function guestCookie(i, who = "shopper") {
  return guestCookieFor(guestId(i, who));
}

function guestId(i, who = "shopper") {
  return `gst_${b64url(createHash("sha256").update(`${who}-${i}`).digest()).slice(0, 16)}`;
}

function guestCookieFor(id) {
  const sig = b64url(createHmac("sha256", SESSION_SECRET).update(`guest:${id}`).digest());
  return `__Host-guest=${id}.${sig}`;
}

/** An admission token as the waiting room signs it, for shoppers the capacity phase admits itself. */
function admissionToken(dealId, shopper) {
  const body = b64url(JSON.stringify({ typ: "wr-admission", deal: dealId, shopper, exp: Date.now() + 3_600_000 }));
  return `${body}.${b64url(createHmac("sha256", TICKET_SECRET).update(body).digest())}`;
}

/**
 * Phase 4: the reserve path's own capacity on one deal, with no herd. A second deal of
 * CAPACITY_UNITS units; shoppers admitted by tokens the bench signs itself hold one unit each,
 * first saturated (reservations a second), then at half that rate (latency without the herd).
 */
async function holdCapacity(base, d1, admin) {
  await d1.batch(stockedListing("cap", "Capacity Phone", CAPACITY_UNITS).map(([sql, ...args]) => d1.prepare(sql).bind(...args)));
  const startsAt = Date.now() + 2_000;
  const dealId = await createDeal(base, admin, {
    listing: "lst_cap",
    units: CAPACITY_UNITS,
    startsAt,
    holdSeconds: 600,
    waitingRoom: { active_users: 100_000, new_users_per_minute: 100_000, session_minutes: 30 },
  });
  await sleep(startsAt - Date.now() + 200);
  let next = 0;
  let gateTimes = [];
  const requests = [
    {
      method: "POST",
      path: `/api/deals/${dealId}/hold`,
      onResponse(_status, _body, _context, headers) {
        const ms = gateMs(headers);
        if (ms !== null) gateTimes.push(ms);
      },
      setupRequest(req) {
        const shopper = guestId(next++, "capacity");
        return {
          ...req,
          headers: { cookie: guestCookieFor(shopper), "content-type": "application/json" },
          body: JSON.stringify({ admission_token: admissionToken(dealId, shopper), qty: 1 }),
        };
      },
    },
  ];
  console.log(`reserve capacity: deal ${dealId} open, holding for ${CAPACITY_SECONDS} s`);
  const sat = saturatedHerd(base, requests);
  await sleep(CAPACITY_SECONDS * 1000);
  const r = await sat.stop();
  const sorted = r.latencies.sort((a, b) => a - b);
  const saturated = {
    rps: Math.round(r.requests / r.seconds),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    requests: r.requests,
    statuses: r.statuses,
    errors: r.errors,
    cpu: r.cpu,
  };
  const rate = Math.max(1, Math.round(saturated.rps / 2));
  const gc = gcWindow();
  gateTimes = [];
  const fixedRun = startAtFixedRate({ url: base, rate, requests });
  await sleep(CAPACITY_SECONDS * 1000);
  const f = await fixedRun.stop();
  gateTimes.sort((a, b) => a - b);
  const gate = { gate_p50: percentile(gateTimes, 50), gate_p99: percentile(gateTimes, 99) };
  return { deal_units: CAPACITY_UNITS, saturated, at_half: { offered_rps: rate, ...f, ...gate }, gcAtHalf: gc.end() };
}

/** Creates a deal on `listing` through the admin API (one unit a shopper, an hour long); returns its id. */
async function createDeal(base, admin, { listing, units, startsAt, holdSeconds, waitingRoom }) {
  const created = await fetch(`${base}/api/admin/deals`, {
    method: "POST",
    headers: { ...admin, "content-type": "application/json", "idempotency-key": `bench-${listing}-${Date.now()}` },
    body: JSON.stringify({
      listing_id: listing,
      deal_price: 999900,
      units,
      starts_at: new Date(startsAt).toISOString(),
      ends_at: new Date(startsAt + 3_600_000).toISOString(),
      per_user_limit: 1,
      hold_seconds: holdSeconds,
      waiting_room: waitingRoom,
    }),
  });
  if (created.status !== 201) throw new Error(`deal creation on ${listing} failed: ${created.status} ${await created.text()}`);
  return (await created.json()).id;
}

/** A product with one listing of the flash seller holding `units` in the flash warehouse, journaled. */
function stockedListing(key, title, units) {
  const t = now();
  return [
    [
      "INSERT INTO products (id, title, brand, category_id, created_at, updated_at) VALUES (?1, ?2, 'Flashbrand', 'cat_flash', ?3, ?3)",
      `prd_${key}`,
      title,
      t,
    ],
    [
      "INSERT INTO listings (id, product_id, seller_id, price, mrp, created_at, updated_at) VALUES (?1, ?2, 'sel_flash', 1499900, 1999900, ?3, ?3)",
      `lst_${key}`,
      `prd_${key}`,
      t,
    ],
    [
      `INSERT INTO inventory_journal (sku_id, warehouse_id, kind, reason, ref, d_available, d_received, available_after, reserved_after, allocated_after, sold_after, created_at)
       VALUES (?1, 'wh_flash', 'adjust', 'bench stock', ?2, ?3, ?3, ?3, 0, 0, 0, ?4)`,
      `lst_${key}`,
      `bench-${key}-stock`,
      units,
      t,
    ],
    [
      "INSERT INTO inventory (sku_id, warehouse_id, available, received, updated_at) VALUES (?1, 'wh_flash', ?2, ?2, ?3)",
      `lst_${key}`,
      units,
      t,
    ],
  ];
}

async function seed(d1) {
  const t = now();
  const token = b64url(randomBytes(32));
  const stmts = [
    ["INSERT INTO categories (id, slug, name, path, depth) VALUES ('cat_flash', 'flash', 'Flash', '/cat_flash/', 0)"],
    ["INSERT INTO sellers (id, name, city, created_at) VALUES ('sel_flash', 'Flash Seller', 'Pune', ?)", t],
    ["INSERT INTO warehouses (id, name, city) VALUES ('wh_flash', 'Flash WH', 'Pune')"],
    ...stockedListing("flash", "Flash Phone 5G", STOCK),
    [
      "INSERT INTO users (id, email, name, password_hash, password_salt, password_iterations, created_at) VALUES ('usr_flash_dm', 'dm@bench.test', 'Bench DM', 'x', 'x', 1, ?)",
      t,
    ],
    [
      "INSERT INTO user_roles (user_id, role) VALUES ('usr_flash_dm', 'shopper'), ('usr_flash_dm', 'deal_manager'), ('usr_flash_dm', 'ops')",
    ],
    [
      "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, 'usr_flash_dm', ?, ?)",
      createHash("sha256").update(token).digest("hex"),
      t,
      new Date(Date.now() + 3_600_000).toISOString(),
    ],
  ];
  await d1.batch(stmts.map(([sql, ...args]) => d1.prepare(sql).bind(...args)));
  return { authorization: `Bearer ${token}` };
}

/** Headers of an answer that belong to its connection or to one request, not to the answer's content. */
const PER_REQUEST_HEADERS = new Set(["content-length", "x-request-id", "connection", "keep-alive", "date", "transfer-encoding"]);

/**
 * The herd's own ceiling: a hello-world Worker answering one of the herd's answers, its bytes
 * and headers, fixed, beside a plain hello-world measured again at the same moment. How far the
 * herd is from hello-world because of what it must send back (a signed ticket, the front door's
 * security and CORS headers) rather than the work of finding it.
 */
async function herdBytesCeiling(answer) {
  const hello = await startHelloWorld();
  const same = await startHelloWorld({ answer });
  try {
    const run = async (url) => {
      await saturate({ url, duration: WARM_UP_SECONDS, connections: HERD_CONNECTIONS });
      return saturate({ url, duration: 8, connections: HERD_CONNECTIONS });
    };
    const plain = await run(hello.directUrl);
    const fixed = await run(same.directUrl);
    return { plain, fixed };
  } finally {
    await hello.stop();
    await same.stop();
  }
}

/**
 * One request on a keep-alive connection, without fetch's per-request cost in the load process
 * (which shares the machine with workerd). Resolves with the status, headers and body text.
 */
function send(agent, origin, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: origin.hostname, port: origin.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** How long the deal's gate took for a hold, from the answer's `Server-Timing` (`gate;dur=…`); null if not asked. */
const gateMs = (headers) => serverTimingMs(headers, "gate");

/**
 * A saturated herd: `HERD_CONNECTIONS` connections keep requests in flight until `stop()`,
 * which resolves to its requests, seconds and the latency of every answer.
 */
function saturatedHerd(url, requests) {
  const latencies = [];
  const started = performance.now();
  const cpu = cpuWindow();
  let instance;
  const done = new Promise((resolve, reject) => {
    instance = autocannon(
      // A short sample interval lets stop() end the phase promptly rather than at the next whole second.
      { url, requests, connections: HERD_CONNECTIONS, duration: MAX_RUN_SECONDS, sampleInt: 100 },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  return {
    async stop() {
      instance.stop();
      const r = await done;
      const seconds = (performance.now() - started) / 1000;
      const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
      return { requests: r.requests.total, seconds, latencies, non2xx: r.non2xx, statuses, errors: r.errors + r.timeouts, cpu: cpu.end() };
    },
  };
}

/** Saturated phases as one measurement: requests over their seconds, percentiles over every answer. */
function combine(phases) {
  const latencies = phases.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const requests = phases.reduce((n, p) => n + p.requests, 0);
  const seconds = phases.reduce((n, p) => n + p.seconds, 0);
  const statuses = {};
  for (const p of phases) for (const [code, n] of Object.entries(p.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rps: Math.round(requests / seconds),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests,
    non2xx: phases.reduce((n, p) => n + p.non2xx, 0),
    statuses,
    errors: phases.reduce((n, p) => n + p.errors, 0),
    cpu: coresOver(phases),
  };
}

async function main() {
  const gcCeilings = gcWindow();
  const ceilings = await measureCeilings({ port: 8731, duration: 8, connections: HERD_CONNECTIONS, saturate });
  const gc = { hello_world_ceilings: gcCeilings.end() };
  const ceiling = ceilings[HELLO];
  console.log(`hello-world ceiling: ${ceiling.rps} req/s`);

  const sf = await startStorefront({ port: 8730, vars: { SESSION_SECRET, TICKET_SECRET } });
  // Everything drives the Worker straight through its socket, as Cloudflare invokes it.
  const base = sf.directUrl;
  const origin = new URL(base);
  const admin = await seed(sf.d1);
  const startsAt = Date.now() + PRE_QUEUE_SECONDS * 1000;
  const dealId = await createDeal(base, admin, {
    listing: "lst_flash",
    units: UNITS,
    startsAt,
    holdSeconds: HOLD_SECONDS,
    // Admissions run half again as fast as the reserve rate offered, so admitted shoppers are
    // always waiting for a reserve slot and the admission rate never sets the reserve rate
    // being measured (at exactly 1,000 a second it would cap reserves just under the target).
    // active_users bounds the admitted shoppers who have not paid; it still leaves thousands
    // admitted ahead of the slots, so it does not set the reserve rate either.
    waitingRoom: { active_users: 10_000, new_users_per_minute: Math.round(RESERVE_RATE * 1.5 * 60), session_minutes: 5 },
  });
  const queuePath = `/api/deals/${dealId}/queue`;
  const holdPath = `/api/deals/${dealId}/hold`;
  const ns = await sf.mf.getDurableObjectNamespace("SKU_GATE", "storefront");
  const gate = ns.get(ns.idFromName(dealId));
  // The proxy looks a method up with a blocking round trip the first time; do it before any load.
  const commitHold = gate.commit;
  console.log(`deal ${dealId}: ${UNITS} units, opens in ${PRE_QUEUE_SECONDS} s; herd of ${SHOPPERS} shoppers`);

  const cookies = Array.from({ length: SHOPPERS }, (_, i) => guestCookie(i));
  const state = new Uint8Array(SHOPPERS);
  const tickets = new Array(SHOPPERS);
  const tokens = new Array(SHOPPERS);
  let joined = 0;
  let gateAnswers = 0;
  // Miniflare runs one isolate, so the largest running count it reports is every gate call it made.
  let isolateGateCalls = 0;
  let queueAnswers = 0;
  let soldOutAnswers = 0;
  let frontPolls = 0;
  // One join's answer as the herd received it, for the herd's fixed-answer ceiling.
  let sampleAnswer = null;
  // Admitted shoppers the herd's own polls found, for the next reserve slots.
  const ready = [];
  let readyHead = 0;

  // The line in the order the waiting room admits it: the pre-queue by its tickets' ranks (sorted
  // once the deal opens), then later joiners by arrival.
  const preLine = [];
  const postLine = [];
  let preSorted = false;
  let front = 0;
  const lineAt = (k) => (k < preLine.length ? preLine[k].i : postLine[k - preLine.length]);
  const lineLength = () => preLine.length + postLine.length;

  function enqueue(i, ticket) {
    const claims = JSON.parse(Buffer.from(ticket.split(".")[0], "base64url").toString());
    if (!claims.pre) return postLine.push(i);
    if (!preSorted) return preLine.push({ i, rank: claims.rank });
    let lo = 0;
    let hi = preLine.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (preLine[mid].rank < claims.rank) lo = mid + 1;
      else hi = mid;
    }
    preLine.splice(lo, 0, { i, rank: claims.rank });
  }

  /** Moves past the front of the line that is admitted or done. */
  function advanceFront() {
    if (!preSorted && Date.now() >= startsAt) {
      preLine.sort((a, b) => a.rank - b.rank);
      preSorted = true;
    }
    while (front < lineLength() && state[lineAt(front)] >= ADMITTED) front++;
  }

  /** The first waiting shopper in line, or -1. */
  function firstWaiting() {
    advanceFront();
    for (let k = front; k < lineLength() && k < front + MAX_RESERVES_IN_FLIGHT + 1; k++) if (state[lineAt(k)] === WAITING) return lineAt(k);
    return -1;
  }

  /** A waiting shopper anywhere in line (on the day every one of them polls every few seconds), or -1. */
  function anyWaiting() {
    advanceFront();
    const span = lineLength() - front;
    for (let tries = 0; span > 0 && tries < 8; tries++) {
      const i = lineAt(front + Math.floor(Math.random() * span));
      if (state[i] === WAITING) return i;
    }
    return -1;
  }

  /** Books a waiting-room answer; `slot` is set when a reserve slot polled (it acts on an admission itself). */
  function onQueueAnswer(i, join, status, body, headers, slot = false) {
    queueAnswers++;
    if (headers["x-deal-state"] === "gate") gateAnswers++;
    isolateGateCalls = Math.max(isolateGateCalls, Number(headers["x-deal-gate-calls"] ?? 0));
    if (status !== 200) return;
    const a = JSON.parse(body);
    if (join && !sampleAnswer) {
      sampleAnswer = { body, headers: Object.fromEntries(Object.entries(headers).filter(([k]) => !PER_REQUEST_HEADERS.has(k))) };
    }
    if (join) {
      tickets[i] = a.ticket;
      if (state[i] === NEW) {
        state[i] = WAITING;
        enqueue(i, a.ticket);
      }
    }
    if (a.status === "sold_out" || a.status === "ended") {
      soldOutAnswers++;
      state[i] = DONE;
    } else if (a.status === "expired") {
      // The shopper's turn lapsed unused; in this run they walk away rather than join again.
      state[i] = DONE;
    } else if (a.status === "admitted" && state[i] === (slot ? POLLING : WAITING)) {
      state[i] = ADMITTED;
      tokens[i] = a.admission_token;
      if (!slot) ready.push(i);
    }
  }

  /** A shopper who already holds a ticket, to poll again once nobody is left waiting. */
  function anyTicketHolder() {
    for (let tries = 0; tries < 64; tries++) {
      const i = Math.floor(Math.random() * joined);
      if (tickets[i]) return i;
    }
    return tickets.findIndex((t) => t);
  }

  /** The herd's requests: a new arrival with probability `joinShare` (while anyone is left to arrive), else a poll. */
  function herdRequests(joinShare) {
    return [
      {
        setupRequest: (req, ctx) => {
          const poller = joined < SHOPPERS && Math.random() < joinShare ? -1 : anyWaiting();
          const join = poller < 0 && joined < SHOPPERS;
          // Once nobody is left to arrive or wait, shoppers who were told sold out look again.
          const i = join ? joined++ : poller >= 0 ? poller : anyTicketHolder();
          ctx.i = i;
          ctx.join = join;
          const headers = { cookie: cookies[i] };
          if (join) return { ...req, method: "POST", path: queuePath, headers };
          return { ...req, method: "GET", path: queuePath, headers: { ...headers, "x-waiting-room-ticket": tickets[i] ?? "" } };
        },
        onResponse: (status, body, ctx, headers) => onQueueAnswer(ctx.i, ctx.join, status, body, headers),
      },
    ];
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_RESERVES_IN_FLIGHT + 1 });

  // The deal console's figures over HTTP. Reading the gate's answer through the Miniflare proxy
  // blocks this process on every property (synchronous round trips to a busy workerd), which
  // would stall the load it generates several times a second.
  async function dealFigures() {
    const res = await send(agent, origin, "GET", `/api/admin/deals/${dealId}`, admin);
    if (res.status !== 200) throw new Error(`deal figures: ${res.status} ${res.body}`);
    return JSON.parse(res.body).figures;
  }

  // The reserve path. Its figures are quoted over the sell-through: from the open until the
  // allocation is all taken (the first "sold out" refusal). After that units come back only as
  // unpaid holds expire, which the hold time paces, not the reserve path.
  const reserves = []; // [answered at, ms, held, ms the gate took by the answer's Server-Timing]
  let firstReserveAt = 0;
  let sellThroughAt = 0;
  let committed = 0;
  const outcomes = {};
  const payments = [];
  const retries = new Set();
  let selling = true;
  let frontRetryAt = 0;
  const slotCounts = { offered: 0, idle: 0, dropped: 0, failed: 0 };
  let onSellThrough = () => {};

  /** One reserve slot: the next admitted shopper (asking the front of the line if none is known) holds a unit. */
  async function reserveSlot() {
    let i = readyHead < ready.length ? ready[readyHead++] : -1;
    if (i < 0) {
      i = performance.now() < frontRetryAt ? -1 : firstWaiting();
      if (i < 0) {
        slotCounts.idle++;
        return;
      }
      state[i] = POLLING;
      frontPolls++;
      const res = await send(agent, origin, "GET", queuePath, { cookie: cookies[i], "x-waiting-room-ticket": tickets[i] });
      onQueueAnswer(i, false, res.status, res.body, res.headers, true);
      if (state[i] === POLLING) {
        // Not in yet; nor is anyone behind this shopper.
        state[i] = WAITING;
        frontRetryAt = performance.now() + FRONT_RETRY_MS;
        return;
      }
      if (state[i] !== ADMITTED) return;
    }
    const t0 = performance.now();
    firstReserveAt ||= t0;
    const res = await send(
      agent,
      origin,
      "POST",
      holdPath,
      { cookie: cookies[i], "content-type": "application/json" },
      JSON.stringify({ admission_token: tokens[i], qty: 1 }),
    );
    const t1 = performance.now();
    reserves.push([t1, t1 - t0, res.status === 201, gateMs(res.headers)]);
    const body = JSON.parse(res.body);
    const key = res.status === 201 ? "held" : (body.reason ?? String(res.status));
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    state[i] = DONE;
    // The allocation is all taken once a hold is refused for want of units: every unit is held
    // ("all_held") or sold for good ("sold_out").
    if ((body.reason === "all_held" || body.reason === "sold_out") && !sellThroughAt) {
      sellThroughAt = t1;
      onSellThrough();
    }
    if (body.reason === "all_held") {
      // An admitted shopper's page tries again a little later, while the admission lasts, and
      // takes a unit an unpaid hold gives back; one who gave up would keep the admission slot
      // until the session lapses and hold up admitting anyone else.
      state[i] = ADMITTED;
      const retry = setTimeout(() => {
        retries.delete(retry);
        if (selling) ready.push(i);
      }, REFUSED_RETRY_MS);
      retries.add(retry);
    }
    if (res.status === 201 && Math.random() < PAY_SHARE) {
      // Paying takes the shopper a while and is not the reserve path, so it runs alongside.
      payments.push(
        commitHold(body.reservation_id).then((out) => {
          if (out === "done") committed++;
        }),
      );
    }
  }

  /** Offers reserve slots at `rate` a second, evenly, until `stop()`. */
  function startReserveSlots(rate) {
    const inFlight = new Set();
    const t0 = performance.now();
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - t0) / 1000) * rate);
      while (slotCounts.offered < due) {
        slotCounts.offered++;
        if (inFlight.size >= MAX_RESERVES_IN_FLIGHT) {
          slotCounts.dropped++;
          continue;
        }
        const p = reserveSlot()
          .catch(() => slotCounts.failed++)
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    }, 1);
    return {
      async stop() {
        clearInterval(timer);
        await Promise.all(inFlight);
      },
    };
  }

  // Phase 1: the pre-queue, saturated. Most of the herd's requests are arrivals, the rest
  // shoppers already in line checking their place.
  const gcPre = gcWindow();
  const preQueue = saturatedHerd(base, herdRequests(0.8));
  await sleep(startsAt - Date.now());
  const pre = await preQueue.stop();
  gc.pre_queue = gcPre.end();
  const preRps = pre.requests / pre.seconds;
  console.log(`pre-queue: ${joined} joined, herd ${Math.round(preRps)} req/s saturated`);

  // Phase 2: selling. The herd at half its saturated rate, paced; reserves at a fixed rate.
  // This process's own stalls would show up as latency; they are reported beside it.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const herdRate = Math.max(1, Math.round(preRps / 2));
  const fixedHerd = startAtFixedRate({ url: base, rate: herdRate, requests: herdRequests(0.5) });
  const sellingFrom = performance.now();
  const gcSelling = gcWindow();
  const cpuSelling = cpuWindow();
  let herdSelling = null;
  let atSellThrough = null;
  onSellThrough = () => {
    herdSelling = fixedHerd.cut();
    gc.selling = gcSelling.end();
    atSellThrough = { frontPolls, ...slotCounts, loopP99: loopDelay.percentile(99), loopMax: loopDelay.max, cpu: cpuSelling.end() };
  };
  const slots = startReserveSlots(RESERVE_RATE);
  const deadline = Date.now() + MAX_RUN_SECONDS * 1000;
  let soldOutAt = 0;
  let figures;
  while (Date.now() < deadline) {
    await sleep(500);
    figures = await dealFigures();
    if (figures.sold >= UNITS) {
      soldOutAt = Date.now();
      break;
    }
  }
  selling = false;
  for (const retry of retries) clearTimeout(retry);
  await slots.stop();
  const herdResale = await fixedHerd.stop();
  loopDelay.disable();
  // A sale that never ran out while selling is one window.
  if (!sellThroughAt) {
    sellThroughAt = performance.now();
    herdSelling = herdResale;
    gc.selling = gcSelling.end();
    atSellThrough = { frontPolls, ...slotCounts, loopP99: loopDelay.percentile(99), loopMax: loopDelay.max, cpu: cpuSelling.end() };
  }
  console.log(
    `selling: allocation taken after ${((sellThroughAt - sellingFrom) / 1000).toFixed(1)} s, all sold after ${((performance.now() - sellingFrom) / 1000).toFixed(1)} s; herd at ${herdRate} req/s, reserves offered at ${RESERVE_RATE}/s`,
  );

  // Phase 3: sold out, saturated, until the whole herd has arrived.
  const soldOut = saturatedHerd(base, herdRequests(0.5));
  const tailFrom = Date.now();
  while (joined < SHOPPERS || Date.now() - tailFrom < SOLD_OUT_SECONDS * 1000) {
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  const tail = await soldOut.stop();
  await Promise.all(payments);
  figures = await dealFigures();

  // The ledger in D1 learns of the sales through the queue; wait for it, then audit.
  let audit;
  for (let t = 0; t < 60; t++) {
    audit = await (await fetch(`${base}/api/admin/inventory/lst_flash/audit`, { headers: admin })).json();
    if (audit.sold >= figures.sold) break;
    await sleep(500);
  }
  agent.destroy();
  const { gcAtHalf, ...capacity } = await holdCapacity(base, sf.d1, admin);
  gc.reserve_capacity_at_half = gcAtHalf;
  console.log(`reserve capacity: ${capacity.saturated.rps} holds/s saturated on one deal, no herd`);
  await sf.stop();
  const herdCeiling = await herdBytesCeiling(sampleAnswer);
  console.log(`herd's bytes as a fixed answer: ${herdCeiling.fixed.rps} req/s, hello-world again ${herdCeiling.plain.rps} req/s`);

  // Reservations a second over the sell-through, from the first hold to the last one before the
  // allocation ran out; latency over every reserve answered in that time.
  const inWindow = reserves.filter(([t]) => t <= sellThroughAt);
  const held = inWindow.filter(([, , ok]) => ok);
  const windowSeconds = Math.max(0.001, ((held.at(-1)?.[0] ?? firstReserveAt) - firstReserveAt) / 1000);
  const sorted = inWindow.map(([, ms]) => ms).sort((a, b) => a - b);
  const gateSorted = inWindow
    .map(([, , , gate]) => gate)
    .filter((ms) => ms !== null)
    .sort((a, b) => a - b);
  const sellingSeconds = (sellThroughAt - sellingFrom) / 1000;
  const herd = combine([pre, tail]);
  const measurements = { ...ceilings, "herd (join/poll/sold-out)": herd, "fixed answer, the herd's bytes": herdCeiling.fixed };
  const oversold = Math.max(0, figures.sold - UNITS, audit.sold - UNITS);
  report("flash", measurements, {
    "herd at fixed load": {
      offered_rps: herdRate,
      rps: herdSelling.rps,
      p50: herdSelling.p50,
      p99: herdSelling.p99,
      requests: herdSelling.requests,
      non2xx: herdSelling.non2xx,
      errors: herdSelling.errors,
      seconds: herdSelling.seconds,
    },
    "reserve (hold)": {
      offered_rps: RESERVE_RATE,
      rps: Math.round(held.length / windowSeconds),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      // The same answers' time in the gate, as the Worker saw it: the rest of p99 is the queue.
      gate_p50: percentile(gateSorted, 50),
      gate_p99: percentile(gateSorted, 99),
      requests: inWindow.length,
      held: held.length,
      seconds: Number(windowSeconds.toFixed(1)),
    },
    // The sell-through beside the herd. Slots dropped (too many reserves outstanding) or a herd
    // below its offered rate mean the Worker could not take the offered load, and the latencies
    // above include queueing; the load process's own stalls are bounded by its event-loop delay.
    selling_window: {
      seconds: Number(sellingSeconds.toFixed(1)),
      front_of_line_polls_per_s: Math.round(atSellThrough.frontPolls / sellingSeconds),
      reserve_slots_offered: atSellThrough.offered,
      reserve_slots_dropped: atSellThrough.dropped,
      reserve_slots_idle: atSellThrough.idle,
      load_process_event_loop_delay_p99_ms: Number((atSellThrough.loopP99 / 1e6).toFixed(1)),
      load_process_event_loop_delay_max_ms: Number((atSellThrough.loopMax / 1e6).toFixed(1)),
      // workerd at a full core while the load is "fixed" is the oversubscription the shares above predict.
      cpu: atSellThrough.cpu,
    },
    units: UNITS,
    shoppers_joined: joined,
    units_sold_gate: figures.sold,
    units_sold_ledger: audit.sold,
    oversold,
    ledger_conserved: audit.conserved,
    ledger_allocated_left: audit.allocated,
    holds_paid: committed,
    hold_outcomes: outcomes,
    reserve_slots: { ...slotCounts, front_of_line_polls: frontPolls },
    sold_out_answers: soldOutAnswers,
    do_calls_per_herd_request: Number((isolateGateCalls / Math.max(1, queueAnswers)).toFixed(5)),
    do_calls_herd_total: isolateGateCalls,
    herd_answers_from_gate_refresh: gateAnswers,
    herd_answers: queueAnswers,
    herd_phases: {
      pre_queue: { rps: Math.round(preRps), requests: pre.requests, seconds: Number(pre.seconds.toFixed(1)), cpu: pre.cpu },
      selling_fixed: { rps: herdSelling.rps, requests: herdSelling.requests, seconds: herdSelling.seconds },
      resale_fixed: { rps: herdResale.rps, requests: herdResale.requests, seconds: herdResale.seconds },
      sold_out: {
        rps: Math.round(tail.requests / tail.seconds),
        requests: tail.requests,
        seconds: Number(tail.seconds.toFixed(1)),
        cpu: tail.cpu,
      },
    },
    time_to_sell_out_s: soldOutAt ? Number(((soldOutAt - startsAt) / 1000).toFixed(1)) : null,
    reserve_p99_under_herd_ms: percentile(sorted, 99),
    "reserve capacity (hold, no herd)": capacity,
    // What the selling phase asks of the Worker, as shares of what each path takes alone at
    // saturation in this run: above 1 the latencies there are a queue, whatever the design. The
    // front-of-line polls and the payments' commits come on top.
    selling_offered_share_of_capacity: {
      herd: Number((herdRate / Math.max(1, preRps)).toFixed(2)),
      reserves: Number((RESERVE_RATE / Math.max(1, capacity.saturated.rps)).toFixed(2)),
      total: Number((herdRate / Math.max(1, preRps) + RESERVE_RATE / Math.max(1, capacity.saturated.rps)).toFixed(2)),
    },
    herd_ratio_to_hello_world: Number((herd.rps / ceiling.rps).toFixed(3)),
    // The herd runs from before the sale to after it, and the machine's speed moves over a run by
    // more than the target's margin: its ratio to the hello-world measured after the sale too,
    // and to the two ceilings' mean. The line above is the first of these.
    herd_ratio_to_each_ceiling: {
      before: Number((herd.rps / ceiling.rps).toFixed(3)),
      after: Number((herd.rps / herdCeiling.plain.rps).toFixed(3)),
      mean: Number((herd.rps / ((ceiling.rps + herdCeiling.plain.rps) / 2)).toFixed(3)),
    },
    // The fixed answer was measured after the sale, next to a second hello-world: its ratio to that
    // one is free of the machine's drift over the run.
    herd_bytes_ceiling: {
      hello_world_after_rps: herdCeiling.plain.rps,
      fixed_answer_rps: herdCeiling.fixed.rps,
      fixed_answer_to_hello_world: Number((herdCeiling.fixed.rps / herdCeiling.plain.rps).toFixed(3)),
      herd_to_fixed_answer: Number((herd.rps / herdCeiling.fixed.rps).toFixed(3)),
      headers: Object.keys(sampleAnswer?.headers ?? {}).length,
      body_bytes: Buffer.byteLength(sampleAnswer?.body ?? ""),
    },
    // With BENCH_TRACE_GC=1: workerd's collection pauses in each window (see lib/gc-trace.mjs).
    ...(gc.pre_queue ? { gc_pauses: gc } : {}),
  });
}

await main();
