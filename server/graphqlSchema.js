// @ts-check
/**
 * The small GraphQL schema Local Echo's /graphql serves, and the Simulator too (the page imports
 * this file), so both answer alike. Plain JavaScript with no Node import: it runs in both.
 */

/** The schema: a query, a mutation and a subscription that counts. */
export const SCHEMA_SDL = `
  type Query { hello(name: String): String!, connectionParams: String, operationName: String }
  type Mutation { echo(text: String!): String! }
  type Subscription { count(to: Int = 3): Int! }
`;

/** How long `count` waits between values (ms). */
export const COUNT_STEP_MS = 50;

/** Resolvers of the schema: `count` yields 1..to, a short pause apart, then completes; `to` above 100 is an error. */
export const ROOT = {
  hello: (/** @type {{ name?: string }} */ { name }) => `Hello, ${name ?? 'world'}!`,
  /** What connection_init carried, as JSON (so a client can see the server got its payload). */
  connectionParams: (/** @type {unknown} */ _args, /** @type {{ connectionParams?: unknown }} */ context) => JSON.stringify(context.connectionParams ?? null),
  /** The name of the operation being run (so a client can see which one operationName picked). */
  operationName: (/** @type {unknown} */ _args, /** @type {unknown} */ _context, /** @type {{ operation: { name?: { value: string } } }} */ info) => info.operation.name?.value ?? null,
  echo: (/** @type {{ text: string }} */ { text }) => text,
  count: async function* (/** @type {{ to: number }} */ { to }) {
    if (to > 100) throw new Error('count: "to" may be at most 100');
    for (let i = 1; i <= to; i++) {
      await new Promise((resolve) => setTimeout(resolve, COUNT_STEP_MS));
      yield { count: i };
    }
  },
};
