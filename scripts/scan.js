#!/usr/bin/env node
'use strict';
// `npm run scan`: n8n's verification scan, offline, on the package exactly as it would be
// published. Run `npm run build` first: this script builds nothing.
//
//   1. `npm pack` (offline, no lifecycle scripts) into a temporary folder, then extract the
//      tarball with the system `tar`, as n8n's installer and the scanner do.
//   2. Packed file list: only dist/, README.md, LICENSE and package.json; every file in
//      package.json `n8n.nodes` / `n8n.credentials` present; every packed node and credential
//      loads from the tarball (n8n's loader convention: class named like the file), with its
//      icons and its codex `<Node>.node.json` beside it; no stale or stray files in dist/.
//   3. `analyzePackage` from @n8n/scan-community-package (the function its CLI calls after the
//      registry, provenance and GitHub steps), with the scanner's own bundled lint plugins, on
//      the same two targets as the published scan:
//        source   the working tree (package.json, nodes/ and credentials/ by the scanner's own
//                 SOURCE_FILE_PATTERNS), standing in for the GitHub checkout the registry scan
//                 lints at the commit named in the provenance statement;
//        package  the extracted tarball: `analyzePackage`'s default patterns (.js, .ts, .json),
//                 a superset of the published scan's tarball leg (.js and package.json).
//
// Offline: the CLI's registry, provenance and GitHub steps (`analyzePackageByName`) are never
// called; `npm pack --offline` touches no network; and this process refuses every outgoing
// connection (a guard on net.Socket#connect and fetch), so a future scanner version that
// reached out would fail loudly instead of hanging or passing silently.
//
// Prints every finding (errors and warnings) and a summary line; exits 1 on any finding,
// 2 when the scan could not run (dist/ missing, npm pack or tar failing).
//
//   npm run scan               scan
//   npm run scan -- --keep     keep the temporary folder (its path is printed)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawnSync } = require('node:child_process');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '..');
const KEEP = process.argv.includes('--keep');

/** @typedef {{ target: string, file: string, line?: number, column?: number, severity: 'error'|'warning', rule: string, message: string }} Finding */

class ScanSetupError extends Error {}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Offline guard

const originalConnect = net.Socket.prototype.connect;

function refuseNetwork() {
	const refuse = (what) => {
		throw new Error(`scan: network access refused (${what}); the scan must run offline`);
	};
	net.Socket.prototype.connect = function connect(...args) {
		// net.connect() passes its normalised arguments as one array.
		const options = Array.isArray(args[0]) ? args[0][0] : args[0];
		// Unix-domain sockets and named pipes are local; anything else is a network connection.
		if (options && typeof options === 'object' && typeof options.path === 'string') {
			return originalConnect.apply(this, args);
		}
		const where = options && typeof options === 'object' ? `${options.host ?? 'localhost'}:${options.port}` : String(options);
		return refuse(`connect to ${where}`);
	};
	if (typeof globalThis.fetch === 'function') {
		globalThis.fetch = async (input) => refuse(`fetch ${String(input && input.url ? input.url : input)}`);
	}
}

// ---------------------------------------------------------------------------------------------
// Pack and extract

/** Environment for a child npm: without the parent `npm run`'s package and lifecycle variables. */
function npmEnv() {
	const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
	for (const key of Object.keys(env)) {
		const k = key.toLowerCase();
		if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_') || k === 'npm_config_local_prefix' || k === 'init_cwd') {
			delete env[key];
		}
	}
	return env;
}

