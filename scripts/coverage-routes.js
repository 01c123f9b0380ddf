#!/usr/bin/env node
// Route coverage: which of the 176 callable Evolution API 2.3.6 routes the action node's
// operations call, read from the compiled operation registry (run `npm run build` first).
// `--strict` fails unless every callable route is covered by exactly one operation.
'use strict';
const path = require('path');
const fs = require('fs');

const root = path.resolve(__dirname, '..');
const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/catalogue.json'), 'utf8'));
const registryFile = path.join(root, 'dist/nodes/EvolutionApi/actions/index.js');
if (!fs.existsSync(registryFile)) {
	console.error('coverage:routes: dist/ is missing; run `npm run build` first');
	process.exit(2);
}
const { operationIndex } = require(registryFile);

const key = (method, routePath) => `${method.toUpperCase()} ${routePath}`;
const callable = catalogue.routes.filter((route) => route.callable).map((route) => key(route.method, route.path));
const known = new Set(catalogue.routes.map((route) => key(route.method, route.path)));

const byRoute = new Map();
for (const [operation, definition] of operationIndex) {
	// A declared variant (e.g. message:sendAndWait on Send Text's route) is not a second owner.
	if (definition.sharesRouteWith) {
		const [resource] = operation.split(':');
		const owner = operationIndex.get(`${resource}:${definition.sharesRouteWith}`);
		if (owner && key(owner.route.method, owner.route.path) === key(definition.route.method, definition.route.path)) continue;
	}
	const routeKey = key(definition.route.method, definition.route.path);
	if (!byRoute.has(routeKey)) byRoute.set(routeKey, []);
	byRoute.get(routeKey).push(operation);
}

const covered = callable.filter((routeKey) => byRoute.has(routeKey));
const missing = callable.filter((routeKey) => !byRoute.has(routeKey));
const unknown = [...byRoute.keys()].filter((routeKey) => !known.has(routeKey));
const shared = [...byRoute.entries()].filter(([, operations]) => operations.length > 1);

console.log(`covered ${covered.length}/${callable.length}`);
if (missing.length) console.log(`missing (${missing.length}):\n  ${missing.join('\n  ')}`);
if (unknown.length) console.log(`operations calling routes not in the 2.3.6 catalogue:\n  ${unknown.join('\n  ')}`);
if (shared.length) {
	console.log(`routes reached by more than one operation:\n  ${shared.map(([r, ops]) => `${r}: ${ops.join(', ')}`).join('\n  ')}`);
}

const strict = process.argv.includes('--strict');
if (unknown.length || shared.length || (strict && missing.length)) process.exit(1);
