import type { Api } from './api.js';
import { h } from './dom.js';
import type { TextCheck } from './types.js';

/** Checked this long after the last key press: typing stays smooth, the verdict follows within a blink. */
const CHECK_DELAY_MS = 150;

/** What to send: null when the text is the body as received (then the exact bytes go). */
export type SendEdited = (body: string | null, button: HTMLButtonElement) => void;

/**
 * "Edit and send": the body in a text area, checked as you type against the same model as
 * `validate` (`api/check`), with each issue's path and a syntax error's line and column.
 */
export function createEditor(api: Api, original: string, onSend: SendEdited): HTMLElement {
  const textarea = h('textarea', {
    class: 'editor-text',
    'aria-label': 'Event body to send',
    'data-testid': 'editor-text',
    spellcheck: 'false',
    autocomplete: 'off',
    rows: 18,
  });
  textarea.value = original;
  // The text area's value has its line breaks as \n: compare with the received text read the same way.
  const received = textarea.value;
  const verdict = h('div', { class: 'check-verdict', role: 'status', 'aria-live': 'polite', 'data-testid': 'editor-verdict' }, 'Checking…');
  const issues = h('ul', { class: 'issues', 'data-testid': 'editor-issues' });
  const send = h('button', { type: 'button', class: 'primary', 'data-testid': 'editor-send' }, 'Send edited event');
  send.addEventListener('click', () => onSend(textarea.value === received ? null : textarea.value, send));
  const reset = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        textarea.value = original;
        schedule();
      },
    },
    'Reset',
  );

  let timer: number | undefined;
  let inFlight: AbortController | null = null;
  const check = async () => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      show(await api.check(textarea.value, controller.signal));
    } catch (error) {
      if (!controller.signal.aborted) {
        verdict.className = 'check-verdict unknown';
        verdict.textContent = `Could not check: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  };
  const schedule = () => {
    window.clearTimeout(timer);
    verdict.classList.add('pending');
    timer = window.setTimeout(() => void check(), CHECK_DELAY_MS);
  };
  const show = (result: TextCheck) => {
    const errors = result.issues.filter((issue) => issue.severity === 'error').length;
    const warnings = result.issues.length - errors;
    verdict.className = `check-verdict ${result.syntax ? 'invalid' : result.valid ? (warnings > 0 ? 'warning' : 'valid') : 'invalid'}`;
    verdict.dataset.valid = String(result.valid);
    if (result.syntax) {
      const where = result.syntax.line !== null ? ` (line ${result.syntax.line}, column ${result.syntax.column ?? '?'})` : '';
      verdict.textContent = `Not JSON${where}: ${result.syntax.message}`;
    } else if (result.valid) {
      verdict.textContent = warnings > 0 ? `Valid event, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'Valid event';
    } else {
      verdict.textContent = `Invalid event: ${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
    }
    issues.replaceChildren(
      ...result.issues.map((issue) =>
        h(
          'li',
          { class: `issue ${issue.severity}`, 'data-testid': 'editor-issue' },
          h('code', { class: 'issue-path' }, issue.path || '(the event)'),
          ' ',
          h('span', { class: 'issue-message' }, issue.message),
        ),
      ),
    );
  };
  textarea.addEventListener('input', schedule);
  void check();

  return h('div', { class: 'editor', 'data-testid': 'editor' }, textarea, verdict, issues, h('div', { class: 'button-row' }, send, reset));
}
