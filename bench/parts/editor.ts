/**
 * Part 4, editor weight: (a) the serialised size and property count of each description
 * (workers/describe), and what the package adds to the nodes.json n8n serves the editor;
 * (b) n8n's start-up time to ready with and without the package installed, measured side by
 * side: two user folders prepared once (database migrated, the package installed with
 * `npm pack` the way n8n's installer does it), then restarts alternating A B B A ..., each
 * timed from spawn to the first 200 of /healthz/readiness (polled every 20 ms).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import { runChild } from '../lib/child';
import { buildPackage, n8nLib } from '../lib/n8n';
import { median } from '../lib/stats';
import type { DescriptionWeight } from '../workers/describe';

export interface EditorOptions {
	/** Timed starts per variant (0: descriptions only). */
	starts: number;
	log: (line: string) => void;
}

export interface NodesJsonWeight {
	/** nodes.json as n8n writes it for the editor, with and without the package. */
	totalBytesWith: number;
	totalBytesWithout: number;
	/** The package's entries (the action node, the Tool variant n8n derives from usableAsTool, the trigger). */
	entries: Array<{ name: string; bytes: number; gzipBytes: number }>;
	/** The largest built-in node entry, for scale. */
	largestBuiltIn: { name: string; bytes: number };
}

export interface EditorResult {
	descriptions: DescriptionWeight[];
	nodesJson?: NodesJsonWeight;
	startup?: {
		withoutMs: number[];
		withMs: number[];
		medianWithoutMs: number;
		medianWithMs: number;
		/** with / without, medians. */
		ratio: number;
	};
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One start of n8n in `userFolder`: ms from spawn to ready, then SIGTERM and wait for the exit. */
async function timedStart(userFolder: string): Promise<number> {
	const lib = n8nLib();
	const port = await lib.freePort();
	let brokerPort = await lib.freePort();
	while (brokerPort === port) brokerPort = await lib.freePort();
	const env = lib.n8nEnv({ userFolder, port, brokerPort, extra: { N8N_LOG_LEVEL: 'warn' } });
	const logFile = join(userFolder, 'bench-start.log');
	const logFd = openSync(logFile, 'a');
	const started = performance.now();
	const child = spawn(lib.nodeBin(), [lib.N8N_BIN, 'start'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', logFd, logFd],
		detached: process.platform !== 'win32',
	});
	closeSync(logFd);
	let exited = false;
	const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
	const killGroup = (): void => {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	try {
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (exited) throw new Error(`n8n exited before it was ready:\n${readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
			try {
				const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				await response.arrayBuffer();
				if (response.status === 200) return performance.now() - started;
			} catch {
				/* not listening yet */
			}
			if (Date.now() > deadline) throw new Error('n8n was not ready within 180 s');
			await sleep(20);
		}
	} finally {
		if (!exited && child.pid) process.kill(child.pid, 'SIGTERM');
		const stopped = await Promise.race([exit.then(() => true), sleep(20_000).then(() => false)]);
		if (!stopped) killGroup();
		await exit;
		// The task runner lives in n8n's process group.
		await sleep(300);
		killGroup();
	}
}

function readNodesJson(userFolder: string): Array<Record<string, unknown> & { name: string }> {
	return JSON.parse(readFileSync(join(userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json'), 'utf8')) as Array<Record<string, unknown> & { name: string }>;
}

export async function runEditor(options: EditorOptions): Promise<EditorResult> {
	const descriptions = await runChild<DescriptionWeight[]>('workers/describe', null, { timeoutMs: 120_000 });
	if (options.starts <= 0) return { descriptions };

	const lib = n8nLib();
	await buildPackage(options.log);
	await lib.ensureN8n({ log: options.log });
	const folders = { without: lib.tempUserFolder('n8n-evolution-bench-plain-'), with: lib.tempUserFolder('n8n-evolution-bench-pkg-') };
	try {
		const { name } = lib.installPackage(folders.with, { mode: 'pack', log: options.log });
		// First start of each folder: database migrations, nodes.json; not timed.
		for (const folder of [folders.without, folders.with]) {
			const instance = await lib.startN8n({ userFolder: folder, ensure: false, env: { N8N_LOG_LEVEL: 'warn' }, log: options.log });
			await instance.stop();
		}
		const without = readNodesJson(folders.without);
		const withPackage = readNodesJson(folders.with);
		const ours = withPackage.filter((entry) => entry.name.startsWith(`${name}.`));
		if (ours.length === 0) throw new Error(`n8n did not load ${name}: no ${name}.* entry in nodes.json`);
		const largest = without
			.map((entry) => ({ name: `${entry.name} v${String(entry.version)}`, bytes: Buffer.byteLength(JSON.stringify(entry)) }))
			.sort((a, b) => b.bytes - a.bytes)[0];
		const nodesJson: NodesJsonWeight = {
			totalBytesWith: Buffer.byteLength(JSON.stringify(withPackage)),
			totalBytesWithout: Buffer.byteLength(JSON.stringify(without)),
			entries: ours.map((entry) => {
				const json = JSON.stringify(entry);
				return { name: entry.name, bytes: Buffer.byteLength(json), gzipBytes: gzipSync(json).length };
			}),
			largestBuiltIn: largest,
		};

		const withoutMs: number[] = [];
		const withMs: number[] = [];
		for (let index = 0; index < options.starts; index++) {
			const order: Array<'without' | 'with'> = index % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
			for (const variant of order) {
				const ms = await timedStart(folders[variant]);
				(variant === 'with' ? withMs : withoutMs).push(ms);
				options.log(`editor: start ${index + 1}/${options.starts} ${variant === 'with' ? 'with' : 'without'} the package: ready in ${ms.toFixed(0)} ms`);
			}
		}
		const medianWithoutMs = median(withoutMs);
		const medianWithMs = median(withMs);
		return {
			descriptions,
			nodesJson,
			startup: { withoutMs, withMs, medianWithoutMs, medianWithMs, ratio: medianWithMs / medianWithoutMs },
		};
	} finally {
		for (const folder of Object.values(folders)) rmSync(folder, { recursive: true, force: true });
	}
}
