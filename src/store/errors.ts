/** Errors the store raises on purpose (bad input, unknown ids), as opposed to database failures. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: "bad-input" | "not-found" | "bad-cursor" | "config",
  ) {
    super(message);
    this.name = "StoreError";
  }
}
