/**
 * Proves the test harness (test/harness) runs nodes through n8n-core's real engine, using
 * throw-away node and credential types defined here and a local node:http server.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IAuthenticateGeneric,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { createTriggerHarness, executeNode, toBinaryData } from './harness';

// ---------------------------------------------------------------------------------------
// A local HTTP server recording every request
// ---------------------------------------------------------------------------------------

interface RecordedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

type Reply = { status?: number; json?: unknown };

/** 200 with the request's method, url and body. */
function echo(request: RecordedRequest): Reply {
	return { json: { method: request.method, url: request.url, body: parseJson(request.body) } };
}

/** The body as JSON when it is JSON, else as text (undefined when empty). */
function parseJson(body: Buffer): unknown {
	if (body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8')) as unknown;
	} catch {
		return body.toString('utf8');
	}
}

class FakeServer {
	readonly requests: RecordedRequest[] = [];

	/** Decides the answer; default: echo. */
	reply: (request: RecordedRequest) => Reply = echo;

	private readonly server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: RecordedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks),
			};
			this.requests.push(request);
			let reply: Reply;
			try {
				reply = this.reply(request);
			} catch (error) {
				reply = { status: 599, json: { message: (error as Error).message } };
			}
			res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(reply.json ?? {}));
		});
	});

	url = '';

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

const server = new FakeServer();
beforeAll(async () => await server.start());
afterAll(async () => await server.stop());
beforeEach(() => {
	server.requests.length = 0;
	server.reply = echo;
});

// ---------------------------------------------------------------------------------------
// Throw-away credential and node types
// ---------------------------------------------------------------------------------------

const credentialProperties: INodeProperties[] = [
	{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
	{ displayName: 'Region', name: 'region', type: 'string', default: 'eu-default' },
];

/** Declarative `authenticate`, like the package's real credential. */
class GenericKeyApi implements ICredentialType {
	name = 'harnessGenericKeyApi';

	displayName = 'Harness Generic Key API';

	properties = credentialProperties;

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { apikey: '={{$credentials.apiKey}}' },
			qs: { region: '={{$credentials.region}}' },
		},
	};
}

/** Function-style `authenticate`. */
class FunctionKeyApi implements ICredentialType {
	name = 'harnessFunctionKeyApi';

	displayName = 'Harness Function Key API';

	properties = credentialProperties;

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = { ...requestOptions.headers, authorization: `Bearer ${String(credentials.apiKey)}` };
		return requestOptions;
	}
}

