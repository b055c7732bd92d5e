import { dateToEpoch, type Order } from '../../src/index.js';

/**
 * What an order's status says about its other fields, as a generated lifecycle tells it; the broken
 * rules, empty when consistent.
 */
export function inconsistencies(order: Order): string[] {
  const problems: string[] = [];
  const status = order.status.name;
  const at = (date: unknown) => dateToEpoch(date);
  const [created, updated, preparation, delivery] = [order.created_at, order.updated_at, order.preparation_date, order.delivery_date].map(at) as [
    number,
    number,
    number,
    number,
  ];
  if (!(created <= updated)) problems.push('updated before created');
  if (!(created <= preparation)) problems.push('prepared before created');
  if (!(preparation <= delivery)) problems.push('delivered before prepared');
  if (status === 'NEW' && !(updated <= preparation)) problems.push('NEW after its preparation date');
  if (['PROCESSING', 'READY', 'SHIPPED'].includes(status) && !(updated <= delivery)) problems.push(`${status} after its delivery date`);
  if (['DELIVERED', 'WITHDRAWED'].includes(status) && !(delivery <= updated)) problems.push(`${status} before its delivery date`);
  const shipped = status === 'SHIPPED' || status === 'DELIVERED';
  if (shipped !== order.tracking_numbers.length > 0) problems.push(`${status} with ${order.tracking_numbers.length} tracking numbers`);
  if (shipped !== (order.tracking_url !== null)) problems.push(`${status} with tracking URL ${order.tracking_url}`);
  if (shipped && order.is_pickup) problems.push(`${status} but collected at the warehouse`);
  if (status === 'WITHDRAWED' && !order.is_pickup) problems.push('WITHDRAWED but not a pickup');
  if ((order.address === null) !== order.is_pickup) problems.push(`is_pickup ${order.is_pickup} with address ${JSON.stringify(order.address)}`);
  if (order.updated_by !== (status === 'NEW' ? order.created_by : 'WineSitting')) problems.push(`${status} updated by ${order.updated_by}`);
  return problems;
}
