import { useState } from "react";
import type { Ack, RequestName, RequestOf, Responses } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { enableNotifications, type NotifyState, notifyState } from "../lib/notify";

type Request = <E extends RequestName>(event: E, payload: RequestOf<E>) => Promise<Ack<Responses[E]>>;

/** One button in the top bar: notifications while the console is in the background, and push to this device when it is closed. */
export function NotifySettings({ request }: { request: Request }) {
  const { t } = useI18n();
  const [state, setState] = useState<NotifyState>(notifyState);
  if (state === "unsupported") return null;
  // Short in the header (it must fit one row at 1280 px); the whole sentence is its title.
  if (state === "blocked") {
    return (
      <span className="muted notify-blocked" title={t("reach.notify.blocked")}>
        {t("reach.notify.short.blocked")}
      </span>
    );
  }
  const on = state === "on";
  return (
    <button
      type="button"
      className="button button-quiet"
      aria-pressed={on}
      title={t(on ? "reach.notify.on" : "reach.notify.enable")}
      onClick={() => void enableNotifications(request).then(setState)}
    >
      {on && "✓ "}
      {t("reach.notify.short")}
    </button>
  );
}
