import { get } from '../api.js';
import { h } from '../dom.js';
import { navigate } from '../main.js';
import { eventTimeline, network } from '../charts.js';
import { actor, empty, langBadges, section, sourceLink } from './common.js';

// Two countries or entities: a visual timeline of their events by type,
// topics over time, and the network of people involved.
export async function relationPage(params) {
  const a = params.get('a');
  const b = params.get('b');
  if (!a || !b) return h('p', {}, 'Give two entities: /relation?a=…&b=…');
  const [tl, dossier] = await Promise.all([get('timeline', { a, b, limit: 500 }), get('dossier', { a, b })]);
  const items = tl.items.map((it) => ({
    date: it.date, code: it.code, type: it.type, weight: it.documents,
    label: `${it.actor1 ? it.actor1.name : '?'} → ${it.actor2 ? it.actor2.name : '?'} (${it.documents} articles)`,
    href: `/document/${encodeURIComponent(it.source)}?${new URLSearchParams({ s: it.sentence })}`,
  }));
  // People: actors of the happenings, linked when they act together.
  const nodes = new Map();
  const edges = new Map();
  for (const it of tl.items) {
    const ends = [it.actor1, it.actor2].filter((x) => x && x.entity && x.type === 'PER');
    for (const x of ends) nodes.set(x.entity, { id: x.entity, label: x.name, kind: 'PER' });
    if (ends.length === 2 && ends[0].entity !== ends[1].entity) {
      const [s, t] = [ends[0].entity, ends[1].entity].sort((p, q) => p - q);
      const k = `${s}-${t}`;
      edges.set(k, { source: s, target: t, weight: (edges.get(k)?.weight || 0) + it.documents });
    }
  }
  const years = Object.keys(dossier.topics_by_year).sort();
  const topics = [...new Set(years.flatMap((y) => Object.keys(dossier.topics_by_year[y])))].sort();
  return h('div', { class: 'relation' },
    h('h1', {}, `${tl.a.name} – ${tl.b.name}`),
    h('p', { class: 'meta' }, `${tl.items.length}${tl.next_cursor ? '+' : ''} happenings in ${dossier.documents} articles`),
    section('Timeline of events by type', eventTimeline(items, navigate)),
    section('Events', tl.items.length ? h('ul', { class: 'events timeline-list' }, tl.items.map((it) =>
      h('li', { class: 'happening' }, h('strong', {}, `${it.date || '?'} ${it.type || it.code}`), ' ', actor(it.actor1), ' → ', actor(it.actor2), ' ',
        langBadges(it.langs), ' ', h('q', {}, it.sentence), ' ', sourceLink(it.source, it.sentence)))) : empty('No events between them.')),
    section('Topics over time', topics.length ? h('table', { class: 'list topics' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Topic'), years.map((y) => h('th', {}, y)))),
      h('tbody', {}, topics.map((t) => h('tr', {}, h('td', {}, t), years.map((y) => h('td', { class: 'num' }, dossier.topics_by_year[y][t] || '')))))) : empty('No topics.')),
    section('People involved', network([...nodes.values()], [...edges.values()], (id) => navigate(`/entity/${id}`))),
    section('Agreements', dossier.agreements.length ? h('ul', {}, dossier.agreements.map((ag) =>
      h('li', {}, h('strong', {}, ag.date || '?'), ' ', actor(ag.actor1), ' – ', actor(ag.actor2), ' ', h('q', {}, ag.sentence), ' ', sourceLink(ag.source, ag.sentence)))) : empty('None signed.')));
}
