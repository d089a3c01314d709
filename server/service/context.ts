import type { Logger } from "pino";
import type { Clock } from "../domain/types";
import type { Store } from "../store/Store";
import type { Notifier } from "./Notifier";
import type { PushService } from "./PushService";

/** What every service gets handed: nothing global, so tests can swap any of it. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  notifier: Notifier;
  log: Logger;
  /** Web Push for pages that are closed; absent in tests that do not need it. */
  push?: PushService;
}
