import { BOXES, COMMENTS, SLOTS, WAREHOUSE, WINES, WINE_FORMATS } from './catalog.js';
import { formatDate, type DateFormat } from './dates.js';
import { drawAddress, drawPerson, drawTrackingNumber, trackingUrl } from './draw.js';
import { createRandom, randomSeed, type Random } from './random.js';
import type { ContentLine, EventType, Operation, Order, Putaway, WineSittingEvent } from './schema.js';
import { statusObject, type StatusName } from './statuses.js';
import { DAY, HOUR, ORDER_STEPS, seededMoment, startOfDay } from './timeline.js';

export interface GenerateOptions {
  /** Same seed, same bytes. Default: random. */
  seed?: number;
  /**
   * The moment the object was last updated. Default: a date derived from the seed
   * (in 2026), so that a seed alone fixes every byte.
   */
  now?: Date | number;
  dateFormat?: DateFormat;
  id?: number;
}

export interface OrderOptions extends GenerateOptions {
  status?: StatusName;
  /** Collected at the warehouse instead of delivered. Default: about one order in five. */
  pickup?: boolean;
  /** Number of content lines. Default: 1 to 4. */
  lines?: number;
}

export interface PutawayOptions extends GenerateOptions {
  status?: StatusName;
  lines?: number;
}

export interface EventOptions extends OrderOptions {
  type?: EventType;
  operation?: Operation;
}

interface Context {
  random: Random;
  updatedAt: number;
  format: DateFormat;
}

function context(options: GenerateOptions): Context {
  const random = createRandom(options.seed ?? randomSeed());
  const defaultNow = seededMoment(random);
  const updatedAt = options.now === undefined ? defaultNow : Number(options.now);
  return { random, updatedAt, format: options.dateFormat ?? 'object' };
}

export function createOrder(options: OrderOptions = {}): Order {
  const ctx = context(options);
  const status = options.status ?? 'NEW';
  const createdAt = ctx.updatedAt - ORDER_STEPS[status] * HOUR;
  return buildOrder(ctx, options, status, createdAt);
}

function buildOrder(ctx: Context, options: OrderOptions, status: StatusName, createdAt: number): Order {
  const { random } = ctx;
  // Every value is drawn whatever the status, so one seed gives one order at every step of its life.
  const pickupDraw = random.chance(0.2);
  const pickup = options.pickup ?? (status === 'WITHDRAWED' || (status !== 'SHIPPED' && status !== 'DELIVERED' && pickupDraw));
  const idDraw = random.int(100_000, 999_999);
  const id = options.id ?? idDraw;
  const preparation = startOfDay(createdAt + DAY);
  const delivery = preparation + random.int(1, 3) * DAY;
  const slot = random.pick(SLOTS);
  const shipped = !pickup && (status === 'SHIPPED' || status === 'DELIVERED');
  const trackingDraw = drawTrackingNumber(random);
  const tracking = shipped ? trackingDraw : null;
  const creator = drawPerson(random);
  const deliveryAddress = drawAddress(random);
  const content = contentLines(random, options.lines ?? random.int(1, 4));
  const updatedAt = createdAt + ORDER_STEPS[status] * HOUR;
  const date = (ms: number) => formatDate(ms, ctx.format);
  return {
    id,
    comment: random.pick(COMMENTS),
    is_pickup: pickup,
    address: pickup ? null : deliveryAddress,
    pickup_warehouse: { ...WAREHOUSE },
    warehouse: { ...WAREHOUSE },
    attachments: [],
    delivery_slip: null,
    delivery_date: date(delivery),
    delivery_start: slot[0],
    delivery_end: slot[1],
    preparation_date: date(preparation),
    tracking_url: tracking ? trackingUrl(tracking) : null,
    tracking_numbers: tracking ? [tracking] : [],
    status: statusObject(status),
    additional_status: null,
    reference: random.chance(0.8) ? `PO-${random.int(1000, 99_999)}` : null,
    origin: random.pick(['API', 'API', 'WEB']),
    created_by: creator,
    updated_by: status === 'NEW' ? creator : 'WineSitting',
    created_at: date(createdAt),
    updated_at: date(updatedAt),
    content,
  };
}

