// The search page. Its whole state lives in the URL (?q=&tag=&tag=&year=&author=&feed=&sort=&mode=&page=),
// so every result page can be bookmarked and shared, and Back/Forward walk through searches.
// Post content is untrusted: plain fields go in as text, the API's marked HTML through markedFragment.

import { ApiError, getJson } from "./api.js";
import { combobox } from "./combobox.js";
import { el, markedFragment, safeHref } from "./dom.js";

const PAGE_SIZE = 10;
const RELATED_SIZE = 4;
const TAGS_SHOWN = 8;
/** Facets in the order the sidebar shows them: API key, URL parameter, heading. */
const FACETS = [
  { key: "tag", param: "tag", field: "tags", title: "Tags", chip: "Tag" },
  { key: "year", param: "year", field: "years", title: "Year", chip: "Year" },
  { key: "author", param: "author", field: "authors", title: "Authors", chip: "Author" },
  { key: "feed", param: "feed", field: "feeds", title: "Blogs", chip: "Blog" },
  { key: "language", param: "language", field: "languages", title: "Languages", chip: "Language", name: languageName },
];

const $ = (id) => document.getElementById(id);
const languageNames = new Intl.DisplayNames(undefined, { type: "language", fallback: "code" });
const form = $("search-form");
const input = $("q");
const hitsList = $("hits");
const summary = $("summary");
const notices = $("notices");
const chips = $("chips");
const facetsBox = $("facets");
const pager = $("pager");
const filters = $("filters");
const filtersDone = $("filters-done");
const results = $("results");

const dates = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const numbers = new Intl.NumberFormat();

let state = readUrl(location.search);
let searching = null; // the AbortController of the search in flight
let popularTags = [];
const expandedFacets = new Set();

// ---- state and URL ------------------------------------------------------------------------------

function readUrl(search) {
  const p = new URLSearchParams(search);
  const page = Number.parseInt(p.get("page") ?? "1", 10);
  return {
    q: (p.get("q") ?? "").trim(),
    tags: unique(p.getAll("tag")),
    years: unique(p.getAll("year")),
    authors: unique(p.getAll("author")),
    feeds: unique(p.getAll("feed")),
    languages: unique(p.getAll("language")),
    sort: ["relevance", "newest"].includes(p.get("sort")) ? p.get("sort") : "",
    mode: ["lexical", "semantic"].includes(p.get("mode")) ? p.get("mode") : "",
    page: Number.isFinite(page) && page > 1 ? page : 1,
    spell: p.get("spell") === "off" ? "off" : "",
  };
}

