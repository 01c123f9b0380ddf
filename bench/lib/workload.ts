/**
 * The Send Text workload shared by the overhead and scaling parts: N items mapped into the
 * node with expressions (as a real workflow would), and the same N requests sent without n8n.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EvolutionServerApi } from '../../credentials/EvolutionServerApi.credentials';
import { EvolutionApi } from '../../nodes/EvolutionApi/EvolutionApi.node';
import { Engine } from './engine';

export interface Target {
	url: string;
	apiKey: string;
	instance: string;
}

/** Ten recipients, cycled: the fake keeps one chat per recipient and looks chats up linearly. */
const RECIPIENTS = Array.from({ length: 10 }, (_, index) => `55119876500${String(index).padStart(2, '0')}`);

export function textItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { number: RECIPIENTS[index % RECIPIENTS.length], text: `Bench message ${index + 1}: your order has shipped.` },
	}));
}

export function sendTextParameters(target: Target): INodeParameters {
	return {
		resource: 'message',
		operation: 'sendText',
		instanceName: { __rl: true, mode: 'name', value: target.instance },
		remoteJid: '={{ $json.number }}',
		text: '={{ $json.text }}',
	};
}

/** Fixed values instead of expressions: shows what mapping fields with expressions costs per item. */
export function literalSendTextParameters(target: Target): INodeParameters {
	return { ...sendTextParameters(target), remoteJid: RECIPIENTS[0], text: 'Bench message: your order has shipped.' };
}

export function sendTextEngine(target: Target, options: { literal?: boolean } = {}): Engine {
	return new Engine({
		node: new EvolutionApi(),
		parameters: options.literal ? literalSendTextParameters(target) : sendTextParameters(target),
		credentials: { evolutionServerApi: { serverUrl: target.url, apiKey: target.apiKey, defaultInstance: '' } },
		credentialTypes: [new EvolutionServerApi()],
	});
}

/** What a minimal client sends for one item: the same JSON body and headers as the node. */
function bodyOf(item: INodeExecutionData): string {
	return JSON.stringify({ number: item.json.number, text: item.json.text });
}

function post(target: Target, agent: Agent, body: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const outgoing = request(
			`${target.url}/message/sendText/${encodeURIComponent(target.instance)}`,
			{
				method: 'POST',
				agent,
				headers: {
					apikey: target.apiKey,
					accept: 'application/json',
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
					if (response.statusCode !== 201) reject(new Error(`bare loop: HTTP ${response.statusCode} ${JSON.stringify(parsed)}`));
					else resolve(parsed);
				});
				response.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/**
 * The baseline: the same requests, one after the other, from a plain node:http client.
 * `keepAlive: true` reuses one connection (the baseline); false opens a connection per
 * request, as n8n's HTTP layer does (it builds a new http.Agent for every request).
 */
export async function bareLoop(target: Target, items: INodeExecutionData[], keepAlive: boolean): Promise<number> {
	const shared = new Agent({ keepAlive: true, maxSockets: 1 });
	const started = performance.now();
	for (const item of items) {
		const agent = keepAlive ? shared : new Agent({ keepAlive: false });
		await post(target, agent, bodyOf(item));
	}
	const elapsed = performance.now() - started;
	shared.destroy();
	return elapsed;
}

/**
 * The same requests through n8n's own HTTP layer (@n8n/backend-network's OutboundHttp, which
 * httpRequestWithAuthentication ends in: axios, a new agent per request), without the workflow
 * engine or the node: separates the engine's and node's cost from n8n's HTTP client cost.
 */
export async function n8nHttpLoop(target: Target, items: INodeExecutionData[]): Promise<number> {
	const http = Container.get(OutboundHttp).requests();
	const started = performance.now();
	for (const item of items) {
		const response = (await http.request({
			method: 'POST',
			url: `${target.url}/message/sendText/${encodeURIComponent(target.instance)}`,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			headers: { accept: 'application/json', 'content-type': 'application/json', apikey: target.apiKey },
			body: bodyOf(item),
			timeout: 60000,
		})) as { statusCode: number; body: string };
		const parsed = JSON.parse(response.body) as unknown;
		if (response.statusCode !== 201) throw new Error(`n8n HTTP loop: HTTP ${response.statusCode} ${JSON.stringify(parsed)}`);
	}
	return performance.now() - started;
}
