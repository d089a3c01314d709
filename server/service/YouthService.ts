import { ANY_LOCATION, type MessageView, type RequestOf, type YouthState } from "../../shared/protocol";
import { hashSecret, newId, newSecret } from "../auth/secrets";
import type { Conversation, YouthSession } from "../domain/conversation";
import { serviceStatusAt } from "../domain/openingHours";
import type { ConversationStore, CoordinationStore, DirectoryStore, EventStore, MessageStore, SessionStore } from "../store/Store";
import type { AbuseGuard } from "./AbuseGuard";
import type { YouthActor } from "./actors";
import type { ConversationService, RateLimit } from "./ConversationService";
import type { ServiceDeps } from "./context";
import type { Dispatcher } from "./Dispatcher";
import { fail } from "./errors";
import type { Redeemed, ReturnCodeService } from "./ReturnCodeService";
import { recordSystemLine } from "./transcript";
import { messageView, visibleToYouth, youthView } from "./views";

/** What a YouthService is made of (named, so a new collaborator cannot be passed in the wrong place). */
export interface YouthServiceOptions {
  deps: ServiceDeps<ConversationStore & CoordinationStore & DirectoryStore & EventStore & MessageStore & SessionStore>;
  dispatcher: Dispatcher;
  conversations: ConversationService;
  abuse: AbuseGuard;
  joinLimit: RateLimit;
  limits: { sessionTtlMs: number; maxQueuedPerNetwork: number };
  returnCodes: ReturnCodeService;
  sessionLimits: { perNetwork: RateLimit; global: RateLimit };
}

/** The anonymous side: sessions without identity, joining and leaving the queue. */
export class YouthService {
  private readonly deps: ServiceDeps<ConversationStore & CoordinationStore & DirectoryStore & EventStore & MessageStore & SessionStore>;
  private readonly dispatcher: Dispatcher;
  private readonly conversations: ConversationService;
  private readonly abuse: AbuseGuard;
  private readonly joinLimit: RateLimit;
  private readonly limits: { sessionTtlMs: number; maxQueuedPerNetwork: number };
  private readonly returnCodes: ReturnCodeService;
  private readonly sessionLimits: { perNetwork: RateLimit; global: RateLimit };

  constructor(o: YouthServiceOptions) {
    this.deps = o.deps;
    this.dispatcher = o.dispatcher;
    this.conversations = o.conversations;
    this.abuse = o.abuse;
    this.joinLimit = o.joinLimit;
    this.limits = o.limits;
    this.returnCodes = o.returnCodes;
    this.sessionLimits = o.sessionLimits;
  }

  /**
   * A new anonymous session. The token is shown once to the client and stored only as a hash; the
   * network (an IPv4 address or IPv6 /64) is used only for limits, and never stored; the browser's
   * device id only as a keyed hash, so a block can reach that browser.
   * Sessions cost Redis memory for a day each, so how many are made is limited per network and in
   * total: a script cannot fill Redis and take the service down for everyone.
   */
  async open(network: string | undefined, deviceId?: string): Promise<{ token: string; actor: YouthActor; state: YouthState }> {
    const deviceKey = this.abuse.deviceKeyFor(deviceId);
    await this.abuse.check(undefined, deviceKey);
    const abuseKey = this.abuse.keyFor(network);
    if (!(await this.sessionLimits.perNetwork.consume(`session:${abuseKey ?? "unknown"}`)))
      fail("RATE_LIMITED", "Too many new chats from here; wait a few minutes");
    if (!(await this.sessionLimits.global.consume("session:all"))) fail("RATE_LIMITED", "It is very busy; try again in a minute");
    const token = newSecret();
    const now = this.deps.clock.now();
    const session: YouthSession = {
      youthId: newId("y"),
      tokenHash: hashSecret(token),
      createdAt: now,
      lastSeenAt: now,
      ...(abuseKey && { abuseKey }),
      ...(deviceKey && { deviceKey }),
    };
    await this.deps.store.putYouthSession(session, this.limits.sessionTtlMs);
    return { token, actor: { kind: "youth", youthId: session.youthId, tokenHash: session.tokenHash }, state: {} };
  }

