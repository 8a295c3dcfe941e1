import platformConfig from '../../config/platform';
import { fold } from '../../src/plugins/multilingual-search/server/src/engines/embedded/fold';
import { analyzerFor } from '../../src/plugins/multilingual-search/server/src/engines/embedded/tokenizer';

/**
 * The embedded engine's analyzer, language by language, without booting Strapi: inflected forms
 * meet, stop words vanish, diacritics fold, distinct words stay apart.
 */

const env = Object.assign((_name: string, fallback?: unknown) => fallback, { bool: (_name: string, fallback?: boolean) => fallback });
const { locales } = platformConfig({ env } as never);

const tokensOf = (locale: string, text: string) => analyzerFor(locale).tokens(text);

/** Real pairs of forms of one word (plural, case, article, verb form), per language with a stemmer. */
const INFLECTIONS: Record<string, Array<[string, string]>> = {
  en: [
    ['court', 'courts'],
    ['right', 'rights'],
    ['refugee', 'refugees'],
    ['lawyer', 'lawyers'],
    ['judgment', 'judgments'],
    ['complaint', 'complaints'],
    ['eviction', 'evictions'],
    ['evict', 'evicted'],
    ['discriminate', 'discriminated'],
    ['decide', 'decided'],
    ['hearing', 'hearings'],
    ['tenant', 'tenants'],
    ['appeal', 'appealing'],
    ['apply', 'applies'],
  ],
  de: [
    ['Gericht', 'Gerichte'],
    ['Gericht', 'Gerichts'],
    ['Recht', 'Rechte'],
    ['Flüchtling', 'Flüchtlinge'],
    ['Diskriminierung', 'Diskriminierungen'],
    ['Räumung', 'Räumungen'],
    ['Beschwerde', 'Beschwerden'],
    ['Urteil', 'Urteile'],
    ['Anwalt', 'Anwälte'],
    ['Kind', 'Kinder'],
    ['Obdachlose', 'Obdachlosen'],
    ['Mieter', 'Mietern'],
    ['Verfassungsbeschwerde', 'Verfassungsbeschwerden'],
    ['Entscheidung', 'Entscheidungen'],
    ['Frau', 'Frauen'],
  ],
  fr: [
    ['tribunal', 'tribunaux'],
    ['droit', 'droits'],
    ['réfugié', 'réfugiés'],
    ['réfugiée', 'réfugiées'],
    ['discrimination', 'discriminations'],
    ['expulsion', 'expulsions'],
    ['plainte', 'plaintes'],
    ['jugement', 'jugements'],
    ['avocat', 'avocats'],
    ['avocat', 'avocate'],
    ['enfant', 'enfants'],
    ['expulser', 'expulsé'],
    ['juger', 'jugé'],
    ['discriminé', 'discriminées'],
  ],
  es: [
    ['tribunal', 'tribunales'],
    ['derecho', 'derechos'],
    ['refugiado', 'refugiados'],
    ['discriminación', 'discriminaciones'],
    ['desahucio', 'desahucios'],
    ['queja', 'quejas'],
    ['sentencia', 'sentencias'],
    ['abogado', 'abogados'],
    ['abogada', 'abogadas'],
    ['niño', 'niños'],
    ['demanda', 'demandas'],
    ['demandar', 'demandó'],
    ['juzgar', 'juzgaron'],
  ],
  it: [
    ['tribunale', 'tribunali'],
    ['diritto', 'diritti'],
    ['rifugiato', 'rifugiati'],
    ['discriminazione', 'discriminazioni'],
    ['sfratto', 'sfratti'],
    ['ricorso', 'ricorsi'],
    ['sentenza', 'sentenze'],
    ['avvocato', 'avvocati'],
    ['bambino', 'bambini'],
    ['denuncia', 'denunce'],
    ['corte', 'corti'],
    ['giudicare', 'giudicato'],
  ],
  nl: [
    ['rechter', 'rechters'],
    ['recht', 'rechten'],
    ['vluchteling', 'vluchtelingen'],
    ['discriminatie', 'discriminaties'],
    ['uitzetting', 'uitzettingen'],
    ['klacht', 'klachten'],
    ['uitspraak', 'uitspraken'],
    ['advocaat', 'advocaten'],
    ['dakloze', 'daklozen'],
    ['vonnis', 'vonnissen'],
    ['rechtbank', 'rechtbanken'],
    ['zaak', 'zaken'],
    ['gevangenis', 'gevangenissen'],
    ['instantie', 'instanties'],
    ['man', 'mannen'],
  ],
  pt: [
    ['tribunal', 'tribunais'],
    ['direito', 'direitos'],
    ['refugiado', 'refugiados'],
    ['discriminação', 'discriminações'],
    ['despejo', 'despejos'],
    ['queixa', 'queixas'],
    ['sentença', 'sentenças'],
    ['advogado', 'advogados'],
    ['criança', 'crianças'],
    ['juiz', 'juízes'],
    ['julgamento', 'julgamentos'],
    ['julgar', 'julgou'],
    ['lei', 'leis'],
    ['social', 'sociais'],
    ['papel', 'papéis'],
  ],
  hu: [
    ['bíróság', 'bíróságok'],
    ['bíróság', 'bíróságon'],
    ['bíróság', 'bíróságnak'],
    ['jog', 'jogok'],
    ['jog', 'jogot'],
    ['menekült', 'menekültek'],
    ['hajléktalan', 'hajléktalanok'],
    ['diszkrimináció', 'diszkriminációt'],
    ['kilakoltatás', 'kilakoltatások'],
    ['panasz', 'panaszok'],
    ['panasz', 'panaszt'],
    ['ítélet', 'ítéletek'],
    ['ügyvéd', 'ügyvédek'],
    ['gyermek', 'gyermekek'],
    ['döntés', 'döntések'],
    ['törvény', 'törvények'],
    ['nő', 'nők'],
  ],
  el: [
    ['δικαστήριο', 'δικαστηρίου'],
    ['δικαστήριο', 'δικαστήρια'],
    ['δικαίωμα', 'δικαιώματα'],
    ['πρόσφυγας', 'πρόσφυγες'],
    ['έξωση', 'εξώσεις'],
    ['καταγγελία', 'καταγγελίες'],
    ['απόφαση', 'αποφάσεις'],
    ['δικηγόρος', 'δικηγόροι'],
    ['άστεγος', 'άστεγοι'],
    ['προσφυγή', 'προσφυγές'],
    ['νόμος', 'νόμου'],
    ['δικαστής', 'δικαστές'],
    ['γυναίκα', 'γυναίκες'],
    ['μετανάστης', 'μετανάστες'],
  ],
  bg: [
    ['съд', 'съдът'],
    ['съд', 'съда'],
    ['право', 'права'],
    ['право', 'правата'],
    ['бежанец', 'бежанци'],
    ['дискриминация', 'дискриминацията'],
    ['дискриминация', 'дискриминации'],
    ['жалба', 'жалби'],
    ['решение', 'решения'],
    ['адвокат', 'адвокати'],
    ['бездомен', 'бездомни'],
    ['изселване', 'изселвания'],
    ['присъда', 'присъди'],
    ['закон', 'закони'],
    ['държава', 'държави'],
    ['жена', 'жени'],
    ['ром', 'роми'],
    ['процес', 'процеси'],
  ],
  da: [
    ['domstol', 'domstole'],
    ['rettighed', 'rettigheder'],
    ['flygtning', 'flygtninge'],
    ['diskrimination', 'diskriminationen'],
    ['udsættelse', 'udsættelser'],
    ['klage', 'klager'],
    ['dom', 'domme'],
    ['advokat', 'advokater'],
    ['hjemløs', 'hjemløse'],
    ['afgørelse', 'afgørelser'],
    ['sag', 'sager'],
    ['barn', 'barnet'],
  ],
  fi: [
    ['tuomioistuin', 'tuomioistuimen'],
    ['oikeus', 'oikeudet'],
    ['oikeus', 'oikeutta'],
    ['pakolainen', 'pakolaiset'],
    ['valitus', 'valituksen'],
    ['tuomio', 'tuomiot'],
    ['asianajaja', 'asianajajat'],
    ['päätös', 'päätöksen'],
    ['kantelu', 'kantelut'],
    ['asunnoton', 'asunnottomat'],
    ['ihminen', 'ihmiset'],
    ['nainen', 'naiset'],
    ['vapaus', 'vapauden'],
    ['syrjintä', 'syrjinnän'],
  ],
  sv: [
    ['domstol', 'domstolar'],
    ['domstol', 'domstolen'],
    ['rättighet', 'rättigheter'],
    ['flykting', 'flyktingar'],
    ['diskriminering', 'diskrimineringen'],
    ['vräkning', 'vräkningar'],
    ['klagomål', 'klagomålen'],
    ['dom', 'domar'],
    ['advokat', 'advokater'],
    ['barn', 'barnen'],
    ['hemlös', 'hemlösa'],
    ['beslut', 'besluten'],
    ['kvinna', 'kvinnor'],
  ],
  ro: [
    ['instanță', 'instanțe'],
    ['instanță', 'instanța'],
    ['drept', 'drepturi'],
    ['drept', 'dreptul'],
    ['refugiat', 'refugiați'],
    ['discriminare', 'discriminări'],
    ['evacuare', 'evacuări'],
    ['plângere', 'plângeri'],
    ['hotărâre', 'hotărâri'],
    ['avocat', 'avocați'],
    ['persoană', 'persoane'],
    ['judecător', 'judecătorii'],
    ['lege', 'legi'],
    ['romi', 'romilor'],
  ],
  lt: [
    ['teismas', 'teismo'],
    ['teismas', 'teismai'],
    ['teisė', 'teisės'],
    ['pabėgėlis', 'pabėgėliai'],
    ['diskriminacija', 'diskriminacijos'],
    ['iškeldinimas', 'iškeldinimo'],
    ['skundas', 'skundai'],
    ['sprendimas', 'sprendimai'],
    ['advokatas', 'advokatai'],
    ['vaikas', 'vaikai'],
    ['benamis', 'benamiai'],
    ['įstatymas', 'įstatymo'],
  ],
  ga: [
    ['cúirt', 'gcúirt'],
    ['cúirt', 'chúirt'],
    ['cúirt', 'cúirteanna'],
    ['ceart', 'gceart'],
    ['ceart', 'cearta'],
    ['teach', 'dteach'],
    ['teach', 'theach'],
    ['páiste', 'bpáiste'],
    ['páiste', 'páistí'],
    ['breithiúnas', 'mbreithiúnas'],
    ['breithiúnas', 'breithiúnais'],
    ['dlíodóir', 'dlíodóirí'],
    ['gearán', 'gearáin'],
    ['dídeanaí', 'dídeanaithe'],
    ['athair', 'n-athair'],
    ['dlí', 'dlíthe'],
  ],
  tr: [
    ['mahkeme', 'mahkemeler'],
    ['mahkeme', 'mahkemede'],
    ['hak', 'haklar'],
    ['mülteci', 'mülteciler'],
    ['ayrımcılık', 'ayrımcılığa'],
    ['şikâyet', 'şikâyetler'],
    ['karar', 'kararlar'],
    ['karar', 'kararı'],
    ['avukat', 'avukatlar'],
    ['çocuk', 'çocuklar'],
    ['çocuk', 'çocuğu'],
    ['evsiz', 'evsizler'],
    ['kadın', 'kadınlar'],
  ],
  uk: [
    ['суд', 'суду'],
    ['суд', 'суди'],
    ['право', 'права'],
    ['право', 'правом'],
    ['біженець', 'біженці'],
    ['дискримінація', 'дискримінації'],
    ['виселення', 'виселенню'],
    ['скарга', 'скарги'],
    ['рішення', 'рішенням'],
    ['дитина', 'дитини'],
    ['бездомний', 'бездомні'],
    ['закон', 'закону'],
    ['суддя', 'судді'],
    ['жінка', 'жінки'],
  ],
  sr: [
    ['sud', 'suda'],
    ['sud', 'sudovi'],
    ['pravo', 'prava'],
    ['izbeglica', 'izbeglice'],
    ['diskriminacija', 'diskriminacije'],
    ['iseljenje', 'iseljenja'],
    ['žalba', 'žalbe'],
    ['presuda', 'presude'],
    ['advokat', 'advokati'],
    ['beskućnik', 'beskućnici'],
    ['zakon', 'zakona'],
    ['суд', 'суда'],
    ['право', 'правом'],
    ['pravnik', 'pravnici'],
  ],
  nb: [
    ['domstol', 'domstoler'],
    ['domstol', 'domstolen'],
    ['rettighet', 'rettigheter'],
    ['flyktning', 'flyktninger'],
    ['diskriminering', 'diskrimineringen'],
    ['utkastelse', 'utkastelser'],
    ['klage', 'klager'],
    ['advokat', 'advokater'],
    ['barn', 'barna'],
    ['hjemløs', 'hjemløse'],
    ['avgjørelse', 'avgjørelser'],
    ['sak', 'saker'],
  ],
  nn: [
    ['domstol', 'domstolar'],
    ['domstol', 'domstolen'],
    ['rettigheit', 'rettigheiter'],
    ['flyktning', 'flyktningar'],
    ['diskriminering', 'diskrimineringa'],
    ['klage', 'klagar'],
    ['dom', 'domar'],
    ['advokat', 'advokatar'],
    ['barn', 'barna'],
    ['heimlaus', 'heimlause'],
    ['avgjerd', 'avgjerder'],
    ['sak', 'saker'],
  ],
};

