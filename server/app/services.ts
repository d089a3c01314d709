import type { Logger } from "pino";
import type { Config } from "../config/config";
import type { Clock } from "../domain/clock";
import { loadDefaultRiskScorer } from "../domain/risk/riskScorer";
import { PushRelay } from "../push/PushRelay";
import { generateVapidKeys, webPushSender } from "../push/webPushSender";
import type { SocketNotifier } from "../realtime/SocketNotifier";
import { AbuseGuard } from "../service/AbuseGuard";
import { AccessLog } from "../service/AccessLog";
import { AfterAck } from "../service/AfterAck";
import { LocationAdminService } from "../service/admin/LocationAdminService";
import { RosterService } from "../service/admin/RosterService";
import { StaffAdminService } from "../service/admin/StaffAdminService";
import { ConversationService } from "../service/ConversationService";
import type { ServiceDeps } from "../service/context";
import { DebriefService } from "../service/DebriefService";
import { Dispatcher } from "../service/Dispatcher";
import { DutyService } from "../service/DutyService";
import { ErasureService } from "../service/ErasureService";
import { EscalationService } from "../service/EscalationService";
import { FiguresRollup } from "../service/FiguresRollup";
import { FiguresService } from "../service/FiguresService";
import { GhostSweeper } from "../service/GhostSweeper";
import { LoginGuard } from "../service/LoginGuard";
import { ProfessionalConversationService } from "../service/ProfessionalConversationService";
import { PushService } from "../service/PushService";
import { RetentionJob } from "../service/RetentionJob";
import { ReturnCodeService } from "../service/ReturnCodeService";
import { SecondFactorService } from "../service/SecondFactorService";
import { StaffConversationService } from "../service/StaffConversationService";
import { StaffService } from "../service/StaffService";
import { WrapUpService } from "../service/WrapUpService";
import { YouthService } from "../service/YouthService";
import type { Store } from "../store/Store";
import type { Limits } from "./limits";

export interface ServiceRoot {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  sockets: SocketNotifier;
  limits: Limits;
  /** Whether this process has Redis (several processes): push keys must then come from the environment. */
  shared: boolean;
  instanceId: string;
  /** The address invite links point at (known once the server listens). */
  publicUrl(): string;
}

/** The composition root of the domain services: who gets which collaborator. No HTTP, no sockets. */
export function buildServices(root: ServiceRoot) {
  const { config, store, clock, log, limits, instanceId, publicUrl } = root;
  const serviceLog = log.child({ layer: "service" });
  const { push, notifier } = buildPush(root, serviceLog);
  const deps: ServiceDeps = { store, clock, notifier, log: serviceLog, push };

  const escalations = new EscalationService(deps, config.escalationTimeoutsMs);
  const duty = new DutyService(deps, escalations);
  const dispatcher = new Dispatcher(deps, (c) => escalations.flaggedAssigned(c));
  const abuse = new AbuseGuard(store, clock, config.blockMs, config.networkHashSecret);
  const loginGuard = new LoginGuard(config.networkHashSecret, limits.login, (network) => abuse.keyFor(network));
  if (!config.networkHashSecretSet && config.env === "production")
    log.warn({ event: "networkHash.localKey" }, "NETWORK_HASH_SECRET is not set: blocks and per-network limits reach this process only");
  const debriefs = new DebriefService(deps, duty, limits.message);
  const wrapUps = new WrapUpService(deps, debriefs);
  const afterAck = new AfterAck(serviceLog);
  const { conversations, returnCodes, youth } = buildChatServices(root, { deps, dispatcher, escalations, abuse, wrapUps, afterAck });
  const access = new AccessLog(deps);
  const secondFactor = new SecondFactorService(deps, config.secondFactor.key, access);
  const staff = new StaffService({
    deps,
    dispatcher,
    wrapUps,
    escalations,
    sessionIdleMs: config.staffSessionIdleMs,
    sessionMaxMs: config.staffSessionMaxMs,
    secondFactor,
  });
  const staffConversations = new StaffConversationService({
    deps,
    conversations,
    dispatcher,
    abuse,
    rateLimit: limits.message,
    escalations,
    returnCodes,
  });
  return {
    deps,
    afterAck,
    push,
    escalations,
    duty,
    professionals: new ProfessionalConversationService(deps, escalations),
    dispatcher,
    loginGuard,
    debriefs,
    wrapUps,
    conversations,
    returnCodes,
    youth,
    access,
    secondFactor,
    staff,
    staffConversations,
    figures: new FiguresService(deps),
    erasure: new ErasureService(deps),
    locationAdmin: new LocationAdminService(deps),
    staffAdmin: new StaffAdminService(deps, staffConversations, escalations, duty, { ttlMs: config.inviteTtlMs, baseUrl: publicUrl }),
    roster: new RosterService(deps, escalations, duty),
    // Periodic work, run by jobs.ts on one process at a time.
    sweeper: new GhostSweeper(deps, conversations, config.queueGoneMs, () => dispatcher.kick()),
    retention: new RetentionJob(deps, config.retentionDays, undefined, { accessLogDays: config.accessLogDays, owner: instanceId }),
    figuresRollup: new FiguresRollup(deps),
  };
}

