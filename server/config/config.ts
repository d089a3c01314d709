import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseTrustProxy } from "../domain/network/network";
import { DEFAULT_PUSH_HOSTS } from "../domain/push/push";
import { parseHostList, type RedisTopology } from "../store/redis/connect";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Without it the service runs on the embedded in-memory store (one process only). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Redis behind Sentinel (failover): "host:port,host:port" of the sentinels, plus the primary's name. */
  REDIS_SENTINELS: z.string().min(1).optional(),
  REDIS_SENTINEL_NAME: z.string().min(1).default("inloop"),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** Redis Cluster: "host:port,host:port" of some of its nodes (the rest are discovered). */
  REDIS_CLUSTER_NODES: z.string().min(1).optional(),
  /** Password for Sentinel- or Cluster-managed Redis servers (with REDIS_URL, put it in the URL). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_TLS: bool.optional(),
  /** Bearer token Prometheus sends to GET /metrics; without it /metrics is open in development and off in production. */
  METRICS_TOKEN: z.string().min(16).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/, "letters, digits, ':', '_' and '-' only (no braces: they are hash tags)")
    .default("inloop:"),
  /** Seed demo locations and staff. On by default only on the in-memory store outside production; on Redis only with DEMO=true. */
  DEMO: bool.optional(),
  /** With the demo on the memory store: a month of anonymous demo events for the figures (default: on). */
  DEMO_FIGURES: bool.optional(),
  /** Origins allowed to open a socket or post to the API, comma-separated; empty = same origin only. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Send cookies with `Secure`; on by default in production (behind TLS). */
  COOKIE_SECURE: bool.optional(),
  YOUTH_SESSION_HOURS: z.coerce.number().positive().default(24),
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  /** A staff session ends this long after login, however active it is (a console left open on a shared PC). */
  STAFF_SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  /** How often an open console that sends nothing has its session checked (expiry, logout elsewhere). */
  STAFF_SESSION_RECHECK_MS: z.coerce.number().int().min(100).default(15_000),
  /**
   * How long a socket trusts a right it read from the store (a chat it speaks in, its staff session)
   * without reading it again. Changes are pushed to every process as they happen; this only bounds
   * a push lost to a failure nothing detected.
   */
  RIGHTS_MAX_AGE_MS: z.coerce.number().int().min(0).default(15_000),
  /** Messages a youth or staff member may send per 10 seconds. */
  MESSAGE_RATE_PER_10S: z.coerce.number().int().positive().default(20),
  /** Events of any kind one connection may send per 10 seconds; beyond it each is refused at once, before any work. */
  CONNECTION_EVENTS_PER_10S: z.coerce.number().int().positive().default(300),
  /** Queue joins one network (hashed) may make per 10 minutes: stops a script flooding the queue. */
  QUEUE_JOINS_PER_10MIN: z.coerce.number().int().positive().default(20),
  /** Youths from one network (hashed) waiting at the same time; a school behind one address stays well below. */
  QUEUE_MAX_PER_NETWORK: z.coerce.number().int().positive().default(5),
  /**
   * Log-in attempts per e-mail address per 15 minutes from a browser that has not logged in to that
   * account before (argon2 is expensive; guessing must be slow). A browser that has (its device
   * cookie) gets its own allowance, so a stranger guessing never locks out the right password.
   */
  LOGIN_ATTEMPTS_PER_15MIN: z.coerce.number().int().positive().default(10),
  /** Beyond LOGIN_ATTEMPTS_PER_15MIN an account still takes one attempt this often: slowed down, never locked. */
  LOGIN_SLOW_ATTEMPT_SECONDS: z.coerce.number().int().positive().default(30),
  /** Log-in attempts per client network per 15 minutes, whichever e-mail (password spraying). */
  LOGIN_ATTEMPTS_PER_NETWORK_PER_15MIN: z.coerce.number().int().positive().default(50),
  /** Failed log-ins per minute over all accounts and networks; beyond it only known browsers may try. */
  LOGIN_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** New youth sessions per client network per 10 minutes (each costs Redis memory for a day). */
  SESSIONS_PER_NETWORK_PER_10MIN: z.coerce.number().int().positive().default(30),
  /** New youth sessions per minute in total: a ceiling on how fast anyone can fill Redis. */
  SESSIONS_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Open connections per client network per process (a school behind one address stays well below). */
  CONNECTIONS_PER_NETWORK: z.coerce.number().int().positive().default(200),
  /** A connection that has not finished its socket.io handshake by then is closed. */
  HANDSHAKE_TIMEOUT_MS: z.coerce.number().int().min(500).default(5000),
  /** A queued youth whose page is disconnected this long loses their place (until then they keep it, skipped by routing). */
  QUEUE_GONE_MINUTES: z.coerce.number().positive().default(15),
  /** Seconds a professional has to acknowledge an escalation before the next one is alerted. */
  ESCALATION_TIMEOUT_CRISIS_S: z.coerce.number().positive().default(30),
  ESCALATION_TIMEOUT_URGENT_S: z.coerce.number().positive().default(60),
  ESCALATION_TIMEOUT_CONSULT_S: z.coerce.number().positive().default(300),
  /** Days a transcript is kept after the conversation ended; then it is purged (figures stay). */
  RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Days a youth's return code (and the volunteer's note it carries) lives; then both are gone. */
  RETURN_CODE_DAYS: z.coerce.number().positive().default(90),
  /**
   * Key for hashing return codes (HMAC): a code has ~31 bits, so without this key a copy of the store
   * cannot be searched by trying every code. Production without it: return codes are switched off.
   */
  RETURN_CODE_SECRET: z.string().min(32).optional(),
  /** Return-code checks one network (hashed) may make per 10 minutes. */
  RETURN_CODE_ATTEMPTS_PER_10MIN: z.coerce.number().int().positive().default(10),
  /**
   * Key that seals staff TOTP secrets at rest and keys the hashes of their recovery codes; the same
   * on every process. Production without it: a warning, and the public development key is used.
   */
  SECOND_FACTOR_KEY: z.string().min(32).optional(),
  /** Days the access record (who read which conversation, when, why) is kept; then it is purged. */
  ACCESS_LOG_DAYS: z.coerce.number().positive().default(365),
  /** Wrong return codes per hour over every network together: the budget that makes guessing hopeless. */
  RETURN_CODE_FAILURES_PER_HOUR: z.coerce.number().int().positive().default(1000),
  /** How long a staff invite link works. */
  INVITE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  /** The address people open (behind a load balancer or TLS); used in invite links. Default: this server's own. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How often queue positions, estimates and overflow routing are re-evaluated. */
  TICK_MS: z.coerce.number().int().min(100).default(2000),
  /** How long a volunteer may be disconnected before they stop getting new youths. */
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long a youth blocked for abuse stays out: their session and their browser (never their network). */
  BLOCK_HOURS: z.coerce.number().positive().default(24),
  /**
   * Behind a load balancer: which X-Forwarded-For hop is the client's. "true" or a number: that many
   * proxies in front (each appends one hop on the right); or a comma-separated list of the proxies'
   * addresses. Default: no proxy, the header is ignored.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => parseTrustProxy(v) !== undefined, "false, true, a number of proxies, or their addresses"),
  /**
   * Key for hashing client networks (HMAC, a fresh key derived per day): what keeps a copy of Redis
   * from giving away addresses. The same on every process; production without it gets a random key
   * per process (blocks then reach only that process).
   */
  NETWORK_HASH_SECRET: z.string().min(32).optional(),
  /** Where quick exit sends a youth: a neutral site that does not hint at a helpline. */
  QUICK_EXIT_URL: z.url().default("https://www.buienradar.nl/"),
  /** On SIGTERM, how long /readyz reports "draining" before sockets are closed, so a load balancer stops sending new ones. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).optional(),
  /**
   * Web Push (VAPID, RFC 8292): the key pair staff devices and waiting youths subscribe with, the same
   * on every process. Without them push is off, except on the in-memory store, which makes a pair at
   * start (subscriptions then last until the restart). `npx web-push generate-vapid-keys` makes one.
   */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, "base64url, 65 bytes (uncompressed P-256 point)")
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, "base64url, 32 bytes")
    .optional(),
  /** Who the push services can contact about this sender: "mailto:…" or an https URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:.+|https:\/\/.+)$/, "mailto:… or https://…")
    .optional(),
  /** Push services a device may subscribe with in production (host suffixes, comma-separated). */
  PUSH_ALLOWED_HOSTS: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = ReturnType<typeof loadConfig>;

