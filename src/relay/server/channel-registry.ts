import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../../fs/write-file-durably.js';
import { Channel, type ChannelMeta } from './channel.js';
import { ChannelLog } from './channel-log.js';
import { hashToken, isChannelId, newChannelId, newToken } from './ids.js';

export interface RegistryOptions {
  dataDir: string;
  capacity: number;
  rate: number;
}

/** All channels, loaded from `dataDir` at start and created there on demand. */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  private constructor(private readonly options: RegistryOptions) {}

  static async load(options: RegistryOptions): Promise<ChannelRegistry> {
    const registry = new ChannelRegistry(options);
    await mkdir(options.dataDir, { recursive: true });
    for (const name of await readdir(options.dataDir)) {
      if (!name.endsWith('.meta.json')) continue;
      const meta = JSON.parse(await readFile(join(options.dataDir, name), 'utf8')) as ChannelMeta;
      if (isChannelId(meta.id)) await registry.open(meta);
    }
    return registry;
  }

  get(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  get size(): number {
    return this.channels.size;
  }

  async create(): Promise<{ channel: Channel; token: string }> {
    const token = newToken();
    const meta: ChannelMeta = { id: newChannelId(), tokenHash: hashToken(token), createdAt: new Date().toISOString() };
    await writeFileDurably(join(this.options.dataDir, `${meta.id}.meta.json`), JSON.stringify(meta), { syncFolder: true });
    return { channel: await this.open(meta), token };
  }

  async close(): Promise<void> {
    await Promise.all([...this.channels.values()].map((c) => c.close()));
  }

  private async open(meta: ChannelMeta): Promise<Channel> {
    const { log, records } = await ChannelLog.open(join(this.options.dataDir, `${meta.id}.log`));
    const channel = new Channel(meta, log, records, this.options.capacity, this.options.rate);
    this.channels.set(meta.id, channel);
    return channel;
  }
}
