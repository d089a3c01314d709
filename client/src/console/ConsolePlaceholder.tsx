/** Until the volunteer console lands, /console says so instead of showing the youth page. */
export function ConsolePlaceholder() {
  return (
    <main className="step">
      <h1>Inloop — console</h1>
      <p>De console voor vrijwilligers komt hier. / The volunteer console will live here.</p>
    </main>
  );
}
