import type { Ack } from "../../../shared/protocol";
import type { MessageKey } from "../i18n/nl";

/** A refusal in the page's language, from its code; the server's own message is for logs only. */
export function errorText(t: (key: MessageKey) => string, ack: Extract<Ack<unknown>, { ok: false }>): string {
  return t(`error.${ack.code}`);
}
