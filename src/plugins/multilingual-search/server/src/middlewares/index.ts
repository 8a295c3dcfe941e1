import identify from './identify';

export default { identify };
