export * from './schema.js';
export * from './statuses.js';
export * from './parse.js';
export * from './generate.js';
export * from './diff.js';
export { formatDate, dateToEpoch, type DateFormat } from './dates.js';
export * from './redact/index.js';
