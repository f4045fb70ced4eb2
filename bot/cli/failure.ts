import { ConfigError } from '../config';
import { ImportError } from '../import/importDataset';
import { StoreError } from '../store/errors';
import { RegistrationError } from '../store/partners';

/** One readable line (or block) for a failure of a command, with its code. */
export function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof StoreError || error instanceof ImportError || error instanceof RegistrationError)
    return `${error.code}: ${error.message}`;
  return `UNEXPECTED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
