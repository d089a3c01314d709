import { randomInt } from "node:crypto";
import type { RequestOf, Responses } from "../../shared/protocol";
import { keyedHash } from "../auth/secrets";
import type { Conversation, YouthSession } from "../domain/conversation";
import { availabilityOf, isLive, makeReturnCode, normaliseReturnCode, type ReturnCodeRecord } from "../domain/returnCodes/returnCode";
import type { DirectoryStore, PresenceStore, ReturnCodeStore, SessionStore } from "../store/Store";
import type { YouthActor } from "./actors";
import type { ConversationService, FailureBudget, RateLimit } from "./ConversationService";
import type { ServiceDeps } from "./context";
import { fail } from "./errors";
import { peerOf } from "./views";

export interface ReturnCodeOptions {
  /** HMAC key; without it (production not configured) return codes are switched off. */
  secret: string | undefined;
  ttlMs: number;
  /** Wrong codes over every network together; once spent, every check waits (see docs/SECURITY.md). */
  failures: FailureBudget;
}

/** What a valid code gives a new queue entry: the volunteer to offer first, and their note if shared. */
export interface Redeemed {
  staffId: string;
  note?: string;
}

const UNKNOWN = "This return code is unknown or has expired";

/**
 * Return codes: a youth's account-free way back to the same volunteer. Taken at the end of a chat,
 * shown once, kept only as a keyed hash with the volunteer's id and note; checked, used and
 * forgotten by whoever holds the code. Every attempt with a code counts against a per-network limit,
 * and every wrong code against one budget shared by all networks, so even a guesser with endless
 * addresses gets a few thousand tries a day against a space of about 2^39.
 */
export class ReturnCodeService {
  constructor(
    private readonly deps: ServiceDeps<DirectoryStore & PresenceStore & ReturnCodeStore & SessionStore>,
    private readonly conversations: ConversationService,
    private readonly attempts: RateLimit,
    private readonly options: ReturnCodeOptions,
    private readonly random: (n: number) => number = randomInt,
  ) {}

  /** A new code for the youth of an ended chat; a second one for the same chat replaces the first. */
  async take(actor: YouthActor, request: RequestOf<"returnCode:take">): Promise<Responses["returnCode:take"]> {
    const secret = this.secret();
    const conversation = await this.conversations.authorise(actor, request.conversationId);
    if (conversation.status !== "ended") fail("FORBIDDEN", "A return code is for a chat that has ended");
    // A blocked youth gets no way back to the volunteer who blocked them.
    if (conversation.endReason === "blocked") fail("BLOCKED", "This chat is not available to you for a while");
    const staffId = await this.volunteerOf(conversation);
    if (!staffId) fail("FORBIDDEN", "This chat had no volunteer to come back to");
    const code = makeReturnCode(this.random);
    const now = this.deps.clock.now();
    const record: ReturnCodeRecord = {
      codeHash: keyedHash(secret, code),
      staffId,
      conversationId: conversation.id,
      // Copied now: the transcript and its note are purged long before the code expires.
      ...(conversation.note && { note: conversation.note }),
      createdAt: now,
      expiresAt: now + this.options.ttlMs,
    };
    await this.deps.store.putReturnCode(record, this.options.ttlMs);
    this.deps.log.info({ event: "returnCode.taken", conversationId: conversation.id }, "return code taken");
    return { code, expiresAt: record.expiresAt };
  }

  /** Who the code leads to and whether they are here now, told honestly. */
  async check(actor: YouthActor, request: RequestOf<"returnCode:check">): Promise<Responses["returnCode:check"]> {
    const record = await this.find(actor, request.code);
    const [staff, presence] = await Promise.all([this.deps.store.getStaff(record.staffId), this.deps.store.getPresence(record.staffId)]);
    const volunteer = peerOf(staff);
    if (!staff?.active || !volunteer) fail("RETURN_CODE_UNKNOWN", "The volunteer of this return code no longer works here");
    return { volunteer, availability: availabilityOf(presence), expiresAt: record.expiresAt };
  }

  /** Forgets the code and the note it carries, at once. */
  async forget(actor: YouthActor, request: RequestOf<"returnCode:forget">): Promise<Responses["returnCode:forget"]> {
    const record = await this.find(actor, request.code);
    await this.deps.store.deleteReturnCode(record.codeHash);
    this.deps.log.info({ event: "returnCode.forgotten" }, "return code forgotten");
    return {};
  }

  /** For joining the queue with a code: the volunteer to prefer, and their note only if the youth agreed. */
  async redeem(actor: YouthActor, code: string, shareNote: boolean): Promise<Redeemed> {
    const record = await this.find(actor, code);
    return { staffId: record.staffId, ...(shareNote && record.note && { note: record.note }) };
  }

  /** Keeps the code's copy of the note in step when the volunteer edits it after the chat. */
  async noteChanged(conversation: Conversation, note: string): Promise<void> {
    if (conversation.status !== "ended") return;
    await this.deps.store.setReturnCodeNote(conversation.id, note);
  }

  private async find(actor: YouthActor, code: string): Promise<ReturnCodeRecord> {
    const secret = this.secret();
    const session = await this.session(actor);
    // Counted before anything is looked up, and per network, so guessing is slow from anywhere.
    if (!(await this.attempts.consume(`return-code:${session.abuseKey ?? actor.youthId}`))) {
      fail("RATE_LIMITED", "Too many tries with a return code; wait a few minutes");
    }
    const canonical = normaliseReturnCode(code);
    if (!canonical) fail("RETURN_CODE_UNKNOWN", UNKNOWN);
    // Checked before the lookup: once the shared budget of wrong codes is spent, a right code is not
    // told apart from a wrong one either, or a guesser could simply ignore the refusals.
    if (await this.options.failures.spent()) fail("RATE_LIMITED", "Return codes are very busy; try again later or start without one");
    const record = await this.deps.store.getReturnCode(keyedHash(secret, canonical));
    if (!record || !isLive(record, this.deps.clock.now())) {
      await this.options.failures.spend();
      fail("RETURN_CODE_UNKNOWN", UNKNOWN);
    }
    return record;
  }

  /**
   * The volunteer the youth talked with: whoever had the chat at its end, or, when a professional had
   * taken it over, the volunteer they took it from.
   */
  private async volunteerOf(c: Conversation): Promise<string | undefined> {
    if (!c.holderId) return c.previousVolunteerId;
    const staff = await this.deps.store.getStaff(c.holderId);
    return staff?.role === "volunteer" ? staff.id : c.previousVolunteerId;
  }

  private secret(): string {
    if (!this.options.secret) fail("UNAVAILABLE", "Return codes are not available here");
    return this.options.secret;
  }

  private async session(actor: YouthActor): Promise<YouthSession> {
    const session = await this.deps.store.getYouthSession(actor.tokenHash);
    if (!session) fail("SESSION_UNKNOWN", "This chat session has expired; start a new one");
    return session;
  }
}
