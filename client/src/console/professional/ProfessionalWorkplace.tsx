import { useState } from "react";
import { compareEscalations, ESCALATION_REFERRALS, LIMITS, type EscalationView, type LocationView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { useNow } from "../useNow";
import { useProfessional, type Watched } from "./useProfessional";
import { DutyReachPanel } from "../DutyReachPanel";
import { NotifySettings } from "../NotifySettings";
import { useStaffNotifications } from "../useStaffNotifications";
import { DebriefInbox } from "./DebriefInbox";

type Actions = ReturnType<typeof useProfessional>["actions"];
const age = (now: number, at: number) => Math.max(0, Math.floor((now - at) / 60_000));

/** The professional's console: on duty, the inbox by level and age, live chats, read along, join. */
export function ProfessionalWorkplace() {
  const { t } = useI18n();
  const { online, staff, duty, locations, inbox, live, watched, actions, socket } = useProfessional();
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  useStaffNotifications(socket, { role: "professional", ...(staff && { staffId: staff.id }), locationName });
  const [error, setError] = useState<string>();
  const report = (ack: { ok: boolean; message?: string }) => {
    if (!ack.ok) setError(t("console.error", { message: ack.message ?? "" }));
    return ack.ok;
  };
  const sorted = [...inbox].sort(compareEscalations);
  return (
    <div className="console-main pro">
      {!online && <p className="offline" role="alert">{t("console.offline")}</p>}
      {error && (
        <p className="notice" role="alert" onClick={() => setError(undefined)}>
          {error}
        </p>
      )}
      <aside className="sidebar">
        {staff && duty && <DutyPanel onDuty={duty.onDuty} chosen={duty.locationIds} locations={locations} onChange={(on, ids) => void actions.setDuty(on, ids).then(report)} />}
        <LivePanel live={live} onWatch={(id) => void actions.watch(id).then(report)} />
        <DutyReachPanel locationName={locationName} />
        <NotifySettings request={actions.request} />
      </aside>
      <main className="work">
        <section className="panel" aria-labelledby="inbox-title">
          <h2 id="inbox-title">{t("pro.inbox", { n: sorted.length })}</h2>
          {sorted.length === 0 && <p className="muted">{t("pro.inbox.empty")}</p>}
          <ul className="inbox">
            {sorted.map((e) => (
              <InboxItem key={e.id} e={e} mine={e.claimedBy === staff?.id} locations={locations} actions={actions} report={report} />
            ))}
          </ul>
        </section>
        <DebriefInbox socket={socket} request={actions.request} staffId={staff?.id} onError={setError} />
        {watched && <WatchPane watched={watched} actions={actions} report={report} />}
      </main>
    </div>
  );
}

function DutyPanel({ onDuty, chosen, locations, onChange }: { onDuty: boolean; chosen: string[]; locations: LocationView[]; onChange(on: boolean, ids: string[]): void }) {
  const { t } = useI18n();
  const [ids, setIds] = useState(chosen);
  return (
    <section className="panel" aria-labelledby="duty-title">
      <h2 id="duty-title">{t("pro.duty")}</h2>
      <label className="toggle">
        <input type="checkbox" checked={onDuty} onChange={(e) => onChange(e.target.checked, ids)} /> {t("pro.duty.on")}
      </label>
      <fieldset>
        <legend className="muted">{t("pro.duty.locations")}</legend>
        {locations.map((l) => (
          <label key={l.id} className="option">
            <input
              type="checkbox"
              checked={ids.includes(l.id)}
              onChange={(e) => {
                const next = e.target.checked ? [...ids, l.id] : ids.filter((x) => x !== l.id);
                if (next.length === 0) return;
                setIds(next);
                if (onDuty) onChange(true, next);
              }}
            />
            {l.name}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function LivePanel({ live, onWatch }: { live: ReturnType<typeof useProfessional>["live"]; onWatch(id: string): void }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="live-title">
      <h2 id="live-title">{t("pro.live", { n: live.length })}</h2>
      <ul className="todo">
        {live.map((l) => (
          <li key={l.conversation.id}>
            {l.flagged && <span className="badge">!</span>} {l.volunteerName} · {l.conversation.nickname ?? t("console.chat.anonymous")} ·{" "}
            {age(now, l.conversation.assignedAt ?? now)} min{" "}
            <button type="button" className="link-button" onClick={() => onWatch(l.conversation.id)}>
              {t("pro.watch")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function InboxItem({ e, mine, locations, actions, report }: { e: EscalationView; mine: boolean; locations: LocationView[]; actions: Actions; report(a: { ok: boolean; message?: string }): boolean }) {
  const { t } = useI18n();
  const now = useNow(5_000);
  const [outcome, setOutcome] = useState("");
  const [referral, setReferral] = useState<(typeof ESCALATION_REFERRALS)[number]>("none");
  const where = locations.find((l) => l.id === e.locationId)?.name ?? e.locationId;
  return (
    <li className={`inbox-item level-${e.level}`}>
      <p>
        <strong className={`level level-${e.level}`}>{t(`console.escalate.${e.level}`)}</strong> · {t(`pro.source.${e.source}`)} · {where} · {e.raisedByName ?? ""} ·{" "}
        {t("pro.age", { minutes: age(now, e.raisedAt) })}
        {e.status === "claimed" && ` · ${t("pro.claimedBy", { name: e.claimedByName ?? "" })}`}
        {e.unroutedAt !== undefined && e.status === "open" && <span className="badge">{t("pro.unrouted")}</span>}
      </p>
      {e.note && <p className="muted">{e.note}</p>}
      <div className="actions">
        {e.status === "open" && (
          <button type="button" className="button button-danger" onClick={() => void actions.claim(e.id).then(report)}>
            {t("pro.claim")}
          </button>
        )}
        {e.conversationId && e.status === "claimed" && mine && (
          <button type="button" className="button" onClick={() => void actions.watch(e.conversationId!).then(report)}>
            {t("pro.watch")}
          </button>
        )}
      </div>
      {mine && e.status === "claimed" && (
        <form
          className="resolve"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (outcome.trim()) void actions.resolve(e.id, outcome.trim(), referral).then(report);
          }}
        >
          <label htmlFor={`outcome-${e.id}`}>{t("pro.outcome")}</label>
          <input id={`outcome-${e.id}`} maxLength={LIMITS.noteChars} value={outcome} onChange={(ev) => setOutcome(ev.target.value)} />
          <div className="chips" role="radiogroup" aria-label={t("pro.referral")}>
            {ESCALATION_REFERRALS.map((r) => (
              <label key={r} className="chip">
                <input type="radio" name={`ref-${e.id}`} checked={referral === r} onChange={() => setReferral(r)} />
                <span>{t(`pro.referral.${r}`)}</span>
              </label>
            ))}
          </div>
          <button type="submit" className="button button-primary" disabled={!outcome.trim()}>
            {t("pro.resolve")}
          </button>
        </form>
      )}
    </li>
  );
}

function WatchPane({ watched, actions, report }: { watched: Watched; actions: Actions; report(a: { ok: boolean; message?: string }): boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const c = watched.conversation;
  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const payload = { conversationId: c.id, id: crypto.randomUUID(), text: trimmed };
    if (report(watched.joined ? await actions.request("message:send", payload) : await actions.request("whisper:send", payload))) setText("");
  };
  return (
    <article className="chat" aria-labelledby="watch-title">
      <header className="chat-info">
        <h2 id="watch-title">{t("pro.reading", { name: c.nickname ?? t("console.chat.anonymous") })}</h2>
        <p className="muted">{watched.joined ? t("pro.joinedHint") : t("pro.readingHint")}</p>
        <div className="tools">
          {!watched.joined && c.status === "active" && (
            <button type="button" className="button button-primary" onClick={() => void actions.join(c.id).then(report)}>
              {t("pro.join")}
            </button>
          )}
          {watched.joined && c.status === "active" && c.volunteerId && (
            <button type="button" className="button" onClick={() => void actions.takeOver(c.id).then(report)}>
              {t("pro.takeOver")}
            </button>
          )}
          {watched.joined && c.status === "active" && !c.volunteerId && (
            <button type="button" className="button" onClick={() => void actions.handBack(c.id).then(report)}>
              {t("pro.handBack")}
            </button>
          )}
          <button type="button" className="button" onClick={actions.close}>
            {t("console.close")}
          </button>
        </div>
      </header>
      <div className="messages pro-messages" role="log" aria-live="polite">
        {watched.messages.map((m) => (
          <div key={m.seq} className={`message ${m.sender.role === "youth" ? "theirs" : "mine"}${m.visibility === "staff" ? " whisper" : ""}`}>
            <span className="sender">
              {m.sender.role === "youth" ? t("console.chat.anonymous") : `${m.sender.name} (${t(`console.role.${m.sender.role}`)})`}
              {m.visibility === "staff" && ` · ${t("console.chat.whisper")}`}
            </span>
            <p className="text">{m.text}</p>
          </div>
        ))}
      </div>
      <form
        className="composer console-composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="pro-message">{watched.joined ? t("pro.toYouth") : t("pro.toVolunteer")}</label>
        <textarea
          id="pro-message"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <div className="composer-actions">
          <span />
          <button type="submit" className="button button-primary" disabled={!text.trim() || c.status !== "active"}>
            {t("console.chat.send")}
          </button>
        </div>
      </form>
    </article>
  );
}
