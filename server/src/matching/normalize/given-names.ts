import { NICKNAME_GROUPS } from './nicknames';

/**
 * Given names that are names in their own right, normalised (`normalizeWord`). Many differ from
 * another by a letter or two, often a man's and a woman's name ("Daniel" / "Danielle", "Paul" /
 * "Paula", "Mark" / "Mary", "John" / "Joan", "Ian" / "Ivan"): two such names are two people's, not
 * one name mistyped. Every name of the nickname table counts too (its canonical names and variants).
 * Not exhaustive: a name missing here is compared by its letters, as before.
 */
const MORE_GIVEN_NAMES = `
aaron abel ada adam adela adele adriana adrian adrienne agata agnes aida aidan alan alana alberta alberto alena alessandra
alessandro alessia alexa alexis alfons alfonso alice alicia alina aline alma alois aloisia amalia amelia ana anastasia andrea
andrei andrej andres angela angelo angelika anita anja anke anna annette annika anton antonia antonio antonin ariana arne
astrid axel barbara beate benedikt benno bernd berta bettina bianca birgit bjorn boris brigitte bruno camila camilla camille
carina carla carlo carlos carmen carol carola caroline carsten cecilia celine chiara christa christiane christine christoph
claudia claudio clemens conrad constanze cornelia daniela danilo dario david debora denis denise diana diego dieter dietmar
dirk dominik dominika doris edgar edita egon elena eleonora elias elke ella ellen elisa elise elsa emil emilia
emilie emilio emma enrico enrique erica erich erik erika ernst esther eugen eugenia eva ewa fabian fabio federica federico
felix felicitas filip filipa florian franz franziska frida friedrich fritz gabriela gabriele georg georgia gerda gerhard
gernot gisela gregor greta gudrun guido gunter gustav hanne hannes hans hansjorg harald hedwig heidi heike heiko heinrich
heinz helena helga helmut hendrik herbert hermann hilde horst hugo ian iain ida ilona ines inga inge ingo ingrid irena irene
iris irma isabel isabella isabelle ivan ivana ivo jakob jan jana janina janka jannik jaroslav jaroslava jasmin jens joan
joana joanna joao jochen johann johanna jonas jorg jorge josef josefa jozef juan juana julia julian juliane julie julius
jurgen karel karin karina karl karla katarina katja kerstin kilian kirsten klara klaus konrad kristina kurt lara laura lea
lena leo leon leona leonie lidia lina linda lisa lorenz lorenzo lotte luca lucas lucia lucie ludwig luis luisa luise lukas
lutz magda magdalena maja malte manfred manuel manuela marcel marcela marco marek margit maria marian mariana marie marina
mario marion marius marko markus marta marthe martina mateo matteo mathias matthias maximilian melanie mia michaela michal
michel michele michelle milan milena mirko miroslav miroslava monika nadine nadja natalia natalie nicola nicolas
nicole niklas nikola nils nina nora norbert olaf olga oskar otto pablo paola paolo pascal pascale patrik paul paula pauline
pavel pavla pedro petr petra philipp pia pierre pietro rainer ralf regina reinhard renata renate rene rita roland rolf
romana romano rosa rosemarie ruth sabine sabrina sandra sara sebastian silke silvia simon simona simone sofia sonja stefan
stefanie stefano susanne sven svenja tamara tatjana thea theo thomas thorsten tilo tim tina tobias tomas torsten ulla ulrich
ulrike ursula ute uwe valentin valentina vanessa vera veronika viktor viktoria vincent vincenzo vit vlasta walter wolfgang
yvonne zdenek zdenka zuzana
`;

const KNOWN: ReadonlySet<string> = new Set([
  ...MORE_GIVEN_NAMES.split(/\s+/).filter(Boolean),
  ...NICKNAME_GROUPS.flatMap(([canonical, variants]) => [canonical, ...variants]),
]);

/** Whether a normalised word is a given name we know as a name of its own. */
export function isKnownGivenName(word: string): boolean {
  return KNOWN.has(word);
}

const VOWEL_ENDING = /^[aeio]$/;

/**
 * A woman's form of a man's name, or the other way round, by its ending: the one name and an "a" or "e"
 * more ("Jan" / "Jana", "Louis" / "Louise"), or another vowel at its end ("Mario" / "Maria").
 */
function otherForm(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3) return false;
  if (long.length === short.length + 1 && long.startsWith(short) && (long.endsWith('a') || long.endsWith('e'))) return true;
  return long.length === short.length && short.slice(0, -1) === long.slice(0, -1) && VOWEL_ENDING.test(short.slice(-1)) && VOWEL_ENDING.test(long.slice(-1));
}

/**
 * Two given names, normalised and different, that are two names rather than one name mistyped: both
 * known names ("Mark" / "Mary", "Daniel" / "Danielle"), or the two forms of one name for a man and a
 * woman ("Jan" / "Jana", "Mario" / "Maria").
 */
export function areTwoGivenNames(a: string, b: string): boolean {
  if (a === b || sameSpoken(a, b)) return false;
  return (isKnownGivenName(a) && isKnownGivenName(b)) || otherForm(a, b);
}

/**
 * Two spellings of one name, not two names: alike once letters written differently for one sound are
 * folded (c/k, z/s, ph/f, th/t, a doubled letter): "Mathias" / "Matthias", "Lukas" / "Lucas", "Marco" /
 * "Marko", "Jozef" / "Josef", "Katarina" / "Katharina" (found in review: the list holds both spellings, and
 * they went to review instead of linking).
 */
function sameSpoken(a: string, b: string): boolean {
  return spoken(a) === spoken(b);
}

function spoken(name: string): string {
  return name.replace(/ph/g, 'f').replace(/th/g, 't').replace(/c(?=[aouklr]|$)/g, 'k').replace(/z/g, 's').replace(/(.)\1+/g, '$1');
}
