import { describe, expect, it } from 'vitest';
import { createLifecycle, diffObjects, parseEvent } from '../../../src/index.js';
import { createRedactor, redactEvent, RedactionError } from '../../../src/events/redact/redact-event.js';
import { leaves, skeleton } from '../../helpers/leaves.js';
import { PERSONAL_PATH, REAL_ORDER_PERSONAL, realOrder } from '../../helpers/real-order.js';

const KEY = 'a key the team shares';

describe('redactEvent on a real-shaped order', () => {
  const input = realOrder();
  const { value, replaced, unknown } = redactEvent(input, KEY);
  const text = JSON.stringify(value);

  it('leaves none of the personal strings anywhere', () => {
    for (const personal of REAL_ORDER_PERSONAL) expect(text.toLowerCase()).not.toContain(personal.toLowerCase());
  });

  it('replaces exactly the personal fields, and reports each by its path', () => {
    expect(replaced).toEqual([
      'object.comment',
      'object.address.firstname',
      'object.address.lastname',
      'object.address.company',
      'object.address.street1',
      'object.address.street2',
      'object.address.city',
      'object.address.zipcode',
      'object.address.phone',
      'object.address.email',
      'object.address.vat_number',
      'object.address.detail',
      'object.address.reference',
      'object.attachments[0]',
      'object.delivery_slip',
      'object.tracking_url',
      'object.tracking_numbers[0]',
      'object.tracking_numbers[1]',
      'object.reference',
      'object.created_by',
      'object.content[0].comment',
    ]);
    expect(unknown).toEqual([]);
  });

  it('keeps every other value, the key order and every type', () => {
    const before = leaves(input);
    const after = leaves(value);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, original] of before) if (!PERSONAL_PATH.test(path)) expect(after.get(path), path).toEqual(original);
    expect(skeleton(value)).toEqual(skeleton(input));
    expect(JSON.stringify(skeleton(value))).toBe(JSON.stringify(skeleton(input)));
  });

  it('passes validation exactly as the original did', () => {
    expect(parseEvent(value).issues).toEqual(parseEvent(input).issues);
  });

  it('makes fakes of the same shape', () => {
    const object = (value as ReturnType<typeof realOrder>).object;
    const address = object.address;
    expect(address.phone).toMatch(/^\+33 6 \d\d \d\d \d\d \d\d$/);
    expect(address.zipcode).toMatch(/^\d{5}$/);
    expect(address.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
    expect(address.vat_number).toMatch(/^FR\d{11}$/);
    expect(address.street1).toMatch(/^\d+ \S+ .+/);
    expect(address.country).toBe('FR');
    expect(object.tracking_numbers[0]).toMatch(/^6A\d{11}$/);
    // The tracking URL names the same fake number as tracking_numbers; the carrier, path shape and query stay.
    expect(object.tracking_url).toBe(`https://winesitting.aftership.com/${object.tracking_numbers[0]}?lang=fr`);
    expect(object.delivery_slip).toMatch(/^https:\/\/files\.winesitting\.com\/[a-z]{5}\/\d{6}-[a-z]+-[a-z]+\.pdf$/);
    // The same person is the same fake person: created_by is the address's fake first and last name.
    expect(object.created_by).toBe(`${address.firstname} ${address.lastname}`);
    expect(object.updated_by).toBe('WineSitting');
  });

  it('leaves its input as it was', () => {
    expect(input).toEqual(realOrder());
  });
});

describe('keyed and deterministic fakes', () => {
  it('gives the same bytes with the same key, in any redactor, and other fakes with another key', () => {
    const first = JSON.stringify(redactEvent(realOrder(), KEY).value);
    expect(JSON.stringify(createRedactor(KEY).redact(realOrder()).value)).toBe(first);
    const other = redactEvent(realOrder(), 'another key').value as ReturnType<typeof realOrder>;
    const mine = JSON.parse(first) as ReturnType<typeof realOrder>;
    expect(other.object.address.phone).not.toBe(mine.object.address.phone);
    expect(other.object.tracking_numbers).not.toEqual(mine.object.tracking_numbers);
    expect(`${other.object.address.firstname} ${other.object.address.lastname} ${other.object.address.email}`).not.toBe(
      `${mine.object.address.firstname} ${mine.object.address.lastname} ${mine.object.address.email}`,
    );
  });

  it('keeps a diff on status and none on the address between two UPDATEs of one order', () => {
    const lifecycle = createLifecycle({ seed: 11, pickup: false });
    const processing = lifecycle[1]!;
    const redactor = createRedactor(KEY);
    const before = redactor.redact(processing).value as typeof processing;
    const after = redactor.redact(lifecycle[3]).value as typeof processing;
    const changed = diffObjects(before.object, after.object).map((change) => change.path);
    expect(changed).toContain('status.name');
    expect(changed).toContain('tracking_numbers');
    expect(changed.filter((path) => path.startsWith('address'))).toEqual([]);
    expect(before.object.address).toEqual(after.object.address);
    expect(before.object.address).not.toEqual(processing.object.address);
  });

  it('keeps duplicates duplicates', () => {
    const redactor = createRedactor(KEY);
    expect(JSON.stringify(redactor.redact(realOrder()).value)).toBe(JSON.stringify(redactor.redact(JSON.parse(JSON.stringify(realOrder()))).value));
  });

  it('matches the case of names', () => {
    const redactor = createRedactor(KEY);
    const order = realOrder();
    const shouting = { ...order, object: { ...order.object, address: { ...order.object.address, lastname: 'DELACROIX-VASSEUR' } } };
    const quiet = redactor.redact(order).value as typeof order;
    const loud = redactor.redact(shouting).value as typeof order;
    expect(loud.object.address.lastname).toBe(quiet.object.address.lastname.toUpperCase());
  });
});

