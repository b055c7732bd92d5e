/** Realistic reference data for generated events: French wines, people and places. */

export interface CatalogWine {
  id: number;
  wine: string;
  color: string;
  region: string;
  appelation: string;
  alcohol: [number, number];
  description: string | null;
}

export const WINES: readonly CatalogWine[] = [
  {
    id: 10376,
    wine: 'Chateau Rayas',
    color: 'Rouge',
    region: 'Rhône',
    appelation: 'Chateauneuf du Pape',
    alcohol: [14, 15],
    description: 'Grenache de sable, très fin',
  },
  { id: 10412, wine: 'Chateau Margaux', color: 'Rouge', region: 'Bordeaux', appelation: 'Margaux', alcohol: [13, 14], description: 'Premier grand cru classé' },
  {
    id: 10455,
    wine: 'Chateau Pichon Longueville Comtesse de Lalande',
    color: 'Rouge',
    region: 'Bordeaux',
    appelation: 'Pauillac',
    alcohol: [13, 14],
    description: null,
  },
  {
    id: 10503,
    wine: 'Domaine Leflaive Puligny-Montrachet',
    color: 'Blanc',
    region: 'Bourgogne',
    appelation: 'Puligny-Montrachet',
    alcohol: [12.5, 13.5],
    description: 'Chardonnay en biodynamie',
  },
  {
    id: 10521,
    wine: 'Domaine Armand Rousseau Gevrey-Chambertin',
    color: 'Rouge',
    region: 'Bourgogne',
    appelation: 'Gevrey-Chambertin',
    alcohol: [13, 13.5],
    description: null,
  },
  { id: 10588, wine: 'Domaine Huet Le Haut-Lieu', color: 'Blanc', region: 'Loire', appelation: 'Vouvray', alcohol: [12, 13], description: 'Chenin demi-sec' },
  { id: 10602, wine: 'Domaine Tempier Bandol', color: 'Rosé', region: 'Provence', appelation: 'Bandol', alcohol: [13, 14], description: null },
  { id: 10644, wine: 'Trimbach Riesling Clos Sainte Hune', color: 'Blanc', region: 'Alsace', appelation: 'Alsace', alcohol: [12.5, 13.5], description: null },
  {
    id: 10671,
    wine: 'Krug Grande Cuvée',
    color: 'Blanc',
    region: 'Champagne',
    appelation: 'Champagne',
    alcohol: [12, 12.5],
    description: 'Brut, assemblage de plus de cent vins',
  },
  { id: 10690, wine: 'Domaine Jean-Louis Chave Hermitage', color: 'Rouge', region: 'Rhône', appelation: 'Hermitage', alcohol: [13.5, 14.5], description: null },
  { id: 10713, wine: "Chateau d'Yquem", color: 'Blanc', region: 'Bordeaux', appelation: 'Sauternes', alcohol: [13.5, 14], description: 'Liquoreux' },
  {
    id: 10740,
    wine: 'Domaine de la Grange des Pères',
    color: 'Rouge',
    region: 'Languedoc',
    appelation: "IGP Pays d'Hérault",
    alcohol: [13.5, 14.5],
    description: null,
  },
  {
    id: 10768,
    wine: 'Clos Rougeard Le Bourg',
    color: 'Rouge',
    region: 'Loire',
    appelation: 'Saumur-Champigny',
    alcohol: [12.5, 13.5],
    description: 'Cabernet franc',
  },
  {
    id: 10795,
    wine: 'Domaine Zind-Humbrecht Gewurztraminer',
    color: 'Blanc',
    region: 'Alsace',
    appelation: 'Alsace Grand Cru',
    alcohol: [13, 14],
    description: null,
  },
  { id: 10822, wine: 'Chateau Simone Palette', color: 'Rosé', region: 'Provence', appelation: 'Palette', alcohol: [13, 13.5], description: null },
  {
    id: 10850,
    wine: 'Brasserie du Mont Blanc La Blanche',
    color: 'Biere',
    region: 'Savoie',
    appelation: 'Bière de Savoie',
    alcohol: [4.5, 5.5],
    description: 'Bière blanche',
  },
];

/** Litres; a beer comes in 0.33. */
export const WINE_FORMATS = [0.75, 0.75, 0.75, 1.5, 0.375, 3] as const;
export const BOXES = [
  { box: 'bottles', size: 1 },
  { box: 'CTO6', size: 6 },
  { box: 'CTO12', size: 12 },
] as const;

export const FIRST_NAMES = [
  'Camille',
  'Louis',
  'Chloé',
  'Hugo',
  'Léa',
  'Gabriel',
  'Manon',
  'Arthur',
  'Inès',
  'Jules',
  'Zoé',
  'Raphaël',
  'Élodie',
  'Théo',
] as const;
export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  'Moreau',
  'Laurent',
  'Girard',
  'Roux',
  'Fontaine',
  'Chevalier',
  'Mercier',
  'Faure',
] as const;
export const COMPANIES = [null, null, 'Cave des Papilles', 'Le Bistrot du Marché', 'Maison Fontaine SAS', 'Restaurant Le Grand Véfour'] as const;

export const CITIES = [
  { city: 'Paris', zipcode: '75011', country: 'FR', phone: '+33' },
  { city: 'Lyon', zipcode: '69002', country: 'FR', phone: '+33' },
  { city: 'Bordeaux', zipcode: '33000', country: 'FR', phone: '+33' },
  { city: 'Lille', zipcode: '59800', country: 'FR', phone: '+33' },
  { city: 'Nantes', zipcode: '44000', country: 'FR', phone: '+33' },
  { city: 'Bruxelles', zipcode: '1050', country: 'BE', phone: '+32' },
  { city: 'London', zipcode: 'SW1A 1AA', country: 'GB', phone: '+44' },
] as const;

export const STREETS = [
  '12 rue de la Roquette',
  '4 place Bellecour',
  "27 cours de l'Intendance",
  '8 rue Esquermoise',
  '15 quai de la Fosse',
  '31 avenue Louise',
  '10 Downing Street',
] as const;

export const WAREHOUSE = {
  id: 1,
  public_name: 'WineSitting Chilly-Mazarin',
  street1: '5 rue Denis Papin',
  street2: '',
  city: 'Chilly-Mazarin',
  zipcode: '91380',
  country: 'FR',
} as const;

export const SLOTS = [
  ['07:30', '16:30'],
  ['09:00', '13:00'],
  ['14:00', '18:00'],
] as const;

export const COMMENTS = [null, null, null, 'Livrer avant midi, merci', 'Code porte 4512B', 'Fragile : caisses bois'] as const;
