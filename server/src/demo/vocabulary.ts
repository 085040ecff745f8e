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
