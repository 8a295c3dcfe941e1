/**
 * The names of the attributes being renamed on another branch (`status` becomes `stage`, `decision`
 * and `state`). The admin views name them only through these constants, so the merge changes one
 * line per type here.
 */
export const AGREEMENT_VERSION_STAGE_FIELD = 'status';
export const SUGGESTION_DECISION_FIELD = 'status';
export const REGISTRATION_STATE_FIELD = 'status';
