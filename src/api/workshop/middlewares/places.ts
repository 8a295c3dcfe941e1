import { addToEntries } from '../../../utils/add-to-entries';
import { getWorkshopRegistrations } from '../../registration/controllers/registration';

/** `places` ({ capacity, taken, left, waitlisted }) on every workshop, for every caller: numbers, never names. */
export default addToEntries('places', (strapi, documentIds) => getWorkshopRegistrations(strapi).places(documentIds));
