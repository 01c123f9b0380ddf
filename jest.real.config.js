/**
 * The real-server suite (test/real/*.real.ts): run by `npm run test:real` through
 * test/real/run.js, which starts Evolution API 2.3.6 and hands it over in EVOLUTION_URL and
 * EVOLUTION_API_KEY. Kept out of `npm test` (jest.config.js matches *.test.ts only).
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
	...base,
	testMatch: ['<rootDir>/test/real/**/*.real.ts'],
	testTimeout: 120000,
};