function unique(values) {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** The URL parameters of a state: only what differs from the defaults. */
function urlParams(s) {
  const p = new URLSearchParams();
  if (s.q) {
    p.set("q", s.q);
  }
  for (const f of FACETS) {
    s[f.field].forEach((v) => p.append(f.param, v));
  }
  if (s.sort) {
    p.set("sort", s.sort);
  }
  if (s.mode) {
    p.set("mode", s.mode);
  }
  if (s.page > 1) {
    p.set("page", String(s.page));
  }
  if (s.spell === "off") {
    p.set("spell", "off");
  }
  return p;
}

/** An empty query lists the newest posts; a query ranks by relevance unless told otherwise. */
function effectiveSort(s) {
  return s.sort || (s.q ? "relevance" : "newest");
}

function hasFilters(s) {
  return FACETS.some((f) => s[f.field].length > 0);
}

function hrefOf(s) {
  const query = urlParams(s).toString();
  return query ? `?${query}` : location.pathname;
}

/** Goes to a new state: a new history entry, then its results. */
function navigate(next, { focusResults = false } = {}) {
  // "Search instead for what I typed" holds for that query only.
  state = next.q !== state.q && next.spell === state.spell ? { ...next, spell: "" } : next;
  history.pushState(null, "", hrefOf(state));
  show({ focusResults });
}

function withToggled(s, facet, value) {
  const values = s[facet.field];
  const on = values.some((v) => v.toLowerCase() === value.toLowerCase());
  const changed = on ? values.filter((v) => v.toLowerCase() !== value.toLowerCase()) : [...values, value];
  return { ...s, [facet.field]: changed, page: 1 };
}

// ---- searching ----------------------------------------------------------------------------------

async function show({ focusResults = false } = {}) {
  input.value = state.q;
  document.title = state.q ? `${state.q} – blogsearch` : "blogsearch";
  renderSort();
  renderChips();
  searching?.abort();
  const controller = new AbortController();
  searching = controller;
  document.body.classList.add("is-loading");
  // For scripts and tests that wait on the page: "loading", then "ready" or "error", and a count of renders.
  results.dataset.state = "loading";
  hitsList.setAttribute("aria-busy", "true");
  const params = urlParams(state);
  params.set("sort", effectiveSort(state));
  params.set("size", String(PAGE_SIZE));
  try {
    const result = await getJson("api/search", params, controller.signal);
    if (result.total === 0) {
      await statsShown; // a page without results offers the popular tags, which come with the statistics
    }
    if (searching !== controller) {
      return;
    }
    renderResult(result);
    settled("ready");
    if (focusResults) {
      results.focus({ preventScroll: true });
      results.scrollIntoView({ block: "start" });
    }
  } catch (e) {
    if (e.name === "AbortError" || searching !== controller) {
      return;
    }
    renderError(e);
    settled("error");
  } finally {
    if (searching === controller) {
      document.body.classList.remove("is-loading");
      hitsList.setAttribute("aria-busy", "false");
    }
  }
}

function settled(outcome) {
  results.dataset.state = outcome;
  results.dataset.renders = String(Number(results.dataset.renders ?? 0) + 1);
}

function renderResult(r) {
  summary.replaceChildren(...summaryOf(r));
  filtersDone.textContent = `Show ${numbers.format(r.total)} ${r.total === 1 ? "result" : "results"}`;
  $("sort").hidden = r.total === 0;
  // Matching by meaning is offered where it ran, or was chosen: the index has vectors, there are words to place.
  $("mode").hidden = r.mode === "lexical" && !state.mode;
  renderNotices(r);
  renderFacets(r.facets ?? {});
  if (r.hits.length === 0 && r.total > 0) {
    // An old bookmark, say, for a page past the end.
    hitsList.replaceChildren();
    notices.append(el("div", { class: "empty" },
      el("h2", { class: "empty-title" }, `There is no page ${r.page}`),
      el("p", { class: "empty-actions" }, link({ ...state, page: 1 }, "Go to the first page"))));
  } else if (r.hits.length === 0) {
    hitsList.replaceChildren();
    notices.append(emptyState(r));
  } else {
    const first = (r.page - 1) * r.size + 1;
    hitsList.setAttribute("start", String(first));
    hitsList.replaceChildren(...r.hits.map((hit, i) => hitCard(hit, first + i)));
  }
  renderPager(r);
}

function summaryOf(r) {
  const count = `${numbers.format(r.total)} ${r.total === 1 ? "post" : "posts"}`;
  const parts = [];
  if (!state.q) {
    parts.push(el("strong", {}, hasFilters(state) ? count : "Latest posts"));
    if (!hasFilters(state)) {
      parts.push(` · ${count}`);
    }
  } else {
    parts.push(el("strong", {}, `${numbers.format(r.total)} ${r.total === 1 ? "result" : "results"}`));
    parts.push(" for ", quote(r.corrected && r.did_you_mean ? r.did_you_mean : r.query));
  }
  if (r.total > r.size && r.hits.length > 0) {
    const from = (r.page - 1) * r.size + 1;
    parts.push(` · ${numbers.format(from)}–${numbers.format(Math.min(r.total, from + r.hits.length - 1))}`);
  }
  return parts;
}

function renderError(e) {
  summary.replaceChildren();
  filtersDone.textContent = "Show results";
  $("sort").hidden = true;
  $("mode").hidden = true;
  facetsBox.replaceChildren(); // counts of an earlier search would mislead
  filters.classList.add("is-empty");
  hitsList.replaceChildren();
  pager.hidden = true;
  const retry = el("button", { type: "button", class: "button", onclick: () => show() }, "Try again");
  let title;
  let detail;
  if (e instanceof ApiError && e.unreachable) {
    title = "Can't reach the search server";
    detail = "It may be restarting, or your connection is down. Your search is kept: try again in a moment.";
  } else if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
    title = e.parameter === "q" ? "That query can't be searched" : "That search can't be run";
    detail = e.message;
  } else {
    title = "The search failed";
    detail = e instanceof ApiError ? e.message : "Something went wrong while showing the results.";
  }
  notices.replaceChildren(el("div", { class: "notice notice-error", role: "alert" },
    el("p", { class: "notice-title" }, title), el("p", {}, detail), retry));
}

