import { useState } from "react";
import type { WrapUpTodoView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { errorText } from "../lib/errorText";
import { ChatTab } from "./ChatTab";
import { ConversationPane } from "./ConversationPane";
import { DebriefPanel } from "./DebriefPanel";
import { Notice } from "./Notice";
import { NotifySettings } from "./NotifySettings";
import { PresenceBar } from "./PresenceBar";
import { QueuePanel } from "./QueuePanel";
import { RiskAnnouncer } from "./RiskParts";
import { type ConsoleState, liveChats } from "./state";
import { TopBar } from "./TopBar";
import { useConsole } from "./useConsole";
import { useWrapping, type Wrapping, WrapUpSlot, WrapUpTodoList } from "./WrapUpSlot";

/** The volunteer's console: presence, the queue, wrap-ups and debriefs beside the chats they hold. */
export function VolunteerWorkplace({ onLogout }: { onLogout(): void }) {
  const { t } = useI18n();
  const { state, actions, muted, risk, socket } = useConsole();
  const [wrapping, setWrapping] = useWrapping(state.wrapUpsTodo, liveChats(state));
  const [error, setError] = useState<string>();
  const staff = state.staff;
  const ownLocation = state.locations.find((l) => l.id === staff?.locationId);

  const take = async () => {
    const ack = await actions.request("queue:take", {});
    if (ack.ok) {
      actions.focus(ack.data.id);
      return undefined;
    }
    return ack.code === "QUEUE_EMPTY"
      ? t("console.queue.empty")
      : ack.code === "AT_CAPACITY"
        ? t("console.queue.atCapacity")
        : errorText(t, ack);
  };

  return (
    <div className="console workplace">
      {staff && (
        <TopBar staff={staff} locationName={ownLocation?.name} onLogout={onLogout}>
          {staff.role === "volunteer" && <PresenceBar state={state} onChange={(p) => void actions.setPresence(p)} />}
          <button type="button" className="button button-quiet" onClick={actions.toggleMute} aria-pressed={muted}>
            {muted ? t("console.unmute") : t("console.mute")}
          </button>
          <NotifySettings request={actions.request} />
        </TopBar>
      )}
      <RiskAnnouncer names={risk.announce} />
      {!state.online && staff && (
        <p className="offline" role="alert">
          {t("console.offline")}
        </p>
      )}
      {error && <Notice text={error} onClose={() => setError(undefined)} />}
      {staff && staff.role !== "volunteer" ? (
        <main className="console-main">
          <p>{t("console.notVolunteer", { role: t(`console.role.${staff.role}`) })}</p>
        </main>
      ) : (
        <div className="console-main">
          {/* The wrap-up lives in the side column: it never covers or pushes the live chats. */}
          <aside className="sidebar">
            <QueuePanel state={state} onTake={take} />
            {wrapping && (
              <WrapUpSlot
                wrapping={wrapping}
                topics={ownLocation?.wrapUpTopics ?? []}
                canDebrief
                request={actions.request}
                onFiled={actions.wrapUpFiled}
                onClose={() => setWrapping(undefined)}
              />
            )}
            {staff && <DebriefPanel socket={socket} request={actions.request} staffId={staff.id} conversationId={state.activeId} />}
            <WrapUpTodos todos={state.wrapUpsTodo} onOpen={setWrapping} />
          </aside>
          <VolunteerChats state={state} actions={actions} marked={risk.marked} onError={setError} onWrapUp={(todo) => setWrapping(todo)} />
        </div>
      )}
    </div>
  );
}

/** The wrap-ups still owed, a nag when there are any, and a walk-in to register. */
function WrapUpTodos({ todos, onOpen }: { todos: WrapUpTodoView[]; onOpen(wrapping: Wrapping): void }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="todo-title">
      <h2 id="todo-title">{t("console.wrapup.todo", { n: todos.length })}</h2>
      {todos.length > 0 && <p className="nag">{t("console.wrapup.nag", { n: todos.length })}</p>}
      <WrapUpTodoList todos={todos} onOpen={onOpen} />
      <button type="button" className="button" onClick={() => onOpen("walk-in")}>
        {t("console.wrapup.walkIn")}
      </button>
    </section>
  );
}

/** The chats the volunteer holds, as tabs, and the one in front. */
function VolunteerChats({
  state,
  actions,
  marked,
  onError,
  onWrapUp,
}: {
  state: ConsoleState;
  actions: ReturnType<typeof useConsole>["actions"];
  marked: ReadonlySet<string>;
  onError(message: string): void;
  onWrapUp(todo: WrapUpTodoView): void;
}) {
  const { t } = useI18n();
  const active = state.activeId ? state.chats[state.activeId] : undefined;
  return (
    <main className="work">
      {state.order.length === 0 ? (
        <p className="empty">{t("console.chats.none")}</p>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label={t("console.chats.tabs")}>
            {state.order.map((id) => (
              <ChatTab
                key={id}
                chat={state.chats[id]!}
                selected={id === state.activeId}
                marked={marked.has(id)}
                onFocus={() => actions.focus(id)}
              />
            ))}
          </div>
          {active && (
            <ConversationPane
              key={active.view.id}
              chat={active}
              state={state}
              actions={actions}
              onError={onError}
              onDismiss={() => actions.dismiss(active.view.id)}
              onWrapUp={() => {
                const todo = state.wrapUpsTodo.find((w) => w.conversation.id === active.view.id);
                if (todo) onWrapUp(todo);
                actions.dismiss(active.view.id);
              }}
            />
          )}
        </>
      )}
    </main>
  );
}
