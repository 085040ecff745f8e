import { AddressInfo } from 'node:net';
import { get, IncomingHttpHeaders } from 'node:http';
import express from 'express';
import { loadConfig } from '../config/config';
import { securityHeaders } from './security-headers';

async function headersOver(env: Record<string, string>, requestHeaders: Record<string, string> = {}): Promise<IncomingHttpHeaders> {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(loadConfig({ NODE_ENV: 'production', ...env })));
  app.get('/', (_req, res) => res.send('ok'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      get(`http://127.0.0.1:${port}/`, { headers: { host: '192.0.2.2:3917', ...requestHeaders } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.headers));
      }).on('error', reject);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('securityHeaders', () => {
  it('leaves out upgrade-insecure-requests and HSTS over plain http', async () => {
    const headers = await headersOver({});
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('sends them over plain http too when OURCUSTOMER_PUBLIC_URL is https:// (a proxy that ends TLS elsewhere)', async () => {
    const headers = await headersOver({ OURCUSTOMER_PUBLIC_URL: 'https://hub.example.com' });
    expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('sends them when a local proxy says the request came over https', async () => {
    const headers = await headersOver({}, { 'x-forwarded-proto': 'https' });
    expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
