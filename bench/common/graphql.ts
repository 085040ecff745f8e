/** Talking to the hub's GraphQL API over HTTP, as a division system would. */

export interface GraphQLResponse<T> {
  status?: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Sends one GraphQL operation as one caller (structurally the test support `Client`). */
export type GraphQLCall = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;

/** POSTs a ready JSON body to `<url>/graphql` with `Authorization: Bearer <token>`. */
export async function postGraphQL<T>(url: string, token: string, body: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  try {
    return { ...(JSON.parse(text) as GraphQLResponse<T>), status: response.status };
  } catch {
    return { status: response.status, errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 300)}` }] };
  }
}

/** A caller with `Authorization: Bearer <token>` against `<url>/graphql`. */
export function bearerClient(url: string, token: string): GraphQLCall {
  return <T>(query: string, variables?: Record<string, unknown>) => postGraphQL<T>(url, token, JSON.stringify({ query, variables }));
}
