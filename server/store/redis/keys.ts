/**
 * Every Redis key name the store uses, built from one prefix. No other file builds key strings.
 *
 * Slot rule (Redis Cluster): each multi-key script touches keys of one hash slot only.
 * - `{d}` (dispatch): queue, conversations, presence, active sets — claim/end/enqueue/priority/
 *   presence change them together, so they must share a slot.
 * - `{c:<conversationId>}`: the messages of one conversation, so chats spread over the cluster.
 * - `{s}`: staff records and their e-mail index, written together by one script.
 * - `{e}`: the event log and the counter that orders events within one millisecond.
 * - `{w}`: wrap-ups, their time index and every staff member's to-do set, written together by one
 *   script (filing a wrap-up clears its to-do).
 * - `{x}`: escalations and the set of unresolved escalation ids, kept in step by the scripts that
 *   create and resolve them.
 * - `{r}`: roster shifts and their time index, written together in one MULTI.
 * - `{sf:<staffId>}`: one staff member's second factor and recovery codes (enrolling replaces both).
 * - `{a}`: the access record and its indexes by reader and by location, written together by one script.
 * - `{rc}`: return codes and the pointer from a conversation to the code taken there, written
 *   together by one script (a new code replaces the conversation's earlier one).
 * - `{db}`: debriefs, the set of their ids and their threads, written together by the debrief scripts
 *   (reachScripts.ts); debriefs are few, so one slot is enough.
 * Everything else is only ever touched one key at a time.
 */
export interface RedisKeys {
  readonly prefix: string;
  /** SET of queued conversation ids. */
  readonly queue: string;
  /** HASH of one conversation (every field but `lastSeq`, which is the message counter). */
  conversation(conversationId: string): string;
  /** HASH of one staff member's presence (every field but the derived `load`). */
  presence(staffId: string): string;
  /** SET of staff ids that have a presence. */
  readonly presenceIds: string;
  /** SET of active conversation ids of one staff member; its SCARD is the load. */
  active(staffId: string): string;
  /** ZSET of one conversation's messages (JSON without seq), scored by seq. */
  messages(conversationId: string): string;
  /** HASH message id → seq, for idempotent appends. */
  messageIds(conversationId: string): string;
  /** STRING counter: the last seq handed out, i.e. the conversation's `lastSeq`. */
  messageSeq(conversationId: string): string;
  /** LIST of one conversation's domain events (JSON), oldest first: the index `listEventsOf` reads. */
  conversationEvents(conversationId: string): string;
  /** HASH location id → Location JSON. */
  readonly locations: string;
  /** HASH staff id → Staff JSON. */
  readonly staff: string;
  /** HASH lower-cased e-mail → staff id. */
  readonly staffByEmail: string;
  /** HASH shift id → Shift JSON. */
  readonly shifts: string;
  /** ZSET of shift ids scored by start, for a week's range. */
  readonly shiftsByStart: string;
  /** STRING Invite JSON with a PX time to live. */
  invite(tokenHash: string): string;
  /** STRING StaffSession JSON with a PX time to live. */
  staffSession(sidHash: string): string;
  /** SET of the session hashes of one staff member (some may have expired), for "log out everywhere". */
  staffSessionsOf(staffId: string): string;
  /** STRING YouthSession JSON with a PX time to live. */
  youthSession(tokenHash: string): string;
  /** ZSET of "<counter>|<event JSON>" scored by the event's `at`. */
  readonly events: string;
  /** STRING counter that keeps events of one millisecond in insertion order. */
  readonly eventSeq: string;
  /** LIST of service-time JSON, newest first, capped with LTRIM. */
  readonly serviceTimes: string;
  /** STRING owner of one lease, with a PX time to live. */
  lease(name: string): string;
  /** STRING written by the readiness probe (a write, so a full Redis shows as not ready). */
  readonly readyProbe: string;
  /** HASH wrap-up key (`conversationId ?? id`) → WrapUp JSON; filing again for one key replaces it. */
  readonly wrapUps: string;
  /** ZSET of wrap-up keys scored by the wrap-up's `at`. */
  readonly wrapUpsByAt: string;
  /** SET of conversation ids one staff member still owes a wrap-up for. */
  wrapUpTodo(staffId: string): string;
  /** HASH staff id → Duty JSON: the professionals on duty. */
  readonly duty: string;
  /** HASH of one escalation: scalar fields, numbers as decimal strings, `offeredTo` as a JSON array. */
  escalation(escalationId: string): string;
  /** SET of escalation ids not yet resolved (open or claimed). */
  readonly unresolvedEscalations: string;
  /** HASH conversation id → id of its one unresolved escalation (debriefs are not in it). */
  readonly escalationByConversation: string;
  /** SET of the escalation ids of one conversation (any status), for retention and erasure; `{x}` slot. */
  escalationsOf(conversationId: string): string;
  /**
   * ZSET of ended (or abandoned) conversation ids scored by when: the retention index; `{d}` slot (END
   * writes it).
   */
  readonly endedConversations: string;
  /** SET of the conversation ids one professional reads along with. */
  watching(staffId: string): string;
  /** SET of the staff ids reading along with one conversation: the purge clears their `watching` entries. */
  watchers(conversationId: string): string;
  /** STRING marker of one blocked key (a hash), with a PX time to live. */
  block(key: string): string;
  /** ZSET of figure bucket JSON (one location, one hour) scored by the hour's start; `{f}` slot. */
  readonly figureBuckets: string;
  /** STRING: the hour start up to which figure buckets are rolled up; `{f}` slot. */
  readonly figuresRolledUpTo: string;
  /** HASH of one return code (keyed hash of the code → its record), with a PX time to live. */
  returnCode(codeHash: string): string;
  /** STRING hash of the return code taken at the end of one conversation, with the same time to live. */
  returnCodeOf(conversationId: string): string;
  /**
   * HASH endpoint → push subscription JSON of one owner (`staff:<id>`, `youth:<id>`); a youth's has a
   * PX time to live.
   */
  pushSubscriptions(owner: string): string;
  /** HASH of one debrief: scalar fields, numbers as decimal strings. */
  debrief(debriefId: string): string;
  /** SET of every stored debrief id. */
  readonly debriefIds: string;
  /** ZSET of one debrief's thread (message JSON without seq), scored by seq. */
  debriefThread(debriefId: string): string;
  /** HASH message id → seq of one debrief's thread, for idempotent appends. */
  debriefMessageIds(debriefId: string): string;
  /** HASH of one staff member's second factor: sealed secret, enrolledAt, lastStep. */
  secondFactor(staffId: string): string;
  /** SET of the hashes of one staff member's unused recovery codes. */
  recoveryCodes(staffId: string): string;
  /** ZSET of access entry JSON scored by `at`: the date index. */
  readonly accessEntries: string;
  /** ZSET of one reader's access entry JSON scored by `at`. */
  accessByStaff(staffId: string): string;
  /** ZSET of one location's access entry JSON scored by `at` (what a coordinator's scope reads). */
  accessByLocation(locationId: string): string;
  /**
   * SET of "s:<staffId>" and "l:<locationId>": which per-reader and per-location indexes exist (for
   * the purge).
   */
  readonly accessIndexes: string;
}