export function createPutaway(options: PutawayOptions = {}): Putaway {
  const ctx = context(options);
  const { random } = ctx;
  const creator = drawPerson(random);
  const date = (ms: number) => formatDate(ms, ctx.format);
  return {
    id: options.id ?? random.int(10_000, 99_999),
    reference: random.chance(0.8) ? `ARR-${random.int(100, 9999)}` : null,
    comment: random.pick(COMMENTS),
    status: statusObject(options.status ?? 'NEW'),
    warehouse: { ...WAREHOUSE },
    expected_date: date(startOfDay(ctx.updatedAt + random.int(2, 10) * DAY)),
    attachments: [],
    content: contentLines(random, options.lines ?? random.int(1, 6)),
    origin: random.pick(['API', 'WEB']),
    created_by: creator,
    updated_by: creator,
    created_at: date(ctx.updatedAt),
    updated_at: date(ctx.updatedAt),
  };
}

/** One event: the envelope around a generated object, dated when the object was last updated. */
export function createEvent(options: EventOptions = {}): WineSittingEvent {
  const type = options.type ?? 'ORDER';
  const operation = options.operation ?? 'CREATE';
  const status = options.status ?? (type === 'ORDER' && operation === 'UPDATE' ? 'PROCESSING' : 'NEW');
  const object = type === 'ORDER' ? createOrder({ ...options, status }) : createPutaway({ ...options, status });
  return { type, operation, object, date: object.updated_at };
}

/**
 * The whole life of one order, in order: CREATE (NEW), then an UPDATE per status:
 * PROCESSING, READY, SHIPPED, DELIVERED; or READY then WITHDRAWED for a pickup.
 */
export function createLifecycle(options: Omit<OrderOptions, 'status'> = {}): WineSittingEvent<Order>[] {
  const seed = options.seed ?? randomSeed();
  const pickup = options.pickup ?? createRandom(seed ^ 0x5eed).chance(0.2);
  const path: StatusName[] = pickup ? ['NEW', 'PROCESSING', 'READY', 'WITHDRAWED'] : ['NEW', 'PROCESSING', 'READY', 'SHIPPED', 'DELIVERED'];
  const ctx = context({ ...options, seed });
  const createdAt = ctx.updatedAt - ORDER_STEPS[path[path.length - 1]!] * HOUR;
  return path.map((status, step) => {
    const shaped = buildOrder({ ...ctx, random: createRandom(seed) }, { ...options, pickup }, status, createdAt);
    return {
      type: 'ORDER',
      operation: step === 0 ? 'CREATE' : 'UPDATE',
      object: shaped,
      date: shaped.updated_at,
    };
  });
}

function contentLines(random: Random, count: number): ContentLine[] {
  const lines: ContentLine[] = [];
  for (let i = 0; i < count; i++) {
    const wine = random.pick(WINES);
    const beer = wine.color === 'Biere';
    const format = beer ? 0.33 : random.pick(WINE_FORMATS);
    const box = format === 0.75 || beer ? random.pick(BOXES) : BOXES[0];
    const [low, high] = wine.alcohol;
    lines.push({
      id: wine.id,
      wine: wine.wine,
      color: wine.color,
      country: 'FR',
      region: wine.region,
      appelation: wine.appelation,
      description: wine.description,
      ranking: null,
      millesime: beer ? null : random.int(1995, 2022),
      alcohol: low + random.int(0, (high - low) * 2) / 2,
      format,
      price: random.chance(0.5) ? random.int(1500, 90_000) / 100 : null,
      comment: null,
      quantity: box.size * random.int(1, box.size === 1 ? 24 : 5),
      box: box.box,
      reference: `${wine.id}|${format}|${box.box}`,
    });
  }
  return lines;
}
