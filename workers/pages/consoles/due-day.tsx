import { deliveryDateLabel, istDate } from "../../delivery/estimate";

/** Beside a day an order had to be handed over or delivered by: "Late", as a tag, once that day is past. */
export function LateTag({ late }: { late: boolean }) {
  if (!late) return null;
  return (
    <>
      {" "}
      <span class="tag" data-late>
        Late
      </span>
    </>
  );
}

/** The day an order on its way is due by, with the Late tag once it is past in India; a dash when there is none. */
export function DueDay({ date }: { date: string | null }) {
  if (!date) return <span class="muted">—</span>;
  return (
    <>
      {deliveryDateLabel(date)}
      <LateTag late={istDate(new Date()) > date} />
    </>
  );
}
