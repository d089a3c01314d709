import { useState } from "react";
import type { Ack } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { type MessageKey, nl } from "../../i18n/nl";
import { errorText } from "../../lib/errorText";

/** One place for "saving… saved / failed: why", announced politely to screen readers. */
export function useAdminSave() {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string }>();
  /** `okText` may be built from the answer ("erased: 12 messages"). */
  async function run<T>(action: () => Promise<Ack<T>>, okText: string | ((data: T) => string) = t("coord.saved")): Promise<T | undefined> {
    setStatus(undefined);
    const ack = await action();
    if (ack.ok) {
      setStatus({ kind: "ok", text: typeof okText === "function" ? okText(ack.data) : okText });
      return ack.data;
    }
    const known = `coord.err.${ack.code}` as MessageKey;
    // Refusals in the page's language, from the code; the server's own words are for logs.
    const text = known in nl && ack.code !== "BAD_REQUEST" ? t(known) : errorText(t, ack);
    setStatus({ kind: "error", text });
    return undefined;
  }
  const message = (
    <p className={status?.kind === "error" ? "problems" : "saved"} role="status" aria-live="polite">
      {status?.text}
    </p>
  );
  return { run, message, clear: () => setStatus(undefined) };
}
