/**
 * Tests of the Evolution API 2.3.6 contract fake itself (test/fake), with plain fetch.
 */
import { request as httpRequest } from 'node:http';

import { HANDLERS } from './fake/handlers';
import { expectValidRequest, routeKey, startFakeEvolution, type FakeEvolution } from './fake';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

interface CallOptions {
	key?: string | null;
	body?: unknown;
	headers?: Record<string, string>;
	signal?: AbortSignal;
}

interface CallResult {
	status: number;
	text: string;
	body: unknown;
	contentType: string | null;
}

let fake: FakeEvolution;

async function call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.key !== null) headers.apikey = options.key ?? fake.apiKey;
	let body: string | FormData | undefined;
	if (options.body instanceof FormData) {
		body = options.body;
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const response = await fetch(`${fake.url}${path}`, { method, headers, body, signal: options.signal });
	const text = await response.text();
	let parsed: unknown = undefined;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: response.status, text, body: parsed, contentType: response.headers.get('content-type') };
}

/** fetch refuses GET bodies; node:http does not. */
function rawRequest(method: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		// An explicit length: Node sends GET bodies without chunked framing otherwise.
		const req = httpRequest(`${fake.url}${path}`, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

beforeEach(async () => {
	fake = await startFakeEvolution({
		instances: [
			{ name: 'main', token: 'main-token' },
			{ name: 'other', token: 'other-token' },
			{ name: 'meta', token: 'meta-token', integration: 'WHATSAPP-BUSINESS' },
		],
	});
});

afterEach(async () => {
	await fake.close();
});

describe('catalogue', () => {
	it('has the 182 routes of 2.3.6, 176 of them callable', () => {
		expect(fake.catalogue.routes).toHaveLength(182);
		expect(fake.catalogue.routes.filter((route) => route.callable)).toHaveLength(176);
		expect(
			fake.catalogue.routes
				.filter((route) => !route.callable)
				.map((route) => `${route.method} ${route.path}`)
				.sort(),
		).toEqual(
			[
				'GET /manager/{path}',
				'GET /assets/{file}',
				'POST /webhook/evolution',
				'GET /webhook/meta',
				'POST /webhook/meta',
				'POST /chatwoot/webhook/{instance}',
			].sort(),
		);
		expect(fake.catalogue.events.subscribableEventNames).toHaveLength(31);
	});

	it('has a handler for every route', () => {
		const missing = fake.catalogue.routes.map(routeKey).filter((key) => !(key in HANDLERS));
		expect(missing).toEqual([]);
	});
});

/** A minimal value that satisfies a JSON schema (required properties only). */
function sample(schema: Record<string, any>, root: Record<string, any>): unknown {
	if (typeof schema.$ref === 'string') {
		return sample(schema.$ref.slice(2).split('/').reduce((node: any, key: string) => node[key], root), root);
	}
	if (Array.isArray(schema.enum)) return schema.enum[0];
	const type = Array.isArray(schema.type) ? schema.type[0] : (schema.type ?? (schema.properties ? 'object' : undefined));
	switch (type) {
		case 'string':
			return schema.pattern ? '5511999999999' : 'x';
		case 'integer':
		case 'number':
			return schema.minimum ?? 1;
		case 'boolean':
			return true;
		case 'array':
			return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, (_, index) => {
				const item = sample(schema.items ?? {}, root);
				return typeof item === 'string' && schema.uniqueItems ? `${item}${index}` : item;
			});
		case 'object':
			return Object.fromEntries((schema.required ?? []).map((name: string) => [name, sample(schema.properties?.[name] ?? {}, root)]));
		default:
			return undefined;
	}
}

describe('every callable route', () => {
	it('answers minimal schema-valid requests without crashing the fake', async () => {
		const crashes: string[] = [];
		await fake.close();
		fake = await startFakeEvolution({
			instances: [{ name: 'main' }, { name: 'meta', integration: 'WHATSAPP-BUSINESS' }],
			log: (line) => {
				if (/failed|internal error/.test(line)) crashes.push(line);
			},
		});
		const routes = fake.catalogue.routes.filter((route) => route.callable);
		// Delete and logout last, so the other routes still find the instance.
		const last = (key: string): number => (['instance.delete', 'instance.logout'].includes(key) ? 1 : 0);
		routes.sort((a, b) => last(routeKey(a)) - last(routeKey(b)));

		const failures: Record<string, number> = {};
		for (const route of routes) {
			const instance = route.channelSupport['WHATSAPP-BAILEYS']?.supported === false ? 'meta' : 'main';
			const query = new URLSearchParams();
			const values: Record<string, string> = {
				getParticipants: 'false',
				inviteCode: 'F1EX5QZxO181L3TMVP31gY',
				groupJid: '120363000000000001@g.us',
				remoteJid: '5511999999999@s.whatsapp.net',
			};
			for (const param of route.query) if (param.required || param.name === 'groupJid') query.set(param.name, values[param.name]);
			const path = route.path.replace('{instance}', instance).replace(/\{\w+\}/g, 'unknown-id') + (query.size > 0 ? `?${query}` : '');
			const schema = route.bodySchema;
			let body = route.contentType && schema ? sample(schema, schema) : undefined;
			if (routeKey(route) === 'instance.create') body = { instanceName: 'created', integration: 'WHATSAPP-BAILEYS' };
			const result = await call(route.method, path, { body });
			expect(result.text).not.toMatch(/Cannot (GET|POST|PUT|DELETE) /);
			if (result.status !== route.successStatus) failures[routeKey(route)] = result.status;
		}
		expect(crashes).toEqual([]);

		// Expected: what the server does with bodies that pass the schema but not the controller.
		const botFailures = Object.fromEntries(
			['evolutionBot', 'typebot', 'openai', 'dify', 'flowise', 'n8n', 'evoai'].flatMap((kind) =>
				['fetch', 'update', 'delete'].map((name) => [`${kind}.${name}`, 500]),
			),
		);
		expect(failures).toEqual({
			'message.sendMedia': 400,
			'message.sendPtv': 400,
			'message.sendWhatsAppAudio': 400,
			'message.sendSticker': 400,
			'message.sendContact': 400,
			'message.sendReaction': 400,
			'message.sendButtons': 400,
			'chat.whatsappNumbers': 400,
			'chat.archiveChat': 500, // 2.3.6's own last-message lookup fails whenever lastMessage is missing
			'chat.getBase64FromMediaMessage': 400,
			'chat.updateMessage': 500,
			'profile.updateProfilePicture': 400,
			'webhook.set': 500,
			'websocket.set': 500,
			'rabbitmq.set': 500,
			'nats.set': 500,
			'sqs.set': 500,
			'kafka.set': 500,
			'pusher.set': 500,
			'chatwoot.set': 400,
			'openai.deleteCreds': 500,
			'openai.create': 500,
			'openai.getModels': 500,
			's3.getMedia': 400,
			's3.getMediaUrl': 400,
			...botFailures,
		});
	});
});

describe('routing and guards', () => {
	it('answers GET / without a key', async () => {
		const result = await call('GET', '/', { key: null });
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ status: 200, version: '2.3.6' });
	});

	it('answers unknown routes with the express 404', async () => {
		const result = await call('POST', '/x');
		expect(result.status).toBe(404);
		expect(result.body).toEqual({ status: 404, error: 'Not Found', response: { message: ['Cannot POST /x'] } });
		// PUT is what the official docs say for restart; the source registers POST.
		expect((await call('PUT', '/instance/restart/main')).status).toBe(404);
	});

	it('checks that the instance exists before checking the key', async () => {
		const result = await call('POST', '/message/sendText/nope', { key: null, body: {} });
		expect(result.status).toBe(404);
		expect(result.body).toEqual({
			status: 404,
			error: 'Not Found',
			response: { message: ['The "nope" instance does not exist'] },
		});
	});

	it('rejects a wrong or missing key with 401', async () => {
		const expected = { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } };
		const wrong = await call('GET', '/instance/connectionState/main', { key: 'wrong' });
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual(expected);
		expect((await call('GET', '/instance/connectionState/main', { key: null })).body).toEqual(expected);
	});

	it('accepts an instance token only on routes of that instance', async () => {
		expect((await call('GET', '/instance/connectionState/main', { key: 'main-token' })).body).toEqual({
			instance: { instanceName: 'main', state: 'open' },
		});
		expect((await call('GET', '/instance/connectionState/other', { key: 'main-token' })).status).toBe(401);
		expect((await call('POST', '/instance/create', { key: 'main-token', body: { instanceName: 'x', integration: 'WHATSAPP-BAILEYS' } })).status).toBe(401);
		expect((await call('POST', '/verify-creds', { key: 'main-token' })).status).toBe(401);

		const listed = await call('GET', '/instance/fetchInstances', { key: 'main-token' });
		expect(listed.status).toBe(200);
		expect((listed.body as Array<{ name: string }>).map((instance) => instance.name)).toEqual(['main']);
		const all = await call('GET', '/instance/fetchInstances');
		expect((all.body as Array<{ name: string }>).map((instance) => instance.name)).toEqual(['main', 'other', 'meta']);
	});

	it('decodes the instance path segment', async () => {
		fake.addInstance({ name: 'my shop/1' });
		const result = await call('GET', `/instance/connectionState/${encodeURIComponent('my shop/1')}`);
		expect(result.body).toEqual({ instance: { instanceName: 'my shop/1', state: 'open' } });
		expect(fake.lastRequest()?.instance).toBe('my shop/1');
	});
});

