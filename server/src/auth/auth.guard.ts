import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { RequestContext } from '../common/request-context';
import { ALLOW_METADATA } from './allow.decorator';
import { Audience, audiencesOf } from './principal';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The one place where authorization is enforced: every root operation must
 * declare @Allow(...); without it nobody may call it. Fields below the root
 * inherit the root's decision (their services add object-level checks).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    if (!ROOT_TYPES.has(gql.getInfo().parentType.name)) return true;
    const allowed = this.reflector.get<Audience[] | undefined>(ALLOW_METADATA, context.getHandler()) ?? [];
    const { principal } = gql.getContext<RequestContext>();
    const audiences = audiencesOf(principal);
    if (allowed.some((audience) => audiences.includes(audience))) return true;
    if (principal.kind === 'anonymous') throw new UnauthenticatedError();
    throw new ForbiddenError();
  }
}
