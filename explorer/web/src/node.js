// A node's page: what the graph says of one drug, effect, condition or
// class, every fact with its sources, long lists a page at a time, and the
// node's neighbourhood as a graph.
import { gql } from './api.js';
import { h, fill, nodeLink, sourceTags, toolbar } from './dom.js';
import { showGraph } from './graphview.js';

const page = 100;
const src = 'sources { id name section }';
const conn = (inner) => `totalCount pageInfo { hasNextPage endCursor } edges { node { ${inner} } }`;
const effectFields = `context frequency severity disputed effect { id name } ${src}`;
const drugEffectFields = `context frequency severity disputed drug { id name } ${src}`;
const interactionFields = `with { id name } severity mechanism description inferred disputed ${src}
  impliedBy { subject { id name } object { id name } predicate source { id name section } }`;
const treatmentFields = `drug { id name } status disputed ${src}`;
const indicationFields = `condition { id name } status disputed ${src}`;
const memberFields = 'id name';

const nodeQuery = `query Node($id: ID!, $first: Int!) {
  node(id: $id) {
    id name category description synonyms xrefs
    ${src}
    ... on Drug {
      classes { id name }
      targets { gene { id name } action ${src} }
      indicationsPage(first: $first) { ${conn(indicationFields)} }
      effectsPage(first: $first) { ${conn(effectFields)} }
      interactionsPage(first: $first) { ${conn(interactionFields)} }
    }
    ... on Effect { drugsPage(first: $first) { ${conn(drugEffectFields)} } }
    ... on Condition { treatmentsPage(first: $first) { ${conn(treatmentFields)} } }
    ... on DrugClass {
      superclasses { id name }
      subclasses { id name }
      membersPage(first: $first) { ${conn(memberFields)} }
      sharedEffects { id name }
    }
  }
}`;

// The paged lists: the field of the node, the query of a later page, and how a page is shown.
const lists = {
  effectsPage: { title: 'Effects', fields: effectFields, type: 'Drug', grouped: true,
    head: ['Effect', 'Frequency', 'Severity', 'Sources'],
    cells: (e) => [nodeLink(e.effect), e.frequency ?? '—', severityOf(e), sourceTags(e.sources)],
    csv: (e) => [e.context, e.effect.id, e.effect.name, e.frequency, e.severity, names(e.sources)] },
  interactionsPage: { title: 'Interactions', fields: interactionFields, type: 'Drug',
    head: ['With', 'Severity', 'Stated or inferred', 'Why', 'Sources'],
    cells: (i) => [nodeLink(i.with), severityOf(i), i.inferred ? 'inferred' : 'stated', why(i), sourceTags(i.sources)],
    csv: (i) => [i.with.id, i.with.name, i.severity, [i.inferred ? 'inferred' : 'stated', i.mechanism ?? i.description].filter(Boolean).join(': '), names(i.sources)] },
  drugsPage: { title: 'Drugs that cause it', fields: drugEffectFields, type: 'Effect', grouped: true,
    head: ['Drug', 'Frequency', 'Severity', 'Sources'],
    cells: (e) => [nodeLink(e.drug), e.frequency ?? '—', severityOf(e), sourceTags(e.sources)],
    csv: (e) => [e.context, e.drug.id, e.drug.name, e.frequency, e.severity, names(e.sources)] },
  treatmentsPage: { title: 'Treatments', fields: treatmentFields, type: 'Condition',
    head: ['Drug', 'Status', 'Sources'],
    cells: (t) => [nodeLink(t.drug), statusOf(t), sourceTags(t.sources)],
    csv: (t) => [t.drug.id, t.drug.name, t.status, '', names(t.sources)] },
  indicationsPage: { title: 'Indications', fields: indicationFields, type: 'Drug',
    head: ['Condition', 'Status', 'Sources'],
    cells: (i) => [nodeLink(i.condition), statusOf(i), sourceTags(i.sources)],
    csv: (i) => [i.condition.id, i.condition.name, i.status, '', names(i.sources)] },
  membersPage: { title: 'Members', fields: memberFields, type: 'DrugClass',
    head: ['Drug'],
    cells: (m) => [nodeLink(m)],
    csv: (m) => [m.id, m.name, '', '', ''] },
};

const contexts = { ADVERSE: 'Side effects', WITHDRAWAL: 'Withdrawal', OVERDOSE: 'Overdose' };

const names = (sources) => sources.map((s) => s.name).join('; ');
const disputed = (x, field) => (x.disputed?.includes(field) ? h('span', { class: 'disputed' }, 'disputed') : null);
const severityOf = (x) => x.severity ?? disputed(x, 'severity') ?? '—';
const statusOf = (x) => x.status?.toLowerCase().replaceAll('_', ' ') ?? disputed(x, 'status') ?? 'no status given';

function why(i) {
  const parts = [];
  if (i.mechanism) parts.push(h('span', {}, i.mechanism));
  else if (i.description) parts.push(h('span', {}, i.description));
  if (i.impliedBy.length) {
    parts.push(h('details', {}, h('summary', {}, `implied by ${i.impliedBy.length} fact${i.impliedBy.length > 1 ? 's' : ''}`),
      h('ul', {}, i.impliedBy.map((f) => h('li', {}, nodeLink(f.subject), ` ${f.predicate.replace(/^.*:/, '').replaceAll('_', ' ')} `,
        f.object ? nodeLink(f.object) : '', ' — ', sourceTags([f.source]))))));
  }
  return parts.length ? parts : '—';
}

