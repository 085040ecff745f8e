import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../config/config';

/**
 * Security headers for the API and the web app. The CSP allows what the built
 * app needs (its own scripts; Mantine's inline styles); the GraphiQL page of
 * development loads from a CDN, so there the CSP is off.
 *
 * `upgrade-insecure-requests` and HSTS are sent only when the hub is reached over HTTPS (the request came
 * over TLS, or through a local proxy that says so with X-Forwarded-Proto, or OURCUSTOMER_PUBLIC_URL is
 * https://): sent to a browser on plain http at an address other than localhost (the Docker quick start),
 * they made it fetch the app's scripts over https, which failed, and the page stayed blank.
 */
export function securityHeaders(config: AppConfig) {
  const forHttps = headers(config, true);
  const forHttp = headers(config, false);
  const alwaysHttps = config.publicUrl.startsWith('https:');
  return (req: Request, res: Response, next: NextFunction) => (alwaysHttps || req.secure ? forHttps : forHttp)(req, res, next);
}

function headers(config: AppConfig, https: boolean) {
  return helmet({
    contentSecurityPolicy: config.introspection
      ? false
      : {
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            frameAncestors: ["'none'"],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            // null drops helmet's default directive.
            upgradeInsecureRequests: https ? [] : null,
          },
        },
    strictTransportSecurity: https,
    crossOriginEmbedderPolicy: false,
  });
}
