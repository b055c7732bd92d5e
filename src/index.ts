/** The library: the WineSitting event model, its validator and the event generators `send` uses. */
export * from './events/index.js';
