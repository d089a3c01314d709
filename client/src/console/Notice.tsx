import { useI18n } from "../i18n/i18n";

/** A refusal or failure from the server, announced at once; closed with a button (keyboard too). */
export function Notice({ text, onClose }: { text: string; onClose(): void }) {
  const { t } = useI18n();
  return (
    <p className="notice" role="alert">
      <span className="notice-text">{text}</span>{" "}
      <button type="button" className="link-button" onClick={onClose}>
        {t("console.close")}
      </button>
    </p>
  );
}
