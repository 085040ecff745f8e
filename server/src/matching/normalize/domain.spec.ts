import { companyDomains, domainOf, isFreeMailDomain } from './domain';
import { FREE_MAIL_DOMAINS } from './free-mail-domains';

describe('domainOf', () => {
  it.each([
    // URLs
    ['https://www.acme.com/about', 'acme.com'],
    ['http://user:pw@www.acme.com/x', 'acme.com'],
    ['HTTPS://WWW.ACME.COM', 'acme.com'],
    ['www.acme.co.uk/path?q=1', 'acme.co.uk'],
    ['acme.com:8080', 'acme.com'],
    // Bare hosts
    ['acme.com', 'acme.com'],
    ['ACME.COM', 'acme.com'],
    ['www.acme.co.uk', 'acme.co.uk'],
    ['  acme.com  ', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['<acme.com>', 'acme.com'],
    // E-mail addresses
    ['Bob <bob@acme.com>', 'acme.com'],
    ['bob@mail.acme.com', 'acme.com'],
    ['"Smith, Bob" <Bob.Smith@Sales.ACME.co.uk>', 'acme.co.uk'],
    ['mailto:bob@acme.com', 'acme.com'],
    ['bob@acme.com, ', 'acme.com'],
    // Private public-suffix entries keep the tenant
    ['https://acme.myshopify.com', 'acme.myshopify.com'],
    ['foo.blogspot.com', 'foo.blogspot.com'],
    // Internationalised names → punycode
    ['müller.de', 'xn--mller-kva.de'],
    ['https://www.MÜLLER.de/kontakt', 'xn--mller-kva.de'],
    ['xn--mller-kva.de', 'xn--mller-kva.de'],
  ])('%j → %j', (input, expected) => {
    expect(domainOf(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['not a domain'],
    ['acme'],
    ['localhost'],
    ['.com'],
    ['co.uk'],
    ['blogspot.com'],
    ['acme.invalidtld'],
    ['-acme.com'],
    ['acme..com'],
    ['192.168.0.1'],
    ['http://10.0.0.1:8080/x'],
    ['http://[::1]/'],
    ['bob@[192.168.0.1]'],
    ['bob@'],
    ['http://'],
  ])('%j → null', (input) => {
    expect(domainOf(input)).toBeNull();
  });
});

describe('isFreeMailDomain', () => {
  it.each([
    ['gmail.com'],
    ['GMAIL.COM'],
    ['googlemail.com'],
    ['yahoo.com'],
    ['yahoo.co.uk'],
    ['yahoo.fr'],
    ['hotmail.com'],
    ['hotmail.de'],
    ['outlook.com'],
    ['live.com'],
    ['msn.com'],
    ['aol.com'],
    ['icloud.com'],
    ['me.com'],
    ['mac.com'],
    ['gmx.de'],
    ['gmx.net'],
    ['web.de'],
    ['t-online.de'],
    ['orange.fr'],
    ['wanadoo.fr'],
    ['free.fr'],
    ['laposte.net'],
    ['libero.it'],
    ['mail.ru'],
    ['yandex.ru'],
    ['yandex.com'],
    ['qq.com'],
    ['163.com'],
    ['126.com'],
    ['proton.me'],
    ['protonmail.com'],
    ['zoho.com'],
    ['comcast.net'],
    ['verizon.net'],
    ['att.net'],
    ['sbcglobal.net'],
    ['btinternet.com'],
    // Subdomains and addresses resolve to the registrable domain first
    ['mail.yahoo.co.uk'],
    ['bob@gmail.com'],
    // Found by exploratory testing: regional Microsoft domains and providers in Asia, Latin America, Eastern Europe…
    ...['outlook.com.br', 'outlook.in', 'outlook.dk', 'outlook.cl', 'outlook.com.tr', 'outlook.sa', 'live.se', 'live.dk', 'live.no',
      'live.com.mx', 'live.com.ar', 'live.cl', 'live.in', 'live.jp', 'live.ie', 'live.at', 'hotmail.com.br', 'hotmail.co.jp', 'msn.cn',
      'foxmail.com', 'sina.cn', '139.com', '163.net', 'tom.com', '21cn.com', 'nate.com', 'docomo.ne.jp', 'ezweb.ne.jp', 'i.softbank.jp',
      'nifty.com', 'biglobe.ne.jp', 'ocn.ne.jp', 'bell.net', 'videotron.ca', 'ig.com.br', 'terra.es', 'op.pl', 'gazeta.pl', 'email.cz',
      'azet.sk', 'freemail.hu', 'citromail.hu', 'inbox.lv', 'i.ua', 'tut.by', 'aon.at', 'chello.nl', 'chello.at', 'iinet.net.au',
      'tpg.com.au', 'mweb.co.za', 'walla.co.il', 'hinet.net', 'telia.com', 'online.no', 'yahoo.com.br', 'ymail.com'].map((d) => [d]),
  ])('%j is free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each([['acme.com'], ['google.com'], ['yahoo-inc.com'], ['mygmail.com'], ['microsoft.com'], [''], ['junk'], ['outlook-tools.com'], ['livenation.com']])(
    '%j is not free mail',
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false);
    },
  );

  it('lists about 80 or more providers', () => {
    expect(FREE_MAIL_DOMAINS.size).toBeGreaterThanOrEqual(80);
  });
});

describe('companyDomains', () => {
  it.each<[Parameters<typeof companyDomains>[0], string[]]>([
    [{}, []],
    [{ website: null, domains: null, emails: null }, []],
    [{ website: 'https://www.acme.com/about' }, ['acme.com']],
    [
      {
        website: 'https://www.acme.com',
        domains: ['ACME.COM', 'acme.co.uk', 'junk'],
        emails: ['bob@mail.acme.com', 'Alice <alice@gmail.com>', 'carol@yahoo.co.uk', 'dave@acme-labs.io'],
      },
      ['acme-labs.io', 'acme.co.uk', 'acme.com'],
    ],
    [{ emails: ['a@gmail.com', 'b@hotmail.fr', 'c@comcast.net'] }, []],
    [{ website: '   ', domains: [], emails: [''] }, []],
    // Pages on shared platforms do not identify the company...
    [{ website: 'https://www.facebook.com/acme' }, []],
    [{ website: 'https://sites.google.com/view/acme' }, []],
    [{ website: 'acme.wordpress.com' }, []],
    [{ domains: ['linkedin.com/company/acme'] }, []],
    // ...but the platform's own site and staff e-mail do.
    [{ website: 'https://www.facebook.com/' }, ['facebook.com']],
    [{ website: 'https://www.google.com', emails: ['sundar@google.com'] }, ['google.com']],
    [{ emails: ['jane@facebook.com'] }, ['facebook.com']],
    // Found by exploratory testing: tenants of site builders and hosts collapsed to the platform's domain, which every
    // tenant then shared. A tenant is a domain of its own, as on blogspot.com (a private public suffix)…
    ...[
      'jimdofree.com', 'jimdo.com', 'jimdosite.com', 'business.site', 'godaddysites.com', 'webnode.com', 'mystrikingly.com', 'site123.me',
      'company.site', 'tilda.ws', 'ucoz.ru', 'narod.ru', 'mailchimpsites.com', 'hubspotpagebuilder.com', 'sharepoint.com', 'zendesk.com',
      'substack.com', 'blogspot.co.uk', 'blogspot.de', 'blogspot.com', 'wixsite.com', 'webflow.io', 'github.io', 'herokuapp.com', 'netlify.app', 'vercel.app',
    ].map((platform) => [{ website: `https://www.baeckerei-mueller.${platform}/kontakt` }, [`baeckerei-mueller.${platform}`]] as [Parameters<typeof companyDomains>[0], string[]]),
    // …its "www" is no tenant, and the platform's own site is the platform.
    [{ website: 'https://www.wixsite.com/acme' }, []],
    [{ website: 'https://www.jimdofree.com/acme' }, []],
    [{ website: 'https://www.jimdo.com' }, ['jimdo.com']],
    // …and a shop or listing on a marketplace, directory or network is no domain of the company at all.
    [{ website: 'https://www.etsy.com/shop/acme' }, []],
    [{ website: 'amazon.com/shops/acme' }, []],
    [{ website: 'https://www.amazon.de/sp?seller=A1' }, []],
    [{ website: 'ebay.com/str/acme' }, []],
    [{ website: 'https://www.ebay.co.uk/str/acme' }, []],
    [{ website: 'https://www.yellowpages.com/chicago-il/mip/acme-1' }, []],
    [{ website: 'https://www.tripadvisor.com/Restaurant_Review-acme' }, []],
    [{ website: 'https://www.tripadvisor.co.uk/Hotel_Review-acme' }, []],
    [{ website: 'https://www.booking.com/hotel/de/acme.html' }, []],
    [{ website: 'https://acme.etsy.com' }, []],
  ])('%j → %j', (input, expected) => {
    expect(companyDomains(input)).toEqual(expected);
  });
});
