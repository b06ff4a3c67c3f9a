// GraphQL over HTTP: one POST to /graphql per query, with the token (if any) as a bearer token.
// Same origin as the page, so no CORS is involved.

import { session } from './session.js';

/** A GraphQL answer with errors; `code` is the first error's extensions.code (e.g. UNAUTHORIZED). */
export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'UNKNOWN';
  }
}

/** Runs a query; resolves with `data`, rejects with a GraphQLError (or a network error). */
export async function query(text, variables = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (session.token) {
    headers.Authorization = `Bearer ${session.token}`;
  }
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: text, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The service answered ${response.status} without a GraphQL result.`);
  }
  if (body.errors?.length) {
    throw new GraphQLError(body.errors);
  }
  return body.data;
}

/** The fields the page shows of every event, with each type's own fields. */
export const EVENT_FIELDS = `
  cursor eventId type providerType recipientId mailingId userListId occurredAt receivedAt
  ... on BounceEvent { category reason thresholdExceeded }
  ... on ClickEvent { link }`;

/** The fields of a mailing's row in the statistics table. */
export const MAILING_FIELDS = `
  mailingId lastEventAt
  stats { sent opens uniqueOpens clicks uniqueClicks softBounces hardBounces unsubscribes spamComplaints
          openRate clickRate bounceRate }`;
