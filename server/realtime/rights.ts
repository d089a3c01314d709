import type { Clock } from "../domain/clock";
import type { Conversation } from "../domain/conversation";
import type { KnownRights, Revocation } from "../service/rights";

/** What the registry needs of a socket: whether it is in a conversation's room, and how to close it. */
export interface RightsHolder {
  inConversationRoom(conversationId: string): boolean;
  /** Makes the socket anonymous (out of every room) and closes it: a revocation with `close`. */
  close(): void;
}

interface KnownConversation {
  conversation: Conversation;
  at: number;
}

/**
 * The rights of one socket (server/service/rights.ts): the conversations it speaks in, and whether
 * its staff session may be trusted without a store read. Both come from store reads only; the
 * registry takes them away when a revocation arrives, and age takes them away when none could.
 */
export class SocketRights implements KnownRights {
  /** Whose console this is and which session it was opened with (staff sockets only). */
  staffId: string | undefined;
  sidHash: string | undefined;
  private readonly conversations = new Map<string, KnownConversation>();
  /** Store reads of a conversation under way on this socket: until they end, later events read too (order). */
  private readonly reading = new Map<string, number>();
  private staffTrustedUntil = 0;
  /** Counts revocations that reached this socket's staff standing: a read that straddles one is not trusted. */
  private staffRevocations = 0;
  closed = false;

  constructor(
    private readonly registry: RightsRegistry,
    readonly holder: RightsHolder,
  ) {}

  speakerIn(conversationId: string): Conversation | undefined {
    if (!this.registry.trusting || this.reading.has(conversationId)) return undefined;
    const known = this.conversations.get(conversationId);
    if (!known) return undefined;
    // Too old, or out of the room (a leave this process heard): read the store again.
    if (this.registry.clock.now() - known.at >= this.registry.maxAgeMs || !this.holder.inConversationRoom(conversationId)) {
      this.forget(conversationId);
      return undefined;
    }
    return known.conversation;
  }

  readStarted(conversationId: string): number {
    this.reading.set(conversationId, (this.reading.get(conversationId) ?? 0) + 1);
    return this.registry.revocations;
  }

  readEnded(conversationId: string, granted: Conversation | undefined, mark: number): void {
    const left = (this.reading.get(conversationId) ?? 1) - 1;
    if (left > 0) this.reading.set(conversationId, left);
    else this.reading.delete(conversationId);
    if (!granted || granted.id !== conversationId) return;
    if (this.closed || !this.registry.trusting || mark !== this.registry.revocations) return;
    this.conversations.set(conversationId, { conversation: granted, at: this.registry.clock.now() });
    this.registry.index(conversationId, this);
  }

  /** A console's socket: whose, and with which session (by its hash), for revocations by staff or session. */
  bindStaff(staffId: string, sidHash: string | undefined): void {
    this.staffId = staffId;
    this.sidHash = sidHash;
  }

  /** Marks the start of a read of this socket's staff session; pass the mark to `trustStaff`. */
  staffReadStarted(): number {
    return this.staffRevocations;
  }

  /** Whether a read that began at `mark` can still be believed (no revocation reached this socket since). */
  staffReadCurrent(mark: number): boolean {
    return mark === this.staffRevocations;
  }

  /**
   * Trusts the staff session as read (valid until `expiresAt` unless extended) for at most the
   * registry's age limit, unless a revocation reached this socket since the read began (`mark`).
   */
  trustStaff(expiresAt: number, mark: number): void {
    if (this.closed || !this.registry.trusting || !this.staffReadCurrent(mark)) return;
    this.staffTrustedUntil = Math.min(expiresAt, this.registry.clock.now() + this.registry.maxAgeMs);
  }

  /** True while the staff session may be taken as valid without reading it. */
  staffTrusted(): boolean {
    return this.registry.trusting && this.registry.clock.now() < this.staffTrustedUntil;
  }

  /**
   * `socket.data` travels to other processes in the adapter's answers to `fetchSockets`: what a
   * socket knows of its rights is this process's alone, and is left out.
   */
  toJSON(): undefined {
    return undefined;
  }

  /** Everything this socket knew, gone: its next event reads the store. */
  forgetAll(): void {
    this.staffRevocations += 1;
    this.staffTrustedUntil = 0;
    for (const id of [...this.conversations.keys()]) this.forget(id);
  }

