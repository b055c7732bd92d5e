/**
 * Which values of a WineSitting event are personal, and what kind of fake replaces each:
 * the one table to change when WineSitting adds a field. Paths start at the envelope;
 * `[]` stands for every item of an array. They apply to orders and putaways alike (a
 * putaway has no address, so those lines find nothing there).
 */
export const PERSONAL_FIELDS = {
  // An address is a person's: fields WineSitting adds to it are taken as personal free text.
  'object.address': 'text',
  'object.address.firstname': 'first-name',
  'object.address.lastname': 'last-name',
  'object.address.company': 'company',
  'object.address.street1': 'street',
  'object.address.street2': 'street',
  'object.address.zipcode': 'zipcode',
  'object.address.city': 'city',
  'object.address.phone': 'phone',
  'object.address.email': 'email',
  'object.address.vat_number': 'identifier',
  'object.address.detail': 'text',
  // What the customer writes to recognise an address ("DUPONT-JEAN"): letters and digits masked, shape kept.
  'object.address.reference': 'identifier',
  'object.comment': 'text',
  // The customer's own order (or putaway) reference, free text ("Commande Jean Dupont 06…"): masked, shape kept.
  // A content line's `reference` is the bottle's SKU (`10376|0.75|CTO12`): a product identifier, kept.
  'object.reference': 'identifier',
  'object.content[].comment': 'text',
  'object.tracking_numbers[]': 'identifier',
  'object.tracking_url': 'document',
  'object.delivery_slip': 'document',
  'object.attachments[]': 'document',
  'object.created_by': 'person',
  'object.updated_by': 'person',
} as const satisfies Record<string, FakeKind>;

/**
 * The shapes fakes take. A name stays a name, a phone keeps its country prefix and
 * length, an identifier (a tracking or VAT number) its letters and digits, a document
 * (a URL or file name) its host and extension; text becomes another short instruction. A
 * `name` the model does not know is a person's, or a file's when it ends in a known extension
 * (an attachment's `facture.pdf`); a `person` is never a file (`Jean.Doc` is a login).
 */
export type FakeKind =
  'first-name' | 'last-name' | 'person' | 'name' | 'company' | 'street' | 'zipcode' | 'city' | 'phone' | 'email' | 'identifier' | 'text' | 'document';

/**
 * `created_by` and `updated_by` name a person, or WineSitting itself when its staff or
 * systems made the change (assumed from the API's examples): those names are kept, however
 * they are written (`Winesitting`, `WINESITTING`).
 */
export const NOT_PEOPLE: readonly string[] = ['WineSitting'];

/**
 * Keys the model does not know, whose name says what they hold: replaced too, and
 * reported, so that they can be added to the table above. The first rule that matches the
 * key in lower case without `_`, `-` or spaces (`contact_phone` → `contactphone`) decides;
 * `null` keeps the value, even inside a personal field (an address's country, an
 * attachment's id, type or date).
 */
export const PERSONAL_KEYS: readonly (readonly [RegExp, FakeKind | null])[] = [
  [/url|uri$|link|href/, 'document'],
  [/vat|siret|siren|iban|taxid|birth|tracking|parcel/, 'identifier'],
  [/id$|^(country|countrycode|type|kind|status|currency|lang|language|locale|timezone|timezonetype|mime|mimetype|contenttype|size|format|extension)$/, null],
  [/date$|^(created|updated|deleted|sent|received|uploaded)at$/, null],
  [/mail/, 'email'],
  [/phone|mobile|portable|^tel|fax|gsm/, 'phone'],
  [/attachment|document|file|slip/, 'document'],
  [/firstname|givenname|prenom/, 'first-name'],
  [/lastname|surname|familyname/, 'last-name'],
  [/zip|postcode|postal/, 'zipcode'],
  [/city|town|ville/, 'city'],
  [/street|address|adresse|line\d/, 'street'],
  [/company|societe|business/, 'company'],
  [/comment|note|instruction|message|remark|detail/, 'text'],
  [/name/, 'name'],
  [/contact|recipient|customer|client|person|user|author|signedby|receivedby|by$/, 'person'],
];
