import type { Random } from '../random.js';
import {
  FAKE_CITIES,
  FAKE_COMPANIES,
  FAKE_EMAIL_DOMAIN,
  FAKE_FIRST_NAMES,
  FAKE_INSTRUCTIONS,
  FAKE_INSTRUCTION_ENDINGS,
  FAKE_LAST_NAMES,
  FAKE_STREET_NAMES,
  FAKE_STREET_TYPES,
} from './fake-names.js';
import { NOT_PEOPLE, type FakeKind } from './personal-fields.js';

/** What a fake is drawn with. */
export interface FakeSource {
  /** Numbers fixed by the key and `input`: the same input gets the same fake, in every file. */
  random(input: string): Random;
  /** The fake a part of the value gets on its own: a full name's first name is the fake of that first name. */
  fake(kind: FakeKind, value: string): string;
}

/** A fake of the same shape as `value`, or null when nothing in it is personal (WineSitting as an author). */
export type Faker = (value: string, source: FakeSource) => string | null;

export const FAKERS: Readonly<Record<FakeKind, Faker>> = {
  'first-name': (value, source) => matchCase(value, source.random(`first-name:${fold(value)}`).pick(FAKE_FIRST_NAMES)),
  'last-name': (value, source) => matchCase(value, source.random(`last-name:${fold(value)}`).pick(FAKE_LAST_NAMES)),
  person: fakePerson,
  name: (value, source) => (isFileName(value.trim()) ? source.fake('document', value) : fakePerson(value, source)),
  company: (value, source) => matchCase(value, source.random(`company:${fold(value)}`).pick(FAKE_COMPANIES)),
  street: fakeStreet,
  zipcode: (value, source) => maskCharacters(value, source.random(`zipcode:${value.toUpperCase()}`), 0),
  city: (value, source) => matchCase(value, source.random(`city:${fold(value)}`).pick(FAKE_CITIES)),
  phone: fakePhone,
  email: fakeEmail,
  identifier: fakeIdentifier,
  text: (value, source) => {
    const random = source.random(`text:${value.trim()}`);
    return `${random.pick(FAKE_INSTRUCTIONS)}${random.pick(FAKE_INSTRUCTION_ENDINGS)}`;
  },
  document: fakeDocument,
};

/**
 * `Inès Mercier` → a fake first name and a fake last name, the same ones the address's own
 * fields get; a login `Paul.Roux` or `P.Roux` → a fake in the same shape (`Adèle.Morel` without
 * accents: `Adele.Morel`, `A.Morel`). A person is never taken for a file name (`Jean.Doc`).
 */
function fakePerson(value: string, source: FakeSource): string | null {
  const name = value.trim();
  if (NOT_PEOPLE_FOLDED.has(fold(name))) return null;
  if (/^[^\s@]+@[^\s@]+$/.test(name)) return source.fake('email', name);
  const login = /^(\p{L}[\p{L}'-]*)\.(\p{L}[\p{L}'-]*)$/u.exec(name);
  if (login) return fakeLogin(login[1]!, login[2]!, source);
  const words = name.split(/\s+/);
  // `M. Jean Dupont`: the title stays, and is not the first name.
  const title = words.length > 1 && TITLES.has(words[0]!.toLowerCase()) ? `${words.shift()!} ` : '';
  if (words.length === 1) return `${title}${source.fake('last-name', words[0]!)}`;
  return `${title}${source.fake('first-name', words[0]!)} ${source.fake('last-name', words.slice(1).join(' '))}`;
}

const NOT_PEOPLE_FOLDED = new Set(NOT_PEOPLE.map(fold));

/** Titles written before a name, French and English: kept as they are. */
const TITLES = new Set('m m. mme mme. mlle mlle. mr mr. mrs mrs. ms ms. miss dr dr. pr pr. me me. monsieur madame mademoiselle docteur sir'.split(' '));

