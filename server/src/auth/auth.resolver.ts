import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ColleaguesRepository } from '../colleagues/colleagues.repository';
import { RequestContext } from '../common/request-context';
import { ForAnyone } from './allow.decorator';
import { AuthService } from './auth.service';
import { SignInMethods, SignInPayload, SignOutPayload } from './auth.types';
import { OidcService } from './oidc.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly service: AuthService,
    private readonly colleagues: ColleaguesRepository,
    private readonly oidc: OidcService,
  ) {}

  @ForAnyone()
  @Query(() => SignInMethods, { description: 'How colleagues can sign in (for the sign-in page).' })
  signInMethods(): SignInMethods {
    return { password: true, singleSignOn: this.oidc.enabled };
  }

  @ForAnyone()
  @Mutation(() => SignInPayload, { description: 'Signs a colleague in with email and password; the session is an httpOnly cookie.' })
  async signIn(
    @Args('email', { description: 'Work email.' }) email: string,
    @Args('password', { description: 'Password.' }) password: string,
    @Context() ctx: RequestContext,
  ) {
    const { colleagueId } = await this.service.signIn(ctx.req, ctx.res, email, password);
    return { colleague: await this.colleagues.findById(colleagueId) };
  }

  @ForAnyone()
  @Mutation(() => SignOutPayload, { description: 'Ends the current session and clears its cookie.' })
  async signOut(@Context() ctx: RequestContext) {
    return { signedOut: await this.service.signOut(ctx.req, ctx.res, ctx.principal) };
  }
}
