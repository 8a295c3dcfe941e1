import admin from './admin';
import search from './search';

export default { admin, search };
