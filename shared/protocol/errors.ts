/** Every error an ack or an HTTP body can carry. Clients switch on `code`, never on `message`. */
export const ERROR_CODES = [
  "BAD_REQUEST", // payload failed schema validation
  "PROTOCOL_OUTDATED", // client speaks an older protocol: reload the page
  "UNAUTHENTICATED", // no (valid) youth session or staff login behind this socket
  "FORBIDDEN", // authenticated, but this role or person may not do this
  "NOT_FOUND",
  "SESSION_UNKNOWN", // youth token unknown or expired: start a new session
  "CLOSED", // the chosen location (or every location) is closed now
  "ALREADY_QUEUED", // youth already has a queued or active conversation
  "NOT_QUEUED",
  "CONVERSATION_ENDED",
  "QUEUE_EMPTY", // nothing this volunteer may take right now
  "AT_CAPACITY", // volunteer already runs as many chats as their capacity allows
  "NOT_AVAILABLE", // volunteer is not set to available
  "RATE_LIMITED",
  "BLOCKED", // this youth was blocked for abuse, for a while
  "ALREADY_CLAIMED", // another professional took this escalation first
  "RETURN_CODE_UNKNOWN", // no such return code: mistyped, forgotten or expired
  "TOO_LARGE",
  "CONFLICT", // it exists already (an e-mail address, a location id)
  "BAD_CREDENTIALS",
  "WEAK_PASSWORD", // a new password that is common or easy to guess (a list of common passwords)
  "UNAVAILABLE", // the store is unreachable; retry later
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
