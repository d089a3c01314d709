import { type ReactNode, useEffect, useState } from "react";
import { ANY_LOCATION, type ColleagueView, LIMITS, type LocationView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";

/** An inline panel that takes focus and closes with Escape. */
export function Panel({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <section className="panel dialog" role="dialog" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** A dialog's submit and cancel buttons, the same everywhere. */
export function DialogActions({
  submit,
  danger = false,
  disabled = false,
  onCancel,
}: {
  submit: string;
  danger?: boolean;
  disabled?: boolean;
  onCancel(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="submit" className={`button ${danger ? "button-danger" : "button-primary"}`} disabled={disabled}>
        {submit}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t("console.cancel")}
      </button>
    </div>
  );
}

export function TransferDialog({
  colleagues,
  locations,
  onTransfer,
  onClose,
}: {
  colleagues: ColleagueView[];
  locations: LocationView[];
  onTransfer(to: { staffId: string } | { locationChoice: string }, note: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  // Nobody is chosen for the volunteer: the list fills in after the dialog opens, and a wrong
  // default sends a youth somewhere by accident.
  const [target, setTarget] = useState<string>();
  const [note, setNote] = useState("");
  const names = new Map(locations.map((l) => [l.id, l.name]));
  return (
    <Panel title={t("console.transfer.title")} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!target) return;
          const [kind, id] = target.split(":") as [string, string];
          onTransfer(kind === "staff" ? { staffId: id } : { locationChoice: id }, note.trim());
        }}
      >
        <fieldset>
          <legend>{t("console.transfer.toColleague")}</legend>
          {colleagues.length === 0 && <p className="hint">{t("console.transfer.noColleague")}</p>}
          {colleagues.map((c, i) => (
            <label key={c.staffId} className="option">
              <input
                type="radio"
                name="target"
                value={`staff:${c.staffId}`}
                checked={target === `staff:${c.staffId}`}
                onChange={(e) => setTarget(e.target.value)}
                autoFocus={i === 0}
              />
              {c.displayName} ({names.get(c.locationId) ?? c.locationId}, {t("console.transfer.slots", { n: c.freeSlots })})
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("console.transfer.toQueue")}</legend>
          {[ANY_LOCATION, ...locations.map((l) => l.id)].map((id) => (
            <label key={id} className="option">
              <input
                type="radio"
                name="target"
                value={`queue:${id}`}
                checked={target === `queue:${id}`}
                onChange={(e) => setTarget(e.target.value)}
                autoFocus={colleagues.length === 0 && id === ANY_LOCATION}
              />
              {id === ANY_LOCATION ? t("console.queue.any") : names.get(id)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="handover">{t("console.transfer.note")}</label>
        <textarea id="handover" rows={2} maxLength={LIMITS.noteChars} value={note} onChange={(e) => setNote(e.target.value)} />
        <DialogActions submit={t("console.transfer.submit")} disabled={!target} onCancel={onClose} />
        {!target && <p className="hint">{t("console.transfer.choose")}</p>}
      </form>
    </Panel>
  );
}

export function ConsultDialog({ onSend, onClose }: { onSend(text: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  return (
    <Panel title={t("console.consult.title")} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onSend(text.trim());
        }}
      >
        <label htmlFor="consult">{t("console.consult.text")}</label>
        <textarea id="consult" rows={3} maxLength={LIMITS.messageChars} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        <DialogActions submit={t("console.consult.submit")} disabled={!text.trim()} onCancel={onClose} />
      </form>
    </Panel>
  );
}

/** A second, deliberate step before anything that cannot be undone. */
export function ConfirmDialog({
  title,
  body,
  confirm,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Panel title={title} onClose={onClose}>
      <p>{body}</p>
      <div className="actions">
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t("console.cancel")}
        </button>
      </div>
    </Panel>
  );
}