function renderNotices(r) {
  const list = [];
  const respelled = () => link({ ...state, q: r.did_you_mean, page: 1 }, r.did_you_mean, "strong",
    { "data-did-you-mean": "" });
  if (r.did_you_mean && r.corrected) {
    list.push(el("div", { class: "notice notice-spelling" },
      el("p", {}, "Showing results for ", respelled(), ". No post has ", quote(r.query), " as you typed it."),
      el("p", {}, "Search instead for ",
        link({ ...state, spell: "off", page: 1 }, r.query, "strong", { "data-search-instead": "" }), ".")));
  } else if (r.did_you_mean) {
    list.push(el("div", { class: "notice notice-spelling" }, el("p", {}, "Did you mean ", respelled(), "?")));
  }
  if (r.relaxed) {
    list.push(el("div", { class: "notice" },
      el("p", {}, "No post has all of your words, so posts with most of them are shown.")));
  }
  for (const w of r.warnings ?? []) {
    list.push(el("div", { class: "notice" }, el("p", {}, w)));
  }
  notices.replaceChildren(...list);
}

/** A link to another state of the page, followed without reloading. */
function link(target, text, wrap, attributes = {}) {
  const a = el("a", { href: hrefOf(target), ...attributes }, wrap ? el(wrap, {}, text) : text);
  a.addEventListener("click", (e) => {
    if (isPlainClick(e)) {
      e.preventDefault();
      navigate(target);
    }
  });
  return a;
}

/** Typed text, shown in quotes that survive copying and screen readers (unlike <q>'s generated ones). */
function quote(text) {
  return el("span", { class: "quote" }, `“${text}”`);
}

