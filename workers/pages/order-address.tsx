/**
 * An order's delivery address the way a parcel label and an Indian address are written: the name,
 * the street lines, then town, state and PIN code on one line ("Bengaluru, Karnataka 560038"), then
 * the phone. A field per line split the town from its PIN code and read as a list of facts.
 */
export function addressLines(address: Record<string, string>): string[] {
  const place = [address.city, address.state].filter(Boolean).join(", ");
  const lastLine = [place, address.pincode].filter(Boolean).join(" ");
  const phone = address.phone ? `Phone ${address.phone}` : "";
  return [address.name, address.line1, address.line2, lastLine, phone].filter((l): l is string => Boolean(l));
}

/** An order's delivery address, as `addressLines` sets it out. */
export function OrderAddress(props: { address: Record<string, string> | null | undefined }) {
  return (
    <address data-order-address>
      {addressLines(props.address ?? {}).map((line) => (
        <>
          {line}
          <br />
        </>
      ))}
    </address>
  );
}
