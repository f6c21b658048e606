import type { Context, Hono } from "hono";
import { type AlertGroup, isAlertGroup } from "../notifications/preferences";
import { verifyUnsubscribe } from "../notifications/unsubscribe";
import { readConfig } from "../platform/config";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { CsrfField, Layout } from "./layout";

/** What each group's mails are, in the words of the page that stops them. */
const GROUP_WORDS: Record<AlertGroup, string> = {
  saved_products: "emails about products you saved: deals going live, price drops and products back in stock",
  stock_alerts: "stock alert emails about your listings: running low, sold out and the hourly digest",
  shopper_questions: "emails about shoppers' questions on the products you offer",
  reports: "emails about the reviews and answers you reported: whether our team removed or kept them, or their author changed them first",
};

/**
 * The page carries the link's signature in its address and its form: it is never cached, and no
 * other site is told the address.
 */
function holdsSignedLink(c: Context<AppEnv>): void {
  personalPage(c);
  c.header("referrer-policy", "no-referrer");
}

function LinkRefusedPage() {
  return (
    <Layout title="Unsubscribe">
      <section class="panel error" role="alert" aria-labelledby="unsub-h">
        <h1 id="unsub-h">This link does not work</h1>
        <p>It is not a link we sent, or part of it is missing. Nothing was changed.</p>
        <p>
          Choose which emails you get in your <a href="/account/notifications">notification settings</a>.
        </p>
      </section>
    </Layout>
  );
}

function ConfirmPage(props: { csrf: string | null; u: string; g: AlertGroup; sig: string; error?: string }) {
  const query = new URLSearchParams({ u: props.u, g: props.g, sig: props.sig }).toString();
  return (
    <Layout title="Unsubscribe">
      <section class="panel" aria-labelledby="unsub-h">
        <h1 id="unsub-h">Stop these emails?</h1>
        {props.error && (
          <p class="panel error" role="alert">
            {props.error}
          </p>
        )}
        <p>You will no longer get {GROUP_WORDS[props.g]}. They still show on your Updates page.</p>
        <form method="post" action={`/unsubscribe?${query}`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="primary">
            Stop these emails
          </button>
        </form>
        <p class="muted">Emails about your own orders are always sent.</p>
      </section>
    </Layout>
  );
}

function DonePage(props: { g: AlertGroup }) {
  return (
    <Layout title="Unsubscribed">
      <section class="panel ok" role="status" aria-labelledby="unsub-h">
        <h1 id="unsub-h">Unsubscribed</h1>
        <p>
          You won't get these emails any more. Change your mind in your <a href="/account/notifications">notification settings</a>.
        </p>
        <p class="muted">Stopped: {GROUP_WORDS[props.g]}.</p>
      </section>
    </Layout>
  );
}

/** The link's fields from the query, when they are all there. */
function linkOf(c: Context<AppEnv>): { u: string; g: AlertGroup; sig: string } | null {
  const u = c.req.query("u") ?? "";
  const g = c.req.query("g") ?? "";
  const sig = c.req.query("sig") ?? "";
  return u && sig && isAlertGroup(g) ? { u, g, sig } : null;
}

/**
 * Registers the page an alert mail's footer links to. Opening it changes nothing (mail scanners
 * open links); its button posts, and that stops the group's mails through the one-click API.
 */
export function registerUnsubscribePages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/unsubscribe", async (c) => {
    holdsSignedLink(c);
    const link = linkOf(c);
    // Checked only to say so up front; the POST checks it again.
    if (!link || !(await verifyUnsubscribe(readConfig(c.env).SESSION_SECRET, link))) {
      c.status(400);
      return c.html(<LinkRefusedPage />);
    }
    return c.html(<ConfirmPage csrf={c.var.csrfToken} {...link} />);
  });

  app.post("/unsubscribe", async (c) => {
    holdsSignedLink(c);
    const link = linkOf(c);
    if (!link) {
      c.status(400);
      return c.html(<LinkRefusedPage />);
    }
    const query = new URLSearchParams(link).toString();
    // Anonymous: the signature, not whoever is signed in here, says whose emails stop.
    const res = await callApi(c, fetchApi, `/api/notifications/unsubscribe?${query}`, {
      as: "anonymous",
      method: "POST",
      raw: { type: "application/x-www-form-urlencoded", text: "List-Unsubscribe=One-Click" },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      if (res.problem.type === "/problems/unsubscribe-link-invalid") return c.html(<LinkRefusedPage />);
      return c.html(<ConfirmPage csrf={c.var.csrfToken} {...link} error={problemMessage(res.problem)} />);
    }
    // Said in answer to the post, not at an address of its own that anyone could open and be told
    // they were unsubscribed. Sending it again (a reload) stops nothing more, so it is harmless.
    return c.html(<DonePage g={link.g} />);
  });
}
