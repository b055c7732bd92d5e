/**
 * Order statuses. Only NEW = 0 and its label are confirmed by WineSitting; the other
 * values and labels are assumed (API v1 names, in lifecycle order, labels in the same
 * style). This table is the one place to correct when WineSitting confirms them.
 */
export const ORDER_STATUSES = [
  { value: 0, name: 'NEW', label: 'En attente de préparation' },
  { value: 1, name: 'PROCESSING', label: 'En cours de préparation' },
  { value: 2, name: 'READY', label: 'Prête' },
  { value: 3, name: 'SHIPPED', label: 'Expédiée' },
  { value: 4, name: 'DELIVERED', label: 'Livrée' },
  { value: 5, name: 'WITHDRAWED', label: 'Retirée' },
] as const;

export type StatusName = (typeof ORDER_STATUSES)[number]['name'];
export type StatusEntry = (typeof ORDER_STATUSES)[number];

export const STATUS_NAMES: StatusName[] = ORDER_STATUSES.map((s) => s.name);

export function findStatus(name: string): StatusEntry | undefined {
  const wanted = name
    .trim()
    .toUpperCase()
    .replace(/^STATUS_/, '');
  return ORDER_STATUSES.find((s) => s.name === wanted);
}

/** The status object as API v2 sends it: `{ value, name, label }`. */
export function statusObject(name: StatusName): { value: number; name: string; label: string } {
  const entry = ORDER_STATUSES.find((s) => s.name === name)!;
  return { value: entry.value, name: entry.name, label: entry.label };
}
