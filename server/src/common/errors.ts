import { GraphQLError } from 'graphql';

/** Bad input from a caller: says which argument and what was expected. */
export class UserInputError extends GraphQLError {
  constructor(argument: string, expected: string) {
    super(`Invalid ${argument}: expected ${expected}.`, {
      extensions: { code: 'BAD_USER_INPUT', argument },
    });
  }
}

/** An object that does not exist (or that the caller may not know exists). */
export class NotFoundError extends GraphQLError {
  constructor(what: string) {
    super(`${what} not found.`, { extensions: { code: 'NOT_FOUND' } });
  }
}
