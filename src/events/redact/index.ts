export { createRedactor, redactEvent, RedactionError, type Redaction, type Redactor } from './redact-event.js';
export { redactJsonText } from './redact-json-text.js';
export { PERSONAL_FIELDS, PERSONAL_KEYS, NOT_PEOPLE, type FakeKind } from './personal-fields.js';
