/**
 * Shares expensive reads between concurrent callers without ever handing out stale data: a caller
 * gets a read that started after it asked. While one read runs, everyone who asks waits for the
 * single next read, so under load there are at most two reads in flight instead of one per caller.
 */
export function freshRead<T>(load: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const run = load().finally(() => {
      if (current === run) current = undefined;
    });
    current = run;
    return run;
  };
  return () => {
    if (!current) return start();
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
