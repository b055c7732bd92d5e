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
}

export interface ReceiverHandle {
  url: string;
  port: number;
  receiver: Receiver;
  /** Stops accepting, finishes requests in flight and their saves, closes the forward pool. */
  close(): Promise<void>;
}

/** The local receiver: pipeline, saver and forwarder behind a node:http server. */
export async function startReceiver(options: StartOptions): Promise<ReceiverHandle> {
  const save = options.saveDir ? await createSaver(options.saveDir, options.saveAs) : undefined;
  const forwarder = options.forwardTo ? (await import('./forwarder.js')).createForwarder(options.forwardTo) : undefined;
  const receiver = createReceiver({ ...options, save, forward: forwarder?.forward });
  const http = await listenHttp(receiver, options).catch(async (error: unknown) => {
    await forwarder?.close();
    throw error;
  });
  return {
    url: http.url,
    port: http.port,
    receiver,
    async close() {
      await http.close();
      await receiver.drain();
      await forwarder?.close();
    },
  };
}
