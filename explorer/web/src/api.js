// The explorer's one way to the data: the public GraphQL API, as any
// client uses it.

/** gql runs a query with its variables and returns its data, or throws the first error. */
export async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) {
    const err = new Error(body.errors.map((e) => e.message).join('; '));
    err.code = body.errors[0].extensions?.code;
    throw err;
  }
  return body.data;
}

/** graphiqlURL is the address of GraphiQL opened on a query and its variables. */
export function graphiqlURL(query, variables) {
  const p = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length) p.set('variables', JSON.stringify(variables, null, 2));
  return '/graphql?' + p.toString();
}
