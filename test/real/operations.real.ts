/**
 * Every operation of the action node against a real Evolution API 2.3.6 server, run through
 * n8n-core's engine as the contract tests do (run by test/real/phases/10-operations.js, which hands
 * over the server in EVOLUTION_URL / EVOLUTION_API_KEY).
 *
 * Each answer is classified:
 * - accepted: the node finished without an error;
 * - refused for state: the node raised exactly the error REFUSALS (operations.ts) names for this
 *   operation, every request it sent passed the server's validators, and no request hit an
 *   unknown route;
 * - failed: anything else (a validation 400, a 404 for a route, a node error, a 500 that depends
 *   on the request's shape, a refusal that is not on the list).
 * One line per operation, then a summary. With REAL_READ_ONLY=1 (a user's own server) only the
 * routes of isReadOnly() run, on the user's instance, and nothing is created.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { operationIndex } from '../../nodes/EvolutionApi/actions';
import { routeNeedsInstance } from '../../nodes/EvolutionApi/actions/types';
import { toBinaryData } from '../harness';
import { baselineParameters } from '../helpers/parameters';
import { INSTANCES, isReadOnly, OPERATIONS, REFUSALS, SETUP, type Context, type RealOperation } from './operations';
import { realTarget, runNode, startRecordingProxy, VALIDATOR_MESSAGE, type Exchange, type RecordingProxy } from './support';

const target = realTarget();
const MEDIA = join(__dirname, '..', 'fixtures', 'media');
const FILES = {
	png: { name: 'image.png', mimeType: 'image/png' },
	ogg: { name: 'voice.ogg', mimeType: 'audio/ogg; codecs=opus' },
	mp4: { name: 'clip.mp4', mimeType: 'video/mp4' },
};

type Outcome = 'accepted' | 'refused' | 'failed';
interface Row {
	key: string;
	route: string;
	outcome: Outcome;
	detail: string;
}

const rows: Row[] = [];
/** Checks beyond the table (the defects seen on 2.3.6), for the runner. */
const checks: Array<{ name: string; ok: boolean; detail?: string }> = [];
const context: Context = {};
let proxy: RecordingProxy;
let userInstance = '';

function itemsFor(operation: RealOperation): INodeExecutionData[] | undefined {
	if (!operation.binary) return undefined;
	const file = FILES[operation.binary];
	return [{ json: {}, binary: { data: toBinaryData(readFileSync(join(MEDIA, file.name)), { mimeType: file.mimeType, fileName: file.name }) } }];
}

function parametersFor(operation: RealOperation): INodeParameters {
	const definition = operationIndex.get(operation.key)!;
	const [resource, name] = operation.key.split(':');
	const parameters: INodeParameters = {
		...(baselineParameters(definition.properties) as INodeParameters),
		...operation.parameters?.(context),
		resource,
		operation: name,
	};
	if (routeNeedsInstance(definition.route)) {
		const instance = target.readOnly ? userInstance : INSTANCES[operation.instance ?? 'baileys'];
		parameters.instanceName = { __rl: true, mode: 'name', value: instance };
	}
	return parameters;
}

/** Why the requests an operation sent are wrong by shape, whatever the server's state. */
function shapeProblems(exchanges: Exchange[]): string[] {
	const problems: string[] = [];
	for (const exchange of exchanges) {
		const text = exchange.responseBody;
		if (exchange.status === 404 && /Cannot (GET|POST|PUT|DELETE|PATCH) /.test(text)) problems.push(`unknown route ${exchange.method} ${exchange.path}`);
		if (exchange.status === 400 && VALIDATOR_MESSAGE.test(text)) problems.push(`validation: ${text.slice(0, 300)}`);
	}
	return problems;
}

function classify(operation: RealOperation, error: { name?: string; message?: string } | undefined, exchanges: Exchange[]): { outcome: Outcome; detail: string } {
	const problems = shapeProblems(exchanges);
	const last = exchanges[exchanges.length - 1];
	const answer = last ? `${last.status}` : 'no request';
	if (problems.length > 0) return { outcome: 'failed', detail: problems.join('; ') };
	if (!error) return { outcome: 'accepted', detail: answer };
	// A user's server is in a state of its own (connected or not, integrations on or off): any
	// answer of the server that is not about the request's shape tells what it supports now.
	if (target.readOnly && error.name === 'NodeApiError') return { outcome: 'refused', detail: `${answer} ${error.message}` };
	const refusal = REFUSALS[operation.key];
	const message = error.message ?? '';
	if (refusal && refusal.message.test(message)) return { outcome: 'refused', detail: `${answer} ${message}` };
	return { outcome: 'failed', detail: `${answer} ${error.name}: ${message}${refusal ? ` (expected ${refusal.message})` : ''}` };
}

