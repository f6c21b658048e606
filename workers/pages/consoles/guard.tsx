import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv, Role } from "../../platform/context";
import { personalPage } from "../cache";
import { ErrorPanel, Layout } from "../layout";
import { parseRupees } from "../rupees";

/**
 * Keeps a console to the role it serves: guests go to sign in, other accounts get a 403 page.
 * Returns null when the visitor may see the console. The API enforces the same rule again.
 */
export function consoleGuard(c: Context<AppEnv>, role: Role): Response | Promise<Response> | null {
  personalPage(c);
  const user = c.var.user;
  if (!user) {
    // Back to the very view asked for (a queue, a filter, a deal to copy) once signed in; a form
    // post is not repeated, so it comes back to its page alone.
    const url = new URL(c.req.url);
    if (c.req.method === "GET") return c.redirect(`/signin?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 303);
    // A form sent from a console page left open after its session ended: the sign-in page says it was not done.
    return c.redirect(`/signin?why=form&next=${encodeURIComponent(url.pathname)}`, 303);
  }
  if (!user.roles.includes(role)) {
    c.status(403);
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Not allowed">
        <ErrorPanel heading="Not allowed" message="Your account does not have access to this console." />
      </Layout>,
    );
  }
  return null;
}

/** A form field of rupees, parsed to integer paise with a message naming what to fix. */
export function rupeesField(message: string) {
  return z.string({ error: message }).transform((value, ctx) => {
    try {
      return parseRupees(value);
    } catch {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
  });
}

/** A status line at the top of a console after an action: what happened, or why it did not. */
export function Flash(props: { ok?: string; error?: string }) {
  if (props.error)
    return (
      <p class="panel error" role="alert">
        {props.error}
      </p>
    );
  if (props.ok)
    return (
      <p class="panel ok" role="status">
        {props.ok}
      </p>
    );
  return null;
}
