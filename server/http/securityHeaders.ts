import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet with a strict Content-Security-Policy that the built pages satisfy: scripts, styles, fonts
 * and images only from this origin, sockets only back to it, no plugins, no framing, no inline
 * script. React writes styles through the DOM (element.style), which CSP does not restrict, so no
 * 'unsafe-inline' is needed. `upgrade-insecure-requests` only when the site runs behind TLS: on
 * plain http (development, tests) it would send the socket to a wss:// that is not there.
 */
export function securityHeaders(options: { behindTls: boolean }): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'none'"],
          "script-src": ["'self'"],
          "script-src-attr": ["'none'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          "manifest-src": ["'self'"],
          // The service worker (/sw.js) that shows push notifications when the page is closed.
          "worker-src": ["'self'"],
          "media-src": ["'self'"],
          "base-uri": ["'none'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "object-src": ["'none'"],
          ...(options.behindTls && { "upgrade-insecure-requests": [] }),
        },
      },
      // The quick-exit target and every outside link get no referrer: where a youth came from is theirs.
      referrerPolicy: { policy: "no-referrer" },
      crossOriginEmbedderPolicy: false,
    }),
    permissionsPolicy,
  ];
}

/** The pages need none of these; a script that got in anyway cannot ask for them either. */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

const permissionsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
  next();
};
