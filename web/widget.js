/*
 * blogsearch widget: a search box with a results dropdown, and optionally "related posts", for any blog.
 *
 *   <script src="https://search.example/widget.js" data-blogsearch="https://search.example" defer></script>
 *
 * The box goes into every <div data-blogsearch-box> on the page, or right after the script tag if there is
 * none. With data-related on the script, posts related to this page (its <link rel="canonical">, else its
 * address) go into <div data-blogsearch-related>, or after the box. The API base defaults to the script's
 * origin; the server must allow this page's origin (blogsearch serve --cors-origin https://blog.example).
 *
 * Everything lives in a shadow root, so the page's CSS and the widget's cannot touch each other; colors
 * and fonts can still be set from outside with the --blogsearch-* custom properties.
 * Post content is untrusted: plain fields go in as text, and the API's marked HTML fields are rebuilt
 * as text nodes and <mark> elements, never assigned as HTML.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script) {
    return; // loaded as a module or injected oddly: nothing tells where we come from
  }
  const config = {
    base: (script.getAttribute("data-blogsearch") || new URL(script.src, location.href).origin).replace(/\/+$/, ""),
    placeholder: script.getAttribute("data-placeholder") || "Search posts…",
    size: clamp(Number.parseInt(script.getAttribute("data-size") || "6", 10), 1, 20, 6),
    related: script.hasAttribute("data-related"),
    relatedTitle: script.getAttribute("data-related") || "Related posts",
    theme: script.getAttribute("data-theme") || "auto",
  };
  const DEBOUNCE_MS = 180;
  let instances = 0;

  function clamp(n, min, max, fallback) {
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  }

  // ---- safe content -----------------------------------------------------------------------------

  const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

  function decodeEntities(text) {
    return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, ref) => {
      if (ref[0] !== "#") {
        return NAMED[ref.toLowerCase()] ?? whole;
      }
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }

  /** The API's escaped HTML with <mark> as text nodes and <mark> elements only. */
  function marked(html) {
    const fragment = document.createDocumentFragment();
    let mark = null;
    for (const part of String(html ?? "").split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>") {
        mark = document.createElement("mark");
        fragment.append(mark);
      } else if (part === "</mark>") {
        mark = null;
      } else if (part) {
        (mark ?? fragment).append(decodeEntities(part));
      }
    }
    return fragment;
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name.startsWith("on") && typeof value === "function") {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  function safeHref(url) {
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch {
      return null;
    }
  }

  const dates = new Intl.DateTimeFormat(undefined,
    { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const formatDate = (iso) => (iso ? dates.format(new Date(iso)) : "");

  async function api(path, params, signal) {
    let response;
    try {
      response = await fetch(`${config.base}${path}?${new URLSearchParams(params)}`, {
        signal, mode: "cors", credentials: "omit", headers: { Accept: "application/json" },
      });
    } catch (e) {
      if (e.name === "AbortError") {
        throw e;
      }
      throw await whyUnreachable(e);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(body && typeof body.error === "string" ? body.error : `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  let told = false;

  /**
   * Why a fetch failed without an answer. Browsers hide the reason from scripts, so the server is asked
   * again in "no-cors" mode, which CORS does not stop: if that answers, the server is up and does not
   * allow this page's origin, which only the site's owner can fix, so the console tells them how (once).
   */
  async function whyUnreachable(error) {
    try {
      await fetch(`${config.base}/health`, { mode: "no-cors", credentials: "omit", cache: "no-store" });
    } catch {
      return error; // no answer either way: the server is down or out of reach
    }
    if (!told) {
      told = true;
      console.error(`blogsearch widget: the search server ${config.base} does not allow pages from ${location.origin}; `
        + `start it with --cors-origin ${location.origin}`);
    }
    const notAllowed = new Error("this page's origin is not allowed by the search server");
    notAllowed.notAllowed = true;
    return notAllowed;
  }

  // ---- looks ------------------------------------------------------------------------------------

  const CSS = `
    :host { display: block; position: relative; }
    :host([hidden]) { display: none; }
    .root {
      all: initial; /* nothing the page sets on the host (font, color, spacing) is inherited past here */
      display: block;
      font-family: var(--blogsearch-font, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
      font-size: var(--blogsearch-font-size, 16px);
      line-height: 1.5;
      --bg: var(--blogsearch-bg, #ffffff);
      --text: var(--blogsearch-text, #1b1f27);
      --muted: var(--blogsearch-muted, #5b6475);
      --border: var(--blogsearch-border, #d5dae1);
      --accent: var(--blogsearch-accent, #3b5bdb);
      --active: var(--blogsearch-active, #eef2ff);
      --mark-bg: var(--blogsearch-mark, #ffec99);
      --mark-text: var(--blogsearch-mark-text, #3d2f00);
      --radius: var(--blogsearch-radius, 10px);
      color: var(--text);
    }
    .root[data-theme="dark"] {
      --bg: var(--blogsearch-bg, #161a22);
      --text: var(--blogsearch-text, #e6e9ef);
      --muted: var(--blogsearch-muted, #a3acbb);
      --border: var(--blogsearch-border, #353d4b);
      --accent: var(--blogsearch-accent, #8da2fb);
      --active: var(--blogsearch-active, #222a45);
      --mark-bg: var(--blogsearch-mark, #5a4608);
      --mark-text: var(--blogsearch-mark-text, #ffe9a3);
    }
    *, *::before, *::after { box-sizing: border-box; }
    .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
      white-space: nowrap; }
    form { margin: 0; }
    .field { position: relative; }
    .icon { position: absolute; left: 0.8em; top: 50%; width: 1.05em; height: 1.05em; transform: translateY(-50%);
      fill: none; stroke: var(--muted); stroke-width: 2.2; stroke-linecap: round; pointer-events: none; }
    input {
      width: 100%; height: 2.6em; margin: 0; padding: 0 0.9em 0 2.4em;
      border: 1px solid var(--border); border-radius: var(--radius);
      background: var(--bg); color: var(--text); font: inherit; font-size: 1em;
      appearance: none; -webkit-appearance: none;
    }
    input::placeholder { color: var(--muted); opacity: 1; }
    input:focus { outline: 3px solid color-mix(in srgb, var(--accent) 35%, transparent); outline-offset: 0;
      border-color: var(--accent); }
    .panel {
      position: absolute; z-index: 2147483000; left: 0; right: 0; top: calc(100% + 6px);
      min-width: min(22em, 92vw);
      background: var(--bg); color: var(--text);
      border: 1px solid var(--border); border-radius: var(--radius);
      box-shadow: 0 12px 32px rgb(0 0 0 / 0.16), 0 2px 6px rgb(0 0 0 / 0.08);
      overflow: hidden;
    }
    .panel[hidden] { display: none; }
    ul { list-style: none; margin: 0; padding: 4px; max-height: min(26em, 70vh); overflow-y: auto; }
    [role="option"] { padding: 0.55em 0.75em; border-radius: calc(var(--radius) - 4px); cursor: pointer; }
    [role="option"][aria-selected="true"], [role="option"]:hover { background: var(--active); }
    [role="option"][aria-selected="true"] { box-shadow: inset 3px 0 0 var(--accent); }
    .note { margin: 0; padding: 0.6em 0.9em 0.2em; color: var(--muted); font-size: 0.85em; }
    .note strong { color: var(--text); }
    .title { display: block; font-weight: 600; line-height: 1.35; overflow-wrap: anywhere; }
    .meta { display: block; margin-top: 0.1em; color: var(--muted); font-size: 0.8em; }
    .snippet { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
      margin-top: 0.2em; color: var(--text); font-size: 0.875em; opacity: 0.9; overflow-wrap: anywhere; }
    mark { background: var(--mark-bg); color: var(--mark-text); border-radius: 2px; padding: 0 0.1em; }
    .foot { display: flex; justify-content: space-between; align-items: center; gap: 1em;
      padding: 0.5em 0.9em; border-top: 1px solid var(--border); font-size: 0.8em; color: var(--muted); }
    .foot:empty { display: none; }
    .status { margin: 0; padding: 0.75em 0.9em; color: var(--muted); font-size: 0.9em; }
    .status:empty { display: none; }
    .all { color: var(--accent); font-weight: 600; text-decoration: none; white-space: nowrap; }
    .all:hover, .related a:hover { text-decoration: underline; }
    a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
    /* Related posts sit in the article's flow: they take the page's font unless --blogsearch-font says otherwise. */
    .root.flow { font-family: var(--blogsearch-font, inherit); font-size: var(--blogsearch-font-size, inherit); }
    .related h2 { margin: 0 0 0.5em; font-size: 1.1em; line-height: 1.3; }
    .related ul { padding: 0; max-height: none; display: grid; gap: 0.5em; }
    /* Title and date on one line when they fit; a date that does not fit starts the next line, flush left. */
    .related li { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.6em; }
    .related li a { color: var(--accent); font-weight: 600; text-decoration: none; overflow-wrap: anywhere; }
    .related .meta { display: inline; margin: 0; white-space: nowrap; }
  `;

  function theme(root, host) {
    const wantsDark = () => {
      if (config.theme === "dark" || config.theme === "light") {
        return config.theme === "dark";
      }
      // "auto": dark only where the page itself offers a dark look, so a light-only blog keeps a light box.
      const scheme = getComputedStyle(document.documentElement).colorScheme || "";
      return scheme.includes("dark") && matchMedia("(prefers-color-scheme: dark)").matches;
    };
    const apply = () => root.setAttribute("data-theme", wantsDark() ? "dark" : "light");
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", apply);
    apply();
    return host;
  }

  let sheet;

  /**
   * One constructed stylesheet for every instance. Unlike a <style> element it is not inline style, so a
   * blog whose Content-Security-Policy forbids inline styles still gets a styled widget.
   */
  function sharedSheet() {
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      } catch {
        sheet = null; // an older browser: fall back to a <style> element
      }
    }
    return sheet;
  }

  /** A host element of our own name, so no rule of the page that is written for divs or spans matches it. */
  function shadowHost(tagName, rootClass = "root") {
    const host = document.createElement(tagName);
    const shadow = host.attachShadow({ mode: "open" });
    const root = el("div", { class: rootClass });
    const sheet = sharedSheet();
    if (sheet) {
      shadow.adoptedStyleSheets = [sheet];
      shadow.append(root);
    } else {
      shadow.append(el("style", {}, CSS), root);
    }
    theme(root, host);
    return { host, root };
  }

  // ---- the search box ---------------------------------------------------------------------------

  function searchBox(placeholderText) {
    const n = ++instances;
    const { host, root } = shadowHost("blogsearch-box");
    const listId = `list-${n}`;
    const input = el("input", {
      id: `q-${n}`, type: "search", autocomplete: "off", spellcheck: "false", enterkeyhint: "search",
      role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId,
      placeholder: placeholderText,
    });
    const list = el("ul", { id: listId, role: "listbox", "aria-label": "Posts" });
    const note = el("p", { class: "note", hidden: true });
    const status = el("p", { class: "status", role: "status" });
    const foot = el("div", { class: "foot" });
    const panel = el("div", { class: "panel", hidden: true }, note, list, status, foot);
    const form = el("form", { role: "search", action: `${config.base}/`, method: "get" },
      el("label", { class: "hidden", for: input.id }, "Search posts"),
      el("div", { class: "field" }, svgIcon(), input),
      panel);
    root.append(form);
    input.name = "q";

    let hits = [];
    let active = -1;
    let timer = 0;
    let inFlight = null;
    let shownFor = null;

    const open = () => {
      panel.hidden = false;
      input.setAttribute("aria-expanded", String(hits.length > 0));
    };
    const close = () => {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    };
    function setActive(i) {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(result, query) {
      shownFor = query;
      hits = result.hits;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      // Options hold text only (a link inside an option would be a control inside a control): a click
      // or Enter on one opens its post.
      list.replaceChildren(...hits.map((hit, i) => {
        const meta = [formatDate(hit.published), hit.feed].filter(Boolean).join(" · ");
        return el("li", {
          id: `${listId}-${i}`, role: "option", "aria-selected": "false",
          onmousedown: (e) => e.preventDefault(), // keep focus in the input
          onclick: (e) => go(hit, e.ctrlKey || e.metaKey || e.shiftKey),
        },
        el("span", { class: "title" }, marked(hit.title_html)),
        meta ? el("span", { class: "meta" }, meta) : null,
        hit.snippet ? el("span", { class: "snippet" }, marked(hit.snippet)) : null);
      }));
      // A respelled query found the posts: say so, or a reader wonders why they match.
      note.hidden = !(result.corrected && result.did_you_mean);
      note.replaceChildren(...(note.hidden ? [] : ["Showing results for ", el("strong", {}, result.did_you_mean)]));
      status.textContent = hits.length === 0 ? `No posts match “${query}”.` : "";
      const allHref = `${config.base}/?${new URLSearchParams({ q: query })}`;
      foot.replaceChildren(...(hits.length === 0 ? [] : [
        el("span", {}, `${result.total} ${result.total === 1 ? "post" : "posts"}`),
        el("a", { class: "all", href: allHref, onmousedown: (e) => e.preventDefault() },
          result.total > hits.length ? `See all ${result.total} results →` : "Open full search →"),
      ]));
      if (document.activeElement === host) {
        open();
      }
    }

    async function search(query) {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        const result = await api("/api/search", { q: query, size: String(config.size) }, controller.signal);
        if (inFlight === controller) {
          render(result, query);
        }
      } catch (e) {
        if (e.name === "AbortError" || inFlight !== controller) {
          return;
        }
        hits = [];
        list.replaceChildren();
        note.hidden = true;
        foot.replaceChildren();
        shownFor = null;
        status.textContent = e.notAllowed ? "Search is not set up for this site."
          : e.status ? `Search failed: ${e.message}` : "Search is unavailable right now. Please try again later.";
        open();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (!query) {
        inFlight?.abort();
        shownFor = null;
        close();
        return;
      }
      timer = setTimeout(() => search(query), DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (e) => {
      if (e.isComposing) {
        return;
      }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (hits.length === 0) {
          return;
        }
        e.preventDefault();
        open();
        const step = e.key === "ArrowDown" ? 1 : -1;
        let next = active + step;
        if (next >= hits.length) {
          next = -1;
        } else if (next < -1) {
          next = hits.length - 1;
        }
        setActive(next);
      } else if (e.key === "Enter" && active >= 0 && !panel.hidden) {
        e.preventDefault();
        go(hits[active], e.ctrlKey || e.metaKey);
      } else if (e.key === "Escape" && !panel.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("focus", () => {
      if (shownFor !== null && shownFor === input.value.trim()) {
        open();
      }
    });
    // Focus leaving the whole widget (not just moving to a link in the dropdown) closes it.
    host.addEventListener("focusout", (e) => {
      if (!e.relatedTarget || !host.shadowRoot.contains(e.relatedTarget)) {
        close();
      }
    });
    form.addEventListener("submit", (e) => {
      if (!input.value.trim()) {
        e.preventDefault();
      }
      // otherwise the form goes to the full search page: <base>/?q=...
    });
    return host;
  }

  /** Opens a post, here or (with Ctrl, Cmd or Shift) in a new tab. */
  function go(hit, newTab) {
    const href = safeHref(hit.url);
    if (!href) {
      return;
    }
    if (newTab) {
      window.open(href, "_blank", "noopener");
    } else {
      location.assign(href);
    }
  }

  function svgIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const circle = document.createElementNS(ns, "circle");
    circle.setAttribute("cx", "10.5");
    circle.setAttribute("cy", "10.5");
    circle.setAttribute("r", "6.5");
    const line = document.createElementNS(ns, "path");
    line.setAttribute("d", "M15.5 15.5L21 21");
    svg.append(circle, line);
    return svg;
  }

  // ---- related posts ----------------------------------------------------------------------------

  function relatedBox(pageUrl) {
    const { host, root } = shadowHost("blogsearch-related", "root flow");
    host.hidden = true; // until there is something to show
    api("/api/similar", { url: pageUrl, size: "5" }).then((r) => {
      if (!r.posts.length) {
        return;
      }
      root.append(el("section", { class: "related", "aria-label": config.relatedTitle },
        el("h2", {}, config.relatedTitle),
        el("ul", {}, r.posts.map((p) => {
          const href = safeHref(p.url);
          return el("li", {}, el(href ? "a" : "span", { href }, p.title),
            p.published ? el("span", { class: "meta" }, formatDate(p.published)) : null);
        }))));
      host.hidden = false;
    }).catch(() => {
      // a page the index does not know (yet), or the server is away or refuses this origin (see whyUnreachable)
    });
    return host;
  }

  function pageUrl(node) {
    const given = node?.getAttribute("data-url");
    if (given) {
      return new URL(given, location.href).href;
    }
    const canonical = document.querySelector('link[rel="canonical"]');
    return canonical?.href || location.href.split("#")[0];
  }

  // ---- mounting ---------------------------------------------------------------------------------

  function mount() {
    let last = null;
    const boxes = document.querySelectorAll("[data-blogsearch-box]:not([data-blogsearch-ready])");
    for (const spot of boxes) {
      spot.setAttribute("data-blogsearch-ready", "");
      last = spot.appendChild(searchBox(spot.getAttribute("data-placeholder") || config.placeholder));
    }
    const inBody = script.parentNode !== document.head;
    if (boxes.length === 0 && !script.hasAttribute("data-blogsearch-ready")) {
      script.setAttribute("data-blogsearch-ready", "");
      if (inBody) {
        last = searchBox(config.placeholder);
        script.after(last);
      } else {
        console.warn("blogsearch widget: add <div data-blogsearch-box></div> where the search box should go");
      }
    }
    if (!config.related) {
      return;
    }
    const spots = document.querySelectorAll("[data-blogsearch-related]:not([data-blogsearch-ready])");
    for (const spot of spots) {
      spot.setAttribute("data-blogsearch-ready", "");
      spot.appendChild(relatedBox(pageUrl(spot)));
    }
    const anchor = last ?? (inBody ? script : null);
    if (spots.length === 0 && anchor) {
      const box = relatedBox(pageUrl(null));
      box.style.marginTop = "1.5em";
      anchor.after(box);
    }
  }

  if (document.readyState === "loading") {
    // Placeholders may come after the script in the page.
    document.addEventListener("DOMContentLoaded", mount, { once: true });
  } else {
    mount();
  }
})();