/** `Paul.Roux` → `Adele.Morel`, `P.Roux` → `A.Morel`: the separator, the initial and plain ASCII kept as the login had them. */
function fakeLogin(first: string, last: string, source: FakeSource): string {
  const plain = (original: string, fake: string) => (/^[\x20-\x7e]*$/.test(original) ? ascii(fake) : fake);
  const fakeFirst = plain(first, source.fake('first-name', first));
  const fakeLast = plain(last, source.fake('last-name', last));
  return `${first.length === 1 ? fakeFirst.charAt(0) : fakeFirst}.${fakeLast}`;
}

/** `facture-roux.pdf`: one word, a known file extension. */
function isFileName(value: string): boolean {
  const dot = value.lastIndexOf('.');
  return dot > 0 && !/\s/.test(value) && FILE_EXTENSIONS.has(value.slice(dot + 1).toLowerCase());
}

/** `12 rue de la Roquette` → `87 allée des Tilleuls`; a line without a number (`Bâtiment B`) gets none. */
function fakeStreet(value: string, source: FakeSource): string {
  const random = source.random(`street:${fold(value)}`);
  const number = random.int(1, 120);
  const type = random.pick(FAKE_STREET_TYPES);
  const name = random.pick(FAKE_STREET_NAMES);
  const street = /^\s*\d/.test(value) ? `${number} ${type} ${name}` : `${type.charAt(0).toUpperCase()}${type.slice(1)} ${name}`;
  return matchCase(value, street);
}

/** Country calling codes of two digits (ITU-T E.164); 1 and 7 have one, all others three. */
const TWO_DIGIT_CALLING_CODES = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91,
  92, 93, 94, 95, 98,
]);

/**
 * `+33 6 12 34 56 78` → `+33 6 48 20 97 15`: the country prefix and the digit after it
 * (mobile or landline), or a national number's `06`, are kept; the other digits are
 * drawn; spaces, dots and dashes stay where they were. At least four digits are always drawn.
 * Words written with the number (`06 12 34 56 78 (Marie Dupont)`, `Mme Dupont 06…`) name
 * someone: they become a fake person.
 */
function fakePhone(value: string, source: FakeSource): string {
  const digits = value.replace(/\D/g, '');
  const number = value.slice(Math.max(0, value.search(/[+\d]/))).trim();
  const keep = Math.min(phonePrefixLength(number, digits), Math.max(0, digits.length - 4));
  const random = source.random(`phone:${digits}`);
  let seen = 0;
  return value
    .replace(/\d/g, (digit) => (seen++ < keep ? digit : String(random.int(0, 9))))
    .replace(/\p{L}[\p{L}'.-]*(?:[ \t]+\p{L}[\p{L}'.-]*)*/gu, (words) => source.fake('person', words));
}

function phonePrefixLength(text: string, digits: string): number {
  const callingCode = (rest: string) => (rest.startsWith('1') || rest.startsWith('7') ? 1 : TWO_DIGIT_CALLING_CODES.has(Number(rest.slice(0, 2))) ? 2 : 3);
  if (text.startsWith('+')) return callingCode(digits) + 1;
  if (text.startsWith('00')) return 2 + callingCode(digits.slice(2)) + 1;
  return text.startsWith('0') ? 2 : 1;
}

/** `manon.dubois@example.fr` → `sacha.perrin@example.com`: the separator and digits of the original's shape, a domain reserved for examples. */
function fakeEmail(value: string, source: FakeSource): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return fakeIdentifier(value, source);
  const local = value.slice(0, at);
  const random = source.random(`email:${fold(value)}`);
  const first = ascii(random.pick(FAKE_FIRST_NAMES));
  const last = ascii(random.pick(FAKE_LAST_NAMES));
  const separator = /[._-]/.exec(local)?.[0];
  const name = separator ? `${first}${separator}${last}` : `${first.charAt(0)}${last}`;
  const number = /\d/.test(local) ? String(random.int(1, 99)) : '';
  return `${name}${number}@${FAKE_EMAIL_DOMAIN}`.toLowerCase();
}