describe('instance lifecycle', () => {
	it('creates, lists, authenticates with the hash and deletes an instance', async () => {
		const created = await call('POST', '/instance/create', { body: { instanceName: 'new', integration: 'WHATSAPP-BAILEYS', qrcode: false } });
		expect(created.status).toBe(201);
		const body = created.body as { instance: Record<string, unknown>; hash: string; webhook: unknown; settings: unknown };
		expect(body.instance).toMatchObject({ instanceName: 'new', integration: 'WHATSAPP-BAILEYS', status: 'close' });
		expect(typeof body.instance.instanceId).toBe('string');
		expect(body.hash).toMatch(/^[0-9A-F-]{36}$/);
		expect(body.webhook).toEqual({});

		const duplicate = await call('POST', '/instance/create', { body: { instanceName: 'new', integration: 'WHATSAPP-BAILEYS' } });
		expect(duplicate.status).toBe(403);
		expect(duplicate.body).toEqual({ status: 403, error: 'Forbidden', response: { message: ['This name "new" is already in use.'] } });

		const state = await call('GET', '/instance/connectionState/new', { key: body.hash });
		expect(state.body).toEqual({ instance: { instanceName: 'new', state: 'close' } });

		// A closed Baileys instance: sends fail, connect answers the empty QR, restart the swallowed error.
		expect((await call('POST', '/message/sendText/new', { body: { number: '5511999999999', text: 'hi' } })).body).toEqual({
			status: 500,
			error: 'Internal Server Error',
			response: { message: 'Connection Closed' },
		});
		expect((await call('POST', '/instance/restart/new')).body).toEqual({ error: true, message: '[object Object]' });
		expect((await call('GET', '/instance/connect/new')).body).toEqual({ count: 0 });
		expect(fake.state.instances.get('new')?.state).toBe('connecting');

		const listed = await call('GET', '/instance/fetchInstances?instanceName=new');
		expect(listed.body).toEqual([expect.objectContaining({ name: 'new', token: body.hash, connectionStatus: 'connecting', integration: 'WHATSAPP-BAILEYS' })]);

		const deleted = await call('DELETE', '/instance/delete/new');
		expect(deleted.body).toEqual({ status: 'SUCCESS', error: false, response: { message: 'Instance deleted' } });
		expect((await call('GET', '/instance/connectionState/new')).status).toBe(404);
		fake.assertAllValid();
	});

	it('reports connect errors as HTTP 200 {error:true}', async () => {
		fake.addInstance({ name: 'broken', state: 'close', connectError: 'Error: Connection Failure' });
		const result = await call('GET', '/instance/connect/broken');
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ error: true, message: 'Error: Connection Failure' });
	});

	it('refuses to log out a closed instance', async () => {
		fake.connectionClosed('main');
		const result = await call('DELETE', '/instance/logout/main');
		expect(result.status).toBe(400);
		expect(result.body).toEqual({ status: 400, error: 'Bad Request', response: { message: ['The "main" instance is not connected'] } });
	});

	it('needs events when a nested webhook is given at creation', async () => {
		const result = await call('POST', '/instance/create', {
			body: { instanceName: 'hooked', integration: 'WHATSAPP-BAILEYS', webhook: { url: 'https://example.test/hook' } },
		});
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: ["Cannot read properties of undefined (reading 'length')"] },
		});
		expect(fake.state.instances.has('hooked')).toBe(false);
	});
});

