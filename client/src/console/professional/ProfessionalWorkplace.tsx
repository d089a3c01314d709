import { useEffect, useRef, useState } from "react";
import {
  type Ack,
  ANY_LOCATION,
  ESCALATION_REFERRALS,
  type EscalationView,
  LIMITS,
  type LocationView,
  type StaffConversationView,
  type WrapUpTodoView,
} from "../../../../shared/protocol";
import { riskSignalEn, riskSignalNl } from "../../i18n/areas/risk";
import { useI18n } from "../../i18n/i18n";
import { errorText } from "../../lib/errorText";
import { ConversationPane, SystemLine } from "../ConversationPane";
import { DutyReachPanel } from "../DutyReachPanel";
import { Notice } from "../Notice";
import { NotifySettings } from "../NotifySettings";
import { RiskAnnouncer, RiskMarker } from "../RiskParts";
import { liveChats } from "../state";
import { useNow } from "../useNow";
import { useStaffNotifications } from "../useStaffNotifications";
import { WrapUpForm } from "../WrapUpForm";
import { DebriefInbox } from "./DebriefInbox";
import { type InboxItem, type ProfessionalState, sortedInbox, type WatchedChat } from "./state";
import { useProfessional } from "./useProfessional";

type Actions = ReturnType<typeof useProfessional>["actions"];
type Report = (a: Ack<unknown>) => boolean;
const minutesSince = (now: number, at: number) => Math.max(0, Math.floor((now - at) / 60_000));

/**
 * The professional's console: duty, the waiting youths of her locations, live chats, the inbox by
 * level and age, the chats she follows, and the chats she holds (taken over or taken from the
 * queue) with every control a volunteer has.
 */
