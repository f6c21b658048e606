import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../workers/index";
import { randomIp } from "../accounts/browser";
import { ORIGIN } from "./http";

/**
 * Posts JSON to the Worker as an API client does, with `on` as its env: a spy on the EMAIL
 * binding, or one that fails, to see what a request mails. Waits for the work it left running.
 */
export async function postWith(on: Env, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const { res, settled } = await postAnswered(on, path, body, headers);
  await settled;
  return res;
}

/** As postWith, but answers as soon as the Worker does: `settled` is the work it left running. */
export async function postAnswered(
  on: Env,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ res: Response; settled: Promise<void> }> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": randomIp(), ...headers },
      body: JSON.stringify(body),
    }),
    on,
    ctx,
  );
  return { res, settled: waitOnExecutionContext(ctx) };
}

/**
 * A page request as a browser sends it (a form post when `form` is given; no redirects followed),
 * served with `on` as the Worker's env.
 */
export async function browseWith(on: Env, path: string, cookie: string, form?: Record<string, string>): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "cf-connecting-ip": randomIp(), "sec-fetch-site": "same-origin", origin: ORIGIN };
  if (cookie) headers.cookie = cookie;
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
    }),
    on,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}