function run(command, args, options) {
	const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
	if (result.error) throw new ScanSetupError(`${command} ${args.join(' ')}: ${result.error.message}`);
	if (result.status !== 0) {
		throw new ScanSetupError(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

/** `npm pack` of the repository into `destination`; resolves npm's JSON report (file list included). */
function npmPack(destination) {
	// The npm that runs `npm run scan`, else the one on PATH.
	const execPath = process.env.npm_execpath;
	const [command, prefix] =
		execPath && /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
	const out = run(command, [...prefix, 'pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', destination], {
		cwd: ROOT,
		env: npmEnv(),
		shell: process.platform === 'win32' && command.endsWith('.cmd'),
	});
	const start = out.indexOf('[');
	if (start < 0) throw new ScanSetupError(`npm pack printed no JSON report:\n${out}`);
	const [report] = JSON.parse(out.slice(start));
	return report;
}

/** Lists every file under `dir` as a relative POSIX path. */
function listFiles(dir, prefix = '') {
	const files = [];
	for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
		const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.isDirectory()) files.push(...listFiles(dir, relative));
		else files.push(relative);
	}
	return files;
}

// ---------------------------------------------------------------------------------------------
// Packed file list

const ALLOWED_TOP_LEVEL = new Set(['README.md', 'LICENSE', 'package.json']);
const DIST_EXTENSIONS = new Set(['.js', '.json', '.svg', '.png']);

/**
 * Checks the packed file list against the package's contract with n8n. Returns findings.
 * @param {string[]} packed paths from `npm pack --json`
 * @param {string[]} extracted paths found in the extracted tarball
 */
function checkFileList(pkg, packed, extracted) {
	/** @type {Finding[]} */
	const findings = [];
	const add = (file, rule, message) => findings.push({ target: 'files', file, severity: 'error', rule, message });
	const packedSet = new Set(packed);

	for (const file of packed) {
		if (!file.startsWith('dist/') && !ALLOWED_TOP_LEVEL.has(file)) {
			add(file, 'packed-files', 'packed but not part of the package: only dist/, README.md, LICENSE and package.json are published');
		}
	}
	for (const file of ALLOWED_TOP_LEVEL) {
		if (!packedSet.has(file)) add(file, 'packed-files', 'missing from the package');
	}
	const sortedPacked = [...packed].sort();
	const sortedExtracted = [...extracted].sort();
	if (sortedPacked.join('\n') !== sortedExtracted.join('\n')) {
		add('(tarball)', 'packed-files', `the tarball holds ${extracted.length} files, npm pack reported ${packed.length}`);
	}

	// dist/ holds only build output of the current sources (tsc never deletes, so a removed or
	// renamed source leaves its old output behind, and it would be published).
	for (const file of packed.filter((f) => f.startsWith('dist/'))) {
		const sourceFile = file.slice('dist/'.length);
		const extension = path.extname(file);
		if (!DIST_EXTENSIONS.has(extension)) {
			add(file, 'stale-dist', `"${extension}" files are not needed in the package; check tsconfig.build.json and rebuild`);
		} else if (extension === '.js') {
			if (!fs.existsSync(path.join(ROOT, sourceFile.replace(/\.js$/, '.ts')))) {
				add(file, 'stale-dist', `no source ${sourceFile.replace(/\.js$/, '.ts')}: left over from an old build; delete dist/ and rebuild`);
			}
		} else if (!fs.existsSync(path.join(ROOT, sourceFile))) {
			add(file, 'stale-dist', `no source ${sourceFile}: left over from an old build; delete dist/ and rebuild`);
		} else if (!fs.readFileSync(path.join(ROOT, sourceFile)).equals(fs.readFileSync(path.join(ROOT, file)))) {
			add(file, 'stale-dist', `differs from ${sourceFile}: run \`npm run build\``);
		}
	}

	// Every node and credential n8n is told about is shipped, and every shipped one is declared.
	const declared = { nodes: pkg.n8n?.nodes ?? [], credentials: pkg.n8n?.credentials ?? [] };
	for (const [kind, files] of Object.entries(declared)) {
		for (const file of files) {
			if (!packedSet.has(file)) add('package.json', 'n8n-files', `n8n.${kind} lists ${file}, which is not in the package`);
		}
	}
	for (const file of packed) {
		if (file.endsWith('.node.js') && !declared.nodes.includes(file)) {
			add(file, 'n8n-files', 'a node file not listed in package.json n8n.nodes: n8n will not load it');
		}
		if (file.endsWith('.credentials.js') && !declared.credentials.includes(file)) {
			add(file, 'n8n-files', 'a credential file not listed in package.json n8n.credentials: n8n will not load it');
		}
	}
	return findings;
}

/** The `file:` icons of a node or credential description, as paths relative to its own file. */
function iconFiles(icon) {
	const values = typeof icon === 'string' ? [icon] : icon && typeof icon === 'object' ? [icon.light, icon.dark] : [];
	return values.filter((value) => typeof value === 'string' && value.startsWith('file:')).map((value) => value.slice(5));
}

/**
 * Loads every declared node and credential from the extracted package the way n8n's loader does
 * (the exported class named like the file), and checks icons and codex files beside them.
 * `n8n-workflow` resolves through a `node_modules` link beside the extracted package folder.
 */
function checkLoadable(pkg, packageDir, packedSet) {
	/** @type {Finding[]} */
	const findings = [];
	const add = (file, rule, message) => findings.push({ target: 'files', file, severity: 'error', rule, message });
	const load = (file, suffix) => {
		if (!packedSet.has(file)) return undefined; // reported by checkFileList
		const className = path.basename(file, suffix);
		try {
			const exported = require(path.join(packageDir, file))[className];
			if (typeof exported !== 'function') {
				add(file, 'n8n-load', `exports no class "${className}": n8n loads the class named like the file`);
				return undefined;
			}
			return new exported();
		} catch (error) {
			add(file, 'n8n-load', `does not load from the package: ${error.message.split('\n')[0]}`);
			return undefined;
		}
	};
	const checkIcons = (file, icon) => {
		const icons = iconFiles(icon);
		if (!icons.length) add(file, 'n8n-icons', 'declares no file: icon');
		for (const icon of icons) {
			const iconPath = path.posix.join(path.posix.dirname(file), icon);
			if (!packedSet.has(iconPath)) add(file, 'n8n-icons', `icon ${iconPath} is not in the package`);
		}
	};

	for (const file of pkg.n8n?.credentials ?? []) {
		const credential = load(file, '.credentials.js');
		if (credential) checkIcons(file, credential.icon);
	}
	for (const file of pkg.n8n?.nodes ?? []) {
		const node = load(file, '.node.js');
		if (!node) continue;
		const description = node.description ?? node.nodeVersions?.[node.currentVersion]?.description;
		if (!description) {
			add(file, 'n8n-load', 'has no description');
			continue;
		}
		checkIcons(file, description.icon);
		const codex = file.replace(/\.js$/, '.json');
		if (!packedSet.has(codex)) {
			add(file, 'n8n-codex', `codex ${codex} is not in the package`);
			continue;
		}
		const expected = `${pkg.name}.${description.name}`;
		const actual = readJson(path.join(packageDir, codex)).node;
		if (actual !== expected) add(codex, 'n8n-codex', `"node" is ${JSON.stringify(actual)}, expected "${expected}"`);
	}
	return findings;
}

// ---------------------------------------------------------------------------------------------
// n8n's scanner

/**
 * Runs the scanner's `analyzePackage(dir, patterns)` and returns its verdict with every lint
 * message. `analyzePackage` only returns formatted text, and only when there are errors; the
 * lint results themselves (warnings included) are taken from its own ESLint run by observing
 * `ESLint#lintFiles` (the scanner's `eslint`, resolved from the scanner's folder).
 */
async function analyze(scanner, ESLint, target, dir, patterns) {
	/** @type {import('eslint').ESLint.LintResult[][]} */
	const runs = [];
	const lintFiles = ESLint.prototype.lintFiles;
	ESLint.prototype.lintFiles = async function observedLintFiles(...args) {
		const results = await lintFiles.apply(this, args);
		runs.push(results);
		return results;
	};
	let verdict;
	try {
		verdict = await scanner.analyzePackage(dir, patterns);
	} finally {
		ESLint.prototype.lintFiles = lintFiles;
	}

	/** @type {Finding[]} */
	const findings = [];
	const results = runs.flat();
	for (const result of results) {
		const file = path.relative(dir, result.filePath).split(path.sep).join('/');
		for (const message of result.messages) {
			findings.push({
				target,
				file,
				line: message.line,
				column: message.column,
				severity: message.severity === 2 ? 'error' : 'warning',
				rule: message.ruleId ?? (message.fatal ? 'parse-error' : 'eslint'),
				message: message.message,
			});
		}
	}
	if (!verdict.passed && !findings.some((finding) => finding.severity === 'error')) {
		// e.g. "Analysis failed: ..." when ESLint itself threw; keep the scanner's own text.
		findings.push({ target, file: '.', severity: 'error', rule: 'scanner', message: [verdict.message, verdict.details].filter(Boolean).join('\n') });
	}
	if (verdict.message === 'No files found to analyze') {
		findings.push({ target, file: '.', severity: 'error', rule: 'scanner', message: 'the scanner found no files to analyze' });
	}
	return { verdict, findings, files: results.length };
}

// ---------------------------------------------------------------------------------------------

function formatFinding(finding) {
	const where = finding.line ? `${finding.file}:${finding.line}:${finding.column ?? 0}` : finding.file;
	return `  ${finding.severity.padEnd(7)} [${finding.target}] ${where}  ${finding.message}  (${finding.rule})`;
}

async function main() {
	const started = Date.now();
	const pkg = readJson(path.join(ROOT, 'package.json'));
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const unbuilt = declared.filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (!fs.existsSync(path.join(ROOT, 'dist')) || (declared.length && unbuilt.length === declared.length)) {
		throw new ScanSetupError('dist/ is missing: run `npm run build` first (the scan packs what is built and builds nothing itself)');
	}

	refuseNetwork();

	const scannerDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json', { paths: [ROOT] }));
	const scannerFile = path.join(scannerDir, 'scanner', 'scanner.mjs');
	const scannerVersion = readJson(path.join(scannerDir, 'package.json')).version;
	const { ESLint } = createRequire(scannerFile)('eslint');

	const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-scan-'));
	try {
		const report = npmPack(tempDir);
		const packageDir = path.join(tempDir, 'package');
		fs.mkdirSync(packageDir);
		run('tar', ['-xzf', report.filename, '-C', packageDir, '--strip-components=1'], { cwd: tempDir });
		// Beside, not inside, the extracted package: lets the loader check resolve n8n-workflow
		// without the scanner ever seeing it.
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tempDir, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');

		const packed = report.files.map((file) => file.path);
		const packedSet = new Set(packed);
		const findings = [
			...checkFileList(pkg, packed, listFiles(packageDir)),
			...checkLoadable(pkg, packageDir, packedSet),
		];

		// The scanner makes a temporary folder when imported (tmp.dirSync) and only removes it
		// with graceful cleanup on; point it into ours so nothing is left behind.
		const tmpdir = process.env.TMPDIR;
		process.env.TMPDIR = tempDir;
		let scanner;
		try {
			scanner = await import(pathToFileURL(scannerFile).href);
		} finally {
			if (tmpdir === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = tmpdir;
		}
		const source = await analyze(scanner, ESLint, 'source', ROOT, scanner.SOURCE_FILE_PATTERNS);
		const tarball = await analyze(scanner, ESLint, 'package', packageDir, undefined);
		findings.push(...source.findings, ...tarball.findings);

		const label = `${pkg.name}@${pkg.version}`;
		const errors = findings.filter((finding) => finding.severity === 'error').length;
		const warnings = findings.length - errors;
		for (const finding of findings) console.log(formatFinding(finding));
		const scope =
			`${packed.length} packed files (${report.size} bytes), ` +
			`scanner ${scannerVersion}: ${source.files} source + ${tarball.files} package files linted, ` +
			`${((Date.now() - started) / 1000).toFixed(1)} s`;
		if (findings.length) {
			console.log(`scan: ${label}: ${findings.length} finding(s), ${errors} error(s), ${warnings} warning(s); ${scope}`);
		} else {
			console.log(`scan: ${label}: no findings; ${scope}`);
		}
		if (KEEP) console.log(`scan: kept ${tempDir}`);
		return findings.length ? 1 : 0;
	} finally {
		if (!KEEP) fs.rmSync(tempDir, { recursive: true, force: true });
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(error instanceof ScanSetupError ? `scan: ${error.message}` : error);
		process.exitCode = 2;
	},
);
