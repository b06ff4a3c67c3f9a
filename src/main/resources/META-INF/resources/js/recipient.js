// Recipient lookup: the overall status, the status per list (what set it, when) and the latest events.

import { query, EVENT_FIELDS } from './api.js';
import { el, formatTime } from './dom.js';
import { label } from './feed.js';

const RECIPIENT = `query Recipient($id: String!) {
  recipient(recipientId: $id) {
    recipientId status softBounces hardBounces lastEventAt
    lists { userListId clientId status changedAt reason }
    events(first: 20) { edges { node { ${EVENT_FIELDS} } } }
  }
}`;

export function createRecipientLookup({ form, input, result }) {
  form.addEventListener('submit', async (submit) => {
    submit.preventDefault();
    const id = input.value.trim();
    if (!id) {
      return;
    }
    result.replaceChildren(el('p', { class: 'hint' }, 'Looking up…'));
    try {
      const { recipient } = await query(RECIPIENT, { id });
      result.replaceChildren(recipient ? render(recipient) : el('p', { class: 'message' },
        `No event of “${id}” is stored.`));
    } catch (error) {
      result.replaceChildren(el('p', { class: 'message error', role: 'alert' }, error.message));
    }
  });
}

function render(r) {
  return el('div', { class: 'recipient', dataset: { recipientId: r.recipientId, status: r.status } },
    el('p', {},
      el('strong', {}, r.recipientId), ' is ',
      el('span', { class: `status status-${r.status}`, dataset: { field: 'status' } }, r.status.toLowerCase()),
      ` · ${r.softBounces} soft and ${r.hardBounces} hard bounces · last event ${formatTime(r.lastEventAt)}`),
    el('table', {},
      el('caption', {}, 'Status per recipient list'),
      el('thead', {}, el('tr', {}, ['List', 'Client', 'Status', 'Since', 'Why'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, r.lists.map((list) => el('tr', { dataset: { list: list.userListId ?? '' } },
        el('td', {}, list.userListId ?? '—'), el('td', {}, list.clientId ?? '—'),
        el('td', { dataset: { field: 'status' } }, list.status.toLowerCase()),
        el('td', {}, formatTime(list.changedAt)), el('td', {}, list.reason ?? '—'))))),
    el('h3', {}, 'Latest events'),
    el('ol', { class: 'recipient-events' }, r.events.edges.map(({ node }) =>
      el('li', { dataset: { eventId: node.eventId, type: node.type } },
        el('span', { class: `type type-${node.type}` }, label(node.type)), ' ',
        node.mailingId ? `mailing ${node.mailingId} · ` : '',
        formatTime(node.occurredAt ?? node.receivedAt),
        node.type === 'BOUNCE' ? ` · ${node.category ?? ''}: ${node.reason ?? ''}` : '',
        node.type === 'CLICK' && node.link ? ` · ${node.link}` : ''))));
}
