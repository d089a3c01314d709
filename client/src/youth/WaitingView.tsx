import type { ReactNode } from "react";
import type { Estimate } from "../../../shared/protocol";
import { useI18n, pluralKey } from "../i18n/i18n";
import { AlwaysOpenLines } from "./AlwaysOpenLines";
import { Composer } from "./Composer";
import type { YouthModel } from "./machine";
import { MessageList } from "./MessageList";
import { useStepFocus } from "./useStepFocus";

/** A wait is "long" once the honest upper estimate, or the time already waited, passes these. */
const LONG_WAIT_MINUTES = 15;
const LONG_WAITED_MS = 10 * 60_000;

function EstimateText({ estimate }: { estimate: Estimate }) {
  const { t } = useI18n();
  if (estimate.kind === "unknown") return <>{t("waiting.estimateUnknown")}</>;
  if (estimate.high <= 1) return <>{t("waiting.estimateSoon")}</>;
  return <>{t("waiting.estimate", { low: estimate.low, high: estimate.high })}</>;
}

export function WaitingView({
  model,
  onLeave,
  onSend,
  draft,
  setDraft,
  onRetry,
  children,
}: {
  /** Optional extras under the queue status (the turn notice opt-in). */
  children?: ReactNode;
  onRetry(id: string): void;
  model: YouthModel;
  onLeave(): void;
  onSend(text: string): void;
  draft: string;
  setDraft(text: string): void;
}) {
  const { t, lang } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  const queue = model.queue;
  const ahead = Math.max(0, (queue?.position ?? 1) - 1);
  const waited = model.conversation ? Date.now() - model.conversation.queuedAt : 0;
  const long = (queue?.estimate.kind === "minutes" && queue.estimate.high > LONG_WAIT_MINUTES) || waited > LONG_WAITED_MS;
  return (
    <main className="step step-chat">
      <h1 ref={heading} tabIndex={-1}>
        {t("waiting.title")}
      </h1>
      <div className="queue-status" role="status" aria-live="polite">
        <p className="lead">{ahead === 0 ? t("waiting.first") : t(pluralKey(lang, "waiting.ahead", ahead), { n: ahead })}</p>
        {queue && (
          <p>
            <EstimateText estimate={queue.estimate} />
          </p>
        )}
        {model.returning?.availability === "here" && <p>{t("returnCode.waiting.here", { name: model.returning.name })}</p>}
      </div>
      {children}
      {long && (
        <div className="long-wait">
          <p>{t("waiting.long")}</p>
          <AlwaysOpenLines />
        </div>
      )}
      <p className="hint">{t("waiting.writeMeanwhile")}</p>
      <MessageList model={model} onRetry={onRetry} />
      <Composer text={draft} setText={setDraft} onSend={onSend} />
      <button type="button" className="button button-quiet" onClick={onLeave}>
        {t("waiting.leave")}
      </button>
    </main>
  );
}
