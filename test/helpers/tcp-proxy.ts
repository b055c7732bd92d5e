import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: a stable address in front of a server that may restart elsewhere. */
  url: string;
  /** Where new connections go; connections to a target that is gone are closed at once. */
  target: number;
  close(): Promise<void>;
}

/**
 * A TCP relay on 127.0.0.1, port 0, that forwards to `target`. A test restarts the server
 * behind it on a fresh port 0 and points the proxy there: clients keep one address, and
 * no test binds a port that was just freed.
 */
export async function startTcpProxy(target: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const proxy: TcpProxy = { url: '', target, close: () => Promise.resolve() };
  const server = createServer((client) => {
    track(client);
    const upstream = connect(proxy.target, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
