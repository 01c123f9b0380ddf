/**
 * What the real-server suites share: the server they talk to (from the runner's environment),
 * a recording proxy between the node and that server, and running one operation of the action
 * node through n8n-core's engine (the contract tests' harness) with the package's credential.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EvolutionServerApi } from '../../credentials/EvolutionServerApi.credentials';
import { EvolutionApi } from '../../nodes/EvolutionApi/EvolutionApi.node';
import { executeNode, type ExecuteNodeResult } from '../harness';

export interface RealTarget {
	url: string;
	apiKey: string;
	/** Only routes that change nothing (the user's own server). */
	readOnly: boolean;
	/** Where the suite writes what it found, for the runner and the fake's calibration. */
	resultsFile: string | undefined;
}

/** The server the runner (test/real/run.js) hands over; the suite refuses to run without one. */
export function realTarget(): RealTarget {
	const url = process.env.EVOLUTION_URL;
	const apiKey = process.env.EVOLUTION_API_KEY;
	if (!url || !apiKey) {
		throw new Error('EVOLUTION_URL and EVOLUTION_API_KEY are not set: run the real suite with `npm run test:real` (it starts the server), or set both to check your own server');
	}
	return { url: url.replace(/\/+$/, ''), apiKey, readOnly: process.env.REAL_READ_ONLY === '1', resultsFile: process.env.REAL_RESULTS };
}

/** One request the node sent and what the server answered (headers other than content-type are not kept: no key). */
export interface Exchange {
	/** `resource:operation` that sent it, or `setup:<what>`. */
	step: string;
	method: string;
	path: string;
	requestType: string | undefined;
	/** The raw request body, base64 (multipart bodies stay byte-exact for the replay). */
	requestBody: string;
	status: number;
	responseType: string | undefined;
	responseBody: string;
}

export interface RecordingProxy {
	url: string;
	exchanges: Exchange[];
	/** Tags the requests that follow with the step that sends them. */
	setStep(step: string): void;
	close(): Promise<void>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

/** The record keeps the body as the server meant it; the node still gets the bytes as they came. */
function decoded(data: Buffer, encoding: string | undefined): Buffer {
	if (encoding === 'gzip') return gunzipSync(data);
	if (encoding === 'br') return brotliDecompressSync(data);
	if (encoding === 'deflate') return inflateSync(data);
	return data;
}

/**
 * A loopback proxy that forwards every request to `target` unchanged and records it, so the
 * same requests can be replayed against the fake and compared (test/real/fake.real.ts).
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
	const exchanges: Exchange[] = [];
	let step = 'setup';
	const base = new URL(target);
	const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
	const server = createServer((req, res) => {
		void (async () => {
			const body = await readAll(req);
			const headers: IncomingHttpHeaders = { ...req.headers, host: base.host };
			const upstream = send(new URL(base.pathname.replace(/\/$/, '') + (req.url ?? '/'), base), { method: req.method, headers }, (answer) => {
				void readAll(answer).then((data) => {
					exchanges.push({
						step,
						method: req.method ?? 'GET',
						path: req.url ?? '/',
						requestType: req.headers['content-type'],
						requestBody: body.toString('base64'),
						status: answer.statusCode ?? 0,
						responseType: answer.headers['content-type'],
						responseBody: decoded(data, answer.headers['content-encoding']).toString('utf8'),
					});
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					res.end(data);
				});
			});
			upstream.on('error', (error) => {
				res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(`recording proxy: ${error.message}`);
			});
			upstream.end(body);
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		exchanges,
		setStep(next) {
			step = next;
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Runs the action node once, as a user's workflow would, against `url`. */
export async function runNode(url: string, apiKey: string, parameters: INodeParameters, items?: INodeExecutionData[]): Promise<ExecuteNodeResult> {
	return await executeNode({
		node: new EvolutionApi(),
		parameters,
		items,
		credentials: { evolutionServerApi: { serverUrl: url, apiKey, defaultInstance: '' } },
		credentialTypes: [new EvolutionServerApi()],
	});
}

/** Messages of the server's request validators (jsonschema and the routers' own checks): never a state refusal. */
export const VALIDATOR_MESSAGE = /requires property|is not of a type|does not match pattern|is not one of enum values|does not meet minimum|does not meet maximum|is not allowed to have the additional property|must be informed|is required/i;

/** A parsed JSON body, or the text when it is not JSON. */
export function parseBody(text: string): unknown {
	if (text === '') return '';
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
