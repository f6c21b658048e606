import { type Problem, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";

/** The counters of an inventory audit, as `GET /api/admin/inventory/{sku}/audit` gives them. */
const COUNTERS = ["initial", "received", "available", "allocated", "reserved", "sold", "returned", "damaged"] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

/** The audit of one SKU as the API answers it. */
export interface AuditView extends Counters {
  sku_id: string;
  conserved: boolean;
  journal: Counters;
  journal_agrees: boolean;
  journal_entries: number;
  warehouses: Array<Counters & { warehouse_id: string; conserved: boolean }>;
}

/**
 * One SKU's audit on the ops page: whether it is conserved, its counters, whether the journal
 * agrees with them (a counter moved without a journal row shows there), and each warehouse's
 * counters, as ops need to find where a unit went. An unknown SKU says so in the API's words.
 */
export function AuditResult(props: { audit: { ok: true; data: AuditView } | { ok: false; problem: Problem } }) {
  if (!props.audit.ok) {
    const p = props.audit.problem;
    return <p role="alert">{p.status === 404 && p.detail ? `${p.detail} Check the listing id.` : problemMessage(p)}</p>;
  }
  const a = props.audit.data;
  return (
    <>
      <p class={a.conserved ? "ok" : "error"} data-audit-result>
        {a.conserved ? "Conserved: every unit is accounted for." : "NOT conserved: units are missing or duplicated."}
      </p>
      <p data-journal-agrees>
        {a.journal_agrees
          ? `The journal's ${a.journal_entries.toLocaleString("en-IN")} entries add up to these counters.`
          : `The journal's ${a.journal_entries.toLocaleString("en-IN")} entries do not add up to these counters: a counter moved without a journal entry, or the reverse.`}
      </p>
      <TableScroll label={`Stock of ${a.sku_id} by warehouse`}>
        <table class="data" data-audit-warehouses>
          <caption>Stock of {a.sku_id} by warehouse</caption>
          <ColumnHeads columns={["Warehouse", ...COUNTERS.map((k) => k.replace(/^./, (c) => c.toUpperCase())), "Conserved"]} />
          <tbody>
            {a.warehouses.map((w) => (
              <tr>
                <th scope="row">{w.warehouse_id}</th>
                {COUNTERS.map((k) => (
                  <td>{w[k].toLocaleString("en-IN")}</td>
                ))}
                <td>{w.conserved ? "Yes" : "No"}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" class="words">
                All warehouses
              </th>
              {COUNTERS.map((k) => (
                <td>{a[k].toLocaleString("en-IN")}</td>
              ))}
              <td>{a.conserved ? "Yes" : "No"}</td>
            </tr>
            {!a.journal_agrees && (
              <tr>
                <th scope="row" class="words">
                  From the journal
                </th>
                {COUNTERS.map((k) => (
                  <td>{a.journal[k].toLocaleString("en-IN")}</td>
                ))}
                <td />
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      {/* A seeded SKU counted down shows a negative receipt, which reads as an error without this. */}
      <p class="muted" data-received-net>
        Received is net of stock counts: a count that found fewer units on the shelf than the books held is a negative receipt.
      </p>
    </>
  );
}
