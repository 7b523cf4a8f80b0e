import { h, link } from '../dom.js';

export function dateSpan(a, b) {
  if (!a && !b) return 'date unknown';
  if (!b || a === b) return a || b;
  return `${a} – ${b}`;
}

export function langBadges(langs) {
  return h('span', { class: 'langs' }, (langs || []).map((l) => h('span', { class: 'lang' }, l)));
}

// A side of an event: the entity's page when it has one.
export function actor(a) {
  if (!a) return h('span', { class: 'muted' }, '—');
  const label = [a.name, a.role ? ` (${a.role}${a.country ? `, ${a.country}` : ''})` : a.country ? ` (${a.country})` : ''];
  return a.entity ? link(`/entity/${a.entity}`, ...label) : h('span', {}, ...label);
}

// The link from a fact to the sentence it comes from.
export function sourceLink(doc, sentence, text = 'source') {
  const sp = new URLSearchParams();
  if (sentence) sp.set('s', sentence);
  return link(`/document/${encodeURIComponent(doc)}${sentence ? `?${sp}` : ''}`, text);
}

export function section(title, ...children) {
  return h('section', { class: 'block' }, h('h2', {}, title), ...children);
}

export function empty(text) {
  return h('p', { class: 'muted' }, text);
}
