/**
 * An error the user can fix: printed as one line on stderr, exit code 2.
 * Anything else that escapes is a bug, and the CLI still prints one line for it.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError;
}

/**
 * The one refusal for work that is kept per branch while HEAD is detached;
 * `why` says what needs the branch ("answers are kept per branch").
 */
export function detachedHead(why: string): UsageError {
  return new UsageError(`HEAD is detached: ${why}; check out your topic branch`);
}
