import { defineCatalog } from '../catalogue';

/** The member's own space: the "My space" navigation, their profile, their data and their account. */
const en = {
  'mySpace.label': 'My space',
  'mySpace.profile': 'My profile',
  'mySpace.skills': 'My skills',
  'mySpace.commitments': 'My commitments',
};

const de = {
  'mySpace.label': 'Mein Bereich',
  'mySpace.profile': 'Mein Profil',
  'mySpace.skills': 'Meine Kompetenzen',
  'mySpace.commitments': 'Meine Zusagen',
};

const fr = {
  'mySpace.label': 'Mon espace',
  'mySpace.profile': 'Mon profil',
  'mySpace.skills': 'Mes compétences',
  'mySpace.commitments': 'Mes engagements',
};

const es = {
  'mySpace.label': 'Mi espacio',
  'mySpace.profile': 'Mi perfil',
  'mySpace.skills': 'Mis competencias',
  'mySpace.commitments': 'Mis compromisos',
};

const it = {
  'mySpace.label': 'Il mio spazio',
  'mySpace.profile': 'Il mio profilo',
  'mySpace.skills': 'Le mie competenze',
  'mySpace.commitments': 'I miei impegni',
};

const pl = {
  'mySpace.label': 'Moja przestrzeń',
  'mySpace.profile': 'Mój profil',
  'mySpace.skills': 'Moje umiejętności',
  'mySpace.commitments': 'Moje zobowiązania',
};

const ro = {
  'mySpace.label': 'Spațiul meu',
  'mySpace.profile': 'Profilul meu',
  'mySpace.skills': 'Competențele mele',
  'mySpace.commitments': 'Angajamentele mele',
};

const el = {
  'mySpace.label': 'Ο χώρος μου',
  'mySpace.profile': 'Το προφίλ μου',
  'mySpace.skills': 'Οι δεξιότητές μου',
  'mySpace.commitments': 'Οι δεσμεύσεις μου',
};

export default defineCatalog({ en, de, fr, es, it, pl, ro, el });
