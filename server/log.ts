import { pino, type Logger } from "pino";

/** The root logger; each layer takes a child (`layer: "realtime"`, ...). Logs carry ids, never message text. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "inloop", pid: process.pid } });
}
