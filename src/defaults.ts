import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';

/** Every default a user may rely on, and every environment variable the tool reads, in one place. */

export const DEFAULT_PORT = 4545;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_TARGET = `http://${DEFAULT_HOST}:${DEFAULT_PORT}/`;
export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_BUDGET_MS = 1000;
/** Events `listen`'s inspector keeps in memory (`--history`). */
export const DEFAULT_HISTORY = 1000;
export const DEFAULT_RELAY_PORT = 8080;
export const DEFAULT_RELAY_DATA = './relay-data';
export const DEFAULT_RELAY_BUFFER = 10_000;
export const DEFAULT_RELAY_RATE = 200;
export const DEFAULT_RELAY_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_RELAY_MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
export const DEFAULT_RELAY_MAX_CHANNELS = 1000;
export const DEFAULT_RELAY_MAX_SUBSCRIBERS = 100;
export const DEFAULT_RELAY_MAX_STREAMS = 2000;
export const DEFAULT_RELAY_CHANNEL_TTL_MS = 30 * 86_400_000;
export const DEFAULT_RELAY_REDIS_WAIT = 0;

/** `relay --admin-token`, else `$WINESITTING_RELAY_ADMIN_TOKEN`: who may open channels; `listen --relay` sends it too. */
export function relayAdminToken(env: NodeJS.ProcessEnv): string | undefined {
  return nonEmpty(env.WINESITTING_RELAY_ADMIN_TOKEN);
}

/**
 * `$WINESITTING_HOOKS_REDACT_KEY`: the key of `redact` and `listen --redact` where `--key`
 * would show in `ps` and the shell's history (CI secrets, a team's shell profile).
 */
export function redactKeyFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return nonEmpty(env.WINESITTING_HOOKS_REDACT_KEY);
}

/** `send`, `replay` and `check` target `$WINESITTING_HOOKS_URL`, else `listen`'s default address. */
export function defaultTarget(env: NodeJS.ProcessEnv): string {
  const value = env.WINESITTING_HOOKS_URL;
  if (!value) return DEFAULT_TARGET;
  if (!/^https?:\/\/[^\s/]+/i.test(value) || !URL.canParse(value)) {
    throw new UsageError(`WINESITTING_HOOKS_URL="${value}" is not an http:// or https:// URL. Fix it, unset it, or pass --to.`);
  }
  return value;
}

/** `listen`'s port: `$WINESITTING_HOOKS_PORT`, else 4545. */
export function defaultPort(env: NodeJS.ProcessEnv): number {
  const raw = env.WINESITTING_HOOKS_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535)
    throw new UsageError(`WINESITTING_HOOKS_PORT="${raw}" is not a port. Set it to a number from 0 to 65535, or unset it.`);
  return port;
}

/** Where `listen --relay` remembers its channels: `$WINESITTING_HOOKS_CONFIG`, else the platform's user config folder. */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.WINESITTING_HOOKS_CONFIG) return env.WINESITTING_HOOKS_CONFIG;
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'winesitting-hooks');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'winesitting-hooks');
  // The XDG rule: unset or empty means ~/.config.
  const xdg = env.XDG_CONFIG_HOME ?? '';
  return join(xdg !== '' ? xdg : join(homedir(), '.config'), 'winesitting-hooks');
}

/** `DEBUG=winesitting-hooks` (or `DEBUG=*`) prints stack traces with errors. */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.DEBUG ?? '').split(',').some((name) => name.trim() === 'winesitting-hooks' || name.trim() === '*');
}

/** An environment variable's value, where set to something: empty counts as unset. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
