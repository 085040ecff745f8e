/** Word lists of the demo company: enough variety for realistic names, few enough to collide now and then. */
export const DIVISIONS = [
  { key: 'exhibits', name: 'Exhibits', system: 'exhibits-crm' },
  { key: 'logistics', name: 'Logistics', system: 'salesforce-logistics' },
  { key: 'digital', name: 'Digital', system: 'hubspot-digital' },
  { key: 'print', name: 'Print', system: 'print-erp' },
  { key: 'events', name: 'Events', system: 'events-sheets' },
] as const;

export const NAME_STEMS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne',
  'Soylent', 'Oscorp', 'Nakatomi', 'Gringotts', 'Monarch', 'Aperture', 'Black Mesa', 'Blue Sun', 'Massive Dynamic',
  'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Adventure Works', 'Litware', 'Proseware', 'Woodgrove', 'Lucerne',
  'Alpine', 'Baltic', 'Cascade', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Keystone',
  'Lakeside', 'Meridian', 'Nordic', 'Orion', 'Pinnacle', 'Quantum', 'Riverside', 'Summit', 'Titan', 'Unity',
  'Vertex', 'Westfield', 'Zenith', 'Aurora', 'Beacon', 'Crescent', 'Dynamo', 'Ember', 'Frontier', 'Helios',
  'Müller', 'Schäfer', 'Løvaas', 'Café Noir', 'Brandt', 'Okafor', 'Tanaka', 'Ivanov', 'Rossi', 'Dubois',
];

export const NAME_SUFFIXES = [
  'Industries', 'Logistics', 'Systems', 'Foods', 'Pharma', 'Motors', 'Energy', 'Retail', 'Media', 'Labs',
  'Manufacturing', 'Holdings', 'Textiles', 'Chemicals', 'Aerospace', 'Hotels', 'Bank', 'Insurance', 'Group', 'Works',
];

export const LEGAL_FORMS = ['Inc', 'Inc.', 'Corp', 'Corporation', 'LLC', 'Ltd', 'Limited', 'GmbH', 'AG', 'S.A.', 'BV', 'plc', 'Co.'];

export const INDUSTRIES = [
  'Manufacturing', 'Retail', 'Healthcare', 'Financial services', 'Energy', 'Automotive', 'Food & beverage',
  'Media', 'Hospitality', 'Logistics', 'Chemicals', 'Technology',
];

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Karin', 'Lukas', 'Maria',
  'Nils', 'Olivia', 'Paul', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Walter', 'Yara', 'Zoe', 'Robert', 'William',
  'Elizabeth', 'Margaret', 'James', 'Katherine',
];

export const LAST_NAMES = [
  'Smith', 'Schmidt', 'Garcia', 'Rossi', 'Novak', 'Jansen', 'Dubois', 'Kowalski', 'Nilsen', 'Okafor', 'Tanaka',
  'Ivanova', 'Fischer', 'Brown', 'Martin', 'Weber', 'Costa', 'Lindqvist', 'Horvat', 'Murphy',
];

export const REGIONS = ['Nordic', 'Iberia', 'Benelux', 'Americas', 'Asia Pacific', 'Central Europe', 'UK', 'Middle East', 'Africa', 'Alps'];

