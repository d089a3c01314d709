import { useState } from "react";
import type { Ack, RequestName, RequestOf, Responses } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { enableNotifications, notifyState, type NotifyState } from "../lib/notify";

type Request = <E extends RequestName>(event: E, payload: RequestOf<E>) => Promise<Ack<Responses[E]>>;

/** One button in the top bar: notifications while the console is in the background, and push to this device when it is closed. */
export function NotifySettings({ request }: { request: Request }) {
  const { t } = useI18n();
  const [state, setState] = useState<NotifyState>(notifyState);
  if (state === "unsupported") return null;
  if (state === "on") {
    return (
      <button type="button" className="button button-quiet" onClick={() => void enableNotifications(request).then(setState)} title={t("reach.notify.on")}>
        🔔 {t("reach.notify.on")}
      </button>
    );
  }
  if (state === "blocked") return <span className="muted">{t("reach.notify.blocked")}</span>;
  return (
    <button type="button" className="button button-quiet" onClick={() => void enableNotifications(request).then(setState)}>
      {t("reach.notify.enable")}
    </button>
  );
}
