/** What a seller's profile says about invoicing, as GET /api/seller/profile answers it. */
export interface InvoicingState {
  can_invoice: boolean;
  invoice_blocker: { reason: "no_gstin" | "invalid_gstin"; message: string } | null;
}

/**
 * The seller console's warning while no tax invoice can be issued for the seller's sales: ops cannot
 * ship an order holding its items until it has a valid GSTIN. Nothing when invoicing works, or when
 * the profile could not be read (the console says nothing it does not know).
 */
export function GstinWarning(props: { profile: InvoicingState | null; linkToProfile: boolean }) {
  const p = props.profile;
  if (!p || p.can_invoice) return null;
  const invalid = p.invoice_blocker?.reason === "invalid_gstin";
  const what = invalid ? "correct your GSTIN" : "add your GSTIN";
  return (
    <div class="panel warning" role="alert" data-gstin-warning>
      <p>
        <strong>Orders with your items can't ship until you {what}.</strong> No tax invoice can be issued for your sales without a valid
        one.
      </p>
      {props.linkToProfile && (
        <p>
          <a href="/seller/profile#business">{invalid ? "Correct it" : "Add it"} on your profile</a>
        </p>
      )}
    </div>
  );
}