  /**
   * Back after a reload or a lost connection: same session, same queue place, missed messages.
   * `bind` puts the caller's socket in the youth's rooms (and a live conversation's) before the
   * missed messages are read: a message stored in between is then broadcast to it, never lost.
   */
  async resume(
    token: string,
    afterSeq: number | undefined,
    bind: (actor: YouthActor, liveConversationId?: string) => Promise<void>,
  ): Promise<{ actor: YouthActor; state: YouthState; missed: MessageView[]; conversationId?: string }> {
    const session = await this.deps.store.getYouthSession(hashSecret(token));
    if (!session) fail("SESSION_UNKNOWN", "This chat session has expired; start a new one");
    await this.abuse.check(session.youthId, session.deviceKey);
    session.lastSeenAt = this.deps.clock.now();
    await this.deps.store.putYouthSession(session, this.limits.sessionTtlMs);
    const actor: YouthActor = { kind: "youth", youthId: session.youthId, tokenHash: session.tokenHash };
    const conversation = session.conversationId ? await this.deps.store.getConversation(session.conversationId) : undefined;
    const live = conversation?.status === "queued" || conversation?.status === "active";
    await bind(actor, live ? conversation.id : undefined);
    if (!conversation) return { actor, state: {}, missed: [] };
    const [state, missed] = await Promise.all([
      this.stateOf(conversation),
      afterSeq === undefined ? [] : this.deps.store.listMessages(conversation.id, afterSeq),
    ]);
    return { actor, state, missed: visibleToYouth(missed).map(messageView), ...(live && { conversationId: conversation.id }) };
  }

  /**
   * The youth's page is connected again (called once its socket is in the youth's room): a waiting
   * youth gets their turn back (their place was kept), and staff in a chat see that the page is back.
   */
  async pageBack(conversationId: string): Promise<void> {
    if (!(await this.deps.store.setYouthDisconnected(conversationId, undefined))) return;
    const c = await this.deps.store.getConversation(conversationId);
    if (c?.status === "active") await recordSystemLine(this.deps, c.id, { kind: "page-back" }, { role: "youth" });
    this.dispatcher.kick();
  }

  /**
   * The youth's last page closed or lost its connection (on any process). A waiting youth keeps
   * their place but is handed to nobody until they are back (the ghost sweep releases the place
   * after a while); in a chat, staff see "the youth closed the page" instead of silence.
   */
  async pageClosed(actor: YouthActor): Promise<void> {
    const { store, notifier, clock } = this.deps;
    if (await notifier.isYouthConnected(actor.youthId)) return;
    const session = await store.getYouthSession(actor.tokenHash);
    const c = session?.conversationId ? await store.getConversation(session.conversationId) : undefined;
    if (!c || (c.status !== "queued" && c.status !== "active")) return;
    if (!(await store.setYouthDisconnected(c.id, clock.now()))) return;
    // A page that came back meanwhile joined the room before clearing the mark, which we may just
    // have overwritten: look again, so a connected youth is never left marked as gone.
    if (await notifier.isYouthConnected(actor.youthId)) {
      await store.setYouthDisconnected(c.id, undefined);
      return;
    }
    this.deps.log.info({ event: "youth.page.closed", conversationId: c.id, status: c.status }, "youth page disconnected");
    if (c.status === "active") await recordSystemLine(this.deps, c.id, { kind: "page-closed" }, { role: "youth" });
    else this.dispatcher.kick();
  }

  async stateOf(conversation: Conversation): Promise<YouthState> {
    const holder = conversation.holderId ? await this.deps.store.getStaff(conversation.holderId) : undefined;
    const queue = conversation.status === "queued" ? await this.dispatcher.standing(conversation.id) : undefined;
    return { conversation: youthView(conversation, holder), ...(queue && { queue }) };
  }

  /**
   * Into the queue for a location or "any", if that is open now and they are not already waiting
   * or chatting. One join at a time per youth (two tabs, a double tap), and a few per network.
   */
  async join(actor: YouthActor, request: RequestOf<"queue:join">) {
    const lease = `join:${actor.youthId}`;
    const owner = newId("j");
    if (!(await this.deps.store.tryLease(lease, owner, 10_000))) fail("ALREADY_QUEUED", "You are already joining the queue");
    try {
      return await this.joinOnce(actor, request);
    } finally {
      await this.deps.store.releaseLease(lease, owner);
    }
  }

