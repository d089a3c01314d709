import { useEffect, useRef, useState } from "react";
import type { WrapUpTodoView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { errorText } from "../../lib/errorText";
import { ChatTab } from "../ChatTab";
import { ConversationPane } from "../ConversationPane";
import { DutyReachPanel } from "../DutyReachPanel";
import { Notice } from "../Notice";
import { NotifySettings } from "../NotifySettings";
import { RiskAnnouncer } from "../RiskParts";
import { liveChats } from "../state";
import { useStaffNotifications } from "../useStaffNotifications";
import { useWrapping, WrapUpSlot, WrapUpTodoList } from "../WrapUpSlot";
import type { Actions, Report } from "./actions";
import { DebriefInbox } from "./DebriefInbox";
import { Inbox } from "./ProfessionalInbox";
import { DutyPanel, LivePanel, QueueList } from "./ProfessionalPanels";
import type { ProfessionalState } from "./state";
import { useProfessional } from "./useProfessional";
import { WatchPane } from "./WatchPane";

/**
 * The professional's console: duty, the waiting youths of her locations, live chats, the inbox by
 * level and age, the chats she follows, and the chats she holds (taken over or taken from the
 * queue) with every control a volunteer has.
 */
export function ProfessionalWorkplace() {
  const { t } = useI18n();
  const { state, actions, muted, socket, risk } = useProfessional();
  const [error, setError] = useState<string>();
  const report: Report = (ack) => {
    if (!ack.ok) setError(errorText(t, ack));
    return ack.ok;
  };
  const held = state.held;
  const locations = held.locations;
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  useStaffNotifications(socket, { role: "professional", ...(held.staff && { staffId: held.staff.id }), locationName });

  const [wrapping, setWrapping] = useWrapping(held.wrapUpsTodo, liveChats(held));

  return (
    <div className="console-main pro">
      <RiskAnnouncer names={risk.announce} />
      {!state.online && (
        <p className="offline" role="alert">
          {t("console.offline")}
        </p>
      )}
      {error && <Notice text={error} onClose={() => setError(undefined)} />}
      <ProfessionalSidebar state={state} actions={actions} muted={muted} report={report} onWalkIn={() => setWrapping("walk-in")} />
      <main className="work">
        <ProfessionalChats
          state={state}
          actions={actions}
          marked={risk.marked}
          report={report}
          onError={setError}
          onWrapUp={(todo) => setWrapping(todo)}
        />
        <Inbox state={state} locations={locations} actions={actions} report={report} />
        <DebriefInbox socket={socket} request={actions.request} staffId={held.staff?.id} onError={setError} />
        {/* Paperwork after the live work: a wrap-up never pushes her alerts or chats down. */}
        {wrapping && (
          <WrapUpSlot
            wrapping={wrapping}
            canDebrief={false}
            topics={
              locations.find((l) => l.id === (wrapping === "walk-in" ? held.staff?.locationId : wrapping.conversation.locationId))
                ?.wrapUpTopics ?? []
            }
            request={actions.request}
            onFiled={actions.wrapUpFiled}
            onClose={() => setWrapping(undefined)}
          />
        )}
        {held.wrapUpsTodo.length > 0 && !wrapping && <WrapUpTodoList todos={held.wrapUpsTodo} onOpen={setWrapping} />}
      </main>
    </div>
  );
}

/** The chats she holds and follows, as tabs, and the one in front; brought into view when another comes to the front. */
function ProfessionalChats({
  state,
  actions,
  marked,
  report,
  onError,
  onWrapUp,
}: {
  state: ProfessionalState;
  actions: Actions;
  marked: ReadonlySet<string>;
  report: Report;
  onError(message: string): void;
  onWrapUp(todo: WrapUpTodoView): void;
}) {
  const { t } = useI18n();
  const held = state.held;
  const watched = state.watchId ? state.watched[state.watchId] : undefined;
  const active = !watched && held.activeId ? held.chats[held.activeId] : undefined;
  const chatRef = useRef<HTMLDivElement>(null);
  const anyChat = held.order.length > 0 || Object.keys(state.watched).length > 0;

  // "Meelezen" and a take-over bring the chat into view, not below the fold.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another chat comes to the front, which these ids say.
  useEffect(() => {
    chatRef.current?.scrollIntoView({ block: "start" });
  }, [state.watchId, held.activeId]);

  if (!anyChat) return null;
  return (
    <div ref={chatRef}>
      <div className="tabs" role="tablist" aria-label={t("professional.chats")}>
        {held.order.map((id) => (
          <ChatTab
            key={id}
            chat={held.chats[id]!}
            selected={!watched && id === held.activeId}
            marked={marked.has(id)}
            alerting={Boolean(held.chats[id]!.risk)}
            onFocus={() => actions.focus(id)}
          />
        ))}
        {Object.values(state.watched).map((w) => (
          <button
            key={w.conversation.id}
            type="button"
            role="tab"
            aria-selected={watched?.conversation.id === w.conversation.id}
            className="tab"
            onClick={() => actions.showWatched(w.conversation.id)}
          >
            {t("professional.reading", { name: w.conversation.nickname ?? t("console.chat.anonymous") })}
          </button>
        ))}
      </div>
      {watched && <WatchPane watched={watched} actions={actions} report={report} />}
      {active && (
        <ConversationPane
          key={active.view.id}
          chat={active}
          state={held}
          actions={actions}
          onError={onError}
          onDismiss={() => actions.dismiss(active.view.id)}
          onWrapUp={() => {
            const todo = held.wrapUpsTodo.find((w) => w.conversation.id === active.view.id);
            if (todo) onWrapUp(todo);
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
  );
}

/** Duty, sound, the waiting youths, live chats, who can be reached, notifications, a walk-in. */
function ProfessionalSidebar({
  state,
  actions,
  muted,
  report,
  onWalkIn,
}: {
  state: ProfessionalState;
  actions: Actions;
  muted: boolean;
  report: Report;
  onWalkIn(): void;
}) {
  const { t } = useI18n();
  const locations = state.held.locations;
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  return (
    <aside className="sidebar">
      {state.held.staff && state.duty && (
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
      <button type="button" className="button" onClick={onWalkIn}>
        {t("console.wrapup.walkIn")}
      </button>
    </aside>
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
