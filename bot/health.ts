import type { Logger } from './log';
import type { Runtime } from './runtime';
import type { HealthSource } from './server';
import { StoreError } from './store/errors';

/** /healthz answers within this, whatever the store does: a probe that waits longer is a failed one. */
export const HEALTH_DEADLINE_MS = 500;

/** The store's health for /healthz: a ping and the count of partners with data, both under one deadline. */
export function storeHealth(
  runtime: Pick<Runtime, 'store' | 'versions'>,
  log: Logger,
  deadlineMs: number = HEALTH_DEADLINE_MS,
): HealthSource {
  const mode = runtime.store.mode;
  return {
    check: async () => {
      const abortSignal = AbortSignal.timeout(deadlineMs);
      try {
        await runtime.store.ping({ abortSignal });
        return {
          store: 'ok',
          mode,
          partnersWithData: await runtime.versions.partnersWithData({ abortSignal }),
        };
      } catch (error) {
        const code = abortSignal.aborted
          ? 'STORE_TIMEOUT'
          : error instanceof StoreError
            ? error.code
            : 'STORE_FAILED';
        log.warn({ code, deadlineMs }, 'health check: the store did not answer');
        return { store: 'unavailable', mode, error: code };
      }
    },
  };
}
