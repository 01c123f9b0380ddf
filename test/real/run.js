#!/usr/bin/env node
'use strict';
// `npm run test:real`: the package against the real Evolution API 2.3.6.
//
// Starts ONE server (scripts/evolution/server.js: built with the shared scripts into
// ~/.cache/evolution-api-2.3.6 or $EVOLUTION_DIR, a fresh PostgreSQL from Debian, free loopback
// ports, its own key), runs the phase files of test/real/phases/ in name order, stops everything
// it started (also on Ctrl-C or SIGTERM), and ends with exactly one line `N passed, N failed`.
// It fails when the server cannot be built or started: nothing is skipped silently.
//
// A user's own server instead: EVOLUTION_URL=https://… EVOLUTION_API_KEY=… npm run test:real -- --read-only
// (optionally EVOLUTION_INSTANCE=<name>): nothing is started, and only phases that declare
// `readOnly: true` run, in their read-only mode (routes that change nothing). The key is never printed.
//
// Options: --read-only, --phase <name> (only that phase; repeatable), --keep (keep the server's
// database and log folder after the run), --full (with EVOLUTION_URL: run every phase, which
// creates instances and bots, against that server; only for a fresh, disposable server).
//
// ── Phase interface ──────────────────────────────────────────────────────────────────────
// A phase is a CommonJS file in test/real/phases/, run in file-name order (name them
// NN-<name>.js: 10-operations, 20-fake, …; a later phase may read what an earlier one left in
// workDir), exporting:
//   name:        string, e.g. 'operations'
//   readOnly?:   true when the phase can run against a user's server without changing anything
//                (it then receives `readOnly: true` and must keep to that)
//   run(ctx):    async, returns { checks: Array<{ name: string, ok: boolean, detail?: string }> }
// ctx = { server: { url, apiKey, logFile? }, log(line), readOnly, external, workDir, root, spawnJest(args, env), restartServer? }
//   server:      the Evolution API to test (ours, or the user's; logFile only for ours)
//   restartServer: restarts our server's process on the same port and database (absent for a user's server)
//   log:         prints one line, prefixed with the phase name
//   external:    true for a user's server (EVOLUTION_URL given)
//   workDir:     a temporary folder of this run, shared by the phases (removed at the end)
//   spawnJest:   runs jest with jest.real.config.js and the given arguments, with EVOLUTION_URL,
//                EVOLUTION_API_KEY, REAL_READ_ONLY set; resolves its exit code (output streamed)
// A phase that throws counts as one failed check. Phases run one after the other on the same server.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PHASES_DIR = path.join(__dirname, 'phases');

function parseArgs(argv) {
	const options = { readOnly: false, phases: [], keep: false, full: false };
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--read-only') options.readOnly = true;
		else if (arg === '--keep') options.keep = true;
		else if (arg === '--full') options.full = true;
		else if (arg === '--phase') options.phases.push(argv[++index]);
		else throw new Error(`unknown option ${arg} (known: --read-only, --phase <name>, --keep, --full)`);
	}
	return options;
}

const children = new Set();

