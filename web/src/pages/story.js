import { get } from '../api.js';
import { h, link } from '../dom.js';
import { actor, dateSpan, empty, langBadges, section, sourceLink } from './common.js';
import { highlightedText } from './text.js';

// A story: its event clusters, its frames, and its articles side by side by
// language with the sentences that carry each event highlighted.
export async function storyPage(id) {
  const s = await get(`stories/${id}`);
  const st = s.story;
  const byLang = new Map();
  for (const m of s.members) {
    if (!byLang.has(m.lang)) byLang.set(m.lang, []);
    byLang.get(m.lang).push(m);
  }
  // The articles' texts (the first few per language).
  const shown = [...byLang.values()].flatMap((ms) => ms.slice(0, 3));
  const docs = new Map(await Promise.all(shown.map(async (m) => [m.doc, await get(`documents/${encodeURIComponent(m.doc)}`).catch(() => null)])));
  return h('div', { class: 'story' },
    h('h1', {}, st.label || `Story ${st.id}`),
    h('p', { class: 'meta' }, dateSpan(st.first_date, st.last_date), ' · ', `${st.documents} articles, ${st.sources} independent sources`, ' · ', langBadges(st.langs)),
    h('ul', { class: 'chips' }, (st.entities || []).map((e) => h('li', {}, link(`/entity/${e.id}`, e.name)))),
    section('Events', s.events.length ? h('ul', { class: 'events' }, s.events.map((e) =>
      h('li', {}, h('strong', {}, e.date || dateSpan(e.first_date, e.last_date)), ' ', e.label, ' ', h('span', { class: 'muted' }, `${e.documents} articles`), ' ', langBadges(e.langs)))) : empty('No event clusters.')),
    section('Who did what', s.frames.length ? h('ul', { class: 'events' }, s.frames.map((f) =>
      h('li', {}, h('strong', {}, `${f.date || '?'} ${f.type || f.code}`), ' ', actor(f.actor1), ' → ', actor(f.actor2), ' ',
        h('q', {}, f.sentence), ' ', sourceLink(f.doc, f.sentence, f.lang)))) : empty('No event frames.')),
    section('Articles by language', h('div', { class: 'columns' }, [...byLang.entries()].map(([lang, ms]) =>
      h('div', { class: 'column', 'data-lang': lang }, h('h3', {}, lang),
        ms.map((m) => {
          const d = docs.get(m.doc);
          return h('div', { class: 'member' },
            h('h4', {}, link(`/document/${encodeURIComponent(m.doc)}`, m.title || m.doc)),
            h('p', { class: 'muted' }, [m.event_date || m.published || '', m.copy_of ? ` · copy of ${m.copy_of}` : '']),
            d ? highlightedText(d.text, d.events) : null);
        }))))));
}
