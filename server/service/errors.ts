import type { ErrorCode } from "../../shared/protocol";

/** A refusal the client should hear about, with a code from the protocol. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new ServiceError(code, message);
}
