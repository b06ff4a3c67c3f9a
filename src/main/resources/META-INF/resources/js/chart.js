// Events per minute over the last hour, stacked by type, drawn as plain SVG (no chart library to ship).
// Minutes are by arrival (receivedAt): the monitor shows what reaches the service, and the provider's
// own `created` times can be hours old on a redelivery.

import { el } from './dom.js';
import { label } from './feed.js';

const MINUTES = 60;
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 150;
const BAR = WIDTH / MINUTES;

/** One colour per type, chosen to stay apart for common colour-vision deficiencies where possible. */
const COLOURS = {
  SENT: '#4e79a7', OPEN: '#59a14f', CLICK: '#f28e2b', BOUNCE: '#e15759', UNSUBSCRIBE: '#b07aa1',
  SPAM_COMPLAINT: '#9c2f2f', SINGLE_OPT_IN: '#76b7b2', DOUBLE_OPT_IN: '#5a8f8a', CONFIRMED_OPT_IN: '#3d6b66',
  BLOCKLIST: '#333333', FILTERED_BY_BLOCKLIST: '#7f7f7f', ARCHIVE: '#bab0ac', OTHER: '#edc948',
};

export function createChart({ container, summary }) {
  const minutes = new Map(); // minute number (epoch minutes) -> Map(type -> count)
  let pending = false;

  function add(event) {
    const minute = Math.floor(Date.parse(event.receivedAt) / 60000);
    const counts = minutes.get(minute) ?? new Map();
    counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    minutes.set(minute, counts);
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function render() {
    pending = false;
    const now = Math.floor(Date.now() / 60000);
    const first = now - MINUTES + 1;
    for (const minute of minutes.keys()) {
      if (minute < first) {
        minutes.delete(minute);
      }
    }
    const totals = new Map();
    let peak = 0;
    let all = 0;
    for (const counts of minutes.values()) {
      let inMinute = 0;
      counts.forEach((n, type) => {
        inMinute += n;
        totals.set(type, (totals.get(type) ?? 0) + n);
      });
      peak = Math.max(peak, inMinute);
      all += inMinute;
    }
    const scale = peak ? (HEIGHT - 14) / peak : 0;
    const chart = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT + 16}`, role: 'img', class: 'chart', preserveAspectRatio: 'none',
      'aria-label': `Events per minute over the last hour: ${all} in all, at most ${peak} in one minute.`,
    });
    chart.append(svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT, y2: HEIGHT, class: 'axis' }));
    chart.append(svg('text', { x: 2, y: 10, class: 'tick' }, `${peak}/min`));
    chart.append(svg('text', { x: 2, y: HEIGHT + 13, class: 'tick' }, '−60 min'));
    chart.append(svg('text', { x: WIDTH - 2, y: HEIGHT + 13, class: 'tick', 'text-anchor': 'end' }, 'now'));
    for (const [minute, counts] of minutes) {
      let y = HEIGHT;
      for (const [type, n] of counts) {
        const h = n * scale;
        y -= h;
        const bar = svg('rect', {
          x: (minute - first) * BAR + 1, y, width: BAR - 2, height: h, fill: COLOURS[type] ?? '#999',
          'data-minute': minute, 'data-type': type, 'data-count': n,
        });
        bar.append(svg('title', {}, `${new Date(minute * 60000).toLocaleTimeString()}: ${n} ${label(type)}`));
        chart.append(bar);
      }
    }
    const legend = el('ul', { class: 'legend' },
      [...totals].sort((a, b) => b[1] - a[1]).map(([type, n]) =>
        el('li', { dataset: { type, count: n } },
          el('span', { class: 'swatch', style: `background:${COLOURS[type] ?? '#999'}`, 'aria-hidden': 'true' }),
          `${label(type)} ${n}`)));
    container.replaceChildren(chart, legend);
    summary.textContent = all
      ? `${all} events in the last hour; ${sum(minutes.get(now))} this minute.`
      : 'No events in the last hour.';
  }

  // Slide the window even when nothing arrives.
  setInterval(render, 15000);

  return {
    /** History (any order), e.g. the last hour from the `events` query. */
    load(events) {
      minutes.clear();
      events.forEach(add);
      render();
    },
    /** A live event; drawing is batched to one per animation frame. */
    add(event) {
      add(event);
      if (!pending) {
        pending = true;
        requestAnimationFrame(render);
      }
    },
  };
}

function sum(counts) {
  let n = 0;
  counts?.forEach((c) => { n += c; });
  return n;
}
