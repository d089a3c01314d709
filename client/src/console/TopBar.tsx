import { type ReactNode, useEffect, useState } from "react";
import type { ServiceStatus, StaffView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { api } from "../lib/api";
import { clearConsoleDrafts } from "./SnippetComposer";

/** Location names from the public status, for the roles whose console does not load locations. */
function useLocationNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void api<ServiceStatus>("/api/status").then(
      (ack) => ack.ok && setNames(Object.fromEntries(ack.data.locations.map((l) => [l.id, l.name]))),
    );
  }, []);
  return names;
}

/** Name, role, language and logout: the same for every role. */
export function TopBar({
  staff,
  locationName,
  onLogout,
  children,
}: {
  staff: StaffView;
  locationName?: string;
  onLogout(): void;
  children?: ReactNode;
}) {
  const { t, lang, setLang } = useI18n();
  const names = useLocationNames();
  const logout = async () => {
    clearConsoleDrafts();
    await fetch("/api/auth/logout", { method: "POST" });
    onLogout();
  };
  return (
    <header className="console-top">
      <span className="identity">
        <span className="brand">{t("console.title")}</span>
        <span className="who">
          {staff.displayName} · {t(`console.role.${staff.role}`)} ·{" "}
          {staff.manages === "all" ? t("coord.national") : (locationName ?? names[staff.locationId] ?? staff.locationId)}
        </span>
      </span>
      {children}
      <span className="account">
        <button type="button" className="button button-quiet" onClick={() => setLang(lang === "nl" ? "en" : "nl")}>
          {t("lang.switch")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => void logout()}>
          {t("console.logout")}
        </button>
      </span>
    </header>
  );
}
