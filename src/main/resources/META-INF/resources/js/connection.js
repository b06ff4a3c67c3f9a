// The WebSocket to /graphql, through the real graphql-ws client (protocol graphql-transport-ws).
//
// What a frontend needs to copy from here:
// - the token goes in the connection_init payload as {"Authorization": "Bearer <token>"} (browsers cannot
//   set headers on a WebSocket);
// - reconnect for ever, with a capped backoff: a service restart or a rollout must not need a reload;
// - graphql-ws re-sends each active subscription's *same payload object* when it reconnects, so a
//   subscription that keeps `payload.variables.after` at the last cursor it showed resumes exactly
//   there: nothing missed, nothing twice (see feed.js).

import { createClient } from 'graphql-ws';
import { session } from './session.js';

/** Close codes after which retrying cannot help: the token was refused. */
const REFUSED = new Set([4401, 4403]);

/**
 * Opens the connection. `onState(state, detail)` hears 'connecting', 'live', 'reconnecting', 'resumed'
 * and 'refused'. Returns { subscribe(query, variables, handlers), close() }.
 */
export function openConnection(onState) {
  let connectedBefore = false;
  let closing = false;
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

  const client = createClient({
    url: `${protocol}//${location.host}/graphql`,
    connectionParams: () => (session.token ? { Authorization: `Bearer ${session.token}` } : {}),
    retryAttempts: Infinity,
    // 0.5 s, 1 s, 2 s, 4 s, then every 5 s, plus up to 0.5 s of jitter so that replicas restarting
    // under many open pages are not hit by all of them in the same instant.
    retryWait: (retries) => new Promise((resolve) =>
      setTimeout(resolve, Math.min(500 * 2 ** retries, 5000) + Math.random() * 500)),
    shouldRetry: (closeEvent) => !REFUSED.has(closeEvent?.code),
    on: {
      connecting: () => !closing && onState(connectedBefore ? 'reconnecting' : 'connecting'),
      connected: () => {
        onState(connectedBefore ? 'resumed' : 'live');
        connectedBefore = true;
      },
      closed: (event) => {
        if (closing) {
          return;
        }
        if (REFUSED.has(event?.code)) {
          onState('refused', event.reason || 'The service refused the token.');
        } else if (connectedBefore) {
          onState('reconnecting');
        }
      },
    },
  });

  return {
    /**
     * Subscribes; `handlers.next(data)` gets each result's data, `handlers.error(code, message)` a refusal
     * or an ending error (the subscription is over then). Returns the payload object, whose `variables`
     * the caller may update, and `dispose()`.
     */
    subscribe(query, variables, handlers) {
      const payload = { query, variables };
      const dispose = client.subscribe(payload, {
        next: (result) => {
          if (result.errors?.length) {
            const first = result.errors[0];
            handlers.error(first.extensions?.code ?? 'UNKNOWN', first.message, first.extensions ?? {});
          } else {
            handlers.next(result.data);
          }
        },
        error: (err) => {
          const closed = err && typeof err.code === 'number';
          if (closed && REFUSED.has(err.code)) {
            handlers.error('UNAUTHORIZED', err.reason || 'The service refused the token.', {});
          } else if (Array.isArray(err)) {
            handlers.error(err[0]?.extensions?.code ?? 'UNKNOWN', err[0]?.message ?? 'error', err[0]?.extensions ?? {});
          } else {
            handlers.error('CONNECTION', closed ? `closed (${err.code})` : String(err?.message ?? err), {});
          }
        },
        complete: () => {},
      });
      return { payload, dispose };
    },
    close() {
      closing = true;
      client.dispose();
    },
  };
}
