/**
 * The sandbox: webhook delivery (envelope, headers, JWT, retries, filters), event emission,
 * WhatsApp traffic simulation, the /sandbox routes, and the CLI / startSandbox() from plain Node.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { retryDelayMs, SERVER_RETRY_POLICY, startFakeEvolution, type DeliveryAttempt, type FakeEvolution, type FakeEvolutionOptions } from './fake';

const ROOT = join(__dirname, '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const OWNER = '5511999990000@s.whatsapp.net';
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const FAST = { initialDelayMs: 20, maxDelayMs: 200, jitter: 0, maxAttempts: 10, timeoutMs: 2_000 };

interface Received {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: any;
	at: number;
}

/** A webhook receiver on 127.0.0.1 answering the given statuses in turn (the last one repeats). */
interface Receiver {
	url: string;
	received: Received[];
	statuses: number[];
	close(): Promise<void>;
}

async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
	const received: Received[] = [];
	const receiver = { received, statuses } as Receiver;
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text ? JSON.parse(text) : undefined, at: Date.now() });
			const status = receiver.statuses[Math.min(received.length - 1, receiver.statuses.length - 1)];
			response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
	return receiver;
}

let fake: FakeEvolution;
let receiver: Receiver;

async function start(options: FakeEvolutionOptions = {}, statuses?: number[]): Promise<void> {
	receiver = await startReceiver(statuses);
	fake = await startFakeEvolution({
		instances: [{ name: 'main', token: 'main-token', ownerJid: OWNER, profileName: 'Shop' }],
		deliverWebhooks: true,
		retry: FAST,
		sandboxRoutes: true,
		...options,
	});
}

afterEach(async () => {
	await fake?.close();
	await receiver?.close();
});

