import type { DemoAccount, DemoPerson, DemoSourceAccount, DemoSourceContact, GenerationContext } from './generator';
import { Random } from './random';
import { birthdayVariant, formatPhone, mailbox, nicknameOf, PhoneNumber, personNameVariant, phoneStyle } from './spelling';
import {
  COUNTRIES, DEPARTMENTS, EXECUTIVE_TITLES, FIRST_NAMES, INTERESTS, LAST_NAMES, MORE_FIRST_NAMES, MORE_LAST_NAMES,
} from './vocabulary';

const GIVEN = [...FIRST_NAMES, ...MORE_FIRST_NAMES];
const FAMILY = [...LAST_NAMES, ...MORE_LAST_NAMES];
const EMAIL_PATTERNS = [['first.last', 6], ['flast', 2], ['first_last', 1], ['firstl', 1]] as const;
const FREE_MAIL = ['gmail.com', 'outlook.com', 'web.de', 'yahoo.co.uk', 'gmx.net'];

/** A person before the divisions write them down: who they are, and what each division gets of it. */
interface Person {
  truth: DemoPerson;
  first: string;
  last: string;
  goesBy: string | null;
  doctor: boolean;
  previousTitle: string;
  phoneNumbers: PhoneNumber[];
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The people of one customer (3–12): an executive, department heads under them, their teams; each known to 1–3 of the account's divisions. */
export function buildPeople(random: Random, ctx: GenerationContext, account: DemoAccount, switchboard: PhoneNumber): DemoPerson[] {
  const country = COUNTRIES.find((c) => c.code === account.country)!;
  const domain = account.domains[0];
  const pattern = random.weighted(EMAIL_PATTERNS);
  const size = random.int(3, 12);
  const departments = random.sample(DEPARTMENTS, random.int(1, Math.min(4, size - 1)));
  const usedNames = new Set<string>();
  const usedLast = new Set<string>();
  const usedMail = new Set<string>();
  const usedLines = new Set<string>(['00']);
  const city = country.cities.find((c) => c.name === account.city)!;
  const people: Person[] = [];

  const addPerson = (title: string, department: string, boss: Person | null, previousTitle: string) => {
    let first: string, last: string;
    // Colleagues at one customer share a surname now and then (a Müller and another Müller), not as often as a small name list would make them.
    do {
      first = random.pick(GIVEN);
      last = random.pick(FAMILY);
    } while (usedNames.has(`${first} ${last}`) || (usedLast.has(last) && random.chance(0.8)));
    usedNames.add(`${first} ${last}`);
    usedLast.add(last);
    const goesBy = random.chance(0.3) ? nicknameOf(random, first) : null;
    const mailFirst = goesBy && random.chance(0.3) ? goesBy : first;
    const local = {
      'first.last': `${mailbox(mailFirst)}.${mailbox(last)}`,
      flast: `${mailbox(mailFirst)[0]}${mailbox(last)}`,
      first_last: `${mailbox(mailFirst)}_${mailbox(last)}`,
      firstl: `${mailbox(mailFirst)}${mailbox(last)[0]}`,
    }[pattern];
    let email = `${local}@${domain}`;
    for (let n = 2; usedMail.has(email); n++) email = `${local}${n}@${domain}`;
    usedMail.add(email);
    let line: string;
    do line = random.digits(2);
    while (usedLines.has(line));
    usedLines.add(line);
    // A direct line: the switchboard's number with the last two digits replaced (the company's extension range).
    const direct: PhoneNumber = { ...switchboard, subscriber: switchboard.subscriber.slice(0, -2) + line };
    const mobile: PhoneNumber = { country, area: country.mobile.prefix, subscriber: random.digits(country.mobile.subscriber) };
    const phones: PhoneNumber[] = [...(random.chance(0.8) ? [direct] : []), ...(random.chance(0.35) ? [mobile] : [])];
    const person: Person = {
      first, last, goesBy, doctor: random.chance(0.08), previousTitle, phoneNumbers: phones,
      truth: {
        id: random.uuid(),
        name: `${first} ${last}`,
        title,
        department,
        email,
        phones: phones.map((p) => formatPhone(p, 'e164')),
        birthday: random.chance(0.35) ? isoDate(random.int(1958, 1998), random.int(1, 12), random.int(1, 28)) : null,
        city: random.chance(0.85) ? city.name : random.pick(country.cities).name,
        interests: random.chance(0.5) ? random.sample(INTERESTS, random.int(1, 2)) : [],
        reportsToId: boss?.truth.id ?? null,
        records: [],
      },
    };
    people.push(person);
    return person;
  };

  const top = addPerson(random.pick(EXECUTIVE_TITLES), 'Management', null, random.pick(EXECUTIVE_TITLES));
  const heads = departments.map((d) => addPerson(d.head, d.name, top, random.pick(d.titles)));
  while (people.length < size) {
    const i = random.int(0, departments.length - 1);
    const d = departments[i];
    addPerson(random.pick(d.titles), d.name, heads[i], random.pick(d.titles));
  }

  for (const person of people) {
    const knownBy = person === top ? random.weighted([[2, 2], [3, 1], [1, 1]] as const) : random.weighted([[1, 5], [2, 3.5], [3, 1.5]] as const);
    for (const record of random.sample(account.records, Math.min(knownBy, account.records.length))) {
      person.truth.records.push(contactRecord(random, ctx, person, people, record, switchboard));
      // Now and then a system holds the same person twice.
      if (random.chance(0.02)) person.truth.records.push(contactRecord(random, ctx, person, people, record, switchboard, true));
    }
  }
  return people.map((p) => p.truth);
}

function contactRecord(
  random: Random, ctx: GenerationContext, person: Person, people: Person[], record: DemoSourceAccount, switchboard: PhoneNumber, duplicate = false,
): DemoSourceContact {
  const truth = person.truth;
  const boss = people.find((p) => p.truth.id === truth.reportsToId);
  const bossRecord = boss?.truth.records.find((r) => r.divisionKey === record.divisionKey);
  const emails: string[] = [];
  const roll = random.next();
  if (roll < 0.03) emails.push(`${mailbox(truth.department)}@${truth.email.split('@')[1]}`);
  else if (roll < (duplicate ? 0.5 : 0.82)) emails.push(random.chance(0.15) ? truth.email.replace(/^[^.@_]+/, (s) => s[0].toUpperCase() + s.slice(1)) : truth.email);
  if (random.chance(0.06)) emails.push(`${mailbox(person.first)}.${mailbox(person.last)}${random.int(1, 99)}@${random.pick(FREE_MAIL)}`);
  const style = phoneStyle(random, record.divisionKey);
  // Now and then the division noted the customer's main number for the person.
  const numbers = random.chance(0.05) ? [switchboard] : person.phoneNumbers.filter(() => random.chance(duplicate ? 0.3 : 0.7));
  const phones = numbers.map((n) => formatPhone(n, style));
  return {
    divisionKey: record.divisionKey,
    sourceSystem: record.sourceSystem,
    externalId: ctx.ids.take(record.divisionKey, 'contact', 0),
    accountExternalId: record.externalId,
    name: personNameVariant(random, person),
    title: random.chance(0.85) ? (random.chance(0.1) ? person.previousTitle : truth.title) : null,
    emails: emails.length ? emails : null,
    phones: phones.length ? phones : null,
    department: random.chance(0.7) ? truth.department : null,
    reportsToExternalId: bossRecord && !duplicate && random.chance(0.75) ? bossRecord.externalId : null,
    birthday: truth.birthday && random.chance(0.7) ? (random.chance(0.06) ? birthdayVariant(random, truth.birthday) : truth.birthday) : null,
    city: random.chance(0.5) ? truth.city : null,
    interests: truth.interests.length && random.chance(0.4) ? truth.interests : null,
  };
}
