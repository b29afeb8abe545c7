// Small helpers to build the pages' DOM from data: text goes in as text,
// never as HTML, and no element carries an inline style.
import { graphiqlURL } from './api.js';

/** h makes an element with attributes (on* keys become listeners) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

/** fill replaces el's children with children, passing over null and false. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** svg makes an SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  append(el, children);
  return el;
}

/** contextNames names the contexts of an effect as a person reads them. */
export const contextNames = { ADVERSE: 'side effect', WITHDRAWAL: 'withdrawal', OVERDOSE: 'overdose' };

/** nodeURL is the address of a node's page. */
export function nodeURL(id) {
  return '/node/' + encodeURIComponent(id);
}

/** nodeLink links to a node's page by its name. */
export function nodeLink(n) {
  return h('a', { href: nodeURL(n.id), 'data-id': n.id }, n.name || n.id);
}

/** sourceTags lists the sources of a fact, each with its id and section as its title. */
export function sourceTags(sources) {
  return h('span', { class: 'sources' }, (sources ?? []).map((s) =>
    h('span', { class: 'source', title: [s.id, s.section].filter(Boolean).join(' · ') }, s.name + (s.section ? ` (${s.section})` : ''))));
}

/** download offers text as a file. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** toCSV writes rows (arrays of cells) as RFC 4180 CSV; a cell that a spreadsheet would run as a formula is quoted with a leading apostrophe. */
export function toCSV(rows) {
  return rows.map((r) => r.map((c) => {
    let s = c == null ? '' : String(c);
    if (/^[=+\-@]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
  }).join(',')).join('\r\n') + '\r\n';
}

/** toolbar is a view's actions: show the query in GraphiQL and download its data. */
export function toolbar({ query, variables, name, data, rows }) {
  return h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Query and downloads' },
    h('a', { class: 'button', href: graphiqlURL(query, variables) }, 'Show the query'),
    h('button', { type: 'button', onclick: () => download(name + '.json', 'application/json', JSON.stringify(data(), null, 2)) }, 'Download JSON'),
    h('button', { type: 'button', onclick: () => download(name + '.csv', 'text/csv', toCSV(rows())) }, 'Download CSV'));
}
