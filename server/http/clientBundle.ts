import type { Server as HttpServer } from "node:http";

/** The client-library files socket.io would serve under its path (`serveClient`), with or without a query. */
const CLIENT_BUNDLE = /^\/socket\.io\/[^/?]+\.(?:js|map)(?:\?|$)/;

/**
 * The server does not serve the socket.io client library (`serveClient: false`), and says so with
 * a 404 like any other missing file: otherwise engine.io takes the request for a handshake and
 * answers 400 "Transport unknown", which sends a developer looking in the wrong place. Call once,
 * after socket.io has attached to the HTTP server; every other request goes on as before.
 */
export function answerClientBundleNotFound(httpServer: HttpServer): void {
  const listeners = httpServer.listeners("request") as ((...args: unknown[]) => void)[];
  httpServer.removeAllListeners("request");
  httpServer.on("request", (req, res) => {
    if (req.url && CLIENT_BUNDLE.test(req.url)) {
      res.writeHead(404, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(JSON.stringify({ ok: false, code: "NOT_FOUND", message: "the socket.io client library is not served here" }));
      return;
    }
    for (const listener of listeners) listener.call(httpServer, req, res);
  });
}