async function api(method: string, path: string, body?: unknown, key: string | null = 'test-key'): Promise<{ status: number; body: any }> {
	const headers: Record<string, string> = {};
	if (key) headers.apikey = key;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${fake.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function setWebhook(webhook: Record<string, unknown>, instance = 'main'): Promise<void> {
	const result = await api('POST', `/webhook/set/${instance}`, { webhook: { enabled: true, url: `${receiver.url}/hook`, ...webhook } });
	expect(result.status).toBe(201);
}

const sendText = (text = 'hello'): Promise<{ status: number; body: any }> => api('POST', '/message/sendText/main', { number: '5511988887777', text });

function decodeSegment(segment: string): any {
	return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

describe('webhook delivery', () => {
	it('posts the envelope with custom headers and an HS256 JWT signed with jwt_key, which is not sent', async () => {
		await start();
		await setWebhook({ headers: { 'x-evolution-secret': 'shh', jwt_key: 'jwt-secret' }, events: ['SEND_MESSAGE'] });
		const sent = await sendText('hi there');
		expect(sent.status).toBe(201);

		const [attempt] = await fake.waitForDeliveries((a) => a.event === 'send.message');
		expect(attempt).toMatchObject({ kind: 'instance', attempt: 1, status: 200, outcome: 'delivered', url: `${receiver.url}/hook` });
		expect(receiver.received).toHaveLength(1);
		const [request] = receiver.received;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/hook');
		expect(request.headers).toMatchObject({
			'content-type': 'application/json',
			accept: 'application/json, text/plain, */*',
			'user-agent': 'axios/1.12.2',
			'x-evolution-secret': 'shh',
		});
		expect(request.headers.jwt_key).toBeUndefined();
		expect(JSON.stringify(request.headers)).not.toContain('jwt-secret');

		// Verify the token independently of the fake's own JWT code.
		const token = /^Bearer (.+)$/.exec(String(request.headers.authorization))?.[1] ?? '';
		const [header, payload, signature] = token.split('.');
		expect(decodeSegment(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(createHmac('sha256', 'jwt-secret').update(`${header}.${payload}`).digest('base64url')).toBe(signature);
		expect(createHmac('sha256', 'wrong').update(`${header}.${payload}`).digest('base64url')).not.toBe(signature);
		const claims = decodeSegment(payload);
		expect(claims).toEqual({ iat: expect.any(Number), exp: claims.iat + 600, app: 'evolution', action: 'webhook' });
		expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(5);

		expect(Object.keys(request.body)).toEqual(['event', 'instance', 'data', 'destination', 'date_time', 'sender', 'server_url', 'apikey']);
		expect(request.body).toMatchObject({
			event: 'send.message',
			instance: 'main',
			destination: `${receiver.url}/hook`,
			sender: OWNER,
			server_url: fake.url,
			apikey: null,
			data: {
				key: { remoteJid: '5511988887777@s.whatsapp.net', fromMe: true, id: sent.body.key.id },
				pushName: 'Shop',
				status: 'PENDING',
				message: { conversation: 'hi there' },
				messageType: 'conversation',
				instanceId: fake.state.instances.get('main')?.id,
				source: 'unknown',
			},
		});
		expect(request.body.date_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		// findMessages sees the sent message.
		const found = await api('POST', '/chat/findMessages/main', { where: { key: { id: sent.body.key.id } } });
		expect(found.body.messages.records).toEqual([sent.body]);
	});

	it('puts the instance token in apikey only when exposeApikey is on, and omits sender when unknown', async () => {
		await start({ exposeApikey: true, instances: [{ name: 'main', token: 'main-token' }, { name: 'new', token: 'new-token', state: 'close', ownerJid: undefined }] });
		await setWebhook({ events: ['CONNECTION_UPDATE'] }, 'new');
		await api('GET', '/instance/connect/new');
		const [attempt] = await fake.waitForDeliveries((a) => a.event === 'connection.update');
		expect(attempt.body).toMatchObject({ instance: 'new', apikey: 'new-token', data: { instance: 'new', state: 'connecting', statusReason: 200 } });
		expect('sender' in attempt.body).toBe(false);
	});

	it('retries a 500 with exponential backoff until a 2xx', async () => {
		await start({}, [500, 503, 200]);
		await setWebhook({ events: ['SEND_MESSAGE'] });
		await sendText();
		const attempts = await fake.waitForDeliveries(() => true, 5_000, 3);
		expect(attempts.map((a) => [a.attempt, a.status, a.outcome, a.nextDelayMs])).toEqual([
			[1, 500, 'retry', 20],
			[2, 503, 'retry', 40],
			[3, 200, 'delivered', null],
		]);
		expect(new Set(attempts.map((a) => a.deliveryId)).size).toBe(1);
		const gaps = receiver.received.slice(1).map((request, index) => request.at - receiver.received[index].at);
		expect(gaps[0]).toBeGreaterThanOrEqual(18);
		expect(gaps[1]).toBeGreaterThanOrEqual(38);
		expect(receiver.received.map((request) => request.body.data.key.id)).toEqual(Array(3).fill((attempts[0].body.data as any).key.id));
	});

	it('gives up after maxAttempts, and retries network errors too', async () => {
		await start({ retry: { ...FAST, maxAttempts: 3 } }, [500]);
		await setWebhook({ events: ['SEND_MESSAGE'] });
		await sendText();
		await fake.deliveriesSettled();
		expect(fake.deliveries.map((a) => a.outcome)).toEqual(['retry', 'retry', 'gave-up']);
		expect(receiver.received).toHaveLength(3);

		// Nothing listens on the receiver's port once it is closed.
		await receiver.close();
		fake.reset();
		await sendText();
		await fake.deliveriesSettled();
		expect(fake.deliveries).toHaveLength(3);
		expect(fake.deliveries.every((a) => a.status === null && /ECONNREFUSED/.test(String(a.error)))).toBe(true);
		receiver = await startReceiver();
	});

	it.each([400, 401, 403, 404, 422])('does not retry after %i', async (status) => {
		await start({}, [status, 200]);
		await setWebhook({ events: ['SEND_MESSAGE'] });
		await sendText();
		await fake.deliveriesSettled();
		expect(fake.deliveries.map((a) => [a.status, a.outcome])).toEqual([[status, 'stopped']]);
		expect(receiver.received).toHaveLength(1);
	});

	it('appends the kebab-case event name when byEvents is on; destination stays the bare URL', async () => {
		await start();
		await setWebhook({ byEvents: true, events: ['SEND_MESSAGE', 'CONNECTION_UPDATE', 'GROUP_PARTICIPANTS_UPDATE'] });
		await sendText();
		const group = await api('POST', '/group/create/main', { subject: 'Team', participants: ['5511988887777'] });
		await api('POST', `/group/updateParticipant/main?groupJid=${group.body.id}`, { action: 'add', participants: ['5511977776666'] });
		fake.simulateConnection('main', 'close');
		await fake.waitForDeliveries(() => true, 5_000, 3);
		expect(receiver.received.map((request) => request.path).sort()).toEqual(['/hook/connection-update', '/hook/group-participants-update', '/hook/send-message']);
		expect(receiver.received.every((request) => request.body.destination === `${receiver.url}/hook`)).toBe(true);
	});

	it('delivers only subscribed events', async () => {
		await start();
		await setWebhook({ events: ['MESSAGES_UPSERT'] });
		await sendText();
		await fake.simulateIncoming('main', { from: '5511988887777', text: 'incoming' });
		await fake.deliveriesSettled();
		expect(fake.emitted.map((event) => event.event)).toEqual(['send.message', 'messages.upsert', 'contacts.upsert']);
		expect(receiver.received.map((request) => request.body.event)).toEqual(['messages.upsert']);
	});

	it('delivers nothing when the webhook is disabled, or not an http(s) URL', async () => {
		await start();
		const result = await api('POST', '/webhook/set/main', { webhook: { enabled: false, url: `${receiver.url}/hook`, events: ['SEND_MESSAGE', 'MESSAGES_UPSERT'] } });
		expect(result.body.events).toEqual([]);
		await sendText();
		await fake.simulateIncoming('main', { from: '5511988887777', text: 'x' });
		await api('POST', '/webhook/set/main', { webhook: { enabled: true, url: 'ftp://example.test/hook', events: [] } });
		await sendText();
		fake.simulateConnection('main', 'close');
		await fake.deliveriesSettled();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(fake.deliveries).toEqual([]);
		expect(receiver.received).toEqual([]);
		expect(fake.emitted.length).toBeGreaterThan(0);
	});

	it('sends to the global webhook without custom headers or JWT, and never REMOVE_INSTANCE', async () => {
		const global = await startReceiver();
		try {
			await start({ globalWebhook: { url: `${global.url}/all`, byEvents: true } });
			await setWebhook({ headers: { 'x-secret': 's', jwt_key: 'k' }, events: [] });
			await sendText();
			await api('DELETE', '/instance/delete/main');
			await fake.deliveriesSettled();
			// Deliveries of different events run concurrently: compare without order.
			expect(receiver.received.map((request) => request.body.event).sort()).toEqual(
				['send.message', 'status.instance', 'logout.instance', 'connection.update', 'instance.delete', 'remove.instance'].sort(),
			);
			expect(receiver.received.every((request) => request.headers['x-secret'] === 's' && /^Bearer /.test(String(request.headers.authorization)))).toBe(true);
			expect(global.received.map((request) => request.path).sort()).toEqual(['/all/connection-update', '/all/instance-delete', '/all/send-message']);
			for (const request of global.received) {
				expect(request.headers['x-secret']).toBeUndefined();
				expect(request.headers.authorization).toBeUndefined();
				// Quirk: the destination is the instance webhook's URL when there is one.
				expect(request.body.destination).toBe(`${receiver.url}/hook`);
			}
			expect(receiver.received.find((request) => request.body.event === 'remove.instance')?.body.data).toBeNull();
		} finally {
			await global.close();
		}
	});

	it('computes the server backoff: min(5 s·2^(n-1), 300 s) ± 20 %, never below 5 s', () => {
		expect(retryDelayMs(SERVER_RETRY_POLICY, 1, () => 0.5)).toBe(5_000);
		expect(retryDelayMs(SERVER_RETRY_POLICY, 1, () => 0)).toBe(5_000);
		expect(retryDelayMs(SERVER_RETRY_POLICY, 2, () => 1)).toBe(12_000);
		expect(retryDelayMs(SERVER_RETRY_POLICY, 3, () => 0)).toBe(16_000);
		expect(retryDelayMs(SERVER_RETRY_POLICY, 7, () => 0.5)).toBe(300_000);
		expect(retryDelayMs(SERVER_RETRY_POLICY, 9, () => 1)).toBe(360_000);
		expect(SERVER_RETRY_POLICY).toMatchObject({ maxAttempts: 10, nonRetryableStatuses: [400, 401, 403, 404, 422] });
	});

	it('is off by default in the contract fake: events are recorded, nothing is sent', async () => {
		await start({ deliverWebhooks: undefined });
		await setWebhook({ events: [] });
		await sendText();
		await fake.deliveriesSettled();
		expect(fake.emitted.map((event) => [event.event, event.deliveries])).toEqual([['send.message', 0]]);
		expect(receiver.received).toEqual([]);
	});
});

describe('incoming messages', () => {
	async function deliveredData(event = 'messages.upsert'): Promise<any> {
		const attempts = await fake.waitForDeliveries((a) => a.event === event);
		return attempts[attempts.length - 1].body.data;
	}

	it('turns a text into messages.upsert, stores it and its contact', async () => {
		await start();
		await setWebhook({ events: ['MESSAGES_UPSERT', 'CONTACTS_UPSERT'] });
		const result = await api('POST', '/sandbox/main/incoming', { from: '+55 11 98888-7777', pushName: 'Ana', text: 'Olá' }, null);
		expect(result.status).toBe(201);
		const data = await deliveredData();
		expect(data).toEqual(result.body);
		expect(data).toEqual({
			key: { remoteJid: '5511988887777@s.whatsapp.net', fromMe: false, id: expect.stringMatching(/^[0-9A-F]{32}$/) },
			pushName: 'Ana',
			status: 'DELIVERY_ACK',
			message: { conversation: 'Olá' },
			messageType: 'conversation',
			messageTimestamp: expect.any(Number),
			instanceId: fake.state.instances.get('main')?.id,
			source: 'android',
		});
		expect(await deliveredData('contacts.upsert')).toEqual({ remoteJid: '5511988887777@s.whatsapp.net', pushName: 'Ana', profilePicUrl: null, instanceId: data.instanceId });
		expect((await api('POST', '/chat/findMessages/main', { where: { key: { id: data.key.id } } })).body.messages.total).toBe(1);
		expect((await api('POST', '/chat/findChats/main', {})).body.map((chat: any) => chat.remoteJid)).toEqual(['5511988887777@s.whatsapp.net']);
		expect((await api('POST', '/chat/findContacts/main', {})).body).toMatchObject([{ remoteJid: '5511988887777@s.whatsapp.net', pushName: 'Ana' }]);
	});

	it('quotes a stored message and posts in groups with the participant', async () => {
		await start();
		const first = await fake.simulateIncoming('main', { from: '5511988887777', text: 'first' });
		const reply = await fake.simulateIncoming('main', { from: '5511977776666', group: '120363000000000001', text: 'reply', quotedId: String((first.key as any).id) });
		expect(reply).toMatchObject({
			key: { remoteJid: '120363000000000001@g.us', fromMe: false, participant: '5511977776666@s.whatsapp.net' },
			message: { conversation: 'reply' },
			messageType: 'conversation',
			contextInfo: { stanzaId: (first.key as any).id, participant: '5511988887777@s.whatsapp.net', quotedMessage: { conversation: 'first' } },
		});
	});

	it.each([
		['image', { mimetype: 'image/png', caption: 'look' }, 'imageMessage', { caption: 'look', mimetype: 'image/png' }],
		['video', { mimetype: 'video/mp4' }, 'videoMessage', { mimetype: 'video/mp4', seconds: expect.any(Number) }],
		['voice note', { mimetype: 'audio/ogg; codecs=opus', ptt: true }, 'audioMessage', { ptt: true, seconds: expect.any(Number) }],
		['audio', { mimetype: 'audio/mpeg' }, 'audioMessage', { ptt: false }],
		['document', { mimetype: 'application/pdf', fileName: 'invoice.pdf' }, 'documentMessage', { fileName: 'invoice.pdf', title: 'invoice.pdf' }],
		['sticker', { mimetype: 'image/webp' }, 'stickerMessage', { mimetype: 'image/webp', isAnimated: false }],
	])('%s media carries base64 when the webhook asks for it, and getBase64FromMediaMessage returns it', async (_label, media, messageType, fields) => {
		await start();
		await setWebhook({ base64: true, events: ['MESSAGES_UPSERT'] });
		const record = await fake.simulateIncoming('main', { from: '5511988887777', media: { base64: PNG_BASE64, ...media } });
		expect(record.messageType).toBe(messageType);
		expect((record.message as any).base64).toBeUndefined();
		const data = await deliveredData();
		expect(data.messageType).toBe(messageType);
		expect(data.message[messageType]).toMatchObject({ ...fields, fileLength: String(Buffer.from(PNG_BASE64, 'base64').length), url: expect.stringMatching(/^https:\/\//) });
		expect(data.message.base64).toBe(PNG_BASE64);

		const media64 = await api('POST', '/chat/getBase64FromMediaMessage/main', { message: { key: { id: data.key.id } } });
		expect(media64.status).toBeLessThan(300);
		expect(media64.body).toMatchObject({ mediaType: messageType, base64: PNG_BASE64 });
	});

	it('leaves base64 out when the flag is off, and downloads media given by URL', async () => {
		await start();
		await setWebhook({ base64: false, events: ['MESSAGES_UPSERT'] });
		const files = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG_BASE64, 'base64')));
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/cat.png`;
			const record = await fake.simulateIncoming('main', { from: '5511988887777', media: { url, caption: 'cat' } });
			expect(record.message).toMatchObject({ imageMessage: { mimetype: 'image/png', caption: 'cat' } });
			const data = await deliveredData();
			expect(data.message.base64).toBeUndefined();
			const media64 = await api('POST', '/chat/getBase64FromMediaMessage/main', { message: { key: { id: data.key.id } } });
			expect(media64.body.base64).toBe(PNG_BASE64);
		} finally {
			await new Promise((resolve) => files.close(resolve));
		}
	});

	it('rejects bad simulation requests with a readable error', async () => {
		await start();
		expect(await api('POST', '/sandbox/main/incoming', { text: 'no sender' }, null)).toEqual({ status: 400, body: { error: '"from" (a phone number or JID) is required' } });
		expect((await api('POST', '/sandbox/nope/incoming', { from: '1', text: 'x' }, null)).status).toBe(404);
		expect((await api('POST', '/sandbox/main/incoming', { from: '1', media: { base64: PNG_BASE64 } }, null)).body.error).toMatch(/mimetype/);
		fake.simulateConnection('main', 'close');
		expect((await api('POST', '/sandbox/main/incoming', { from: '1', text: 'x' }, null)).status).toBe(409);
	});
});

describe('sending and lifecycle events', () => {
	it('sending media emits send.message with base64 when the flag is set', async () => {
		await start();
		await setWebhook({ base64: true, events: ['SEND_MESSAGE'] });
		const sent = await api('POST', '/message/sendMedia/main', { number: '5511988887777', mediatype: 'image', mimetype: 'image/png', media: PNG_BASE64, caption: 'c' });
		expect(sent.status).toBe(201);
		expect(sent.body.message.base64).toBeUndefined();
		const [attempt] = await fake.waitForDeliveries((a) => a.event === 'send.message');
		expect(attempt.body.data).toMatchObject({ key: { fromMe: true, id: sent.body.key.id }, messageType: 'imageMessage', message: { imageMessage: { caption: 'c' }, base64: PNG_BASE64 } });
	});

	it('emits connection.update on connect, simulated changes, restart and logout', async () => {
		await start();
		await setWebhook({ events: ['CONNECTION_UPDATE', 'LOGOUT_INSTANCE'] });
		const states = (): Array<[string, unknown]> =>
			fake.deliveries.map((a: DeliveryAttempt) => [a.event, a.event === 'connection.update' ? (a.body.data as any).state : a.body.data]);

		expect((await api('POST', '/sandbox/main/connection', { state: 'close' }, null)).body).toEqual({ instance: 'main', state: 'close', statusReason: 428 });
		await api('GET', '/instance/connect/main');
		expect(fake.state.instances.get('main')?.state).toBe('connecting');
		const opened = await api('POST', '/sandbox/main/connection', { state: 'open' }, null);
		expect(opened.body).toEqual({ instance: 'main', wuid: OWNER, profileName: 'Shop', profilePictureUrl: null, state: 'open', statusReason: 200 });
		await api('POST', '/instance/restart/main');
		await api('DELETE', '/instance/logout/main');
		await fake.waitForDeliveries(() => true, 5_000, 7);
		await fake.deliveriesSettled();
		// Deliveries run concurrently, so compare as sets of (event, state) per phase.
		expect(states().sort()).toEqual(
			[
				['connection.update', 'close'],
				['connection.update', 'connecting'],
				['connection.update', 'open'],
				['connection.update', 'connecting'],
				['connection.update', 'open'],
				['logout.instance', null],
				['connection.update', 'close'],
			].sort(),
		);
		expect(fake.emitted.map((event) => event.event)).toEqual([
			'connection.update',
			'connection.update',
			'connection.update',
			'connection.update',
			'connection.update',
			'status.instance',
			'logout.instance',
			'connection.update',
		]);
	});

	it('emits instance.delete then remove.instance (data null) on delete', async () => {
		await start();
		await setWebhook({ events: ['INSTANCE_DELETE', 'REMOVE_INSTANCE'] });
		fake.setConnectionState('main', 'close');
		await api('DELETE', '/instance/delete/main');
		const attempts = await fake.waitForDeliveries(() => true, 5_000, 2);
		expect(fake.emitted.map((event) => event.event)).toEqual(['instance.delete', 'remove.instance']);
		const byEvent = Object.fromEntries(attempts.map((a) => [a.event, a.body.data]));
		expect(byEvent).toEqual({ 'instance.delete': { instanceName: 'main', instanceId: expect.any(String) }, 'remove.instance': null });
	});

	it('emits instance.create to a webhook given in /instance/create', async () => {
		await start();
		const created = await api('POST', '/instance/create', {
			instanceName: 'fresh',
			integration: 'WHATSAPP-BAILEYS',
			qrcode: true,
			webhook: { url: `${receiver.url}/hook`, events: ['INSTANCE_CREATE', 'CONNECTION_UPDATE'] },
		});
		expect(created.status).toBe(201);
		await fake.waitForDeliveries(() => true, 5_000, 2);
		expect(receiver.received.map((request) => request.body.event).sort()).toEqual(['connection.update', 'instance.create']);
	});

	it('emits any event verbatim through /sandbox/{instance}/event and labels through /sandbox/{instance}/label', async () => {
		await start();
		await setWebhook({ events: ['CONTACTS_UPSERT', 'LABELS_EDIT'] });
		const contacts = [{ remoteJid: '5511988887777@s.whatsapp.net', pushName: 'Ana' }];
		expect((await api('POST', '/sandbox/main/event', { event: 'CONTACTS_UPSERT', data: contacts }, null)).status).toBe(200);
		await api('POST', '/sandbox/main/label', { name: 'VIP', color: 3 }, null);
		await fake.waitForDeliveries(() => true, 5_000, 2);
		const received = [...receiver.received].sort((a, b) => String(a.body.event).localeCompare(String(b.body.event)));
		expect(received.map((request) => [request.body.event, request.body.data])).toEqual([
			['contacts.upsert', contacts],
			['labels.edit', { id: '1', name: 'VIP', color: 3, predefinedId: null, deleted: false, instance: 'main' }],
		]);
		expect((await api('GET', '/label/findLabels/main')).body).toEqual([{ id: '1', name: 'VIP', color: 3, predefinedId: null }]);
	});
});

describe('/sandbox routes', () => {
	it('lists requests without apikey values, deliveries and events, and resets', async () => {
		await start();
		await setWebhook({ events: ['SEND_MESSAGE'] });
		await sendText();
		await fake.waitForDeliveries(() => true);

		const requests = await api('GET', '/sandbox/requests', undefined, null);
		expect(requests.body.map((request: any) => request.route)).toEqual(['webhook.set', 'message.sendText']);
		expect(requests.body[0].headers.apikey).toBe('<redacted>');
		expect(JSON.stringify(requests.body)).not.toContain('test-key');
		expect((await api('GET', '/sandbox/deliveries?event=send.message', undefined, null)).body).toHaveLength(1);
		expect((await api('GET', '/sandbox/events', undefined, null)).body.map((event: any) => event.event)).toEqual(['send.message']);
		// /sandbox calls are not Evolution API requests.
		expect(fake.requests.map((request) => request.route?.name)).toEqual(['set', 'sendText']);

		fake.simulateConnection('main', 'close');
		expect((await api('POST', '/sandbox/reset', { keepState: true }, null)).body).toEqual({ reset: true, keepState: true });
		expect(fake.requests).toHaveLength(0);
		expect(fake.state.webhooks.has('main')).toBe(true);
		await api('POST', '/sandbox/reset', undefined, null);
		expect(fake.state.webhooks.has('main')).toBe(false);
		expect(fake.state.instances.get('main')?.state).toBe('open');
		expect((await api('GET', '/sandbox', undefined, null)).body.instances).toEqual([
			{ name: 'main', token: 'main-token', state: 'open', ownerJid: OWNER, integration: 'WHATSAPP-BAILEYS' },
		]);
	});

	it('are not served by the contract fake unless asked for', async () => {
		await start({ sandboxRoutes: undefined });
		const result = await api('GET', '/sandbox', undefined, null);
		expect(result.status).toBe(404);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('CLI and startSandbox()', () => {
	const compiled = join(ROOT, '.build', 'sandbox', 'sandbox');
	const children: ChildProcess[] = [];

	beforeAll(() => {
		execFileSync(NODE, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.sandbox.json')], { cwd: ROOT, stdio: 'pipe' });
	}, 120_000);

	afterAll(() => {
		for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
	});

	function freePort(): Promise<number> {
		return new Promise((resolve, reject) => {
			const server = createServer();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port } = server.address() as AddressInfo;
				server.close(() => resolve(port));
			});
		});
	}

	/** Spawns Node 24 with `args`; resolves once stdout contains `ready`. */
	function run(args: string[], ready: RegExp): Promise<{ child: ChildProcess; output: () => string; exit: Promise<number | null> }> {
		const child = spawn(NODE, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SANDBOX_PORT: '', SANDBOX_API_KEY: '' } });
		children.push(child);
		let output = '';
		const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no "${ready}" within 15 s:\n${output}`)), 15_000);
			const onData = (chunk: Buffer): void => {
				output += chunk.toString();
				if (ready.test(output)) {
					clearTimeout(timer);
					resolve({ child, output: () => output, exit });
				}
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', onData);
			void exit.then((code) => {
				clearTimeout(timer);
				if (!ready.test(output)) reject(new Error(`exited with ${code} before "${ready}":\n${output}`));
			});
		});
	}

	it('starts on the given port with the seeded instance, serves the API and stops on SIGTERM', async () => {
		const port = await freePort();
		const { child, output, exit } = await run([join(compiled, 'cli.js'), '--port', String(port), '--instance', 'shop', '--fast-retries'], /Ctrl-C stops/);
		const url = `http://127.0.0.1:${port}`;
		expect(output()).toContain(`listening on ${url}`);
		expect(output()).toContain('global API key: sandbox-key');
		expect(output()).toContain('curl -s -X POST');

		expect(await (await fetch(`${url}/`)).json()).toMatchObject({ status: 200, version: '2.3.6' });
		const instances = (await (await fetch(`${url}/instance/fetchInstances`, { headers: { apikey: 'sandbox-key' } })).json()) as any[];
		expect(instances.map((instance) => [instance.name, instance.connectionStatus, instance.ownerJid, instance.token])).toEqual([
			['shop', 'open', '5511999990000@s.whatsapp.net', 'shop-token'],
		]);
		const incoming = await fetch(`${url}/sandbox/shop/incoming`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '5511988887777', text: 'hi' }) });
		expect(incoming.status).toBe(201);

		process.kill(child.pid as number, 'SIGTERM');
		expect(await exit).toBe(0);
		await expect(fetch(`${url}/`)).rejects.toThrow();
	});

	it('refuses bad options with exit code 2', async () => {
		const child = spawn(NODE, [join(compiled, 'cli.js'), '--port', 'abc'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		children.push(child);
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
		expect(stderr).toContain('invalid port: abc');
	});

	it('exports startSandbox() for plain Node', async () => {
		const script = `
			const { startSandbox } = require(${JSON.stringify(join(compiled, 'index.js'))});
			(async () => {
				const sandbox = await startSandbox({ port: 0 });
				const state = await (await fetch(sandbox.url + '/instance/connectionState/sandbox', { headers: { apikey: sandbox.apiKey } })).json();
				console.log(JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey, instances: sandbox.instances, pid: sandbox.pid, state }));
				await sandbox.stop();
			})().catch((error) => { console.error(error); process.exit(1); });`;
		const { output, exit } = await run(['-e', script], /\}\s*$/);
		expect(await exit).toBe(0);
		const result = JSON.parse(output().trim());
		expect(result).toMatchObject({
			url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
			apiKey: 'sandbox-key',
			instances: [{ name: 'sandbox', token: 'sandbox-token', ownerJid: '5511999990000@s.whatsapp.net' }],
			state: { instance: { instanceName: 'sandbox', state: 'open' } },
		});
	});
});