/**
 * Given names with the short forms people go by: a division that knows "Bob"
 * and one that knows "Robert" hold one person. Written for the demo, not taken
 * from the matcher's own table.
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Rob', 'Bobby'], William: ['Bill', 'Will'], Elizabeth: ['Liz', 'Beth'], Margaret: ['Maggie', 'Peggy'],
  James: ['Jim', 'Jimmy'], Katherine: ['Kate', 'Kathy'], Thomas: ['Tom'], Michael: ['Mike'], Christopher: ['Chris'],
  Alexander: ['Alex'], Jennifer: ['Jenny', 'Jen'], Richard: ['Rick', 'Dick'], Johannes: ['Hannes'], Susanne: ['Susi'],
  Daniel: ['Dan'], Patricia: ['Pat', 'Patty'], Nicholas: ['Nick'], Andreas: ['Andi'], Francesca: ['Fran'], Samuel: ['Sam'],
};

/** Where customers sit: web domains, phone numbers, addresses and currencies follow the country. */
export interface Country {
  code: string;
  tld: string;
  currency: string;
  dial: string;
  /** Trunk prefix dialled before the area code inside the country ('' where the area code keeps its 0). */
  trunk: string;
  cities: readonly { name: string; area: string; subscriber: number }[];
  mobile: { prefix: string; subscriber: number };
  streets: readonly string[];
  /** Street number before the street ("12 High Street") or after it ("Hauptstraße 12"). */
  numberFirst: boolean;
  postalDigits: number;
  /** The national company register's number, as some divisions record it instead of the VAT id. */
  register: (digits: string) => string;
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'DE', tld: 'de', currency: 'EUR', dial: '49', trunk: '0', numberFirst: false, postalDigits: 5,
    cities: [{ name: 'Berlin', area: '30', subscriber: 8 }, { name: 'Munich', area: '89', subscriber: 8 }, { name: 'Hamburg', area: '40', subscriber: 8 }, { name: 'Stuttgart', area: '711', subscriber: 7 }],
    mobile: { prefix: '151', subscriber: 8 },
    streets: ['Hauptstraße', 'Industriestraße', 'Bahnhofstraße', 'Lindenallee', 'Am Hafen', 'Gewerbepark'],
    register: (d) => `HRB ${d.slice(0, 6)}`,
  },
  {
    code: 'GB', tld: 'co.uk', currency: 'GBP', dial: '44', trunk: '0', numberFirst: true, postalDigits: 0,
    cities: [{ name: 'London', area: '20', subscriber: 8 }, { name: 'Manchester', area: '161', subscriber: 7 }, { name: 'Leeds', area: '113', subscriber: 7 }],
    mobile: { prefix: '7700', subscriber: 6 },
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', 'Park Avenue'],
    register: (d) => `Company No. 0${d.slice(0, 7)}`,
  },
  {
    code: 'FR', tld: 'fr', currency: 'EUR', dial: '33', trunk: '0', numberFirst: true, postalDigits: 5,
    cities: [{ name: 'Paris', area: '1', subscriber: 8 }, { name: 'Lyon', area: '4', subscriber: 8 }, { name: 'Lille', area: '3', subscriber: 8 }],
    mobile: { prefix: '6', subscriber: 8 },
    streets: ['Rue de la République', 'Avenue Victor Hugo', 'Boulevard Voltaire', 'Rue du Commerce', 'Quai de la Gare'],
    register: (d) => `RCS ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)}`,
  },
  {
    code: 'US', tld: 'com', currency: 'USD', dial: '1', trunk: '', numberFirst: true, postalDigits: 5,
    cities: [{ name: 'New York', area: '212', subscriber: 7 }, { name: 'Chicago', area: '312', subscriber: 7 }, { name: 'Boston', area: '617', subscriber: 7 }, { name: 'Austin', area: '512', subscriber: 7 }],
    mobile: { prefix: '646', subscriber: 7 },
    streets: ['Main Street', 'Park Avenue', 'Market Street', 'Harbor Drive', 'Commerce Boulevard', 'Oak Lane'],
    // US companies have one federal id (the EIN, used as the VAT id here); some divisions record the state's file number instead.
    register: (d) => `DE file no. ${d.slice(0, 7)}`,
  },
  {
    code: 'NL', tld: 'nl', currency: 'EUR', dial: '31', trunk: '0', numberFirst: false, postalDigits: 4,
    cities: [{ name: 'Amsterdam', area: '20', subscriber: 7 }, { name: 'Rotterdam', area: '10', subscriber: 7 }, { name: 'Utrecht', area: '30', subscriber: 7 }],
    mobile: { prefix: '6', subscriber: 8 },
    streets: ['Keizersgracht', 'Stationsplein', 'Havenstraat', 'Industrieweg', 'Marktplein'],
    register: (d) => `KvK ${d.slice(0, 8)}`,
  },
  {
    code: 'SE', tld: 'se', currency: 'SEK', dial: '46', trunk: '0', numberFirst: false, postalDigits: 5,
    cities: [{ name: 'Stockholm', area: '8', subscriber: 7 }, { name: 'Gothenburg', area: '31', subscriber: 7 }, { name: 'Malmö', area: '40', subscriber: 7 }],
    mobile: { prefix: '70', subscriber: 7 },
    streets: ['Drottninggatan', 'Storgatan', 'Hamngatan', 'Industrivägen'],
    register: (d) => `${d.slice(0, 6)}-${d.slice(6, 10)}`,
  },
  {
    code: 'CH', tld: 'ch', currency: 'CHF', dial: '41', trunk: '0', numberFirst: false, postalDigits: 4,
    cities: [{ name: 'Zurich', area: '44', subscriber: 7 }, { name: 'Basel', area: '61', subscriber: 7 }, { name: 'Geneva', area: '22', subscriber: 7 }],
    mobile: { prefix: '79', subscriber: 7 },
    streets: ['Bahnhofstrasse', 'Seestrasse', 'Industriestrasse', 'Rue du Rhône'],
    register: (d) => `CHE-${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}`,
  },
  {
    code: 'IT', tld: 'it', currency: 'EUR', dial: '39', trunk: '', numberFirst: false, postalDigits: 5,
    cities: [{ name: 'Milan', area: '02', subscriber: 8 }, { name: 'Rome', area: '06', subscriber: 8 }, { name: 'Turin', area: '011', subscriber: 7 }],
    mobile: { prefix: '347', subscriber: 7 },
    streets: ['Via Roma', 'Corso Italia', 'Via Garibaldi', 'Viale Europa'],
    register: (d) => `REA MI-${d.slice(0, 7)}`,
  },
  {
    code: 'ES', tld: 'es', currency: 'EUR', dial: '34', trunk: '', numberFirst: false, postalDigits: 5,
    cities: [{ name: 'Madrid', area: '91', subscriber: 7 }, { name: 'Barcelona', area: '93', subscriber: 7 }, { name: 'Valencia', area: '96', subscriber: 7 }],
    mobile: { prefix: '6', subscriber: 8 },
    streets: ['Calle Mayor', 'Gran Vía', 'Avenida de América', 'Calle de Alcalá'],
    register: (d) => `B${d.slice(0, 8)}`,
  },
];

