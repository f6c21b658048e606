// Submits a results page's filter form as soon as the shopper makes a choice with a pointer. A
// keyboard user arrowing through a sort list or a row of radio buttons changes the value at every
// key press, and a page load per key would lose their place (WCAG 3.2.2); one ticking boxes with
// Space would be sent back to the top of the page after each, to tab through the filters again.
// So choices made from the keyboard wait for the form's Apply button, as does a typed price.
// Without scripts the Apply button is the only way, and it is always there.
(() => {
  /** Whether a change to `control` submits its form at once; `lastInput` is how the shopper last acted on the form. */
  const autoSubmits = (control, lastInput) => {
    if (control.type === "checkbox" || control.type === "radio" || control.type === "select-one") return lastInput === "pointer";
    return false;
  };

  globalThis.bazaarFilters = { autoSubmits };

  // The page folds the filters, for a phone; where there is room beside the results they stay open.
  if (globalThis.matchMedia?.("(min-width: 720px)").matches) {
    for (const box of globalThis.document?.querySelectorAll("details[data-open-wide]") ?? []) box.open = true;
  }

  for (const form of globalThis.document?.querySelectorAll("form[data-autosubmit]") ?? []) {
    // A key press always comes before the change it causes, and so does a click or tap.
    let lastInput = "keyboard";
    form.addEventListener("keydown", () => {
      lastInput = "keyboard";
    });
    form.addEventListener("pointerdown", () => {
      lastInput = "pointer";
    });
    form.addEventListener("change", (event) => {
      if (autoSubmits(event.target, lastInput)) form.requestSubmit();
    });
  }
})();
