import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RelayedRequest } from '../../../src/relay/protocol.js';
import { ChannelLog } from '../../../src/relay/server/channel-log.js';

const record = (seq: number): RelayedRequest => ({
  seq,
  receivedAt: '2026-11-28T12:00:00.000Z',
  method: 'POST',
  path: '/',
  contentType: 'application/json',
  body: Buffer.from(`{"seq":${seq}}`).toString('base64'),
});
const logPath = async () => join(await mkdtemp(join(tmpdir(), 'ws-log-')), 'channel.log');

describe('ChannelLog', () => {
  it('keeps every append across a reopen, in order, when 200 arrive at once', async () => {
    const path = await logPath();
    const { log, records } = await ChannelLog.open(path);
    expect(records).toEqual([]);
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(record(i + 1))));
    await log.close();
    const reopened = await ChannelLog.open(path);
    expect(reopened.records.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await reopened.log.close();
  });

  it('reads the complete records before a torn last line (a crash during a write)', async () => {
    const path = await logPath();
    const { log } = await ChannelLog.open(path);
    await log.append(record(1));
    await log.append(record(2));
    await log.close();
    await appendFile(path, JSON.stringify(record(3)).slice(0, 40));
    const reopened = await ChannelLog.open(path);
    expect(reopened.records.map((r) => r.seq)).toEqual([1, 2]);
    await reopened.log.close();
  });

  it('compacts to what is kept once past its limit, and appends after that', async () => {
    const path = await logPath();
    const { log } = await ChannelLog.open(path);
    const all = Array.from({ length: 6 }, (_, i) => record(i + 1));
    for (const r of all) await log.append(r);
    await log.compact(all.slice(-2), 10);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(6);
    await log.compact(all.slice(-2), 4);
    await log.append(record(7));
    await log.close();
    const reopened = await ChannelLog.open(path);
    expect(reopened.records.map((r) => r.seq)).toEqual([5, 6, 7]);
    await reopened.log.close();
  });
});
