import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RememberedChannel {
  id: string;
  token: string;
  webhookUrl: string;
  /** The last relayed event this machine has handled; the stream resumes after it. */
  lastEventId: number;
}

type ConfigFile = { relays: Record<string, RememberedChannel> };

/** `$WINESITTING_HOOKS_CONFIG`, else the platform's user config folder. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.WINESITTING_HOOKS_CONFIG) return env.WINESITTING_HOOKS_CONFIG;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'winesitting-hooks');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'winesitting-hooks');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'winesitting-hooks');
}

/** The channels this machine uses, one per relay URL, so its webhook URL stays the same. */
export class ClientConfig {
  private constructor(
    private readonly path: string,
    private data: ConfigFile,
  ) {}

  static async load(dir: string): Promise<ClientConfig> {
    const path = join(dir, 'relay.json');
    try {
      const data = JSON.parse(await readFile(path, 'utf8')) as ConfigFile;
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

  /** Written atomically and readable by the user only: it holds the channel tokens. */
  async save(): Promise<void> {
    const dir = join(this.path, '..');
    await mkdir(dir, { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
  }
}
