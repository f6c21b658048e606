import type { Context, Hono } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "./api";
import { type LinkTokenOptions, holdsToken, linkToken } from "./link-token";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * A page a mailed single-use link opens, which asks before it changes anything: mail scanners and
 * link previews open links on their own and must not make the change for the shopper, so arriving
 * only checks the link, and the button's post uses it. Its token waits in a cookie (link-token.ts).
 */
export interface MailedLinkPage<Link, Done> extends LinkTokenOptions {
  /** The API's calls, each posted the token: `check` only reads what the link would do, `confirm` does it. */
  api: { check: string; confirm: string };
  /** The page with the button: what a checked link does, or why the link could not be checked or used just now. */
  ask: (c: Context<AppEnv>, state: { link: Link } | { error: string }) => Html;
  /** The page saying nothing changed, in `message`'s words. */
  refused: (message: string) => Html;
  /** The words for a link that cannot be used (unknown, used, expired or cut short, or none at all). */
  deadLink: string;
  /** What follows the change, the link's token already dropped. */
  done: (c: Context<AppEnv>, result: Done) => Response | Promise<Response>;
}

/** Registers the page at `page.path`: its arrival, which checks the link, and the button's post, which uses it. */
export function registerMailedLinkPage<Link, Done>(app: Hono<AppEnv>, fetchApi: ApiFetch, page: MailedLinkPage<Link, Done>): void {
  const linked = linkToken(page);

  const refused = (c: Context<AppEnv>, problem: Problem | null) => {
    if (problem) answerProblem(c, problem);
    else c.status(400);
    linked.drop(c);
    return c.html(page.refused(problem && !linked.refuses(problem) ? problemMessage(problem) : page.deadLink));
  };

  // Not checked or used just now (too many requests, an outage): the link may well work, so it is kept.
  const passing = (c: Context<AppEnv>, problem: Problem) => {
    answerProblem(c, problem);
    return c.html(page.ask(c, { error: problemMessage(problem) }));
  };

  app.get(page.path, async (c) => {
    holdsToken(c);
    const arrived = linked.arrived(c);
    if (arrived) return arrived;
    const token = linked.held(c);
    if (!token) return refused(c, null);
    const res = await callApi<Link>(c, fetchApi, page.api.check, { method: "POST", body: { token } });
    if (!res.ok) return linked.refuses(res.problem) ? refused(c, res.problem) : passing(c, res.problem);
    return c.html(page.ask(c, { link: res.data }));
  });

  app.post(page.path, async (c) => {
    holdsToken(c);
    const token = linked.held(c);
    if (!token) return refused(c, null);
    const res = await callApi<Done>(c, fetchApi, page.api.confirm, { method: "POST", body: { token } });
    if (!res.ok) {
      // 409: another account took the address meanwhile, so the link is used up and dropped too.
      if (linked.refuses(res.problem) || res.problem.status === 409) return refused(c, res.problem);
      return passing(c, res.problem);
    }
    linked.drop(c);
    return page.done(c, res.data);
  });
}
