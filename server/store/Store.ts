import type { AbuseStore } from "./slices/abuse";
import type { AccessLogStore, SecondFactorStore } from "./slices/access";
import type { ConversationStore } from "./slices/conversations";
import type { CoordinationStore } from "./slices/coordination";
import type { DebriefStore } from "./slices/debriefs";
import type { DirectoryStore } from "./slices/directory";
import type { EscalationStore } from "./slices/escalations";
import type { EventStore } from "./slices/events";
import type { FigureStore } from "./slices/figures";
import type { MessageStore } from "./slices/messages";
import type { PresenceStore } from "./slices/presence";
import type { PushStore } from "./slices/push";
import type { RetentionStore } from "./slices/retention";
import type { ReturnCodeStore } from "./slices/returnCodes";
import type { RosterStore } from "./slices/roster";
import type { SessionStore } from "./slices/sessions";
import type { WrapUpStore } from "./slices/wrapUps";

export type * from "./slices/abuse";
export type * from "./slices/access";
export type * from "./slices/conversations";
export type * from "./slices/coordination";
export type * from "./slices/debriefs";
export type * from "./slices/directory";
export type * from "./slices/escalations";
export type * from "./slices/events";
export { SERVICE_TIME_WINDOW } from "./slices/events";
export type * from "./slices/figures";
export type * from "./slices/messages";
export type * from "./slices/presence";
export type * from "./slices/push";
export type * from "./slices/retention";
export type * from "./slices/returnCodes";
export type * from "./slices/roster";
export type * from "./slices/sessions";
export type * from "./slices/wrapUps";

/**
 * All state of the service, as the sum of its slices (one per aggregate, in ./slices/). A service
 * depends on the slices it uses (`ServiceDeps<ConversationStore & MessageStore>`); the two
 * implementations (memory, Redis) and the contract suites cover them all. Methods documented as
 * atomic must stay atomic across server processes.
 */
export interface Store
  extends DirectoryStore,
    SessionStore,
    ConversationStore,
    MessageStore,
    PresenceStore,
    WrapUpStore,
    EscalationStore,
    AbuseStore,
    ReturnCodeStore,
    EventStore,
    FigureStore,
    RosterStore,
    PushStore,
    DebriefStore,
    CoordinationStore,
    SecondFactorStore,
    AccessLogStore,
    RetentionStore {}
