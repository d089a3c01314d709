import { useI18n } from "../i18n/i18n";
import { HELPLINES } from "./helplines";

/**
 * 112 and 113 one tap away on every youth screen, before anyone waits: a short strip under the top
 * bar, the same on the start, waiting, chat, ended, closed and blocked screens.
 */
export function SafetyStrip() {
  const { t } = useI18n();
  return (
    <aside className="safety-strip" aria-label={t("strip.label")}>
      <p>
        <span>{t("strip.emergency")}</span> <a href={`tel:${HELPLINES.emergency.tel}`}>{t("strip.call112")}</a>
        <span aria-hidden="true"> · </span>
        <span>{t("strip.suicide")}</span> <a href={`tel:${HELPLINES.suicide113.tel}`}>{t("strip.call113")}</a> {t("strip.or")}{" "}
        <a href={`tel:${HELPLINES.suicide113Free.tel}`}>{HELPLINES.suicide113Free.label}</a> {t("strip.always")}
        <span aria-hidden="true"> · </span>
        <a href={HELPLINES.chat113} target="_blank" rel="noopener noreferrer">
          {t("strip.chat113")}
        </a>
      </p>
    </aside>
  );
}
