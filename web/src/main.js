// The single-page UI: a router over the paths the server falls back to
// index.html for (/story/ID, /entity/ID, /relation?a=&b=, /document/ID,
// /search?q=...).
import './style.css';
import { clear, h } from './dom.js';
import { home, searchPage } from './pages/home.js';
import { storyPage } from './pages/story.js';
import { entityPage } from './pages/entity.js';
import { relationPage } from './pages/relation.js';
import { documentPage } from './pages/document.js';
import { get } from './api.js';

const app = document.getElementById('app');

const routes = [
  [/^\/$/, () => home()],
  [/^\/search$/, (m, params) => searchPage(params)],
  [/^\/story\/(\d+)$/, (m) => storyPage(m[1])],
  [/^\/entity\/(\d+)$/, (m) => entityPage(m[1])],
  [/^\/relation$/, (m, params) => relationPage(params)],
  [/^\/document\/([^/]+)$/, (m, params) => documentPage(decodeURIComponent(m[1]), params)],
];

export async function render() {
  const params = new URLSearchParams(location.search);
  clear(app);
  app.setAttribute('aria-busy', 'true');
  const loading = h('p', { class: 'muted' }, 'Loading…');
  app.append(loading);
  try {
    let view = null;
    for (const [re, page] of routes) {
      const m = location.pathname.match(re);
      if (m) {
        view = await page(m, params);
        break;
      }
    }
    if (!view) view = h('section', {}, h('h1', {}, 'Not found'), h('p', {}, `No page ${location.pathname}.`));
    clear(app).append(view);
  } catch (e) {
    clear(app).append(
      h('section', { class: 'error' }, h('h1', {}, e.status === 404 ? 'Not found' : 'Error'), h('p', {}, e.message)),
    );
  }
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, 0);
  const target = document.querySelector('.target');
  if (target) target.scrollIntoView({ block: 'center' });
}

export function navigate(path) {
  history.pushState(null, '', path);
  render();
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);

const form = document.getElementById('search');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(form);
  const sp = new URLSearchParams();
  for (const [k, v] of data) if (v) sp.set(k, v);
  navigate(`/search?${sp}`);
});

get('stats')
  .then((s) => {
    const select = form.querySelector('select[name=lang]');
    for (const lang of Object.keys(s.by_lang)) select.append(h('option', { value: lang }, lang));
  })
  .catch(() => {});

render();
