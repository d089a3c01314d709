import { useI18n } from "../i18n/i18n";
import { usePublicConfig } from "../lib/config";
import { AlwaysOpenLines } from "./AlwaysOpenLines";
import { ClosedView } from "./ClosedView";
import { ConversationView } from "./ConversationView";
import { EndedView, GoodbyeView } from "./EndedView";
import { IntroView } from "./IntroView";
import { useInputModality } from "./inputModality";
import type { YouthModel } from "./machine";
import { QuickExitButton } from "./QuickExit";
import { SafetyStrip } from "./SafetyStrip";
import { TurnOptIn } from "./TurnOptIn";
import { useYouthChat } from "./useYouthChat";

/** The youth's page: one step at a time, quick exit always in reach, the 24/7 lines on every screen. */
export function YouthApp() {
  const { t } = useI18n();
  const { quickExitUrl } = usePublicConfig();
  const { model, actions, draft, setDraft } = useYouthChat();
  useInputModality();

  const step = stepOf(model, actions, t, { draft, setDraft });

  const chatLayout = model.phase === "chatting" && model.notice !== "blocked";
  return (
    <div className={chatLayout ? "youth chat-layout" : "youth"}>
      <YouthTopBar quickExitUrl={quickExitUrl} onExit={actions.leaveNow} />
      <SafetyStrip />
      <Notices model={model} />
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

type YouthChat = ReturnType<typeof useYouthChat>;

/**
 * The step the youth is at, as an element (a plain function, not a component, so the tree stays
 * the same: the waiting and chatting steps are one element).
 */
function stepOf(
  model: YouthModel,
  actions: YouthChat["actions"],
  t: ReturnType<typeof useI18n>["t"],
  input: Pick<YouthChat, "draft" | "setDraft">,
) {
  const { draft, setDraft } = input;
  switch (model.phase) {
    case "loading":
      return (
        <main className="step">
          <p role="status">{t("loading")}</p>
        </main>
      );
    case "closed":
      return <ClosedView status={model.status!} />;
    case "intro":
      return (
        <IntroView
          status={model.status!}
          onStart={actions.join}
          onCheckCode={actions.checkReturnCode}
          onForgetCode={actions.forgetReturnCode}
        />
      );
    // One element for both: a pickup must not replace the input the youth is typing in.
    case "waiting":
    case "chatting":
      return (
        <ConversationView
          model={model}
          onLeave={actions.leave}
          onSend={actions.send}
          onTyping={actions.typing}
          onEnd={actions.end}
          draft={draft}
          setDraft={setDraft}
          onRetry={actions.retry}
          waitingExtra={<TurnOptIn request={actions.request} />}
        />
      );
    case "ended":
      return (
        <EndedView
          model={model}
          onFeedback={actions.feedback}
          onTakeCode={actions.takeReturnCode}
          onForgetCode={actions.forgetReturnCode}
        />
      );
    case "goodbye":
      return <GoodbyeView onAgain={actions.restart} />;
  }
}

/** Quick exit first, the name, the language switch. */
function YouthTopBar({ quickExitUrl, onExit }: { quickExitUrl: string; onExit(): void }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="topbar">
      {/* First in the tab order: one Tab and Enter leaves, before anything else. */}
      <QuickExitButton url={quickExitUrl} onExit={onExit} />
      <span className="brand">{t("app.name")}</span>
      <button
        type="button"
        className="button button-quiet lang"
        onClick={() => setLang(lang === "nl" ? "en" : "nl")}
        aria-label={t("lang.switchLabel")}
        lang={lang === "nl" ? "en" : "nl"}
      >
        {t("lang.switch")}
      </button>
    </header>
  );
}

/** Offline, reload, errors, and the notices that come and go (announced: the region is always there). */
function Notices({ model }: { model: YouthModel }) {
  const { t } = useI18n();
  return (
    <>
      {!model.online && model.phase !== "loading" && (
        <p className="offline" role="alert">
          {t("offline.banner")}
        </p>
      )}
      {model.notice === "reload" && (
        <p className="offline" role="alert">
          {t("error.reload")}
        </p>
      )}
      {model.notice === "generic" && (
        <p className="notice" role="alert">
          {t("error.generic")}
        </p>
      )}
      {/* Always in the page, so what appears in it is announced. */}
      <div role="status" className="status-notices">
        {model.notice === "slowDown" && <p className="notice">{t("chat.slowDown")}</p>}
        {model.notice === "transferring" && <p className="notice">{t("chat.transferring")}</p>}
        {model.notice === "leftQueue" && model.phase !== "waiting" && <p className="notice">{t("intro.leftQueue")}</p>}
      </div>
    </>
  );
}