/** Departments of a customer and the titles people hold there, most senior first. */
export const DEPARTMENTS: readonly { name: string; head: string; titles: readonly string[] }[] = [
  { name: 'Purchasing', head: 'Head of Purchasing', titles: ['Procurement Manager', 'Senior Buyer', 'Buyer', 'Category Manager'] },
  { name: 'Marketing', head: 'Marketing Director', titles: ['Brand Manager', 'Event Manager', 'Marketing Manager', 'Trade Show Coordinator'] },
  { name: 'IT', head: 'Chief Information Officer', titles: ['IT Project Manager', 'Solution Architect', 'Systems Engineer', 'Product Owner'] },
  { name: 'Operations', head: 'Head of Operations', titles: ['Supply Chain Manager', 'Logistics Manager', 'Warehouse Manager', 'Plant Manager'] },
  { name: 'Finance', head: 'Chief Financial Officer', titles: ['Controller', 'Head of Accounting', 'Financial Analyst'] },
  { name: 'Sales', head: 'Sales Director', titles: ['Key Account Manager', 'Sales Manager', 'Inside Sales'] },
  { name: 'Legal', head: 'General Counsel', titles: ['Contract Manager', 'Legal Counsel'] },
];

/** The top of a customer's organisation. */
export const EXECUTIVE_TITLES = ['Chief Executive Officer', 'Managing Director', 'Chief Operating Officer'];

