// Runs the graphql-http package's GraphQL-over-HTTP server audits against
// the /graphql URL given as the only argument, prints one line per audit
// and exits 1 if any audit, MUST, SHOULD or MAY, did not pass.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    passed++;
    console.log(`ok    ${audit.id} ${audit.name}`);
    continue;
  }
  failed++;
  let detail = result.reason;
  if (result.response) {
    const body = await result.response.text().catch(() => '');
    detail += ` (status ${result.response.status}, content-type ${result.response.headers.get('content-type')}, body ${body.slice(0, 200)})`;
  }
  console.log(`${result.status.padEnd(5)} ${audit.id} ${audit.name}: ${detail}`);
}
console.log(`audits: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
