import { useState } from "react";
import { ESCALATION_LEVELS, type EscalationLevel, LIMITS } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { type ChatState, openEscalation } from "./chatState";
import { DialogActions, Panel } from "./dialogs";

/** Three levels and an optional note; crisis is one Tab and one arrow away, not buried. */
export function EscalateDialog({
  initial = "urgent",
  above,
  onRaise,
  onClose,
}: {
  initial?: EscalationLevel;
  /** An escalation is already open at this level: only higher levels are offered (it is raised, not doubled). */
  above?: EscalationLevel;
  onRaise(level: EscalationLevel, note: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const levels = above ? ESCALATION_LEVELS.slice(ESCALATION_LEVELS.indexOf(above) + 1) : ESCALATION_LEVELS;
  const [level, setLevel] = useState<EscalationLevel>(levels.includes(initial) ? initial : levels[0]!);
  const [note, setNote] = useState("");
  return (
    <Panel title={above ? t("console.escalation.raiseTitle") : t("console.escalate.title")} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onRaise(level, note.trim());
        }}
      >
        <fieldset>
          <legend>{t("console.escalate.level")}</legend>
          {levels.map((l) => (
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

/**
 * Where the chat's one escalation really stands, from the server's events: offered to Eva, taken by
 * Eva, or nobody reached (the crisis protocol shows). A risk flag without an escalation prompts to
 * escalate; once one is open (the system's or the volunteer's) there is no second escalate button,
 * only "raise to crisis".
 */
export function EscalationStatus({
  chat,
  onEscalateFromRisk,
  onRaise,
  onDismissRisk,
}: {
  chat: ChatState;
  onEscalateFromRisk(): void;
  onRaise(level: EscalationLevel): void;
  onDismissRisk(): void;
}) {
  const { t } = useI18n();
  const e = openEscalation(chat);
  return (
    <>
      {chat.risk && !e && (
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
      {e && (
        <div className={`escalation-status level-${e.level}`} role="status">
          {chat.risk && <span>{t("console.risk.escalated")} </span>}
          <span>
            {e.status === "claimed"
              ? t("console.escalation.claimed", { name: e.claimedByName ?? "" })
              : e.unroutedAt !== undefined
                ? t("console.escalation.unrouted")
                : e.offeredToName
                  ? t("console.escalation.offered", { level: t(`console.escalate.${e.level}`), name: e.offeredToName })
                  : t("console.escalation.waiting", { level: t(`console.escalate.${e.level}`) })}
          </span>
          {e.level !== "crisis" && (
            <button type="button" className="button button-danger" onClick={() => onRaise("crisis")}>
              {t("console.escalation.raiseTo", { level: t("console.escalate.crisis") })}
            </button>
          )}
        </div>
      )}
    </>
  );
}
