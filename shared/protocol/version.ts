/** Bumped on any breaking change to the wire protocol; an older client is told to reload. */
export const PROTOCOL_VERSION = 1;
