import type { AccessSearchView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";

/** What a search found: who did what to which conversation, when and why; or that it found nothing. */
export function AccessEntries({ found }: { found: AccessSearchView }) {
  const { t, lang } = useI18n();
  const when = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      {found.entries.length === 0 && <p role="status">{t("access.none")}</p>}
      {found.truncated && <p className="hint">{t("access.truncated")}</p>}
      {found.entries.length > 0 && (
        <table className="admin-table">
          <caption>{t("access.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("access.col.when")}</th>
              <th scope="col">{t("access.col.who")}</th>
              <th scope="col">{t("access.col.what")}</th>
              <th scope="col">{t("access.col.conversation")}</th>
              <th scope="col">{t("access.col.why")}</th>
              <th scope="col">{t("access.col.location")}</th>
            </tr>
          </thead>
          <tbody>
            {found.entries.map((e) => (
              <tr key={e.id}>
                <td>{when.format(e.at)}</td>
                <th scope="row">{e.staffName}</th>
                <td>{t(`access.action.${e.action}`, { name: e.subjectStaffName ?? "" })}</td>
                <td>
                  <code>{e.conversationId ?? "–"}</code>
                </td>
                <td>{t(`access.reason.${e.reason}`)}</td>
                <td>{e.locationId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
