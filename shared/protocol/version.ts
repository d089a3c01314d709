/**
 * Bumped on any breaking change to the wire protocol; an older client is told to reload.
 * 2 (issue 18, the glossary): a conversation's `volunteerId` is `holderId`; an escalation's
 * `about.volunteerName`/`volunteerRole` and a live chat's `volunteerName` are `holderName`/`holderRole`;
 * the figures' `leftQueue`/`leftQueueWait` are `abandoned`/`abandonedWait`.
 */
export const PROTOCOL_VERSION = 2;
