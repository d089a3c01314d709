import { useI18n } from "../i18n/i18n";
import { usePublicConfig } from "../lib/config";
import { AlwaysOpenLines } from "./AlwaysOpenLines";
import { ChatView } from "./ChatView";
import { ClosedView } from "./ClosedView";
import { EndedView, GoodbyeView } from "./EndedView";
import { IntroView } from "./IntroView";
import { QuickExitButton } from "./QuickExit";
import { useYouthChat } from "./useYouthChat";
import { WaitingView } from "./WaitingView";
import { TurnOptIn } from "./TurnOptIn";

/** The youth's page: one step at a time, quick exit always in reach. */
export function YouthApp() {
  const { t, lang, setLang } = useI18n();
  const { quickExitUrl } = usePublicConfig();
  const { model, actions, draft, setDraft } = useYouthChat();

  const step = (() => {
    switch (model.phase) {
      case "loading":
        return <main className="step"><p role="status">{t("loading")}</p></main>;
      case "closed":
        return <ClosedView status={model.status!} />;
      case "intro":
        return <IntroView status={model.status!} onStart={actions.join} onCheckCode={actions.checkReturnCode} onForgetCode={actions.forgetReturnCode} />;
      case "waiting":
        return (
          <WaitingView model={model} onLeave={actions.leave} onSend={actions.send} draft={draft} setDraft={setDraft} onRetry={actions.retry}>
            <TurnOptIn request={actions.request} />
          </WaitingView>
        );
      case "chatting":
        return <ChatView model={model} onSend={actions.send} onTyping={actions.typing} onEnd={actions.end} draft={draft} setDraft={setDraft} onRetry={actions.retry} />;
      case "ended":
        return <EndedView model={model} onFeedback={actions.feedback} onTakeCode={actions.takeReturnCode} onForgetCode={actions.forgetReturnCode} />;
      case "goodbye":
        return <GoodbyeView onAgain={actions.restart} />;
    }
  })();

  return (
    <div className={model.phase === "chatting" && model.notice !== "blocked" ? "youth chat-layout" : "youth"}>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <button type="button" className="button button-quiet lang" onClick={() => setLang(lang === "nl" ? "en" : "nl")} aria-label={t("lang.switchLabel")} lang={lang === "nl" ? "en" : "nl"}>
          {t("lang.switch")}
        </button>
        <QuickExitButton url={quickExitUrl} onExit={actions.leaveNow} />
      </header>
      {!model.online && model.phase !== "loading" && (
        <p className="offline" role="alert">
          {t("offline.banner")}
        </p>
      )}
      {model.notice === "reload" && <p className="offline" role="alert">{t("error.reload")}</p>}
      {model.notice === "generic" && <p className="notice" role="alert">{t("error.generic")}</p>}
      {model.notice === "slowDown" && <p className="notice" role="status">{t("chat.slowDown")}</p>}
      {model.notice === "transferring" && <p className="notice" role="status">{t("chat.transferring")}</p>}
      {model.notice === "blocked" ? (
        <main className="step">
          <h1>{t("blocked.title")}</h1>
          <p className="lead">{t("blocked.body")}</p>
          <AlwaysOpenLines />
        </main>
      ) : (
        step
      )}
    </div>
  );
}