describe('body validation', () => {
	it('answers schema errors as a nested array and records them', async () => {
		const result = await call('POST', '/message/sendText/main', { body: { text: 'hi' } });
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: [['instance requires property "number"']] },
		});
		const recorded = fake.lastRequest();
		expect(recorded?.validationErrors).toEqual(['instance requires property "number"']);
		expect(() => expectValidRequest(recorded)).toThrow(/requires property "number"/);
		expect(() => fake.assertAllValid()).toThrow();
	});

	it('uses the sub-schema description as the message when there is one', async () => {
		const result = await call('POST', '/message/sendText/main', { body: { number: 5511, text: 'hi', delay: 'soon' } });
		expect(result.body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: [['Invalid format', 'Enter a value in milliseconds']] },
		});
	});

	it('sends a valid text and finds it with findMessages', async () => {
		const sent = await call('POST', '/message/sendText/main', { body: { number: '5511999999999', text: 'hello' } });
		expect(sent.status).toBe(201);
		expect(sent.body).toMatchObject({
			key: { remoteJid: '5511999999999@s.whatsapp.net', fromMe: true },
			status: 'PENDING',
			message: { conversation: 'hello' },
			messageType: 'conversation',
			source: 'unknown',
		});
		for (const text of ['two', 'three']) await call('POST', '/message/sendText/main', { body: { number: '5511999999999', text } });

		const page = await call('POST', '/chat/findMessages/main', { body: { page: 2, offset: 2 } });
		expect(page.status).toBe(200);
		expect(page.body).toMatchObject({ messages: { total: 3, pages: 2, currentPage: 2 } });
		expect((page.body as { messages: { records: unknown[] } }).messages.records).toHaveLength(1);

		const chats = await call('POST', '/chat/findChats/main', { body: { take: 1, skip: 0 } });
		expect(chats.body).toEqual([expect.objectContaining({ remoteJid: '5511999999999@s.whatsapp.net' })]);
		fake.assertAllValid();
	});

	it('takes a JSON body on DELETE /chat/deleteMessageForEveryone (201)', async () => {
		const result = await call('DELETE', '/chat/deleteMessageForEveryone/main', {
			body: { id: '3EB0ABC', fromMe: true, remoteJid: '5511999999999@s.whatsapp.net' },
		});
		expect(result.status).toBe(201);
		expect(result.body).toMatchObject({ message: { protocolMessage: { type: 'REVOKE', key: { id: '3EB0ABC' } } } });
		fake.assertAllValid();
	});

	it('answers malformed JSON from the body parser, before routing', async () => {
		const result = await call('POST', '/message/sendText/nope', { body: undefined, headers: { 'content-type': 'application/json' } });
		expect(result.status).toBe(404);
		const broken = await fetch(`${fake.url}/message/sendText/nope`, {
			method: 'POST',
			headers: { apikey: fake.apiKey, 'content-type': 'application/json' },
			body: '{"number":',
		});
		expect(broken.status).toBe(400);
		expect(await broken.json()).toMatchObject({ status: 400, error: 'Internal Server Error' });
	});
});

