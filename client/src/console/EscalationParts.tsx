import { useState } from "react";
import { ESCALATION_LEVELS, LIMITS, type EscalationLevel } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { DialogActions, Panel } from "./dialogs";
import type { ChatState } from "./state";

/** Three levels and an optional note; crisis is one Tab and one arrow away, not buried. */
export function EscalateDialog({ initial = "urgent", onRaise, onClose }: { initial?: EscalationLevel; onRaise(level: EscalationLevel, note: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<EscalationLevel>(initial);
  const [note, setNote] = useState("");
  return (
    <Panel title={t("console.escalate.title")} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onRaise(level, note.trim());
        }}
      >
        <fieldset>
          <legend>{t("console.escalate.level")}</legend>
          {ESCALATION_LEVELS.map((l) => (
            <label key={l} className={`option level-${l}`}>
              <input type="radio" name="level" checked={level === l} onChange={() => setLevel(l)} autoFocus={l === level} />
              <strong>{t(`console.escalate.${l}`)}</strong> <span className="muted">{t(`console.escalate.${l}.hint`)}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="escalate-note">{t("console.escalate.note")}</label>
        <textarea id="escalate-note" rows={2} maxLength={LIMITS.noteChars} value={note} onChange={(e) => setNote(e.target.value)} />
        <DialogActions submit={t("console.escalate.submit")} danger onCancel={onClose} />
      </form>
    </Panel>
  );
}

/** What the volunteer does while no professional has answered: say, call, point to 113. */
export function CrisisProtocol({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  return (
    <section className="panel crisis" role="alert" aria-labelledby="crisis-title">
      <h3 id="crisis-title">{t("console.crisis.title")}</h3>
      <p>{t("console.crisis.intro")}</p>
      <ol>
        <li>{t("console.crisis.stay")}</li>
        <li>{t("console.crisis.ask")}</li>
        <li>
          <strong>{t("console.crisis.112")}</strong>
        </li>
        <li>{t("console.crisis.113")}</li>
        <li>{t("console.crisis.open")}</li>
      </ol>
      <button type="button" className="button" onClick={onClose}>
        {t("console.close")}
      </button>
    </section>
  );
}

/** One line on where the escalation stands, or the risk prompt with a one-click escalation. */
export function EscalationStatus({ chat, onEscalateFromRisk, onDismissRisk }: { chat: ChatState; onEscalateFromRisk(): void; onDismissRisk(): void }) {
  const { t } = useI18n();
  const e = chat.escalation;
  return (
    <>
      {chat.risk && (
        <div className={`risk risk-${chat.risk.level}`} role="alert">
          <span>{t(chat.risk.level === "high" ? "console.risk.high" : "console.risk.concern")}</span>
          <button type="button" className="button button-danger" onClick={onEscalateFromRisk}>
            {t("console.risk.escalate")}
          </button>
          <button type="button" className="button button-quiet" onClick={onDismissRisk}>
            {t("console.risk.dismiss")}
          </button>
        </div>
      )}
      {e && e.status !== "resolved" && (
        <p className={`escalation-status level-${e.level}`} role="status">
          {e.status === "claimed"
            ? t("console.escalation.claimed", { name: e.claimedByName ?? "" })
            : e.unroutedAt !== undefined
              ? t("console.escalation.unrouted")
              : t("console.escalation.waiting", { level: t(`console.escalate.${e.level}`) })}
        </p>
      )}
    </>
  );
}
