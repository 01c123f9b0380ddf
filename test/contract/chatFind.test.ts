/**
 * Contract tests of the Chat resource's reads (findChats, findContacts, findMessages,
 * findStatusMessage): paging with Return All / Limit, the filters the server really applies,
 * and the chat list of the resource locators.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { searchChats } from '../../nodes/EvolutionApi/actions/chat/shared';
import type { FakeEvolution, RecordedRequest } from '../fake';
import { API_KEY, INSTANCE, runAction, startFake } from '../helpers/evolution';

const CONTACT = '5511999999999';
const CONTACT_JID = `${CONTACT}@s.whatsapp.net`;
const OTHER_JID = '5511888888888@s.whatsapp.net';
const BASE_TIME = 1714521600; // 2024-05-01T00:00:00Z

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.messages.clear();
	fake.state.chats.clear();
	fake.state.contacts.clear();
});

async function run(operation: string, parameters: INodeParameters) {
	return await runAction(fake, { parameters: { resource: 'chat', operation, ...parameters } });
}

function expectCall(request: RecordedRequest | undefined, path: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe('POST');
	expect(req.path).toBe(path);
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBe(200);
	return req;
}

function seedChats(count: number): void {
	const chats = fake.state.listOf(fake.state.chats, INSTANCE);
	for (let index = 0; index < count; index++) {
		const number = String(5511900000000 + index);
		chats.push({
			id: `chat${index}`,
			remoteJid: `${number}@s.whatsapp.net`,
			pushName: `Person ${index}`,
			// Newest first: chat0 is the most recent.
			updatedAt: new Date(Date.UTC(2024, 4, 1) - index * 60000).toISOString(),
			unreadMessages: 0,
		});
	}
}

function seedContacts(count: number): void {
	const contacts = fake.state.listOf(fake.state.contacts, INSTANCE);
	for (let index = 0; index < count; index++) {
		contacts.push({ id: `contact${index}`, remoteJid: `${5511800000000 + index}@s.whatsapp.net`, pushName: `Contact ${index}` });
	}
}

/** `count` messages alternating between two chats and senders, one minute apart, newest last. */
function seedMessages(count: number): void {
	for (let index = 0; index < count; index++) {
		fake.state.storeMessage(INSTANCE, {
			key: { remoteJid: index % 2 === 0 ? CONTACT_JID : OTHER_JID, fromMe: index % 3 === 0, id: `MSG${String(index).padStart(4, '0')}` },
			pushName: 'Ana',
			message: { conversation: `message ${index}` },
			messageType: index % 5 === 0 ? 'imageMessage' : 'conversation',
			messageTimestamp: BASE_TIME + index * 60,
			instanceId: fake.state.instances.get(INSTANCE)!.id,
		});
	}
}

describe('Chat → Get Many (POST /chat/findChats, take/skip)', () => {
	it('Return All pages through every chat with take/skip', async () => {
		seedChats(230);
		const result = await run('getAll', { returnAll: true });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(3);
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ take: 100, skip: 0 },
			{ take: 100, skip: 100 },
			{ take: 100, skip: 200 },
		]);
		for (const request of fake.requests) expectCall(request, `/chat/findChats/${INSTANCE}`);
		expect(result.items).toHaveLength(230);
		expect(result.items[0].json.id).toBe('chat0');
		expect(result.items[229].json.id).toBe('chat229');
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(230);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit asks for that many only', async () => {
		seedChats(30);
		const result = await run('getAll', { returnAll: false, limit: 7 });
		expect(fake.requests).toHaveLength(1);
		expect(expectCall(fake.lastRequest(), `/chat/findChats/${INSTANCE}`).body).toEqual({ take: 7, skip: 0 });
		expect(result.items.map((item) => item.json.id)).toEqual(['chat0', 'chat1', 'chat2', 'chat3', 'chat4', 'chat5', 'chat6']);
	});

	it('Limit above one page pages until the limit', async () => {
		seedChats(250);
		const result = await run('getAll', { limit: 150 });
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ take: 100, skip: 0 },
			{ take: 100, skip: 100 },
		]);
		expect(result.items).toHaveLength(150);
	});

	it('sends where.remoteJid and a complete messageTimestamp range', async () => {
		seedChats(3);
		const result = await run('getAll', {
			limit: 10,
			filters: { remoteJid: '+55 11 90000-0001', after: '2024-05-01T00:00:00Z' },
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), `/chat/findChats/${INSTANCE}`);
		expect(req.body).toEqual({
			take: 10,
			skip: 0,
			where: {
				remoteJid: '5511900000001',
				messageTimestamp: { gte: '2024-05-01T00:00:00.000Z', lte: '2038-01-19T03:14:07.000Z' },
			},
		});
		expect(result.items.map((item) => item.json.id)).toEqual(['chat1']);
	});

	it('refuses a bad limit, an invalid date and a reversed range before any request', async () => {
		expect((await run('getAll', { limit: 0 })).error?.message).toMatch(/Limit must be between 1 and ∞, but got 0/);
		expect((await run('getAll', { filters: { after: 'yesterday-ish' } })).error?.message).toMatch(/Last Message After is not a valid date/);
		expect((await run('getAll', { filters: { after: '2024-05-02T00:00:00Z', before: '2024-05-01T00:00:00Z' } })).error?.message).toMatch(
			/Last Message After is later than Last Message Before/,
		);
		expect(fake.requests).toHaveLength(0);
	});

	it('stops when the server ignores paging and repeats the same page', async () => {
		const page = Array.from({ length: 100 }, (_, index) => ({ id: `same${index}`, remoteJid: `${5511900000000 + index}@s.whatsapp.net` }));
		fake.setFault('chat.findChats', { status: 200, body: page });
		const result = await run('getAll', { returnAll: true });
		fake.clearFaults();
		expect(fake.requests).toHaveLength(2);
		expect(result.items).toHaveLength(100);
	});
});

