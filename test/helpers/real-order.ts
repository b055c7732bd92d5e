import { WAREHOUSE } from '../../src/events/catalog.js';

const date = (text: string) => ({ date: text, timezone_type: 3, timezone: 'Europe/Paris' });

/** An order as WineSitting's pre-production sends one, with a real-looking person in it. */
export function realOrder(status: { value: number; name: string; label: string } = { value: 3, name: 'SHIPPED', label: 'Expédiée' }) {
  return {
    type: 'ORDER',
    operation: 'UPDATE',
    object: {
      id: 109951,
      comment: 'Sonner chez Mme Delacroix-Vasseur, code 4B12',
      is_pickup: false,
      address: {
        id: 4242,
        firstname: 'Apolline',
        lastname: 'Delacroix-Vasseur',
        company: 'Domaine Vasseur & Filles',
        street1: '18 rue des Remparts Saint-Nizier',
        street2: 'Bâtiment C, 3e étage',
        city: 'Villefranche-sur-Saône',
        zipcode: '69400',
        country: 'FR',
        phone: '+33 6 71 22 83 94',
        email: 'apolline.delacroix@vasseur-vins.fr',
        vat_number: 'FR40123456789',
        detail: 'Portail bleu, demander Apolline',
        reference: 'DELACROIX-APOLLINE',
      },
      pickup_warehouse: { ...WAREHOUSE },
      warehouse: { ...WAREHOUSE },
      attachments: ['https://files.winesitting.com/orders/109951/bon-delacroix.pdf'],
      delivery_slip: 'https://files.winesitting.com/slips/109951-apolline-delacroix.pdf',
      delivery_date: date('2026-11-30 08:00:00.000000'),
      delivery_start: '09:00',
      delivery_end: '13:00',
      preparation_date: date('2026-11-28 08:00:00.000000'),
      tracking_url: 'https://winesitting.aftership.com/6A20938475610?lang=fr',
      tracking_numbers: ['6A20938475610', '6A20938475611'],
      status,
      additional_status: null,
      reference: 'Commande Apolline 0671228394',
      origin: 'API',
      created_by: 'Apolline Delacroix-Vasseur',
      updated_by: 'WineSitting',
      created_at: date('2026-11-27 17:42:10.000000'),
      updated_at: date('2026-11-28 13:05:12.000000'),
      content: [
        {
          id: 10376,
          wine: 'Chateau Rayas',
          color: 'Rouge',
          country: 'FR',
          region: 'Rhône',
          appelation: 'Chateauneuf du Pape',
          description: 'Grenache de sable, très fin',
          ranking: null,
          millesime: 2011,
          alcohol: 14.5,
          format: 0.75,
          price: 310,
          comment: 'Offert à Jean-Baptiste Morvan',
          quantity: 12,
          box: 'CTO12',
          reference: '10376|0.75|CTO12',
        },
      ],
    },
    date: date('2026-11-28 13:05:12.000000'),
  };
}

/** Every personal string in `realOrder()`, and the pieces of them that would give a person away. */
export const REAL_ORDER_PERSONAL = [
  'Sonner chez Mme Delacroix-Vasseur, code 4B12',
  'Apolline',
  'Delacroix',
  'Vasseur',
  'Domaine Vasseur & Filles',
  'Remparts Saint-Nizier',
  'Bâtiment C, 3e étage',
  'Villefranche',
  '69400',
  '71 22 83 94',
  'vasseur-vins',
  '40123456789',
  'Portail bleu',
  'bon-delacroix',
  '20938475610',
  '20938475611',
  'Jean-Baptiste',
  'Morvan',
  '0671228394',
];

/** The paths the table calls personal, written independently of it: the test's own idea of what must go. */
export const PERSONAL_PATH =
  /^object\.(address\.(firstname|lastname|company|street1|street2|zipcode|city|phone|email|vat_number|detail|reference)|comment|reference|tracking_url|tracking_numbers\[\d+\]|delivery_slip|attachments\[\d+\]|created_by|updated_by|content\[\d+\]\.comment)$/;