/** Frequent function words of every enabled language, as they are written in running text. */
const STOP_WORDS: Record<string, string> = {
  en: 'The of and is',
  de: 'der die das und ist nicht',
  fr: 'le la les et est dans',
  es: 'el la los y es en',
  it: 'il lo la e che di',
  nl: 'de het een en van is',
  pt: 'o a os e de que não',
  hu: 'a az és hogy nem egy',
  el: 'Της του των το και στους τις είναι ένα μια ΤΗΣ',
  bg: 'и на за от се',
  da: 'og i at det er',
  fi: 'ja on että ei se',
  sv: 'och att det är som',
  ro: 'și în de la că şi',
  lt: 'ir kad tai šis aš',
  ga: 'agus an na ar',
  tr: 've bir bu için da',
  uk: 'і в на що та',
  sr: 'između još šta између још шта',
  nb: 'og i det er som',
  nn: 'og eg ikkje kva',
  cs: 'a je se na že',
  pl: 'i w się nie że',
  sk: 'a sa na keď že',
  hr: 'i je se na da što',
  bs: 'i je se na da što',
  sl: 'in je se na da',
  lv: 'un ir ar uz kā',
  et: 'ja ei et on see',
  mt: 'il u li ta fil',
  sq: 'të në dhe një është',
  mk: 'и на во се од што ќе',
};

