// The explorer: one page that shows the start page (/), a node (/node/ID)
// or an overlap (/overlap?ids=A,B), chosen from the address, so that every
// view is a link and back and forward work.
import './style.css';
import { h, fill } from './dom.js';
import { startSearch } from './search.js';
import { showStart } from './start.js';
import { showNode } from './node.js';
import { showOverlap } from './overlap.js';

const main = document.getElementById('main');

/** route shows the view the address names. */
async function route() {
  const path = location.pathname;
  fill(main, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  try {
    if (path.startsWith('/node/')) {
      await showNode(main, decodeURIComponent(path.slice('/node/'.length)));
    } else if (path === '/overlap') {
      await showOverlap(main, new URLSearchParams(location.search));
    } else {
      await showStart(main);
    }
  } catch (err) {
    fill(main, h('h1', {}, 'Not shown'), h('p', { class: 'error', role: 'alert' }, err.message));
    document.title = 'Not shown · Pharmagraph';
  }
}

/** go shows the view at url and records it in the history. */
export function go(url) {
  history.pushState(null, '', url);
  route().then(() => main.focus());
}

// Links within the explorer change the view without reloading the page.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !(url.pathname === '/' || url.pathname === '/overlap' || url.pathname.startsWith('/node/'))) return;
  e.preventDefault();
  go(url.pathname + url.search);
});
window.addEventListener('popstate', route);

startSearch(document.getElementById('q'), document.getElementById('suggestions'), go);
route();
