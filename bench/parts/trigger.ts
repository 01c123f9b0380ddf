/**
 * Part 3, trigger throughput in a real n8n (2.41.1, scripts/n8n): two active workflows in one n8n
 * run, one with the Evolution API Trigger and one with n8n's own Webhook node, each taking the
 * same deliveries (a messages.upsert envelope as the fake emits it, a unique message id each) at
 * the same concurrency. Deliveries to the trigger carry the headers Evolution API sends,
 * including `Authorization: Bearer <HS256 JWT>` signed with the jwt_key the trigger registered
 * (read back from the fake with /webhook/find and the global key). The loads alternate
 * W T T W in halves, so neither side gets the emptier database. Executions are then counted
 * through n8n's public API.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';

import { deliveryHeaders } from '../../test/fake/delivery';
import { startHelper, type Helper } from '../lib/child';
import { runLoad, type LoadResult } from '../lib/load';
import { buildPackage, n8nLib, type N8nInstance, type PublicApi } from '../lib/n8n';
import type { Target } from '../lib/workload';

export interface TriggerOptions {
	deliveries: number;
	concurrency: number;
	warmup: number;
	log: (line: string) => void;
	/** Experiments only: change the installed package (e.g. a patched copy) before n8n starts. */
	prepareInstalled?: (packageDir: string) => void;
	/** Extra n8n environment, e.g. { N8N_EXPRESSION_ENGINE: 'legacy' }. */
	n8nEnv?: Record<string, string>;
}

export interface TriggerSide {
	/** Deliveries sent, warm-up included. */
	sent: number;
	accepted: number;
	/** Accepted per second over the measured loads (warm-up excluded). */
	acceptedPerSecond: number;
	loads: LoadResult[];
	executions: { recorded: number; success: number; error: number; other: number };
	lost: number;
}