describe.each(Object.entries(INFLECTIONS))('inflected forms meet (%s)', (locale, pairs) => {
  test.each(pairs)('%s / %s', (form, otherForm) => {
    const token = tokensOf(locale, form);
    expect(token).toHaveLength(1);
    expect(tokensOf(locale, otherForm)).toEqual(token);
  });
});

test('every enabled language with a stemmer has at least ten inflection pairs checked', () => {
  const stemmed = locales.filter((locale) => analyzerFor(locale).stemming);
  expect(stemmed.length).toBeGreaterThan(0);
  expect(stemmed.filter((locale) => (INFLECTIONS[locale]?.length ?? 0) < 10)).toEqual([]);
});

test('every enabled language has stop words, and its frequent function words give no token', () => {
  expect(locales.filter((locale) => !STOP_WORDS[locale])).toEqual([]);
  const leftOver = Object.fromEntries(locales.map((locale) => [locale, tokensOf(locale, STOP_WORDS[locale])]));
  expect(leftOver).toEqual(Object.fromEntries(locales.map((locale) => [locale, []])));
});

test('a stop word typed without its diacritics is a stop word too', () => {
  expect(tokensOf('pl', 'sie ze juz')).toEqual([]);
  expect(tokensOf('cs', 'ze uz')).toEqual([]);
  expect(tokensOf('el', 'ειναι στις')).toEqual([]);
});

