// The overlap of two or more drugs' effects: shared and only-one effects
// with their contexts and Jaccard index, as a Venn diagram for two or three
// drugs and an UpSet-style list of combinations for more.
import { gql } from './api.js';
import { h, fill, svg, contextNames, nodeLink, toolbar } from './dom.js';

const pairQuery = `query Overlap($a: String!, $b: String!) {
  overlap(a: $a, b: $b) {
    a { id name } b { id name } jaccard
    sharedDetail { effect { id name } contextsA contextsB }
    onlyA { id name } onlyB { id name }
  }
}`;
const setQuery = `query OverlapAll($drugs: [String!]!) {
  overlapAll(drugs: $drugs) {
    drugs { id name }
    all { id name }
    subsets { drugs { id name } effects { id name } }
  }
}`;

const ctx = (cs) => cs.map((c) => contextNames[c] ?? c).join(', ');

/** showOverlap fills main with the overlap of the drugs that params' ids names. */
export async function showOverlap(main, params) {
  const ids = (params.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const form = pickForm(ids);
  if (ids.length < 2) {
    document.title = 'Compare drugs · Pharmagraph';
    fill(main, h('h1', {}, 'Compare drugs'), h('p', {}, 'Name two to eight drugs, by id, name or synonym.'), form);
    return;
  }
  if (ids.length === 2) return showPair(main, ids, form);
  return showSet(main, ids, form);
}

function pickForm(ids) {
  const input = h('input', { id: 'ids', name: 'ids', value: ids.join(','), size: 60 });
  return h('form', { action: '/overlap', method: 'get', class: 'pick' },
    h('label', { for: 'ids' }, 'Drugs, separated by commas: '), input, ' ', h('button', { type: 'submit' }, 'Compare'));
}

async function showPair(main, ids, form) {
  const variables = { a: ids[0], b: ids[1] };
  const data = await gql(pairQuery, variables);
  const o = data.overlap;
  document.title = `${o.a.name} and ${o.b.name} · Pharmagraph`;
  const rows = [['effect id', 'effect', 'in', `contexts of ${o.a.name}`, `contexts of ${o.b.name}`]];
  for (const s of o.sharedDetail) rows.push([s.effect.id, s.effect.name, 'both', ctx(s.contextsA), ctx(s.contextsB)]);
  for (const e of o.onlyA) rows.push([e.id, e.name, o.a.name, '', '']);
  for (const e of o.onlyB) rows.push([e.id, e.name, o.b.name, '', '']);
  fill(main,
    h('h1', {}, 'Effects of ', nodeLink(o.a), ' and ', nodeLink(o.b)),
    form,
    toolbar({ query: pairQuery, variables, name: 'overlap', data: () => data, rows: () => rows }),
    h('p', { class: 'jaccard' }, `${o.sharedDetail.length} shared effects; Jaccard index ${o.jaccard.toFixed(3)} (shared over all distinct effects of the two).`),
    venn([o.a.name, o.b.name], [o.onlyA.length, o.onlyB.length, o.sharedDetail.length]),
    h('section', { 'aria-labelledby': 'h-shared' }, h('h2', { id: 'h-shared' }, `Shared (${o.sharedDetail.length})`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'shared' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Effect'), h('th', { scope: 'col' }, `As an effect of ${o.a.name}`), h('th', { scope: 'col' }, `As an effect of ${o.b.name}`))),
        h('tbody', {}, o.sharedDetail.map((s) => h('tr', {}, h('td', {}, nodeLink(s.effect)), h('td', {}, ctx(s.contextsA)), h('td', {}, ctx(s.contextsB)))))))),
    effectList(`Only ${o.a.name}`, 'only-a', o.onlyA),
    effectList(`Only ${o.b.name}`, 'only-b', o.onlyB));
}

