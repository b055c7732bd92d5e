import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Twenty digits and a line break: every write has the same length, so one write replaces the last whole. */
const WIDTH = 20;

/**
 * Where `listen --relay` stands in a channel, rewritten in place after every event (a few
 * microseconds, where replacing `relay.json` costs a rename and its journal). A crash of
 * listen repeats at most the event in hand; a power cut may roll the number back a little,
 * which repeats a few more: delivery is at least once.
 */
export class PositionFile {
  /** Reused for every write: no string to encode per event. */
  private readonly line = Buffer.alloc(WIDTH + 1, '0');

  private constructor(private readonly fd: number) {
    this.line[WIDTH] = 10;
  }

  /** Opens (creating it) `relay-position-<channel id>` in the config folder, which must exist; `stored` is what it held. */
  static open(configDir: string, channelId: string): { file: PositionFile; stored: number | null } {
    const path = join(configDir, `relay-position-${channelId}`);
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
    const buffer = Buffer.alloc(WIDTH + 1);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.toString('latin1', 0, read);
    const stored = /^\d{20}\n$/.test(text) ? Number(text.slice(0, WIDTH)) : null;
    return { file: new PositionFile(fd), stored };
  }

  write(seq: number): void {
    this.line.write(String(seq).padStart(WIDTH, '0'), 0, 'latin1');
    writeSync(this.fd, this.line, 0, this.line.length, 0);
  }

  close(): void {
    closeSync(this.fd);
  }
}
