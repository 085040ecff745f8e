/**
 * Mailboxes of a desk rather than a person (sales@, info@, customer.service@):
 * whoever sits at the desk reads them, so two people of one customer can give
 * the same one, and it says nothing about who a contact is. Compared with the
 * dots, hyphens and underscores taken out ("customer.service" is
 * "customerservice"), in English and the languages of the hub's divisions'
 * markets (German, Dutch, French, Spanish, Italian, Nordic). No two-letter
 * boxes (hr@, it@, ap@): those are as often a person's initials.
 */
const ROLE_MAILBOXES: ReadonlySet<string> = new Set([
  // General
  'info', 'information', 'contact', 'contacts', 'contactus', 'hello', 'mail', 'email', 'office', 'general', 'main', 'team',
  'enquiries', 'enquiry', 'inquiries', 'inquiry', 'reception', 'frontdesk', 'admin', 'administration', 'webmaster', 'postmaster',
  'hostmaster', 'noreply', 'donotreply', 'abuse', 'security', 'privacy', 'legal', 'compliance', 'press', 'media', 'marketing',
  'news', 'newsletter', 'events', 'jobs', 'careers', 'recruiting', 'humanresources', 'operations',
  // Selling and buying
  'sales', 'salesteam', 'sale', 'orders', 'order', 'ordering', 'purchasing', 'purchase', 'procurement', 'buying', 'quotes', 'quote',
  'tenders', 'tender', 'partners', 'partner', 'export', 'import', 'logistics', 'shipping', 'dispatch', 'warehouse',
  // Money
  'accounts', 'accounting', 'accountspayable', 'accountsreceivable', 'billing', 'invoice', 'invoices', 'invoicing',
  'finance', 'payments', 'payment', 'payroll',
  // Service
  'support', 'help', 'helpdesk', 'service', 'services', 'customerservice', 'customerservices', 'customercare', 'customersupport',
  'servicedesk', 'care', 'feedback', 'complaints', 'returns',
  // German, Dutch, French, Spanish, Italian, Nordic
  'kontakt', 'buero', 'bureau', 'verkauf', 'vertrieb', 'einkauf', 'bestellung', 'bestellungen', 'rechnung', 'rechnungen', 'buchhaltung',
  'zentrale', 'verkoop', 'inkoop', 'administratie', 'secretariaat', 'receptie', 'facturen', 'factuur', 'klantenservice', 'bestellingen',
  'contacto', 'ventas', 'compras', 'facturacion', 'pedidos', 'atencionalcliente', 'comptabilite', 'facturation', 'commandes', 'achats',
  'accueil', 'vente', 'ventes', 'commerciale', 'amministrazione', 'ordini', 'acquisti', 'vendite', 'fatture', 'post',
  'kundeservice', 'kundservice', 'salg', 'forsaljning', 'ekonomi', 'faktura',
]);

/** Whether an address (normalised, lower case) is a desk's mailbox rather than a person's. */
export function isRoleMailbox(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at).split('+')[0].replace(/[._-]/g, '');
  return ROLE_MAILBOXES.has(local);
}
