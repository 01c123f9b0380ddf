/**
 * Part 2, media memory: peak memory growth while the node sends a 64 MB file that is in n8n's
 * filesystem binary store, as multipart (streamed from disk) and as base64 JSON. Each variant
 * runs `runs` times, each time in a fresh process (--expose-gc), against the contract fake in
 * a process of its own (which buffers and records the whole upload: that must not be counted).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

import { runChild, startHelper, type Helper } from '../lib/child';
import { MB, median } from '../lib/stats';
import type { Target } from '../lib/workload';
import type { IBinaryData } from 'n8n-workflow';

import type { MemoryRunInput, MemoryRunResult } from '../workers/memory';
import type { StoreFileInput } from '../workers/store-file';

export interface MemoryOptions {
	fileMb: number;
	/** Also send a file this large as multipart (0: skip), to show the growth does not follow the file size. */
	largeMb: number;
	runs: number;
	verbose?: (line: string) => void;
}

interface SentRequest {
	contentType: string;
	bodyBytes: number;
	files: Array<{ field: string; bytes: number; contentType: string }>;
	status: number;
	problems: string[];
}

export interface MemoryVariantResult {
	variant: 'multipart' | 'base64';
	runs: MemoryRunResult[];
	/** Median over the runs of the peak RSS growth, bytes. */
	rssGrowth: number;
	rssGrowthMax: number;
	/** rssGrowth / file size. */
	factor: number;
	externalGrowth: number;
	/** What the fake received on the last run. */
	sent: SentRequest;
}

export interface MemoryResult {
	fileBytes: number;
	variants: MemoryVariantResult[];
	/** Multipart with the larger file (one run), when asked for. */
	large?: { fileBytes: number; rssGrowth: number; externalGrowth: number; factor: number; ms: number };
	goalFactor: number;
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
	const out = createWriteStream(path);
	const chunk = Buffer.alloc(MB);
	for (let written = 0; written < bytes; written += chunk.length) {
		randomFillSync(chunk);
		const slice = chunk.subarray(0, Math.min(chunk.length, bytes - written));
		if (!out.write(Buffer.from(slice))) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

export async function runMemory(options: MemoryOptions): Promise<MemoryResult> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-evolution-bench-media-'));
	const userFolder = join(dir, 'n8n');
	const env = { BENCH_N8N_USER_FOLDER: userFolder, BENCH_N8N_ENCRYPTION_KEY: 'bench-memory-key' };
	const meta = { fileName: 'bench-video.mp4', mimeType: 'video/mp4' };
	const fileBytes = options.fileMb * MB;
	const files: StoreFileInput['files'] = [
		{ path: join(dir, 'warmup.mp4'), ...meta },
		{ path: join(dir, 'file.mp4'), ...meta },
	];
	await writeRandomFile(files[0].path, MB);
	await writeRandomFile(files[1].path, fileBytes);
	if (options.largeMb > 0) {
		files.push({ path: join(dir, 'large.mp4'), ...meta });
		await writeRandomFile(files[2].path, options.largeMb * MB);
	}
	const { helper, ready } = (await startHelper('workers/fake-server', { kind: 'contract' })) as { helper: Helper; ready: Target };
	try {
		const [warmupBinary, binary, largeBinary] = await runChild<IBinaryData[]>('workers/store-file', { files } satisfies StoreFileInput, {
			env,
			timeoutMs: 300_000,
		});
		// The source files are not needed any more: only n8n's stored copies are read.
		for (const file of files) rmSync(file.path, { force: true });

		const measure = async (variant: 'multipart' | 'base64', data: IBinaryData): Promise<{ run: MemoryRunResult; sent: SentRequest }> => {
			const input: MemoryRunInput = { variant, binary: data, warmupBinary, target: ready };
			const run = await runChild<MemoryRunResult>('workers/memory', input, {
				execArgv: ['--expose-gc'],
				env,
				timeoutMs: 300_000,
				onLog: options.verbose,
			});
			const sent = await helper.call<SentRequest | null>('lastRequest');
			await helper.call('reset');
			if (!sent) throw new Error(`memory[${variant}]: the fake received nothing`);
			if (sent.status !== 201 || sent.problems.length) {
				throw new Error(`memory[${variant}]: the fake answered ${sent.status}: ${sent.problems.join('; ')}`);
			}
			if ((variant === 'multipart') !== sent.contentType.startsWith('multipart/form-data')) {
				throw new Error(`memory[${variant}]: the node sent ${sent.contentType}, not the expected body kind`);
			}
			return { run, sent };
		};

		const variants: MemoryVariantResult[] = [];
		for (const variant of ['multipart', 'base64'] as const) {
			const runs: MemoryRunResult[] = [];
			let sent: SentRequest | undefined;
			for (let index = 0; index < options.runs; index++) {
				const measured = await measure(variant, binary);
				runs.push(measured.run);
				sent = measured.sent;
			}
			const growths = runs.map((run) => run.growth.rss);
			variants.push({
				variant,
				runs,
				rssGrowth: median(growths),
				rssGrowthMax: Math.max(...growths),
				factor: median(growths) / fileBytes,
				externalGrowth: median(runs.map((run) => run.growth.external)),
				sent: sent as SentRequest,
			});
		}
		let large: MemoryResult['large'];
		if (largeBinary) {
			const { run } = await measure('multipart', largeBinary);
			large = { fileBytes: run.fileBytes, rssGrowth: run.growth.rss, externalGrowth: run.growth.external, factor: run.growth.rss / run.fileBytes, ms: run.ms };
		}
		return { fileBytes, variants, large, goalFactor: 1.2 };
	} finally {
		await helper.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
