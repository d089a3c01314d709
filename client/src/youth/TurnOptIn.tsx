import { useState } from "react";
import type { Ack, RequestName, RequestOf, Responses } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { enableNotifications, notifyState } from "../lib/notify";

type Request = <E extends RequestName>(event: E, payload: RequestOf<E>) => Promise<Ack<Responses[E]>>;

/**
 * Off by default: a waiting youth may ask for one notification when it is their turn. It reads only
 * "Inloop: je bent aan de beurt" (nothing on a lock screen about what Inloop is for), and the server
 * forgets the device once they are served or leave. Nothing is registered unless they tick it.
 */
export function TurnOptIn({ request }: { request: Request }) {
  const { t } = useI18n();
  const [state, setState] = useState<"off" | "on" | "blocked">("off");
  if (notifyState() === "unsupported") return null;
  return (
    <div className="turn-opt-in">
      <label className="option">
        <input
          type="checkbox"
          checked={state === "on"}
          disabled={state !== "off"}
          onChange={(e) => {
            if (!e.target.checked) return;
            void enableNotifications(request).then((s) => setState(s === "on" ? "on" : "blocked"));
          }}
        />{" "}
        {t("reach.turn.optIn")}
      </label>
      <p className="hint">
        {state === "on" ? t("reach.turn.on") : state === "blocked" ? t("reach.turn.blocked") : t("reach.turn.optInHint")}
      </p>
    </div>
  );
}