function spawnJestWith(server, readOnly) {
	return (args, env = {}) =>
		new Promise((resolve, reject) => {
			const jest = path.join(ROOT, 'node_modules', '.bin', 'jest');
			const child = spawn(jest, ['--config', path.join(ROOT, 'jest.real.config.js'), '--runInBand', ...args], {
				cwd: ROOT,
				stdio: 'inherit',
				env: {
					...process.env,
					...env,
					EVOLUTION_URL: server.url,
					EVOLUTION_API_KEY: server.apiKey,
					REAL_READ_ONLY: readOnly ? '1' : '',
				},
			});
			children.add(child);
			child.on('error', reject);
			child.on('exit', (code, signal) => {
				children.delete(child);
				resolve(signal ? 1 : code);
			});
		});
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const external = Boolean(process.env.EVOLUTION_URL);
	if (options.full && options.readOnly) throw new Error('--full and --read-only exclude each other');
	if (options.full && !external) throw new Error('--full needs EVOLUTION_URL (without it the suite starts a fresh server and runs everything anyway)');
	// A user's server is only read, unless --full says it is a disposable one.
	const readOnly = options.readOnly || (external && !options.full);
	if (external && !process.env.EVOLUTION_API_KEY) throw new Error('EVOLUTION_URL is set but EVOLUTION_API_KEY is not');
	if (options.readOnly && !external) {
		console.log('real: --read-only without EVOLUTION_URL: running the read-only checks against a server of our own');
	}

	const files = fs.readdirSync(PHASES_DIR);
	const foreign = files.filter((file) => !file.endsWith('.js'));
	if (foreign.length > 0) {
		// Nothing skipped silently: a phase written in TypeScript runs its tests through ctx.spawnJest.
		throw new Error(`test/real/phases/ holds files that are not CommonJS phases: ${foreign.join(', ')} (a phase is a .js file; run TypeScript through ctx.spawnJest)`);
	}
	let phases = files
		.sort()
		.map((file) => ({ file, ...require(path.join(PHASES_DIR, file)) }));
	if (options.phases.length > 0) {
		const unknown = options.phases.filter((name) => !phases.some((phase) => phase.name === name));
		if (unknown.length) throw new Error(`unknown phase(s): ${unknown.join(', ')} (known: ${phases.map((phase) => phase.name).join(', ')})`);
		phases = phases.filter((phase) => options.phases.includes(phase.name));
	}

	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-real-'));
	let ours = null;
	let server;
	if (external) {
		server = { url: process.env.EVOLUTION_URL.replace(/\/+$/, ''), apiKey: process.env.EVOLUTION_API_KEY };
		console.log(`real: checking ${server.url} (API key from EVOLUTION_API_KEY, not shown)${readOnly ? ', read-only' : ', every phase (--full)'}`);
	} else {
		const { startEvolution, SHARED_DIR } = require(path.join(ROOT, 'scripts', 'evolution', 'server.js'));
		if (!fs.existsSync(SHARED_DIR)) {
			throw new Error(`cannot build the server: its source and scripts are not at ${SHARED_DIR} (set EVOLUTION_SERVER_SOURCE to the evolution-api-server folder)`);
		}
		// WebSocket on, as most installations have it; the other event transports keep their
		// default (off), and the suite checks that the node explains that.
		// The server on the system's Node (20), as the shared scripts expect: `npm run` puts this
		// package's Node 24 (node_modules/.bin) first on PATH, and under it 2.3.6 answers every
		// event-transport Set with 500 "Invalid URL".
		const PATH = (process.env.PATH ?? '')
			.split(path.delimiter)
			.filter((entry) => !entry.startsWith(path.join(ROOT, 'node_modules')) && !/[/\\]node_modules[/\\]\.bin$/.test(entry))
			.join(path.delimiter);
		ours = await startEvolution({ env: { WEBSOCKET_ENABLED: 'true', PATH }, keep: options.keep, log: (line) => console.log(line) });
		server = { url: ours.url, apiKey: ours.apiKey, logFile: ours.logFile };
		console.log(`real: Evolution API 2.3.6 at ${server.url} (ready after ${((Date.now() - started) / 1000).toFixed(1)} s; log ${ours.logFile})`);
	}

	let passed = 0;
	let failed = 0;
	try {
		for (const phase of phases) {
			if (readOnly && !phase.readOnly) {
				console.log(`real: phase ${phase.name}: not run (it changes the server; only read-only phases run with --read-only or EVOLUTION_URL)`);
				continue;
			}
			const phaseStarted = Date.now();
			// Plain headings: CI wraps the whole suite in one ::group:: already (groups do not nest).
			console.log(`real: ── phase ${phase.name} ──`);
			let checks;
			try {
				const result = await phase.run({
					server,
					log: (line) => console.log(`[${phase.name}] ${line}`),
					readOnly,
					external,
					workDir,
					root: ROOT,
					spawnJest: spawnJestWith(server, readOnly),
					restartServer: ours ? async () => await ours.restart() : undefined,
				});
				checks = result?.checks ?? [];
				if (checks.length === 0) checks = [{ name: `${phase.name}: ran no checks`, ok: false }];
			} catch (error) {
				checks = [{ name: `${phase.name}: crashed`, ok: false, detail: error?.stack ?? String(error) }];
			}
			const bad = checks.filter((check) => !check.ok);
			for (const check of bad) console.log(`FAILED ${check.name}${check.detail ? `: ${check.detail}` : ''}`);
			passed += checks.length - bad.length;
			failed += bad.length;
			console.log(`real: phase ${phase.name}: ${checks.length - bad.length} passed, ${bad.length} failed (${((Date.now() - phaseStarted) / 1000).toFixed(1)} s)`);
		}
	} finally {
		if (ours) await ours.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.log(`real: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

function stopChildren() {
	for (const child of children) child.kill('SIGTERM');
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopChildren();
		// scripts/evolution/server.js stops the server in its own handler for the same signal.
		require(path.join(ROOT, 'scripts', 'evolution', 'server.js')).stopAllEvolution();
		console.log(`real: interrupted (${signal}); everything started was stopped`);
		process.exit(signal === 'SIGINT' ? 130 : 143);
	});
}

main().then(
	(code) => process.exit(code),
	(error) => {
		stopChildren();
		console.error(`real: ${error?.stack ?? error}`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
