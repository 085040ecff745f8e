import helmet from 'helmet';
import { AppConfig } from '../config/config';

/**
 * Security headers for the API and the web app. The CSP allows what the built
 * app needs (its own scripts; Mantine's inline styles); the GraphiQL page of
 * development loads from a CDN, so there the CSP is off.
 */
export function securityHeaders(config: AppConfig) {
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
          },
        },
    crossOriginEmbedderPolicy: false,
  });
}
