import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';

export interface BoundAddress {
  /** `http://127.0.0.1:4545/`, with the port actually bound (port 0 picks one). */
  url: string;
  port: number;
}

/**
 * Starts `server` on `host:port` and resolves with its address. The failures a user can
 * fix (port taken, no such address, a privileged port) become usage errors that say how;
 * `command` names what may already hold the port.
 */
export async function listenOn(server: Server, port: number, host: string, command: string): Promise<BoundAddress> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      reject(explainListenError(error, port, host, command));
    };
    // Only start-up errors are handled here: once listening, the listener is gone.
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}/`, port: address.port };
}

function explainListenError(error: NodeJS.ErrnoException, port: number, host: string, command: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new UsageError(
        `Port ${port} on ${host} is already in use. Is another "winesitting-hooks ${command}" running? Stop it, or pick another port with --port (0 picks a free one).`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UsageError(`Cannot listen on ${host}: no such local address. Use --host 127.0.0.1, or 0.0.0.0 for every interface.`);
    case 'EACCES':
      return new UsageError(`Port ${port} needs administrator rights here. Pick a port above 1023 with --port.`);
    default:
      return error;
  }
}