const regularNode = (description: Partial<INodeTypeDescription>): INodeTypeDescription => ({
	displayName: 'Harness Node',
	name: 'harnessNode',
	group: ['transform'],
	version: 1,
	description: 'Throw-away node for harness tests',
	defaults: { name: 'Harness Node' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
	...description,
});

/** POSTs every item to `<baseUrl><path>` and outputs the server's answer. */
class HttpNode implements INodeType {
	description = regularNode({
		displayName: 'Harness HTTP',
		name: 'harnessHttp',
		defaults: { name: 'Harness HTTP' },
		credentials: [
			{ name: 'harnessGenericKeyApi', required: true, displayOptions: { show: { auth: ['generic'] } } },
			{ name: 'harnessFunctionKeyApi', required: true, displayOptions: { show: { auth: ['function'] } } },
		],
		properties: [
			{
				displayName: 'Auth',
				name: 'auth',
				type: 'options',
				options: [
					{ name: 'Generic', value: 'generic' },
					{ name: 'Function', value: 'function' },
				],
				default: 'generic',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const auth = this.getNodeParameter('auth', itemIndex) as string;
			const credentialType = auth === 'generic' ? 'harnessGenericKeyApi' : 'harnessFunctionKeyApi';
			const { baseUrl } = await this.getCredentials(credentialType);
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'POST',
					url: `${String(baseUrl)}${this.getNodeParameter('path', itemIndex) as string}`,
					body: items[itemIndex].json,
					json: true,
				})) as IDataObject;
				output.push({ json: response, pairedItem: { item: itemIndex } });
			} catch (error) {
				// The real pattern: wrap API errors with the item index, honour continueOnFail.
				const apiError =
					error instanceof NodeApiError ? error : new NodeApiError(this.getNode(), error as JsonObject);
				apiError.context.itemIndex = itemIndex;
				if (this.continueOnFail()) {
					output.push({ json: { error: apiError.message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw apiError;
			}
		}
		return [output];
	}
}

/** Fails with a NodeOperationError on the item whose json.fail is true. */
class FailingNode implements INodeType {
	description = regularNode({ displayName: 'Harness Failing', name: 'harnessFailing', defaults: { name: 'Failing' } });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, itemIndex) => {
				if (item.json.fail === true) {
					throw new NodeOperationError(this.getNode(), 'Item is not acceptable', {
						itemIndex,
						description: 'json.fail was true',
					});
				}
				return { json: { ok: true }, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/**
 * Reads the `data` binary of every item the way a media-sending node does: metadata,
 * then a stream when the data is stored with an id (filesystem mode), else a buffer.
 * With `upload` it streams the bytes to the server; it also emits a new binary.
 */
class BinaryNode implements INodeType {
	description = regularNode({
		displayName: 'Harness Binary',
		name: 'harnessBinary',
		defaults: { name: 'Binary' },
		credentials: [{ name: 'harnessGenericKeyApi', required: false }],
		properties: [{ displayName: 'Upload', name: 'upload', type: 'boolean', default: false }],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const binary = this.helpers.assertBinaryData(itemIndex, 'data');
			let content: Buffer;
			let streamed = false;
			let storedAt: string | undefined;
			if (binary.id !== undefined) {
				const stream = await this.helpers.getBinaryStream(binary.id);
				streamed = stream instanceof Readable;
				storedAt = this.helpers.getBinaryPath(binary.id);
				if (this.getNodeParameter('upload', itemIndex) as boolean) {
					const { baseUrl } = await this.getCredentials('harnessGenericKeyApi');
					await this.helpers.httpRequestWithAuthentication.call(this, 'harnessGenericKeyApi', {
						method: 'POST',
						url: `${String(baseUrl)}/upload`,
						body: stream,
						headers: { 'content-type': binary.mimeType },
					});
					content = await this.helpers.getBinaryDataBuffer(itemIndex, 'data');
				} else {
					content = await this.helpers.binaryToBuffer(stream);
				}
			} else {
				content = await this.helpers.getBinaryDataBuffer(itemIndex, 'data');
			}
			const reversed = Buffer.from(content).reverse();
			output.push({
				json: {
					text: content.toString('utf8'),
					hasId: binary.id !== undefined,
					streamed,
					storedAt: storedAt ?? null,
					fileName: binary.fileName ?? null,
					mimeType: binary.mimeType,
				},
				binary: { reversed: await this.helpers.prepareBinaryData(reversed, 'reversed.txt', 'text/plain') },
				pairedItem: { item: itemIndex },
			});
		}
		return [output];
	}
}

/**
 * A self-registering webhook trigger: `create` registers the webhook URL at the server and
 * keeps the returned id in node static data; `webhook()` answers 401 itself on a bad token.
 */
class WebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Trigger',
		name: 'harnessTrigger',
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		description: 'Throw-away webhook trigger',
		defaults: { name: 'Harness Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessGenericKeyApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'events' }],
		properties: [{ displayName: 'Event', name: 'event', type: 'string', default: 'MESSAGES_UPSERT' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				if (staticData.webhookId === undefined) return false;
				const { baseUrl } = await this.getCredentials('harnessGenericKeyApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessGenericKeyApi', {
					method: 'GET',
					url: `${String(baseUrl)}/webhooks/${String(staticData.webhookId)}`,
					json: true,
				})) as IDataObject;
				return response.url === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials('harnessGenericKeyApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessGenericKeyApi', {
					method: 'POST',
					url: `${String(baseUrl)}/webhooks`,
					body: {
						url: this.getNodeWebhookUrl('default'),
						events: [this.getNodeParameter('event')],
						activation: this.getActivationMode(),
					},
					json: true,
				})) as IDataObject;
				this.getWorkflowStaticData('node').webhookId = response.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const { baseUrl } = await this.getCredentials('harnessGenericKeyApi');
				await this.helpers.httpRequestWithAuthentication.call(this, 'harnessGenericKeyApi', {
					method: 'DELETE',
					url: `${String(baseUrl)}/webhooks/${String(staticData.webhookId)}`,
					json: true,
				});
				delete staticData.webhookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { apiKey } = await this.getCredentials('harnessGenericKeyApi');
		if (this.getHeaderData()['x-token'] !== apiKey) {
			this.getResponseObject().status(401).json({ error: 'bad token' });
			return { noWebhookResponse: true };
		}
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer };
		return {
			workflowData: [
				[
					{
						json: {
							body: this.getBodyData(),
							query: this.getQueryData() as IDataObject,
							rawLength: request.rawBody?.length ?? 0,
							staticWebhookId: (this.getWorkflowStaticData('node').webhookId as string) ?? null,
						},
					},
				],
			],
		};
	}
}

const genericCredentials = () => ({
	harnessGenericKeyApi: { baseUrl: server.url, apiKey: 'secret-key' },
});

// ---------------------------------------------------------------------------------------
// executeNode
// ---------------------------------------------------------------------------------------

describe('executeNode', () => {
	it('sends the apikey header produced by the generic authenticate block', async () => {
		const result = await executeNode({
			node: new HttpNode(),
			parameters: { path: '/message/sendText/main' },
			credentials: genericCredentials(),
			credentialTypes: [new GenericKeyApi()],
			items: [{ json: { number: '5511999999999', text: 'hi' } }],
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.headers.apikey).toBe('secret-key');
		// qs of the generic block, with the credential property's default filled in.
		expect(request.url).toBe('/message/sendText/main?region=eu-default');
		expect(parseJson(request.body)).toEqual({ number: '5511999999999', text: 'hi' });
		expect(result.items).toEqual([
			{
				json: {
					method: 'POST',
					url: '/message/sendText/main?region=eu-default',
					body: { number: '5511999999999', text: 'hi' },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.nodeUnderTest.type).toBe('n8n-nodes-evolution.harnessHttp');
	});

	it('applies a function-style authenticate', async () => {
		const result = await executeNode({
			node: new HttpNode(),
			parameters: { auth: 'function' },
			credentials: { harnessFunctionKeyApi: { baseUrl: server.url, apiKey: 'fn-key' } },
			credentialTypes: [new FunctionKeyApi()],
		});

		expect(result.error).toBeUndefined();
		expect(server.requests[0].headers.authorization).toBe('Bearer fn-key');
		expect(server.requests[0].headers.apikey).toBeUndefined();
	});

	it('runs every item and keeps pairedItem', async () => {
		const result = await executeNode({
			node: new HttpNode(),
			parameters: { path: '={{ "/items/" + $json.n }}' },
			credentials: genericCredentials(),
			credentialTypes: [new GenericKeyApi()],
			items: [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(server.requests.map((request) => request.url)).toEqual([
			'/items/0?region=eu-default',
			'/items/1?region=eu-default',
			'/items/2?region=eu-default',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.runData.Start[0].data?.main[0]).toHaveLength(3);
	});

	it('surfaces a NodeApiError with httpCode and itemIndex', async () => {
		server.reply = (request) =>
			request.url.startsWith('/items/1') ? { status: 404, json: { message: 'Instance not found' } } : echo(request);

		const result = await executeNode({
			node: new HttpNode(),
			parameters: { path: '={{ "/items/" + $json.n }}' },
			credentials: genericCredentials(),
			credentialTypes: [new GenericKeyApi()],
			items: [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			context: { itemIndex: 1 },
			node: { name: 'Harness HTTP' },
		});
		expect(result.error?.message).toContain('could not be found');
		expect(result.error?.description).toContain('Instance not found');
		expect(server.requests).toHaveLength(2); // stopped at the failing item
	});

	it('surfaces a NodeOperationError with description and itemIndex', async () => {
		const result = await executeNode({
			node: new FailingNode(),
			parameters: {},
			items: [{ json: {} }, { json: { fail: true } }],
		});

		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item is not acceptable',
			description: 'json.fail was true',
			context: { itemIndex: 1 },
		});
	});

	it('produces error items with continueOnFail', async () => {
		server.reply = (request) =>
			request.url.startsWith('/items/1') ? { status: 500, json: { message: 'boom' } } : echo(request);

		const result = await executeNode({
			node: new HttpNode(),
			parameters: { path: '={{ "/items/" + $json.n }}' },
			credentials: genericCredentials(),
			credentialTypes: [new GenericKeyApi()],
			items: [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.nodeUnderTest.onError).toBe('continueRegularOutput');
		expect(result.items).toHaveLength(3);
		expect(result.items[1]).toEqual({
			json: { error: expect.stringContaining('not able to process your request') as unknown },
			pairedItem: { item: 1 },
		});
		expect(result.items[2].json.url).toBe('/items/2?region=eu-default');
	});

	it('feeds real in-memory binary data in default mode', async () => {
		const result = await executeNode({
			node: new BinaryNode(),
			parameters: {},
			items: [{ json: {}, binary: { data: toBinaryData('hello', { fileName: 'a.txt', mimeType: 'text/plain' }) } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			text: 'hello',
			hasId: false,
			fileName: 'a.txt',
			mimeType: 'text/plain',
		});
		expect((await result.getBinaryBuffer(result.items[0], 'reversed')).toString()).toBe('olleh');
	});

	it('feeds binary data from disk in filesystem mode and streams it', async () => {
		const content = Buffer.alloc(256 * 1024, 'evolution');
		const result = await executeNode({
			node: new BinaryNode(),
			parameters: { upload: true },
			credentials: genericCredentials(),
			credentialTypes: [new GenericKeyApi()],
			binaryMode: 'filesystem',
			items: [{ json: {}, binary: { data: toBinaryData(content, { fileName: 'big.bin', mimeType: 'application/octet-stream' }) } }],
		});

		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toMatchObject({ hasId: true, streamed: true, fileName: 'big.bin' });
		expect(String(json.storedAt).startsWith(process.env.N8N_USER_FOLDER!)).toBe(true);
		expect(existsSync(String(json.storedAt))).toBe(true);
		// The stream went over the wire intact, authenticated.
		const upload = server.requests[0];
		expect(upload.url).toBe('/upload?region=eu-default');
		expect(upload.headers.apikey).toBe('secret-key');
		expect(upload.body.equals(content)).toBe(true);
		// Output binary is stored on disk too, and readable through the harness.
		expect(result.items[0].binary?.reversed.id).toMatch(/^filesystem/);
		expect((await result.getBinaryBuffer(result.items[0], 'reversed')).equals(Buffer.from(content).reverse())).toBe(true);
	});
});

// ---------------------------------------------------------------------------------------
// createTriggerHarness
// ---------------------------------------------------------------------------------------

describe('createTriggerHarness', () => {
	const registered = new Map<string, IDataObject>();

	beforeEach(() => {
		registered.clear();
		// A tiny webhook registry: POST /webhooks, GET/DELETE /webhooks/:id.
		server.reply = (request) => {
			const id = request.url.split('?')[0].split('/')[2];
			if (request.method === 'POST') {
				const webhook = { id: `wh-${registered.size + 1}`, ...(parseJson(request.body) as IDataObject) };
				registered.set(webhook.id, webhook);
				return { status: 201, json: webhook };
			}
			if (request.method === 'GET') return registered.has(id) ? { json: registered.get(id) } : { status: 404 };
			registered.delete(id);
			return { json: { deleted: id } };
		};
	});

	const harness = (options: { staticData?: IDataObject; mode?: 'manual' | 'trigger' } = {}) =>
		createTriggerHarness({
			node: new WebhookTrigger(),
			parameters: { event: 'CONNECTION_UPDATE' },
			credentials: genericCredentials(),
			credentialTypes: [new GenericKeyApi()],
			webhookId: '6f0c7d0e-1111-4222-8333-444455556666',
			...options,
		});

	it('exposes the production and test webhook URLs', () => {
		expect(harness().webhookUrl).toBe(
			'http://127.0.0.1:5678/webhook/6f0c7d0e-1111-4222-8333-444455556666/events',
		);
		expect(harness({ mode: 'manual' }).webhookUrl).toBe(
			'http://127.0.0.1:5678/webhook-test/6f0c7d0e-1111-4222-8333-444455556666/events',
		);
		expect(
			createTriggerHarness({
				node: new WebhookTrigger(),
				parameters: {},
				credentials: genericCredentials(),
				credentialTypes: [new GenericKeyApi()],
				webhookBaseUrl: 'https://n8n.example.com',
				webhookId: 'abc',
			}).webhookUrl,
		).toBe('https://n8n.example.com/webhook/abc/events');
	});

	it('runs checkExists/create/delete with persistent node static data', async () => {
		const staticData: IDataObject = {};
		const t = harness({ staticData });

		expect(await t.checkExists()).toBe(false);
		expect(await t.create()).toBe(true);

		const createRequest = server.requests.find((request) => request.method === 'POST');
		expect(createRequest?.headers.apikey).toBe('secret-key');
		expect(parseJson(createRequest!.body)).toEqual({
			url: t.webhookUrl,
			events: ['CONNECTION_UPDATE'],
			activation: 'activate',
		});
		expect(t.nodeStaticData.webhookId).toBe('wh-1');
		// Stored per node, in the caller's object, like n8n's persisted workflow static data.
		expect(staticData['node:Harness Trigger']).toMatchObject({ webhookId: 'wh-1' });
		expect(await t.checkExists()).toBe(true);

		// A new harness on the same static data sees the registration (like an n8n restart).
		expect(await harness({ staticData }).checkExists()).toBe(true);

		expect(await t.delete()).toBe(true);
		expect(registered.size).toBe(0);
		expect(t.nodeStaticData.webhookId).toBeUndefined();
		expect(await t.checkExists()).toBe(false);
	});

	it('activate() creates only when checkExists says no', async () => {
		const t = harness();
		await t.activate();
		await t.activate();
		expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('lets webhook() answer 401 itself', async () => {
		const t = harness();
		const res = await t.deliver({ headers: { 'X-Token': 'wrong' }, body: { event: 'x' } });

		expect(res).toMatchObject({
			responded: true,
			status: 401,
			responseBody: { error: 'bad token' },
			noWebhookResponse: true,
		});
		expect(res.workflowData).toBeUndefined();
	});

	it('returns workflowData for a good delivery, with static data and raw body available', async () => {
		const t = harness();
		await t.create();
		const raw = JSON.stringify({ event: 'messages.upsert', data: { id: 1 } });
		const res = await t.deliver({
			headers: { 'x-token': 'secret-key', 'content-type': 'application/json' },
			body: raw,
			query: { instance: 'main' },
		});

		expect(res.responded).toBe(false);
		expect(res.status).toBeUndefined();
		expect(res.workflowData).toEqual([
			[
				{
					json: {
						body: { event: 'messages.upsert', data: { id: 1 } },
						query: { instance: 'main' },
						rawLength: Buffer.byteLength(raw),
						staticWebhookId: 'wh-1',
					},
				},
			],
		]);
	});
});
