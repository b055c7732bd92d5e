import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { ensureFolder } from '../../fs/ensure-folder.js';
import { folderProblem } from '../../fs/folder-problem.js';
import { writeFileDurably } from '../../fs/write-file-durably.js';
import { jsonErrorText } from '../../text/json-error.js';

export interface RememberedChannel {
  id: string;
  token: string;
  webhookUrl: string;
  /** The last relayed event this machine has handled; the stream resumes after it. */
  lastEventId: number;
  /** The relay's numbering `lastEventId` belongs to (a relay on Redis), when it named one. */
  epoch?: string;
}

interface ConfigFile {
  relays: Record<string, RememberedChannel>;
}

const FIX = 'Fix the file, or start over with a new channel (and a new webhook URL to configure in WineSitting): listen --relay <url> --new-channel.';

/**
 * The channels this machine uses, one per relay URL, so its webhook URL stays the same.
 * The file holds the tokens: it is written for the user only, and never replaced by a
 * guess when it cannot be read, since the URL configured in WineSitting points to it.
 */
export class ClientConfig {
  private constructor(
    readonly path: string,
    private readonly data: ConfigFile,
  ) {}

  /** Reads `relay.json` in `dir`; with `startOver`, a file that cannot be understood is set aside instead of refused. */
  static async load(dir: string, startOver = false): Promise<ClientConfig> {
    const path = join(dir, 'relay.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new ClientConfig(path, { relays: {} });
      throw new UsageError(
        `Cannot read ${path} (${code === 'EACCES' ? 'permission denied' : (error as Error).message}). Fix its permissions, or set WINESITTING_HOOKS_CONFIG to a folder of yours.`,
      );
    }
    const problem = problemOf(text);
    if (problem === null) return new ClientConfig(path, JSON.parse(text) as ConfigFile);
    if (!startOver) throw new UsageError(`${path} is not a valid relay configuration (${problem}); it was left as it is. ${FIX}`);
    await rename(path, `${path}.unreadable-${Date.now()}`);
    return new ClientConfig(path, { relays: {} });
  }

  get(relayUrl: string): RememberedChannel | undefined {
    return this.data.relays[relayUrl];
  }

  set(relayUrl: string, channel: RememberedChannel): void {
    this.data.relays[relayUrl] = channel;
  }

  /** Fails early, before a channel is created that could not be remembered. */
  async ensureWritable(): Promise<void> {
    const dir = join(this.path, '..');
    const problem = await folderProblem(dir, 0o700);
    if (problem !== null)
      throw new UsageError(`Cannot keep the relay configuration in ${dir}: ${problem}. Set WINESITTING_HOOKS_CONFIG to a folder you can write.`);
  }

  /** Flushed to disk: a channel and its token must survive anything. */
  async save(): Promise<void> {
    await ensureFolder(join(this.path, '..'), 0o700);
    await writeFileDurably(this.path, this.text(), { mode: 0o600, syncFolder: true });
  }

  private text(): string {
    return `${JSON.stringify(this.data, null, 2)}\n`;
  }
}

/** Why the text is not a relay configuration; null when it is one. */
function problemOf(text: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${jsonErrorText(error)}`;
  }
  const relays = (data as { relays?: unknown } | null)?.relays;
  if (typeof relays !== 'object' || relays === null || Array.isArray(relays)) return 'no "relays" object';
  for (const [url, channel] of Object.entries(relays)) {
    const c = channel as Partial<RememberedChannel> | null;
    if (
      !c ||
      typeof c.id !== 'string' ||
      typeof c.token !== 'string' ||
      typeof c.webhookUrl !== 'string' ||
      !Number.isSafeInteger(c.lastEventId) ||
      c.lastEventId! < 0
    ) {
      return `the entry for ${url} lacks its id, token, webhookUrl or lastEventId`;
    }
  }
  return null;
}
