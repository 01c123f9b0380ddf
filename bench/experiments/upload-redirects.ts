/**
 * Experiment: does the multipart upload hold the whole file in memory, and does
 * `disableFollowRedirect: true` on multipart requests fix it?
 *
 * With redirects enabled (n8n's default) axios sends through follow-redirects, which keeps every
 * chunk written to the request in `_requestBodyBuffers` until the response arrives, so it can
 * replay the body after a 307/308 (n8n sets maxBodyLength to Infinity, so there is no cap).
 * `disableFollowRedirect` makes n8n set maxRedirects: 0, and axios then uses plain node:http.
 *
 *   npx tsc -p tsconfig.bench.json && node .build/bench/bench/experiments/upload-redirects.js [fileMb=64] [largeMb=256]
 */
import { join } from 'node:path';

import type { MemoryResult } from '../parts/memory';
import { MB } from '../lib/stats';
import { benchCopy, FORM_BODY, patchFile } from './patch';

async function main(): Promise<void> {
	const fileMb = Number(process.argv[2] ?? 64);
	const largeMb = Number(process.argv[3] ?? 256);
	const copy = benchCopy('no-redirects');
	try {
		patchFile(join(copy.root, 'nodes', 'shared', 'transport.js'), FORM_BODY, `${FORM_BODY} options.disableFollowRedirect = true;`);
		for (const [label, dir] of [
			['current transport', join(__dirname, '..')],
			['multipart with disableFollowRedirect', copy.bench],
		] as const) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { runMemory } = require(join(dir, 'parts', 'memory')) as typeof import('../parts/memory');
			const result: MemoryResult = await runMemory({ fileMb, largeMb, runs: 1 });
			const multipart = result.variants.find((variant) => variant.variant === 'multipart');
			console.log(
				`${label}: ${fileMb} MB multipart +${((multipart?.rssGrowth ?? NaN) / MB).toFixed(1)} MB RSS (external +${((multipart?.externalGrowth ?? NaN) / MB).toFixed(1)} MB)` +
					(result.large ? `; ${largeMb} MB multipart +${(result.large.rssGrowth / MB).toFixed(1)} MB RSS (external +${(result.large.externalGrowth / MB).toFixed(1)} MB)` : ''),
			);
		}
	} finally {
		copy.remove();
	}
}

void main();
