// The live monitor: signs in, reads the current state with queries, then follows it with subscriptions.
//
//   1. query  mailings + the newest events (and the rest of the last hour for the chart)
//   2. open the graphql-ws connection with the token in connection_init
//   3. subscribe: events(after: newest cursor shown) for feed and chart; mailingStats per mailing shown
//
// Each part lives in its own module; this one only wires them together.

import { query, GraphQLError, EVENT_FIELDS, MAILING_FIELDS } from './api.js';
import { session } from './session.js';
import { openConnection } from './connection.js';
import { createFeed } from './feed.js';
import { createStats } from './stats.js';
import { createChart } from './chart.js';
import { createRecipientLookup } from './recipient.js';
import { createWebhookStatus } from './webhooks.js';

const $ = (id) => document.getElementById(id);

const START = `query Start {
  mailings(first: 20) { edges { node { ${MAILING_FIELDS} } } }
  events(first: 500) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;
const OLDER = `query Older($after: String) {
  events(first: 500, after: $after) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;
/** Events shown in the feed at start, and pages read at most for the chart's last hour. */
const FEED_START = 50;
const CHART_PAGES = 4;

const STATES = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Connection lost: reconnecting…',
  resumed: 'Resumed: live again, nothing missed',
  refused: 'Not connected: sign in',
  'signed-out': 'Not connected: sign in',
};

function setState(state, detail) {
  const status = $('connection');
  status.dataset.state = state;
  status.textContent = STATES[state] ?? state;
  if (state === 'refused') {
    refuse(detail);
  } else if (state === 'resumed') {
    stats.refresh(); // the feed resumes by itself (after: last cursor); statistics are read again
  }
}

const feed = createFeed({
  list: $('feed'),
  empty: $('feed-empty'),
  typeFilter: $('filter-type'),
  mailingFilter: $('filter-mailing'),
  onEvent: (event) => {
    chart.add(event);
    stats.onEvent(event);
  },
  onRefused: (message) => setState('refused', message),
});
const stats = createStats({ body: $('mailing-table').tBodies[0], empty: $('mailings-empty'), onMailing: feed.addMailing });
const chart = createChart({ container: $('chart'), summary: $('chart-summary') });
const webhooks = createWebhookStatus({ card: $('webhooks-card'), result: $('webhooks-result'), refresh: $('webhooks-refresh') });
createRecipientLookup({ form: $('recipient-form'), input: $('recipient-id'), result: $('recipient-result') });

let connection = null;

function stop() {
  feed.stop();
  stats.stop();
  connection?.close();
  connection = null;
}

/** Shows why the service refused us and offers the sign-in form. */
function refuse(message) {
  stop();
  webhooks.hide();
  const form = $('sign-in-message');
  form.classList.add('error');
  form.textContent = session.token
    ? `The service refused this token: ${message}`
    : `This service needs a token to read: paste a read token above. (${message})`;
  $('connection').dataset.state = 'refused';
  $('connection').textContent = STATES.refused;
  $('token').focus();
}

async function start() {
  stop();
  setState('connecting');
  let first;
  try {
    first = await query(START);
  } catch (error) {
    if (error instanceof GraphQLError && error.code === 'UNAUTHORIZED') {
      refuse(error.message);
    } else {
      setState('reconnecting');
      $('sign-in-message').textContent = `The service cannot be read: ${error.message}. Retrying in 5 s.`;
      setTimeout(start, 5000);
    }
    return;
  }
  const message = $('sign-in-message');
  message.classList.remove('error');
  message.textContent = session.token ? 'Signed in with your token.' : 'Reads are open on this service: no token needed.';

  const events = first.events.edges.map((edge) => edge.node);
  stats.load(first.mailings.edges.map((edge) => edge.node));
  feed.load(events.slice(0, FEED_START));
  chart.load(await lastHour(events, first.events.pageInfo));

  connection = openConnection(setState);
  feed.subscribe(connection);
  stats.subscribe(connection);
  webhooks.check();
}

/** The events of the last hour (newest first, by commit order), at most CHART_PAGES pages of them. */
async function lastHour(events, pageInfo) {
  const since = Date.now() - 3600_000;
  const all = [...events];
  let page = pageInfo;
  for (let n = 1; n < CHART_PAGES && page.hasNextPage && Date.parse(all[all.length - 1].receivedAt) >= since; n++) {
    const older = (await query(OLDER, { after: page.endCursor })).events;
    all.push(...older.edges.map((edge) => edge.node));
    page = older.pageInfo;
  }
  return all.filter((event) => Date.parse(event.receivedAt) >= since);
}

$('sign-in-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  session.token = $('token').value.trim();
  $('token').value = '';
  start();
});
$('sign-out').addEventListener('click', () => {
  session.token = '';
  start();
});

start();
