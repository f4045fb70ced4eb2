import type { Container } from '@azure/cosmos';
import type { z } from 'zod';
import { guard, StoreError } from './errors';

/** Point read validated with `schema`; undefined when the document does not exist. */
export async function pointRead<S extends z.ZodType>(
  container: Container,
  id: string,
  partitionKey: string,
  schema: S,
): Promise<{ doc: z.infer<S>; etag: string } | undefined> {
  const response = await guard(`read ${container.id}/${id}`, () => container.item(id, partitionKey).read());
  if (response.statusCode === 404 || response.resource === undefined) return undefined;
  return { doc: parse(schema, response.resource, `${container.id}/${id}`), etag: response.etag };
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StoreError(
      'INVALID_DOCUMENT',
      `${where} does not match its schema: ${first ? `${first.path.join('.')} ${first.message}` : 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * A query inside one logical partition. The partition key is also a SQL filter: explicit, and the
 * embedded server does not scope queries by the `partitionKey` option.
 */
export async function queryPartition(
  container: Container,
  field: 'partnerId' | 'versionKey',
  key: string,
  condition: string,
  parameters: { name: string; value: string }[] = [],
): Promise<unknown[]> {
  const { resources } = await guard(`query ${container.id} in ${key}`, () =>
    container.items
      .query<unknown>(
        {
          query: `SELECT * FROM c WHERE c.${field} = @partitionKey AND ${condition}`,
          parameters: [{ name: '@partitionKey', value: key }, ...parameters],
        },
        { partitionKey: key },
      )
      .fetchAll(),
  );
  return resources;
}
