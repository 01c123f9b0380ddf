/**
 * Part 1, per-item overhead: N Send Text items through n8n-core's WorkflowExecute against the
 * fake, side by side with the same N requests from a bare keep-alive loop in this process, to
 * the same server. Also, to explain the gap: the bare loop with a new connection per request,
 * and the requests through n8n's HTTP layer alone (no engine, no node).
 */
import '../lib/env';

import { performance } from 'node:perf_hooks';

import { childMain, log, startHelper, type Helper } from '../lib/child';
import { median, round } from '../lib/stats';
import { bareLoop, n8nHttpLoop, sendTextEngine, textItems, type Target } from '../lib/workload';

export interface OverheadInput {
	items: number;
	runs: number;
	/** Runs against the sink server (0: skip it). */
	sinkRuns: number;
	/** A check of the latency model: the sink answering after `latencyMs`, `latencyItems` items, `latencyRuns` runs (0: skip). */
	latencyMs: number;
	latencyItems: number;
	latencyRuns: number;
}

/**
 * engine:            the node in WorkflowExecute, fields mapped with expressions ({{ $json.number }}, {{ $json.text }})
 * engineLiteral:     the same with fixed field values (no expression per item)
 * bare:              node:http, one keep-alive connection (the baseline)
 * bareNewConnection: node:http, a new connection per request (what n8n's HTTP layer does)
 * n8nHttp:           n8n's HTTP layer (OutboundHttp: axios, follow-redirects, agent per request), no engine, no node
 */
export type Variant = 'engine' | 'engineLiteral' | 'bare' | 'bareNewConnection' | 'n8nHttp';
const VARIANTS: Variant[] = ['engine', 'engineLiteral', 'bare', 'bareNewConnection', 'n8nHttp'];
const emptyRecord = (): Record<Variant, number[]> => ({ engine: [], engineLiteral: [], bare: [], bareNewConnection: [], n8nHttp: [] });

export interface ServerResult {
	server: 'contract' | 'sink' | 'latency';
	items: number;
	/** latency only: the sink's delay per request. */
	delayMs?: number;
	runs: number;
	/** Milliseconds per run, per variant (same order of runs). */
	ms: Record<Variant, number[]>;
	/** The node under test alone (nodeExecuteBefore → After) in each engine run. */
	engineNodeMs: number[];
	/** engine / bare of each run (measured side by side). */
	ratios: number[];
	medianMs: Record<Variant, number>;
	medianRatio: number;
	/** (engine − bare) / items, at the medians. */
	overheadPerItemMs: number;
	/** Server CPU (user+system) per request, measured in the server's process. */
	serverCpuPerRequestMs: Record<Variant, number>;
	/** A 1-item run of the engine: the fixed cost per execution. */
	engineOneItemMs: number;
	requestsChecked: { requests: number; invalid: number; statuses: Record<string, number>; problems?: string[] };
}

export interface OverheadResult {
	items: number;
	runs: number;
	servers: ServerResult[];
}


