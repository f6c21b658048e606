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
