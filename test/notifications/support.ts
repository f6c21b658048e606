import { env } from "cloudflare:workers";
import { initialEmailStateSql } from "../../workers/notifications/email-delivery";
import type { WishlistAlert } from "../../workers/wishlist/alerts";
import { applyProductChanges } from "../catalog/queue";
import { stockedListing } from "../checkout/support";
import type { TestUser } from "../helpers/accounts";
import { save } from "../wishlist/support";

/** One call to a send_email binding: the mail as the worker built it, and what the binding answered. */
export interface SentMail {
  to: string;
  subject: string;
  text: string;
  /** The extra headers the worker set (an alert's List-Unsubscribe pair); empty when none. */
  headers: Record<string, string>;
  messageId: string;
}

/**
 * An env whose EMAIL forwards every send to the real binding (wrangler's local Email Service) and
 * keeps what was sent, so a test counts the mails a worker really sent; with `fail`, each send
 * throws instead, as a provider outage would.
 */
export function mailSpy(fail: () => boolean = () => false) {
  const sent: SentMail[] = [];
  let refused = 0;
  const EMAIL = {
    async send(builder: EmailMessageBuilder): Promise<EmailSendResult> {
      if (fail()) {
        refused++;
        throw new Error("503 mail provider unavailable");
      }
      const result = await env.EMAIL.send(builder);
      sent.push({
        to: String(builder.to),
        subject: builder.subject,
        text: builder.text ?? "",
        headers: builder.headers ?? {},
        messageId: result.messageId,
      });
      return result;
    },
  };
  return { sent, refused: () => refused, spyEnv: { ...env, EMAIL } as unknown as Env };
}

/**
 * A mailSpy whose sends wait for `release()`, or for `holdMs` (so a request that waits on its mail is
 * answered late rather than never): what a request answered before the release, it answered without
 * waiting on the mail provider.
 */
export function heldMailSpy(holdMs = 3_000) {
  const spy = mailSpy();
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(resolve, holdMs);
  });
  const EMAIL = {
    async send(builder: EmailMessageBuilder): Promise<EmailSendResult> {
      await held;
      return spy.spyEnv.EMAIL.send(builder);
    },
  };
  return { sent: spy.sent, release, spyEnv: { ...spy.spyEnv, EMAIL } as unknown as Env };
}

/** The delivery columns a test sets a row into directly, as the deliverer would have left it. */
export interface Delivery {
  email_state?: string | null;
  sent_at?: string | null;
  message_id?: string | null;
  send_attempts?: number;
  send_claimed_until?: string | null;
  send_error?: string | null;
  given_up_at?: string | null;
}

/** Records one message about `orderId` to `userId`, in the delivery state given; returns its id. */
export async function record(
  orderId: string | null,
  userId: string,
  kind: string,
  channel: "email" | "sms",
  createdAt: string,
  d: Delivery = {},
): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO notifications (event_id, channel, user_id, order_id, kind, subject, body, link, created_at,
       email_state, sent_at, message_id, send_attempts, send_claimed_until, send_error, given_up_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'body', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id`,
  )
    .bind(
      `test:${crypto.randomUUID()}`,
      channel,
      userId,
      orderId,
      kind,
      `Subject of ${kind}`,
      orderId ? `/orders/${orderId}` : null,
      createdAt,
      d.email_state ?? null,
      d.sent_at ?? null,
      d.message_id ?? null,
      d.send_attempts ?? 0,
      d.send_claimed_until ?? null,
      d.send_error ?? null,
      d.given_up_at ?? null,
    )
    .first<{ id: number }>();
  return row!.id;
}

/** A notification row's delivery state, as a test asserts it. */
export function deliveryOf(id: number) {
  return env.DB.prepare(
    "SELECT email_state, sent_at, message_id, send_attempts, send_claimed_until, send_error, given_up_at FROM notifications WHERE id = ?",
  )
    .bind(id)
    .first<{
      email_state: string | null;
      sent_at: string | null;
      message_id: string | null;
      send_attempts: number;
      send_claimed_until: string | null;
      send_error: string | null;
      given_up_at: string | null;
    }>();
}

/** Records one message to `userId` on both channels, as the writers do; returns the (email, sms) row ids. */
export async function recordBoth(
  userId: string,
  tag: string,
  link: string | null = `/orders/${tag}`,
): Promise<{ email: number; sms: number }> {
  const ids: Record<string, number> = {};
  for (const channel of ["email", "sms"]) {
    const row = await env.DB.prepare(
      `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
       VALUES (?1, ?2, ?3, 'order_shipped', ?4, ?5, ?6, ?7, ${initialEmailStateSql("?2")}) RETURNING id`,
    )
      .bind(`test:${tag}`, channel, userId, `Shipped: ${tag}`, `Your ${tag} is on its way.`, link, new Date().toISOString())
      .first<{ id: number }>();
    ids[channel] = row?.id as number;
  }
  return { email: ids.email as number, sms: ids.sms as number };
}

/**
 * A product in stock that `user` saved, and a back-in-stock alert about it: one alert of the
 * saved-products group per call, each about a product of its own, so none is "told lately".
 */
export async function savedProductAlert(user: TestUser): Promise<WishlistAlert> {
  const f = await stockedListing(10, 100000);
  await applyProductChanges(f.productId);
  const res = await save(user, f.productId);
  if (res.status !== 201) throw new Error(`save ${res.status}: ${await res.text()}`);
  return { kind: "back_in_stock", product_id: f.productId, at: new Date(Date.now() + 1000).toISOString() };
}

/** The email row of the user's latest notification of `kind`. */
export function latestEmailRow(userId: string, kind: string) {
  return env.DB.prepare(
    "SELECT id, kind, subject, email_state FROM notifications WHERE user_id = ? AND kind = ? AND channel = 'email' ORDER BY id DESC LIMIT 1",
  )
    .bind(userId, kind)
    .first<{ id: number; kind: string; subject: string; email_state: string | null }>();
}

/** Records one message to the user on both channels, `minutesAgo` minutes ago. */
export function note(userId: string, n: number, minutesAgo: number, link = `/products/prd_${n}`, body = `Body ${n}`) {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return ["email", "sms"].map((channel) =>
    env.DB.prepare(
      "INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at) VALUES (?, ?, ?, 'price_drop', ?, ?, ?, ?)",
    ).bind(`test:${userId}:${n}`, channel, userId, `Subject ${n}`, body, link, at),
  );
}
