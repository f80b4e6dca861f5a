// Small DOM helpers. The API's HTML fields (title_html, snippet, body_html) are escaped text with
// matches in <mark>; they are turned into nodes here, never through innerHTML: text stays text, and
// <mark> is the only element that can come out, whatever the string holds.

const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the character references an escaper writes: &amp; &lt; &gt; &quot; &#39; &#NN; &#xNN;. */
export function decodeEntities(text) {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, ref) => {
    if (ref[0] !== "#") {
      return NAMED[ref.toLowerCase()] ?? whole;
    }
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A fragment of text nodes and <mark> elements for an API HTML field. */
export function markedFragment(html) {
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

/**
 * A fragment of `text` as text nodes, with a <mark> around each place where a word of `typed` begins a
 * word of it (case aside), as suggestions match: "gard" marks "Gard" in "Garden tools".
 */
export function markedWordStarts(text, typed) {
  const fragment = document.createDocumentFragment();
  const words = typed.split(/[^\p{L}\p{N}]+/u).filter(Boolean).sort((a, b) => b.length - a.length);
  if (words.length === 0) {
    fragment.append(text);
    return fragment;
  }
  // Typed words are letters and digits only (split above), so they need no escaping in the pattern.
  const starts = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})`, "giu");
  let last = 0;
  for (const m of text.matchAll(starts)) {
    fragment.append(text.slice(last, m.index), el("mark", {}, m[0]));
    last = m.index + m[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

/**
 * A new element. Attributes whose value is null, undefined or false are left out; true sets an empty
 * attribute; "on*" keys add listeners. Children are nodes or strings (always text, never markup).
 */
export function el(tag, attributes = {}, ...children) {
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

/** An http(s) URL as given, or null for anything else (javascript:, data:, garbage). */
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
