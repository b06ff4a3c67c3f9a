// The live event feed: the newest stored events first, then every new one from the `events` subscription.
//
// Gap-free by construction: the first page comes from the `events` query (newest first), and the
// subscription starts with `after:` = the newest cursor of that page, so the server replays whatever was
// stored in between. On every event shown the subscription's `after` moves to its cursor; graphql-ws
// re-sends that payload when it reconnects, so after a drop the page resumes exactly after the last
// event it shows. The page never removes duplicates itself: the server's guarantee is what you see.

import { EVENT_FIELDS } from './api.js';
import { el, formatTime, EVENT_TYPES } from './dom.js';

const SUBSCRIPTION = `subscription Feed($after: String) { events(after: $after) { ${EVENT_FIELDS} } }`;
/** Rows kept on the page; older ones are dropped (the API pages further back). */
const MAX_ROWS = 200;

export function createFeed({ list, empty, typeFilter, mailingFilter, onEvent, onRefused }) {
  let lastCursor = null;
  let subscription = null;

  for (const type of EVENT_TYPES) {
    typeFilter.append(el('option', { value: type }, label(type)));
  }
  typeFilter.addEventListener('change', applyFilters);
  mailingFilter.addEventListener('change', applyFilters);

  function show(event, { atTop }) {
    const row = render(event);
    row.hidden = !matches(row);
    if (atTop) {
      list.prepend(row);
    } else {
      list.append(row);
    }
    while (list.children.length > MAX_ROWS) {
      list.lastElementChild.remove();
    }
    empty.hidden = true;
  }

  function matches(row) {
    return (!typeFilter.value || row.dataset.type === typeFilter.value)
      && (!mailingFilter.value || row.dataset.mailing === mailingFilter.value);
  }

  function applyFilters() {
    for (const row of list.children) {
      row.hidden = !matches(row);
    }
  }

  function follow(connection) {
    subscription = connection.subscribe(SUBSCRIPTION, { after: lastCursor }, {
      next: ({ events: event }) => {
        if (!event) {
          return;
        }
        show(event, { atTop: true });
        lastCursor = event.cursor;
        subscription.payload.variables.after = lastCursor; // what a reconnect resumes from
        onEvent(event);
      },
      error: (code, message) => {
        if (code === 'SUBSCRIBER_TOO_SLOW') {
          follow(connection); // the server ended us for falling behind: carry on after the last event shown
        } else if (code === 'UNAUTHORIZED') {
          onRefused(message); // e.g. a token that expired while the page was open
        } else {
          console.warn(`events subscription ended: ${code} ${message}`);
        }
      },
    });
  }

  return {
    /** The first page, newest first (from the `events` query). */
    load(events) {
      list.replaceChildren();
      events.forEach((event) => show(event, { atTop: false }));
      lastCursor = events.length ? events[0].cursor : null;
      empty.hidden = events.length > 0;
    },

    /** Follows new events from after the newest one shown. */
    subscribe(connection) {
      follow(connection);
    },

    /** Offers a mailing in the mailing filter. */
    addMailing(mailingId) {
      const id = String(mailingId);
      if (![...mailingFilter.options].some((option) => option.value === id)) {
        mailingFilter.append(el('option', { value: id }, id));
      }
    },

    stop() {
      subscription?.dispose();
      subscription = null;
    },
  };
}

/** One event as a list item; data-* attributes carry what the filters (and the tests) look at. */
function render(event) {
  const details = [];
  if (event.type === 'BOUNCE') {
    details.push(`${event.category ?? 'bounce'}: ${event.reason ?? 'no reason given'}`);
    if (event.thresholdExceeded) {
      details.push('threshold exceeded');
    }
  } else if (event.type === 'CLICK' && event.link) {
    details.push(el('a', { href: safeLink(event.link), rel: 'noopener noreferrer', target: '_blank' }, event.link));
  } else if (event.type === 'OTHER') {
    details.push(`provider type “${event.providerType}”`);
  }
  return el('li', {
    class: 'event',
    dataset: {
      cursor: event.cursor, eventId: event.eventId, type: event.type, mailing: event.mailingId ?? '',
    },
  },
  el('span', { class: `type type-${event.type}` }, label(event.type)),
  el('span', { class: 'who' }, event.recipientId ?? 'no recipient'),
  el('span', { class: 'mailing' }, event.mailingId ? `mailing ${event.mailingId}` : 'no mailing'),
  el('time', { datetime: event.occurredAt ?? event.receivedAt, title: `received ${event.receivedAt}` },
    formatTime(event.occurredAt ?? event.receivedAt)),
  details.length ? el('span', { class: 'details' }, ...details.flatMap((d, i) => (i ? [' · ', d] : [d]))) : null);
}

/** Only http(s) links become clickable; anything else (javascript:, data:) stays a dead link. */
function safeLink(link) {
  return /^https?:\/\//i.test(link) ? link : '#';
}

export function label(type) {
  return type.toLowerCase().replaceAll('_', ' ');
}
