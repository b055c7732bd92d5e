import { isLoopback } from '../inspect/guard.js';
import type { Inspector } from '../inspect/inspector.js';
import { createReceiver, type Receiver, type ReceiverOptions } from './receiver.js';
import { listenHttp } from './http-adapter.js';
import { createSaver, type SaveAs } from './save-files.js';

export interface StartOptions extends Omit<ReceiverOptions, 'save' | 'forward'> {
  port: number;
  host: string;
  maxBody: number;
  headersTimeout?: number;
  saveDir?: string;
  /** What is saved for a request (`--redact`: no personal data); what is shown and forwarded stays the original. */
  saveAs?: SaveAs;
  forwardTo?: string;
  /** The web inspector under `/_inspect/`, keeping the last `history` events; off when absent (`--no-inspector`). */
  inspector?: { history: number; token?: string };
}

export interface ReceiverHandle {
  url: string;
  port: number;
  receiver: Receiver;
  /** The inspector page's address (with its token off loopback); null with `--no-inspector`. */
  inspectorUrl: string | null;
  /** Stops accepting, finishes requests in flight and their saves, closes the forward pool. */
  close(): Promise<void>;
}

/** The local receiver: pipeline, saver and forwarder behind a node:http server, with the inspector beside it. */
export async function startReceiver(options: StartOptions): Promise<ReceiverHandle> {
  const [save, forwarder, pageFiles] = await Promise.all([
    options.saveDir ? createSaver(options.saveDir, options.saveAs) : undefined,
    options.forwardTo ? import('./forwarder.js').then(({ createForwarder }) => createForwarder(options.forwardTo!)) : undefined,
    options.inspector ? import('../inspect/page-files.js').then(({ loadPageFiles }) => loadPageFiles()) : undefined,
  ]);
  const inspectorModule = options.inspector ? await import('../inspect/inspector.js') : null;
  const receiver = createReceiver({
    ...options,
    save,
    forward: forwarder?.forward,
    inspectorLink: options.inspector !== undefined && isLoopback(options.host),
  });
  let inspector: Inspector | null = null;
  const http = await listenHttp(receiver, options, (req, res) => inspector?.intercept(req, res) === true).catch(async (error: unknown) => {
    await forwarder?.close();
    throw error;
  });
  // Created as the server starts listening, before any request is read: nothing meant for it reaches the receiver.
  if (inspectorModule && options.inspector && pageFiles) {
    inspector = inspectorModule.createInspector(
      receiver,
      { host: options.host, port: http.port, forwardTo: options.forwardTo ?? null, maxBody: options.maxBody, ...options.inspector },
      pageFiles,
    );
  }
  return {
    url: http.url,
    port: http.port,
    receiver,
    inspectorUrl: inspector?.url ?? null,
    async close() {
      inspector?.close();
      await http.close();
      await receiver.drain();
      await forwarder?.close();
    },
  };
}
