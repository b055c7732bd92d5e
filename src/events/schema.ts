import * as z from 'zod';
import { EVENT_TYPES, OPERATIONS, type EventType, type Operation } from './event-names.js';

/**
 * The WineSitting event model (API v2), the single source of truth for types, the
 * validator and the generators. Objects are loose: unknown keys are normal
 * (forward compatibility) and are never an error.
 */

// The names live apart, without zod, so that the CLI's flag parsing does not load the schemas.
export { EVENT_TYPES, LEGACY_TYPES, OPERATIONS, type EventType, type Operation } from './event-names.js';

/** zod names an integer's expected type "number" when the input is not a number; say integer. */
const integer = () => z.int({ error: 'expected integer' });

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** API v2 date: local time with microseconds, no offset, and the zone beside it. */
export const dateObjectSchema = z.looseObject({
  date: z.string().regex(LOCAL_DATE, 'expected "YYYY-MM-DD HH:MM:SS.uuuuuu"'),
  timezone_type: integer(),
  timezone: z.string(),
});

/** API v1 sent ISO 8601 strings; the envelope `date` format is undocumented, so both are accepted. */
export const isoDateSchema = z.string().regex(ISO_8601, 'expected an ISO 8601 date');
export const dateSchema = z.union([dateObjectSchema, isoDateSchema]);

export const statusSchema = z.looseObject({
  value: integer(),
  name: z.string(),
  label: z.string(),
});

export const warehouseSchema = z.looseObject({
  id: integer(),
  public_name: z.string(),
  street1: z.string(),
  street2: z.string().nullable(),
  city: z.string(),
  zipcode: z.string(),
  country: z.string(),
});

const text = z.string().nullable();

export const addressSchema = z.looseObject({
  id: integer(),
  firstname: text,
  lastname: text,
  company: text,
  street1: text,
  street2: text,
  city: text,
  zipcode: text,
  country: text,
  phone: text,
  email: text,
  vat_number: text,
  detail: text,
  reference: text,
});

export const contentLineSchema = z.looseObject({
  id: integer(),
  wine: z.string(),
  color: text,
  country: text,
  region: text,
  appelation: text,
  description: text,
  ranking: z.unknown(),
  millesime: integer().nullable(),
  alcohol: z.number().nullable(),
  format: z.number(),
  price: z.number().nullable(),
  comment: text,
  quantity: integer(),
  box: z.string(),
  reference: z.string(),
});

export const orderSchema = z.looseObject({
  id: integer(),
  comment: text,
  is_pickup: z.boolean(),
  address: addressSchema.nullable(),
  pickup_warehouse: warehouseSchema,
  warehouse: warehouseSchema,
  attachments: z.array(z.unknown()),
  delivery_slip: text,
  delivery_date: dateSchema,
  delivery_start: z.string().regex(/^\d{2}:\d{2}$/, 'expected "HH:MM"'),
  delivery_end: z.string().regex(/^\d{2}:\d{2}$/, 'expected "HH:MM"'),
  preparation_date: dateSchema,
  tracking_url: text,
  tracking_numbers: z.array(z.string()),
  status: statusSchema,
  additional_status: statusSchema.nullable(),
  reference: text,
  origin: z.string(),
  created_by: text,
  updated_by: text,
  created_at: dateSchema,
  updated_at: dateSchema,
  content: z.array(contentLineSchema).min(1, 'expected at least one content line'),
});

/**
 * Assumed shape: WineSitting's API lists and retrieves putaways, but no stored copy shows
 * their fields, so this follows the order's conventions and only `id` is required.
 */
export const putawaySchema = z.looseObject({
  id: integer(),
  reference: text,
  comment: text,
  status: statusSchema,
  warehouse: warehouseSchema,
  expected_date: dateSchema,
  attachments: z.array(z.unknown()),
  content: z.array(contentLineSchema),
  origin: z.string(),
  created_by: text,
  updated_by: text,
  created_at: dateSchema,
  updated_at: dateSchema,
});

export const envelopeSchema = z.looseObject({
  type: z.enum(EVENT_TYPES),
  operation: z.enum(OPERATIONS),
  object: z.looseObject({}),
  date: dateSchema,
});

export type DateObject = z.infer<typeof dateObjectSchema>;
export type WsDate = z.infer<typeof dateSchema>;
export type Status = z.infer<typeof statusSchema>;
export type Warehouse = z.infer<typeof warehouseSchema>;
export type Address = z.infer<typeof addressSchema>;
export type ContentLine = z.infer<typeof contentLineSchema>;
export type Order = z.infer<typeof orderSchema>;
export type Putaway = z.infer<typeof putawaySchema>;

export interface WineSittingEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  type: EventType;
  operation: Operation;
  object: T;
  date: WsDate;
  [extra: string]: unknown;
}
export type OrderEvent = WineSittingEvent<Order>;
export type PutawayEvent = WineSittingEvent<Putaway>;
