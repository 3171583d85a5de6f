import { InvalidInputError } from '../../core/errors/WeComError';

/** Calls fn, expects it to throw an InvalidInputError, and returns that error. */
export function invalid(fn: () => unknown): InvalidInputError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidInputError);
  return caught as InvalidInputError;
}
