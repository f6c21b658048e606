// How the pages write delivery dates, in the server's own format (deliveryDateLabel in
// workers/delivery/estimate.ts), so a date the script writes reads as one the server drew.

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar date (YYYY-MM-DD) as "Thu, 3 Dec". */
export const dateLabel = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

/** A paragraph of `text`, as the delivery answers are written. */
export const paragraph = (text, className) => {
  const p = document.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
};

/** Why the delivery API refused a PIN code, in its words; null for any other answer. */
export const pincodeRefusal = (r) => {
  const errors = r.status === 400 && Array.isArray(r.data?.errors) ? r.data.errors : [];
  return errors.find((e) => e.path === "pincode")?.message ?? null;
};