/** Not a secret: only for development and tests, where no real youth's code is hashed with it. */
const DEVELOPMENT_RETURN_CODE_SECRET = "inloop-development-return-code-key-not-secret";

/** Not a secret: only for development and tests (production refuses to start without SECOND_FACTOR_KEY). */
export const DEVELOPMENT_SECOND_FACTOR_KEY = "inloop-development-second-factor-key-not-secret";

/** At most one way to reach Redis; none means the in-memory store. */
function redisTopology(e: z.infer<typeof EnvSchema>): RedisTopology | undefined {
  const chosen = [
    e.REDIS_URL && "REDIS_URL",
    e.REDIS_SENTINELS && "REDIS_SENTINELS",
    e.REDIS_CLUSTER_NODES && "REDIS_CLUSTER_NODES",
  ].filter(Boolean);
  if (chosen.length > 1) throw new Error(`Invalid configuration:\n  set only one of ${chosen.join(", ")}`);
  const tls = e.REDIS_TLS ?? false;
  const secret = { ...(e.REDIS_PASSWORD && { password: e.REDIS_PASSWORD }) };
  if (e.REDIS_URL) return { mode: "standalone", url: e.REDIS_URL };
  if (e.REDIS_SENTINELS) {
    const sentinelPassword = e.REDIS_SENTINEL_PASSWORD;
    return {
      mode: "sentinel",
      sentinels: hosts("REDIS_SENTINELS", e.REDIS_SENTINELS, 26379),
      name: e.REDIS_SENTINEL_NAME,
      tls,
      ...secret,
      ...(sentinelPassword && { sentinelPassword }),
    };
  }
  if (e.REDIS_CLUSTER_NODES) return { mode: "cluster", nodes: hosts("REDIS_CLUSTER_NODES", e.REDIS_CLUSTER_NODES, 6379), tls, ...secret };
  return undefined;
}

