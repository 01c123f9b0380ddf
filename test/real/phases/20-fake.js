'use strict';
// Phase "fake": the contract fake calibrated against the real server. Replays every request the
// operations phase recorded against a fresh fake and compares status, error envelope and body
// shape (test/real/fake.real.ts). One check per difference that is not on the test's
// INTENDED_DIFFERENCES list, plus one for the comparison as a whole.
const fs = require('node:fs');
const path = require('node:path');

module.exports = {
	name: 'fake',
	async run({ spawnJest, workDir, log }) {
		const recorded = path.join(workDir, 'operations.json');
		if (!fs.existsSync(recorded)) return { checks: [{ name: 'fake: the operations phase recorded the requests', ok: false, detail: `${recorded} is missing` }] };
		const results = path.join(workDir, 'fake.json');
		const code = await spawnJest(['test/real/fake.real.ts'], { REAL_EXCHANGES: recorded, REAL_RESULTS: results });
		if (!fs.existsSync(results)) return { checks: [{ name: 'fake: the comparison wrote its results', ok: false, detail: `jest exited with ${code}` }] };
		const { compared, differences } = JSON.parse(fs.readFileSync(results, 'utf8'));
		const unintended = differences.filter((difference) => !difference.intended);
		log(`${compared} requests compared: ${differences.length} differences, ${differences.length - unintended.length} intended, ${unintended.length} not`);
		return {
			checks: [
				...unintended.map((difference) => ({ name: `fake differs: ${difference.step} ${difference.route}`, ok: false, detail: difference.problems.join('; ') })),
				{ name: `fake: ${compared} requests compared with the server`, ok: code === 0 && unintended.length === 0, detail: `jest exit code ${code}` },
			],
		};
	},
};
