import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { deliveryDateLabel } from "../../delivery/estimate";
import type { CourierHoliday, CourierHolidayList } from "../../delivery/holiday-schemas";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { Field } from "../field-error";
import { CsrfField, Layout } from "../layout";
import { consoleGuard, Flash } from "./guard";
import { OpsNav } from "./ops-nav";

const PAGE = "/ops/holidays";

/** What the last action did, from the redirect after it. */
const DONE_WORDS: Readonly<Record<string, string>> = {
  added: "Holiday added. Delivery dates and pack-by days skip it within a minute.",
  removed: "Holiday removed. Delivery dates and pack-by days count the day again within a minute.",
};

type AddField = "date" | "name";

/** The add form as it was sent back: its values, and what the API said is wrong with them. */
interface Refused {
  values?: Record<AddField, string>;
  errors?: Partial<Record<AddField, string>>;
  error?: string;
}

/** "Fri, 29 Oct 2027": a holiday may be months ahead, so the year is said. */
const dateWords = (date: string) => `${deliveryDateLabel(date)} ${date.slice(0, 4)}`;

async function renderHolidays(c: Context<AppEnv>, fetchApi: ApiFetch, refused: Refused = {}) {
  const res = await callApi<CourierHolidayList>(c, fetchApi, "/api/admin/courier-holidays");
  const calendar = res.ok ? res.data : null;
  const csrf = c.var.csrfToken;
  const values = refused.values ?? { date: "", name: "" };
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={csrf} title="Courier holidays · Operations">
      <h1>Courier holidays</h1>
      <OpsNav current={PAGE} />
      <Flash
        ok={refused.error || refused.errors ? undefined : DONE_WORDS[c.req.query("done") ?? ""]}
        error={refused.error ?? (res.ok ? undefined : problemMessage(res.problem))}
      />
      <p class="muted">
        Nothing is dispatched or delivered on these days: shoppers' delivery dates and sellers' pack-by days skip them, within a minute of a
        change.
        {calendar && ` ${calendar.national.map((n) => n.name).join(", ")} close every year and need no entry.`}
      </p>
      {calendar && (
        <section class="panel" aria-labelledby="upcoming-h" data-upcoming-holidays>
          <h2 id="upcoming-h">Upcoming</h2>
          {calendar.upcoming.length === 0 ? (
            <p class="muted">No holidays ahead. Add the year's festivals as soon as they are gazetted.</p>
          ) : (
            <TableScroll label="Upcoming holidays">
              <table class="data">
                <ColumnHeads columns={["Date", "Holiday", "Added by", "Remove"]} />
                <tbody>
                  {calendar.upcoming.map((h) => (
                    <HolidayRow holiday={h}>
                      <td>
                        <form method="post" action={`${PAGE}/${h.date}/remove`} class="row-form">
                          <CsrfField token={csrf} />
                          <button type="submit" class="danger">
                            Remove
                          </button>
                        </form>
                      </td>
                    </HolidayRow>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      )}
      <form method="post" action={PAGE} class="panel" data-add-holiday>
        <h2>Add a holiday</h2>
        <p class="muted">A festival, a courier strike, a bandh: any day couriers close, today or later (IST).</p>
        <CsrfField token={csrf} />
        <Field label="Date" name="date" type="date" value={values.date} min={calendar?.today} error={refused.errors?.date} />
        <Field label="Holiday" name="name" value={values.name} error={refused.errors?.name} />
        <button type="submit">Add holiday</button>
      </form>
      {calendar && calendar.recent.length > 0 && (
        <section class="panel" aria-labelledby="recent-h" data-recent-holidays>
          <h2 id="recent-h">Recent</h2>
          <TableScroll label="Recent holidays">
            <table class="data">
              <ColumnHeads columns={["Date", "Holiday", "Added by"]} />
              <tbody>
                {calendar.recent.map((h) => (
                  <HolidayRow holiday={h} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </Layout>,
  );
}

/** A holiday's row: its day, name and who added it, then whatever cells follow (a Remove button). */
function HolidayRow(props: { holiday: CourierHoliday; children?: Child }) {
  const h = props.holiday;
  return (
    <tr data-holiday={h.date}>
      <td class="words">
        <time datetime={h.date}>{dateWords(h.date)}</time>
      </td>
      <td class="words">{h.name}</td>
      <td class="words">
        <AddedBy holiday={h} />
      </td>
      {props.children}
    </tr>
  );
}

function AddedBy(props: { holiday: CourierHoliday }) {
  const h = props.holiday;
  if (!h.added_by) return <span class="muted">Carried over</span>;
  return <>{h.added_by_name ?? <code>{h.added_by}</code>}</>;
}

const isAddField = (name: string): name is AddField => name === "date" || name === "name";

/** Registers the ops console's courier holiday calendar: the days ahead with Remove buttons, and the add form. */
export function registerOpsHolidays(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(PAGE, (c) => consoleGuard(c, "ops") ?? renderHolidays(c, fetchApi));

  app.post(PAGE, async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const values = { date: String(form.date ?? ""), name: String(form.name ?? "") };
    // The API checks the fields, so the page and every other client are refused in the same words.
    const res = await callApi(c, fetchApi, "/api/admin/courier-holidays", { method: "POST", body: values });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const errors: Partial<Record<AddField, string>> = {};
      for (const e of res.problem.errors ?? []) if (isAddField(e.path)) errors[e.path] ??= e.message;
      return renderHolidays(c, fetchApi, {
        values,
        errors,
        ...(Object.keys(errors).length === 0 ? { error: res.problem.detail ?? problemMessage(res.problem) } : {}),
      });
    }
    return c.redirect(`${PAGE}?done=added`, 303);
  });

  app.post(`${PAGE}/:date/remove`, async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    // An empty body, so the in-process call carries the CSRF proof the page request gave.
    const res = await callApi(c, fetchApi, `/api/admin/courier-holidays/${encodeURIComponent(c.req.param("date"))}`, {
      method: "DELETE",
      body: {},
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderHolidays(c, fetchApi, { error: res.problem.detail ?? problemMessage(res.problem) });
    }
    return c.redirect(`${PAGE}?done=removed`, 303);
  });
}
