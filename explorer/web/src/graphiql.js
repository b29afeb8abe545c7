// The GraphiQL page at /graphql, bundled so that it loads nothing from
// another host. A link from the explorer passes the query behind a view
// as ?query= and its variables as ?variables=.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './graphiql.css';

const params = new URLSearchParams(location.search);

async function fetcher(body) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

const defaultQuery = `# Pharmagraph's GraphQL API: the docs are in the book icon on the left.
# Which effects of baclofen overlap with alcohol's?
{
  overlap(a: "baclofen", b: "alcohol") {
    jaccard
    shared { id name }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    query: params.get('query') ?? undefined,
    variables: params.get('variables') ?? undefined,
    defaultEditorToolsVisibility: params.has('variables'),
  }),
);
