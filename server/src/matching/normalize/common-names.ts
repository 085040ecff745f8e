import { canonicalFirstName, normalizeWord } from './person-name';

/**
 * Surnames and given names among the most frequent where the hub's customers are (the United States, the United
 * Kingdom, Spain and Latin America, Germany, France, Italy, the Netherlands, India, China, Korea, Vietnam), from the
 * public census and registry rankings, normalised (`normalizeWord`). Two records agreeing on such a name agree by
 * chance far more often than on a rare one: "Maria Garcia" and "John Smith" at one customer were found to be three
 * people each (issue 4, item 3), so matching weighs them less (rules: lastExactCommon, firstExactCommon). Not
 * exhaustive: a name missing here weighs as any other. Counts within an account (rarityAdjusted) still apply on top.
 */
const COMMON_SURNAMES: ReadonlySet<string> = new Set(`
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas
taylor moore jackson martin lee perez thompson white harris sanchez clark clarke ramirez lewis robinson walker young allen
king wright scott torres hill flores green adams nelson baker hall rivera campbell mitchell carter roberts davies evans
edwards hughes wood turner murphy cooper morris ward cook morgan bell kelly collins stewart
fernandez gomez diaz alvarez romero ruiz jimenez moreno munoz alonso gutierrez castillo vazquez ramos cruz reyes morales
muller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch richter wolf schafer
bernard dubois durand petit richard leroy moreau simon laurent michel lefebvre
rossi russo ferrari esposito bianchi romano colombo ricci
jansen janssen devries vries jong bakker visser smit
patel kumar singh sharma shah gupta khan
wang li zhang liu chen yang huang zhao wu zhou xu sun
kim park choi jung
nguyen tran pham
ivanov smirnov
`.trim().split(/\s+/));

/** Given names, written as their canonical form (`canonicalFirstName`: "Bob" counts as Robert). */
const COMMON_GIVEN_NAMES: ReadonlySet<string> = new Set(`
john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark paul steven
andrew george peter kevin brian edward jason ryan gary
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret sandra
maria ana jose juan carlos luis antonio manuel francisco javier miguel jesus pedro alejandro carmen laura rosa lucia
hans klaus jurgen stefan andreas wolfgang ursula monika sabine petra
jean pierre marie nathalie isabelle
giuseppe giovanni marco francesca
mohammed ali
wei jing li
`.trim().split(/\s+/).map(canonicalFirstName));

/** Whether a normalised surname is among the most frequent. */
export function isCommonSurname(surname: string): boolean {
  return COMMON_SURNAMES.has(normalizeWord(surname));
}

/** Whether a given name (any form: "Bob", "robert") is among the most frequent, by its canonical form. */
export function isCommonGivenName(first: string): boolean {
  return COMMON_GIVEN_NAMES.has(canonicalFirstName(first));
}
