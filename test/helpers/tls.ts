import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TestCertificate {
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
}

let made: Promise<TestCertificate> | undefined;

/** A self-signed certificate for CN=localhost only (no IP in it), made once per test file with the machine's openssl. */
export function selfSignedCertificate(): Promise<TestCertificate> {
  made ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', keyFile, '-out', certFile];
    await promisify(execFile)('openssl', args);
    return { certFile, keyFile, cert: await readFile(certFile), key: await readFile(keyFile) };
  })();
  return made;
}

/** An HTTPS server on 127.0.0.1, port 0, with the self-signed certificate, answering 200 to everything. */
export async function startTlsServer(): Promise<{ port: number; close(): Promise<void> }> {
  const { cert, key } = await selfSignedCertificate();
  const server: Server = createServer({ cert, key }, (_, res) => res.end('ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
