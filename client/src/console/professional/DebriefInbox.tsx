import type { DebriefView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { AppSocket } from "../../lib/socket";
import { DebriefThread } from "../DebriefThread";
import { type Request, useDebriefs } from "../useDebriefs";
import { useNow } from "../useNow";

/**
 * Debrief requests in the professional's inbox, as their own kind: who asks, since when, "Oppakken"
 * (atomic: one professional gets it), then the private thread with that volunteer.
 */
export function DebriefInbox({
  socket,
  request,
  staffId,
  onError,
}: {
  socket: AppSocket | undefined;
  request: Request;
  staffId: string | undefined;
  onError(message: string): void;
}) {
  const { t } = useI18n();
  const now = useNow();
  const { debriefs, threads, send, setDebriefs } = useDebriefs(socket, request, staffId);
  const open = Object.values(debriefs)
    .filter((d) => d.status !== "closed" && (d.status === "open" || d.claimedBy === staffId))
    .sort((a, b) => a.requestedAt - b.requestedAt);
  const take = async (d: DebriefView) => {
    const ack = await request("debrief:claim", { debriefId: d.id });
    if (ack.ok) setDebriefs((all) => ({ ...all, [d.id]: ack.data }));
    else onError(t("console.error", { message: ack.message }));
  };
  return (
    <section className="panel" aria-labelledby="debrief-inbox-title">
      <h2 id="debrief-inbox-title">{t("reach.debrief.inbox", { n: open.length })}</h2>
      {open.length === 0 && <p className="muted">{t("reach.debrief.inboxEmpty")}</p>}
      <ul className="inbox">
        {open.map((d) => (
          <li key={d.id} className="inbox-item debrief-item">
            <p>
              <strong>{t("reach.debrief.item", { name: d.volunteerName ?? "" })}</strong>
              {d.conversationId && ` · ${t("reach.debrief.aboutChat")}`} ·{" "}
              {t("reach.debrief.since", { m: Math.max(0, Math.floor((now - d.requestedAt) / 60_000)) })}
            </p>
            {d.status === "open" ? (
              <button type="button" className="button" onClick={() => void take(d)}>
                {t("reach.debrief.take")}
              </button>
            ) : (
              <>
                <p className="muted">{t("reach.debrief.takenBy", { name: d.claimedByName ?? "" })}</p>
                <DebriefThread id={d.id} messages={threads[d.id] ?? []} onSend={(text) => send(d.id, text)} />
                <button type="button" className="button button-quiet" onClick={() => void request("debrief:close", { debriefId: d.id })}>
                  {t("reach.debrief.close")}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
