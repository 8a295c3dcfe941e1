import claimSchema from './claim/schema.json';
import coverageCellSchema from './coverage-cell/schema.json';
import coverageStateSchema from './coverage-state/schema.json';

export default {
  claim: { schema: claimSchema },
  'coverage-cell': { schema: coverageCellSchema },
  'coverage-state': { schema: coverageStateSchema },
};