/** Builds the key space under `prefix`; braces in the prefix would break the hash tags. */
export function redisKeys(prefix: string): RedisKeys {
  if (/[{}]/.test(prefix)) throw new Error(`Redis key prefix must not contain braces: ${JSON.stringify(prefix)}`);
  const dispatch = `${prefix}{d}:`;
  const chat = (conversationId: string) => `${prefix}{c:${conversationId}}:`;
  const wrapUp = `${prefix}{w}:`;
  const escalations = `${prefix}{x}:`;
  return {
    prefix,
    queue: `${dispatch}queue`,
    conversation: (id) => `${dispatch}conv:${id}`,
    presence: (staffId) => `${dispatch}presence:${staffId}`,
    presenceIds: `${dispatch}presence-ids`,
    active: (staffId) => `${dispatch}active:${staffId}`,
    messages: (id) => `${chat(id)}msgs`,
    messageIds: (id) => `${chat(id)}msg-ids`,
    messageSeq: (id) => `${chat(id)}seq`,
    conversationEvents: (id) => `${chat(id)}events`,
    locations: `${prefix}locations`,
    staff: `${prefix}{s}:staff`,
    staffByEmail: `${prefix}{s}:staff-by-email`,
    shifts: `${prefix}{r}:shifts`,
    shiftsByStart: `${prefix}{r}:shifts-by-start`,
    invite: (tokenHash) => `${prefix}invite:${tokenHash}`,
    staffSession: (sidHash) => `${prefix}session:staff:${sidHash}`,
    staffSessionsOf: (staffId) => `${prefix}session:staff-of:${staffId}`,
    youthSession: (tokenHash) => `${prefix}session:youth:${tokenHash}`,
    events: `${prefix}{e}:events`,
    eventSeq: `${prefix}{e}:event-seq`,
    serviceTimes: `${prefix}service-times`,
    lease: (name) => `${prefix}lease:${name}`,
    readyProbe: `${prefix}ready-probe`,
    wrapUps: `${wrapUp}wrap-ups`,
    wrapUpsByAt: `${wrapUp}wrap-ups-by-at`,
    wrapUpTodo: (staffId) => `${wrapUp}todo:${staffId}`,
    duty: `${prefix}duty`,
    escalation: (id) => `${escalations}esc:${id}`,
    unresolvedEscalations: `${escalations}esc-unresolved`,
    escalationByConversation: `${escalations}esc-by-conversation`,
    escalationsOf: (conversationId) => `${escalations}esc-of:${conversationId}`,
    endedConversations: `${dispatch}ended`,
    watching: (staffId) => `${prefix}watching:${staffId}`,
    watchers: (conversationId) => `${prefix}watchers:${conversationId}`,
    block: (key) => `${prefix}block:${key}`,
    figureBuckets: `${prefix}{f}:figure-buckets`,
    figuresRolledUpTo: `${prefix}{f}:figures-rolled-up-to`,
    returnCode: (codeHash) => `${prefix}{rc}:code:${codeHash}`,
    returnCodeOf: (conversationId) => `${prefix}{rc}:code-of:${conversationId}`,
    pushSubscriptions: (owner) => `${prefix}push:${owner}`,
    debrief: (id) => `${prefix}{db}:debrief:${id}`,
    debriefIds: `${prefix}{db}:debriefs`,
    debriefThread: (id) => `${prefix}{db}:thread:${id}`,
    debriefMessageIds: (id) => `${prefix}{db}:thread-ids:${id}`,
    secondFactor: (staffId) => `${prefix}{sf:${staffId}}:factor`,
    recoveryCodes: (staffId) => `${prefix}{sf:${staffId}}:recovery`,
    accessEntries: `${prefix}{a}:access`,
    accessByStaff: (staffId) => `${prefix}{a}:access-by-staff:${staffId}`,
    accessByLocation: (locationId) => `${prefix}{a}:access-by-location:${locationId}`,
    accessIndexes: `${prefix}{a}:access-indexes`,
  };
}
