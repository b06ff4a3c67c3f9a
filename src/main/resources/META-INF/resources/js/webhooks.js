// Webhook status at Optimizely, for admins only: read from the admin API (`webhooks`), which refuses
// a reader with FORBIDDEN (no token at all: UNAUTHORIZED), and then this section stays hidden. Read only on purpose: changing
// webhooks (sync, delete, deactivate) is done through the GraphQL mutations, deliberately, not by a click here.

import { query } from './api.js';
import { el, formatTime } from './dom.js';

const WEBHOOKS = '{ webhooks { id type status targetUrl format authenticationType modified } }';
/** The provider's twelve event types, as `syncWebhooks` wires them. */
const TYPES = ['sent', 'open', 'click', 'bounce', 'unsubscribe', 'spamcomplaint', 'singleoptin', 'doubleoptin',
  'confirmedoptin', 'blocklist', 'filteredbyblocklist', 'archive'];

export function createWebhookStatus({ card, result, refresh }) {
  async function check() {
    try {
      const { webhooks } = await query(WEBHOOKS);
      card.hidden = false;
      result.replaceChildren(render(webhooks));
    } catch (error) {
      if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') {
        card.hidden = true; // not an admin token: nothing to show
        return;
      }
      card.hidden = false;
      result.replaceChildren(el('p', { class: 'message error', role: 'alert', dataset: { code: error.code ?? '' } },
        `${error.code ?? 'Error'}: ${error.message}`));
    }
  }
  refresh.addEventListener('click', check);
  return { check, hide: () => { card.hidden = true; } };
}

function render(webhooks) {
  const byType = new Map(TYPES.map((type) => [type, []]));
  for (const webhook of webhooks) {
    if (!byType.has(webhook.type)) {
      byType.set(webhook.type, []);
    }
    byType.get(webhook.type).push(webhook);
  }
  return el('table', { class: 'webhooks' },
    el('caption', {}, 'Event types and their webhooks (active means the provider delivers them)'),
    el('thead', {}, el('tr', {}, ['Event type', 'Wired', 'Status', 'Target', 'Auth', 'Changed'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, [...byType].flatMap(([type, hooks]) => (hooks.length ? hooks : [null]).map((hook) =>
      el('tr', { dataset: { type, status: hook?.status ?? 'none' } },
        el('th', { scope: 'row' }, type),
        el('td', {}, hook ? 'yes' : 'no'),
        el('td', { class: hook?.status === 'activated' ? 'ok' : 'warn' }, hook?.status ?? 'not wired'),
        el('td', { class: 'url' }, hook?.targetUrl ?? '—'),
        el('td', {}, hook?.authenticationType ?? '—'),
        el('td', {}, formatTime(hook?.modified)))))));
}
