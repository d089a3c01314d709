import { useEffect, useState } from "react";

export interface PublicConfig {
  protocolVersion: number;
  quickExitUrl: string;
}

/** Used until /api/config answers, so quick exit works from the first paint. */
const FALLBACK_EXIT = "https://www.buienradar.nl/";

export function usePublicConfig(): { quickExitUrl: string } {
  const [config, setConfig] = useState<{ quickExitUrl: string }>({ quickExitUrl: FALLBACK_EXIT });
  useEffect(() => {
    fetch("/api/config")
      .then((r) => r.json())
      .then((body: { ok: boolean; data?: PublicConfig }) => body.ok && body.data && setConfig({ quickExitUrl: body.data.quickExitUrl }))
      .catch(() => undefined);
  }, []);
  return config;
}