test('content words of the subject stay searchable, also where a folded stop word would hide them', () => {
  expect(tokensOf('cs', 'byt')).toHaveLength(1);
  expect(tokensOf('hu', 'ügy')).toHaveLength(1);
  expect(tokensOf('ro', 'drept')).toHaveLength(1);
  expect(tokensOf('sq', 'nen')).toHaveLength(1);
});

test.each([
  ['ł', 'Wrocław', 'wroclaw'],
  ['ß', 'Straße', 'strasse'],
  ['ø', 'Sørensen', 'sorensen'],
  ['æ', 'Ærø', 'aero'],
  ['œ', 'Œuvre', 'oeuvre'],
  ['ð þ', 'Þórður', 'thordur'],
  ['đ', 'Đurđević', 'durdevic'],
  ['ħ', 'Ħamrun', 'hamrun'],
  ['ı', 'Kırklareli', 'kirklareli'],
  ['ς', 'νόμος', 'νομοσ'],
  ['ligatures', 'ﬁnal', 'final'],
  ['marks', 'jogvédő', 'jogvedo'],
])('folding %s: %s is typed %s', (_letters, written, typed) => {
  expect(fold(written.toLowerCase())).toBe(typed);
});

test.each([
  ['pl', 'Wrocław', 'wroclaw'],
  ['pl', 'sądu', 'sadu'],
  ['de', 'Straße', 'strasse'],
  ['da', 'Sørensen', 'sorensen'],
  ['hr', 'Đurđević', 'Durdevic'],
  ['mt', 'Ħamrun', 'Hamrun'],
  ['fr', 'œuvre', 'oeuvre'],
  ['nb', 'Tromsø', 'tromso'],
])('%s: "%s" and "%s" are the same token', (locale, written, typed) => {
  expect(tokensOf(locale, typed)).toEqual(tokensOf(locale, written));
});

