// The neighbourhood of a node as a graph (Cytoscape.js, fcose layout),
// filterable by predicate, context and source, grown by expanding a
// neighbour, with "N more" where a hub has more than a group shows. The
// same neighbours are listed below it as links and buttons, for the
// keyboard and for screen readers.
import { gql } from './api.js';
import { h, fill, contextNames, download, nodeLink, toolbar } from './dom.js';

const perGroup = 12;
const query = `query Neighbourhood($id: ID!, $first: Int!) {
  neighbourhood(id: $id, first: $first) {
    predicate direction count
    neighbours { node { id name category } facts { context source { id name } } }
  }
}`;

// Each category has a colour and a shape, so that colour is never the only sign.
const categories = {
  Drug: ['#1f6fb2', 'ellipse'], Effect: ['#b4361b', 'round-rectangle'], Condition: ['#2e7d32', 'diamond'],
  DrugClass: ['#7b3fa0', 'hexagon'], Gene: ['#8a6d00', 'triangle'], other: ['#555555', 'vee'],
};
const look = (c) => categories[c] ?? categories.other;
const short = (p) => p.replace(/^[^:]*:/, '').replaceAll('_', ' ');

let loading;

/** showGraph draws the neighbourhood of the node n in host. */
export async function showGraph(host, n) {
  loading ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(([c, f]) => {
    c.default.use(f.default);
    return c.default;
  });
  const seen = new Map(); // node id -> its neighbourhood groups, once asked for
  const elements = new Map(); // element id -> element definition
  const status = h('p', { role: 'status', class: 'graph-status' }, 'Loading the neighbourhood…');
  const filters = h('fieldset', { class: 'filters' }, h('legend', {}, 'Show'));
  const canvas = h('div', { class: 'graph', role: 'img', 'aria-label': `Graph of the neighbourhood of ${n.name}; the same neighbours are listed below` });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' });
  const list = h('div', { class: 'neighbours' });
  const data = [];
  const tools = toolbar({ query, variables: { id: n.id, first: perGroup }, name: 'neighbourhood', data: () => data,
    rows: () => [['from', 'predicate', 'direction', 'to', 'to name', 'category', 'contexts', 'sources']].concat(edgesRows()) });
  tools.append(h('button', { type: 'button', onclick: () => cy && download('neighbourhood.png', 'image/png', dataURLBlob(cy.png({ full: true, bg: '#ffffff' }))) }, 'Download PNG'));
  fill(host, tools, status, filters, canvas, legend, list);
  const cytoscape = await loading;
  const cy = cytoscape({
    container: canvas,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', shape: 'data(shape)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 22, height: 22, 'text-wrap': 'ellipsis', 'text-max-width': '110px' } },
      { selector: 'node.center', style: { width: 34, height: 34, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#000' } },
      { selector: 'node.more', style: { shape: 'round-tag', 'background-color': '#ddd', 'border-width': 1, 'border-color': '#777', color: '#333' } },
      { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#999', 'target-arrow-color': '#999', label: 'data(label)', 'font-size': 7, color: '#555', 'text-rotation': 'autorotate' } },
      { selector: '.hidden', style: { display: 'none' } },
    ],
  });

  const edgesRows = () => [...elements.values()].filter((e) => e.data.source && !e.data.more).map((e) =>
    [e.data.source, e.data.predicate, 'OUT', e.data.target, cy.getElementById(e.data.target).data('name'), cy.getElementById(e.data.target).data('category'), e.data.contexts.join(';'), e.data.sources.join(';')]);

  const addNode = (node, cls) => {
    if (elements.has(node.id)) return;
    const [color, shape] = look(node.category);
    elements.set(node.id, { group: 'nodes', data: { id: node.id, name: node.name, label: node.name, category: node.category, color, shape }, classes: cls });
  };

  const expand = async (id) => {
    if (seen.has(id)) return;
    status.textContent = 'Loading the neighbourhood…';
    const d = await gql(query, { id, first: perGroup });
    seen.set(id, d.neighbourhood);
    data.push({ id, neighbourhood: d.neighbourhood });
    for (const g of d.neighbourhood) {
      for (const nb of g.neighbours) {
        addNode(nb.node, '');
        const [s, t] = g.direction === 'OUT' ? [id, nb.node.id] : [nb.node.id, id];
        const eid = `${s}|${g.predicate}|${t}`;
        if (!elements.has(eid)) {
          elements.set(eid, { group: 'edges', data: { id: eid, source: s, target: t, predicate: g.predicate, label: short(g.predicate),
            contexts: [...new Set(nb.facts.map((f) => f.context).filter(Boolean))], sources: [...new Set(nb.facts.map((f) => f.source.name))] } });
        }
      }
      if (g.count > g.neighbours.length) {
        const mid = `more|${id}|${g.predicate}|${g.direction}`;
        elements.set(mid, { group: 'nodes', data: { id: mid, label: `${g.count - g.neighbours.length} more`, more: true, color: '#ddd', shape: 'round-tag' }, classes: 'more' });
        elements.set(mid + '|e', { group: 'edges', data: { id: mid + '|e', source: id, target: mid, predicate: g.predicate, label: short(g.predicate), more: true, contexts: [], sources: [] } });
      }
    }
    redraw();
  };

  const redraw = () => {
    cy.batch(() => {
      for (const el of elements.values()) if (!cy.getElementById(el.data.id).length) cy.add(el);
    });
    renderFilters();
    applyFilters();
    cy.layout({ name: 'fcose', animate: false, randomize: true, nodeRepulsion: 6000, idealEdgeLength: 90, quality: 'default' }).run();
    renderList();
    const shown = cy.nodes(':visible').length;
    status.textContent = `${shown} nodes shown. Select a neighbour, or its Expand button below, to add its own neighbours.`;
  };

  const checked = { predicate: new Set(), context: new Set(), source: new Set() };
  const known = { predicate: new Set(), context: new Set(), source: new Set() };
  const renderFilters = () => {
    for (const e of elements.values()) {
      if (!e.data.source || e.data.more) continue;
      for (const [k, vs] of [['predicate', [e.data.predicate]], ['context', e.data.contexts], ['source', e.data.sources]]) {
        for (const v of vs) if (!known[k].has(v)) { known[k].add(v); checked[k].add(v); }
      }
    }
    filters.replaceChildren(h('legend', {}, 'Show facts by'), ...['predicate', 'context', 'source'].filter((k) => known[k].size).map((k) =>
      h('div', { class: 'filter', role: 'group', 'aria-label': k }, h('span', { class: 'filter-name' }, k + ': '),
        [...known[k]].sort().map((v) => h('label', {}, h('input', { type: 'checkbox', checked: checked[k].has(v), onchange: (ev) => {
          if (ev.target.checked) checked[k].add(v); else checked[k].delete(v);
          applyFilters();
        } }), ' ', k === 'predicate' ? short(v) : k === 'context' ? contextNames[v] ?? v : v)))));
  };

  const applyFilters = () => {
    cy.batch(() => {
      cy.elements().removeClass('hidden');
      cy.edges().forEach((e) => {
        const d = e.data();
        const ok = checked.predicate.has(d.predicate) &&
          (d.more || !d.contexts.length || d.contexts.some((c) => checked.context.has(c))) &&
          (d.more || d.sources.some((s) => checked.source.has(s)));
        if (!ok) e.addClass('hidden');
      });
      cy.nodes().forEach((nd) => {
        if (nd.id() !== n.id && !nd.connectedEdges().some((e) => !e.hasClass('hidden'))) nd.addClass('hidden');
      });
    });
  };

  const renderList = () => {
    const items = cy.nodes().filter((nd) => !nd.data('more') && nd.id() !== n.id);
    list.replaceChildren(h('h3', {}, `Neighbours in the graph (${items.length})`), h('ul', {}, items.map((nd) => h('li', {},
      nodeLink({ id: nd.id(), name: nd.data('name') }), ` (${nd.data('category')}) `,
      seen.has(nd.id()) ? h('span', { class: 'expanded' }, 'expanded') :
        h('button', { type: 'button', class: 'expand', 'aria-label': `Expand ${nd.data('name')}`, onclick: () => expand(nd.id()) }, 'Expand')))));
  };

  legend.replaceChildren(...Object.entries(categories).map(([c, [color]]) =>
    h('li', {}, h('span', { class: `swatch shape-${c}`, 'data-color': color, 'aria-hidden': 'true' }), c === 'other' ? 'other categories' : c)),
  h('li', {}, 'Edge labels name the predicate; arrows point from subject to object; “N more” stands for the neighbours a group leaves out.'));

  cy.on('tap', 'node', (ev) => {
    const nd = ev.target;
    if (nd.data('more')) return;
    expand(nd.id());
  });
  addNode(n, 'center');
  await expand(n.id);
  host.cy = cy;
}

function dataURLBlob(url) {
  const [head, b64] = url.split(',');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5, head.indexOf(';')) });
}