/** Surnames beyond LAST_NAMES for customers' people, with accents that divisions spell in ASCII. */
export const MORE_LAST_NAMES = [
  'Müller', 'Sánchez', 'Lefèvre', 'Øberg', 'Bianchi', 'Jönsson', 'van Dijk', 'O\'Brien', 'Nowak', 'Petrov', 'Haddad', 'Yilmaz',
  'Andersen', 'Keller', 'Moreau', 'Ferrari', 'Walsh', 'Hughes', 'Becker', 'Wagner', 'Lopez', 'Silva', 'Kim', 'Chen', 'Patel',
  'Hoffmann', 'Schulz', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Vogel', 'Brandl', 'Roux', 'Fontaine', 'Girard', 'Mercier',
  'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Fernández', 'Moreno', 'Navarro', 'Ortega', 'Castillo', 'Bakker', 'Visser',
  'de Vries', 'Smit', 'Mulder', 'Eriksson', 'Larsson', 'Nyström', 'Hansen', 'Berg', 'Thompson', 'Robinson', 'Clarke', 'Wright',
  'Evans', 'Turner', 'Collins', 'Stewart', 'Morgan', 'Bennett', 'Gallagher', 'Kennedy', 'Schneider', 'Wójcik', 'Dvořák', 'Novotný',
  'Kovács', 'Nagy', 'Popescu', 'Georgiou', 'Papadopoulos', 'Demir', 'Kaya', 'Nakamura', 'Suzuki', 'Wang', 'Liu', 'Singh',
  'Sharma', 'Mensah', 'Adeyemi', 'Santos', 'Pereira', 'Almeida', 'Lindgren', 'Åberg', 'Virtanen', 'Korhonen',
];

export const MORE_FIRST_NAMES = [
  'Stefan', 'Martina', 'Claire', 'Pierre', 'Giulia', 'Luca', 'Carmen', 'Javier', 'Sanne', 'Pieter', 'Ingrid', 'Lars', 'Emma',
  'Oliver', 'Charlotte', 'George', 'Aisha', 'Kenji', 'Mei', 'Arjun', 'Kwame', 'Ana', 'João', 'Eva', 'Tomasz', 'Zsofia',
  'Thomas', 'Michael', 'Christopher', 'Alexander', 'Jennifer', 'Richard', 'Johannes', 'Susanne', 'Daniel', 'Patricia',
  'Nicholas', 'Andreas', 'Francesca', 'Samuel', 'Sophie', 'Lena', 'Marco', 'Chloé', 'Astrid', 'Björn', 'Léa', 'Mateo',
  'Priya', 'Omar', 'Hannah', 'Isabel', 'Henrik', 'Julia',
];

export const INTERESTS = [
  'sailing', 'golf', 'jazz', 'cycling', 'wine', 'football', 'chess', 'hiking', 'photography', 'cooking', 'opera',
  'tennis', 'marathon running', 'history', 'skiing', 'architecture', 'classic cars',
];

/** What each division sells: topics of its touchpoints and opportunities, and typical deal sizes. */
export const DIVISION_BUSINESS: Record<string, { topics: readonly string[]; deals: readonly string[]; amount: [number, number] }> = {
  exhibits: {
    topics: ['the stand at Hannover Messe', 'a booth redesign', 'the modular exhibition system', 'next year\'s trade fair calendar', 'the showroom fit-out'],
    deals: ['Trade fair stand', 'Booth redesign', 'Modular exhibition system', 'Showroom fit-out', 'Trade fair season'],
    amount: [20_000, 400_000],
  },
  logistics: {
    topics: ['the freight contract', 'warehouse capacity', 'express deliveries', 'customs handling', 'the returns process'],
    deals: ['Freight framework contract', 'Warehousing', 'Express delivery service', 'Customs brokerage', 'Returns handling'],
    amount: [50_000, 1_800_000],
  },
  digital: {
    topics: ['the web shop relaunch', 'the CRM integration', 'the analytics dashboard', 'app maintenance', 'the product data feed'],
    deals: ['Web shop relaunch', 'CRM integration', 'Analytics dashboard', 'App maintenance contract', 'Product information system'],
    amount: [10_000, 300_000],
  },
  print: {
    topics: ['the catalogue print run', 'the packaging redesign', 'the annual report', 'point-of-sale displays', 'brochure reprints'],
    deals: ['Catalogue print run', 'Packaging redesign', 'Annual report print', 'POS displays', 'Brochure framework'],
    amount: [5_000, 150_000],
  },
  events: {
    topics: ['the customer summit', 'the product launch event', 'the dealer conference', 'the incentive trip', 'the anniversary gala'],
    deals: ['Customer summit', 'Product launch event', 'Dealer conference', 'Incentive trip', 'Anniversary gala'],
    amount: [15_000, 250_000],
  },
};

