import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi, answerProblem, problemMessage } from "../api";
import { dealPhase } from "../components";
import { money, statusLabel, when } from "../format";
import { withProduct } from "../deal";
import { CsrfField, Layout } from "../layout";
import type { Deal } from "../types";
import { consoleGuard, Flash, rupeesField } from "./guard";

/** Live figures of one deal, as the deal admin API reports them. */
export interface DealFigures {
  id?: string;
  status?: string;
  units?: number;
  sold?: number;
  reserved?: number;
  remaining?: number;
  waiting?: number;
  admitted?: number;
  sell_rate_per_minute?: number;
  admission_rate_per_minute?: number;
  [figure: string]: unknown;
}

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Pick a date and time")
  // The form's times are India Standard Time, which has no daylight saving: a fixed +05:30.
  .transform((v) => new Date(`${v.length === 16 ? `${v}:00` : v}+05:30`).toISOString());

/** The create-deal form, in the units a deal manager thinks in (rupees, IST, minutes). */
export const CreateDealForm = z.object({
  idempotency_key: z.string().min(16).max(64),
  listing_id: z.string().trim().min(1, "Enter the listing id").max(64),
  deal_price: rupeesField("Enter the deal price in rupees"),
  units: z.coerce.number().int().min(1).max(1_000_000),
  starts_at: localTime,
  ends_at: localTime,
  per_user_limit: z.coerce.number().int().min(1).max(10),
  active_users: z.coerce.number().int().min(1).max(1_000_000),
  new_users_per_minute: z.coerce.number().int().min(1).max(1_000_000),
  session_minutes: z.coerce.number().int().min(1).max(60),
});

/** The figures the dashboard shows, in order, with their labels; console.js refreshes each by name. */
export const FIGURES: [string, string][] = [
  ["status", "Status"],
  ["remaining", "Remaining units"],
  ["sold", "Sold"],
  ["reserved", "Reserved (awaiting payment)"],
  ["sell_rate_per_minute", "Sell rate (per minute)"],
  ["waiting", "Shoppers waiting"],
  ["admitted", "Shoppers admitted"],
  ["admission_rate_per_minute", "Admission rate (per minute)"],
];

function Field(props: { name: string; label: string; type?: string; value?: string; min?: string }) {
  return (
    <label class="field">
      {props.label}
      {/* step=1 lets a deal start on the second, not just the minute. */}
      <input
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        min={props.min}
        step={props.type === "datetime-local" ? "1" : undefined}
        required
      />
    </label>
  );
}

async function renderIndex(c: Context<AppEnv>, fetchApi: ApiFetch, error?: string) {
  const res = await callApi<{ items: Deal[] }>(c, fetchApi, "/api/deals");
  const deals = res.ok ? res.data.items : [];
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Deals console">
      <h1>Deals console</h1>
      <Flash error={error ?? (res.ok ? undefined : problemMessage(res.problem))} />
      <section class="panel" aria-labelledby="new-deal-h">
        <h2 id="new-deal-h">Create a flash deal</h2>
        <form method="post" action="/deals-console" class="stack">
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="idempotency_key" value={crypto.randomUUID()} />
          <Field name="listing_id" label="Listing id" />
          <Field name="deal_price" label="Deal price (₹)" />
          <Field name="units" label="Units" type="number" min="1" />
          <Field name="starts_at" label="Starts (IST)" type="datetime-local" />
          <Field name="ends_at" label="Ends (IST)" type="datetime-local" />
          <Field name="per_user_limit" label="Limit per shopper" type="number" min="1" value="1" />
          <fieldset>
            <legend>Waiting room</legend>
            <Field name="active_users" label="Shoppers shopping at once" type="number" min="1" value="100" />
            <Field name="new_users_per_minute" label="New shoppers let in per minute" type="number" min="1" value="60" />
            <Field name="session_minutes" label="Minutes an admitted shopper has to buy" type="number" min="1" value="10" />
          </fieldset>
          <button type="submit" class="primary">
            Create deal
          </button>
        </form>
      </section>
      <h2>Live and upcoming deals</h2>
      <ul class="console-list">
        {deals.map((d) => (
          <li>
            <a href={`/deals-console/${encodeURIComponent(d.id)}`}>{d.product_title ?? d.title ?? d.id}</a> — {money(d.deal_price)} ·{" "}
            {dealPhase(d)} · {when(d.starts_at)} to {when(d.ends_at)}
          </li>
        ))}
      </ul>
    </Layout>,
  );
}

