// The search box: a combobox (WAI-ARIA 1.2) whose suggestions come from
// the API's search, which tolerates typos, as the person types.
import { gql } from './api.js';
import { h, nodeURL } from './dom.js';

const query = `query Suggest($text: String!) {
  search(text: $text, first: 8) { matched typos node { id name category } }
}`;

/** startSearch wires the input and its listbox; go opens a node's page. */
export function startSearch(input, list, go) {
  let hits = [];
  let active = -1;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const mark = (i) => {
    active = i;
    for (const [j, li] of [...list.children].entries()) li.setAttribute('aria-selected', String(j === i));
    if (i >= 0) input.setAttribute('aria-activedescendant', 'suggestion-' + i);
    else input.removeAttribute('aria-activedescendant');
  };
  const open = (hit) => {
    close();
    input.value = '';
    go(nodeURL(hit.node.id));
  };
  const render = () => {
    list.replaceChildren(...hits.map((hit, i) => {
      const n = hit.node;
      const also = hit.matched.toLowerCase() !== n.name.toLowerCase() ? h('span', { class: 'matched' }, ' · ' + hit.matched) : null;
      const typo = hit.typos ? h('span', { class: 'typo' }, ` (${hit.typos} typo${hit.typos > 1 ? 's' : ''})`) : null;
      return h('li', { id: 'suggestion-' + i, role: 'option', 'aria-selected': 'false',
        onmousedown: (e) => e.preventDefault(), onclick: () => open(hit) },
      h('span', { class: 'name' }, n.name), also, typo, h('span', { class: 'cat cat-' + n.category }, n.category));
    }));
    if (hits.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    } else {
      list.replaceChildren(h('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', class: 'none' }, 'Nothing matches'));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    mark(-1);
  };

  input.addEventListener('input', async () => {
    const text = input.value.trim();
    const me = ++asked;
    if (!text) {
      hits = [];
      close();
      return;
    }
    try {
      const data = await gql(query, { text });
      if (me !== asked) return; // a later keystroke has asked since
      hits = data.search;
      render();
    } catch {
      if (me === asked) close();
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      mark((active + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      mark(active <= 0 ? hits.length - 1 : active - 1);
    } else if (e.key === 'Enter' && hits.length) {
      e.preventDefault();
      open(hits[Math.max(active, 0)]);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
}
