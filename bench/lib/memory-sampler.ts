/**
 * Samples the process's RSS from a worker thread every `intervalMs` (the main thread may be busy
 * in synchronous work such as base64 encoding, a worker keeps sampling), and the main isolate's
 * `external`/`arrayBuffers` (Buffer memory) from the main thread whenever its event loop turns.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const shared = new Float64Array(workerData.buffer);
let peak = process.memoryUsage.rss();
let samples = 0;
const timer = setInterval(() => {
	const rss = process.memoryUsage.rss();
	if (rss > peak) peak = rss;
	samples++;
	shared[0] = peak;
	shared[1] = samples;
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage({ peak, samples }); });
`;

export interface MemoryPeaks {
	rssPeak: number;
	rssSamples: number;
	externalPeak: number;
	arrayBuffersPeak: number;
	heapUsedPeak: number;
}

export class MemorySampler {
	private worker?: Worker;
	private timer?: NodeJS.Timeout;
	private externalPeak = 0;
	private arrayBuffersPeak = 0;
	private heapUsedPeak = 0;

	async start(intervalMs = 1): Promise<void> {
		const buffer = new SharedArrayBuffer(16);
		this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { buffer, intervalMs } });
		await new Promise((resolve) => setTimeout(resolve, 20));
		const sample = (): void => {
			const usage = process.memoryUsage();
			this.externalPeak = Math.max(this.externalPeak, usage.external);
			this.arrayBuffersPeak = Math.max(this.arrayBuffersPeak, usage.arrayBuffers);
			this.heapUsedPeak = Math.max(this.heapUsedPeak, usage.heapUsed);
		};
		sample();
		this.timer = setInterval(sample, intervalMs);
	}

	async stop(): Promise<MemoryPeaks> {
		if (this.timer) clearInterval(this.timer);
		const usage = process.memoryUsage();
		this.externalPeak = Math.max(this.externalPeak, usage.external);
		this.arrayBuffersPeak = Math.max(this.arrayBuffersPeak, usage.arrayBuffers);
		this.heapUsedPeak = Math.max(this.heapUsedPeak, usage.heapUsed);
		const worker = this.worker;
		if (!worker) throw new Error('sampler not started');
		const { peak, samples } = await new Promise<{ peak: number; samples: number }>((resolve) => {
			worker.once('message', resolve);
			worker.postMessage('stop');
		});
		await worker.terminate();
		return {
			rssPeak: Math.max(peak, process.memoryUsage.rss()),
			rssSamples: samples,
			externalPeak: this.externalPeak,
			arrayBuffersPeak: this.arrayBuffersPeak,
			heapUsedPeak: this.heapUsedPeak,
		};
	}
}
