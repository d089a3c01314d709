import { useState } from "react";
import type { Ack } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";

/** One place for "saving… saved / failed: why", announced politely to screen readers. */
export function useAdminSave() {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string }>();
  async function run<T>(action: () => Promise<Ack<T>>, okText = t("coord.saved")): Promise<T | undefined> {
    setStatus(undefined);
    const ack = await action();
    if (ack.ok) {
      setStatus({ kind: "ok", text: okText });
      return ack.data;
    }
    setStatus({ kind: "error", text: t("coord.error", { message: ack.message }) });
    return undefined;
  }
  const message = (
    <p className={status?.kind === "error" ? "problems" : "saved"} role="status" aria-live="polite">
      {status?.text}
    </p>
  );
  return { run, message, clear: () => setStatus(undefined) };
}
