/**
 * An error the user can act on: its message names the thing and the fix, and it carries
 * the exit code. The CLI prints the message alone, without a stack trace or a hint to get one.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or unusable input, found before any work. Exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A service the command depends on could not be reached, or refused (the relay). Exit code 1. */
export class UnavailableError extends CliError {
  constructor(message: string) {
    super(message, 1);
  }
}
