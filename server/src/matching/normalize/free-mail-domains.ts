/**
 * Registrable domains of free-mail providers and consumer ISPs. An address at one
 * of these says nothing about the company a person works for, so these domains
 * must never become company-identity keys (otherwise every customer with a Gmail
 * contact would merge).
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Found by exploratory testing (each linked two customers at the threshold): German, Mexican and Indian providers and ISPs.
  'email.de', 'mail.de', 'kabelbw.de', 'infinitum.com.mx', 'prodigy.net.mx', 'telmex.com', 'vsnl.net', 'airtelmail.in',
  // Google, Microsoft, Yahoo, AOL, Apple
  'gmail.com', 'googlemail.com',
  'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it', 'outlook.jp', 'outlook.com.au',
  'live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.it', 'live.ca', 'live.com.au', 'live.be',
  'msn.com', 'windowslive.com', 'passport.com',
  'ymail.com', 'rocketmail.com',
  'aol.com', 'aol.co.uk', 'aol.de', 'aol.fr', 'aim.com',
  'icloud.com', 'me.com', 'mac.com',
  // Privacy / independent providers
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io',
  'zoho.com', 'zohomail.com', 'fastmail.com', 'fastmail.fm', 'hushmail.com', 'mailbox.org', 'posteo.de',
  'mail.com', 'email.com', 'usa.com', 'inbox.com', 'hey.com', 'duck.com',
  // Disposable
  'mailinator.com', 'yopmail.com', 'guerrillamail.com', '10minutemail.com',
  // Germany, Austria, Switzerland
  'web.de', 't-online.de', 'freenet.de', 'arcor.de', 'online.de', 'bluewin.ch', 'gmx.net',
  // France, Belgium, Netherlands
  'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'neuf.fr', 'bbox.fr', 'club-internet.fr',
  'telenet.be', 'skynet.be', 'ziggo.nl', 'kpnmail.nl', 'planet.nl', 'home.nl', 'hetnet.nl', 'xs4all.nl',
  // Italy, Spain, Portugal
  'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tin.it', 'sapo.pt', 'telefonica.net',
  // UK, Ireland
  'btinternet.com', 'btopenworld.com', 'sky.com', 'virginmedia.com', 'ntlworld.com', 'talktalk.net',
  'blueyonder.co.uk', 'tiscali.co.uk', 'eircom.net',
  // North America
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'charter.net', 'cox.net',
  'earthlink.net', 'optonline.net', 'frontier.com', 'windstream.net', 'juno.com', 'netzero.net',
  'roadrunner.com', 'rr.com', 'centurylink.net', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'telus.net',
  // Oceania
  'bigpond.com', 'bigpond.net.au', 'optusnet.com.au', 'xtra.co.nz',
  // Eastern Europe, Russia
  'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'ya.ru', 'ukr.net', 'seznam.cz', 'centrum.cz',
  'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'abv.bg',
  // Asia, Latin America
  'qq.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', 'aliyun.com', 'naver.com',
  'hanmail.net', 'daum.net', 'rediffmail.com', 'terra.com.br', 'uol.com.br', 'bol.com.br',
  // Found missing by exploratory testing (two customers mailing from one were linked on it), with their neighbours:
  // China, Korea, Japan, Taiwan
  'foxmail.com', 'sina.cn', 'sina.com.cn', '139.com', '189.cn', 'wo.cn', '163.net', 'tom.com', '21cn.com', 'sohu.net', 'nate.com',
  'docomo.ne.jp', 'ezweb.ne.jp', 'i.softbank.jp', 'softbank.ne.jp', 'nifty.com', 'biglobe.ne.jp', 'ocn.ne.jp', 'so-net.ne.jp',
  'hinet.net',
  // Americas, Oceania, Africa, Middle East
  'bell.net', 'videotron.ca', 'cogeco.ca', 'ig.com.br', 'globomail.com', 'prodigy.net.mx', 'iinet.net.au', 'tpg.com.au',
  'internode.on.net', 'mweb.co.za', 'vodamail.co.za', 'walla.co.il', 'walla.com',
  // Europe
  'terra.es', 'op.pl', 'gazeta.pl', 'tlen.pl', 'email.cz', 'post.cz', 'volny.cz', 'azet.sk', 'zoznam.sk', 'centrum.sk', 'freemail.hu',
  'citromail.hu', 'inbox.lv', 'inbox.lt', 'mail.ee', 'i.ua', 'meta.ua', 'tut.by', 'aon.at', 'chello.at', 'chello.nl', 'upcmail.nl',
  'telia.com', 'online.no', 'telenor.no', 'sol.dk', 'jubii.dk', 'suomi24.fi', 'luukku.com', 'eclipso.de', 'kabelmail.de',
  'hispeed.ch', 'sunrise.ch', 'otenet.gr', 'netcabo.pt', 'clix.pt', 'ono.com', 'movistar.es', 'tiscali.fr', 'voila.fr', 'numericable.fr',
]);

/**
 * Providers that run the same free-mail service under many country suffixes
 * (yahoo.co.uk, hotmail.fr, gmx.at, yandex.ru, outlook.com.br, live.se, ...): matched on the label in front
 * of the public suffix instead of listing every country.
 */
