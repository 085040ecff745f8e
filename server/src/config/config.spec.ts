import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({}, '/srv/hub');
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: '/srv/hub/.data', demo: true, production: false });
    expect(config.adminToken).toBeUndefined();
  });

  it('reads every variable of the automation contract', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://hub:secret@db:5432/hub',
        OURCUSTOMER_DATA_DIR: 'var/db',
        OURCUSTOMER_DEMO: '0',
        OURCUSTOMER_ADMIN_TOKEN: 'x'.repeat(32),
        NODE_ENV: 'production',
      },
      '/srv/hub',
    );
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://hub:secret@db:5432/hub',
      dataDir: '/srv/hub/var/db',
      demo: false,
      adminToken: 'x'.repeat(32),
      production: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: expected an integer from 1 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT: expected an integer from 1 to 65535, got "70000"'],
    [{ PORT: '-1' }, 'PORT: expected an integer from 1 to 65535, got "-1"'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: expected a URL like postgres://user:password@host:5432/database'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    [{ OURCUSTOMER_DEMO: 'maybe' }, 'OURCUSTOMER_DEMO: expected 0 or 1'],
    [{ OURCUSTOMER_ADMIN_TOKEN: 'short' }, 'OURCUSTOMER_ADMIN_TOKEN: expected at least 24 characters'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: expected development, production or test'],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads single sign-on settings, which need issuer and client id together', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ OURCUSTOMER_OIDC_ISSUER: 'https://id.example.com/', OURCUSTOMER_OIDC_CLIENT_ID: 'hub' }).oidc).toEqual({
      issuer: 'https://id.example.com', clientId: 'hub', clientSecret: undefined, divisionClaim: 'division',
    });
    expect(loadConfig({ OURCUSTOMER_OIDC_ISSUER: 'https://id.example.com', OURCUSTOMER_OIDC_CLIENT_ID: 'hub', OURCUSTOMER_OIDC_DIVISION_CLAIM: 'dept' }).oidc?.divisionClaim).toBe('dept');
    expect(() => loadConfig({ OURCUSTOMER_OIDC_ISSUER: 'https://id.example.com' })).toThrow('OURCUSTOMER_OIDC_CLIENT_ID: expected the client id when OURCUSTOMER_OIDC_ISSUER is set');
    expect(() => loadConfig({ OURCUSTOMER_OIDC_CLIENT_ID: 'hub' })).toThrow('OURCUSTOMER_OIDC_ISSUER: expected the issuer URL');
    expect(() => loadConfig({ OURCUSTOMER_OIDC_ISSUER: 'id.example.com', OURCUSTOMER_OIDC_CLIENT_ID: 'hub' })).toThrow('OURCUSTOMER_OIDC_ISSUER: expected an http:// or https:// URL');
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ OURCUSTOMER_PUBLIC_URL: 'https://hub.example.com/' }).publicUrl).toBe('https://hub.example.com');
  });

  it('never echoes a secret in its error', () => {
    expect(() => loadConfig({ OURCUSTOMER_ADMIN_TOKEN: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres//user:hunter2@host' })).not.toThrow(/hunter2/);
  });
});
