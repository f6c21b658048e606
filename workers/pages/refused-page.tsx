import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import { type Problem, answerProblem, problemMessage } from "./api";
import { ErrorPanel, Layout } from "./layout";

/**
 * The page drawn instead when the API refused what it needed: the refusal's status (and
 * Retry-After), and its reason in words. A personal page shows who is signed in; a shared one,
 * which the edge keeps for everyone, must not.
 */
export function refusedPage(
  c: Context<AppEnv>,
  problem: Problem,
  page: { title: string; heading?: string; personal?: boolean; query?: string },
) {
  answerProblem(c, problem);
  const who = page.personal ? { viewer: c.var.user, csrf: c.var.csrfToken } : {};
  return c.html(
    <Layout degraded={c.var.degraded} title={page.title} {...who} {...(page.query !== undefined ? { query: page.query } : {})}>
      <ErrorPanel heading={page.heading ?? page.title} message={problemMessage(problem)} />
    </Layout>,
  );
}
