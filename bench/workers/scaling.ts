/**
 * Part 5, scaling: the same Send Text workload at several item counts (default 100, 1,000 and
 * 10,000), each measured `runs` times side by side with the bare keep-alive loop at the same
 * count, so growth that comes from the server or the network shows up in both.
 */
import '../lib/env';

import { childMain, log, startHelper, type Helper } from '../lib/child';
import { median } from '../lib/stats';
import { bareLoop, sendTextEngine, textItems, type Target } from '../lib/workload';

export interface ScalingInput {
	counts: number[];
	runs: number;
}

export interface ScalingPoint {
	items: number;
	engineMs: number[];
	bareMs: number[];
	/** Node under test alone (nodeExecuteBefore → After). */
	nodeMs: number[];
	medianEngineMs: number;
	medianBareMs: number;
	/** Median engine ms / items. */
	perItemMs: number;
	/** Median bare ms / items. */
	barePerItemMs: number;
}

export interface ScalingRaw {
	points: ScalingPoint[];
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(input: ScalingInput): Promise<ScalingRaw> {
	const { helper, ready } = (await startHelper('workers/fake-server', { kind: 'contract' })) as { helper: Helper; ready: Target };
	try {
		const engine = sendTextEngine(ready);
		await engine.init();
		await engine.run(textItems(200));
		await bareLoop(ready, textItems(200), true);

		const points: ScalingPoint[] = input.counts.map((items) => ({
			items,
			engineMs: [],
			bareMs: [],
			nodeMs: [],
			medianEngineMs: 0,
			medianBareMs: 0,
			perItemMs: 0,
			barePerItemMs: 0,
		}));
		for (let run = 0; run < input.runs; run++) {
			// Alternate the order of the counts between runs, so drift does not look like growth.
			const order = run % 2 === 0 ? points : [...points].reverse();
			for (const point of order) {
				await helper.call('reset');
				gc();
				const result = await engine.run(textItems(point.items));
				if (result.error) throw new Error(`engine run failed: ${String((result.error as Error).message ?? result.error)}`);
				if (result.items.length !== point.items) throw new Error(`engine run returned ${result.items.length} items, expected ${point.items}`);
				point.engineMs.push(result.totalMs);
				point.nodeMs.push(result.nodeMs);
				await helper.call('reset');
				gc();
				point.bareMs.push(await bareLoop(ready, textItems(point.items), true));
				log(`scaling run ${run + 1}/${input.runs}: ${point.items} items: engine ${result.totalMs.toFixed(0)} ms (${(result.totalMs / point.items).toFixed(3)} ms/item), bare ${point.bareMs[point.bareMs.length - 1].toFixed(0)} ms`);
			}
		}
		for (const point of points) {
			point.medianEngineMs = median(point.engineMs);
			point.medianBareMs = median(point.bareMs);
			point.perItemMs = point.medianEngineMs / point.items;
			point.barePerItemMs = point.medianBareMs / point.items;
		}
		return { points };
	} finally {
		await helper.close();
	}
}

if (require.main === module) childMain(main);