describe('what the model does not know', () => {
  it('replaces and reports unknown keys that look personal, and keeps the others', () => {
    const order = realOrder();
    const event = {
      ...order,
      source_contact: { name: 'Hortense Lemaître', phone: '0478123456', country: 'FR', id: 7 },
      object: {
        ...order.object,
        priority: 'high',
        customer_email: 'hortense@lemaitre.fr',
        address: { ...order.object.address, mobile: '+32 470 12 34 56', floor: 'Au fond à gauche' },
      },
    };
    const { value, replaced, unknown } = redactEvent(event, KEY);
    expect(unknown).toEqual(['object.address.mobile', 'object.address.floor', 'object.customer_email', 'source_contact.name', 'source_contact.phone']);
    expect(replaced).toEqual(expect.arrayContaining(unknown));
    const redacted = value as typeof event;
    expect(redacted.source_contact.country).toBe('FR');
    expect(redacted.source_contact.id).toBe(7);
    expect(redacted.source_contact.phone).toMatch(/^04\d{8}$/);
    expect(redacted.object.address.mobile).toMatch(/^\+32 4\d\d \d\d \d\d \d\d$/);
    expect(redacted.object.priority).toBe('high');
    expect(JSON.stringify(value)).not.toMatch(/Hortense|Lemaître|lemaitre|Au fond/i);
  });

  it('replaces what lies inside a personal field whose shape is unknown, keeping ids, types and dates', () => {
    const order = realOrder();
    const attachment = {
      id: 31,
      type: 'invoice',
      name: 'facture-delacroix.pdf',
      url: 'https://files.winesitting.com/a/31/facture-delacroix.pdf',
      created_at: '2026-11-27',
    };
    const { value, unknown } = redactEvent({ ...order, object: { ...order.object, attachments: [attachment] } }, KEY);
    const [redacted] = (value as typeof order & { object: { attachments: (typeof attachment)[] } }).object.attachments;
    expect(redacted).toMatchObject({ id: 31, type: 'invoice', created_at: '2026-11-27' });
    expect(redacted!.name).toMatch(/^[a-z]+-[a-z]+\.pdf$/);
    expect(redacted!.url).toMatch(/^https:\/\/files\.winesitting\.com\/a\/31\/[a-z]+-[a-z]+\.pdf$/);
    expect(JSON.stringify(value)).not.toContain('delacroix');
    expect(unknown).toEqual([]);
  });

  it('keeps null, empty strings, numbers outside personal fields and the types of numbers inside them', () => {
    const order = realOrder();
    const event = {
      ...order,
      object: { ...order.object, comment: '', address: { ...order.object.address, company: null, phone: 33671228394, zipcode: 69400 } },
    };
    const { value } = redactEvent(event, KEY);
    const address = (value as typeof event).object.address;
    expect((value as typeof event).object.comment).toBe('');
    expect(address.company).toBeNull();
    expect(typeof address.phone).toBe('number');
    expect(String(address.phone)).toMatch(/^3\d{10}$/);
    expect(address.phone).not.toBe(33671228394);
    expect(String(address.zipcode)).toHaveLength(5);
  });

  it('takes "__proto__" as data, and redacts inside it', () => {
    const event = JSON.parse('{"type":"ORDER","operation":"CREATE","object":{"id":1,"__proto__":{"email":"apolline@vasseur.fr"}}}') as Record<string, unknown>;
    const { value, unknown } = redactEvent(event, KEY);
    const object = (value as { object: object }).object;
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.hasOwn(object, '__proto__')).toBe(true);
    expect(JSON.stringify(value)).not.toContain('vasseur');
    expect(unknown).toEqual(['object.__proto__.email']);
  });

  it('refuses a value nested far deeper than any event', () => {
    let deep: unknown = { email: 'apolline@vasseur.fr' };
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(() => redactEvent(deep, KEY)).toThrow(RedactionError);
  });

  it('needs a key', () => {
    expect(() => createRedactor('')).toThrow(/cannot be empty/);
  });
});

