import { useI18n } from "../i18n/i18n";

/** The red marker on a chat tab whose risk flag has not been on screen yet. */
export function RiskMarker() {
  const { t } = useI18n();
  return (
    <span className="risk-marker" role="img" aria-label={t("reach.risk.tab")} title={t("reach.risk.tab")}>
      ⚠
    </span>
  );
}

/** Tells a screen reader at once (assertive) which chats carry an unseen risk flag. */
export function RiskAnnouncer({ names }: { names: readonly string[] }) {
  const { t } = useI18n();
  return (
    <p className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="risk-announcer">
      {names.length > 0 ? t("reach.risk.announce", { names: names.join(", ") }) : ""}
    </p>
  );
}
