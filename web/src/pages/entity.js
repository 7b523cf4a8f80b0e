import { get } from '../api.js';
import { h, link } from '../dom.js';
import { navigate } from '../main.js';
import { eventTimeline } from '../charts.js';
import { actor, dateSpan, empty, section, sourceLink } from './common.js';

export async function entityPage(id) {
  const d = await get(`entities/${id}`);
  const e = d.entity;
  const byLang = new Map();
  for (const a of d.aliases) {
    if (!byLang.has(a.lang)) byLang.set(a.lang, []);
    byLang.get(a.lang).push(a);
  }
  const items = d.events.map((ev) => ({
    date: ev.date, code: ev.code, type: ev.type,
    label: `${ev.actor1 ? ev.actor1.name : '?'} → ${ev.actor2 ? ev.actor2.name : '?'}`,
    href: `/document/${encodeURIComponent(ev.doc)}?${new URLSearchParams({ s: ev.sentence })}`,
  }));
  return h('div', { class: 'entity' },
    h('h1', {}, e.name, ' ', h('span', { class: 'type' }, e.type)),
    h('p', { class: 'meta' }, `${e.documents} articles · ${e.mentions} mentions`, e.place ? ` · ${e.place}` : ''),
    section('Names by language and script', h('table', { class: 'list aliases' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Language'), h('th', {}, 'Names (script, articles)'))),
      h('tbody', {}, [...byLang.entries()].map(([lang, as]) => h('tr', {}, h('td', {}, lang),
        h('td', {}, as.map((a, i) => [i ? ', ' : '', h('span', { class: 'alias' }, a.surface), h('span', { class: 'muted' }, ` (${a.script}, ${a.documents})`)]))))))),
    section('Roles over time', d.roles.length ? h('ul', { class: 'roles' }, d.roles.map((r) =>
      h('li', {}, h('strong', {}, r.role), ' ', dateSpan(r.first, r.last), ` · ${r.documents} articles · `, sourceLink(r.source, '', 'first source')))) : empty('No roles found.')),
    section('Timeline', eventTimeline(items, navigate),
      d.events.length ? h('ul', { class: 'events' }, d.events.slice(0, 100).map((ev) =>
        h('li', {}, h('strong', {}, `${ev.date || '?'} ${ev.type || ev.code}`), ' ', actor(ev.actor1), ' → ', actor(ev.actor2), ' ',
          h('q', {}, ev.sentence), ' ', sourceLink(ev.doc, ev.sentence, ev.lang)))) : empty('No events.')),
    section('Mentioned with', h('ul', { class: 'chips co-mentioned' }, d.co_mentioned.map((c) =>
      h('li', {}, link(`/entity/${c.entity.id}`, c.entity.name), ' ',
        link(`/relation?${new URLSearchParams({ a: e.id, b: c.entity.id })}`, h('span', { class: 'rel' }, `relationship (${c.shared_documents})`)))))),
    section(`Articles (${d.documents_total})`, h('ul', { class: 'results' }, d.documents.map((doc) =>
      h('li', {}, link(`/document/${encodeURIComponent(doc.doc)}`, doc.title || doc.doc), ' ', h('span', { class: 'lang' }, doc.lang), ' ',
        h('span', { class: 'muted' }, `${doc.published || ''} · as ${doc.surfaces.join(', ')}`))))));
}
