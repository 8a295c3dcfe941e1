import type { PluginConfig } from '../../src/plugins/multilingual-search/server/src/config/schema';
import type { JURISDICTION_BODIES } from '../../src/custom-fields/codes';

/**
 * How the search facets' values are named for members, in the searcher's language (see
 * `labels` in the multilingual-search configuration). The fixed vocabularies are named here in the
 * languages of the members' search page; every other locale gets the English names. Countries and
 * languages are named by the runtime's CLDR data, in every locale; issue areas, skills and
 * organisations by their own (translated) names.
 */

type JurisdictionBody = (typeof JURISDICTION_BODIES)[number];

/** Jurisdictions that are not countries, named with the court or system a litigator knows them by. */
const jurisdictionBodies: Record<string, Record<JurisdictionBody, string>> = {
  en: { EU: 'European Union (CJEU)', CoE: 'Council of Europe (ECtHR)', UN: 'United Nations (treaty bodies)' },
  de: { EU: 'Europäische Union (EuGH)', CoE: 'Europarat (EGMR)', UN: 'Vereinte Nationen (Vertragsorgane)' },
  fr: { EU: 'Union européenne (CJUE)', CoE: 'Conseil de l’Europe (Cour EDH)', UN: 'Nations unies (organes de traités)' },
  es: { EU: 'Unión Europea (TJUE)', CoE: 'Consejo de Europa (TEDH)', UN: 'Naciones Unidas (órganos de tratados)' },
  it: { EU: 'Unione europea (CGUE)', CoE: 'Consiglio d’Europa (Corte EDU)', UN: 'Nazioni Unite (organi dei trattati)' },
  pl: { EU: 'Unia Europejska (TSUE)', CoE: 'Rada Europy (ETPC)', UN: 'ONZ (organy traktatowe)' },
  ro: { EU: 'Uniunea Europeană (CJUE)', CoE: 'Consiliul Europei (CEDO)', UN: 'ONU (organe ale tratatelor)' },
  el: { EU: 'Ευρωπαϊκή Ένωση (ΔΕΕ)', CoE: 'Συμβούλιο της Ευρώπης (ΕΔΔΑ)', UN: 'ΟΗΕ (όργανα των συμβάσεων)' },
};

