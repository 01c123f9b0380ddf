/**
 * Experiment, in a real n8n 2.41.1 (CLI `execute`): the Evolution API node's time per Send Text
 * item (n8n's own executionTime of the node, 2,000 items mapped with expressions, contract fake)
 * with the package as it is, and with nodes/shared/transport.ts patched back two ways:
 *
 *   twoReads     the credential read for every item (getCredentials) and read again by
 *                httpRequestWithAuthentication: two reads per item, each a database query +
 *                decryption in n8n (CredentialsHelper.getDecrypted)
 *   onePerItem   read for every item and handed to httpRequestWithAuthentication
 *                (`credentialsDecrypted`): one read per item
 *   current      as shipped: read once per run and handed over
 *
 *   npx tsc -p tsconfig.bench.json && node .build/bench/bench/experiments/credentials.js [items=2000] [rounds=3]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { startHelper, type Helper } from '../lib/child';
import { n8nLib } from '../lib/n8n';
import { median } from '../lib/stats';
import type { Target } from '../lib/workload';
import { CREDENTIAL_READ, HTTP_CALL, patchFile } from './patch';

type Variant = 'twoReads' | 'onePerItem' | 'current';
const VARIANTS: Variant[] = ['twoReads', 'onePerItem', 'current'];

// Without the 4th argument n8n reads the credential itself; the object literal is then ignored.
const TWO_READS = 'this.helpers.httpRequestWithAuthentication.call(this, credential_1.CREDENTIAL_TYPE, options, undefined, {';
const PER_ITEM = 'const credentials = await this.getCredentials(credential_1.CREDENTIAL_TYPE, request.itemIndex);';

async function main(): Promise<void> {
	const items = Number(process.argv[2] ?? 2000);
	const rounds = Number(process.argv[3] ?? 3);
	const lib = n8nLib();
	const cli = lib;
	await lib.ensureN8n();
	const { helper, ready } = (await startHelper('workers/fake-server', { kind: 'contract' })) as { helper: Helper; ready: Target };
	const folders = {} as Record<Variant, { userFolder: string; env: Record<string, string> }>;
	try {
		for (const variant of VARIANTS) {
			const userFolder = lib.tempUserFolder(`n8n-evolution-bench-credentials-${variant}-`);
			const installed = lib.installPackage(userFolder, { mode: 'pack' });
			const transport = join(installed.target, 'dist', 'nodes', 'shared', 'transport.js');
			if (variant === 'twoReads') patchFile(transport, HTTP_CALL, TWO_READS);
			if (variant !== 'current') patchFile(transport, CREDENTIAL_READ, PER_ITEM);
			const port = await lib.freePort();
			const env = lib.n8nEnv({ userFolder, port, brokerPort: await lib.freePort() });
			await cli.importCredentials(env, { id: 'benchCredential1', name: 'Evolution', type: 'evolutionServerApi', data: { serverUrl: ready.url, apiKey: ready.apiKey, defaultInstance: '' } });
			await cli.importWorkflow(env, {
				id: 'benchWorkflow001',
				name: 'Send Text bench',
				active: false,
				settings: { executionOrder: 'v1' },
				connections: { Manual: { main: [[{ node: 'Items', type: 'main', index: 0 }]] }, Items: { main: [[{ node: 'Evolution API', type: 'main', index: 0 }]] } },
				nodes: [
					{ id: 'n1', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'n2',
						name: 'Items',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [200, 0],
						parameters: { jsCode: `return Array.from({ length: ${items} }, (_, i) => ({ json: { number: '55119876500' + String(i % 10).padStart(2, '0'), text: 'Bench message ' + i } }));` },
					},
					{
						id: 'n3',
						name: 'Evolution API',
						type: 'n8n-nodes-evolution.evolutionApi',
						typeVersion: 1,
						position: [400, 0],
						parameters: { resource: 'message', operation: 'sendText', instanceName: { __rl: true, mode: 'name', value: ready.instance }, remoteJid: '={{ $json.number }}', text: '={{ $json.text }}' },
						credentials: { evolutionServerApi: { id: 'benchCredential1', name: 'Evolution' } },
					},
				],
			});
			folders[variant] = { userFolder, env };
		}
		const perItem: Record<Variant, number[]> = { twoReads: [], onePerItem: [], current: [] };
		for (let round = 0; round < rounds; round++) {
			for (const variant of VARIANTS.map((_, index) => VARIANTS[(index + round) % VARIANTS.length])) {
				await helper.call('reset');
				const result = await cli.executeWorkflow(folders[variant].env, 'benchWorkflow001', { timeoutMs: 900_000 });
				const task = result.json?.data?.resultData?.runData?.['Evolution API']?.[0];
				if (!task || task.error || task.data?.main?.[0]?.length !== items) {
					throw new Error(`${variant}: the run failed (exit ${result.code}): ${JSON.stringify(task?.error ?? result.stdout.slice(-400))}`);
				}
				perItem[variant].push(task.executionTime / items);
				console.log(`round ${round + 1}: ${variant}: ${(task.executionTime / items).toFixed(2)} ms per item`);
			}
		}
		for (const variant of VARIANTS) console.log(`${variant}: median ${median(perItem[variant]).toFixed(2)} ms per item [${perItem[variant].map((value) => value.toFixed(2)).join(', ')}]`);
	} finally {
		await helper.close();
		for (const { userFolder } of Object.values(folders)) rmSync(userFolder, { recursive: true, force: true });
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