export const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set(['yahoo', 'hotmail', 'gmx', 'yandex', 'outlook', 'live', 'msn', 'windowslive', 'ymail']);

/**
 * Platforms that host pages for many unrelated companies. A website such as
 * "facebook.com/acme" or "sites.google.com/view/acme" must not make "facebook.com"
 * or "google.com" a key shared by every company with such a page. The bare
 * domain ("https://www.facebook.com") still counts: that is the platform's own site.
 */
export const SHARED_WEB_HOSTS: ReadonlySet<string> = new Set([
  'facebook.com', 'fb.com', 'linkedin.com', 'twitter.com', 'x.com', 'instagram.com', 'youtube.com',
  'tiktok.com', 'pinterest.com', 'xing.com', 'google.com', 'goo.gl', 'wordpress.com',
  'wix.com', 'squarespace.com', 'tumblr.com', 'medium.com', 'github.com', 'gitlab.com',
  'linktr.ee', 'about.me', 'bit.ly', 't.me', 'wa.me',
  // Marketplaces, directories and booking sites: a shop or listing there is no domain of the company
  // ("etsy.com/shop/acme", found by exploratory testing, as are the hosts below).
  'yellowpages.com', 'yellowpages.ca', 'yell.com', 'gelbeseiten.de', 'pagesjaunes.fr', 'booking.com', 'airbnb.com',
  'alibaba.com', 'aliexpress.com', 'rakuten.com', 'rakuten.co.jp', 'mercadolibre.com', 'walmart.com', 'shopee.com', 'houzz.com',
  'trustpilot.com', 'glassdoor.com', 'crunchbase.com', 'foursquare.com', 'maps.google.com', 'g.page', 'business.google.com',
]);

/**
 * Marketplaces and review sites under many country suffixes (amazon.de, ebay.co.uk, tripadvisor.fr), matched on the
 * label in front of the public suffix as FREE_MAIL_BRANDS are: a page there is no domain of the company.
 */
export const SHARED_WEB_BRANDS: ReadonlySet<string> = new Set(['amazon', 'ebay', 'tripadvisor', 'etsy', 'yelp', 'facebook', 'linkedin', 'booking']);

/**
 * Web hosts and site builders whose tenants each have a subdomain ("baeckerei-mueller.jimdofree.com"): the tenant's
 * host is its domain, as it is on the hosts the public suffix list names privately (blogspot.com, github.io, which
 * tldts already reads so, listed here too for their "www" and pages). Without this every tenant had the platform's
 * domain, and two bakeries on jimdofree.com were one customer (found by exploratory testing).
 */
export const HOSTING_PLATFORMS: ReadonlySet<string> = new Set([
  // A Microsoft 365 tenant's own domain ("acme.onmicrosoft.com"): the tenant is the company, not Microsoft.
  'onmicrosoft.com',
  'jimdofree.com', 'jimdo.com', 'jimdosite.com', 'business.site', 'godaddysites.com', 'webnode.com', 'webnode.page', 'mystrikingly.com',
  'strikingly.com', 'site123.me', 'company.site', 'tilda.ws', 'ucoz.ru', 'ucoz.net', 'narod.ru', 'mailchimpsites.com', 'hubspotpagebuilder.com',
  'hs-sites.com', 'sharepoint.com', 'zendesk.com', 'freshdesk.com', 'substack.com', 'weebly.com', 'weeblysite.com', 'wixsite.com', 'webflow.io',
  'github.io', 'gitlab.io', 'herokuapp.com', 'netlify.app', 'netlify.com', 'vercel.app', 'pages.dev', 'web.app', 'firebaseapp.com',
  'square.site', 'myshopify.com', 'ueniweb.com', 'carrd.co', 'blogspot.com', 'blogspot.co.uk', 'blogspot.de', 'blogspot.fr', 'blogspot.com.es',
  'blogspot.it', 'blogspot.nl', 'blogspot.ca', 'blogspot.com.au', 'blogspot.in', 'blogspot.com.br', 'blogspot.mx', 'blogspot.jp', 'blogspot.ch',
  'blogspot.be', 'blogspot.pt', 'blogspot.se', 'blogspot.ie', 'blogspot.co.at', 'blogspot.ru', 'blogspot.cz', 'blogspot.gr', 'blogspot.ro',
]);