/** showNode fills main with the page of the node id. */
export async function showNode(main, id) {
  const variables = { id, first: page };
  const data = await gql(nodeQuery, variables);
  const n = data.node;
  if (!n) throw new Error(`No node has the id ${id}.`);
  document.title = `${n.name} · Pharmagraph`;
  const rowsOut = [['section', 'group', 'id', 'name', 'detail', 'more', 'sources']];
  const paged = (field) => (n[field] ? pagedSection(n, field, lists[field], rowsOut) : null);
  const links = (title, list) => list?.length ? h('section', { 'aria-labelledby': 'h-' + slug(title) },
    h('h2', { id: 'h-' + slug(title) }, `${title} (${list.length})`),
    h('ul', { class: 'chips' }, list.map((x) => h('li', {}, nodeLink(x))))) : null;
  fill(main,
    h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' }, h('a', { href: '/' }, 'Explorer'), ' › ', n.category),
    h('h1', {}, n.name, ' ', h('span', { class: 'cat cat-' + n.category }, n.category)),
    h('p', { class: 'id' }, n.id, n.xrefs.length ? ' · ' + n.xrefs.join(' · ') : ''),
    toolbar({ query: nodeQuery, variables, name: slug(n.name), data: () => data, rows: () => rowsOut.concat(simpleRows(n)) }),
    n.description ? h('p', { class: 'description' }, n.description) : null,
    n.synonyms.length ? h('p', { class: 'synonyms' }, h('strong', {}, 'Also called: '), n.synonyms.join(', ')) : null,
    n.category === 'Drug' ? h('p', {}, h('a', { href: `/overlap?ids=${encodeURIComponent(n.id)},DRUGBANK:DB00898` }, `Compare the effects of ${n.name} with alcohol’s`)) : null,
    h('p', { class: 'named-by' }, 'Named by ', sourceTags(n.sources)),
    h('section', { 'aria-labelledby': 'h-graph', class: 'graph-section' }, h('h2', { id: 'h-graph' }, 'Neighbourhood'), h('div', { id: 'graph-host' })),
    links('Classes', n.classes),
    n.targets?.length ? table('Targets', ['Gene', 'Action', 'Sources'], n.targets.map((t) => [nodeLink(t.gene), t.action ?? '—', sourceTags(t.sources)])) : null,
    paged('indicationsPage'),
    paged('effectsPage'),
    paged('interactionsPage'),
    paged('drugsPage'),
    paged('treatmentsPage'),
    links('Superclasses', n.superclasses),
    links('Subclasses', n.subclasses),
    paged('membersPage'),
    links('Effects every member has', n.sharedEffects),
  );
  showGraph(main.querySelector('#graph-host'), n);
}

function simpleRows(n) {
  const rows = [];
  for (const c of n.classes ?? []) rows.push(['classes', '', c.id, c.name, '', '', '']);
  for (const t of n.targets ?? []) rows.push(['targets', '', t.gene.id, t.gene.name, t.action, '', names(t.sources)]);
  for (const f of ['superclasses', 'subclasses', 'sharedEffects']) for (const x of n[f] ?? []) rows.push([f, '', x.id, x.name, '', '', '']);
  return rows;
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** table is a section holding one table of rows of cells. */
function table(title, head, rows) {
  return h('section', { 'aria-labelledby': 'h-' + slug(title) },
    h('h2', { id: 'h-' + slug(title) }, `${title} (${rows.length})`),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))))));
}

/** pagedSection shows the first page of a list and loads the next ones on demand. */
function pagedSection(n, field, spec, rowsOut) {
  const items = n[field].edges.map((e) => e.node);
  let info = n[field].pageInfo;
  const total = n[field].totalCount;
  const id = 'h-' + field;
  const heading = h('h2', { id });
  const body = h('div', { class: 'table-wrap' });
  const more = h('button', { type: 'button', class: 'more' });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const record = (list) => list.forEach((x) => { const c = spec.csv(x); rowsOut.push([field, spec.grouped ? c[0] : '', ...(spec.grouped ? c.slice(1) : c)]); });
  const render = () => {
    heading.textContent = `${spec.title} (${total})`;
    const groups = new Map();
    for (const x of items) {
      const g = spec.grouped ? x.context : '';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(x);
    }
    body.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, spec.head.map((c) => h('th', { scope: 'col' }, c)))),
      [...groups].map(([g, xs]) => h('tbody', {},
        g ? h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: spec.head.length }, `${contexts[g] ?? g} (${xs.length}${info.hasNextPage ? ' so far' : ''})`)) : null,
        xs.map((x) => h('tr', {}, spec.cells(x).map((c) => h('td', {}, c))))))));
    more.hidden = !info.hasNextPage;
    more.textContent = `Show ${Math.min(page, total - items.length)} more of ${total - items.length}`;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    const q = `query More($id: ID!, $first: Int!, $after: String) { node(id: $id) { ... on ${spec.type} { ${field}(first: $first, after: $after) { ${conn(spec.fields)} } } } }`;
    const d = await gql(q, { id: n.id, first: page, after: info.endCursor });
    const next = d.node[field].edges.map((e) => e.node);
    items.push(...next);
    n[field].edges.push(...d.node[field].edges);
    record(next);
    info = d.node[field].pageInfo;
    more.disabled = false;
    render();
    status.textContent = `${next.length} more shown, ${items.length} of ${total}.`;
  });
  record(items);
  render();
  return h('section', { 'aria-labelledby': id }, heading, body, more, status);
}
