import { useState } from "react";
import type { Ack, ReturnCodeCheckView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";

/** What the start page knows about a return code the youth typed. */
export interface ReturnCodeEntryState {
  text: string;
  /** The server's answer for exactly `text`; typing again clears it. */
  check?: ReturnCodeCheckView;
  problem?: "unknown" | "slowDown";
  forgotten?: boolean;
  /** Only `true` opens the note to the volunteer; no answer keeps it closed. */
  shareNote?: boolean;
}

export const emptyReturnCodeEntry: ReturnCodeEntryState = { text: "" };

/** Turns a check's answer into the entry's next state. */
export function afterCheck(state: ReturnCodeEntryState, ack: Ack<ReturnCodeCheckView> | undefined): ReturnCodeEntryState {
  if (ack?.ok) return { text: state.text, check: ack.data };
  if (ack?.code === "RATE_LIMITED") return { text: state.text, problem: "slowDown" };
  return { text: state.text, problem: "unknown" };
}

/**
 * "I have a return code": folded away for everyone else. Checking tells the youth honestly whether
 * their volunteer is here; then they decide whether that volunteer may see their note from last time,
 * and can forget the code in one tap. The field is never remembered by the browser.
 */
export function ReturnCodeEntry({
  state,
  setState,
  onCheck,
  onForget,
}: {
  state: ReturnCodeEntryState;
  setState(next: ReturnCodeEntryState): void;
  onCheck(code: string): Promise<Ack<ReturnCodeCheckView> | undefined>;
  onForget(code: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(state.text !== "");
  const name = state.check?.volunteer.name ?? "";

  const check = async () => {
    if (!state.text.trim()) return;
    setBusy(true);
    setState(afterCheck(state, await onCheck(state.text)));
    setBusy(false);
  };
  const forget = async () => {
    setBusy(true);
    if (await onForget(state.text)) setState({ text: "", forgotten: true });
    setBusy(false);
  };

  return (
    <details className="return-code-entry" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("returnCode.entry.toggle")}</summary>
      <label htmlFor="return-code">{t("returnCode.entry.label")}</label>
      <p id="return-code-hint" className="hint">
        {t("returnCode.entry.hint")}
      </p>
      <div className="return-code-row">
        <input
          id="return-code"
          value={state.text}
          maxLength={80}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-describedby="return-code-hint return-code-result"
          aria-invalid={state.problem === "unknown" || undefined}
          onChange={(e) => setState({ text: e.target.value })}
          onKeyDown={(e) => {
            // Enter checks the code rather than starting the chat before the youth saw the answer.
            if (e.key === "Enter") {
              e.preventDefault();
              void check();
            }
          }}
        />
        <button type="button" className="button" disabled={busy || !state.text.trim()} onClick={() => void check()}>
          {t("returnCode.entry.check")}
        </button>
      </div>
      <CheckResult state={state} name={name} />
      {state.check && (
        <>
          <ShareNoteChoice state={state} setState={setState} name={name} />
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void forget()}>
            {t("returnCode.forget")}
          </button>
        </>
      )}
    </details>
  );
}

/** What checking said: forgotten, unknown, slow down, or who the code leads to and whether they are here. */
function CheckResult({ state, name }: { state: ReturnCodeEntryState; name: string }) {
  const { t } = useI18n();
  return (
    <div id="return-code-result" role="status" aria-live="polite">
      {state.forgotten && <p>{t("returnCode.forgotten")}</p>}
      {state.problem && (
        <p className="hint error">{t(state.problem === "unknown" ? "returnCode.entry.unknown" : "returnCode.entry.slowDown")}</p>
      )}
      {state.check && <p className="return-code-found">{t(`returnCode.entry.${state.check.availability}`, { name })}</p>}
    </div>
  );
}

/** Whether the volunteer may see the note from last time: the youth decides. */
function ShareNoteChoice({
  state,
  setState,
  name,
}: {
  state: ReturnCodeEntryState;
  setState(next: ReturnCodeEntryState): void;
  name: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="share-note">
      <legend>{t("returnCode.entry.shareQuestion", { name })}</legend>
      <label className="choice">
        <input type="radio" name="share-note" checked={state.shareNote === true} onChange={() => setState({ ...state, shareNote: true })} />
        <span>{t("returnCode.entry.shareYes")}</span>
      </label>
      <label className="choice">
        <input
          type="radio"
          name="share-note"
          checked={state.shareNote === false}
          onChange={() => setState({ ...state, shareNote: false })}
        />
        <span>{t("returnCode.entry.shareNo")}</span>
      </label>
      <p className="hint">{t("returnCode.entry.shareHint", { name })}</p>
    </fieldset>
  );
}