export interface TriggerResult {
	n8nVersion: string;
	deliveries: number;
	concurrency: number;
	trigger: TriggerSide;
	webhook: TriggerSide;
	/** trigger / webhook accepted per second. */
	ratio: number;
	readyMs: number;
	/** Extra n8n environment of this run (empty: n8n's defaults). */
	n8nEnv: Record<string, string>;
	/** The same measurement in a second n8n with N8N_EXPRESSION_ENGINE=legacy (see README: the isolate per webhook call). */
	legacyExpressionEngine?: TriggerResult;
	/** The same in a second n8n whose expression-isolate pool holds one isolate per request in flight. */
	isolatePool?: TriggerResult;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function countExecutions(api: PublicApi, workflowId: string): Promise<TriggerSide['executions']> {
	const counts = { recorded: 0, success: 0, error: 0, other: 0 };
	let cursor: string | undefined;
	do {
		const page = (await api.get('executions', { workflowId, limit: 250, includeData: false, cursor })) as {
			data: Array<{ status?: string; finished?: boolean }>;
			nextCursor?: string | null;
		};
		for (const execution of page.data) {
			counts.recorded++;
			if (execution.status === 'success') counts.success++;
			else if (execution.status === 'error' || execution.status === 'crashed') counts.error++;
			else counts.other++;
		}
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return counts;
}

/** Waits until both workflows have as many finished executions as accepted deliveries, or the counts stop moving. */
async function settle(api: PublicApi, ids: Record<'trigger' | 'webhook', string>, expected: Record<'trigger' | 'webhook', number>, log: (line: string) => void) {
	let last = '';
	let stableSince = Date.now();
	for (;;) {
		const counts = { trigger: await countExecutions(api, ids.trigger), webhook: await countExecutions(api, ids.webhook) };
		const key = `${counts.trigger.recorded}/${counts.webhook.recorded}`;
		if (counts.trigger.recorded >= expected.trigger && counts.webhook.recorded >= expected.webhook) return counts;
		if (key !== last) {
			last = key;
			stableSince = Date.now();
			log(`trigger: executions recorded so far: trigger ${counts.trigger.recorded}/${expected.trigger}, webhook ${counts.webhook.recorded}/${expected.webhook}`);
		} else if (Date.now() - stableSince > 20_000) return counts;
		await sleep(2000);
	}
}

export async function runTrigger(options: TriggerOptions): Promise<TriggerResult> {
	const lib = n8nLib();
	await buildPackage(options.log);
	const { helper, ready } = (await startHelper('workers/fake-server', { kind: 'contract' })) as { helper: Helper; ready: Target };
	let n8n: N8nInstance | undefined;
	const userFolder = lib.tempUserFolder('n8n-evolution-bench-trigger-');
	try {
		const installed = lib.installPackage(userFolder, { mode: 'pack', log: options.log });
		options.prepareInstalled?.(installed.target);
		n8n = await lib.startN8n({
			userFolder,
			// No pruning: every execution must still be there when they are counted.
			env: { EXECUTIONS_DATA_PRUNE: 'false', N8N_LOG_LEVEL: 'warn', ...options.n8nEnv },
			log: options.log,
		});
		options.log(`trigger: n8n ${lib.N8N_VERSION} ready in ${n8n.readyMs} ms at ${n8n.url}`);
		const { apiKey } = await lib.setupOwnerAndApiKey(n8n.url);
		const api = lib.publicApi(n8n.url, apiKey);

		const credential = (await api.post('credentials', {
			name: 'Evolution API (bench)',
			type: 'evolutionServerApi',
			data: { serverUrl: ready.url, apiKey: ready.apiKey, defaultInstance: '' },
		})) as { id: string; name: string };

		const triggerWebhookId = randomUUID();
		const triggerWorkflow = (await api.post('workflows', {
			name: 'Bench: Evolution API Trigger',
			nodes: [
				{
					id: randomUUID(),
					name: 'Evolution API Trigger',
					type: 'n8n-nodes-evolution.evolutionApiTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: triggerWebhookId,
					parameters: { instanceName: { __rl: true, mode: 'name', value: ready.instance }, events: ['MESSAGES_UPSERT'], options: {} },
					credentials: { evolutionServerApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		})) as { id: string };
		const webhookPath = `bench-${randomUUID().slice(0, 8)}`;
		const webhookWorkflow = (await api.post('workflows', {
			name: 'Bench: n8n Webhook',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		})) as { id: string };
		await api.activate(triggerWorkflow.id);
		await api.activate(webhookWorkflow.id);

		// What the trigger registered on the server: its production URL and the JWT secret. n8n
		// answers the activation before it has run the trigger's create(): poll.
		const expectedUrl = `${n8n.url}webhook/${triggerWebhookId}/webhook`;
		type Row = { url?: string; enabled?: boolean; headers?: Record<string, unknown> } | null;
		let row: Row = null;
		for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
			const found = await fetch(`${ready.url}/webhook/find/${encodeURIComponent(ready.instance)}`, { headers: { apikey: ready.apiKey } });
			row = (await found.json()) as Row;
			if (row?.enabled === true && row.url === expectedUrl && typeof row.headers?.jwt_key === 'string') break;
		}
		if (!row || row.enabled !== true || row.url !== expectedUrl || typeof row.headers?.jwt_key !== 'string') {
			throw new Error(
				`the trigger did not register its webhook within 60 s (wanted ${expectedUrl}); found ${JSON.stringify(row)?.replace(/"jwt_key":"[^"]*"/, '"jwt_key":"…"')}; n8n log: ${n8n.logFile}`,
			);
		}
		const storedHeaders = row.headers as Record<string, unknown>;
		const destination = row.url;
		const template = (await helper.call<Record<string, any>>('sampleIncoming')) as Record<string, any>;
		const webhookUrl = `${n8n.url}webhook/${webhookPath}`;

		let serial = 0;
		const envelope = (): string => {
			serial++;
			const id = `BENCH${String(serial).padStart(10, '0')}`;
			return JSON.stringify({
				...template,
				destination,
				date_time: new Date().toISOString(),
				data: { ...template.data, key: { ...template.data.key, id } },
			});
		};
		const request = (url: string) => () => ({ url, headers: deliveryHeaders(storedHeaders), body: envelope() });
		const toTrigger = request(expectedUrl);
		const toWebhook = request(webhookUrl);

		const sides = { trigger: [] as LoadResult[], webhook: [] as LoadResult[] };
		const sent = { trigger: 0, webhook: 0 };
		const accepted = { trigger: 0, webhook: 0 };
		const load = async (side: 'trigger' | 'webhook', count: number, measured: boolean) => {
			const result = await runLoad(count, options.concurrency, side === 'trigger' ? toTrigger : toWebhook);
			sent[side] += count;
			accepted[side] += result.accepted;
			if (measured) sides[side].push(result);
			options.log(
				`trigger: ${measured ? '' : 'warm-up '}${side}: ${result.accepted}/${count} accepted in ${(result.ms / 1000).toFixed(1)} s = ${result.acceptedPerSecond.toFixed(0)}/s` +
					(result.errors ? `, ${result.errors} network errors (${result.firstError})` : '') +
					(result.accepted !== count ? `, statuses ${JSON.stringify(result.statuses)}` : ''),
			);
		};
		await load('webhook', options.warmup, false);
		await load('trigger', options.warmup, false);
		const half = Math.ceil(options.deliveries / 2);
		const rest = options.deliveries - half;
		await load('webhook', half, true);
		await load('trigger', half, true);
		await load('trigger', rest, true);
		await load('webhook', rest, true);

		const executions = await settle(api, { trigger: triggerWorkflow.id, webhook: webhookWorkflow.id }, accepted, options.log);
		const side = (name: 'trigger' | 'webhook'): TriggerSide => {
			const loads = sides[name];
			const ms = loads.reduce((sum, result) => sum + result.ms, 0);
			const ok = loads.reduce((sum, result) => sum + result.accepted, 0);
			return {
				sent: sent[name],
				accepted: accepted[name],
				acceptedPerSecond: ok / (ms / 1000),
				loads,
				executions: executions[name],
				lost: sent[name] - executions[name].recorded,
			};
		};
		const trigger = side('trigger');
		const webhook = side('webhook');
		return {
			n8nVersion: lib.N8N_VERSION,
			deliveries: options.deliveries,
			concurrency: options.concurrency,
			trigger,
			webhook,
			ratio: trigger.acceptedPerSecond / webhook.acceptedPerSecond,
			readyMs: n8n.readyMs,
			n8nEnv: options.n8nEnv ?? {},
		};
	} finally {
		await n8n?.stop();
		await helper.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}
