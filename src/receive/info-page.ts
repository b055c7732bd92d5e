/** What a browser (or a curious GET) sees at the receiver's address. */
export function infoPage(command: string, inspectorLink: boolean): string {
  const inspector = inspectorLink ? `\n<p>See every event received, resend, edit and download them: <a href="/_inspect/">the inspector</a>.</p>` : '';
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>winesitting-hooks listen</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>winesitting-hooks is listening</h1>
<p>This is a local receiver for WineSitting webhooks. It accepts <code>POST</code> requests with a JSON event on any path,
shows them in the terminal where <code>${escapeHtml(command)} listen</code> runs, and acknowledges them.</p>
<p>Send a first event: <code>${escapeHtml(command)} send</code></p>${inspector}
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
