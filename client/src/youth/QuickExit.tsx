import { useEffect, useRef } from "react";
import { useI18n } from "../i18n/i18n";
import { forgetPushDevice } from "../lib/notify";
import { wipeInloopStorage } from "./storage";

const DOUBLE_ESCAPE_MS = 800;

/** Leaves for a neutral site at once: wipes what Inloop stored and replaces this history entry. */
export function quickExit(url: string, before?: () => void): void {
  before?.();
  wipeInloopStorage();
  // A turn-notice opt-in left a service worker: remove it (best effort; the server forgets the device anyway).
  void forgetPushDevice();
  document.title = "";
  window.location.replace(url);
}

/** The always-visible button, plus Escape pressed twice anywhere on the page. */
export function QuickExitButton({ url, onExit }: { url: string; onExit: () => void }) {
  const { t } = useI18n();
  const lastEscape = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      const now = Date.now();
      if (now - lastEscape.current < DOUBLE_ESCAPE_MS) quickExit(url, onExit);
      lastEscape.current = now;
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [url, onExit]);
  return (
    <button
      type="button"
      className="quick-exit"
      onClick={() => quickExit(url, onExit)}
      title={t("exit.hint")}
      aria-keyshortcuts="Escape Escape"
    >
      {t("exit.button")}
    </button>
  );
}
