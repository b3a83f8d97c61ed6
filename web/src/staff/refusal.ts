import { ApiFailure, describeError } from '../api/client';

/** The server's own words for a refused change (an overlap, a conflict), without the status code tacked on. */
export function refusal(error: unknown): string {
  return error instanceof ApiFailure ? describeError(error.body ?? error.message) : describeError(error);
}