  private async joinOnce(actor: YouthActor, request: RequestOf<"queue:join">) {
    const { store, clock, notifier } = this.deps;
    const session = await this.session(actor);
    await this.abuse.check(actor.youthId, session.deviceKey);
    if (!(await this.joinLimit.consume(session.abuseKey ?? actor.youthId)))
      fail("RATE_LIMITED", "Too many chats started; wait a few minutes");
    if (session.conversationId) {
      const current = await store.getConversation(session.conversationId);
      if (current && (current.status === "queued" || current.status === "active")) {
        fail("ALREADY_QUEUED", "You are already waiting or chatting");
      }
    }
    if (session.abuseKey) {
      const fromHere = (await store.listQueue()).filter((e) => e.abuseKey === session.abuseKey).length;
      if (fromHere >= this.limits.maxQueuedPerNetwork) fail("RATE_LIMITED", "Many people are already waiting from here; try again soon");
    }
    const now = clock.now();
    const status = serviceStatusAt(await store.listLocations(), now);
    const chosen = status.locations.find((l) => l.id === request.locationChoice);
    if (request.locationChoice !== ANY_LOCATION && !chosen) fail("NOT_FOUND", "Unknown location");
    if (request.locationChoice === ANY_LOCATION ? !status.anyOpen : !chosen!.open) fail("CLOSED", "The chat is closed now");
    // A wrong code is refused before anything is queued: the youth corrects it or starts without.
    const back: Redeemed | undefined = request.returnCode
      ? await this.returnCodes.redeem(actor, request.returnCode, request.shareNote === true)
      : undefined;

    const nickname = request.nickname?.trim();
    const entry: Conversation & { status: "queued" } = {
      id: newId("c"),
      youthId: actor.youthId,
      status: "queued",
      locationChoice: request.locationChoice,
      priority: 0,
      queuedAt: now,
      ...(nickname && { nickname }),
      ...(request.ageBand && { ageBand: request.ageBand }),
      ...(request.topic && { topic: request.topic }),
      ...(request.lang && { lang: request.lang }),
      ...(session.abuseKey && { abuseKey: session.abuseKey }),
      ...(session.deviceKey && { deviceKey: session.deviceKey }),
      ...(back && { returning: true, preferredStaffId: back.staffId, ...(back.note && { returnNote: back.note }) }),
      lastSeq: 0,
      youthDeliveredSeq: 0,
      staffDeliveredSeq: 0,
    };
    await store.enqueue(entry);
    await store.putYouthSession({ ...session, conversationId: entry.id, lastSeenAt: now }, this.limits.sessionTtlMs);
    await Promise.all([
      notifier.join({ youth: actor.youthId }, entry.id),
      store.appendEvent({
        type: "conversation.queued",
        at: now,
        conversationId: entry.id,
        ...(request.locationChoice !== ANY_LOCATION && { locationId: request.locationChoice }),
        data: { ageBand: request.ageBand ?? "unknown", topic: request.topic ?? "none", ...(back && { returning: true }) },
      }),
    ]);
    // Volunteers on shift whose console is closed hear of it on a subscribed device; never holds up the join.
    this.deps.push
      ?.youthWaiting(entry)
      .catch((error: unknown) => this.deps.log.warn({ event: "push.waiting.failed", err: error }, "waiting push failed"));
    const queue = (await this.dispatcher.standing(entry.id)) ?? { position: 1, estimate: { kind: "unknown" as const } };
    this.dispatcher.kick();
    return { conversation: youthView(entry), queue };
  }

  /** Out of the queue by their own choice; recorded as abandoned for the figures. */
  async leave(actor: YouthActor): Promise<{ conversationId: string }> {
    const session = await this.session(actor);
    const conversation = session.conversationId ? await this.deps.store.getConversation(session.conversationId) : undefined;
    if (conversation?.status !== "queued") fail("NOT_QUEUED", "You are not in the queue");
    // Picked up in the same instant? Then this ends that brand-new chat, which is what they asked for.
    await this.conversations.finish(conversation.id, "youth", "left-queue");
    return { conversationId: conversation.id };
  }

  /**
   * The two optional questions after a chat. Only the youth of an ended chat may answer; a repeat
   * is recorded again and the figures count the last answer per conversation.
   */
  async feedback(actor: YouthActor, request: RequestOf<"feedback:give">): Promise<Record<string, never>> {
    const conversation = await this.conversations.authorise(actor, request.conversationId);
    if (conversation.status !== "ended") fail("FORBIDDEN", "Feedback is for a chat that has ended");
    if (!(await this.joinLimit.consume(`feedback:${actor.youthId}`))) fail("RATE_LIMITED", "Thank you, we have your answer");
    await this.deps.store.appendEvent({
      type: "conversation.feedback",
      at: this.deps.clock.now(),
      conversationId: conversation.id,
      ...(conversation.locationId && { locationId: conversation.locationId }),
      data: { ...(request.helped && { helped: request.helped }), ...(request.wouldReturn && { wouldReturn: request.wouldReturn }) },
    });
    return {};
  }

  /**
   * Quick exit: the page is gone in an instant, so it tells us with a beacon. The session ends on
   * the server too: the token resumes nothing any more (someone who picks up the device finds no way
   * back in), a waiting youth leaves the queue and a chat ends with reason "quick-exit", so no
   * volunteer waits for someone who fled, and every other open tab of theirs is disconnected.
   */
  async quickExit(token: string): Promise<void> {
    const { store, notifier } = this.deps;
    const session = await store.getYouthSession(hashSecret(token));
    if (!session) return;
    await store.deleteYouthSession(session.tokenHash);
    const conversation = session.conversationId ? await store.getConversation(session.conversationId) : undefined;
    if (conversation && (conversation.status === "queued" || conversation.status === "active")) {
      await this.conversations.finish(conversation.id, "youth", "quick-exit");
    }
    notifier.disconnectYouth(session.youthId);
  }

  private async session(actor: YouthActor): Promise<YouthSession> {
    const session = await this.deps.store.getYouthSession(actor.tokenHash);
    if (!session) fail("SESSION_UNKNOWN", "This chat session has expired; start a new one");
    return session;
  }
}