function isPlainClick(e) {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

function emptyState(r) {
  const tips = [el("li", {}, "Check the spelling, or try fewer or more general words.")];
  if (state.q.includes('"')) {
    tips.push(el("li", {}, "Drop the quotes to match the words anywhere, not as a phrase."));
  }
  const actions = [];
  if (hasFilters(state)) {
    tips.push(el("li", {}, "Remove a filter: the posts may be under another tag, year or blog."));
    actions.push(el("button", {
      type: "button", class: "button",
      onclick: () => navigate({ ...state, tags: [], years: [], authors: [], feeds: [], languages: [], page: 1 }),
    }, "Clear all filters"));
  }
  const tagButtons = popularTags.slice(0, 8).map((t) => el("li", {}, el("button", {
    type: "button", class: "tag",
    onclick: () => navigate({ ...state, q: "", tags: [t.value], years: [], authors: [], feeds: [], languages: [],
      page: 1 }),
  }, t.value)));
  return el("div", { class: "empty" },
    el("h2", { class: "empty-title" },
      state.q ? ["No posts match ", quote(r.query)]
        : hasFilters(state) ? "No posts match these filters" : "No posts yet"),
    el("ul", { class: "empty-tips" }, tips),
    actions.length ? el("p", { class: "empty-actions" }, actions) : null,
    tagButtons.length ? el("div", { class: "empty-browse" },
      el("p", {}, "Or browse a popular tag:"), el("ul", { class: "tags" }, tagButtons)) : null);
}

// ---- result cards -------------------------------------------------------------------------------

function hitCard(hit, position) {
  const titleId = `hit-${position}`;
  const href = safeHref(hit.url);
  const title = el(href ? "a" : "span", { href }, markedFragment(hit.title_html));
  const meta = [];
  if (hit.published) {
    meta.push(el("time", { datetime: hit.published }, dates.format(new Date(hit.published))));
  }
  if (hit.author) {
    meta.push(el("span", { class: "hit-author" }, hit.author));
  }
  if (hit.feed) {
    meta.push(el("span", { class: "hit-feed" }, hit.feed));
  }
  const relatedId = `related-${position}`;
  const related = el("div", { class: "related", id: relatedId, hidden: true });
  const more = el("button", {
    type: "button", class: "more", "aria-expanded": "false", "aria-controls": relatedId,
    onclick: () => toggleRelated(hit, more, related),
  }, el("span", { class: "more-icon", "aria-hidden": "true" }), "More like this");
  return el("li", { class: "hit" },
    el("article", { class: "card", "aria-labelledby": titleId },
      href ? el("p", { class: "hit-host" }, hostOf(href)) : null,
      el("h2", { class: "hit-title", id: titleId }, title),
      meta.length ? el("p", { class: "hit-meta" }, meta) : null,
      hit.snippet ? el("p", { class: "hit-snippet" }, markedFragment(hit.snippet)) : null,
      el("div", { class: "hit-foot" },
        hit.tags.length ? el("ul", { class: "tags", "aria-label": "Tags" },
          hit.tags.map((t) => el("li", {}, tagButton(t)))) : null,
        more),
      related));
}

function hostOf(href) {
  const u = new URL(href);
  const path = u.pathname.replace(/\/$/, "");
  return path ? `${u.host} › ${decodeURIComponentSafe(path.slice(1)).replaceAll("/", " › ")}` : u.host;
}

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function tagButton(tag) {
  const facet = FACETS[0];
  const on = state.tags.some((t) => t.toLowerCase() === tag.toLowerCase());
  return el("button", {
    type: "button", class: "tag", "aria-pressed": String(on),
    title: on ? `Remove the filter “${tag}”` : `Only posts tagged “${tag}”`,
    onclick: () => navigate(withToggled(state, facet, tag)),
  }, tag);
}

async function toggleRelated(hit, button, box) {
  const opening = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(opening));
  box.hidden = !opening;
  if (!opening || box.dataset.loaded) {
    return;
  }
  box.replaceChildren(el("p", { class: "related-status" }, "Finding related posts…"));
  try {
    const r = await getJson(`api/posts/${encodeURIComponent(hit.id)}/similar`, { size: String(RELATED_SIZE) });
    box.dataset.loaded = "true";
    if (r.posts.length === 0) {
      box.replaceChildren(el("p", { class: "related-status" }, "No related posts found."));
      return;
    }
    box.replaceChildren(
      el("p", { class: "related-head" }, "Related posts"),
      el("ul", { class: "related-list" }, r.posts.map(relatedItem)));
  } catch (e) {
    box.replaceChildren(el("p", { class: "related-status related-error", role: "alert" },
      e instanceof ApiError && e.unreachable ? "Can't reach the search server to find related posts."
        : `Related posts could not be found: ${e.message}`));
  }
}

function relatedItem(p) {
  const href = safeHref(p.url);
  const meta = [];
  if (p.published) {
    meta.push(el("time", { datetime: p.published }, dates.format(new Date(p.published))));
  }
  // Why it is related: the tags it shares, else the words, else the opening its meaning was compared by.
  if (p.shared_tags?.length) {
    meta.push(el("span", { class: "shared" }, "Also tagged ",
      p.shared_tags.map((t) => el("span", { class: "term" }, t))));
  } else if (p.terms?.length) {
    meta.push(el("span", { class: "shared" }, "Shares ",
      p.terms.map((t) => el("span", { class: "term" }, t))));
  }
  return el("li", {},
    href ? el("a", { href, class: "related-title" }, p.title) : el("span", { class: "related-title" }, p.title),
    meta.length ? el("span", { class: "related-meta" }, meta) : null,
    !p.shared_tags?.length && !p.terms?.length && p.passage
      ? el("span", { class: "related-passage" }, `Close in meaning: “${p.passage}”`) : null);
}

// ---- facets, chips, sort, pages -----------------------------------------------------------------

