import { useI18n } from "../i18n/i18n";
import type { AppSocket } from "../lib/socket";
import { DebriefThread } from "./DebriefThread";
import { type Request, useDebriefs } from "./useDebriefs";

/**
 * The volunteer's "praat even na": ask at any time (about the chat on screen, if any), see who takes
 * it up ("Eva pakt je verzoek op"), then a private thread with that professional.
 */
export function DebriefPanel({
  socket,
  request,
  staffId,
  conversationId,
}: {
  socket: AppSocket | undefined;
  request: Request;
  staffId: string;
  conversationId?: string;
}) {
  const { t } = useI18n();
  const { debriefs, threads, send, setDebriefs } = useDebriefs(socket, request, staffId);
  const mine = Object.values(debriefs)
    .filter((d) => d.volunteerId === staffId)
    .sort((a, b) => b.requestedAt - a.requestedAt)[0];
  const ask = async () => {
    const ack = await request("debrief:request", conversationId ? { conversationId } : {});
    if (ack.ok) setDebriefs((all) => ({ ...all, [ack.data.id]: ack.data }));
  };
  return (
    <section className="panel" aria-labelledby="debrief-title">
      <h2 id="debrief-title">{t("reach.debrief.title")}</h2>
      {(!mine || mine.status === "closed") && (
        <>
          {mine?.status === "closed" && <p className="muted">{t("reach.debrief.closed")}</p>}
          <p className="muted">{t("reach.debrief.askHint")}</p>
          <button type="button" className="button" onClick={() => void ask()}>
            {t("reach.debrief.ask")}
          </button>
        </>
      )}
      {mine?.status === "open" && (
        <p className="debrief-status" role="status">
          {t("reach.debrief.waiting")}
        </p>
      )}
      {mine?.status === "claimed" && (
        <>
          <p className="debrief-status" role="status">
            {t("reach.debrief.claimed", { name: mine.claimedByName ?? "" })}
          </p>
          <DebriefThread id={mine.id} messages={threads[mine.id] ?? []} onSend={(text) => send(mine.id, text)} />
          <button type="button" className="button button-quiet" onClick={() => void request("debrief:close", { debriefId: mine.id })}>
            {t("reach.debrief.close")}
          </button>
        </>
      )}
    </section>
  );
}
