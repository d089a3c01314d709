import { performance } from "node:perf_hooks";
import type { Message } from "../domain/conversation";
import type { DomainEvent } from "../domain/domainEvents";
import type { AppendResult, Store } from "../store/Store";

/** What the decorator reports to; kept narrow so the store wrapper does not know prom-client. */
export interface StoreObserver {
  /** One store call finished (ok or failed) after `seconds`. */
  operation(name: string, seconds: number, failed: boolean): void;
  /** A domain event was recorded (after the store accepted it). */
  event(event: DomainEvent): void;
  /** A message was stored for the first time (not a resend). */
  message(message: Message): void;
}

/**
 * Wraps a store so every call is timed and every recorded domain event is counted, without the
 * services knowing. On Redis each store call is one script or a few commands, so the timings are
 * the Redis latency the service actually sees (round trip included).
 */
export function instrumentStore(store: Store, observer: StoreObserver): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const started = performance.now();
        const finish = (failed: boolean) => observer.operation(property, (performance.now() - started) / 1000, failed);
        const result = method.apply(target, args);
        if (!(result instanceof Promise)) {
          finish(false);
          return result;
        }
        return result.then(
          (resolved: unknown) => {
            finish(false);
            if (property === "appendEvent") observer.event(args[0] as DomainEvent);
            if (property === "appendMessage" && !(resolved as AppendResult).duplicate) observer.message((resolved as AppendResult).message);
            return resolved;
          },
          (error: unknown) => {
            finish(true);
            throw error;
          },
        );
      };
    },
  });
}
