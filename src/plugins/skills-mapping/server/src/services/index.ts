import claims from './claims';
import coverage from './coverage';
import experts from './experts';
import gaps from './gaps';
import labels from './labels';
import matrix from './matrix';
import sql from './sql';

export default { claims, coverage, experts, gaps, labels, matrix, sql };
