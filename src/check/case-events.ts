import { createOrder } from '../events/generate.js';
import type { WineSittingEvent } from '../events/schema.js';

/** The realistic events each check case sends, built from the `send` generators. */

const UNICODE_SAMPLES = [
  'Château Pétrus — Crème brûlée',
  'Zoë Ñúñez-Øster',
  '東京都渋谷区神南1丁目',
  'Αθήνα, Ελλάδα',
  'Москва, ул. Тверская',
  'مرحبا بالعالم',
  'Ṁüñçhën 🍷🥂',
];
/** Free-text fields: structured strings (dates, codes, SKUs, statuses) keep their format. */
const TEXT_FIELDS = new Set([
  'comment',
  'firstname',
  'lastname',
  'company',
  'street1',
  'street2',
  'city',
  'detail',
  'wine',
  'region',
  'appelation',
  'description',
  'created_by',
  'updated_by',
  'public_name',
  'label',
]);

export function withUnicode(event: WineSittingEvent): WineSittingEvent {
  let n = 0;
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const text = TEXT_FIELDS.has(key);
      out[key] = text ? UNICODE_SAMPLES[n++ % UNICODE_SAMPLES.length] : walk(field, depth + 1);
    }
    return out;
  };
  return { ...event, object: walk(event.object, 0) as Record<string, unknown> };
}

export function withUnknownFields(event: WineSittingEvent): WineSittingEvent {
  const object = event.object as Record<string, unknown> & { content?: Record<string, unknown>[] };
  return {
    ...event,
    api_version: '2.1',
    delivery_attempt: { id: 'evt_7f3a', first_sent_at: '2026-11-28T10:00:00+01:00' },
    object: {
      ...object,
      loyalty_tier: 'gold',
      carbon_footprint: { kg: 12.5, method: 'estimated' },
      content: object.content?.map((line) => ({ ...line, grape_varieties: ['Grenache', 'Syrah'], bottle_barcode: '3760123456789' })),
    },
  };
}

const TASTING_NOTE =
  "Robe profonde, nez de fruits noirs, de garrigue et de réglisse ; bouche ample aux tanins soyeux, finale longue et saline. À carafer deux heures, servir à 16 °C. Garde jusqu'en 2040 dans de bonnes conditions.";

/** 500 lines with the descriptions and comments a real cellar order carries: about 300 KB. */
export function largeOrderEvent(seed: number): WineSittingEvent {
  const order = createOrder({ seed, lines: 500 });
  const content = order.content.map((line, i) => ({
    ...line,
    description: TASTING_NOTE,
    comment: `Ligne ${i + 1} : caisse bois d'origine, étiquette intacte, ne pas dépalettiser avant contrôle qualité.`,
  }));
  const object = { ...order, content };
  return { type: 'ORDER', operation: 'CREATE', object, date: object.updated_at };
}
