import type { Logger } from "pino";

/**
 * Work a request starts but its sender does not wait for (risk triage after a youth's message): it
 * runs once the answer has gone out, is retried a few times when the store fails, and a last
 * failure is logged with the ids, never dropped silently. Work is keyed (by conversation), so
 * whatever must see its result first (ending that conversation) can wait for it.
 */
export class AfterAck {
  private readonly pending = new Map<string, Set<Promise<void>>>();

  constructor(
    private readonly log: Logger,
    private readonly options: { attempts: number; backoffMs: number } = { attempts: 3, backoffMs: 100 },
  ) {}

  run(name: string, key: string, work: () => Promise<void>): void {
    const done = this.attempt(name, key, work);
    let set = this.pending.get(key);
    if (!set) this.pending.set(key, (set = new Set()));
    set.add(done);
    void done.finally(() => {
      set.delete(done);
      if (set.size === 0 && this.pending.get(key) === set) this.pending.delete(key);
    });
  }

  /** Resolves when the work started for `key` so far has finished (or given up). */
  async settledFor(key: string): Promise<void> {
    const set = this.pending.get(key);
    if (set) await Promise.all([...set]);
  }

  /** Resolves when nothing is pending (shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()].flatMap((s) => [...s]));
  }

  private async attempt(name: string, key: string, work: () => Promise<void>): Promise<void> {
    // After the current turn: the caller's answer is written to the socket first.
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        if (attempt >= this.options.attempts) {
          this.log.error({ event: `${name}.failed`, key, attempts: attempt, err: error }, "work after the answer failed");
          return;
        }
        this.log.warn({ event: `${name}.retry`, key, attempt, err: error }, "work after the answer failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs * attempt));
      }
    }
  }
}
