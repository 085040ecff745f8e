import type { Request, Response } from 'express';
import type { Loaders } from './loaders';

/** The per-request GraphQL context: the HTTP request and this request's DataLoaders. */
export interface RequestContext {
  req: Request;
  res: Response;
  loaders: Loaders;
}
