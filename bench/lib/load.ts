/** A closed-loop HTTP load generator: `concurrency` requests in flight until `total` are answered. */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
}

export interface LoadResult {
	sent: number;
	/** 2xx answers. */
	accepted: number;
	statuses: Record<string, number>;
	/** Network errors (no answer). */
	errors: number;
	firstError?: string;
	ms: number;
	acceptedPerSecond: number;
	/** Latency percentiles of answered requests, ms. */
	p50: number;
	p99: number;
}

function send(agent: Agent, item: LoadRequest): Promise<number> {
	return new Promise((resolve, reject) => {
		const body = Buffer.from(item.body);
		const outgoing = request(item.url, { method: 'POST', agent, headers: { ...item.headers, 'Content-Length': String(body.length) } }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
			response.on('error', reject);
		});
		outgoing.setTimeout(60_000, () => outgoing.destroy(new Error('timeout after 60 s')));
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

export async function runLoad(total: number, concurrency: number, make: (index: number) => LoadRequest): Promise<LoadResult> {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const statuses: Record<string, number> = {};
	const latencies: number[] = [];
	let next = 0;
	let errors = 0;
	let firstError: string | undefined;
	const started = performance.now();
	const worker = async (): Promise<void> => {
		while (next < total) {
			const item = make(next++);
			const t0 = performance.now();
			try {
				const status = await send(agent, item);
				latencies.push(performance.now() - t0);
				statuses[status] = (statuses[status] ?? 0) + 1;
			} catch (error) {
				errors++;
				firstError ??= (error as Error).message;
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const ms = performance.now() - started;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const accepted = Object.entries(statuses)
		.filter(([status]) => Number(status) >= 200 && Number(status) < 300)
		.reduce((sum, [, count]) => sum + count, 0);
	return {
		sent: total,
		accepted,
		statuses,
		errors,
		firstError,
		ms,
		acceptedPerSecond: accepted / (ms / 1000),
		p50: latencies[Math.floor(latencies.length * 0.5)] ?? NaN,
		p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN,
	};
}
