/**
 * Part 5, scaling: runs workers/scaling in a fresh process and fits the times.
 * Linear growth: time = fixed + slope·items, per-item cost flat across counts, log-log exponent ≈ 1.
 */
import { runChild } from '../lib/child';
import { linearFit, powerExponent, type LinearFit } from '../lib/stats';
import type { ScalingInput, ScalingRaw } from '../workers/scaling';

export interface ScalingResult extends ScalingRaw {
	/** Engine time vs items (ms, items). `slope` is the per-item cost in ms. */
	engineFit: LinearFit;
	bareFit: LinearFit;
	/** Exponent of time ∝ items^k, from the log-log fit (1 = linear, 2 = quadratic). */
	engineExponent: number;
	/** Marginal ms per item between consecutive counts (should be flat). */
	marginalPerItemMs: Array<{ from: number; to: number; ms: number }>;
	/** Per-item cost at the largest count / at the middle count (1 = no growth). */
	perItemGrowth: number;
}

export async function runScaling(input: ScalingInput, verbose?: (line: string) => void): Promise<ScalingResult> {
	const raw = await runChild<ScalingRaw>('workers/scaling', input, { execArgv: ['--expose-gc'], timeoutMs: 1_800_000, onLog: verbose });
	const points = raw.points;
	const enginePoints = points.flatMap((point) => point.engineMs.map((ms) => [point.items, ms] as [number, number]));
	const barePoints = points.flatMap((point) => point.bareMs.map((ms) => [point.items, ms] as [number, number]));
	const marginalPerItemMs = points.slice(1).map((point, index) => ({
		from: points[index].items,
		to: point.items,
		ms: (point.medianEngineMs - points[index].medianEngineMs) / (point.items - points[index].items),
	}));
	const last = points[points.length - 1];
	const middle = points[Math.max(0, points.length - 2)];
	return {
		...raw,
		engineFit: linearFit(enginePoints),
		bareFit: linearFit(barePoints),
		engineExponent: powerExponent(points.map((point) => [point.items, point.medianEngineMs])),
		marginalPerItemMs,
		perItemGrowth: last.perItemMs / middle.perItemMs,
	};
}