/**
 * Tracking and VAT numbers: letters stay letters (in their case), digits stay digits, and a
 * two-character prefix before a number (a carrier's product code, a VAT number's country) is kept.
 */
function fakeIdentifier(value: string, source: FakeSource): string {
  const keep = /^[\p{L}\p{N}]{2}\d{3,}$/u.test(value) ? 2 : 0;
  return maskCharacters(value, source.random(`identifier:${value.toUpperCase()}`), keep);
}

/**
 * URLs and file names: the scheme, host and file extension are kept, as are query keys and
 * words of one or two characters (`lang=fr`); every other word or number is an identifier,
 * so a tracking number in a tracking URL gets the same fake as in `tracking_numbers`.
 */
function fakeDocument(value: string, source: FakeSource): string {
  const url = /^([a-z][a-z\d+.-]*:\/\/)(?:([^/?#@]*)@)?([^/?#]*)/i.exec(value);
  if (!url) return maskWords(value, source);
  const userinfo = url[2] === undefined ? '' : `${maskWords(url[2], source)}@`;
  return `${url[1]!}${userinfo}${url[3]!}${maskWords(value.slice(url[0].length), source)}`;
}

/**
 * The extensions of the files an order carries (slips, scans, invoices, spreadsheets) and of
 * web pages: kept at the end of a URL or file name. Any other last word after a dot may be a
 * name (`contact.Roux`) and is masked.
 */
const FILE_EXTENSIONS = new Set(
  'pdf jpg jpeg png gif webp heic tif tiff bmp svg csv xls xlsx ods doc docx odt rtf txt zip json xml html htm php aspx'.split(' '),
);

/**
 * Every word and number of `shortest` characters or more becomes an identifier's fake,
 * except a known file extension, a query or form key (`?lang=`, `&id=`) and a JSON key (`"email":`).
 */
export function maskWords(text: string, source: FakeSource, shortest = 3): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (word: string, offset: number) => {
    if (word.length < shortest) return word;
    const before = text.charAt(offset - 1);
    const after = text.slice(offset + word.length, offset + word.length + 8);
    if (before === '.' && FILE_EXTENSIONS.has(word.toLowerCase()) && /^(?:[?#]|$)/.test(after)) return word;
    if ((before === '' || before === '?' || before === '&') && after.startsWith('=')) return word;
    if (before === '"' && /^"\s*:/.test(after)) return word;
    return source.fake('identifier', word);
  });
}

/** An integer where a phone, zip code or identifier was expected: its first digit kept, the others drawn, so that its length stays. */
export function fakeInteger(value: number, source: FakeSource): number {
  if (!Number.isSafeInteger(value) || value < 10) return value;
  const text = String(value);
  const random = source.random(`integer:${text}`);
  return Number(`${text.charAt(0)}${text.slice(1).replace(/\d/g, () => String(random.int(0, 9)))}`);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Each letter another letter (in the same case), each digit another digit, anything else as it is; the first `keep` characters kept. */
function maskCharacters(value: string, random: Random, keep: number): string {
  let out = '';
  let index = 0;
  for (const char of value) {
    if (index++ < keep) out += char;
    else if (char >= '0' && char <= '9') out += String(random.int(0, 9));
    else if (char.toLowerCase() !== char.toUpperCase()) {
      const letter = LETTERS.charAt(random.int(0, 25));
      out += char === char.toLowerCase() ? letter : letter.toUpperCase();
    } else out += char;
  }
  return out;
}

/** The fake in the original's case when it is all capitals or all lower case (`DUPONT` → `PERRIN`). */
function matchCase(original: string, fake: string): string {
  if (original.toLowerCase() === original.toUpperCase()) return fake;
  if (original === original.toUpperCase()) return fake.toUpperCase();
  if (original === original.toLowerCase()) return fake.toLowerCase();
  return fake;
}

/** The same name however it is written: `Dupont`, `DUPONT` and ` dupont ` get one fake. */
function fold(value: string): string {
  return value.trim().toLowerCase();
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '');
}
