import { type ReactNode, useEffect, useState } from "react";
import type { ServiceStatus, StaffView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { api } from "../lib/api";
import { errorText } from "../lib/errorText";
import "./console.css";
import { ConversationPane } from "./ConversationPane";
import { CoordinatorWorkplace } from "./coordinator/CoordinatorWorkplace";
import { DebriefPanel } from "./DebriefPanel";
import { InvitePage } from "./InvitePage";
import { LoginView } from "./LoginView";
import { Notice } from "./Notice";
import { NotifySettings } from "./NotifySettings";
import { PresenceBar } from "./PresenceBar";
import { ProfessionalWorkplace } from "./professional/ProfessionalWorkplace";
import { QueuePanel } from "./QueuePanel";
import { RiskAnnouncer, RiskMarker } from "./RiskParts";
import { clearConsoleDrafts } from "./SnippetComposer";
import { liveChats } from "./state";
import { useConsole } from "./useConsole";
import { useWrapping, WrapUpSlot } from "./WrapUpSlot";

/** /console: log in, then the workplace of one's role; /console/invite sets a first password. */
export default function ConsoleApp() {
  if (window.location.pathname.startsWith("/console/invite")) return <InvitePage />;
  return <LoggedInConsole />;
}

function LoggedInConsole() {
  const [me, setMe] = useState<StaffView | null | undefined>(undefined);
  useEffect(() => {
    fetch("/api/auth/session")
      .then((r) => r.json())
      .then((body: { ok: boolean; data?: StaffView | null }) => setMe(body.ok && body.data ? body.data : null))
      .catch(() => setMe(null));
  }, []);
  if (me === undefined) return null;
  if (me === null) return <LoginView onLoggedIn={setMe} />;
  if (me.role === "coordinator") {
    return (
      <div className="console">
        <TopBar staff={me} onLogout={() => setMe(null)} />
        <CoordinatorWorkplace me={me} />
      </div>
    );
  }
  if (me.role === "professional") {
    return (
      <div className="console">
        <TopBar staff={me} onLogout={() => setMe(null)} />
        <ProfessionalWorkplace />
      </div>
    );
  }
  return <Workplace onLogout={() => setMe(null)} />;
}

/** Location names from the public status, for the roles whose console does not load locations. */
function useLocationNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void api<ServiceStatus>("/api/status").then(
      (ack) => ack.ok && setNames(Object.fromEntries(ack.data.locations.map((l) => [l.id, l.name]))),
    );
  }, []);
  return names;
}

/** Name, role, language and logout: the same for every role. */
function TopBar({
  staff,
  locationName,
  onLogout,
  children,
}: {
  staff: StaffView;
  locationName?: string;
  onLogout(): void;
  children?: ReactNode;
}) {
  const { t, lang, setLang } = useI18n();
  const names = useLocationNames();
  const logout = async () => {
    clearConsoleDrafts();
    await fetch("/api/auth/logout", { method: "POST" });
    onLogout();
  };
  return (
    <header className="console-top">
      <span className="identity">
        <span className="brand">{t("console.title")}</span>
        <span className="who">
          {staff.displayName} · {t(`console.role.${staff.role}`)} ·{" "}
          {staff.manages === "all" ? t("coord.national") : (locationName ?? names[staff.locationId] ?? staff.locationId)}
        </span>
      </span>
      {children}
      <span className="account">
        <button type="button" className="button button-quiet" onClick={() => setLang(lang === "nl" ? "en" : "nl")}>
          {t("lang.switch")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => void logout()}>
          {t("console.logout")}
        </button>
      </span>
    </header>
  );
}

function Workplace({ onLogout }: { onLogout(): void }) {
  const { t } = useI18n();
  const { state, actions, muted, risk, socket } = useConsole();
  const [wrapping, setWrapping] = useWrapping(state.wrapUpsTodo, liveChats(state));
  const [error, setError] = useState<string>();
  const staff = state.staff;
  const active = state.activeId ? state.chats[state.activeId] : undefined;
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
            <section className="panel" aria-labelledby="todo-title">
              <h2 id="todo-title">{t("console.wrapup.todo", { n: state.wrapUpsTodo.length })}</h2>
              {state.wrapUpsTodo.length > 0 && <p className="nag">{t("console.wrapup.nag", { n: state.wrapUpsTodo.length })}</p>}
              <ul className="todo">
                {state.wrapUpsTodo.map((todo) => (
                  <li key={todo.conversation.id}>
                    <button type="button" className="link-button" onClick={() => setWrapping(todo)}>
                      {t("console.wrapup.open")}: {todo.conversation.nickname ?? t("console.chat.anonymous")}
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="button" onClick={() => setWrapping("walk-in")}>
                {t("console.wrapup.walkIn")}
              </button>
            </section>
          </aside>
          <main className="work">
            {state.order.length === 0 ? (
              <p className="empty">{t("console.chats.none")}</p>
            ) : (
              <>
                <div className="tabs" role="tablist" aria-label={t("console.chats.tabs")}>
                  {state.order.map((id) => {
                    const chat = state.chats[id]!;
                    return (
                      <button
                        key={id}
                        type="button"
                        role="tab"
                        aria-selected={id === state.activeId}
                        className={risk.marked.has(id) ? "tab tab-risk" : "tab"}
                        onClick={() => actions.focus(id)}
                      >
                        {risk.marked.has(id) && <RiskMarker />}
                        {chat.view.nickname ?? t("console.chat.anonymous")}
                        {chat.closed && ` · ${t("console.closed.ended")}`}
                        {chat.unread > 0 && <span className="badge">{chat.unread}</span>}
                      </button>
                    );
                  })}
                </div>
                {active && (
                  <ConversationPane
                    key={active.view.id}
                    chat={active}
                    state={state}
                    actions={actions}
                    onError={setError}
                    onDismiss={() => actions.dismiss(active.view.id)}
                    onWrapUp={() => {
                      const todo = state.wrapUpsTodo.find((w) => w.conversation.id === active.view.id);
                      if (todo) setWrapping(todo);
                      actions.dismiss(active.view.id);
                    }}
                  />
                )}
              </>
            )}
          </main>
        </div>
      )}
    </div>
  );
}
