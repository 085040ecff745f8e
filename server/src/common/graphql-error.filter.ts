import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Errors meant for the caller (bad input, not found, not allowed) go back as
 * they are, without being logged as server faults.
 */
@Catch(GraphQLError)
export class CallerErrorFilter implements GqlExceptionFilter {
  catch(error: GraphQLError): GraphQLError {
    return error;
  }
}
