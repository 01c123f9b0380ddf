/** Small statistics helpers (no dependencies). */

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function min(values: number[]): number {
	return values.reduce((a, b) => Math.min(a, b), Infinity);
}

export function max(values: number[]): number {
	return values.reduce((a, b) => Math.max(a, b), -Infinity);
}

export interface LinearFit {
	/** Per x unit (here: ms per item). */
	slope: number;
	/** At x = 0 (here: fixed ms per run). */
	intercept: number;
	/** Coefficient of determination. */
	r2: number;
}

/** Ordinary least squares y = intercept + slope·x. */
export function linearFit(points: Array<[number, number]>): LinearFit {
	const n = points.length;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	let sxx = 0;
	let sxy = 0;
	let syy = 0;
	for (const [x, y] of points) {
		sxx += (x - meanX) ** 2;
		sxy += (x - meanX) * (y - meanY);
		syy += (y - meanY) ** 2;
	}
	const slope = sxy / sxx;
	const intercept = meanY - slope * meanX;
	const residual = points.reduce((sum, [x, y]) => sum + (y - (intercept + slope * x)) ** 2, 0);
	return { slope, intercept, r2: syy === 0 ? 1 : 1 - residual / syy };
}

/** Least-squares fit of log(y) = a + b·log(x): b ≈ 1 means linear growth, 2 quadratic. */
export function powerExponent(points: Array<[number, number]>): number {
	return linearFit(points.map(([x, y]) => [Math.log(x), Math.log(y)])).slope;
}

export const round = (value: number, digits = 2): number => {
	if (!Number.isFinite(value)) return value;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
};

export const MB = 1024 * 1024;
