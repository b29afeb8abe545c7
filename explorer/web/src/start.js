// The start page: what the explorer is for, and a few questions to begin with.
import { gql } from './api.js';
import { h, fill } from './dom.js';

/** showStart fills main with the start page. */
export async function showStart(main) {
  document.title = 'Pharmagraph explorer';
  const data = await gql('{ stats { nodes edges } }');
  fill(main,
    h('h1', {}, 'Pharmagraph explorer'),
    h('p', { class: 'lead' }, `Drugs, their effects by context (side effects, withdrawal, overdose), interactions, indications and classes: ${data.stats.nodes.toLocaleString('en')} nodes and ${data.stats.edges.toLocaleString('en')} facts, each with its source. Type in the search box above; a typo is forgiven.`),
    h('h2', {}, 'Start with'),
    h('ul', { class: 'starts' },
      h('li', {}, h('a', { href: '/node/DRUGBANK:DB00181' }, 'Baclofen'), ': its effects, withdrawal and interactions'),
      h('li', {}, h('a', { href: '/overlap?ids=DRUGBANK:DB00181,DRUGBANK:DB00898' }, 'Which effects of baclofen overlap with alcohol’s?')),
      h('li', {}, h('a', { href: '/node/DRUGBANK:DB00898' }, 'Alcohol (ethanol)')),
      h('li', {}, h('a', { href: '/graphql' }, 'The GraphQL API'), ', with its documentation')));
}
