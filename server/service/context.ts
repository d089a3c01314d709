import type { Logger } from "pino";
import type { Clock } from "../domain/clock";
import type { Store } from "../store/Store";
import type { Notifier } from "./Notifier";
import type { PushService } from "./PushService";

/**
 * What every service gets handed: nothing global, so tests can swap any of it. `S` names the store
 * slices a service uses (`ServiceDeps<ConversationStore & MessageStore>`); the whole Store fits.
 */
export interface ServiceDeps<S = Store> {
  store: S;
  clock: Clock;
  notifier: Notifier;
  log: Logger;
  /** Web Push for pages that are closed; absent in tests that do not need it. */
  push?: PushService;
}
