'use strict';

// Strapi 5 loads a local plugin's server from this JavaScript file only. The TypeScript server is
// compiled with the app (tsconfig.json), so this file hands over to the compiled entry in dist/.
const path = require('path');

module.exports = require(path.join(__dirname, '..', '..', '..', 'dist', 'src', 'plugins', 'skills-mapping', 'server', 'src')).default;
