import type { Io } from '../io.js';
import type { Paint } from '../render/paint.js';
import type { Receiver } from '../receive/receiver.js';

export async function connectRelay(_url: string, _receiver: Receiver, _io: Io, _paint: Paint): Promise<{ close(): Promise<void> }> {
  throw new Error('relay: not yet');
}
