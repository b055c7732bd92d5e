import { whenStdoutGone } from '../io.js';

/**
 * Resolves on the first Ctrl-C or SIGTERM, or when stdout's reader leaves, so the command
 * can stop cleanly; a second signal means "now": the process ends at once.
 */
export function waitForStop(): Promise<NodeJS.Signals | 'EPIPE'> {
  return new Promise((resolve) => {
    whenStdoutGone(() => onSignal('EPIPE'));
    const onSignal = (signal: NodeJS.Signals | 'EPIPE') => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