function renderFacets(facets) {
  const groups = [];
  for (const f of FACETS) {
    const values = facets[f.key] ?? [];
    if (values.length === 0) {
      continue;
    }
    const many = f.key === "tag" && values.length > TAGS_SHOWN + 2;
    const shown = many && !expandedFacets.has(f.key) ? values.filter((v, i) => i < TAGS_SHOWN || v.selected) : values;
    const options = shown.map((v, i) => {
      const id = `facet-${f.key}-${i}`;
      return el("li", {},
        el("input", {
          type: "checkbox", id, class: "facet-check", checked: v.selected,
          "data-facet": f.key, value: v.value,
          onchange: () => navigate(withToggled(state, f, v.value)),
        }),
        el("label", { for: id, class: "facet-option" },
          el("span", { class: "facet-value" }, f.name ? f.name(v.value) : v.value),
          el("span", { class: "facet-count" }, numbers.format(v.count))));
    });
    const toggle = many ? el("button", {
      type: "button", class: "link-button facet-more", "aria-expanded": String(expandedFacets.has(f.key)),
      onclick: () => {
        expandedFacets.has(f.key) ? expandedFacets.delete(f.key) : expandedFacets.add(f.key);
        renderFacets(facets);
      },
    }, expandedFacets.has(f.key) ? "Show fewer" : `Show all ${values.length}`) : null;
    groups.push(el("fieldset", { class: "facet", "data-facet": f.key },
      el("legend", { class: "facet-title" }, f.title),
      f.key === "tag" ? el("p", { class: "facet-hint" }, "Posts with any of the checked tags") : null,
      el("ul", { class: "facet-list" }, options),
      toggle));
  }
  // Keep keyboard focus on the same checkbox when the sidebar is rebuilt.
  const focused = facetsBox.contains(document.activeElement) ? document.activeElement : null;
  facetsBox.replaceChildren(...groups);
  filters.classList.toggle("is-empty", groups.length === 0); // nothing to filter by: no toggle on a phone
  if (focused?.dataset.facet) {
    [...facetsBox.querySelectorAll("input")]
      .find((c) => c.dataset.facet === focused.dataset.facet && c.value === focused.value)?.focus();
  } else if (focused?.classList.contains("facet-more")) {
    facetsBox.querySelector(".facet-more")?.focus();
  }
}

function renderChips() {
  const list = [];
  for (const f of FACETS) {
    for (const v of state[f.field]) {
      // Named by what it shows ("Tag tomatoes"), so that a voice-control user can say what they see.
      list.push(el("button", {
        type: "button", class: "chip", "data-facet": f.key,
        onclick: () => navigate(withToggled(state, f, v)),
      }, el("span", { class: "chip-kind" }, f.chip), " ", el("span", { class: "chip-value" }, f.name ? f.name(v) : v),
      el("span", { class: "visually-hidden" }, ", remove filter"),
      el("span", { class: "chip-x", "aria-hidden": "true" }, "×")));
    }
  }
  if (list.length > 1) {
    list.push(el("button", {
      type: "button", class: "link-button",
      onclick: () => navigate({ ...state, tags: [], years: [], authors: [], feeds: [], languages: [], page: 1 }),
    }, "Clear all"));
  }
  chips.replaceChildren(...list);
  chips.hidden = list.length === 0;
  const n = FACETS.reduce((sum, f) => sum + state[f.field].length, 0);
  $("filters-count").textContent = n ? String(n) : "";
}

function renderSort() {
  const sort = effectiveSort(state);
  for (const radio of form.ownerDocument.querySelectorAll("input[name=sort]")) {
    radio.checked = radio.value === sort;
  }
  for (const radio of form.ownerDocument.querySelectorAll("input[name=mode]")) {
    radio.checked = radio.value === (state.mode || "hybrid");
  }
}

