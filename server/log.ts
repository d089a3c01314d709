import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Errors are logged by name, code and stack only. Redis errors carry the failed command with its
 * arguments (a message's JSON among them), so the standard serializer would copy a youth's words
 * into the log.
 */
export function safeError(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { type: typeof value };
  const code = (value as { code?: unknown }).code;
  return {
    type: value.name,
    // Redis replies quote arguments in some messages (e.g. "ERR ... for 'argument'"): keep the first words only.
    message: value.message.split(/[:'"{]/)[0]!.slice(0, 120),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    stack: value.stack?.split("\n").slice(1, 6).join("\n"),
  };
}

/** The root logger; each layer takes a child (`layer: "realtime"`, ...). Logs carry ids, never message text. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: "inloop", pid: process.pid }, serializers: { err: safeError } }, destination);
}
