import { Field, ObjectType } from '@nestjs/graphql';
import { Colleague } from '../colleagues/colleague.entity';

@ObjectType({ description: 'Result of signIn: the signed-in colleague. The session travels in an httpOnly cookie.' })
export class SignInPayload {
  @Field(() => Colleague, { description: 'Who is now signed in.' })
  colleague: Colleague;
}

@ObjectType({ description: 'Result of signOut.' })
export class SignOutPayload {
  @Field({ description: 'True when a session was ended.' })
  signedOut: boolean;
}

@ObjectType({ description: 'How colleagues can sign in to this hub.' })
export class SignInMethods {
  @Field({ description: 'Email and password (always available).' })
  password: boolean;

  @Field({ description: 'Single sign-on with the company identity provider; start it at /auth/oidc/start?next=/path.' })
  singleSignOn: boolean;
}