describe('Chat → Get Contacts (POST /chat/findContacts, page/offset)', () => {
	it('Return All pages through every contact', async () => {
		seedContacts(150);
		const result = await run('getContacts', { returnAll: true });
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ page: 1, offset: 100 },
			{ page: 2, offset: 100 },
		]);
		for (const request of fake.requests) expectCall(request, `/chat/findContacts/${INSTANCE}`);
		expect(result.items).toHaveLength(150);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(150);
		expect(result.items[0].json).toMatchObject({ isGroup: false, type: 'contact' });
	});

	it('Limit requests one page of that size', async () => {
		seedContacts(20);
		const result = await run('getContacts', { limit: 5 });
		expect(fake.requests.map((request) => request.body)).toEqual([{ page: 1, offset: 5 }]);
		expect(result.items.map((item) => item.json.id)).toEqual(['contact0', 'contact1', 'contact2', 'contact3', 'contact4']);
	});

	it('filters by where.remoteJid (the only filter the server applies)', async () => {
		seedContacts(3);
		const result = await run('getContacts', { limit: 50, filters: { remoteJid: '5511800000002@s.whatsapp.net' } });
		const req = expectCall(fake.lastRequest(), `/chat/findContacts/${INSTANCE}`);
		expect(req.body).toEqual({ page: 1, offset: 50, where: { remoteJid: '5511800000002@s.whatsapp.net' } });
		expect(result.items.map((item) => item.json.id)).toEqual(['contact2']);
	});

	it('refuses a contact filter that is not a number before any request', async () => {
		const result = await run('getContacts', { filters: { remoteJid: 'Ana' } });
		expect(result.error?.message).toMatch(/Contact "Ana" is not a valid phone number/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Chat → Get Messages (POST /chat/findMessages, page/offset)', () => {
	it('Return All pages through {messages:{records}} and outputs one item per record', async () => {
		seedMessages(130);
		const result = await run('getMessages', { returnAll: true });
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ page: 1, offset: 100 },
			{ page: 2, offset: 100 },
		]);
		for (const request of fake.requests) expectCall(request, `/chat/findMessages/${INSTANCE}`);
		expect(result.items).toHaveLength(130);
		expect((result.items[0].json.key as IDataObject).id).toBe('MSG0129');
		expect((result.items[129].json.key as IDataObject).id).toBe('MSG0000');
	});

	it('stops at the page count the server reports', async () => {
		seedMessages(200);
		await run('getMessages', { returnAll: true });
		// 200 messages = exactly 2 full pages: no third request.
		expect(fake.requests).toHaveLength(2);
	});

	it('sends the key, type and time filters the server applies', async () => {
		seedMessages(40);
		const result = await run('getMessages', {
			limit: 3,
			filters: {
				remoteJid: CONTACT,
				fromMe: 'me',
				messageType: 'conversation',
				after: '2024-05-01T00:00:00Z',
				before: '2024-05-01T00:30:00Z',
			},
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), `/chat/findMessages/${INSTANCE}`);
		expect(req.body).toEqual({
			page: 1,
			offset: 3,
			where: {
				key: { remoteJid: CONTACT_JID, fromMe: true },
				messageType: 'conversation',
				messageTimestamp: { gte: '2024-05-01T00:00:00.000Z', lte: '2024-05-01T00:30:00.000Z' },
			},
		});
		// Even indexes (contact), multiples of 3 (fromMe), not multiples of 5 (image), minute ≤ 30.
		expect(result.items.map((item) => (item.json.key as IDataObject).id)).toEqual(['MSG0024', 'MSG0018', 'MSG0012']);
	});

	it('filters "Others" client-side (the server ignores fromMe:false) and still fills the limit', async () => {
		seedMessages(130);
		// The newest 100 records hold 67 received messages, so a second page is needed for 80.
		const result = await run('getMessages', { limit: 80, filters: { fromMe: 'others' } });
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ page: 1, offset: 80 },
			{ page: 2, offset: 80 },
		]);
		expect(result.items).toHaveLength(80);
		expect(result.items.every((item) => (item.json.key as IDataObject).fromMe === false)).toBe(true);
	});

	it('drops records of other chats when the server does not apply the chat filter', async () => {
		fake.failNext('chat.findMessages', {
			status: 200,
			body: {
				messages: {
					total: 2,
					pages: 1,
					currentPage: 1,
					records: [
						{ id: 'a', key: { id: 'A', remoteJid: CONTACT_JID, fromMe: false } },
						{ id: 'b', key: { id: 'B', remoteJid: OTHER_JID, fromMe: false } },
						{ id: 'c', key: { id: 'C', remoteJid: '123456789@lid', remoteJidAlt: CONTACT_JID, fromMe: false } },
					],
				},
			},
		});
		const result = await run('getMessages', { limit: 10, filters: { remoteJid: CONTACT } });
		expect(fake.requests).toHaveLength(1);
		expect(result.items.map((item) => item.json.id)).toEqual(['a', 'c']);
	});

	it('refuses a participant that is a group, before any request', async () => {
		const result = await run('getMessages', { filters: { participant: '120363025246125486@g.us' } });
		expect(result.error?.message).toMatch(/Group Participant is a group ID/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Chat → Get Message Statuses (POST /chat/findStatusMessage, page/offset)', () => {
	it('always sends page and offset, and the remoteJid / id filters', async () => {
		const result = await run('getMessageStatuses', { limit: 20, filters: { remoteJid: CONTACT, messageId: 'MSG1' } });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), `/chat/findStatusMessage/${INSTANCE}`);
		expect(req.body).toEqual({ page: 1, offset: 20, where: { remoteJid: CONTACT_JID, id: 'MSG1' } });
		expect(result.items).toHaveLength(0);
	});

	it('Return All pages until a short page', async () => {
		const row = (index: number) => ({ id: `u${index}`, keyId: 'MSG1', remoteJid: CONTACT_JID, status: 'READ' });
		fake.failNext('chat.findStatusMessage', { status: 200, body: Array.from({ length: 100 }, (_, index) => row(index)) });
		fake.failNext('chat.findStatusMessage', { status: 200, body: [row(100), row(101)] });
		const result = await run('getMessageStatuses', { returnAll: true });
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ page: 1, offset: 100 },
			{ page: 2, offset: 100 },
		]);
		expect(result.items).toHaveLength(102);
	});

	it('refuses an unexpected answer shape', async () => {
		fake.failNext('chat.findStatusMessage', { status: 200, body: { unexpected: true } });
		const result = await run('getMessageStatuses', {});
		expect(result.error?.message).toMatch(/unexpected shape/);
	});
});

