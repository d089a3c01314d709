/** Shown at `/` when the client has not been built: says what runs and how to get the real pages. */
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inloop</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Inloop</h1>
<p>The Inloop server is running: the API is under <code>/api</code>, the real-time endpoint at <code>/socket.io</code>.</p>
<p>The chat pages have not been built yet. Run <code>npm run build</code> and reload.</p>
</body></html>`;