describe('people named in created_by and updated_by', () => {
  const author = (created_by: string, updated_by = 'WineSitting') => {
    const order = realOrder();
    const { value } = redactEvent({ ...order, object: { ...order.object, created_by, updated_by } }, KEY);
    return (value as typeof order).object;
  };

  it('fakes a First.Last or F.Last login as a person in the same shape, surname included', () => {
    const full = author('Paul.Roux').created_by;
    expect(full).toMatch(/^[A-Z][a-z]+\.[A-Z][a-z]+$/);
    expect(full).not.toMatch(/Paul|Roux/);
    const initial = author('A.Roux').created_by;
    expect(initial).toMatch(/^[A-Z]\.[A-Z][a-z]+$/);
    expect(initial).not.toContain('Roux');
    expect(author('paul.roux').created_by).toMatch(/^[a-z]+\.[a-z]+$/);
    // The same surname gets the same fake as the address's lastname would.
    const order = realOrder();
    const roux = (redactEvent({ ...order, object: { ...order.object, address: { ...order.object.address, lastname: 'Roux' } } }, KEY).value as typeof order)
      .object.address.lastname;
    expect(full.split('.')[1]).toBe(roux.normalize('NFD').replace(/[^A-Za-z]/g, ''));
  });

  it('never takes a person for a file name', () => {
    expect(author('Jean.Doc').created_by).not.toContain('Doc');
    expect(author('marie.pdf').created_by).not.toContain('marie');
  });
});

describe('file names in documents', () => {
  it('keeps only a known file extension: a last word after a dot is otherwise masked', () => {
    const order = realOrder();
    const { value } = redactEvent({ ...order, object: { ...order.object, attachments: ['bon-delacroix.pdf', 'contact.Roux', 'scan.JPEG'] } }, KEY);
    const [pdf, name, scan] = (value as typeof order).object.attachments;
    expect(pdf).toMatch(/^[a-z]+-[a-z]+\.pdf$/);
    expect(name).toMatch(/^[a-z]+\.[A-Z][a-z]+$/);
    expect(name).not.toContain('Roux');
    expect(scan).toMatch(/^[a-z]+\.JPEG$/);
  });
});

describe('phones with words in them', () => {
  const phone = (value: string) => {
    const order = realOrder();
    const { value: redacted } = redactEvent({ ...order, object: { ...order.object, address: { ...order.object.address, phone: value } } }, KEY);
    return (redacted as typeof order).object.address.phone;
  };

  it('replaces the names around the number as well as its digits', () => {
    const after = phone('06 12 34 56 78 (Marie Dupont)');
    expect(after).toMatch(/^06 \d\d \d\d \d\d \d\d \(\p{L}+ \p{L}+\)$/u);
    expect(after).not.toMatch(/Marie|Dupont|12 34 56 78/);
    const before = phone('Mme Dupont 0612345678');
    expect(before).toMatch(/^\p{L}+ \p{L}+ 06\d{8}$/u);
    expect(before).not.toMatch(/Dupont|12345678/);
  });
});

describe('references', () => {
  it("masks the customer's own references, keeping their shape, and keeps the bottles' SKUs", () => {
    const order = realOrder();
    const { value } = redactEvent(order, KEY);
    const object = (value as typeof order).object;
    expect(object.reference).toMatch(/^[A-Z][a-z]{7} [A-Z][a-z]{7} \d{10}$/);
    expect(object.address.reference).toMatch(/^[A-Z]{9}-[A-Z]{8}$/);
    expect(object.address.reference).not.toContain('DELACROIX');
    expect(object.content[0]!.reference).toBe('10376|0.75|CTO12');
  });

  it("masks a putaway's reference too", () => {
    const { value } = redactEvent({ type: 'PUTAWAY', operation: 'CREATE', object: { id: 7, reference: 'Arrivage Dupont' } }, KEY);
    expect((value as { object: { reference: string } }).object.reference).toMatch(/^[A-Z][a-z]{7} [A-Z][a-z]{5}$/);
    expect((value as { object: { reference: string } }).object.reference).not.toContain('Dupont');
  });
});

describe('people and titles', () => {
  const createdBy = (created_by: string) => {
    const order = realOrder();
    return (redactEvent({ ...order, object: { ...order.object, created_by } }, KEY).value as typeof order).object.created_by;
  };

  it('keeps WineSitting however it is written', () => {
    for (const name of ['WineSitting', 'Winesitting', 'WINESITTING', ' winesitting ']) expect(createdBy(name)).toBe(name);
  });

  it('keeps a title and fakes the name after it', () => {
    expect(createdBy('M. Jean Dupont')).toMatch(/^M\. [A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ]+$/u);
    expect(createdBy('M. Jean Dupont')).not.toMatch(/Jean|Dupont/);
    expect(createdBy('Mme Dupont')).toMatch(/^Mme [A-Z][a-zà-ÿ]+$/u);
    expect(createdBy('Dr Marie Curie')).toMatch(/^Dr [A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ]+$/u);
    // The same person with or without a title gets the same fake name.
    expect(createdBy('Mlle Jeanne Martin').replace(/^Mlle /, '')).toBe(createdBy('Jeanne Martin'));
  });
});
