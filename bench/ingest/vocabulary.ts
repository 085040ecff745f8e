/**
 * Word lists of the ingest bench's generator. Its own (not the demo's), so
 * that the bench's data, and with it its figures, stay the same while the
 * demo data evolves.
 */

/** Syllables of made-up brand words ("Norvanta", "Kelbrix"): thousands of distinct customers. */
export const SYLLABLES_START = [
  'al', 'bel', 'cor', 'dan', 'el', 'fal', 'gar', 'hal', 'ir', 'jan', 'kel', 'lum', 'mar', 'nor', 'or', 'pel', 'quin', 'ros',
  'sal', 'tor', 'ul', 'val', 'wen', 'xan', 'yor', 'zel', 'bran', 'cres', 'drav', 'fen', 'glen', 'hav', 'kor', 'lin', 'mor',
  'nex', 'ost', 'pra', 'stel', 'tri', 'ver', 'wil', 'ald', 'bor', 'cal', 'dor', 'eng', 'fir', 'gol', 'hel', 'isk', 'kar',
];
export const SYLLABLES_MIDDLE = ['a', 'e', 'i', 'o', 'u', 'an', 'en', 'ar', 'er', 'or', 'al', 'il', 'ul', 'ev', 'ov', 'is', 'at', 'et', 'om', 'un'];
export const SYLLABLES_END = [
  'ta', 'rix', 'dex', 'tec', 'ra', 'lon', 'via', 'gen', 'nova', 'mark', 'sys', 'tro', 'lux', 'dal', 'ford', 'berg', 'ia', 'ion',
  'ex', 'ica', 'on', 'um', 'ant', 'ent', 'way', 'line', 'well', 'field', 'stone', 'bridge', 'tek', 'plan', 'form', 'data',
];

/** What the customer does, as it appears in its name. */
export const TRADES = [
  'Logistics', 'Engineering', 'Foods', 'Pharma', 'Retail', 'Systems', 'Energy', 'Textiles', 'Packaging', 'Chemicals', 'Media',
  'Construction', 'Automotive', 'Electronics', 'Furniture', 'Optics', 'Medical', 'Software', 'Consulting', 'Freight', 'Steel',
  'Plastics', 'Paper', 'Beverages', 'Cosmetics', 'Instruments', 'Robotics', 'Aerospace', 'Marine', 'Agrar', 'Print', 'Labs',
];

/** Second names of "X & Y" firms. */
export const PARTNERS = ['Partner', 'Sons', 'Söhne', 'Co', 'Associates', 'Brothers', 'Fischer', 'Weber', 'Hoffmann', 'Lambert', 'Moreau', 'Rossi', 'Jansen'];

export const INDUSTRIES = [
  'Manufacturing', 'Retail', 'Logistics', 'Healthcare', 'Food & Beverage', 'Automotive', 'Energy', 'Chemicals', 'Media', 'Software',
  'Construction', 'Consumer Goods', 'Aerospace', 'Textiles',
];

