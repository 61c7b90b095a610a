// Builds DOM nodes without HTML strings: text always goes in as text, so nothing a server or a
// sender controls (names, file names, errors) can become markup or script.

/** An element: attributes (on* are listeners), then children (nodes or text). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces what `parent` shows. */
export function show(parent, ...nodes) {
  parent.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined));
}

/** A status line read out by screen readers when it changes. */
export function liveRegion(cls = "status") {
  return h("p", { class: cls, role: "status", "aria-live": "polite" });
}

let seq = 0;

/** A labelled form field around `input`, with an optional hint tied to it for screen readers. */
export function field(label, input, hint) {
  if (!input.id) input.id = `f-${++seq}`;
  let small = null;
  if (hint) {
    small = h("small", { id: `${input.id}-hint` }, hint);
    input.setAttribute("aria-describedby", small.id);
  }
  return h("div", { class: "field" }, h("label", { for: input.id }, label), input, small);
}
