// Runs the GraphQL over HTTP reference audit (npm graphql-http) against the URL given as the only
// argument and prints its results as one JSON array on stdout: [{id, name, status, reason}].
// Started by io.campaignpulse.graphql.http.GraphQlOverHttpAuditTest, which judges the results.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}

const results = await auditServer({ url });
const summary = await Promise.all(results.map(async (result) => {
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    let body = '';
    try {
      body = await result.response.text();
    } catch {
      // the audit may already have read it
    }
    line.reason = result.reason;
    line.httpStatus = result.response.status;
    line.contentType = result.response.headers.get('content-type');
    line.body = body.slice(0, 500);
  }
  return line;
}));
process.stdout.write(JSON.stringify(summary) + '\n');
