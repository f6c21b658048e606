import { env } from "cloudflare:workers";
import { initialEmailStateSql } from "../../workers/notifications/email-delivery";

/** One call to a send_email binding: the mail as the worker built it, and what the binding answered. */
export interface SentMail {
  to: string;
  subject: string;
  text: string;
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
      sent.push({ to: String(builder.to), subject: builder.subject, text: builder.text ?? "", messageId: result.messageId });
      return result;
    },
  };
  return { sent, refused: () => refused, spyEnv: { ...env, EMAIL } as unknown as Env };
}

/** A notification row's delivery state, as a test asserts it. */
export function deliveryOf(id: number) {
  return env.DB.prepare(
    "SELECT email_state, sent_at, message_id, send_attempts, send_claimed_until, send_error FROM notifications WHERE id = ?",
  )
    .bind(id)
    .first<{
      email_state: string | null;
      sent_at: string | null;
      message_id: string | null;
      send_attempts: number;
      send_claimed_until: string | null;
      send_error: string | null;
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
