import type { SystemEvent } from "../../../shared/protocol";
import type { MessageKey } from "../i18n/nl";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** How a conversation ended, in words: the same sentence in the transcript, the chat and the wrap-up. */
export function endedText(t: T, by: string | undefined, reason: string | undefined): string {
  if (reason === "quick-exit") return t("console.system.ended.quick-exit");
  if (reason === "left-queue") return t("console.system.ended.left-queue");
  if (reason === "gone") return t("console.system.ended.gone");
  if (reason === "blocked") return t("console.system.ended.blocked");
  if (by === "youth") return t("console.system.ended.youth");
  if (by === "volunteer" || by === "professional" || by === "coordinator")
    return t("console.system.ended.staff", { role: t(`console.role.${by}`) });
  return t("console.system.ended.other");
}

/** A staff-only transcript line (joined, took over, handed back, transferred, ended, page closed or back) in words. */
export function systemLineText(t: T, e: SystemEvent): string {
  switch (e.kind) {
    case "joined":
    case "took-over":
    case "handed-back":
      return t(`console.system.${e.kind}`, { name: e.name ?? "" });
    case "transferred":
      return e.name
        ? t("console.system.transferred", { by: e.by ?? "", name: e.name })
        : t("console.system.transferredQueue", { by: e.by ?? "" });
    case "page-closed":
    case "page-back":
      return t(`console.system.${e.kind}`);
    case "ended":
      return endedText(t, e.by, e.reason);
  }
}
