import type { Shipment } from "./types";

/**
 * "Shipped via Delhivery · AWB 1234567890123 · Track your package": the courier, the number to
 * quote to it, and its own tracking page (a new tab on the carrier's site, which learns nothing of
 * this page). A courier not on the list has no page to link; the number is still there to quote.
 */
export function ShipmentLine(props: { shipment: Shipment | null | undefined }) {
  const s = props.shipment;
  if (!s) return null;
  return (
    <p data-shipment={s.carrier}>
      Shipped via <strong data-shipment-carrier>{s.carrier_name}</strong> · AWB <span data-shipment-number>{s.tracking_number}</span>
      {s.tracking_url && (
        <>
          {" · "}
          <a href={s.tracking_url} target="_blank" rel="noopener noreferrer" data-track-link>
            Track your package
          </a>
        </>
      )}
    </p>
  );
}
