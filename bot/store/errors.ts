/** Typed store failures: the bot turns them into a friendly card, /healthz reports them. */
export type StoreErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'THROTTLED'
  | 'INVALID_DOCUMENT'
  | 'STORE_FAILED';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

interface CosmosLikeError {
  code?: number | string;
  statusCode?: number;
  message?: string;
}

/** Maps an SDK or network error to a StoreError (the SDK has already retried 429s by then). */
export function toStoreError(error: unknown, operation: string): StoreError {
  if (error instanceof StoreError) return error;
  const e = (error ?? {}) as CosmosLikeError;
  const status = typeof e.code === 'number' ? e.code : e.statusCode;
  const text = `${operation}: ${e.message ?? String(error)}`;
  switch (status) {
    case 404:
      return new StoreError('NOT_FOUND', text, 404);
    case 409:
      return new StoreError('CONFLICT', text, 409);
    case 412:
      return new StoreError('PRECONDITION_FAILED', text, 412);
    case 429:
      return new StoreError('THROTTLED', text, 429);
  }
  if (
    typeof e.code === 'string' &&
    // TimeoutError: the SDK's own, after COSMOS_REQUEST_TIMEOUT_MS without an answer.
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError'].includes(e.code)
  ) {
    return new StoreError('STORE_UNAVAILABLE', text);
  }
  return new StoreError('STORE_FAILED', text, status);
}

/** Runs an SDK call and rethrows its failure as a StoreError naming the operation. */
export async function guard<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreError(error, operation);
  }
}