describe('distinct words stay distinct', () => {
  test.each([
    ['hu', 'nemzet', 'nemzedék'],
    ['hu', 'csapat', 'csapda'],
    ['hu', 'bíró', 'bíróság'],
    ['nl', 'rechter', 'recht'],
    ['fi', 'laki', 'lakko'],
    ['fi', 'asunto', 'asunnoton'],
    ['ro', 'putere', 'puternic'],
    ['ro', 'drept', 'dreptate'],
    ['sr', 'sud', 'sudija'],
    ['sr', 'zakon', 'zakonik'],
    ['uk', 'суд', 'суддя'],
    ['bg', 'съд', 'съдия'],
    ['bg', 'закон', 'законност'],
    ['ga', 'cara', 'carr'],
    ['el', 'δίκη', 'δικηγόρος'],
    ['tr', 'karar', 'kar'],
    ['pt', 'lei', 'leitura'],
  ])('%s: %s / %s', (locale, word, otherWord) => {
    expect(tokensOf(locale, word)).not.toEqual(tokensOf(locale, otherWord));
  });
});

test('spans: position in the text, folded unstemmed surface, none for stop words', () => {
  const text = 'Die Räumungen in Wrocław';
  expect(analyzerFor('de').spans(text)).toEqual([
    { token: 'raumung', surface: 'raumungen', start: 4, end: 13 },
    { token: 'wroclaw', surface: 'wroclaw', start: 17, end: 24 },
  ]);
});
