import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage, relayCookies } from "./api";
import { whenIst } from "./format";
import { CsrfField } from "./layout";

/** One place the account is signed in, as `GET /api/me/sessions` lists it. */
export interface SignedInDevice {
  id: string;
  device: string | null;
  signed_in_at: string;
  current: boolean;
}

/** The account's sessions for its page; null when they could not be read (the page goes on without them). */
export async function loadSignedInDevices(c: Context<AppEnv>, fetchApi: ApiFetch): Promise<SignedInDevice[] | null> {
  const res = await callApi<{ items: SignedInDevice[] }>(c, fetchApi, "/api/me/sessions");
  return res.ok ? res.data.items : null;
}

/**
 * Where the account is signed in, each place with a way to sign it out, and the way to sign out
 * everywhere but here: a shopper who lent a phone, or signed in on a shop's computer, ends that
 * session without signing this one out too.
 */
export function SignedInDevices(props: { devices: SignedInDevice[] | null; csrf: string | null }) {
  const others = (props.devices ?? []).filter((d) => !d.current);
  return (
    <section class="panel" aria-labelledby="devices-h">
      <h2 id="devices-h">Where you are signed in</h2>
      {props.devices === null ? (
        <p class="muted">The list of your devices could not be loaded just now.</p>
      ) : (
        <ul class="devices" data-devices>
          {props.devices.map((d) => (
            <li data-device={d.id}>
              <strong>{d.device ?? "A device we could not name"}</strong>
              {d.current ? " (this device)" : ""}, signed in {whenIst(d.signed_in_at)}
              {/* The form is inline: without a space its button's words run on from the time ("ISTSign out there"). */}
              {!d.current && " · "}
              {!d.current && (
                <form method="post" action={`/account/devices/${encodeURIComponent(d.id)}/sign-out`} class="inline">
                  <CsrfField token={props.csrf} />
                  <button
                    type="submit"
                    class="link"
                    aria-label={`Sign out there: ${d.device ?? "a device we could not name"}, signed in ${whenIst(d.signed_in_at)}`}
                  >
                    Sign out there
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 1 && (
        <form method="post" action="/account/devices/sign-out-others">
          <CsrfField token={props.csrf} />
          <button type="submit">Sign out on every other device</button>
        </form>
      )}
    </section>
  );
}

/** The forms of the list: signing one session out, and every other one. */
export function registerSignedInDevicePages(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  render: (c: Context<AppEnv>, error: string) => Response | Promise<Response>,
  signInFirst: (c: Context<AppEnv>) => Response,
): void {
  app.post("/account/devices/:id/sign-out", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const res = await callApi(c, fetchApi, `/api/me/sessions/${encodeURIComponent(c.req.param("id"))}`, { method: "DELETE", body: {} });
    relayCookies(c, res.headers);
    if (!res.ok) {
      answerProblem(c, res.problem);
      return render(c, problemMessage(res.problem));
    }
    return c.redirect("/account?done=device_signed_out#devices-h", 303);
  });

  app.post("/account/devices/sign-out-others", async (c) => {
    if (!c.var.user) return signInFirst(c);
    const res = await callApi(c, fetchApi, "/api/auth/logout-others", { method: "POST", body: {} });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return render(c, problemMessage(res.problem));
    }
    return c.redirect("/account?done=others_signed_out#devices-h", 303);
  });
}
