/**
 * Stop words that no installed package has. Compiled for this project from the grammar of each
 * language: its most frequent function words (articles, prepositions, conjunctions, personal and
 * demonstrative pronouns, forms of "to be" and "to have", particles), never nouns, adjectives
 * or full verbs that a search could be about. Written as in running text; they are folded for matching.
 */

/**
 * Greek: both @orama/stopwords and the `stopword` package ship the same 75 words, without most of
 * the articles. Here: the definite and indefinite articles in every case, their contractions
 * with σε ("στους", "στις"), the weak personal pronouns, and a few frequent adverbs and verbs.
 */
export const GREEK_ARTICLES_AND_PRONOUNS = [
  'ο', 'η', 'το', 'οι', 'τα', 'του', 'της', 'των', 'τον', 'την', 'τη', 'τους', 'τις',
  'στο', 'στη', 'στην', 'στον', 'στα', 'στου', 'στης', 'στων', 'στους', 'στις',
  'ένας', 'μία', 'μια', 'ένα', 'ενός', 'μιας', 'έναν', 'μιαν',
  'μου', 'σου', 'μας', 'σας', 'με', 'σε', 'εμείς', 'εσείς', 'εγώ', 'εσύ',
  'ή', 'ούτε', 'είτε', 'όμως', 'αφού', 'όταν', 'όπου', 'ότι', 'πως', 'ως', 'έως', 'ώστε',
  'είναι', 'ήταν', 'έχει', 'έχουν', 'είχε', 'θα', 'δεν', 'μην', 'όχι', 'ναι',
  'πολύ', 'μόνο', 'επίσης', 'ακόμα', 'ακόμη', 'πριν', 'μεταξύ', 'χωρίς', 'υπό', 'περί', 'εκ', 'εξ',
];

/**
 * Irish: eclipsis and t-prothesis before a vowel are written with a hyphen ("ár n-athair",
 * "an t-uisce"), which splits them off as one-letter words that mean nothing on their own.
 */
export const IRISH_MUTATION_PREFIXES = ['n', 't', 'h'];

/**
 * Maltese. The article and the prepositions fused with it are written with a hyphen ("il-qorti",
 * "tal-bniedem", "fid-dar"), so they reach the analyzer as words of their own; the article's "l"
 * takes the first letter of a noun starting with ċ, d, n, r, s, t, x, ż or z ("id-dritt").
 */
export const MALTESE = [
  'il', 'l', 'iċ', 'id', 'in', 'ir', 'is', 'it', 'ix', 'iż', 'iz',
  'ta', "ta'", 'tal', 'tad', 'tat', 'tas', 'tar', 'tan', 'tax', 'taż', 'taċ',
  'fi', 'fil', 'fl', 'fid', 'fit', 'fis', 'fir', 'fin', 'fix', 'fiż', 'fiċ',
  'bi', 'bil', 'bl', 'bid', 'bit', 'bis', 'bir', 'bix', 'biż',
  'lil', 'lill', 'lid', 'lit', 'lis', 'lir', 'lix', 'liż',
  'mill', 'mid', 'mit', 'mis', 'mir', 'mix', 'miż', 'minn', 'mal', 'sal', 'għal', 'għall', 'għad', 'ġol',
  'u', 'jew', 'imma', 'iżda', 'li', 'ma', 'mhux', 'biex', 'għax', 'għaliex', 'jekk', 'meta', 'fejn', 'kif',
  'kemm', 'x', 'xi', 'ebda', 'kull', 'kollha', 'kollu', 'anki', 'ukoll', 'wkoll', 'diġà', 'issa', 'hawn', 'hemm',
  'fuq', 'taħt', 'bejn', 'wara', 'qabel', 'bħal', 'mingħajr', 'kontra', 'skont', 'permezz', 'sa', 'lejn',
  'jien', 'jiena', 'inti', 'int', 'hu', 'huwa', 'hi', 'hija', 'aħna', 'intom', 'huma',
  'dan', 'din', 'dawn', 'dak', 'dik', 'dawk', 'tiegħu', 'tagħha', 'tagħhom', 'tagħna', 'tiegħi',
  'kien', 'kienet', 'kienu', 'ikun', 'tkun', 'ikunu', 'qed', 'qiegħed', 'qiegħda', 'se', 'ser',
  'għandu', 'għandha', 'għandhom', 'għandna', 'għandi', 'hemmx', 'aktar', 'iktar', 'ħafna',
];

