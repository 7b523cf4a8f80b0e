import { get } from '../api.js';
import { h, link } from '../dom.js';
import { dateSpan, empty, langBadges, section } from './common.js';
import { network } from '../charts.js';
import { navigate } from '../main.js';

export function storyList(items) {
  if (!items.length) return empty('No stories.');
  return h(
    'table',
    { class: 'list stories' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Story'), h('th', {}, 'Languages'), h('th', {}, 'Dates'),
      h('th', {}, 'Articles'), h('th', {}, 'Independent sources'))),
    h('tbody', {}, items.map((s) => h('tr', { class: 'story-row' },
      h('td', {}, link(`/story/${s.id}`, s.label || `story ${s.id}`)),
      h('td', {}, langBadges(s.langs)),
      h('td', {}, dateSpan(s.first_date, s.last_date)),
      h('td', { class: 'num' }, s.documents),
      h('td', { class: 'num' }, s.sources)))),
  );
}

export async function home() {
  const [stories, entities, graph] = await Promise.all([
    get('stories', { limit: 50 }).catch((e) => e),
    get('entities', { limit: 30 }),
    get('graph', { limit: 40 }),
  ]);
  const storyBlock = stories instanceof Error
    ? empty(`Stories are not available: ${stories.message}`)
    : storyList(stories.items);
  return h('div', { class: 'home' },
    section('Stories', storyBlock),
    section('Most reported', h('ul', { class: 'chips' }, entities.items.map((e) =>
      h('li', {}, link(`/entity/${e.id}`, e.name), h('span', { class: 'muted' }, ` ${e.type} · ${e.documents}`))))),
    section('Who is linked to whom (co-mentions and events)', network(
      graph.nodes.map((n) => ({ id: n.id, label: n.name, kind: n.type })),
      graph.edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight, label: e.type || e.kind })),
      (id) => navigate(`/entity/${id}`))));
}

export async function searchPage(params) {
  const p = Object.fromEntries(params);
  const form = document.getElementById('search');
  for (const k of ['q', 'lang', 'from', 'to']) if (form.elements[k]) form.elements[k].value = p[k] || '';
  const [docs, ents] = await Promise.all([
    get('search', { ...p, limit: 50 }),
    p.q ? get('entities', { q: p.q, limit: 10 }) : Promise.resolve({ items: [] }),
  ]);
  return h('div', {},
    h('h1', {}, `Search: ${p.q || '(everything)'}`),
    ents.items.length ? section('Entities', h('ul', { class: 'chips' }, ents.items.map((e) =>
      h('li', {}, link(`/entity/${e.id}`, e.name), h('span', { class: 'muted' }, ` ${e.type} · ${e.documents}`))))) : null,
    section('Articles', docs.items.length ? h('ul', { class: 'results' }, docs.items.map((d) =>
      h('li', { class: 'result' },
        link(`/document/${encodeURIComponent(d.id)}`, d.title || d.id),
        ' ', h('span', { class: 'lang' }, d.lang), ' ',
        h('span', { class: 'muted' }, d.event_date || d.published || '')))) : empty('No article matches.')));
}
