import type { Context, Hono } from "hono";
import { z } from "zod";
import { CARRIERS, OTHER_CARRIER } from "../../orders/carriers";
import { SHIPMENT_STATUSES } from "../../orders/shipment";
import type { OrderStatus } from "../../orders/state-machine";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "../api";
import { whenIst } from "../format";
import { CsrfField } from "../layout";
import { ShipmentLine } from "../shipment-line";
import type { Shipment } from "../types";
import { actorWords } from "./actor-words";
import { consoleGuard } from "./guard";

/** The courier fields as a form posts them; the API checks what they say. */
export const ShipmentFields = z.object({
  carrier: z.string().max(20).optional(),
  carrier_name: z.string().max(60, "Keep the courier's name to 60 characters.").optional(),
  tracking_number: z.string().max(60, "Enter the tracking number (AWB) as printed on the label: it is at most 60 characters.").optional(),
});

/** The shipment a form asks for, or undefined when both courier and number were left empty (shipping without one). */
export function shipmentFromForm(
  fields: z.infer<typeof ShipmentFields>,
): { carrier: string; tracking_number: string; name?: string } | undefined {
  const carrier = fields.carrier?.trim() ?? "";
  const number = fields.tracking_number?.trim() ?? "";
  if (!carrier && !number) return undefined;
  // The name field is drawn beside every carrier; only another courier's is sent.
  const name = carrier === OTHER_CARRIER ? fields.carrier_name?.trim() : undefined;
  return { carrier, tracking_number: number, ...(name ? { name } : {}) };
}

/** Why the API refused a shipment, in the words of the fields it named, or its problem's sentence otherwise. */
export function shipmentRefusal(problem: Problem): string {
  const named = (problem.errors ?? []).filter((e) => /(^|\.)(carrier|name|tracking_number)$/.test(e.path));
  if (problem.status === 400 && named.length > 0) {
    return named.map((e) => (e.path.endsWith("carrier") ? "Choose a courier." : e.message)).join(" ");
  }
  return problemMessage(problem);
}

/** The courier fields' values: the shipment as it stands, or as a refused form typed them. */
export type CarrierValues = Pick<Shipment, "carrier" | "carrier_name" | "tracking_number">;

/** A refused shipment, as typed, for the order it was typed for. */
export interface ShipmentDraft {
  orderId: string;
  shipment: CarrierValues;
}

/** What a refused form typed into the courier fields, to draw them again with it. */
export function shipmentDraft(orderId: string, fields: z.infer<typeof ShipmentFields>): ShipmentDraft {
  return {
    orderId,
    shipment: { carrier: fields.carrier ?? "", carrier_name: fields.carrier_name ?? "", tracking_number: fields.tracking_number ?? "" },
  };
}

/** The courier, the other courier's name and the tracking number; `current` fills them in to correct it. */
export function CarrierFields(props: { required: boolean; current?: CarrierValues | null | undefined }) {
  const current = props.current;
  return (
    <div class="carrier-fields">
      <label class="carrier-field">
        Courier{" "}
        <select name="carrier" required={props.required}>
          <option value="">{props.required ? "Choose…" : "Add later"}</option>
          {Object.entries(CARRIERS).map(([id, c]) => (
            <option value={id} selected={current?.carrier === id}>
              {c.name}
            </option>
          ))}
          <option value={OTHER_CARRIER} selected={current?.carrier === OTHER_CARRIER}>
            Other courier
          </option>
        </select>
      </label>
      <label class="carrier-field">
        Other courier's name{" "}
        <input name="carrier_name" maxlength={60} value={current?.carrier === OTHER_CARRIER ? current.carrier_name : ""} />
      </label>
      <label class="carrier-field">
        AWB / tracking number{" "}
        <input name="tracking_number" maxlength={60} required={props.required} autocomplete="off" value={current?.tracking_number ?? ""} />
      </label>
    </div>
  );
}

/** A setting of the shipment as ops' audit shows it. */
interface TrailEntry {
  carrier_name: string;
  tracking_number: string;
  actor: string;
  actor_name?: string | null;
  at: string;
}

/**
 * The ops order page's shipment: what the shopper is shown, a form to add or correct it while the
 * order is out for delivery or just delivered, and every earlier setting with who made it and when.
 */
export function ShipmentPanel(props: {
  order: { id: string; status: string; shipment?: Shipment | null; shipment_trail?: TrailEntry[] };
  csrf: string | null;
  /** A correction refused, as typed: drawn in the form instead of the shipment as it stands. */
  draft?: CarrierValues | undefined;
}) {
  const o = props.order;
  const editable = SHIPMENT_STATUSES.includes(o.status as OrderStatus);
  const trail = o.shipment_trail ?? [];
  if (!editable && !o.shipment) return null;
  return (
    <section class="panel" aria-labelledby="shipment-h" data-shipment-panel>
      <h2 id="shipment-h">Shipment</h2>
      {o.shipment ? <ShipmentLine shipment={o.shipment} /> : <p class="muted">No courier or tracking number given yet.</p>}
      {editable && (
        <form method="post" action={`/ops/orders/${encodeURIComponent(o.id)}/shipment`} class="row-form" data-shipment-form>
          <CsrfField token={props.csrf} />
          <CarrierFields required current={props.draft ?? o.shipment} />
          <button type="submit">{o.shipment ? "Correct shipment" : "Add shipment"}</button>
        </form>
      )}
      {trail.length > 1 && (
        <details data-shipment-trail>
          <summary>Earlier settings ({trail.length - 1})</summary>
          <ol>
            {trail.slice(0, -1).map((t) => (
              <li>
                {t.carrier_name} · AWB {t.tracking_number}{" "}
                <span class="muted">
                  set by {actorWords(t.actor, t.actor_name)} <time datetime={t.at}>{whenIst(t.at)}</time>
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

/**
 * Registers the shipment form's post: it sets or corrects the order's shipment through the API and
 * comes back to the order, or draws the order page again saying why it was refused.
 */
export function registerShipmentForm(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  renderOrder: (c: Context<AppEnv>, id: string, error: string, draft?: ShipmentDraft) => Response | Promise<Response>,
): void {
  app.post("/ops/orders/:id/shipment", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const id = c.req.param("id");
    const parsed = ShipmentFields.safeParse(await c.req.parseBody());
    const shipment = parsed.success ? shipmentFromForm(parsed.data) : undefined;
    const draft = parsed.success ? shipmentDraft(id, parsed.data) : undefined;
    if (!shipment) {
      c.status(400);
      return renderOrder(c, id, "Choose a courier and give its tracking number.", draft);
    }
    const res = await callApi(c, fetchApi, `/api/admin/orders/${encodeURIComponent(id)}/shipment`, { method: "PUT", body: shipment });
    if (!res.ok) {
      answerProblem(c, res.problem);
      // Said as refused, so the shipment as it stands is not taken for the correction.
      return renderOrder(c, id, `Not saved: ${shipmentRefusal(res.problem)}`, draft);
    }
    return c.redirect(`/ops/orders/${encodeURIComponent(id)}?done=shipment`, 303);
  });
}
