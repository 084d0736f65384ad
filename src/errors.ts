/** Errors rasd reports to users: each names what was wrong with the input, precisely. */

/** The input was refused (empty, not Arabic, binary, too large, malformed): nothing was done. */
export class InputError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}