/** Registers the deal manager's console: create a deal, and a live dashboard per deal with pause, resume and end. */
export function registerDealsConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/deals-console", (c) => consoleGuard(c, "deal_manager") ?? renderIndex(c, fetchApi));

  app.post("/deals-console", async (c) => {
    const denied = consoleGuard(c, "deal_manager");
    if (denied) return denied;
    const parsed = CreateDealForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderIndex(c, fetchApi, parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join(". "));
    }
    const { active_users, new_users_per_minute, session_minutes, idempotency_key, ...deal } = parsed.data;
    const res = await callApi<{ id: string }>(c, fetchApi, "/api/admin/deals", {
      method: "POST",
      headers: { "idempotency-key": idempotency_key },
      body: { ...deal, waiting_room: { active_users, new_users_per_minute, session_minutes } },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderIndex(c, fetchApi, problemMessage(res.problem));
    }
    return c.redirect(`/deals-console/${encodeURIComponent(res.data.id)}`, 303);
  });

  app.get("/deals-console/:id", async (c) => {
    const denied = consoleGuard(c, "deal_manager");
    if (denied) return denied;
    const id = c.req.param("id");
    const res = await callApi<DealFigures>(c, fetchApi, `/api/admin/deals/${encodeURIComponent(id)}`);
    if (!res.ok) answerProblem(c, res.problem);
    // The gate's live figures sit under `figures`; the deal's own fields (status, units) beside them.
    const figures: DealFigures = res.ok ? { ...res.data, ...((res.data.figures as DealFigures | undefined) ?? {}) } : {};
    const problem = res.ok ? undefined : problemMessage(res.problem);
    const named = res.ok ? await withProduct(c, fetchApi, res.data as unknown as Deal) : null;
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Deal dashboard" scripts={["console.js"]}>
        <h1>{named?.product_title ? `Deal: ${named.product_title}` : `Deal ${id}`}</h1>
        <p class="muted">Deal {id}</p>
        <Flash error={problem ?? (c.req.query("error") ? "That action was refused; see the deal's status." : undefined)} />
        <dl class="figures" data-deal-dashboard={id} aria-live="polite">
          {FIGURES.map(([name, label]) => (
            <div>
              <dt>{label}</dt>
              <dd data-figure={name}>
                {figures[name] === undefined ? "—" : name === "status" ? statusLabel(String(figures[name])) : String(figures[name])}
              </dd>
            </div>
          ))}
        </dl>
        <div class="row">
          {(["pause", "resume", "end"] as const).map((action) => (
            <form
              method="post"
              action={`/deals-console/${encodeURIComponent(id)}/${action}`}
              data-confirm={action === "end" ? "End this deal now? Unsold units go back to stock." : undefined}
            >
              <CsrfField token={c.var.csrfToken} />
              <button type="submit" class={action === "end" ? "danger" : ""}>
                {action === "pause" ? "Pause" : action === "resume" ? "Resume" : "End deal"}
              </button>
            </form>
          ))}
        </div>
        <p>
          <a href={`/deals/${encodeURIComponent(id)}`}>Shopper's view of this deal</a> · <a href="/deals-console">All deals</a>
        </p>
      </Layout>,
    );
  });

  app.post("/deals-console/:id/:action{pause|resume|end}", async (c) => {
    const denied = consoleGuard(c, "deal_manager");
    if (denied) return denied;
    const id = encodeURIComponent(c.req.param("id"));
    const res = await callApi(c, fetchApi, `/api/admin/deals/${id}/${c.req.param("action")}`, { method: "POST", body: {} });
    return c.redirect(`/deals-console/${id}${res.ok ? "" : "?error=1"}`, 303);
  });
}
