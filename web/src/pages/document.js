import { get } from '../api.js';
import { h, link } from '../dom.js';
import { actor, empty, section } from './common.js';
import { highlightedText } from './text.js';

export async function documentPage(id, params) {
  const d = await get(`documents/${encodeURIComponent(id)}`);
  const target = params.get('s') || '';
  return h('article', { class: 'document' },
    h('h1', {}, d.title || d.id),
    h('p', { class: 'meta' },
      h('span', { class: 'lang' }, d.lang), ' ',
      d.event_date ? `event ${d.event_date} · ` : '',
      d.published ? `published ${d.published} · ` : '',
      d.url ? h('a', { href: d.url, rel: 'noopener noreferrer' }, 'original') : d.source),
    highlightedText(d.text, d.events, target),
    section('Events in this article', d.events.length ? h('ul', { class: 'events' }, d.events.map((e) =>
      h('li', {}, h('strong', {}, `${e.date || '?'} ${e.code} ${e.type || ''}`), ' ', actor(e.actor1), ' → ', actor(e.actor2)))) : empty('None found.')),
    section('Entities', h('ul', { class: 'chips' }, (d.entities || []).map((e) =>
      h('li', {}, link(`/entity/${e.entity}`, e.name || e.surfaces[0]), h('span', { class: 'muted' }, ` ${e.type}`))))));
}
