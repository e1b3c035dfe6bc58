/** Exit codes that mean something. */
export const EXIT = {
  ok: 0,
  failed: 1,
  badInput: 2,
  partial: 3,
  interrupted: 130,
} as const;

/** An error for the user: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
  }
}
