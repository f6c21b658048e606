import type { Context, Hono } from "hono";
import type { OpsMessage } from "../../notifications/ops-messages";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { statusLabel, whenIst } from "../format";
import { CsrfField } from "../layout";
import { actorWords } from "./actor-words";
import { consoleGuard } from "./guard";

/** Kinds whose name does not read as words once its underscores are spaces. */
const KIND_WORDS: Record<string, string> = { low_stock_digest: "Low-stock digest" };

/** What a message is, in words: "Order shipped", "Back in stock". */
export function kindWords(kind: string): string {
  return KIND_WORDS[kind] ?? statusLabel(kind);
}

/** Whether a message reached the provider, in the words ops tell support with. */
export function deliveryWords(m: OpsMessage): string {
  if (m.channel !== "email") return "SMS: recorded only";
  switch (m.email_state) {
    case "sent":
      return `Sent ${whenIst(m.sent_at)}`;
    case "pending":
      return m.send_attempts > 0
        ? `Waiting (attempt ${m.send_attempts + 1}, next try after ${whenIst(m.next_try_after)})`
        : "Waiting to be sent";
    case "failed":
      return `Given up: ${m.send_error ?? "no reason kept"}`;
    case "suppressed":
      return "Not sent: turned off by the shopper";
    case "before_delivery":
      return "Recorded before email delivery existed";
    default:
      return "Not known";
  }
}

/** Where a Send again form comes back to: the order it was pressed on, or the list of given-up mails. */
type Back = { to: "order"; order: string } | { to: "emails" };

/** The Send again button of a given-up mail; none on a mail in any other state. */
export function ResendButton(props: { message: OpsMessage; csrf: string | null; back: Back }) {
  if (props.message.email_state !== "failed") return null;
  return (
    <form
      method="post"
      action={`/ops/notifications/${encodeURIComponent(props.message.id)}/resend`}
      class="row-form"
      data-resend={props.message.id}
    >
      <CsrfField token={props.csrf} />
      <input type="hidden" name="back" value={props.back.to} />
      {props.back.to === "order" && <input type="hidden" name="order" value={props.back.order} />}
      <button type="submit">Send again</button>
    </form>
  );
}

/** A message as the ops order answers it: with the name of whoever sent it again. */
type OrderMessage = OpsMessage & { resent_by_name?: string | null };

/** Who sent a mail again and when, under its delivery. */
function ResentNote({ m }: { m: OrderMessage }) {
  if (!m.resent_at) return null;
  return (
    <span class="muted" data-resent-by>
      {" "}
      · sent again by {actorWords(m.resent_by, m.resent_by_name)} {whenIst(m.resent_at)}
    </span>
  );
}

/** The ops order page's messages: what the shopper was told, when, on which channel, and whether each mail went out. */
export function OrderMessages(props: { orderId: string; messages: OrderMessage[]; csrf: string | null }) {
  return (
    <section aria-labelledby="messages-h" data-order-messages>
      <h2 id="messages-h">Messages about this order</h2>
      {props.messages.length === 0 ? (
        <p class="muted">No messages recorded about this order.</p>
      ) : (
        <TableScroll label="Each message and its delivery">
          <table class="data">
            <ColumnHeads columns={["When", "Message", "To", "Subject", "Delivery", "Action"]} />
            <tbody>
              {props.messages.map((m) => (
                <tr data-message={m.id} data-email-state={m.email_state ?? "none"}>
                  <td class="words">
                    <time datetime={m.created_at}>{whenIst(m.created_at)}</time>
                  </td>
                  <td class="words">{kindWords(m.kind)}</td>
                  <td class="words">{m.channel === "email" ? (m.to ?? "Email (account gone)") : "SMS"}</td>
                  <td class="words">{m.subject}</td>
                  <td class="words" data-delivery>
                    {deliveryWords(m)}
                    <ResentNote m={m} />
                  </td>
                  <td>
                    <ResendButton message={m} csrf={props.csrf} back={{ to: "order", order: props.orderId }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** What the page a Send again came back to says: the mail went out, or it waits for the cron's retry. */
export function resentWords(done: string | undefined): string | undefined {
  if (done === "resent") return "Sent again: the mail provider accepted it.";
  if (done === "resend_waiting")
    return "Not sent yet: the mail provider did not take it just now. It is waiting, and is retried every minute.";
  return undefined;
}

/**
 * Registers the Send again post: it asks the API to send the mail again and comes back to where it
 * was pressed, saying whether the mail went out, or draws that page again saying why it was refused.
 */
export function registerResendForm(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  renderBack: {
    order: (c: Context<AppEnv>, id: string, error: string) => Response | Promise<Response>;
    emails: (c: Context<AppEnv>, error: string) => Response | Promise<Response>;
  },
): void {
  app.post("/ops/notifications/:id/resend", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const order = typeof form.order === "string" && form.back === "order" ? form.order : null;
    const res = await callApi<OpsMessage>(c, fetchApi, `/api/admin/notifications/${encodeURIComponent(c.req.param("id"))}/resend`, {
      method: "POST",
      // An empty body still carries the session's CSRF token to the API, as every unsafe call must.
      body: {},
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const why = problemMessage(res.problem);
      return order ? renderBack.order(c, order, why) : renderBack.emails(c, why);
    }
    const done = res.data.email_state === "sent" ? "resent" : "resend_waiting";
    return c.redirect(
      order ? `/ops/orders/${encodeURIComponent(order)}?done=${done}#messages-h` : `/ops/emails?state=failed&done=${done}`,
      303,
    );
  });
}
