// Mailings with their statistics, newest activity first, each kept up to date by its own
// `mailingStats` subscription. A mailing the page has not seen yet is discovered through the event feed.

import { query, MAILING_FIELDS } from './api.js';
import { el, formatRate, formatTime } from './dom.js';

const SUBSCRIPTION = `subscription Stats($mailingId: ID!) { mailingStats(mailingId: $mailingId) { ${MAILING_FIELDS} } }`;
const ONE_MAILING = `query Mailing($mailingId: ID!) { mailing(mailingId: $mailingId) { ${MAILING_FIELDS} } }`;
/** Mailings shown (and subscribed to) at most; the least recently active one goes first. */
const MAX_MAILINGS = 50;
const RECENT = `query Recent { mailings(first: ${MAX_MAILINGS}) { edges { node { ${MAILING_FIELDS} } } } }`;

const COLUMNS = [
  ['sent', (s) => s.sent],
  ['opens', (s) => s.opens],
  ['uniqueOpens', (s) => s.uniqueOpens],
  ['clicks', (s) => s.clicks],
  ['bounces', (s) => s.softBounces + s.hardBounces],
  ['unsubscribes', (s) => s.unsubscribes],
  ['spamComplaints', (s) => s.spamComplaints],
  ['openRate', (s) => formatRate(s.openRate)],
  ['clickRate', (s) => formatRate(s.clickRate)],
  ['bounceRate', (s) => formatRate(s.bounceRate)],
];

/** Counts only grow (events are never deleted), so of two readings the one with more events is the newer. */
function total(s) {
  return s.sent + s.opens + s.clicks + s.softBounces + s.hardBounces + s.unsubscribes + s.spamComplaints;
}

export function createStats({ body, empty, onMailing }) {
  const rows = new Map(); // mailingId -> { row, mailing, subscription }
  let connection = null;

  /** Shows a reading of a mailing; `flash` highlights the row (live changes, not the first load). */
  function apply(mailing, flash = true) {
    if (!mailing) {
      return;
    }
    const id = String(mailing.mailingId);
    let entry = rows.get(id);
    if (!entry) {
      entry = { row: el('tr', { dataset: { mailingId: id } }), mailing: null, subscription: null };
      rows.set(id, entry);
      onMailing(id);
    } else if (entry.mailing && total(mailing.stats) < total(entry.mailing.stats)) {
      return; // an older reading arriving late
    }
    entry.mailing = mailing;
    entry.row.replaceChildren(
      el('th', { scope: 'row' }, id),
      ...COLUMNS.map(([field, value]) => el('td', { class: 'num', dataset: { field } }, value(mailing.stats))),
      el('td', {}, el('time', { datetime: mailing.lastEventAt ?? '' }, formatTime(mailing.lastEventAt))));
    if (flash) {
      entry.row.classList.remove('flash');
      void entry.row.offsetWidth; // restart the highlight animation
      entry.row.classList.add('flash');
    }
    placeRows();
    if (connection && !entry.subscription) {
      follow(id, entry);
    }
  }

  function placeRows() {
    // newest activity first; compared as instants, not as text (fractions of a second vary in length)
    const ordered = [...rows.entries()].sort(([, a], [, b]) => activity(b) - activity(a));
    for (const [id, entry] of ordered.slice(MAX_MAILINGS)) {
      entry.subscription?.dispose();
      entry.row.remove();
      rows.delete(id);
    }
    // a mailing just discovered has its row once its first reading arrived
    body.replaceChildren(...ordered.slice(0, MAX_MAILINGS).filter(([, e]) => e.mailing).map(([, e]) => e.row));
    empty.hidden = body.children.length > 0;
  }

  function activity(entry) {
    return Date.parse(entry.mailing?.lastEventAt ?? '') || 0;
  }

  function follow(id, entry) {
    entry.subscription = connection.subscribe(SUBSCRIPTION, { mailingId: id }, {
      next: (data) => apply(data.mailingStats),
      error: (code, message) => console.warn(`mailingStats(${id}) ended: ${code} ${message}`),
    });
  }

  return {
    load(mailings) {
      rows.clear();
      mailings.forEach((mailing) => apply(mailing, false));
      placeRows();
    },

    /**
     * After a reconnect: the subscriptions carry on from now, so read once what changed while we were away
     * (readings with fewer events than shown are ignored by `apply`).
     */
    async refresh() {
      try {
        const { mailings } = await query(RECENT);
        mailings.edges.forEach(({ node }) => apply(node));
      } catch (error) {
        console.warn(`mailings: ${error.message}`);
      }
    },

    subscribe(live) {
      connection = live;
      rows.forEach((entry, id) => follow(id, entry));
    },

    /**
     * An event of a mailing not shown yet: subscribe first, then read it. The event reached us only after
     * the statistics counting it were committed, so the read shows it; the subscription sent before the
     * read brings every later change (the two may cross: `apply` keeps the reading with more events).
     */
    async onEvent(event) {
      const id = event.mailingId && String(event.mailingId);
      if (!id || rows.has(id)) {
        return;
      }
      const entry = { row: el('tr', { dataset: { mailingId: id } }), mailing: null, subscription: null };
      rows.set(id, entry);
      onMailing(id);
      if (connection) {
        follow(id, entry);
      }
      try {
        apply((await query(ONE_MAILING, { mailingId: id })).mailing);
      } catch (error) {
        console.warn(`mailing ${id}: ${error.message}`);
      }
    },

    stop() {
      rows.forEach((entry) => entry.subscription?.dispose());
      rows.clear();
      connection = null;
    },
  };
}