describe('multipart', () => {
	it('parses a file upload and validates the text fields as strings', async () => {
		const form = new FormData();
		form.append('number', '5511999999999');
		form.append('mediatype', 'image');
		form.append('caption', 'pixel');
		form.append('file', new Blob([PNG], { type: 'image/png' }), 'pixel.png');
		const sent = await call('POST', '/message/sendMedia/main', { body: form });
		expect(sent.status).toBe(201);
		expect(sent.body).toMatchObject({ messageType: 'imageMessage', message: { imageMessage: { mimetype: 'image/png', caption: 'pixel' } } });

		const recorded = fake.lastRequest();
		expect(recorded?.body).toEqual({ number: '5511999999999', mediatype: 'image', caption: 'pixel' });
		expect(recorded?.files).toHaveLength(1);
		expect(recorded?.files[0]).toMatchObject({ fieldName: 'file', filename: 'pixel.png', contentType: 'image/png' });
		expect(recorded?.files[0].data.equals(PNG)).toBe(true);
		expectValidRequest(recorded);

		// The stored bytes come back from getBase64FromMediaMessage.
		const id = (sent.body as { key: { id: string } }).key.id;
		const media = await call('POST', '/chat/getBase64FromMediaMessage/main', { body: { message: { key: { id } } } });
		expect(media.status).toBe(201);
		expect((media.body as { base64: string }).base64).toBe(PNG.toString('base64'));
	});

	it('rejects delay sent as a form field (it arrives as a string)', async () => {
		const form = new FormData();
		form.append('number', '5511999999999');
		form.append('mediatype', 'image');
		form.append('delay', '1000');
		form.append('file', new Blob([PNG], { type: 'image/png' }), 'pixel.png');
		const result = await call('POST', '/message/sendMedia/main', { body: form });
		expect(result.status).toBe(400);
		expect(result.body).toEqual({ status: 400, error: 'Bad Request', response: { message: [['Enter a value in milliseconds']] } });
		expect(fake.lastRequest()?.validationErrors).toEqual(['Enter a value in milliseconds']);
	});

	it('answers multer errors for a file part under another name', async () => {
		const form = new FormData();
		form.append('number', '5511999999999');
		form.append('mediatype', 'image');
		form.append('media', new Blob([PNG], { type: 'image/png' }), 'pixel.png');
		const result = await call('POST', '/message/sendMedia/main', { body: form });
		expect(result.status).toBe(500);
		expect(result.body).toEqual({ status: 500, error: 'Internal Server Error', response: { message: 'Unexpected field' } });
	});

	it('flags multipart bodies on JSON-only routes (the server sees an empty body)', async () => {
		const form = new FormData();
		form.append('number', '5511999999999');
		form.append('text', 'hi');
		const result = await call('POST', '/message/sendText/main', { body: form });
		expect(result.status).toBe(400);
		expect(fake.lastRequest()?.violations).toEqual([expect.stringContaining('multipart/form-data body on a route without multer')]);
	});
});

