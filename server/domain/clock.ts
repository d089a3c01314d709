/** Milliseconds since the epoch. Every time in the domain is one of these, taken from a Clock. */
export type Millis = number;

/** Injected everywhere time matters, so tests can move it. */
export interface Clock {
  now(): Millis;
}

export const systemClock: Clock = { now: () => Date.now() };
