// The search box's as-you-type suggestions, following the ARIA combobox pattern: focus stays in the
// input, aria-activedescendant names the highlighted option, ArrowUp/ArrowDown move, Enter picks the
// highlighted option (or lets the form submit when none is), Escape closes.

import { el, markedWordStarts } from "./dom.js";

const DEBOUNCE_MS = 120;

/**
 * Wires `input` and `listbox`. `fetchOptions(text, signal)` resolves to suggestions ({text, kind, count,
 * url}); `onPick(suggestion)` is called when one is chosen by key or pointer.
 */
export function combobox(input, listbox, { fetchOptions, onPick, describe }) {
  let options = [];
  let active = -1;
  let timer = 0;
  let inFlight = null;
  let lastAsked = null;

  const isOpen = () => !listbox.hidden;

  function open() {
    if (options.length > 0) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  /** Hides the list, and drops any suggestions still on their way: they would pop up over the results. */
  function close() {
    clearTimeout(timer);
    inFlight?.abort();
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    setActive(-1);
  }

  function setActive(index) {
    active = index;
    listbox.querySelectorAll("[role=option]").forEach((node, i) => {
      node.setAttribute("aria-selected", String(i === index));
      if (i === index) {
        input.setAttribute("aria-activedescendant", node.id);
        node.scrollIntoView({ block: "nearest" });
      }
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    }
  }

  /** Shows `list`, the suggestions for `typed`, with the typed words marked. */
  function render(list, typed = "") {
    options = list;
    active = -1;
    listbox.replaceChildren(...list.map((s, i) => {
      const { label, meta, kind } = describe(s);
      return el("li", {
        id: `${listbox.id}-${i}`,
        role: "option",
        "aria-selected": "false",
        class: `option option-${kind}`,
        onmousedown: (e) => e.preventDefault(), // keep focus in the input
        onclick: () => pick(i),
      }, el("span", { class: "option-label" }, markedWordStarts(label, typed)),
      meta ? el("span", { class: "option-meta" }, meta) : null);
    }));
    if (list.length > 0 && document.activeElement === input) {
      open();
    } else {
      close();
    }
  }

  function pick(index) {
    const chosen = options[index];
    close();
    if (chosen) {
      onPick(chosen);
    }
  }

  async function ask(text) {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const list = await fetchOptions(text, controller.signal);
      if (inFlight === controller && input.value.trim() === text) {
        render(list, text);
      }
    } catch (e) {
      if (e.name !== "AbortError" && inFlight === controller) {
        render([]); // suggestions are a nicety: the search itself reports errors
      }
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text === lastAsked && options.length > 0) {
      open();
      return;
    }
    lastAsked = text;
    if (!text) {
      inFlight?.abort();
      render([]);
      return;
    }
    timer = setTimeout(() => ask(text), DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (e) => {
    if (e.isComposing) {
      return;
    }
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (options.length === 0) {
          return;
        }
        e.preventDefault();
        if (!isOpen()) {
          open();
          setActive(e.key === "ArrowDown" ? 0 : options.length - 1);
          return;
        }
        const step = e.key === "ArrowDown" ? 1 : -1;
        // Past either end the highlight goes back to the input (-1), as in most search boxes.
        let next = active + step;
        if (next >= options.length) {
          next = -1;
        } else if (next < -1) {
          next = options.length - 1;
        }
        setActive(next);
        return;
      }
      case "Enter":
        if (isOpen() && active >= 0) {
          e.preventDefault();
          pick(active);
        } else {
          close(); // and the form submits the typed text
        }
        return;
      case "Escape":
        if (isOpen()) {
          e.preventDefault(); // a search input would clear itself otherwise
          close();
        }
        return;
      case "Tab":
        close();
        return;
      default:
    }
  });

  input.addEventListener("blur", () => close());
  input.addEventListener("focus", () => open());

  return {
    close,
    /** Forgets the options, after the box's text was set by the page rather than typed. */
    reset() {
      clearTimeout(timer);
      inFlight?.abort();
      lastAsked = input.value.trim();
      render([]);
    },
  };
}