describe('client bugs the real server would not report', () => {
	it('answers 400 to an undocumented query parameter and records a violation', async () => {
		const result = await call('DELETE', '/instance/delete/main?instanceName=other');
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: ['fake: undocumented query parameter "instanceName"'] },
		});
		expect(fake.lastRequest()?.violations).toEqual([expect.stringContaining('undocumented query parameter "instanceName"')]);
		expect(fake.state.instances.has('main')).toBe(true);
		expect(fake.state.instances.has('other')).toBe(true);
		expect(() => fake.assertAllValid()).toThrow(/instanceName/);
	});

	it('accepts documented query parameters', async () => {
		const result = await call('GET', '/instance/fetchInstances?instanceName=main');
		expect(result.status).toBe(200);
		fake.assertAllValid();
	});

	it('records a GET carrying a body', async () => {
		const result = await rawRequest('GET', '/webhook/find/main', { apikey: fake.apiKey, 'content-type': 'application/json' }, '{}');
		expect(result.status).toBe(200);
		expect(fake.lastRequest()?.violations).toEqual(['GET request carries a body']);
	});
});

describe('group validators', () => {
	it('needs groupJid in the body or the query', async () => {
		const result = await call('GET', '/group/participants/main');
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: ['The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"'] },
		});
	});

	it('appends @g.us and validates with {property, message} errors', async () => {
		const ok = await call('GET', '/group/findGroupInfos/main?groupJid=120363000000000001');
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ id: '120363000000000001@g.us' });

		const missing = await call('POST', '/group/updateGroupSubject/main?groupJid=120363000000000001', { body: {} });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: [{ property: 'instance', message: 'instance requires property "subject"' }] },
		});
	});

	it('needs getParticipants as the string true or false', async () => {
		expect((await call('GET', '/group/fetchAllGroups/main')).body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: ['The getParticipants needs to be informed in the query'] },
		});
		expect((await call('GET', '/group/fetchAllGroups/main?getParticipants=yes')).body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: { message: [{ property: 'getParticipants', message: 'getParticipants is not one of enum values: true,false' }] },
		});
		expect((await call('GET', '/group/fetchAllGroups/main?getParticipants=false')).status).toBe(200);
	});

	it('needs inviteCode in the query', async () => {
		expect((await call('GET', '/group/inviteInfo/main')).body).toEqual({
			status: 400,
			error: 'Bad Request',
			response: {
				message: [
					'The group invite code id needs to be informed in the query',
					'ex: "inviteCode=F1EX5QZxO181L3TMVP31gY" (Obtained from group join link)',
				],
			},
		});
	});
});

