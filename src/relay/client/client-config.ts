import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../../fs/write-file-durably.js';

export interface RememberedChannel {
  id: string;
  token: string;
  webhookUrl: string;
  /** The last relayed event this machine has handled; the stream resumes after it. */
  lastEventId: number;
}

interface ConfigFile {
  relays: Record<string, RememberedChannel>;
}

/** The channels this machine uses, one per relay URL, so its webhook URL stays the same. */
export class ClientConfig {
  private constructor(
    private readonly path: string,
    private readonly data: ConfigFile,
  ) {}

  static async load(dir: string): Promise<ClientConfig> {
    const path = join(dir, 'relay.json');
    try {
      const data = JSON.parse(await readFile(path, 'utf8')) as Partial<ConfigFile>;
      return new ClientConfig(path, { relays: data.relays ?? {} });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return new ClientConfig(path, { relays: {} });
      throw error;
    }
  }

  get(relayUrl: string): RememberedChannel | undefined {
    return this.data.relays[relayUrl];
  }

  set(relayUrl: string, channel: RememberedChannel): void {
    this.data.relays[relayUrl] = channel;
  }

  /** Readable by the user only: it holds the channel tokens. */
  async save(): Promise<void> {
    const dir = join(this.path, '..');
    await mkdir(dir, { recursive: true });
    await writeFileDurably(this.path, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600, syncFolder: true });
  }
}
