import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import type { BulkUpdateResult } from "../../sellers/bulk-schemas";
import { type ApiFetch, answerProblem, apiRequest, callApi, type Problem, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { Layout } from "../layout";
import { consoleGuard, Flash } from "./guard";
import { SellerNav, waitingQuestions } from "./seller-nav";

const KEY = /^[A-Za-z0-9-]{8,128}$/;

const OUTCOME: Record<BulkUpdateResult["rows"][number]["outcome"], string> = {
  updated: "Updated",
  unchanged: "Unchanged",
  conflict: "Not applied",
};

/** The validation errors of a refused file, by row, as the API named them (`rows.12.price`). */
function RowErrors(props: { problem: Problem }) {
  const errors = props.problem.errors ?? [];
  const more = Number(props.problem.more_errors ?? 0);
  return (
    <section class="panel" data-bulk-errors>
      <h2>Rows to fix</h2>
      <p>
        Nothing was changed. Fix these rows and upload the whole file again. Rows are counted after the header: row 1 is the spreadsheet's
        row 2.
      </p>
      <TableScroll label="Rows to fix">
        <table class="data">
          <ColumnHeads columns={["Row", "Column", "Problem"]} />
          <tbody>
            {errors.map((e) => {
              const [, row, field] = /^rows\.(\d+)\.(.+)$/.exec(e.path) ?? [];
              return (
                <tr data-error-row={row ?? ""}>
                  <td>{row ?? "—"}</td>
                  <td>{field ?? e.path}</td>
                  <td>{e.message}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {more > 0 && <p data-more-errors>…and {more} more errors not listed.</p>}
    </section>
  );
}

/** What became of each row of an applied file. */
function RowOutcomes(props: { result: BulkUpdateResult }) {
  const { counts, rows } = props.result;
  return (
    <section class="panel" data-bulk-results>
      <h2>Results</h2>
      <p data-bulk-counts>
        {counts.updated} updated, {counts.unchanged} unchanged, {counts.conflict} not applied.
        {counts.updated > 0 && " Shoppers see the changes shortly."}
      </p>
      <TableScroll label="Results">
        <table class="data">
          <ColumnHeads columns={["Row", "Listing", "Warehouse", "Outcome"]} />
          <tbody>
            {rows.map((r) => (
              <tr data-row={r.row} data-outcome={r.outcome}>
                <td>{r.row}</td>
                <td>{r.listing_id}</td>
                <td>{r.warehouse_id ?? "—"}</td>
                <td>
                  {OUTCOME[r.outcome]}
                  {r.reason && <div class="muted">{r.reason}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

async function renderBulk(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  shown: { result?: BulkUpdateResult; problem?: Problem; error?: string } = {},
) {
  // After an upload, read once its batch is done: listings it switched on or off count already.
  const questions = await waitingQuestions(c, fetchApi);
  const refused = shown.problem && shown.problem.status === 400 && shown.problem.errors?.some((e) => e.path.startsWith("rows."));
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Bulk update · Seller console">
      <h1>Bulk update</h1>
      <SellerNav current="/seller/bulk" questions={questions} />
      <Flash error={shown.error ?? (shown.problem && !refused ? problemMessage(shown.problem) : undefined)} />
      <section class="panel">
        <p>
          Change the price, MRP, status and stock of many listings at once from a CSV file of up to 1,000 rows. Start from{" "}
          <a href="/seller/bulk/template.csv" download data-bulk-template>
            your listings as a CSV
          </a>{" "}
          with their current values, edit it in a spreadsheet and upload it here.
        </p>
        <p class="muted">
          Columns: listing_id, price and mrp in rupees (like 1299 or 1299.50), active (true or false), warehouse_id and available (the units
          for sale there). Leave a cell empty to keep that value. Leave stock_version as the file has it: a row whose stock sold or moved
          since you downloaded the file is not applied, so no sale is counted back. Every row is checked first: if any row has a mistake,
          nothing is changed and the rows to fix are listed.
        </p>
        <form method="post" action="/seller/bulk" enctype="multipart/form-data" data-bulk-form>
          <input type="hidden" name="_csrf" value={c.var.csrfToken ?? ""} />
          {/* Drawn with the form, so sending it twice (a double click, a refresh) applies it once. */}
          <input type="hidden" name="key" value={`bulk-${crypto.randomUUID()}`} />
          <label>
            CSV file <input type="file" name="file" accept=".csv,text/csv" required />
          </label>
          <button type="submit" class="button primary">
            Upload and apply
          </button>
        </form>
      </section>
      {refused && shown.problem && <RowErrors problem={shown.problem} />}
      {shown.result && <RowOutcomes result={shown.result} />}
    </Layout>,
  );
}

/** Registers the seller console's Bulk update tab: the upload form, the template download and the results. */
export function registerSellerBulk(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/bulk", (c) => consoleGuard(c, "seller") ?? renderBulk(c, fetchApi));

  app.get("/seller/bulk/template.csv", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const res = await fetchApi(await apiRequest(c, "/api/seller/listings/bulk/template"), c.env, c.executionCtx);
    if (!res.ok) {
      const problem = ((await res.json().catch(() => ({}))) ?? {}) as Problem;
      problem.status = res.status;
      answerProblem(c, problem);
      return renderBulk(c, fetchApi, { problem });
    }
    return c.body(await res.text(), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": res.headers.get("content-disposition") ?? "attachment",
    });
  });

  app.post("/seller/bulk", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const file = form.file;
    const key = typeof form.key === "string" && KEY.test(form.key) ? form.key : null;
    if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
      c.status(400);
      return renderBulk(c, fetchApi, { error: "Choose a CSV file to upload." });
    }
    if (file.size === 0) {
      c.status(400);
      return renderBulk(c, fetchApi, {
        error: `${file.name} is empty. Save the spreadsheet as CSV, with its header row and a row per change, and choose it again.`,
      });
    }
    if (!key) {
      c.status(400);
      return renderBulk(c, fetchApi, {
        error: "This form came from an older copy of the page, so nothing was changed. Choose the file again.",
      });
    }
    const res = await callApi<BulkUpdateResult>(c, fetchApi, "/api/seller/listings/bulk", {
      method: "POST",
      raw: { type: "text/csv", text: await file.text() },
      headers: { "idempotency-key": key },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderBulk(c, fetchApi, { problem: res.problem });
    }
    return renderBulk(c, fetchApi, { result: res.data });
  });
}
