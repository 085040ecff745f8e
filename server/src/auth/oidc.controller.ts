import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { clientIp } from './auth.service';
import { OidcService, SsoError } from './oidc.service';

/**
 * The browser side of single sign-on: /auth/oidc/start sends the browser to
 * the identity provider, /auth/oidc/callback comes back signed in. Failures
 * land on the sign-in page with a code it has a message for.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly audit: AuditService,
  ) {}

  @Get('start')
  async start(@Res() res: Response, @Query('next') next?: string): Promise<void> {
    try {
      res.redirect(302, await this.oidc.start(res, next));
    } catch (error) {
      this.failed(res, error);
    }
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      if (typeof req.query.error === 'string') {
        throw new SsoError('refused', `The identity provider refused the sign-on (${req.query.error.slice(0, 100)}).`);
      }
      res.redirect(302, await this.oidc.callback(req, res));
    } catch (error) {
      await this.audit.record({ kind: 'anonymous' }, { action: 'SIGN_IN_SSO', outcome: 'FAILURE', after: { reason: error instanceof Error ? error.message : String(error) }, ip: clientIp(req) });
      this.failed(res, error);
    }
  }

  private failed(res: Response, error: unknown): void {
    // The code alone: the page says it in its own words, the audit trail keeps the details.
    res.redirect(302, `/sign-in?error=${error instanceof SsoError ? error.code : 'failed'}`);
  }
}