describe('Chat list search (searchChats)', () => {
	function loadOptionsContext(instance: string, defaultInstance = ''): ILoadOptionsFunctions {
		const context = {
			getNode: () => ({ id: '1', name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCurrentNodeParameter: (name: string) => (name === 'instanceName' ? instance : undefined),
			getCredentials: async () => ({ serverUrl: fake.url, apiKey: API_KEY, defaultInstance }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string; body?: string; headers?: Record<string, string> }) => {
					const response = await fetch(options.url, {
						method: options.method,
						headers: { ...options.headers, apikey: API_KEY },
						body: options.body,
					});
					return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
				},
			},
		};
		return context as unknown as ILoadOptionsFunctions;
	}

	it('lists chats newest first by name, filters, and pages with a token', async () => {
		seedChats(120);
		const first = await searchChats.call(loadOptionsContext(INSTANCE));
		expect(expectCall(fake.lastRequest(), `/chat/findChats/${INSTANCE}`).body).toEqual({ take: 100, skip: 0 });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Person 0 (5511900000000)', value: '5511900000000@s.whatsapp.net' });
		expect(first.paginationToken).toBe('100');
		const second = await searchChats.call(loadOptionsContext(INSTANCE), undefined, first.paginationToken);
		expect(fake.lastRequest()!.body).toEqual({ take: 100, skip: 100 });
		expect(second.results).toHaveLength(20);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await searchChats.call(loadOptionsContext(INSTANCE), 'person 11');
		expect(filtered.results.map((entry) => entry.value)).toEqual(['5511900000011@s.whatsapp.net']);
	});

	it("uses the credential's default instance, and asks for one when there is none", async () => {
		seedChats(1);
		const result = await searchChats.call(loadOptionsContext('', INSTANCE));
		expect(result.results).toHaveLength(1);
		await expect(searchChats.call(loadOptionsContext(''))).rejects.toThrow('Select an instance first');
	});
});