export const TRADE_FAIRS = ['Hannover Messe', 'EuroShop', 'drupa', 'Bauma', 'IFA', 'Interpack', 'SIAL Paris', 'Web Summit'];

export const COMPETITORS = ['Expo Partners', 'FastFreight', 'PixelWorks', 'PrintHouse 24', 'Eventify'];

/** Subjects by touchpoint type; {topic}, {fair}, {year}, {n}, {competitor}, {department} are filled in. */
export const SUBJECTS: Record<string, readonly string[]> = {
  MEETING: ['Quarterly business review', 'Kick-off: {topic}', 'Site visit', 'Account planning workshop', 'Introduction meeting', 'Review of {topic}', 'Lunch with the buying team'],
  CALL: ['Follow-up call on {topic}', 'Check-in call', 'Pricing call', 'Call about delivery dates', 'Feedback on {topic}', 'Call: budget for {year}'],
  EMAIL: ['Re: {topic}', 'Quote for {topic}', 'Documents for {topic}', 'Fwd: invoice question', 'Meeting notes', 'Re: Re: timeline for {topic}'],
  PROPOSAL: ['Proposal: {topic}', 'Revised offer: {topic}', 'Framework agreement {year}', 'Offer {n}'],
  ORDER: ['Order {n}: {topic}', 'Call-off order {n}', 'Repeat order: {topic}'],
  CASE: ['Complaint: late delivery', 'Invoice discrepancy on order {n}', 'Quality issue with {topic}', 'Portal access problem', 'Damaged goods on delivery {n}'],
  EVENT: ['{fair}: visit at our stand', 'Customer evening at {fair}', 'Webinar: {topic}', 'Our partner summit {year}'],
  NOTE: ['Budget freeze announced', 'New procurement policy', 'Reorganisation in {department}', '{competitor} is pitching', 'Board approved the {year} budget'],
};

export const DETAILS = [
  'They compare us with two other suppliers.', 'Budget is approved for the next quarter.', 'Decision expected after the board meeting.',
  'Asked for references in their industry.', 'Concerned about lead times.', 'Happy with the last delivery.',
  'Wants one contact across our divisions.', 'Mentioned that another division of ours talks to their marketing team.',
  'Price is the main concern; quality is fine.', 'New CFO is reviewing all supplier contracts.', 'Their volumes grow about 10% a year.',
  'Sustainability criteria are now part of every tender.', 'Asked whether we can also handle their events.', 'Payment terms are a sticking point.',
];

export const OUTCOMES: Record<string, readonly string[]> = {
  MEETING: ['Follow-up meeting agreed', 'Send revised proposal', 'They will introduce us to their CFO', 'No decision yet', 'Agreed next steps and owners'],
  CALL: ['Call back next week', 'Send the quote', 'No answer yet', 'Agreed to meet on site', 'Escalated to the account owner'],
  EMAIL: ['Answered', 'Waiting for their reply', 'Documents sent'],
  PROPOSAL: ['Under review', 'Accepted', 'Rejected: price', 'Asked for changes'],
  ORDER: ['Confirmed', 'Delivered', 'Invoiced'],
  CASE: ['Resolved', 'Credit note issued', 'Replacement shipped', 'Open: waiting for the customer'],
  EVENT: ['Good conversation, follow-up planned', 'Met three new people', 'Brief hello only'],
  NOTE: [],
};