const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function measureServer(
	server: 'contract' | 'sink' | 'latency',
	input: OverheadInput,
	runs: number,
	variants: Variant[] = VARIANTS,
	itemCount = input.items,
): Promise<ServerResult> {
	const delayMs = server === 'latency' ? input.latencyMs : 0;
	const { helper, ready } = (await startHelper('workers/fake-server', { kind: server === 'contract' ? 'contract' : 'sink', delayMs })) as {
		helper: Helper;
		ready: Target;
	};
	input = { ...input, items: itemCount };
	try {
		const target = ready;
		const engine = sendTextEngine(target);
		const engineLiteral = sendTextEngine(target, { literal: true });
		await engine.init();
		const items = textItems(input.items);

		const runVariant = async (variant: Variant): Promise<{ ms: number; nodeMs?: number; cpuMs: number }> => {
			await helper.call('reset');
			gc();
			const before = await helper.call<NodeJS.CpuUsage>('cpu');
			let ms: number;
			let nodeMs: number | undefined;
			if (variant === 'engine' || variant === 'engineLiteral') {
				const run = await (variant === 'engine' ? engine : engineLiteral).run(textItems(input.items));
				if (run.error) throw new Error(`engine run failed: ${String((run.error as Error).message ?? run.error)}`);
				if (run.items.length !== input.items) throw new Error(`engine run returned ${run.items.length} items, expected ${input.items}`);
				ms = run.totalMs;
				nodeMs = run.nodeMs;
			} else if (variant === 'bare') ms = await bareLoop(target, items, true);
			else if (variant === 'bareNewConnection') ms = await bareLoop(target, items, false);
			else ms = await n8nHttpLoop(target, items);
			const after = await helper.call<NodeJS.CpuUsage>('cpu');
			const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
			return { ms, nodeMs, cpuMs };
		};

		// Warm-up: JIT, lazy module loading, connection pools.
		const warm = textItems(Math.min(200, input.items));
		const warmUp: Record<Variant, () => Promise<unknown>> = {
			engine: () => engine.run(warm),
			engineLiteral: () => engineLiteral.run(warm),
			bare: () => bareLoop(target, warm, true),
			bareNewConnection: () => bareLoop(target, warm, false),
			n8nHttp: () => n8nHttpLoop(target, warm),
		};
		for (const variant of variants) await warmUp[variant]();

		const ms = emptyRecord();
		const cpu = emptyRecord();
		const engineNodeMs: number[] = [];
		for (let run = 0; run < runs; run++) {
			// Rotate the order so drift on a noisy machine does not favour one variant.
			const order = variants.map((_, index) => variants[(index + run) % variants.length]);
			for (const variant of order) {
				const result = await runVariant(variant);
				ms[variant].push(result.ms);
				cpu[variant].push(result.cpuMs);
				if (result.nodeMs !== undefined) engineNodeMs.push(result.nodeMs);
			}
			log(`overhead[${server}] run ${run + 1}/${runs}: engine ${ms.engine[run].toFixed(0)} ms, bare ${ms.bare[run].toFixed(0)} ms, ratio ${(ms.engine[run] / ms.bare[run]).toFixed(3)}`);
		}

		// Check that what was measured was valid traffic: one last engine run, then the fake's verdict.
		await helper.call('reset');
		await engine.run(textItems(input.items));
		const requestsChecked = await helper.call<ServerResult['requestsChecked']>('stats');

		const oneItem: number[] = [];
		for (let index = 0; index < 20; index++) oneItem.push((await engine.run(textItems(1))).totalMs);

		const medianMs = Object.fromEntries(variants.map((variant) => [variant, median(ms[variant])])) as Record<Variant, number>;
		const ratios = ms.engine.map((value, index) => value / ms.bare[index]);
		return {
			server,
			items: itemCount,
			...(server === 'latency' ? { delayMs } : {}),
			runs,
			ms,
			engineNodeMs,
			ratios,
			medianMs,
			medianRatio: median(ratios),
			overheadPerItemMs: (medianMs.engine - medianMs.bare) / input.items,
			serverCpuPerRequestMs: Object.fromEntries(variants.map((variant) => [variant, round(median(cpu[variant]) / input.items, 4)])) as Record<Variant, number>,
			engineOneItemMs: median(oneItem),
			requestsChecked,
		};
	} finally {
		await helper.close();
	}
}

async function main(input: OverheadInput): Promise<OverheadResult> {
	const started = performance.now();
	const servers: ServerResult[] = [];
	servers.push(await measureServer('contract', input, input.runs));
	if (input.sinkRuns > 0) servers.push(await measureServer('sink', input, input.sinkRuns));
	if (input.latencyRuns > 0 && input.latencyMs > 0) {
		servers.push(await measureServer('latency', input, input.latencyRuns, ['engine', 'bare'], input.latencyItems));
	}
	log(`overhead: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return { items: input.items, runs: input.runs, servers };
}

if (require.main === module) childMain(main);
