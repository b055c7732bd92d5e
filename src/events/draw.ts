import { CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES, STREETS } from './catalog.js';
import type { Random } from './random.js';
import type { Address } from './schema.js';

/** Realistic values drawn from a seeded source: people, addresses, tracking numbers. */

export function drawPerson(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

export function drawAddress(random: Random): Address {
  const firstname = random.pick(FIRST_NAMES);
  const lastname = random.pick(LAST_NAMES);
  const place = random.pick(CITIES);
  return {
    id: random.int(1000, 99_999),
    firstname,
    lastname,
    company: random.pick(COMPANIES),
    street1: random.pick(STREETS),
    street2: null,
    city: place.city,
    zipcode: place.zipcode,
    country: place.country,
    phone: `${place.phone}${random.int(600_000_000, 799_999_999)}`,
    email: `${ascii(firstname)}.${ascii(lastname)}@example.com`.toLowerCase(),
    vat_number: null,
    detail: random.chance(0.3) ? 'Interphone au nom de la société' : null,
    reference: null,
  };
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '');
}

export function drawTrackingNumber(random: Random): string {
  return `6A${String(random.int(10 ** 10, 10 ** 11 - 1))}`;
}

/** The carrier's tracking page of a parcel. */
export function trackingUrl(trackingNumber: string): string {
  return `https://winesitting.aftership.com/${trackingNumber}?lang=fr`;
}