export const searchLabels: PluginConfig['labels'] = {
  type: {
    from: 'words',
    words: {
      en: { resource: 'Resource', workshop: 'Workshop', 'reading-group': 'Reading group', organisation: 'Organisation', skill: 'Skill', 'agreement-version': 'Community Agreement', member: 'Member' },
      de: { resource: 'Ressource', workshop: 'Workshop', 'reading-group': 'Lesegruppe', organisation: 'Organisation', skill: 'Kompetenz', 'agreement-version': 'Community-Vereinbarung', member: 'Mitglied' },
      fr: { resource: 'Ressource', workshop: 'Atelier', 'reading-group': 'Groupe de lecture', organisation: 'Organisation', skill: 'Compétence', 'agreement-version': 'Accord de la communauté', member: 'Membre' },
      es: { resource: 'Recurso', workshop: 'Taller', 'reading-group': 'Grupo de lectura', organisation: 'Organización', skill: 'Competencia', 'agreement-version': 'Acuerdo de la comunidad', member: 'Miembro' },
      it: { resource: 'Risorsa', workshop: 'Workshop', 'reading-group': 'Gruppo di lettura', organisation: 'Organizzazione', skill: 'Competenza', 'agreement-version': 'Accordo della comunità', member: 'Membro' },
      pl: { resource: 'Materiał', workshop: 'Warsztat', 'reading-group': 'Grupa czytelnicza', organisation: 'Organizacja', skill: 'Kompetencja', 'agreement-version': 'Porozumienie społeczności', member: 'Członek' },
      ro: { resource: 'Resursă', workshop: 'Atelier', 'reading-group': 'Grup de lectură', organisation: 'Organizație', skill: 'Competență', 'agreement-version': 'Acordul comunității', member: 'Membru' },
      el: { resource: 'Υλικό', workshop: 'Εργαστήριο', 'reading-group': 'Ομάδα ανάγνωσης', organisation: 'Οργάνωση', skill: 'Δεξιότητα', 'agreement-version': 'Συμφωνία της κοινότητας', member: 'Μέλος' },
    },
  },
  language: { from: 'languages' },
  /** Where organisations, workshops and members are: ISO countries only. */
  country: { from: 'countries' },
  /** Whose law and courts a resource is about: a country, or the EU, the Council of Europe or the UN. */
  jurisdiction: { from: 'countries', words: jurisdictionBodies },
  issueArea: { from: 'entries', uid: 'api::issue-area.issue-area', key: 'slug', name: 'name' },
  skill: { from: 'entries', uid: 'api::skill.skill', key: 'slug', name: 'name' },
  organisation: { from: 'entries', uid: 'api::organisation.organisation', key: 'slug', name: 'name' },
  resourceKind: {
    from: 'words',
    words: {
      en: { methodology: 'Methodology', guide: 'Guide', case_note: 'Case note', judgment: 'Judgment', template: 'Template', toolkit: 'Toolkit', article: 'Article', recording: 'Recording', report: 'Report' },
      de: { methodology: 'Methodik', guide: 'Leitfaden', case_note: 'Urteilsanmerkung', judgment: 'Urteil', template: 'Muster', toolkit: 'Toolkit', article: 'Beitrag', recording: 'Aufzeichnung', report: 'Bericht' },
      fr: { methodology: 'Méthodologie', guide: 'Guide', case_note: 'Note d’arrêt', judgment: 'Décision', template: 'Modèle', toolkit: 'Boîte à outils', article: 'Article', recording: 'Enregistrement', report: 'Rapport' },
      es: { methodology: 'Metodología', guide: 'Guía', case_note: 'Comentario de sentencia', judgment: 'Sentencia', template: 'Modelo', toolkit: 'Caja de herramientas', article: 'Artículo', recording: 'Grabación', report: 'Informe' },
      it: { methodology: 'Metodologia', guide: 'Guida', case_note: 'Nota a sentenza', judgment: 'Sentenza', template: 'Modello', toolkit: 'Toolkit', article: 'Articolo', recording: 'Registrazione', report: 'Rapporto' },
      pl: { methodology: 'Metodologia', guide: 'Przewodnik', case_note: 'Glosa', judgment: 'Orzeczenie', template: 'Wzór', toolkit: 'Zestaw narzędzi', article: 'Artykuł', recording: 'Nagranie', report: 'Raport' },
      ro: { methodology: 'Metodologie', guide: 'Ghid', case_note: 'Notă de jurisprudență', judgment: 'Hotărâre', template: 'Model', toolkit: 'Set de instrumente', article: 'Articol', recording: 'Înregistrare', report: 'Raport' },
      el: { methodology: 'Μεθοδολογία', guide: 'Οδηγός', case_note: 'Σχόλιο απόφασης', judgment: 'Απόφαση', template: 'Υπόδειγμα', toolkit: 'Εργαλειοθήκη', article: 'Άρθρο', recording: 'Καταγραφή', report: 'Έκθεση' },
    },
  },
  organisationKind: {
    from: 'words',
    words: {
      en: { ngo: 'NGO', law_firm: 'Law firm', legal_clinic: 'Legal clinic', barristers_chambers: 'Barristers’ chambers', academic: 'Academic', community_group: 'Community group' },
      de: { ngo: 'NGO', law_firm: 'Kanzlei', legal_clinic: 'Law Clinic', barristers_chambers: 'Barristers’ Chambers', academic: 'Wissenschaft', community_group: 'Community-Gruppe' },
      fr: { ngo: 'ONG', law_firm: 'Cabinet d’avocats', legal_clinic: 'Clinique juridique', barristers_chambers: 'Chambers de barristers', academic: 'Université', community_group: 'Groupe communautaire' },
      es: { ngo: 'ONG', law_firm: 'Despacho de abogados', legal_clinic: 'Clínica jurídica', barristers_chambers: 'Barristers’ chambers', academic: 'Academia', community_group: 'Grupo comunitario' },
      it: { ngo: 'ONG', law_firm: 'Studio legale', legal_clinic: 'Clinica legale', barristers_chambers: 'Barristers’ chambers', academic: 'Università', community_group: 'Gruppo comunitario' },
      pl: { ngo: 'Organizacja pozarządowa', law_firm: 'Kancelaria', legal_clinic: 'Klinika prawa', barristers_chambers: 'Barristers’ chambers', academic: 'Uczelnia', community_group: 'Grupa społeczna' },
      ro: { ngo: 'ONG', law_firm: 'Cabinet de avocatură', legal_clinic: 'Clinică juridică', barristers_chambers: 'Barristers’ chambers', academic: 'Mediul academic', community_group: 'Grup comunitar' },
      el: { ngo: 'ΜΚΟ', law_firm: 'Δικηγορικό γραφείο', legal_clinic: 'Νομική κλινική', barristers_chambers: 'Barristers’ chambers', academic: 'Ακαδημαϊκός φορέας', community_group: 'Κοινοτική ομάδα' },
    },
  },
  skillCategory: {
    from: 'words',
    words: {
      en: { forum_court: 'Forum or court', procedure: 'Procedure', area_of_law: 'Area of law', method: 'Method', advocacy: 'Advocacy', research: 'Research', communication: 'Communication' },
      de: { forum_court: 'Forum oder Gericht', procedure: 'Verfahren', area_of_law: 'Rechtsgebiet', method: 'Methode', advocacy: 'Advocacy', research: 'Forschung', communication: 'Kommunikation' },
      fr: { forum_court: 'Forum ou juridiction', procedure: 'Procédure', area_of_law: 'Domaine du droit', method: 'Méthode', advocacy: 'Plaidoyer', research: 'Recherche', communication: 'Communication' },
      es: { forum_court: 'Foro o tribunal', procedure: 'Procedimiento', area_of_law: 'Rama del derecho', method: 'Método', advocacy: 'Incidencia', research: 'Investigación', communication: 'Comunicación' },
      it: { forum_court: 'Foro o tribunale', procedure: 'Procedura', area_of_law: 'Ramo del diritto', method: 'Metodo', advocacy: 'Advocacy', research: 'Ricerca', communication: 'Comunicazione' },
      pl: { forum_court: 'Forum lub sąd', procedure: 'Procedura', area_of_law: 'Dziedzina prawa', method: 'Metoda', advocacy: 'Rzecznictwo', research: 'Badania', communication: 'Komunikacja' },
      ro: { forum_court: 'For sau instanță', procedure: 'Procedură', area_of_law: 'Ramură de drept', method: 'Metodă', advocacy: 'Advocacy', research: 'Cercetare', communication: 'Comunicare' },
      el: { forum_court: 'Φόρουμ ή δικαστήριο', procedure: 'Διαδικασία', area_of_law: 'Πεδίο δικαίου', method: 'Μέθοδος', advocacy: 'Συνηγορία', research: 'Έρευνα', communication: 'Επικοινωνία' },
    },
  },
  workshopFormat: {
    from: 'words',
    words: {
      en: { workshop: 'Workshop', case_clinic: 'Case clinic', training: 'Training', retreat: 'Retreat', meeting: 'Meeting' },
      de: { workshop: 'Workshop', case_clinic: 'Fallklinik', training: 'Schulung', retreat: 'Klausurtagung', meeting: 'Treffen' },
      fr: { workshop: 'Atelier', case_clinic: 'Clinique de cas', training: 'Formation', retreat: 'Séminaire résidentiel', meeting: 'Réunion' },
      es: { workshop: 'Taller', case_clinic: 'Clínica de casos', training: 'Formación', retreat: 'Retiro', meeting: 'Reunión' },
      it: { workshop: 'Workshop', case_clinic: 'Clinica dei casi', training: 'Formazione', retreat: 'Ritiro', meeting: 'Incontro' },
      pl: { workshop: 'Warsztat', case_clinic: 'Klinika spraw', training: 'Szkolenie', retreat: 'Wyjazd roboczy', meeting: 'Spotkanie' },
      ro: { workshop: 'Atelier', case_clinic: 'Clinică de cazuri', training: 'Instruire', retreat: 'Retreat', meeting: 'Întâlnire' },
      el: { workshop: 'Εργαστήριο', case_clinic: 'Κλινική υποθέσεων', training: 'Εκπαίδευση', retreat: 'Retreat', meeting: 'Συνάντηση' },
    },
  },
  /** Drafts are never indexed, so they need no name. */
  agreementStatus: {
    from: 'words',
    words: {
      en: { consultation: 'In consultation', adopted: 'Adopted', superseded: 'Superseded' },
      de: { consultation: 'In Konsultation', adopted: 'Angenommen', superseded: 'Ersetzt' },
      fr: { consultation: 'En consultation', adopted: 'Adoptée', superseded: 'Remplacée' },
      es: { consultation: 'En consulta', adopted: 'Adoptada', superseded: 'Sustituida' },
      it: { consultation: 'In consultazione', adopted: 'Adottata', superseded: 'Sostituita' },
      pl: { consultation: 'W konsultacjach', adopted: 'Przyjęta', superseded: 'Zastąpiona' },
      ro: { consultation: 'În consultare', adopted: 'Adoptată', superseded: 'Înlocuită' },
      el: { consultation: 'Σε διαβούλευση', adopted: 'Εγκρίθηκε', superseded: 'Αντικαταστάθηκε' },
    },
  },
};