export interface Country {
  code: string;
  tld: string;
  dial: string;
  /** Legal forms, with the ways divisions write the same one. */
  legalForms: readonly (readonly string[])[];
  cities: readonly { name: string; area: string; postal: string }[];
  streets: readonly string[];
  /** "street number" or "number street". */
  numberFirst: boolean;
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'DE', tld: 'de', dial: '49', numberFirst: false,
    legalForms: [['GmbH', 'G.m.b.H.', ''], ['AG', 'Aktiengesellschaft', ''], ['GmbH & Co. KG', 'GmbH & Co KG', 'KG'], ['SE', '']],
    cities: [
      { name: 'Berlin', area: '30', postal: '10' }, { name: 'Hamburg', area: '40', postal: '20' }, { name: 'München', area: '89', postal: '80' },
      { name: 'Köln', area: '221', postal: '50' }, { name: 'Frankfurt am Main', area: '69', postal: '60' }, { name: 'Stuttgart', area: '711', postal: '70' },
      { name: 'Düsseldorf', area: '211', postal: '40' }, { name: 'Leipzig', area: '341', postal: '04' }, { name: 'Hannover', area: '511', postal: '30' },
    ],
    streets: ['Hauptstraße', 'Industriestraße', 'Bahnhofstraße', 'Gewerbepark', 'Am Hafen', 'Lindenallee', 'Schillerstraße', 'Werkstraße', 'Mühlenweg'],
  },
  {
    code: 'US', tld: 'com', dial: '1', numberFirst: true,
    legalForms: [['Inc.', 'Inc', 'Incorporated', ''], ['LLC', 'L.L.C.', ''], ['Corp.', 'Corporation', 'Corp'], ['Co.', 'Company', '']],
    cities: [
      { name: 'Chicago, IL', area: '312', postal: '606' }, { name: 'Boston, MA', area: '617', postal: '021' }, { name: 'Austin, TX', area: '512', postal: '787' },
      { name: 'Denver, CO', area: '303', postal: '802' }, { name: 'Seattle, WA', area: '206', postal: '981' }, { name: 'Atlanta, GA', area: '404', postal: '303' },
      { name: 'Columbus, OH', area: '614', postal: '432' }, { name: 'Phoenix, AZ', area: '602', postal: '850' },
    ],
    streets: ['Main St', 'Industrial Pkwy', 'Commerce Dr', 'Lake Shore Dr', 'Harbor Blvd', 'Oak Ave', 'Technology Way', 'Market St', 'Elm St'],
  },
  {
    code: 'GB', tld: 'co.uk', dial: '44', numberFirst: true,
    legalForms: [['Ltd', 'Limited', 'Ltd.'], ['plc', 'PLC', 'Public Limited Company'], ['LLP', '']],
    cities: [
      { name: 'London', area: '20', postal: 'EC1' }, { name: 'Manchester', area: '161', postal: 'M1' }, { name: 'Birmingham', area: '121', postal: 'B1' },
      { name: 'Leeds', area: '113', postal: 'LS1' }, { name: 'Bristol', area: '117', postal: 'BS1' }, { name: 'Glasgow', area: '141', postal: 'G1' },
    ],
    streets: ['High Street', 'Station Road', 'Mill Lane', 'Church Road', 'Victoria Road', 'Queens Road', 'Park Lane'],
  },
  {
    code: 'FR', tld: 'fr', dial: '33', numberFirst: true,
    legalForms: [['SAS', 'S.A.S.', ''], ['S.A.', 'SA', ''], ['SARL', 'S.A.R.L.', '']],
    cities: [
      { name: 'Paris', area: '1', postal: '75' }, { name: 'Lyon', area: '4', postal: '69' }, { name: 'Marseille', area: '4', postal: '13' },
      { name: 'Toulouse', area: '5', postal: '31' }, { name: 'Lille', area: '3', postal: '59' }, { name: 'Nantes', area: '2', postal: '44' },
    ],
    streets: ['rue de la République', 'avenue Jean Jaurès', 'rue du Commerce', 'boulevard Victor Hugo', 'rue de Paris', 'rue Pasteur'],
  },
  {
    code: 'NL', tld: 'nl', dial: '31', numberFirst: false,
    legalForms: [['B.V.', 'BV', ''], ['N.V.', 'NV', '']],
    cities: [
      { name: 'Amsterdam', area: '20', postal: '10' }, { name: 'Rotterdam', area: '10', postal: '30' }, { name: 'Utrecht', area: '30', postal: '35' },
      { name: 'Eindhoven', area: '40', postal: '56' }, { name: 'Den Haag', area: '70', postal: '25' },
    ],
    streets: ['Kerkstraat', 'Stationsweg', 'Industrieweg', 'Havenstraat', 'Dorpsstraat', 'Nieuwe Gracht'],
  },
];

export const FIRST_NAMES = [
  'anna', 'ben', 'clara', 'david', 'elena', 'felix', 'greta', 'henrik', 'ines', 'jonas', 'katrin', 'lukas', 'maria', 'nils', 'olivia',
  'paul', 'rosa', 'stefan', 'tanja', 'ulrich', 'vera', 'william', 'sophie', 'james', 'emma', 'thomas', 'laura', 'michael', 'julia', 'peter',
];
export const LAST_NAMES = [
  'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'hoffmann', 'smith', 'johnson', 'brown', 'taylor',
  'martin', 'bernard', 'dubois', 'jansen', 'de-vries', 'bakker', 'rossi', 'garcia', 'nowak', 'novak', 'lindqvist', 'jensen', 'murphy',
];

