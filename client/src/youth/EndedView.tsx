import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { AlwaysOpenLines } from "./AlwaysOpenLines";
import type { YouthModel } from "./machine";
import { ReturnCodeOffer } from "./ReturnCodeOffer";
import { useStepFocus } from "./useStepFocus";

type Answer = "yes" | "maybe" | "no";

/** A return code if they want one, two optional questions, then goodbye. Skipping is as easy as answering. */
export function EndedView({
  model,
  onFeedback,
  onTakeCode,
  onForgetCode,
}: {
  model: YouthModel;
  onFeedback(a: { helped?: number; wouldReturn?: Answer }): void;
  onTakeCode(): Promise<boolean>;
  onForgetCode(code: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  const [helped, setHelped] = useState<number | undefined>();
  const [wouldReturn, setWouldReturn] = useState<Answer | undefined>();
  return (
    <main className="step">
      <h1 ref={heading} tabIndex={-1}>
        {t("ended.title")}
      </h1>
      <p className="lead">{model.conversation?.endedBy === "youth" ? t("ended.byYou") : t("ended.byPeer")}</p>
      <ReturnCodeOffer model={model} onTake={onTakeCode} onForget={onForgetCode} />
      <p>{t("ended.feedbackIntro")}</p>
      <form
        className="feedback"
        onSubmit={(e) => {
          e.preventDefault();
          onFeedback({ ...(helped && { helped }), ...(wouldReturn && { wouldReturn }) });
        }}
      >
        <fieldset>
          <legend>{t("ended.helped")}</legend>
          <div className="scale">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="scale-option">
                <input type="radio" name="helped" value={n} checked={helped === n} onChange={() => setHelped(n)} />
                <span>{n}</span>
              </label>
            ))}
          </div>
          <p className="scale-ends" aria-hidden="true">
            <span>{t("ended.helped.1")}</span>
            <span>{t("ended.helped.5")}</span>
          </p>
        </fieldset>
        <fieldset>
          <legend>{t("ended.wouldReturn")}</legend>
          <div className="scale">
            {(["yes", "maybe", "no"] as const).map((a) => (
              <label key={a} className="scale-option">
                <input type="radio" name="return" value={a} checked={wouldReturn === a} onChange={() => setWouldReturn(a)} />
                <span>{t(`ended.return.${a}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t("ended.send")}
          </button>
          <button type="button" className="button button-quiet" onClick={() => onFeedback({})}>
            {t("ended.skip")}
          </button>
        </div>
      </form>
      <AlwaysOpenLines />
    </main>
  );
}

export function GoodbyeView({ onAgain }: { onAgain(): void }) {
  const { t } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  return (
    <main className="step">
      <h1 ref={heading} tabIndex={-1}>
        {t("goodbye.title")}
      </h1>
      <p className="lead">{t("goodbye.body")}</p>
      <AlwaysOpenLines />
      <button type="button" className="button" onClick={onAgain}>
        {t("goodbye.again")}
      </button>
    </main>
  );
}