function renderPager(r) {
  const pages = Math.ceil(Math.min(r.total, 10_000) / r.size);
  if (pages <= 1) {
    pager.hidden = true;
    pager.replaceChildren();
    return;
  }
  const current = r.page;
  const go = (page, text, attrs = {}) => {
    const target = { ...state, page };
    const a = el("a", { href: hrefOf(target), class: "pager-link", ...attrs }, text);
    a.addEventListener("click", (e) => {
      if (isPlainClick(e)) {
        e.preventDefault();
        navigate(target, { focusResults: true });
      }
    });
    return a;
  };
  const items = [];
  items.push(current > 1 ? go(current - 1, "‹ Previous", { rel: "prev", class: "pager-link pager-step" })
    : el("span", { class: "pager-link pager-step", "aria-disabled": "true" }, "‹ Previous"));
  let last = 0;
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 1) {
      if (p - last > 1) {
        items.push(el("span", { class: "pager-gap", "aria-hidden": "true" }, "…"));
      }
      items.push(p === current
        ? el("span", { class: "pager-link pager-current", "aria-current": "page" }, String(p))
        : go(p, String(p), { "aria-label": `Page ${p}` }));
      last = p;
    }
  }
  items.push(current < pages ? go(current + 1, "Next ›", { rel: "next", class: "pager-link pager-step" })
    : el("span", { class: "pager-link pager-step", "aria-disabled": "true" }, "Next ›"));
  pager.replaceChildren(...items);
  pager.hidden = false;
}

// ---- header stats -------------------------------------------------------------------------------

async function showStats() {
  try {
    const s = await getJson("api/stats");
    popularTags = s.tags ?? [];
    const years = [s.oldest, s.newest].filter(Boolean).map((d) => new Date(d).getUTCFullYear());
    const span = years.length === 2 ? (years[0] === years[1] ? `${years[0]}` : `${years[0]}–${years[1]}`) : "";
    $("stats").replaceChildren(
      el("strong", {}, `${numbers.format(s.posts)} ${s.posts === 1 ? "post" : "posts"}`),
      ` from ${numbers.format(s.feeds)} ${s.feeds === 1 ? "blog" : "blogs"}`,
      span ? el("span", { class: "stats-years" }, ` · ${span}`) : null);
  } catch {
    // the search reports an unreachable server; the header just stays quiet
  }
}

// ---- wiring -------------------------------------------------------------------------------------

const suggestions = combobox(input, $("suggestions"), {
  fetchOptions: (text, signal) => getJson("api/suggest", { q: text, size: "8" }, signal),
  describe: (s) => s.kind === "tag"
    ? { kind: "tag", label: s.text, meta: `Tag · ${numbers.format(s.count)} ${s.count === 1 ? "post" : "posts"}` }
    : { kind: "title", label: s.text, meta: "Post" },
  onPick: (s) => {
    if (s.kind === "tag") {
      suggestions.reset();
      navigate({ ...state, q: "", tags: unique([...state.tags, s.text]), page: 1 });
    } else if (safeHref(s.url)) {
      location.assign(safeHref(s.url));
    } else {
      navigate({ ...state, q: s.text, page: 1 });
    }
  },
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  suggestions.close();
  navigate({ ...state, q: input.value.trim(), page: 1 });
});

for (const radio of document.querySelectorAll("input[name=sort]")) {
  radio.addEventListener("change", () => {
    const chosen = radio.value === (state.q ? "relevance" : "newest") ? "" : radio.value;
    navigate({ ...state, sort: chosen, page: 1 });
  });
}

for (const radio of document.querySelectorAll("input[name=mode]")) {
  radio.addEventListener("change", () => {
    navigate({ ...state, mode: radio.value === "hybrid" ? "" : radio.value, page: 1 });
  });
}

window.addEventListener("popstate", () => {
  state = readUrl(location.search);
  input.value = state.q;
  suggestions.reset();
  show();
});

document.addEventListener("keydown", (e) => {
  const typing = e.target.closest?.("input, textarea, select, [contenteditable]");
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    input.focus();
    input.select();
  }
});

// The sidebar is always open on wide screens; on small ones it is a disclosure whose panel slides up over
// the results (see app.css), so that opening it pushes no result out of view.
const wide = matchMedia("(min-width: 56rem)");
const fitFilters = () => { filters.open = wide.matches; };
wide.addEventListener("change", fitFilters);
fitFilters();

function closeFilters() {
  if (!wide.matches && filters.open) {
    filters.open = false;
    filters.querySelector("summary").focus();
  }
}

filtersDone.addEventListener("click", closeFilters);
filters.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    closeFilters();
  }
});

input.value = state.q;
suggestions.reset();
const statsShown = showStats();
show();

/** A language's name in the reader's language ("German" for "de"), else its code. */
function languageName(code) {
  try {
    return languageNames.of(code);
  } catch {
    return code;
  }
}