/** Albanian. The linking article ("i", "e", "të", "së") stands before adjectives and genitives. */
export const ALBANIAN = [
  'i', 'e', 'të', 'së', 'u', 'një', 'dhe', 'ose', 'apo', 'por', 'edhe', 'as', 'nëse', 'sepse', 'se',
  'që', 'kur', 'ku', 'si', 'sa', 'pse', 'çfarë', 'cili', 'cila', 'cilët', 'cilat', 'kush', 'çdo',
  'në', 'me', 'pa', 'për', 'nga', 'mbi', 'nën', 'te', 'tek', 'deri', 'pas', 'para', 'prej', 'sipas', 'ndaj',
  'midis', 'ndërmjet', 'gjatë', 'pranë', 'rreth', 'kundër', 'përveç',
  'unë', 'ti', 'ai', 'ajo', 'ne', 'ju', 'ata', 'ato', 'më', 'na', 'tij', 'saj', 'tyre', 'atij',
  'asaj', 'atyre', 'im', 'ime', 'yt', 'jote', 'ynë', 'jonë', 'juaj',
  'ky', 'kjo', 'këta', 'këto', 'këtë', 'këtij', 'kësaj', 'këtyre', 'atë',
  'është', 'janë', 'ishte', 'ishin', 'jam', 'je', 'jemi', 'jeni', 'qenë', 'ka', 'kanë', 'kam', 'ke', 'kemi',
  'keni', 'kishte', 'kishin', 'pasur', 'do', 'duhet', 'mund', 'po', 'jo', 'nuk', 's', 'mos',
  'vetëm', 'shumë', 'pak', 'tani', 'atëherë', 'kështu', 'atje', 'këtu', 'gjithë', 'secili', 'asnjë',
  'diçka', 'dikush', 'ndonjë', 'tjetër', 'tjerë', 'tjera', 'akoma', 'ende', 'madje', 'pra',
];

/**
 * Macedonian (Cyrillic). Close to Bulgarian, but its function words differ often enough ("во",
 * "од", "со", "ќе", "што") that the Bulgarian list would both miss them and drop Macedonian
 * content words.
 */
export const MACEDONIAN = [
  'и', 'а', 'но', 'или', 'ако', 'да', 'не', 'ни', 'ниту', 'туку', 'ама', 'пак', 'дека', 'оти', 'бидејќи',
  'иако', 'додека', 'откако', 'затоа', 'значи', 'меѓутоа', 'ли', 'дали',
  'на', 'во', 'со', 'од', 'до', 'за', 'по', 'при', 'без', 'кон', 'кај', 'меѓу', 'преку', 'низ', 'околу',
  'пред', 'зад', 'над', 'под', 'според', 'поради', 'заради', 'освен', 'врз', 'спроти', 'против',
  'се', 'ќе', 'би', 'е', 'сум', 'си', 'сме', 'сте', 'беше', 'беа', 'бев', 'бил', 'била', 'било', 'биле',
  'биде', 'бидат', 'има', 'имаат', 'имал', 'нема', 'немаат',
  'јас', 'ти', 'тој', 'таа', 'тоа', 'ние', 'вие', 'тие', 'ме', 'те', 'го', 'ја', 'нѐ', 'ве', 'ги', 'ми', 'му',
  'ѝ', 'ви', 'им', 'мене', 'тебе', 'него', 'неа', 'нас', 'вас', 'нив', 'свој', 'своја', 'свое', 'свои',
  'мој', 'моја', 'мое', 'мои', 'твој', 'негов', 'нејзин', 'наш', 'ваш', 'нивен', 'нивна', 'нивно', 'нивни',
  'овој', 'оваа', 'ова', 'овие', 'оној', 'онаа', 'она', 'оние',
  'што', 'кој', 'која', 'кое', 'кои', 'чиј', 'каде', 'кога', 'како', 'зошто', 'колку',
  'така', 'тука', 'таму', 'сега', 'веќе', 'уште', 'само', 'исто', 'многу', 'сите', 'сѐ', 'секој', 'секоја',
  'секое', 'некој', 'некоја', 'нешто', 'ништо', 'никој', 'еден', 'една', 'едно', 'едни', 'друг', 'друга',
  'друго', 'други',
];
