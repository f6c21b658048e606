import type { Context, Hono } from "hono";
import { type AlertGroup, groupsFor } from "../notifications/preferences";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { signInForAccountPage } from "./account-sign-in";
import { personalPage } from "./cache";
import { CsrfField, ErrorPanel, Layout } from "./layout";

/** The choices as GET /api/me/notification-preferences answers them. */
interface Preferences {
  email: Partial<Record<AlertGroup, boolean>>;
}

const PATH = "/account/notifications";

/** Each group's checkbox: what it is called, and what its mails are about. */
const GROUP_LABELS: Record<AlertGroup, { label: string; hint: string }> = {
  saved_products: {
    label: "Email me about products I saved",
    hint: "A deal on one going live, its price dropping, or it coming back in stock.",
  },
  stock_alerts: {
    label: "Email me stock alerts for my listings",
    hint: "A listing running low or selling out, and the hourly digest when there are many.",
  },
  shopper_questions: {
    label: "Email me shoppers' questions about my products",
    hint: "A shopper asking about a product you offer, and a note when more arrive within the hour.",
  },
  reports: {
    label: "Email me what happens to reviews and answers I report",
    hint: "Whether our team removed it or kept it, or its author rewrote or deleted it first.",
  },
};

function signInFirst(c: Context<AppEnv>) {
  return signInForAccountPage(c, PATH);
}

async function renderSettings(c: Context<AppEnv>, fetchApi: ApiFetch, state: { error?: string } = {}) {
  personalPage(c);
  const user = c.var.user;
  if (!user) return signInFirst(c);
  const res = await callApi<Preferences>(c, fetchApi, "/api/me/notification-preferences");
  if (!res.ok) {
    answerProblem(c, res.problem);
    return c.html(
      <Layout degraded={c.var.degraded} viewer={user} csrf={c.var.csrfToken} title="Notification settings">
        <ErrorPanel heading="Notification settings" message={problemMessage(res.problem)} />
      </Layout>,
    );
  }
  const groups = groupsFor(user.roles);
  return c.html(
    <Layout degraded={c.var.degraded} viewer={user} csrf={c.var.csrfToken} title="Notification settings">
      <section class="account-page">
        <h1>Notification settings</h1>
        {c.req.query("done") === "1" && (
          <p class="panel ok" role="status">
            Saved.
          </p>
        )}
        {state.error && (
          <p class="panel error" role="alert">
            {state.error}
          </p>
        )}
        <form method="post" action={PATH} class="panel" data-notification-settings>
          <CsrfField token={c.var.csrfToken} />
          <fieldset>
            <legend>Alert emails</legend>
            {groups.map((g) => (
              <p>
                <label class="check">
                  <input type="checkbox" name={g} value="on" checked={res.data.email[g] !== false} aria-describedby={`${g}-hint`} />{" "}
                  {GROUP_LABELS[g].label}
                </label>
                <br />
                <span class="muted" id={`${g}-hint`}>
                  {GROUP_LABELS[g].hint}
                </span>
              </p>
            ))}
          </fieldset>
          <button type="submit" class="primary">
            Save
          </button>
        </form>
        <p>
          Emails about your own orders (confirmed, shipped, delivered, returns and refunds) are always sent: they are not marketing, and you
          cannot turn them off. Alerts you turn off still show on your <a href="/account/updates">Updates</a> page. We do not send text
          messages (SMS) yet.
        </p>
        {user.roles.includes("seller") && (
          <p data-seller-always-sent>
            As a seller, emails about your orders (a new order to pack, an order cancelled before it ships, a return asked for) are always
            sent too, whatever you choose for stock alerts: they are your work, not alerts.
          </p>
        )}
        <p>
          <a href="/account">Back to your account</a>
        </p>
      </section>
    </Layout>,
  );
}

/**
 * Registers the notification settings page: a checkbox per alert group the account gets, as a
 * plain form post over the preferences API. An unticked box is not posted at all, so every group
 * the page showed is set from whether its box came back.
 */
export function registerNotificationSettings(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(PATH, (c) => renderSettings(c, fetchApi));

  app.post(PATH, async (c) => {
    const user = c.var.user;
    if (!user) return signInFirst(c);
    const form = await c.req.parseBody();
    const email = Object.fromEntries(groupsFor(user.roles).map((g) => [g, form[g] === "on"]));
    const res = await callApi(c, fetchApi, "/api/me/notification-preferences", { method: "PUT", body: { email } });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderSettings(c, fetchApi, { error: problemMessage(res.problem) });
    }
    return c.redirect(`${PATH}?done=1`, 303);
  });
}