function print(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** Read-only: what the user's server lacks for an operation to be tried at all (an instance, a bot). */
function readOnlyGap(operation: RealOperation): string | undefined {
	const definition = operationIndex.get(operation.key)!;
	if (routeNeedsInstance(definition.route) && !userInstance) return 'not tried: the server has no instance (create one, or name one in EVOLUTION_INSTANCE)';
	const resource = operation.key.split(':')[0];
	const needsBot = definition.properties.some((property) => property.name === 'botId');
	if (needsBot && !context[`${resource}Id`]) return `not tried: instance "${userInstance}" has no ${resource} bot to read`;
	// Any other ID the parameters take from an earlier operation (an OpenAI credential, …).
	const emptyLocator = (value: unknown): boolean =>
		typeof value === 'object' && value !== null && ((value as IDataObject).__rl === true ? (value as IDataObject).value === '' : Object.values(value).some(emptyLocator));
	if (emptyLocator(operation.parameters?.(context) ?? {})) return `not tried: instance "${userInstance}" has nothing of that kind to read (no OpenAI credential)`;
	return undefined;
}

const selected = OPERATIONS.filter((operation) => !target.readOnly || isReadOnly(operationIndex.get(operation.key)!.route));

beforeAll(async () => {
	proxy = await startRecordingProxy(target.url);
	if (target.readOnly) {
		const named = process.env.EVOLUTION_INSTANCE;
		const all = await runNode(proxy.url, target.apiKey, { resource: 'instance', operation: 'getAll', returnAll: true });
		userInstance = named || String(all.items[0]?.json.name ?? '');
		print(`read-only: ${selected.length} of ${OPERATIONS.length} operations change nothing; instance: ${userInstance || '(none on this server)'}`);
		return;
	}
	for (const { step, parameters } of SETUP) {
		proxy.setStep(step);
		const result = await runNode(proxy.url, target.apiKey, parameters);
		if (result.error) throw new Error(`${step} failed: ${result.error.message}`);
	}
}, 120_000);

afterAll(async () => {
	await proxy?.close();
	const count = (outcome: Outcome) => rows.filter((row) => row.outcome === outcome).length;
	print(`operations: ${rows.length} run, ${count('accepted')} accepted, ${count('refused')} refused for state, ${count('failed')} failed`);
	if (target.resultsFile) writeFileSync(target.resultsFile, JSON.stringify({ rows, checks, exchanges: proxy?.exchanges ?? [], readOnly: target.readOnly }, null, 1));
});

it('covers every operation of the node once', () => {
	const keys = OPERATIONS.map((operation) => operation.key);
	expect(new Set(keys).size).toBe(keys.length);
	expect([...operationIndex.keys()].filter((key) => !keys.includes(key))).toEqual([]);
	expect(keys.filter((key) => !operationIndex.has(key))).toEqual([]);
	expect(Object.keys(REFUSALS).filter((key) => !operationIndex.has(key))).toEqual([]);
});

describe('operations', () => {
	for (const operation of selected) {
		it(operation.key, async () => {
			const definition = operationIndex.get(operation.key)!;
			const route = `${definition.route.method} ${definition.route.path}`;
			proxy.setStep(operation.key);
			const missing = target.readOnly ? readOnlyGap(operation) : undefined;
			if (missing) {
				rows.push({ key: operation.key, route, outcome: 'refused', detail: missing });
				print(`${'refused'.padEnd(8)} ${operation.key.padEnd(36)} ${route.padEnd(52)} ${missing}`);
				return;
			}
			const before = proxy.exchanges.length;
			let error: { name?: string; message?: string } | undefined;
			let json: IDataObject | undefined;
			try {
				const result = await runNode(proxy.url, target.apiKey, parametersFor(operation), itemsFor(operation));
				error = result.error;
				json = result.items[0]?.json;
			} catch (thrown) {
				error = { name: (thrown as Error).name, message: (thrown as Error).message };
			}
			if (!error && json && operation.keep) operation.keep(json, context);
			// Read-only: the first bot of an integration's list stands in for the one the full run creates.
			if (target.readOnly && !error && json && operation.key.endsWith(':getAll') && typeof json.id === 'string') {
				context[`${operation.key.split(':')[0]}Id`] = json.id;
			}
			const { outcome, detail } = classify(operation, error, proxy.exchanges.slice(before));
			rows.push({ key: operation.key, route, outcome, detail });
			print(`${outcome.padEnd(8)} ${operation.key.padEnd(36)} ${route.padEnd(52)} ${detail.replace(/\s+/g, ' ').slice(0, 220)}`);
			expect({ key: operation.key, outcome, detail }).toEqual({ key: operation.key, outcome: outcome === 'failed' ? 'accepted or refused for state' : outcome, detail });
		}, 120_000);
	}
});

// The reviewed list stays exact: an entry no operation needed on this run is stale (the server
// now accepts it, or refuses it for another reason the list must name).
(target.readOnly ? it.skip : it)('every reviewed state refusal was met', () => {
	const stale = Object.keys(REFUSALS).filter((key) => rows.find((row) => row.key === key)?.outcome !== 'refused');
	checks.push({ name: 'operations: every entry of REFUSALS was met', ok: stale.length === 0, detail: stale.join(', ') });
	expect(stale).toEqual([]);
});

/**
 * The defects seen on the real 2.3.6 server, each checked where it showed. Sticker, Archive,
 * Restart on a closed instance and the Template errors are rows of the table (their refusals
 * name the message the fix gives); these check what the rows cannot see.
 */
describe('defects seen on 2.3.6', () => {
	const check = async (name: string, body: () => Promise<void>) => {
		try {
			await body();
			checks.push({ name, ok: true });
		} catch (error) {
			checks.push({ name, ok: false, detail: (error as Error).message });
			throw error;
		}
	};
	const instanceName = { __rl: true, mode: 'name', value: INSTANCES.baileys };
	const sent = (step: string) => proxy.exchanges.filter((exchange) => exchange.step === step);

	(target.readOnly ? it.skip : it)('Send Sticker goes as base64 JSON and passes the conversion (no 500 "Invalid URL")', async () => {
		await check('defect: Send Sticker with a binary file', async () => {
			const [request] = sent('message:sendSticker');
			expect(request.requestType).toMatch(/^application\/json/);
			expect(request.responseBody).not.toMatch(/Invalid URL/);
			expect(JSON.parse(Buffer.from(request.requestBody, 'base64').toString('utf8')).sticker).toMatch(/^[A-Za-z0-9+/]+=*$/);
		});
	});

	(target.readOnly ? it.skip : it)('Archive sends lastMessage, so the server skips its own failing lookup', async () => {
		await check('defect: Chat → Archive without a last message', async () => {
			proxy.setStep('defect:archive');
			const result = await runNode(proxy.url, target.apiKey, { resource: 'chat', operation: 'archive', instanceName, chatJid: { __rl: true, mode: 'id', value: '5511988887777' } });
			// Nothing is stored on this server: the node says so before archiving, instead of the server's Prisma 500.
			expect(result.error?.message).toBe('No stored message found in chat 5511988887777@s.whatsapp.net');
			expect(sent('defect:archive').map((exchange) => exchange.path)).toEqual([`/chat/findMessages/${INSTANCES.baileys}`]);
		});
	});

	(target.readOnly ? it.skip : it)('Send Poll to a group the instance cannot read says so, not "[object Object]"', async () => {
		await check('defect: Send Poll to an unknown group', async () => {
			proxy.setStep('defect:sendPoll');
			const result = await runNode(proxy.url, target.apiKey, {
				resource: 'message',
				operation: 'sendPoll',
				instanceName,
				remoteJid: '120363000000000099@g.us',
				pollName: 'Which day?',
				pollValues: { value: [{ text: 'Monday' }, { text: 'Friday' }] },
				selectableCount: 1,
			});
			expect(sent('defect:sendPoll')[0]?.responseBody).toContain('[object Object]');
			expect(result.error?.message).toBe(`The group was not found, so nothing was sent from instance "${INSTANCES.baileys}"`);
		});
	});
});
