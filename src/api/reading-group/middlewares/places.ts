import { addToEntries } from '../../../utils/add-to-entries';
import { getReadingGroupParticipation } from '../controllers/reading-group';

/** `places` ({ capacity, taken, left }) on every reading group, for every caller: numbers, never names. */
export default addToEntries('places', (strapi, documentIds) => getReadingGroupParticipation(strapi).places(documentIds));
