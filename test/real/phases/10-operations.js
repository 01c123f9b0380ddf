'use strict';
// Phase "operations": every operation of the action node through n8n's engine against the
// server (test/real/operations.real.ts, the table in test/real/operations.ts). One check per
// operation (accepted or refused for a reviewed state reason passes; anything else fails), plus
// the checks of the defects seen on 2.3.6 and the suite's own consistency checks. Its record of
// every request and answer is left in workDir for the "fake" phase.
const fs = require('node:fs');
const path = require('node:path');

module.exports = {
	name: 'operations',
	readOnly: true,
	async run({ spawnJest, workDir, log }) {
		const results = path.join(workDir, 'operations.json');
		const code = await spawnJest(['test/real/operations.real.ts'], { REAL_RESULTS: results });
		if (!fs.existsSync(results)) return { checks: [{ name: 'operations: the suite wrote its results', ok: false, detail: `jest exited with ${code}` }] };
		const { rows, checks } = JSON.parse(fs.readFileSync(results, 'utf8'));
		const count = (outcome) => rows.filter((row) => row.outcome === outcome).length;
		log(`${rows.length} operations: ${count('accepted')} accepted, ${count('refused')} refused for state, ${count('failed')} failed`);
		return {
			checks: [
				...rows.map((row) => ({ name: `operation ${row.key}`, ok: row.outcome !== 'failed', detail: row.detail })),
				...checks,
				{ name: 'operations: every jest test passed (coverage of the table, defects)', ok: code === 0, detail: `jest exit code ${code}` },
			],
		};
	},
};
