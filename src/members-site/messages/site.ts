import { defineCatalog } from '../catalogue';

/** The frame of every page: site name, navigation, and what any page may have to say. */
const en = {
  'site.name': 'Community of Practice',
  'site.skip': 'Skip to content',
  'nav.label': 'Site',
  'nav.agreement': 'Community Agreement',
  'page.loading': 'Loading…',
  'page.notFound': 'This page does not exist, or it is not visible to you.',
  'page.membersOnly': 'This page is for members: please sign in to see it.',
  'page.notFoundPublic': 'This page does not exist, or it is for members only: sign in to see it.',
  'page.backToSearch': 'Back to search',
};

const de = {
  'site.name': 'Community of Practice',
  'site.skip': 'Zum Inhalt springen',
  'nav.label': 'Website',
  'nav.agreement': 'Gemeinschaftsvereinbarung',
  'page.loading': 'Wird geladen…',
  'page.notFound': 'Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar.',
  'page.membersOnly': 'Diese Seite ist für Mitglieder: bitte anmelden, um sie zu sehen.',
  'page.notFoundPublic': 'Diese Seite gibt es nicht, oder sie ist nur für Mitglieder: bitte anmelden.',
  'page.backToSearch': 'Zurück zur Suche',
};

const fr = {
  'site.name': 'Communauté de pratique',
  'site.skip': 'Aller au contenu',
  'nav.label': 'Site',
  'nav.agreement': 'Accord de la communauté',
  'page.loading': 'Chargement…',
  'page.notFound': 'Cette page n’existe pas, ou elle ne vous est pas visible.',
  'page.membersOnly': 'Cette page est réservée aux membres : connectez-vous pour la voir.',
  'page.notFoundPublic': 'Cette page n’existe pas, ou elle est réservée aux membres : connectez-vous pour la voir.',
  'page.backToSearch': 'Retour à la recherche',
};

const es = {
  'site.name': 'Comunidad de práctica',
  'site.skip': 'Ir al contenido',
  'nav.label': 'Sitio',
  'nav.agreement': 'Acuerdo de la comunidad',
  'page.loading': 'Cargando…',
  'page.notFound': 'Esta página no existe o no es visible para usted.',
  'page.membersOnly': 'Esta página es para miembros: inicie sesión para verla.',
  'page.notFoundPublic': 'Esta página no existe o es solo para miembros: inicie sesión para verla.',
  'page.backToSearch': 'Volver a la búsqueda',
};

const it = {
  'site.name': 'Comunità di pratica',
  'site.skip': 'Vai al contenuto',
  'nav.label': 'Sito',
  'nav.agreement': 'Accordo della comunità',
  'page.loading': 'Caricamento…',
  'page.notFound': 'Questa pagina non esiste o non è visibile per te.',
  'page.membersOnly': 'Questa pagina è per i membri: accedi per vederla.',
  'page.notFoundPublic': 'Questa pagina non esiste o è riservata ai membri: accedi per vederla.',
  'page.backToSearch': 'Torna alla ricerca',
};

const pl = {
  'site.name': 'Wspólnota praktyki',
  'site.skip': 'Przejdź do treści',
  'nav.label': 'Serwis',
  'nav.agreement': 'Porozumienie wspólnoty',
  'page.loading': 'Wczytywanie…',
  'page.notFound': 'Ta strona nie istnieje lub nie jest dla Ciebie widoczna.',
  'page.membersOnly': 'Ta strona jest dla członków: zaloguj się, aby ją zobaczyć.',
  'page.notFoundPublic': 'Ta strona nie istnieje lub jest tylko dla członków: zaloguj się, aby ją zobaczyć.',
  'page.backToSearch': 'Wróć do wyszukiwania',
};

const ro = {
  'site.name': 'Comunitate de practică',
  'site.skip': 'Salt la conținut',
  'nav.label': 'Site',
  'nav.agreement': 'Acordul comunității',
  'page.loading': 'Se încarcă…',
  'page.notFound': 'Această pagină nu există sau nu vă este vizibilă.',
  'page.membersOnly': 'Această pagină este pentru membri: autentificați-vă pentru a o vedea.',
  'page.notFoundPublic': 'Această pagină nu există sau este doar pentru membri: autentificați-vă pentru a o vedea.',
  'page.backToSearch': 'Înapoi la căutare',
};

const el = {
  'site.name': 'Κοινότητα πρακτικής',
  'site.skip': 'Μετάβαση στο περιεχόμενο',
  'nav.label': 'Ιστότοπος',
  'nav.agreement': 'Συμφωνία της κοινότητας',
  'page.loading': 'Φόρτωση…',
  'page.notFound': 'Αυτή η σελίδα δεν υπάρχει ή δεν είναι ορατή σε εσάς.',
  'page.membersOnly': 'Αυτή η σελίδα είναι για μέλη: συνδεθείτε για να τη δείτε.',
  'page.notFoundPublic': 'Αυτή η σελίδα δεν υπάρχει ή είναι μόνο για μέλη: συνδεθείτε για να τη δείτε.',
  'page.backToSearch': 'Επιστροφή στην αναζήτηση',
};

export default defineCatalog({ en, de, fr, es, it, pl, ro, el });
