// An article's text with the sentences that carry event frames highlighted.
// Offsets from the API are bytes of UTF-8; the text is cut on those bytes and
// every piece goes in as a text node.
import { h } from '../dom.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

// `events`: [{sentence_begin, sentence_end, code, type}]; `target`: a sentence
// to mark as the one a link pointed at.
export function highlightedText(text, events, target) {
  const bytes = enc.encode(text);
  const ranges = new Map();
  for (const e of events || []) {
    if (!(e.sentence_end > e.sentence_begin) || e.sentence_end > bytes.length) continue;
    const key = `${e.sentence_begin}:${e.sentence_end}`;
    if (!ranges.has(key)) ranges.set(key, { b: e.sentence_begin, e: e.sentence_end, types: [] });
    ranges.get(key).types.push(`${e.code} ${e.type || ''}`.trim());
  }
  const sorted = [...ranges.values()].sort((x, y) => x.b - y.b);
  const out = h('div', { class: 'article-text' });
  let at = 0;
  let targetFound = false;
  const plain = (from, to) => {
    if (to > from) out.append(document.createTextNode(dec.decode(bytes.subarray(from, to))));
  };
  for (const r of sorted) {
    if (r.b < at) continue;  // overlapping: keep the first
    plain(at, r.b);
    const sentence = dec.decode(bytes.subarray(r.b, r.e));
    const isTarget = !targetFound && target && sentence.trim() === target.trim();
    if (isTarget) targetFound = true;
    out.append(h('mark', { class: `event${isTarget ? ' target' : ''}`, title: r.types.join(', '), 'data-types': r.types.join(',') }, sentence));
    at = r.e;
  }
  plain(at, bytes.length);
  if (target && !targetFound) {
    // The sentence of a frame whose span the text shows differently: mark it by its text.
    for (const node of [...out.childNodes]) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const i = node.data.indexOf(target);
      if (i < 0) continue;
      const after = node.splitText(i);
      after.splitText(target.length);
      after.replaceWith(h('mark', { class: 'event target' }, target));
      break;
    }
  }
  return out;
}
