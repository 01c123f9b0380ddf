#!/usr/bin/env node
'use strict';
// `npm run docs`: writes the generated sections of README.md from the compiled package
// (run `npm run build` first):
//   <!-- operations:start --> ... <!-- operations:end -->        one table per resource
//   <!-- editor-weight:start --> ... <!-- editor-weight:end -->  size of each node description
// `npm run docs:check` (`--check`) writes nothing and exits 1 when README.md is out of date.
// The text comes from scripts/lib/operations-table.js, which test/docs.test.ts also runs on the
// TypeScript sources.

const fs = require('node:fs');
const path = require('node:path');
const { buildSections, nodeEntries, outdatedSections, readSection, replaceSections } = require('./lib/operations-table');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const CHECK = process.argv.includes('--check');

function readJson(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

function loadCompiled() {
	const packageJson = readJson('package.json');
	const registry = path.join(ROOT, 'dist/nodes/EvolutionApi/actions/index.js');
	const entries = nodeEntries(packageJson);
	const missing = [registry, ...entries.map((entry) => path.join(ROOT, entry.dist))].filter((file) => !fs.existsSync(file));
	if (missing.length) {
		throw new Error(`docs: ${path.relative(ROOT, missing[0])} is missing; run \`npm run build\` first`);
	}
	const descriptions = entries.map((entry) => {
		const NodeClass = require(path.join(ROOT, entry.dist))[entry.className];
		return new NodeClass().description;
	});
	const { resources } = require(registry);
	return { resources, descriptions, catalogue: readJson('test/fixtures/catalogue.json') };
}

/** First line where two texts differ, for a useful message. */
function firstDifference(actual, expected) {
	const a = actual.split('\n');
	const b = expected.split('\n');
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		if (a[i] !== b[i]) return `line ${i + 1}:\n    README:    ${a[i] ?? '(end)'}\n    generated: ${b[i] ?? '(end)'}`;
	}
	return '';
}

function main() {
	const sections = buildSections(loadCompiled());
	const readme = fs.readFileSync(README, 'utf8');
	const outdated = outdatedSections(readme, sections);
	if (CHECK) {
		if (!outdated.length) {
			console.log('docs: README.md is up to date');
			return 0;
		}
		for (const name of outdated) {
			console.error(`docs: README.md section "${name}" is out of date, ${firstDifference(readSection(readme, name), sections[name])}`);
		}
		console.error('docs: run `npm run build && npm run docs` and commit README.md');
		return 1;
	}
	if (!outdated.length) {
		console.log('docs: README.md is up to date');
		return 0;
	}
	fs.writeFileSync(README, replaceSections(readme, sections));
	console.log(`docs: README.md updated (${outdated.join(', ')})`);
	return 0;
}

try {
	process.exitCode = main();
} catch (error) {
	console.error(error.message.startsWith('docs:') ? error.message : `docs: ${error.message}`);
	process.exitCode = 2;
}