describe('non-standard error shapes', () => {
	it('answers /business errors, schema errors included, in the Meta shape', async () => {
		const result = await call('POST', '/business/getCatalog/main', { body: { limit: 'ten' } });
		expect(result.status).toBe(400);
		expect(result.body).toMatchObject({
			status: 400,
			error: 'Bad Request',
			message: [['limit is not of a type(s) number']],
			details: { whatsapp_code: 'UNKNOWN_ERROR', error_type: 'UNKNOWN', context: 'business_catalog', type: 'whatsapp_api_error' },
		});
		expect(typeof (result.body as { timestamp: unknown }).timestamp).toBe('string');
		expect((result.body as Record<string, unknown>).response).toBeUndefined();
	});

	it('answers /chat/whatsappNumbers errors without the response wrapper', async () => {
		const invalid = await call('POST', '/chat/whatsappNumbers/main', { body: { numbers: 'x' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body).toEqual({ status: 400, error: 'Bad Request', message: [['numbers is not of a type(s) array']] });

		fake.connectionClosed('main');
		const closed = await call('POST', '/chat/whatsappNumbers/main', { body: { numbers: ['5511999999999'] } });
		expect(closed.status).toBe(400);
		expect(closed.body).toMatchObject({ isBoom: true, output: { statusCode: 428, payload: { message: 'Connection Closed' } } });
	});

	it('answers findChatByRemoteJid without remoteJid with a bare error', async () => {
		const result = await call('GET', '/chat/findChatByRemoteJid/main');
		expect(result.status).toBe(400);
		expect(result.body).toEqual({ error: 'remoteJid is a required query parameter' });
		expect((await call('GET', '/chat/findChatByRemoteJid/main?remoteJid=x%40s.whatsapp.net')).text).toBe('null');
	});

	it('answers "Connection Closed" after validation when WhatsApp is not connected', async () => {
		fake.connectionClosed('main');
		expect((await call('POST', '/message/sendText/main', { body: {} })).status).toBe(400);
		const closed = await call('POST', '/message/sendText/main', { body: { number: '5511999999999', text: 'hi' } });
		expect(closed.status).toBe(500);
		expect(closed.body).toEqual({ status: 500, error: 'Internal Server Error', response: { message: 'Connection Closed' } });
		// DB reads still work.
		expect((await call('POST', '/chat/findContacts/main', { body: {} })).body).toEqual([]);
	});

	it('reproduces channel restrictions', async () => {
		const poll = await call('POST', '/message/sendPoll/meta', {
			body: { number: '5511999999999', name: 'Q', selectableCount: 1, values: ['a', 'b'] },
		});
		expect(poll.body).toEqual({ status: 400, error: 'Bad Request', response: { message: ['Method not available on WhatsApp Business API'] } });
		const template = await call('POST', '/message/sendTemplate/main', { body: { number: '5511999999999', name: 't', language: 'en' } });
		expect(template.body).toEqual({ status: 500, error: 'Internal Server Error', response: { message: 'Method not available in the Baileys service' } });
	});
});

describe('webhook', () => {
	it('upserts the single row as webhook.md §2 describes', async () => {
		expect((await call('GET', '/webhook/find/main')).text).toBe('null');

		const first = await call('POST', '/webhook/set/main', {
			body: {
				webhook: {
					enabled: true,
					url: 'https://n8n.test/hook',
					byEvents: true,
					base64: true,
					headers: { 'x-secret': 's' },
					events: ['MESSAGES_UPSERT'],
				},
			},
		});
		expect(first.status).toBe(201);
		const row = first.body as Record<string, unknown>;
		expect(Object.keys(row)).toEqual(['id', 'url', 'headers', 'enabled', 'events', 'webhookByEvents', 'webhookBase64', 'createdAt', 'updatedAt', 'instanceId']);
		expect(row).toMatchObject({ url: 'https://n8n.test/hook', enabled: true, events: ['MESSAGES_UPSERT'], webhookByEvents: true, webhookBase64: true, headers: { 'x-secret': 's' } });

		// headers, byEvents and base64 persist when omitted; enabled:false forces events [].
		const second = await call('POST', '/webhook/set/main', { body: { webhook: { enabled: false, url: 'https://n8n.test/other', events: ['CALL'] } } });
		expect(second.body).toMatchObject({
			id: row.id,
			url: 'https://n8n.test/other',
			enabled: false,
			events: [],
			headers: { 'x-secret': 's' },
			webhookByEvents: true,
			webhookBase64: true,
		});
		expect((await call('GET', '/webhook/find/main')).body).toEqual(second.body);

		// [] means every event.
		const all = await call('POST', '/webhook/set/main', { body: { webhook: { enabled: true, url: 'https://n8n.test/hook', events: [], headers: {} } } });
		expect((all.body as { events: string[] }).events).toHaveLength(31);
		expect((all.body as { headers: unknown }).headers).toEqual({});
		fake.assertAllValid();
	});

	it('fails with 500 when enabled without events, and 400 for a flat body', async () => {
		const noEvents = await call('POST', '/webhook/set/main', { body: { webhook: { enabled: true, url: 'https://n8n.test/hook' } } });
		expect(noEvents.status).toBe(500);
		expect(noEvents.body).toEqual({
			status: 500,
			error: 'Internal Server Error',
			response: { message: "Cannot read properties of undefined (reading 'length')" },
		});
		const flat = await call('POST', '/webhook/set/main', { body: { url: 'https://n8n.test/hook', enabled: true } });
		expect(flat.body).toEqual({ status: 400, error: 'Bad Request', response: { message: [['instance requires property "webhook"']] } });
	});
});

describe('integration switches', () => {
	it('answers "<Name> is disabled" for chatbot integrations and empty bodies for event transports', async () => {
		await fake.close();
		fake = await startFakeEvolution({
			instances: [{ name: 'main' }],
			enabledIntegrations: { typebot: false, n8n: false, chatwoot: false, rabbitmq: false },
		});
		expect((await call('GET', '/typebot/find/main')).body).toEqual({ status: 400, error: 'Bad Request', response: { message: ['Typebot is disabled'] } });
		expect((await call('GET', '/n8n/find/main')).body).toEqual({ status: 400, error: 'Bad Request', response: { message: ['N8n is disabled'] } });
		expect((await call('GET', '/chatwoot/find/main')).body).toEqual({ status: 400, error: 'Bad Request', response: { message: ['Chatwoot is disabled'] } });

		const set = await call('POST', '/rabbitmq/set/main', { body: { rabbitmq: { enabled: true, events: [] } } });
		expect(set.status).toBe(201);
		expect(set.text).toBe('');
		expect(set.contentType).toMatch(/^application\/json/);
		const find = await call('GET', '/rabbitmq/find/main');
		expect(find.status).toBe(200);
		expect(find.text).toBe('');

		const websocket = await call('POST', '/websocket/set/main', { body: { websocket: { enabled: true } } });
		expect(websocket.status).toBe(500);
		expect((websocket.body as { response: { message: string } }).response.message).toBe("Cannot read properties of undefined (reading 'length')");
	});
});

describe('chatbots', () => {
	const typebot = { enabled: true, url: 'https://typebot.test', typebot: 'flow', triggerType: 'keyword', triggerOperator: 'equals', triggerValue: 'hi' };

	it('creates, finds, fetches, updates and deletes a bot', async () => {
		const created = await call('POST', '/typebot/create/main', { body: typebot });
		expect(created.status).toBe(201);
		const id = (created.body as { id: string }).id;
		expect(created.body).toMatchObject({ id, enabled: true, url: 'https://typebot.test', typebot: 'flow', triggerType: 'keyword' });

		const duplicate = await call('POST', '/typebot/create/main', { body: typebot });
		expect(duplicate.status).toBe(500);
		expect(duplicate.body).toEqual({ status: 500, error: 'Internal Server Error', response: { message: 'Trigger already exists' } });

		expect((await call('GET', '/typebot/find/main')).body).toEqual([created.body]);
		expect((await call('GET', `/typebot/fetch/${id}/main`)).body).toEqual(created.body);
		expect((await call('GET', `/typebot/fetch/${id}/other`)).status).toBe(500);

		const updated = await call('PUT', `/typebot/update/${id}/main`, { body: { ...typebot, triggerValue: 'hello' } });
		expect(updated.body).toMatchObject({ id, triggerValue: 'hello' });
		expect((await call('DELETE', `/typebot/delete/${id}/main`)).body).toEqual({ bot: { id } });
		expect((await call('GET', '/typebot/find/main')).body).toEqual([]);
		// Creating a bot created the settings row; an instance without bots gets the defaults.
		expect((await call('GET', '/typebot/fetchSettings/other')).body).toMatchObject({ expire: 300, fallbackId: '', fallback: null });
	});

	it('stores the fallback from fallbackId, not from the schema field', async () => {
		const settings = {
			expire: 10,
			keywordFinish: 'bye',
			delayMessage: 100,
			unknownMessage: '?',
			listeningFromMe: false,
			stopBotFromMe: false,
			keepOpen: false,
			debounceTime: 1,
			ignoreJids: [],
			splitMessages: false,
			timePerChar: 0,
		};
		const result = await call('POST', '/dify/settings/main', { body: { ...settings, difyIdFallback: 'ignored', fallbackId: 'bot-1' } });
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ difyIdFallback: 'bot-1', fallbackId: 'bot-1' });
	});
});

