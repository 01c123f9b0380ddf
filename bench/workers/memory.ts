/**
 * Part 2, one variant in a fresh process (run with --expose-gc): Send Media of a file that is
 * already in n8n's filesystem binary store, through WorkflowExecute, to the fake (another
 * process). Reports the peak growth over the baseline taken just before the run.
 *
 *   multipart: every field is text, so the node streams the file from disk as multipart/form-data;
 *   base64:    Options → Delay is set (a number), so the node must send JSON with the file as base64.
 */
import '../lib/env';

import { EvolutionServerApi } from '../../credentials/EvolutionServerApi.credentials';
import { EvolutionApi } from '../../nodes/EvolutionApi/EvolutionApi.node';
import { childMain, log } from '../lib/child';
import type { IBinaryData } from 'n8n-workflow';

import { Engine } from '../lib/engine';
import { MemorySampler } from '../lib/memory-sampler';
import type { Target } from '../lib/workload';

export interface MemoryRunInput {
	variant: 'multipart' | 'base64';
	/** Already in the filesystem binary store of BENCH_N8N_USER_FOLDER (workers/store-file). */
	binary: IBinaryData;
	warmupBinary: IBinaryData;
	target: Target;
}

export interface MemoryRunResult {
	variant: 'multipart' | 'base64';
	fileBytes: number;
	baseline: { rss: number; external: number; arrayBuffers: number; heapUsed: number; maxRss: number };
	/** Peak − baseline, bytes. */
	growth: { rss: number; external: number; arrayBuffers: number; heapUsed: number; maxRss: number };
	rssSamples: number;
	ms: number;
}

const gc = (): void => {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) throw new Error('run with --expose-gc');
	collect();
	collect();
};

async function main(input: MemoryRunInput): Promise<MemoryRunResult> {
	const engine = new Engine({
		node: new EvolutionApi(),
		parameters: {
			resource: 'message',
			operation: 'sendMedia',
			instanceName: { __rl: true, mode: 'name', value: input.target.instance },
			remoteJid: '5511987650000',
			fileSource: 'binary',
			binaryPropertyName: 'data',
			options: input.variant === 'base64' ? { delay: 1 } : {},
		},
		credentials: { evolutionServerApi: { serverUrl: input.target.url, apiKey: input.target.apiKey, defaultInstance: '' } },
		credentialTypes: [new EvolutionServerApi()],
		binaryMode: 'filesystem',
	});
	await engine.init();
	const { binary, warmupBinary } = input;

	// Warm-up with a small file: loads and compiles every code path of the variant.
	const warm = await engine.run([{ json: {}, binary: { data: warmupBinary } }]);
	if (warm.error) throw new Error(`warm-up failed: ${String((warm.error as Error).message)}`);

	gc();
	await new Promise((resolve) => setTimeout(resolve, 100));
	gc();
	const usage = process.memoryUsage();
	const baseline = {
		rss: usage.rss,
		external: usage.external,
		arrayBuffers: usage.arrayBuffers,
		heapUsed: usage.heapUsed,
		maxRss: process.resourceUsage().maxRSS * 1024,
	};
	const sampler = new MemorySampler();
	await sampler.start(1);
	const run = await engine.run([{ json: {}, binary: { data: binary } }]);
	const peaks = await sampler.stop();
	const maxRss = process.resourceUsage().maxRSS * 1024;
	if (run.error) throw new Error(`send failed: ${String((run.error as Error).message)}`);
	log(`memory[${input.variant}]: rss +${((peaks.rssPeak - baseline.rss) / 1048576).toFixed(1)} MB in ${run.totalMs.toFixed(0)} ms`);
	return {
		variant: input.variant,
		fileBytes: Number(binary.bytes ?? binary.fileSize),
		baseline,
		growth: {
			rss: peaks.rssPeak - baseline.rss,
			external: peaks.externalPeak - baseline.external,
			arrayBuffers: peaks.arrayBuffersPeak - baseline.arrayBuffers,
			heapUsed: peaks.heapUsedPeak - baseline.heapUsed,
			maxRss: Math.max(0, maxRss - baseline.rss),
		},
		rssSamples: peaks.rssSamples,
		ms: run.totalMs,
	};
}

if (require.main === module) childMain(main);
