import admin from './admin';
import claims from './claims';
import experts from './experts';
import matrix from './matrix';

export default { admin, claims, experts, matrix };