function hosts(name: string, list: string, defaultPort: number) {
  try {
    const parsed = parseHostList(list, defaultPort);
    if (parsed.length === 0) throw new Error("empty list");
    return parsed;
  } catch (error) {
    throw new Error(`Invalid configuration:\n  ${name}: ${(error as Error).message}`);
  }
}

/** The environment checked: every value, and the settings that only go together; one readable error listing every problem. */
function parseEnv(env: NodeJS.ProcessEnv): z.infer<typeof EnvSchema> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new Error("Invalid configuration:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither");
  }
  if (production && e.VAPID_PUBLIC_KEY && !e.VAPID_SUBJECT)
    throw new Error("Invalid configuration:\n  VAPID_SUBJECT: required with VAPID keys in production");
  // Staff second-factor secrets sealed with a key printed in this source would be no second factor.
  if (production && !e.SECOND_FACTOR_KEY)
    throw new Error("Invalid configuration:\n  SECOND_FACTOR_KEY: required in production (32 or more random characters)");
  return e;
}

/** Reads and checks the environment once at start-up; throws one readable error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parseEnv(env);
  const production = e.NODE_ENV === "production";
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    redisUrl: e.REDIS_URL,
    /** Where Redis is, or undefined for the in-memory store. */
    redis: redisTopology(e),
    metricsToken: e.METRICS_TOKEN,
    redisPrefix: e.REDIS_PREFIX,
    // Never seed the printed demo password into a shared store by accident: Redis needs DEMO=true.
    demo: e.DEMO ?? (!production && !redisTopology(e)),
    demoFigures: (e.DEMO ?? (!production && !redisTopology(e))) && (e.DEMO_FIGURES ?? true),
    allowedOrigins: e.ALLOWED_ORIGINS.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    cookieSecure: e.COOKIE_SECURE ?? production,
    youthSessionTtlMs: e.YOUTH_SESSION_HOURS * 3_600_000,
    staffSessionIdleMs: e.STAFF_SESSION_IDLE_MINUTES * 60_000,
    staffSessionMaxMs: e.STAFF_SESSION_MAX_HOURS * 3_600_000,
    staffSessionRecheckMs: e.STAFF_SESSION_RECHECK_MS,
    rightsMaxAgeMs: e.RIGHTS_MAX_AGE_MS,
    messageRatePer10s: e.MESSAGE_RATE_PER_10S,
    connectionEventsPer10s: e.CONNECTION_EVENTS_PER_10S,
    tickMs: e.TICK_MS,
    retentionDays: e.RETENTION_DAYS,
    returnCodes: {
      ttlMs: e.RETURN_CODE_DAYS * 86_400_000,
      // Outside production a fixed, public development key, so several local processes agree.
      secret: e.RETURN_CODE_SECRET ?? (production ? undefined : DEVELOPMENT_RETURN_CODE_SECRET),
      attemptsPer10Min: e.RETURN_CODE_ATTEMPTS_PER_10MIN,
      failuresPerHour: e.RETURN_CODE_FAILURES_PER_HOUR,
    },
    secondFactor: { key: e.SECOND_FACTOR_KEY ?? DEVELOPMENT_SECOND_FACTOR_KEY, keySet: e.SECOND_FACTOR_KEY !== undefined },
    accessLogDays: e.ACCESS_LOG_DAYS,
    inviteTtlMs: e.INVITE_HOURS * 3_600_000,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    escalationTimeoutsMs: {
      crisis: e.ESCALATION_TIMEOUT_CRISIS_S * 1000,
      urgent: e.ESCALATION_TIMEOUT_URGENT_S * 1000,
      consult: e.ESCALATION_TIMEOUT_CONSULT_S * 1000,
    },
    joinsPer10Min: e.QUEUE_JOINS_PER_10MIN,
    maxQueuedPerNetwork: e.QUEUE_MAX_PER_NETWORK,
    loginAttemptsPer15Min: e.LOGIN_ATTEMPTS_PER_15MIN,
    loginAttemptsPerNetworkPer15Min: e.LOGIN_ATTEMPTS_PER_NETWORK_PER_15MIN,
    loginSlowAttemptSeconds: e.LOGIN_SLOW_ATTEMPT_SECONDS,
    loginFailuresPerMinute: e.LOGIN_FAILURES_PER_MINUTE,
    sessionsPerNetworkPer10Min: e.SESSIONS_PER_NETWORK_PER_10MIN,
    sessionsPerMinute: e.SESSIONS_PER_MINUTE,
    connectionsPerNetwork: e.CONNECTIONS_PER_NETWORK,
    handshakeTimeoutMs: e.HANDSHAKE_TIMEOUT_MS,
    queueGoneMs: e.QUEUE_GONE_MINUTES * 60_000,
    presenceGraceMs: e.PRESENCE_GRACE_MS,
    quickExitUrl: e.QUICK_EXIT_URL,
    blockMs: { session: e.BLOCK_HOURS * 3_600_000 },
    trustProxy: parseTrustProxy(e.TRUST_PROXY)!,
    /** Generated at start when not set: fine for one process; production sets it (docker-compose.yml). */
    networkHashSecret: e.NETWORK_HASH_SECRET ?? randomBytes(32).toString("base64url"),
    networkHashSecretSet: e.NETWORK_HASH_SECRET !== undefined,
    drainMs: e.SHUTDOWN_DRAIN_MS ?? (production ? 5000 : 0),
    logLevel: e.LOG_LEVEL,
    push: {
      ...(e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY && { vapid: { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } }),
      subject: e.VAPID_SUBJECT ?? "mailto:push@inloop.invalid",
      allowedHosts: e.PUSH_ALLOWED_HOSTS
        ? e.PUSH_ALLOWED_HOSTS.split(",")
            .map((h) => h.trim())
            .filter(Boolean)
        : DEFAULT_PUSH_HOSTS,
    },
  };
}
