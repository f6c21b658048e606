/** The lines of a delivery address in the order a parcel label has them. */
const ADDRESS_LINES = ["name", "line1", "line2", "city", "state", "pincode", "phone"] as const;

/** An order's delivery address, a line per field it has. */
export function OrderAddress(props: { address: Record<string, string> | null | undefined }) {
  const address = props.address ?? {};
  return (
    <address data-order-address>
      {ADDRESS_LINES.filter((k) => address[k]).map((k) => (
        <>
          {address[k]}
          <br />
        </>
      ))}
    </address>
  );
}
