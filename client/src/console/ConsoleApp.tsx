import { useEffect, useState } from "react";
import type { StaffView } from "../../../shared/protocol";
import "./console.css";
import { CoordinatorWorkplace } from "./coordinator/CoordinatorWorkplace";
import { InvitePage } from "./InvitePage";
import { LoginView } from "./LoginView";
import { ProfessionalWorkplace } from "./professional/ProfessionalWorkplace";
import { TopBar } from "./TopBar";
import { VolunteerWorkplace } from "./VolunteerWorkplace";

/** /console: log in, then the workplace of one's role; /console/invite sets a first password. */
export default function ConsoleApp() {
  if (window.location.pathname.startsWith("/console/invite")) return <InvitePage />;
  return <LoggedInConsole />;
}

function LoggedInConsole() {
  const [me, setMe] = useState<StaffView | null | undefined>(undefined);
  useEffect(() => {
    fetch("/api/auth/session")
      .then((r) => r.json())
      .then((body: { ok: boolean; data?: StaffView | null }) => setMe(body.ok && body.data ? body.data : null))
      .catch(() => setMe(null));
  }, []);
  if (me === undefined) return null;
  if (me === null) return <LoginView onLoggedIn={setMe} />;
  if (me.role === "coordinator") {
    return (
      <div className="console">
        <TopBar staff={me} onLogout={() => setMe(null)} />
        <CoordinatorWorkplace me={me} />
      </div>
    );
  }
  if (me.role === "professional") {
    return (
      <div className="console">
        <TopBar staff={me} onLogout={() => setMe(null)} />
        <ProfessionalWorkplace />
      </div>
    );
  }
  return <VolunteerWorkplace onLogout={() => setMe(null)} />;
}
