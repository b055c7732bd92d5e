import { describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { plain } from '../../src/render/paint.js';
import { condenseChanges } from '../../src/render/condense-changes.js';
import { formatReceived, receivedJsonLine } from '../../src/render/received.js';
import type { ReceivedEvent } from '../../src/receive/types.js';

function received(extra: Partial<ReceivedEvent> = {}): ReceivedEvent {
  const event = createEvent({ seed: 1, id: 109951, operation: 'UPDATE', status: 'PROCESSING' });
  const text = JSON.stringify(event, null, 2);
  return {
    seq: 2,
    receivedAt: '2026-11-28T12:00:00.000Z',
    method: 'POST',
    path: '/hooks',
    type: 'ORDER',
    operation: 'UPDATE',
    objectId: 109951,
    valid: true,
    issues: [],
    duplicateOf: null,
    changes: [],
    response: { status: 200 },
    forward: null,
    forwardAnswer: null,
    file: null,
    event,
    text,
    body: Buffer.from(text),
    headers: { 'content-type': 'application/json' },
    rejected: null,
    source: 'local',
    late: false,
    shown: true,
    contentType: 'application/json',
    saveError: null,
    ...extra,
  };
}

describe('received event rendering', () => {
  it('shows a status change as one line', () => {
    const changes = [
      { path: 'status.value', from: 0, to: 1 },
      { path: 'status.name', from: 'NEW', to: 'PROCESSING' },
      { path: 'status.label', from: 'En attente', to: 'En cours' },
      { path: 'tracking_numbers', from: [], to: ['6A1'] },
    ];
    const text = formatReceived(
      received({ changes, duplicateOf: 1, issues: [{ path: 'object.id', message: 'expected integer, received string', severity: 'warning' }] }),
      plain,
    );
    expect(text).toContain('ORDER UPDATE #109951 PROCESSING /hooks → 200');
    expect(text).toContain('    status NEW → PROCESSING\n');
    expect(text).toContain('    tracking_numbers [] → ["6A1"]\n');
    expect(text).not.toContain('status.label');
    expect(text).toContain('duplicate of #1');
    expect(text).toContain('warning object.id: expected integer, received string');
    expect(condenseChanges(changes)).toHaveLength(2);
  });

  it('writes one valid JSON line whose event is the body as received, even pretty-printed', () => {
    const line = receivedJsonLine(received());
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(parsed.event).toEqual(received().event);
    expect(parsed.raw).toBeNull();
  });

  it('keeps the line valid when a change is too deep to serialise', () => {
    const deep = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    const parsed = JSON.parse(receivedJsonLine(received({ changes: [{ path: 'comment', from: null, to: deep }] })));
    expect(parsed.changes).toEqual([{ path: 'comment', from: '[too deep]', to: '[too deep]' }]);
  });
});
