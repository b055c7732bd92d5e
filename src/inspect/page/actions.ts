import { forwardUrl } from '../../receive/forward-url.js';
import type { Api } from './api.js';
import { curlCommand } from './curl.js';
import { h } from './dom.js';
import { createEditor } from './editor.js';
import { renderSentRecord, type SentRecord } from './resend-result.js';
import type { EventItem, Info } from './types.js';

export interface ActionsContext {
  api: Api;
  info: Info | null;
  item: EventItem;
  /** The exact bytes received, read once per opened event, when first needed. */
  body(): Promise<Uint8Array>;
  /** This event's resends so far, newest first: kept while the page lives. */
  sent: SentRecord[];
}

/**
 * Resend, Edit and send, Copy as curl and Download. The URL box starts at where `listen`
 * forwards this event (the `--forward-to` target with the event's path), empty without one.
 */
export function renderActions(context: ActionsContext): HTMLElement {
  const { api, info, item } = context;
  const forwardTarget = item.forward?.url ?? (info?.forwardTo ? forwardUrl(info.forwardTo, item.path) : '');
  const target = h('input', {
    type: 'url',
    class: 'target',
    id: 'send-to',
    'data-testid': 'resend-url',
    placeholder: info?.forwardTo ?? 'http://127.0.0.1:3000/webhooks',
    value: forwardTarget,
    spellcheck: 'false',
  });
  const results = h('ol', { class: 'results', 'data-testid': 'resend-results', 'aria-live': 'polite' }, context.sent.map(renderSentRecord));
  const curlOutput = h('div', { class: 'curl', hidden: true });
  const editorSlot = h('div', { class: 'editor-slot' });
  let editor: HTMLElement | null = null;

  const send = async (what: string, body: string | null, button: HTMLButtonElement) => {
    button.disabled = true;
    const url = target.value.trim();
    const record: SentRecord = { what, at: new Date().toISOString(), result: null, error: null };
    try {
      record.result = await api.resend(item.seq, { ...(url ? { url } : {}), ...(body !== null ? { body } : {}) });
    } catch (error) {
      record.error = message(error);
    } finally {
      button.disabled = false;
    }
    context.sent.unshift(record);
    results.prepend(renderSentRecord(record));
  };

  const resend = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'resend', title: 'Send the exact bytes received again, with the same content type and headers' },
    'Resend',
  );
  resend.addEventListener('click', () => void send('Resend', null, resend));

  const edit = h('button', { type: 'button', 'data-testid': 'edit', 'aria-expanded': 'false' }, 'Edit and send');
  edit.addEventListener('click', () => {
    void (async () => {
      if (editor) {
        editorSlot.replaceChildren();
        editor = null;
        edit.setAttribute('aria-expanded', 'false');
        return;
      }
      let text: string;
      try {
        text = new TextDecoder().decode(await context.body());
      } catch (error) {
        editorSlot.replaceChildren(h('p', { class: 'alert fail' }, `Could not read the body: ${message(error)}`));
        return;
      }
      editor = createEditor(api, text, (body, button) => void send('Edited', body, button));
      editorSlot.replaceChildren(editor);
      edit.setAttribute('aria-expanded', 'true');
      const textarea = editor.querySelector('textarea');
      // At the start of the body, not at its end where the browser puts the caret of a filled text area.
      textarea?.setSelectionRange(0, 0);
      textarea?.focus({ preventScroll: true });
    })();
  });

  const curl = h('button', { type: 'button', 'data-testid': 'copy-curl', title: 'A curl command that POSTs the same bytes' }, 'Copy as curl');
  curl.addEventListener('click', () => {
    void (async () => {
      const url = target.value.trim() || new URL(item.path, info?.listenUrl ?? window.location.origin).href;
      let command: string;
      try {
        command = curlCommand(url, contentType(item), await context.body());
      } catch (error) {
        curlOutput.replaceChildren(h('p', { class: 'alert fail' }, `Could not read the body: ${message(error)}`));
        curlOutput.hidden = false;
        return;
      }
      const note = h('span', { class: 'curl-note', 'data-testid': 'curl-note' }, 'Select the command and copy it.');
      curlOutput.replaceChildren(h('pre', { class: 'curl-command', 'data-testid': 'curl-command' }, command), note);
      curlOutput.hidden = false;
      try {
        // Only in a secure context (loopback is one); elsewhere the command is there to select.
        if (typeof navigator.clipboard === 'undefined') return;
        await navigator.clipboard.writeText(command);
        note.textContent = 'Copied to the clipboard.';
      } catch {
        // The browser said no (no permission, page not focused): the command is on the page.
      }
    })();
  });

  const download = h(
    'a',
    {
      class: 'button',
      href: api.url(`api/events/${item.seq}/body`),
      download: '',
      'data-testid': 'download',
      title: 'The exact bytes received, as a file replay takes',
    },
    'Download',
  );

  return h(
    'section',
    { class: 'actions', 'aria-label': 'Actions' },
    h(
      'div',
      { class: 'send-to' },
      h('label', { for: 'send-to' }, 'Send to'),
      target,
      h('span', { class: 'hint' }, info?.forwardTo ? 'the forward target, or any URL' : 'listen runs without --forward-to: type the URL of your app'),
    ),
    h('div', { class: 'button-row' }, resend, edit, curl, download),
    curlOutput,
    editorSlot,
    results,
  );
}

function contentType(item: EventItem): string | null {
  const value = item.headers['content-type'];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
