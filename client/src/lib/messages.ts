import type { MessageView } from "../../../shared/protocol";

/**
 * Messages by seq, each once, whatever order or how often they arrive (a resend is broadcast again):
 * the one merge the youth page, the volunteer's console and the professional's view share.
 */
export function mergeBySeq(current: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