describe('faults', () => {
	const send = (): Promise<CallResult> => call('POST', '/message/sendText/main', { body: { number: '5511999999999', text: 'hi' } });

	it('answers a raw body once with failNext, then normally', async () => {
		fake.failNext('message.sendText', { status: 500, body: '<html><body>Internal Server Error</body></html>' });
		const html = await send();
		expect(html.status).toBe(500);
		expect(html.contentType).toMatch(/^text\/html/);
		expect(html.text).toContain('<html>');
		expect(fake.lastRequest()?.fault).toBe('status 500');
		expect((await send()).status).toBe(201);
	});

	it('serves proxy pages, truncated JSON, empty bodies and 200 errors', async () => {
		fake.failNext('/message/', { status: 502, body: '<html><center>502 Bad Gateway</center></html>' });
		fake.failNext('POST /message/sendText', { status: 200, body: '{"key":{"id"', contentType: 'application/json' });
		fake.failNext({ group: 'message', instance: 'main' }, { status: 200, body: undefined, contentType: 'application/json' });
		fake.failNext(/sendText/, { status: 200, body: { error: true, message: '[object Object]' } });
		expect((await send()).status).toBe(502);
		expect((await send()).text).toBe('{"key":{"id"');
		expect((await send()).text).toBe('');
		expect((await send()).body).toEqual({ error: true, message: '[object Object]' });
		expect((await send()).status).toBe(201);
	});

	it('keeps a persistent fault until removed, and reset() clears faults and recordings', async () => {
		const remove = fake.setFault('*', { status: 503, body: { message: 'down' } });
		expect((await send()).status).toBe(503);
		expect((await call('GET', '/')).status).toBe(503);
		remove();
		expect((await send()).status).toBe(201);

		fake.setFault('*', { status: 503 });
		fake.reset();
		expect(fake.requests).toHaveLength(0);
		expect((await send()).status).toBe(201);
		expect(fake.requests).toHaveLength(1);
	});

	it('delays, hangs and resets connections', async () => {
		fake.failNext('message.sendText', { delayMs: 150 });
		const started = Date.now();
		expect((await send()).status).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);

		fake.failNext('message.sendText', { hang: true });
		await expect(call('POST', '/message/sendText/main', { body: { number: '1', text: 'x' }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
		expect(fake.lastRequest()).toMatchObject({ status: 0, fault: 'hang' });

		fake.failNext('message.sendText', { destroy: true });
		await expect(send()).rejects.toThrow();
		expect((await send()).status).toBe(201);
	});
});
