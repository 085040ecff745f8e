// A real OpenID Connect provider (the `oidc-provider` package) for the SSO tests, run as its own
// process: node test/support/oidc-provider.mjs <port> <redirect_uri> <divisions-json>
// It signs in any login (its development login form) and issues claims { email, email_verified, division }.
import Provider from 'oidc-provider';

const [port, redirectUri, divisionsJson] = process.argv.slice(2);
const divisions = JSON.parse(divisionsJson || '{}');
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'ourcustomer',
    client_secret: 'ourcustomer-test-secret',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'division'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        // Logins starting "unverified." get no email_verified claim, as from a provider that lets people set their own email.
        const verified = id.startsWith('unverified.') ? {} : { email_verified: true };
        return { sub: id, email: id, ...verified, name: id.split('@')[0], division: divisions[id] ?? 'logistics' };
      },
    };
  },
});
provider.proxy = false;
const server = provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