async function showSet(main, ids, form) {
  const variables = { drugs: ids };
  const data = await gql(setQuery, variables);
  const o = data.overlapAll;
  const names = o.drugs.map((d) => d.name);
  document.title = `${names.join(', ')} · Pharmagraph`;
  const rows = [['effect id', 'effect', 'drugs']];
  for (const s of o.subsets) for (const e of s.effects) rows.push([e.id, e.name, s.drugs.map((d) => d.name).join('; ')]);
  const max = Math.max(1, ...o.subsets.map((s) => s.effects.length));
  const key = (s) => s.drugs.map((d) => d.id).sort().join(',');
  const region = new Map(o.subsets.map((s) => [key(s), s.effects.length]));
  const count = (idxs) => region.get(idxs.map((i) => o.drugs[i].id).sort().join(',')) ?? 0;
  fill(main,
    h('h1', {}, 'Effects of ', o.drugs.map((d, i) => [i ? (i === o.drugs.length - 1 ? ' and ' : ', ') : '', nodeLink(d)])),
    form,
    toolbar({ query: setQuery, variables, name: 'overlap', data: () => data, rows: () => rows }),
    h('p', {}, `${o.all.length} effects shared by all ${o.drugs.length}.`),
    o.drugs.length === 3 ? venn(names, [count([0]), count([1]), count([0, 1]), count([2]), count([0, 2]), count([1, 2]), count([0, 1, 2])]) : null,
    h('section', { 'aria-labelledby': 'h-upset' }, h('h2', { id: 'h-upset' }, 'Effects by the combination of drugs that has exactly them'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'upset' },
        h('thead', {}, h('tr', {}, names.map((nm) => h('th', { scope: 'col', class: 'upset-drug' }, nm)), h('th', { scope: 'col' }, 'Effects'), h('th', { scope: 'col' }, 'Which'))),
        h('tbody', {}, o.subsets.map((s) => {
          const inSet = new Set(s.drugs.map((d) => d.id));
          return h('tr', {}, o.drugs.map((d) => h('td', { class: inSet.has(d.id) ? 'dot on' : 'dot' }, inSet.has(d.id) ? '●' : '○', h('span', { class: 'visually-hidden' }, inSet.has(d.id) ? ` ${d.name}` : ` not ${d.name}`))),
            h('td', {}, h('meter', { min: 0, max, value: s.effects.length, 'aria-label': `${s.effects.length} effects` }), ' ', s.effects.length),
            h('td', {}, h('details', {}, h('summary', {}, 'show'), h('ul', { class: 'chips' }, s.effects.map((e) => h('li', {}, nodeLink(e)))))));
        }))))));
}

function effectList(title, id, effects) {
  return h('section', { 'aria-labelledby': 'h-' + id }, h('h2', { id: 'h-' + id }, `${title} (${effects.length})`),
    h('ul', { class: 'chips', id }, effects.map((e) => h('li', {}, nodeLink(e)))));
}

/** venn draws two or three circles with the count of each region; counts are in the order a, b, ab (or a, b, ab, c, ac, bc, abc). */
function venn(names, counts) {
  const three = names.length === 3;
  const circles = three ? [[140, 110], [220, 110], [180, 180]] : [[150, 120], [250, 120]];
  const r = three ? 80 : 95;
  const spots = three
    ? [[110, 90], [250, 90], [180, 85], [180, 215], [135, 160], [225, 160], [180, 135]]
    : [[110, 125], [290, 125], [200, 125]];
  const label = three
    ? `Venn diagram: ${names[0]} only ${counts[0]}, ${names[1]} only ${counts[1]}, ${names[2]} only ${counts[3]}, all three ${counts[6]}`
    : `Venn diagram: ${names[0]} only ${counts[0]}, ${names[1]} only ${counts[1]}, both ${counts[2]}`;
  return h('figure', { class: 'venn' },
    svg('svg', { viewBox: three ? '0 0 360 280' : '0 0 400 240', role: 'img', 'aria-label': label },
      ...circles.map(([x, y], i) => svg('circle', { cx: x, cy: y, r, class: `set set-${i}` })),
      ...spots.map(([x, y], i) => svg('text', { x, y, 'text-anchor': 'middle', class: 'count' }, String(counts[i]))),
      ...circles.map(([x, y], i) => svg('text', { x: three && i === 2 ? x : x + (i ? 40 : -40), y: three && i === 2 ? y + r + 16 : 14, 'text-anchor': 'middle', class: 'set-name' }, names[i]))),
    h('figcaption', {}, label.replace('Venn diagram: ', '')));
}
