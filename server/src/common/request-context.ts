import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal';
import type { Loaders } from './loaders';

/** The per-request GraphQL context: the HTTP request, the caller, and this request's DataLoaders. */
export interface RequestContext {
  req: Request;
  res: Response;
  principal: Principal;
  loaders: Loaders;
}
