// The small English word lists the candidate finder reads. They describe how English news copy
// introduces names (titles, particles, the words that start a sentence), not any names themselves:
// names come from the registry, and from what editors accept.

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Titles before a name: dropped, and the name after them is a person's. Normalised, one word each. */
export const TITLES = set(`
  president minister secretary mayor governor senator sen rep representative congressman congresswoman
  chancellor chairman chairwoman chairperson chair executive ceo director commissioner premier speaker
  gen general lt col colonel adm admiral capt captain sgt sergeant maj major cmdr commander
  dr doctor prof professor mr mrs ms miss mx sir dame lord lady
  king queen prince princess sheikh sheikha emir sultan pope cardinal bishop archbishop rabbi imam
  judge justice ambassador envoy spokesperson spokesman spokeswoman coach inspector superintendent
  officer lawmaker councillor councilor leader chief-executive founder shri smt
`);

/** Titles that are two or more words: matched before single ones. Normalised. */
export const MULTI_TITLES: readonly (readonly string[])[] = [
  ['secretary', 'general'],
  ['prime', 'minister'],
  ['vice', 'president'],
  ['crown', 'prince'],
  ['chief', 'executive'],
  ['attorney', 'general'],
  ['president', 'elect'],
];

/** Words that may stand before a title and go with it ("Foreign Minister", "Deputy Mayor"). */
export const TITLE_MODIFIERS = set(`
  deputy vice acting former interim senior junior assistant associate executive general chief first
  foreign finance defence defense interior home health trade culture education justice economy economic
  energy environment transport labour labor agriculture industry security police army navy opposition
  party state election supreme high grand managing under regional provincial national federal
  metropolitan city county district team club club's
`);

/** Lowercase words that introduce a person's name: "leader Kim Jong Un", "economist Sofia Castellanos". */
export const PERSON_CUES = set(`
  leader minister president chairman chairwoman chair spokesperson spokesman spokeswoman economist
  researcher scientist chemist physicist teacher fisherman farmer cricketer cyclist footballer striker
  goalkeeper conductor composer lawmaker governor mayor senator coach analyst professor director
  founder executive officer envoy ambassador actor actress singer writer novelist poet player captain
  judge counterpart premier commander colleague wife husband son daughter mother father brother sister
  novelist artist photographer chef driver pilot nurse doctor surgeon lawyer activist candidate
`);

/** Particles inside a name, kept when a capitalised word follows ("von der Leyen", "bin Salman"). */
export const PARTICLES = set(`
  de da do dos das del della di du der den van von la le bin bint binti ibn al el y ter ten zu
`);

/** Words that head an organisation's name, or end it. */
export const ORG_WORDS = set(`
  ministry department council bank inc corp corporation co ltd limited llc plc gmbh ag sa group
  university college school academy institute institution agency commission committee court tribunal
  association union federation foundation fund trust organisation organization office authority board
  bureau assembly parliament congress senate party front league alliance movement coalition
  company companies holdings industries industry systems technologies technology labs laboratories
  energy airlines airline airways motors electronics shipping steel chemicals chemical pharmaceuticals
  telecom telecommunications securities insurance capital partners enterprises logistics services
  service network news times post herald gazette press broadcasting television radio exchange hospital
  clinic club fc orchestra philharmonic symphony theatre theater museum library police army navy force
  forces guard chamber society church mosque temple cooperative co-op railways railway corporation
  nations kremlin
`);

/** Words that end a place's name ("Quezon City", "Cam River"). */
export const PLACE_WORDS = set(`
  city town village county district province prefecture region state island islands isle river lake
  sea ocean bay gulf strait mountains mountain mount valley peninsula desert coast port harbour harbor
  square street avenue road bridge park airport station
`);

/** Heads that take an "of" inside their name ("Bank of Korea", "Port of Singapore Authority"). */
export const OF_HEADS = new Set([
  ...ORG_WORDS,
  ...set(`republic kingdom emirate gulf bay isle island islands sea strait states port cape city province
  lake mount people`),
]);

/** Connectors an organisation's name may carry once it has its head ("Ministry of Industry and Trade"). */
export const ORG_CONNECTORS = set(`of the and for`);

/** Prepositions that put a bare name on the map ("in Gdansk", "near Kumasi"). */
export const PLACE_PREPOSITIONS = set(
  `in near from to into across outside around throughout toward towards via of`,
);

/** Capitalised words at the start of a sentence that are no part of a name. Normalised. */
export const SENTENCE_STARTERS = set(`
  the a an in on at by for from to with after before during when while as but and or if its it his her
  their our this that these those there here shares officials police residents analysts investors
  prices markets speaking according under over despite meanwhile however earlier later last next some
  many most several both each other another such no yes not also still yet even only then now today
  yesterday tomorrow since until although though because once about around more less we i he she they
  you what why how who where which separately elsewhere local opposition government lawmakers critics
  supporters protesters workers doctors families students voters rescuers firefighters troops
  authorities prosecutors regulators organisers organizers experts economists traders officers farmers
  fishermen teachers passengers sources rains floods heavy fire fires thousands hundreds dozens
  people children women men state federal national new-look
`);

/** Hyphenated endings that are no part of a name ("Seoul-based", "state-run"). */
export const HYPHEN_SUFFIXES = set(`
  based led backed owned run born style made bound wide era linked funded controlled like free related
  friendly level year old listed registered headquartered operated sponsored
`);

/** Months and days: capitalised, never a topic. ("May" is left out: it is also a name.) */
export const CALENDAR = set(`
  january february march april june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  mondays tuesdays wednesdays thursdays fridays saturdays sundays
`);

/** Adjectives of nationality and direction: "North Korean leader" names nobody. */
export const DEMONYMS = set(`
  korean japanese chinese vietnamese indian dutch german french british american saudi egyptian
  nigerian brazilian european asian african arab emirati qatari iraqi iranian israeli palestinian
  russian ukrainian turkish pakistani filipino indonesian thai malaysian australian canadian mexican
  spanish italian polish swedish norwegian danish finnish greek kenyan ghanaian western eastern
  northern southern english scottish welsh irish swiss belgian austrian czech portuguese argentine
  argentinian chilean colombian peruvian cuban bangladeshi sri lankan nepalese afghan syrian lebanese
  jordanian kuwaiti omani yemeni sudanese ethiopian somali congolese angolan zambian
`);

/** First names that look like adjectives of nationality ("Adrian", "Christian"). */
export const NOT_DEMONYMS = set(`
  adrian brian christian damian fabian ian julian lillian gillian jillian marian sebastian vivian
  kristian dorian cassian
`);

/** Whether a normalised word reads as an adjective of nationality. */
export function isDemonym(word: string): boolean {
  if (DEMONYMS.has(word)) return true;
  if (NOT_DEMONYMS.has(word)) return false;
  return /(?:ese|ean|ian)$/.test(word) && word.length > 5;
}

/** Abbreviations whose full stop ends no sentence. Normalised, without the dot. */
export const ABBREVIATIONS = set(`
  gen dr mr mrs ms prof sen rep gov lt col capt adm sgt maj cmdr st mt jr sr inc ltd co corp vs no
  dept univ est
`);