/** Job titles of the customers' people. */
export const JOB_TITLES = [
  'Head of Purchasing', 'Category Manager', 'Buyer', 'Senior Buyer', 'Logistics Manager', 'Marketing Director', 'CFO', 'COO',
  'Managing Director', 'Supply Chain Lead', 'Event Manager', 'Project Manager', 'Quality Manager', 'Office Manager', 'Plant Manager',
];

/** Departments of the customers' people. */
export const DEPARTMENTS = ['Purchasing', 'Logistics', 'Marketing', 'Finance', 'Operations', 'Management', 'Quality', 'IT'];

/** Topics per touchpoint type, for subjects. */
export const TOPICS: Record<string, readonly string[]> = {
  MEETING: ['Quarterly business review', 'Kick-off meeting', 'Site visit', 'Steering committee', 'Roadmap workshop', 'Contract renewal meeting'],
  CALL: ['Follow-up call', 'Pricing call', 'Check-in call', 'Escalation call', 'Intro call with new buyer', 'Call about delivery dates'],
  EMAIL: ['Re: offer and terms', 'Fwd: delivery schedule', 'Re: invoice question', 'Documents for the audit', 'Re: sample request', 'Re: next steps'],
  PROPOSAL: ['Proposal for the 2027 framework', 'Quote for additional volume', 'Offer for the trade fair stand', 'Service extension proposal'],
  ORDER: ['Purchase order received', 'Call-off order', 'Repeat order', 'Rush order for the spring campaign'],
  CASE: ['Complaint about damaged goods', 'Support ticket: portal login', 'Late delivery claim', 'Quality issue on batch'],
  EVENT: ['Visit at Hannover Messe', 'Customer day', 'Webinar attendance', 'Dinner at EuroShop', 'Factory tour'],
  NOTE: ['Note on org changes', 'Note: budget freeze', 'Competitor activity noted', 'Internal note on credit limit'],
};

/** Sentences summaries are made of (100 to 300 characters in all). */
export const SENTENCES = [
  'Discussed volumes for next year and the price index clause.',
  'They want a single point of contact across all our divisions.',
  'Procurement asked for a revised offer by the end of the month.',
  'The new plant in the north starts production in spring.',
  'Budget for the second half is approved but not yet allocated.',
  'Concerns about delivery reliability after the last two delays.',
  'Their CFO joined for the last twenty minutes and asked about payment terms.',
  'Agreed to send samples and a reference list.',
  'A competitor offered a lower price; quality is still their main criterion.',
  'Interest in a pilot with two sites before a wider roll-out.',
  'The sustainability report needs our CO2 figures per shipment.',
  'Follow up with the technical team about the interface.',
  'They are reorganising purchasing; the category manager changes.',
  'Positive feedback on the service team, invoices still a pain point.',
  'Asked us to present at their supplier day in October.',
  'Signed the framework agreement; first call-off expected soon.',
];

export const OUTCOMES = ['Next meeting scheduled', 'Offer to be sent', 'Waiting for their decision', 'Won', 'Lost to competitor', 'Escalated to management', 'No action needed'];

export const TOUCHPOINT_TYPES: readonly (readonly [string, number])[] = [
  ['EMAIL', 35], ['CALL', 25], ['MEETING', 15], ['NOTE', 8], ['CASE', 6], ['PROPOSAL', 5], ['ORDER', 4], ['EVENT', 2],
];

/** Display values of the types as a generic CSV export writes them (mappings/generic-touchpoints.csv.json). */
export const CSV_TYPE_NAMES: Record<string, readonly string[]> = {
  MEETING: ['Meeting', 'Visit'], CALL: ['Call', 'Phone Call'], EMAIL: ['Email', 'E-mail'], PROPOSAL: ['Proposal', 'Quote'],
  ORDER: ['Order'], CASE: ['Case', 'Support Case', 'Ticket'], EVENT: ['Event', 'Trade Show'], NOTE: ['Note'],
};