export function ProfessionalWorkplace() {
  const { t } = useI18n();
  const { state, actions, muted, socket, risk } = useProfessional();
  const [error, setError] = useState<string>();
  const [wrapping, setWrapping] = useState<WrapUpTodoView | "walk-in">();
  const report: Report = (ack) => {
    if (!ack.ok) setError(errorText(t, ack));
    return ack.ok;
  };
  const held = state.held;
  const locations = held.locations;
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  useStaffNotifications(socket, { role: "professional", ...(held.staff && { staffId: held.staff.id }), locationName });
  const watched = state.watchId ? state.watched[state.watchId] : undefined;
  const active = !watched && held.activeId ? held.chats[held.activeId] : undefined;
  const chatRef = useRef<HTMLDivElement>(null);
  const anyChat = held.order.length > 0 || Object.keys(state.watched).length > 0;

  // "Meelezen" and a take-over bring the chat into view, not below the fold.
  useEffect(() => {
    chatRef.current?.scrollIntoView({ block: "start" });
  }, [state.watchId, held.activeId]);

  const due = held.wrapUpsTodo.at(-1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: Only a new to-do should open the form, not every render.
  useEffect(() => {
    if (due && !wrapping && liveChats(held) === 0) setWrapping(due);
  }, [due?.conversation.id]);

  return (
    <div className="console-main pro">
      <RiskAnnouncer names={risk.announce} />
      {!state.online && (
        <p className="offline" role="alert">
          {t("console.offline")}
        </p>
      )}
      {error && <Notice text={error} onClose={() => setError(undefined)} />}
      <aside className="sidebar">
        {held.staff && state.duty && (
          <DutyPanel
            onDuty={state.duty.onDuty}
            chosen={state.duty.locationIds}
            locations={locations.filter((l) => !state.duty!.mayCover || state.duty!.mayCover.includes(l.id))}
            onChange={(on, ids) => void actions.setDuty(on, ids).then(report)}
          />
        )}
        <button type="button" className="button button-quiet" onClick={actions.toggleMute} aria-pressed={muted}>
          {muted ? t("console.unmute") : t("console.mute")}
        </button>
        <QueueList state={state} locations={locations} onTake={(id) => void actions.takeFromQueue(id).then(report)} />
        <LivePanel state={state} onWatch={(id) => void actions.watch(id).then(report)} />
        <DutyReachPanel
          locationName={locationName}
          refreshKey={`${state.duty?.onDuty ?? false}:${state.duty?.locationIds.join(",") ?? ""}`}
        />
        <NotifySettings request={actions.request} />
        {/* A youth who walked in and talked with her counts beside the chats (figures: walk-ins). */}
        <button type="button" className="button" onClick={() => setWrapping("walk-in")}>
          {t("console.wrapup.walkIn")}
        </button>
      </aside>
      <main className="work">
        {anyChat && (
          <div ref={chatRef}>
            <nav className="tabs" role="tablist" aria-label={t("pro.chats")}>
              {held.order.map((id) => {
                const chat = held.chats[id]!;
                return (
                  <button
                    key={id}
                    type="button"
                    role="tab"
                    aria-selected={!watched && id === held.activeId}
                    className={`tab${chat.risk ? " alerting" : ""}${risk.marked.has(id) ? " tab-risk" : ""}`}
                    onClick={() => actions.focus(id)}
                  >
                    {risk.marked.has(id) && <RiskMarker />}
                    {chat.view.nickname ?? t("console.chat.anonymous")}
                    {chat.closed && ` · ${t("console.closed.ended")}`}
                    {chat.unread > 0 && <span className="badge">{chat.unread}</span>}
                  </button>
                );
              })}
              {Object.values(state.watched).map((w) => (
                <button
                  key={w.conversation.id}
                  type="button"
                  role="tab"
                  aria-selected={watched?.conversation.id === w.conversation.id}
                  className="tab"
                  onClick={() => actions.showWatched(w.conversation.id)}
                >
                  {t("pro.reading", { name: w.conversation.nickname ?? t("console.chat.anonymous") })}
                </button>
              ))}
            </nav>
            {watched && <WatchPane watched={watched} actions={actions} report={report} />}
            {active && (
              <ConversationPane
                key={active.view.id}
                chat={active}
                state={held}
                actions={actions}
                onError={setError}
                onDismiss={() => actions.dismiss(active.view.id)}
                onWrapUp={() => {
                  const todo = held.wrapUpsTodo.find((w) => w.conversation.id === active.view.id);
                  if (todo) setWrapping(todo);
                  actions.dismiss(active.view.id);
                }}
                extraTools={
                  active.view.previousVolunteerId && active.view.status === "active" && !active.closed ? (
                    <HandBack conversationId={active.view.id} actions={actions} report={report} />
                  ) : undefined
                }
              />
            )}
          </div>
        )}
        <Inbox state={state} locations={locations} actions={actions} report={report} />
        <DebriefInbox socket={socket} request={actions.request} staffId={held.staff?.id} onError={setError} />
        {/* Paperwork after the live work: a wrap-up never pushes her alerts or chats down. */}
        {wrapping && (
          <WrapUpForm
            key={wrapping === "walk-in" ? "walk-in" : wrapping.conversation.id}
            {...(wrapping !== "walk-in" && { todo: wrapping })}
            canDebrief={false}
            topics={
              locations.find((l) => l.id === (wrapping === "walk-in" ? held.staff?.locationId : wrapping.conversation.locationId))
                ?.wrapUpTopics ?? []
            }
            onLater={() => setWrapping(undefined)}
            onSubmit={async (request) => {
              const ack = await actions.request("wrapup:submit", request);
              if (ack.ok) {
                if (request.conversationId) actions.wrapUpFiled(request.conversationId);
                setWrapping(undefined);
              }
              return ack;
            }}
          />
        )}
        {held.wrapUpsTodo.length > 0 && !wrapping && (
          <ul className="todo">
            {held.wrapUpsTodo.map((todo) => (
              <li key={todo.conversation.id}>
                <button type="button" className="link-button" onClick={() => setWrapping(todo)}>
                  {t("console.wrapup.open")}: {todo.conversation.nickname ?? t("console.chat.anonymous")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}

/** "Hand back" for a chat she took over; the server refuses it when there is nobody to hand back to. */
function HandBack({ conversationId, actions, report }: { conversationId: string; actions: Actions; report: Report }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button" onClick={() => void actions.handBack(conversationId).then(report)}>
      {t("console.handBack")}
    </button>
  );
}

function DutyPanel({
  onDuty,
  chosen,
  locations,
  onChange,
}: {
  onDuty: boolean;
  chosen: string[];
  locations: LocationView[];
  onChange(on: boolean, ids: string[]): void;
}) {
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

const locationName = (locations: LocationView[], id: string, any: string) =>
  id === ANY_LOCATION ? any : (locations.find((l) => l.id === id)?.name ?? id);

/** Who waits at her locations, flagged first; she can take one herself. */
function QueueList({ state, locations, onTake }: { state: ProfessionalState; locations: LocationView[]; onTake(id: string): void }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="pro-queue-title">
      <h2 id="pro-queue-title">{t("pro.queue", { n: state.queue.length })}</h2>
      {!state.duty?.onDuty ? (
        <p className="muted">{t("pro.queue.offDuty")}</p>
      ) : state.queue.length === 0 ? (
        <p className="muted">{t("pro.queue.empty")}</p>
      ) : (
        <ul className="todo queue-list">
          {state.queue.map((c: StaffConversationView) => (
            <li key={c.id}>
              {c.priority > 0 && <span className="badge">{t("pro.queue.flagged")}</span>}
              <span>
                {c.nickname ?? t("console.chat.anonymous")} · {locationName(locations, c.locationChoice, t("pro.about.any"))} ·{" "}
                {minutesSince(now, c.queuedAt)} min
                {c.disconnectedAt !== undefined && ` · ${t("pro.queue.gone")}`}
              </span>
              <button type="button" className="link-button" disabled={c.disconnectedAt !== undefined} onClick={() => onTake(c.id)}>
                {t("pro.queue.take")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LivePanel({ state, onWatch }: { state: ProfessionalState; onWatch(id: string): void }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="live-title">
      <h2 id="live-title">{t("pro.live", { n: state.live.length })}</h2>
      <ul className="todo">
        {state.live.map((l) => (
          <li key={l.conversation.id}>
            {l.flagged && <span className="badge">!</span>} {l.volunteerName} · {l.conversation.nickname ?? t("console.chat.anonymous")} ·{" "}
            {minutesSince(now, l.conversation.assignedAt ?? now)} min{" "}
            <button type="button" className="link-button" onClick={() => onWatch(l.conversation.id)}>
              {t("pro.watch")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Inbox({
  state,
  locations,
  actions,
  report,
}: {
  state: ProfessionalState;
  locations: LocationView[];
  actions: Actions;
  report: Report;
}) {
  const { t } = useI18n();
  const items = sortedInbox(state);
  return (
    <section className="panel" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t("pro.inbox", { n: items.length })}</h2>
      {items.length === 0 && <p className="muted">{t("pro.inbox.empty")}</p>}
      <ul className="inbox">
        {items.map((item) => (
          <InboxEntry key={item.id} item={item} me={state.held.staff?.id} locations={locations} actions={actions} report={report} />
        ))}
      </ul>
    </section>
  );
}

/** One inbox item; each kind draws itself. */
function InboxEntry({
  item,
  me,
  locations,
  actions,
  report,
}: {
  item: InboxItem;
  me?: string;
  locations: LocationView[];
  actions: Actions;
  report: Report;
}) {
  switch (item.kind) {
    case "escalation":
      return (
        <EscalationItem
          e={item.escalation}
          mine={item.escalation.claimedBy === me}
          locations={locations}
          actions={actions}
          report={report}
        />
      );
  }
}

/** Who is it about (as far as the youth shared), where are they now, and with whom. */
function whoAndWhere(e: EscalationView, t: ReturnType<typeof useI18n>["t"]): string {
  const a = e.about;
  if (!a) return "";
  const who = [a.nickname ?? t("pro.about.anonymous"), a.ageBand && t(`age.${a.ageBand}`), a.topic && t(`topic.${a.topic}`)]
    .filter(Boolean)
    .join(" · ");
  const where =
    a.status === "queued"
      ? t(a.disconnected ? "pro.about.waitingGone" : "pro.about.waiting")
      : a.status === "active"
        ? t(a.volunteerRole === "professional" ? "pro.about.chatPro" : "pro.about.chat", { name: a.volunteerName ?? "" })
        : t("pro.about.ended");
  return `${who} — ${where}`;
}

function EscalationItem({
  e,
  mine,
  locations,
  actions,
  report,
}: {
  e: EscalationView;
  mine: boolean;
  locations: LocationView[];
  actions: Actions;
  report: Report;
}) {
  const { t, lang } = useI18n();
  const now = useNow(5_000);
  const [outcome, setOutcome] = useState("");
  const [referral, setReferral] = useState<(typeof ESCALATION_REFERRALS)[number]>("none");
  const words = lang === "nl" ? riskSignalNl : riskSignalEn;
  // Only signals the catalogue knows are shown: a raw id never reaches the screen.
  const signals = (e.signals ?? []).flatMap((s) => (s in words ? [words[s as keyof typeof words]] : []));
  const where = locationName(locations, e.about?.locationChoice ?? e.locationId, t("pro.about.any"));
  const queued = e.about?.status === "queued";
  return (
    <li className={`inbox-item level-${e.level}`}>
      <p>
        <strong className={`level level-${e.level}`}>{t(`console.escalate.${e.level}`)}</strong> · {t(`pro.source.${e.source}`)} · {where} ·{" "}
        {t("pro.signal", { minutes: minutesSince(now, e.signalAt ?? e.raisedAt) })}
        {e.raisedByName && ` · ${e.raisedByName}`}
        {e.status === "claimed" && ` · ${t("pro.claimedBy", { name: e.claimedByName ?? "" })}`}
        {e.status === "open" && e.offeredToName && ` · ${t("pro.offeredTo", { name: e.offeredToName })}`}
        {e.unroutedAt !== undefined && e.status === "open" && <span className="badge">{t("pro.unrouted")}</span>}
      </p>
      {e.about && <p className="who">{whoAndWhere(e, t)}</p>}
      {signals.length > 0 && <p className="signals">{t("pro.signals", { list: signals.join(", ") })}</p>}
      {e.note && e.source !== "risk" && <p className="muted">{e.note}</p>}
      <div className="actions">
        {e.status === "open" && (
          <button type="button" className="button button-danger" onClick={() => void actions.claim(e.id).then(report)}>
            {t("pro.claim")}
          </button>
        )}
        {e.conversationId && queued && (e.status === "open" || mine) && (
          <button
            type="button"
            className="button button-primary"
            disabled={e.about?.disconnected}
            onClick={() => void actions.takeFromQueue(e.conversationId!).then(report)}
          >
            {t("pro.queue.take")}
          </button>
        )}
        {e.conversationId && !queued && e.about?.status === "active" && (e.status === "open" || mine) && (
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

/** A chat she reads along with (whispers go to the volunteer) or has joined (messages go to the youth). */
function WatchPane({ watched, actions, report }: { watched: WatchedChat; actions: Actions; report: Report }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const c = watched.conversation;
  useEffect(() => {
    heading.current?.focus();
  }, [c.id]);
  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const payload = { conversationId: c.id, id: crypto.randomUUID(), text: trimmed };
    if (report(watched.joined ? await actions.send("message:send", payload) : await actions.send("whisper:send", payload))) setText("");
  };
  return (
    <article className="chat" aria-labelledby="watch-title">
      <header className="chat-info">
        <h2 id="watch-title" ref={heading} tabIndex={-1}>
          {t("pro.reading", { name: c.nickname ?? t("console.chat.anonymous") })}
        </h2>
        <p className="muted">{watched.joined ? t("pro.joinedHint") : t("pro.readingHint")}</p>
        <div className="tools">
          {!watched.joined && c.status === "active" && (
            <button type="button" className="button button-primary" onClick={() => void actions.join(c.id).then(report)}>
              {t("pro.join")}
            </button>
          )}
          {watched.joined && c.status === "active" && (
            <button type="button" className="button" onClick={() => void actions.takeOver(c.id).then(report)}>
              {t("pro.takeOver")}
            </button>
          )}
          <button type="button" className="button" onClick={() => actions.closeWatched(c.id)}>
            {t("console.close")}
          </button>
        </div>
      </header>
      <div className="messages pro-messages" role="log" aria-live="polite">
        {watched.messages.map((m) =>
          m.system ? (
            <SystemLine key={m.seq} m={m} />
          ) : (
            <div
              key={m.seq}
              className={`message ${m.sender.role === "youth" ? "theirs" : "mine"}${m.visibility === "staff" ? " whisper" : ""}`}
            >
              <span className="sender">
                {m.sender.role === "youth" ? t("console.chat.anonymous") : `${m.sender.name} (${t(`console.role.${m.sender.role}`)})`}
                {m.visibility === "staff" && ` · ${t("console.chat.whisper")}`}
              </span>
              <p className="text">{m.text}</p>
            </div>
          ),
        )}
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