/** Web Push, and the notifier the services use: the sockets, paging by push whoever has no page open. */
function buildPush({ config, store, clock, log, sockets, shared }: ServiceRoot, serviceLog: Logger) {
  // Keys from the environment; a single in-memory process may make its own pair.
  const vapid = config.push.vapid ?? (shared ? undefined : generateVapidKeys());
  if (!config.push.vapid && vapid)
    log.info({ event: "push.vapid.generated" }, "VAPID keys made for this process (memory store); push subscriptions last until restart");
  if (!vapid) log.warn({ event: "push.off" }, "VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY not set: push notifications are off");
  const push = new PushService(
    { store, clock, notifier: sockets, log: serviceLog },
    vapid && webPushSender({ ...vapid, subject: config.push.subject }),
    {
      ...(vapid && { publicKey: vapid.publicKey }),
      production: config.env === "production",
      allowedHosts: config.push.allowedHosts,
      youthTtlMs: config.youthSessionTtlMs,
    },
  );
  const notifier = new PushRelay(sockets, push, store, log.child({ layer: "push" }));
  return { push, notifier };
}

/** What a chat is made of, as the youth meets it: the conversation itself, return codes, the youth's session and queue. */
function buildChatServices({ config, log, limits }: ServiceRoot, { deps, dispatcher, escalations, abuse, wrapUps, afterAck }: ChatParts) {
  const conversations = new ConversationService({
    deps,
    dispatcher,
    rateLimit: limits.message,
    wrapUps,
    risk: { score: loadDefaultRiskScorer(), escalations, later: afterAck },
    signalLimit: limits.signal,
  });
  const returnCodes = new ReturnCodeService(deps, conversations, limits.returnCode, {
    ...config.returnCodes,
    failures: limits.returnCodeFailures,
  });
  if (!config.returnCodes.secret) log.warn({ event: "returnCodes.off" }, "RETURN_CODE_SECRET is not set: return codes are switched off");
  const youth = new YouthService({
    deps,
    dispatcher,
    conversations,
    abuse,
    joinLimit: limits.join,
    limits: { sessionTtlMs: config.youthSessionTtlMs, maxQueuedPerNetwork: config.maxQueuedPerNetwork },
    returnCodes,
    sessionLimits: limits.sessions,
  });
  return { conversations, returnCodes, youth };
}

/** The services a chat's own services are built on. */
interface ChatParts {
  deps: ServiceDeps;
  dispatcher: Dispatcher;
  escalations: EscalationService;
  abuse: AbuseGuard;
  wrapUps: WrapUpService;
  afterAck: AfterAck;
}

export type Services = ReturnType<typeof buildServices>;
