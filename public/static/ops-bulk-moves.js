// "Select all on this page" on an ops queue, in place. Without scripts the link reloads the queue
// with every box ticked (or none), which works too; here it ticks or clears the page's boxes without
// losing what ops were looking at, and follows the boxes as they are ticked by hand.
(() => {
  /** What the link offers once `boxes` are as they are: clearing once every one is ticked, else selecting all. */
  const offer = (boxes) => (boxes.length > 0 && boxes.every((box) => box.checked) ? "clear" : "all");

  globalThis.bazaarBulkMoves = { offer };

  const form = globalThis.document?.querySelector("form[data-bulk-moves]");
  const link = form?.querySelector("a[data-select-all]");
  if (!form || !link) return;
  const boxes = () => [...document.querySelectorAll(`input[type="checkbox"][name="order_ids"][form="${form.id}"]`)];
  const show = () => {
    const next = offer(boxes());
    link.dataset.selectAll = next;
    link.textContent = next === "clear" ? "Clear the selection" : "Select all on this page";
  };
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const tick = offer(boxes()) === "all";
    for (const box of boxes()) box.checked = tick;
    show();
  });
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === "order_ids") show();
  });
  show();
})();