  forget(conversationId: string): void {
    if (this.conversations.delete(conversationId)) this.registry.unindex(conversationId, this);
  }
}

/** A revocation of every conversation at once (this process stopped hearing the others). */
const EVERY = Symbol("every conversation");

/** How many conversation revocations a process remembers for `revokedSince` (a console's connect is far shorter). */
const REMEMBERED_REVOCATIONS = 1_000;

/**
 * Every socket's rights on this process, and the one place revocations land: from this process's
 * services directly, from other processes through the socket.io adapter (SocketNotifier.revoke).
 * While this process cannot hear other processes (its Redis subscription is down), nothing is
 * trusted: every event reads the store.
 */
export class RightsRegistry {
  /** Counts every revocation and suspension on this process: a conversation read that straddles one is not remembered. */
  revocations = 0;
  private suspended = false;
  private readonly sockets = new Set<SocketRights>();
  private readonly byConversation = new Map<string, Set<SocketRights>>();
  /** The latest conversation revocations, by the count they raised `revocations` to (a suspension: every conversation). */
  private readonly recent: { at: number; conversation: string | typeof EVERY }[] = [];
  /** The count of the newest revocation dropped from `recent`: what a reader marked before it cannot be told. */
  private forgottenUpTo = 0;

  /**
   * `maxAgeMs`: how long a right read from the store is trusted without a push. Pushes are what
   * keep rights current; this only bounds what a push lost outside every known failure could cost.
   */
  constructor(
    readonly clock: Clock,
    readonly maxAgeMs: number,
  ) {}

  get trusting(): boolean {
    return !this.suspended;
  }

  /** The rights of a socket that just connected; `close` them when it disconnects. */
  open(holder: RightsHolder): SocketRights {
    const rights = new SocketRights(this, holder);
    this.sockets.add(rights);
    return rights;
  }

  close(rights: SocketRights): void {
    rights.forgetAll();
    rights.closed = true;
    this.sockets.delete(rights);
  }

  /** Applies a revocation to the sockets of this process; returns how many it reached. */
  apply(what: Revocation): number {
    this.revocations += 1;
    if ("conversation" in what) {
      this.remember(what.conversation);
      const holders = [...(this.byConversation.get(what.conversation) ?? [])];
      for (const rights of holders) rights.forget(what.conversation);
      return holders.length;
    }
    const hit = [...this.sockets].filter((r) => ("staff" in what ? r.staffId === what.staff : r.sidHash === what.session));
    for (const rights of hit) {
      rights.forgetAll();
      if (what.close) rights.holder.close();
    }
    return hit.length;
  }

  /** This process may be missing revocations (its subscription to the others is down): trust nothing. */
  suspend(): void {
    this.suspended = true;
    this.revocations += 1;
    this.remember(EVERY);
    for (const rights of this.sockets) rights.forgetAll();
  }

  /**
   * The conversations revoked on this process since `mark` (a value of `revocations`), or
   * "unknown" when that cannot be told (a suspension since, or too many revocations to remember).
   */
  revokedSince(mark: number): Set<string> | "unknown" {
    if (mark < this.forgottenUpTo) return "unknown";
    const ids = new Set<string>();
    for (const { at, conversation } of this.recent) {
      if (at <= mark) continue;
      if (conversation === EVERY) return "unknown";
      ids.add(conversation);
    }
    return ids;
  }

  private remember(conversation: string | typeof EVERY): void {
    this.recent.push({ at: this.revocations, conversation });
    if (this.recent.length > REMEMBERED_REVOCATIONS) this.forgottenUpTo = this.recent.shift()!.at;
  }

  /** Hearing the other processes again; rights are read afresh from here on. */
  resume(): void {
    this.suspended = false;
  }

  /** How many sockets this process tracks (for tests and metrics). */
  get size(): number {
    return this.sockets.size;
  }

  index(conversationId: string, rights: SocketRights): void {
    let holders = this.byConversation.get(conversationId);
    if (!holders) this.byConversation.set(conversationId, (holders = new Set()));
    holders.add(rights);
  }

  unindex(conversationId: string, rights: SocketRights): void {
    const holders = this.byConversation.get(conversationId);
    if (!holders) return;
    holders.delete(rights);
    if (holders.size === 0) this.byConversation.delete(conversationId);
  }
}
