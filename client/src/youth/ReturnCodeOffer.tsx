import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { YouthModel } from "./machine";

/** A code reads best, and is written down most easily, as words with spaces. */
export function spokenCode(code: string): string {
  return code.split("-").join(" ");
}

export interface ReturnCodeOfferProps {
  model: YouthModel;
  onTake(): Promise<boolean>;
  onForget(code: string): Promise<boolean>;
}

/**
 * After a chat: the offer of a return code, the code itself (shown once, in memory only), and
 * forgetting it in one tap. Only when there was someone to come back to.
 */
export function ReturnCodeOffer({ model, onTake, onForget }: ReturnCodeOfferProps) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const shownHeading = useRef<HTMLHeadingElement>(null);
  const peer = model.conversation?.peer;
  const name = peer?.role === "volunteer" ? peer.name : undefined;
  const taken = model.returnCode;

  // The code appears where the button was: take the reader there, so it is heard at once.
  useEffect(() => {
    if (taken?.state === "shown") shownHeading.current?.focus();
  }, [taken?.state]);

  if (!peer) return null;
  if (taken?.state === "forgotten") {
    return (
      <section className="return-code" aria-live="polite">
        <p>{t("returnCode.forgotten")}</p>
      </section>
    );
  }
  if (taken?.state === "shown") {
    const until = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric" }).format(
      taken.expiresAt,
    );
    return (
      <section className="return-code" aria-labelledby="return-code-title">
        <h2 id="return-code-title" ref={shownHeading} tabIndex={-1}>
          {t("returnCode.shown.label")}
        </h2>
        <p className="return-code-value">{spokenCode(taken.code)}</p>
        <p>{t("returnCode.shown.writeDown")}</p>
        <p className="hint">{t("returnCode.shown.until", { date: until })}</p>
        <button
          type="button"
          className="button button-quiet"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onForget(taken.code);
            setBusy(false);
          }}
        >
          {t("returnCode.forget")}
        </button>
      </section>
    );
  }
  return (
    <section className="return-code" aria-labelledby="return-code-offer">
      <h2 id="return-code-offer">{name ? t("returnCode.offer.title", { name }) : t("returnCode.offer.titleNoName")}</h2>
      <p>{name ? t("returnCode.offer.body", { name }) : t("returnCode.offer.bodyNoName")}</p>
      {unavailable ? (
        <p className="hint" role="status">
          {t("returnCode.offer.unavailable")}
        </p>
      ) : (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            if (!(await onTake())) setUnavailable(true);
            setBusy(false);
          }}
        >
          {t("returnCode.offer.take")}
        </button>
      )}
    </section>
  );
}
