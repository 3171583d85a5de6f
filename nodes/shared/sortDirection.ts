import { describeValue } from '../../core/errors/describeValue';
import { InvalidInputError } from '../../core/errors/WeComError';

const SORT_DIRECTIONS = ['descending', 'ascending'] as const;

/** The hosts' Sort Direction as the core's `ascending`; an unknown value is refused, not read as descending. */
export function isAscending(sortDirection: unknown): boolean {
  if (!(SORT_DIRECTIONS as readonly unknown[]).includes(sortDirection)) {
    throw new InvalidInputError('ascending', `${describeValue(sortDirection)} is not a sort direction`, SORT_DIRECTIONS.join(', '));
  }
  return sortDirection === 'ascending';
}
