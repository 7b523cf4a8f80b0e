// Charts: a timeline of events by type (d3) and networks (cytoscape). Labels
// go in through d3's .text() and cytoscape's data: never as markup.
import * as d3 from 'd3';
import cytoscape from 'cytoscape';

// `items`: [{date, code, type, label, href}]: one mark per item, a lane per type.
export function eventTimeline(items, navigate) {
  const dated = items.filter((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.date || ''));
  const wrap = document.createElement('div');
  wrap.className = 'timeline-chart';
  if (!dated.length) {
    wrap.textContent = 'No dated events.';
    return wrap;
  }
  const types = [...new Set(dated.map((i) => `${i.code} ${i.type || ''}`.trim()))].sort();
  const width = 900;
  const lane = 28;
  const margin = { top: 10, right: 20, bottom: 30, left: 200 };
  const height = margin.top + margin.bottom + lane * types.length;
  const parse = d3.utcParse('%Y-%m-%d');
  let [lo, hi] = d3.extent(dated, (d) => parse(d.date));
  if (+lo === +hi) {
    lo = d3.utcDay.offset(lo, -3);
    hi = d3.utcDay.offset(hi, 3);
  }
  const x = d3.scaleUtc().domain([lo, hi]).range([margin.left, width - margin.right]).nice();
  const y = d3.scaleBand().domain(types).range([margin.top, height - margin.bottom]).padding(0.3);
  const color = d3.scaleOrdinal(d3.schemeTableau10).domain(types);
  const svg = d3.select(wrap).append('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', 'timeline of events by type');
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).tickSize(0));
  const marks = svg.append('g').selectAll('a').data(dated).join('a')
    .attr('href', (d) => d.href).attr('class', 'tl-mark')
    .on('click', (ev, d) => { ev.preventDefault(); navigate(d.href); });
  marks.append('circle')
    .attr('cx', (d) => x(parse(d.date)))
    .attr('cy', (d) => y(`${d.code} ${d.type || ''}`.trim()) + y.bandwidth() / 2)
    .attr('r', (d) => 4 + Math.min(6, d.weight || 1))
    .attr('fill', (d) => color(`${d.code} ${d.type || ''}`.trim()))
    .attr('fill-opacity', 0.8);
  marks.append('title').text((d) => `${d.date} ${d.type || d.code}: ${d.label}`);
  return wrap;
}

// `nodes`: [{id, label, kind}], `edges`: [{source, target, weight, label}].
export function network(nodes, edges, onNode) {
  const el = document.createElement('div');
  el.className = 'network';
  if (!nodes.length) {
    el.textContent = 'Nobody to show.';
    el.classList.add('empty');
    return el;
  }
  // One edge per pair: co-mentions and event links of the same two add up.
  const pairs = new Map();
  for (const e of edges) {
    const [a, b] = [String(e.source), String(e.target)].sort();
    const p = pairs.get(`${a}|${b}`) || { source: a, target: b, weight: 0, labels: [] };
    p.weight += e.weight || 1;
    if (e.label) p.labels.push(e.label);
    pairs.set(`${a}|${b}`, p);
  }
  edges = [...pairs.values()].map((p) => ({ ...p, label: [...new Set(p.labels)].join(', ') }));
  // Cytoscape measures its container: lay out once it is in the document.
  requestAnimationFrame(() => {
    const cy = cytoscape({
      container: el,
      elements: [
        ...nodes.map((n) => ({ data: { id: String(n.id), label: n.label, kind: n.kind || '' } })),
        ...edges.map((e, i) => ({ data: { id: `e${i}`, source: String(e.source), target: String(e.target), weight: e.weight || 1, label: e.label || '' } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'background-color': '#4e79a7', width: 14, height: 14 } },
        { selector: 'node[kind = "LOC"]', style: { 'background-color': '#59a14f' } },
        { selector: 'node[kind = "ORG"]', style: { 'background-color': '#f28e2b' } },
        { selector: 'edge', style: { width: 'mapData(weight, 1, 20, 1, 6)', 'line-color': '#ccc', 'curve-style': 'haystack', opacity: 0.6 } },
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 600000, idealEdgeLength: () => 90, nodeOverlap: 40, padding: 20 },
      wheelSensitivity: 0.3,
      maxZoom: 1.5,
    });
    cy.on('tap', 'node', (ev) => onNode && onNode(ev.target.id()));
    el.dataset.ready = 'true';
  });
  return el;
}
