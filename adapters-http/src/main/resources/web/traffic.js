// The traffic panel: per purpose, what went through the proxy and what went direct since the server
// started, failures by kind, the last proxy failure, and a chart of the last 15 minutes, read from
// GET /api/traffic every few seconds while the page is visible and someone is signed in.

import { api } from './api.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const EVERY_MS = 5000;
const WIDTH = 300;
const HEIGHT = 72;
const PAD = 3; // keeps a line at 0 or at the top from being cut in half by the edge

const TITLES = {
  inference: 'LLM provider calls (inference)',
  scim: 'Identity provider calls (SCIM)',
  api: 'Other API calls',
};
// Drawn in this order: where lines meet (all at 0, say), the proxy's is on top.
const SERIES = [
  { key: 'failed', label: 'failed' },
  { key: 'direct', label: 'direct' },
  { key: 'proxy', label: 'through the proxy' },
];
const READING_ORDER = [...SERIES].reverse();

export class TrafficPanel {
  constructor() {
    this.running = false;
    this.timer = null;
    // Polling stops while the tab is hidden and resumes, with a fresh read, when it is shown again.
    document.addEventListener('visibilitychange', () => {
      if (!this.running) return;
      if (document.hidden) this.pause();
      else this.refresh();
    });
  }

  /** Starts polling (after sign-in); a second start changes nothing. */
  start() {
    if (this.running) return;
    this.running = true;
    if (!document.hidden) this.refresh();
  }

  /** Stops polling and forgets what was shown (sign-out). */
  stop() {
    this.running = false;
    this.pause();
    $('traffic-purposes').replaceChildren();
    $('traffic-updated').textContent = '';
    $('traffic-since').textContent = '';
    $('traffic-since').removeAttribute('datetime');
    $('traffic-error').hidden = true;
  }

  pause() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  async refresh() {
    this.pause();
    try {
      const { json } = await api.traffic();
      if (!this.running) return; // signed out while the answer was on its way
      this.render(json);
      $('traffic-error').hidden = true;
    } catch (error) {
      if (!this.running) return;
      $('traffic-error').textContent = `The traffic could not be read: ${error.message}`;
      $('traffic-error').hidden = false;
    }
    // Replaces any timer another refresh set meanwhile (the tab shown again during a read): one poll at a time.
    this.pause();
    if (this.running && !document.hidden) this.timer = setTimeout(() => this.refresh(), EVERY_MS);
  }

  render(traffic) {
    $('traffic-purposes').replaceChildren(...traffic.purposes.map((p) => purposeBlock(p, traffic)));
    const at = new Date(traffic.at);
    $('traffic-updated').textContent = `Updated ${at.toLocaleTimeString()}`;
    $('traffic-since').textContent = new Date(traffic.since).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    $('traffic-since').dateTime = traffic.since;
  }
}

function purposeBlock(p, traffic) {
  const id = `traffic-${p.purpose}`;
  const block = element('article', 'traffic-purpose');
  block.id = id;
  const title = element('h3', '', TITLES[p.purpose] || p.purpose);
  title.id = `${id}-title`;
  block.setAttribute('aria-labelledby', title.id);

  const list = element('dl', 'traffic-counts');
  add(list, 'Through the proxy', number(`${id}-proxy`, p.proxy));
  const direct = number(`${id}-direct`, p.direct);
  const why = Object.entries(p.direct_by);
  if (why.length) direct.append(element('span', 'traffic-why', ` (${why.map(([rule, n]) => `${rule} ${n}`).join(', ')})`));
  add(list, 'Direct', direct);
  add(list, 'Failures', failures(`${id}-failures`, p.failures));
  add(list, 'Last proxy failure', lastFailure(`${id}-last`, p.last_proxy_failure));

  block.append(title, list, chart(`${id}-chart`, p, traffic));
  return block;
}

function number(id, n) {
  const dd = element('dd', 'traffic-number');
  dd.id = id;
  const value = element('span', 'traffic-value', String(n));
  dd.append(value);
  return dd;
}

function failures(id, byKind) {
  const dd = element('dd');
  dd.id = id;
  const kinds = Object.entries(byKind);
  if (kinds.length === 0) dd.append(element('span', 'traffic-none', 'none'));
  kinds.forEach(([kind, n]) => {
    const chip = element('span', 'chip failure-chip', `${kind} ${n}`);
    chip.dataset.kind = kind;
    chip.dataset.count = String(n);
    dd.append(chip);
  });
  return dd;
}

function lastFailure(id, failure) {
  const dd = element('dd');
  dd.id = id;
  if (!failure) {
    dd.append(element('span', 'traffic-none', 'none'));
    return dd;
  }
  const when = element('time', '', new Date(failure.at).toLocaleTimeString());
  when.dateTime = failure.at;
  when.title = failure.at;
  const kind = element('span', 'probe-failed traffic-kind', failure.kind);
  const host = element('span', 'traffic-host', failure.host);
  dd.append(kind, document.createTextNode(' at '), when, document.createTextNode(' to '), host);
  return dd;
}

/** Three lines over the window's buckets, one point per 10 s, on a scale from 0 to the busiest bucket. */
function chart(id, p, traffic) {
  const figure = element('figure', 'traffic-chart');
  const buckets = p.recent.proxy.length;
  const busiest = Math.max(0, ...SERIES.flatMap((s) => p.recent[s.key]));
  const top = Math.max(1, busiest);
  const svg = document.createElementNS(SVG, 'svg');
  svg.id = id;
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  const totals = READING_ORDER.map((s) => `${sum(p.recent[s.key])} ${s.label}`).join(', ');
  const text = `${TITLES[p.purpose] || p.purpose}, last ${Math.round(buckets * traffic.bucket_seconds / 60)} minutes: `
    + `${totals}; at most ${busiest} in one ${traffic.bucket_seconds}-second interval.`;
  svg.setAttribute('aria-label', text);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = text;
  svg.append(title);

  for (const y of [0, 0.5, 1]) {
    const grid = document.createElementNS(SVG, 'line');
    grid.setAttribute('class', 'grid');
    grid.setAttribute('x1', '0');
    grid.setAttribute('x2', String(WIDTH));
    grid.setAttribute('y1', String(yOf(y * top, top)));
    grid.setAttribute('y2', String(yOf(y * top, top)));
    svg.append(grid);
  }
  for (const s of SERIES) {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', `series ${s.key}`);
    line.dataset.series = s.key;
    line.setAttribute('points', p.recent[s.key]
      .map((n, i) => `${xOf(i, buckets).toFixed(1)},${yOf(n, top).toFixed(1)}`).join(' '));
    svg.append(line);
  }

  const caption = element('figcaption', 'traffic-caption');
  caption.setAttribute('aria-hidden', 'true'); // the chart's label says all of it
  const axis = element('span', 'traffic-axis');
  axis.append(element('span', '', '15 min ago'), element('span', '', `peak ${busiest} per ${traffic.bucket_seconds} s`),
    element('span', '', 'now'));
  caption.append(axis, legend());
  figure.append(svg, caption);
  return figure;
}

function legend() {
  const keys = element('span', 'traffic-legend');
  READING_ORDER.forEach((s) => keys.append(element('span', `key ${s.key}`, s.label)));
  return keys;
}

function xOf(i, buckets) {
  return buckets > 1 ? (i * WIDTH) / (buckets - 1) : 0;
}

function yOf(n, top) {
  return HEIGHT - PAD - (n / top) * (HEIGHT - 2 * PAD);
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

function add(list, label, dd) {
  list.append(element('dt', '', label), dd);
}

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
