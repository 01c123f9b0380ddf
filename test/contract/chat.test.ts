/**
 * Contract tests of the Chat resource's actions (whatsappNumbers, read/archive/unread, delete,
 * edit, presence, block, findChatByRemoteJid) against the Evolution API 2.3.6 fake.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, RecordedRequest } from '../fake';
import { API_KEY, INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

const CONTACT = '5511999999999';
const CONTACT_JID = `${CONTACT}@s.whatsapp.net`;
const GROUP = '120363025246125486@g.us';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
	fake.addInstance({ name: 'meta', integration: 'WHATSAPP-BUSINESS' });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.messages.clear();
	fake.state.chats.clear();
	fake.setConnectionState(INSTANCE, 'open');
});

function chatById(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

async function run(operation: string, parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return await runAction(fake, { parameters: { resource: 'chat', operation, ...parameters }, ...options });
}

/** The request is the declared route, with only documented query parameters, valid for the server. */
function expectCall(request: RecordedRequest | undefined, method: string, path: string, query: IDataObject = {}): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe(method);
	expect(req.path).toBe(path);
	expect(req.query).toEqual(query);
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBeLessThan(300);
	return req;
}

function storeMessage(remoteJid: string, id: string, fromMe = false): void {
	fake.state.storeMessage(INSTANCE, {
		key: { remoteJid, fromMe, id },
		pushName: 'Ana',
		message: { conversation: 'hi' },
		messageType: 'conversation',
		messageTimestamp: 1714560000,
		instanceId: fake.state.instances.get(INSTANCE)!.id,
	});
}

describe('Chat → Check Numbers (POST /chat/whatsappNumbers)', () => {
	it('sends the normalised, de-duplicated numbers and outputs one item per number', async () => {
		const result = await run('checkNumbers', {
			numbers: `+55 (11) 99999-9999, 5511888888888\n${CONTACT_JID}\n${GROUP}`,
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/whatsappNumbers/${INSTANCE}`);
		expect(req.body).toEqual({ numbers: [CONTACT, '5511888888888', GROUP] });
		expect(result.items.map((item) => item.json.number)).toEqual([CONTACT, '5511888888888', GROUP]);
		expect(result.items.map((item) => item.json.exists)).toEqual([true, true, true]);
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	});

	it('accepts a list from an expression, one request per input item', async () => {
		const result = await run(
			'checkNumbers',
			{ numbers: '={{ $json.numbers }}' },
			{ items: [{ json: { numbers: [CONTACT, 5511888888888] } }, { json: { numbers: ['5511777777777'] } }] },
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[0].body).toEqual({ numbers: [CONTACT, '5511888888888'] });
		expect(fake.requests[1].body).toEqual({ numbers: ['5511777777777'] });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
	});

	it('refuses an invalid number before any request', async () => {
		const result = await run('checkNumbers', { numbers: '5511999999999, call me' });
		expect(result.error?.message).toMatch(/Phone Numbers "call me" is not a valid phone number/);
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses an empty list before any request', async () => {
		const result = await run('checkNumbers', { numbers: ' , \n' });
		expect(result.error?.message).toMatch(/Phone Numbers is empty/);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains the raw Boom body (no response wrapper) of a closed connection', async () => {
		fake.setConnectionState(INSTANCE, 'close');
		const result = await run('checkNumbers', { numbers: CONTACT });
		const req = fake.lastRequest()!;
		expect(req.status).toBe(400);
		expect(req.responseBody).toMatchObject({ isBoom: true, output: { payload: { message: 'Connection Closed' } } });
		expect(result.error?.message).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
	});

	it('explains the raw exception body on another channel', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'chat', operation: 'checkNumbers', instanceName: instanceParam('meta'), numbers: CONTACT },
		});
		const req = fake.lastRequest()!;
		expect(req.status).toBe(400);
		expect(req.responseBody).not.toHaveProperty('response');
		expect(result.error?.message).toMatch(/Method not available on WhatsApp Business API/);
	});

	it('with Continue On Fail, turns a failing item into an error item and runs the others', async () => {
		fake.failNext('chat.whatsappNumbers', {
			status: 400,
			body: { status: 400, error: 'Bad Request', message: ['Method not available on Evolution Channel'] },
		});
		const result = await run(
			'checkNumbers',
			{ numbers: '={{ $json.n }}' },
			{ items: [{ json: { n: CONTACT } }, { json: { n: '5511888888888' } }], continueOnFail: true },
		);
		expect(fake.requests).toHaveLength(2);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/Method not available on Evolution Channel/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ exists: true, number: '5511888888888' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Chat → Mark as Read (POST /chat/markMessageAsRead)', () => {
	it('sends one key per unique message ID with the chat as full ID', async () => {
		const result = await run('markAsRead', { chatJid: chatById(CONTACT), messageIds: 'AAA1, BBB2\nAAA1' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/markMessageAsRead/${INSTANCE}`);
		expect(req.body).toEqual({
			readMessages: [
				{ id: 'AAA1', fromMe: false, remoteJid: CONTACT_JID },
				{ id: 'BBB2', fromMe: false, remoteJid: CONTACT_JID },
			],
		});
		expect(result.items).toEqual([expect.objectContaining({ json: { message: 'Read messages', read: 'success' }, pairedItem: { item: 0 } })]);
	});

	it('takes the chat from the list mode and a list of IDs from an expression', async () => {
		await run(
			'markAsRead',
			{ chatJid: { __rl: true, mode: 'list', value: GROUP }, messageIds: '={{ $json.ids }}', options: { fromMe: true } },
			{ items: [{ json: { ids: ['X1', 'X2'] } }] },
		);
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/markMessageAsRead/${INSTANCE}`);
		expect(req.body).toEqual({
			readMessages: [
				{ id: 'X1', fromMe: true, remoteJid: GROUP },
				{ id: 'X2', fromMe: true, remoteJid: GROUP },
			],
		});
	});

	it('refuses an object as chat before any request', async () => {
		const result = await run('markAsRead', { chatJid: chatById('={{ $json.chat }}'), messageIds: 'A' }, { items: [{ json: { chat: { id: 1 } } }] });
		expect(result.error?.message).toMatch(/Chat must be text/);
		expect(fake.requests).toHaveLength(0);
	});

	it('reports the channel refusal of a Cloud API instance', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'chat', operation: 'markAsRead', instanceName: instanceParam('meta'), chatJid: chatById(CONTACT), messageIds: 'A' },
		});
		expect(fake.lastRequest()!.validationErrors).toEqual([]);
		expect(result.error?.message).toMatch(/Method not available on WhatsApp Business API/);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
	});
});

describe('Chat → Archive (POST /chat/archiveChat)', () => {
	// Without lastMessage 2.3.6 fails in its own last-message lookup (500, the fake reproduces
	// it), so the node always sends one: the given ID, else the newest stored message.
	it('looks the newest stored message up and sends it as lastMessage', async () => {
		storeMessage(CONTACT_JID, 'LAST1');
		const result = await run('archive', { chatJid: chatById(`+${CONTACT}`) });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		const lookup = expectCall(fake.requests[0], 'POST', `/chat/findMessages/${INSTANCE}`);
		expect(lookup.body).toEqual({ where: { key: { remoteJid: CONTACT_JID } }, page: 1, offset: 1 });
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/archiveChat/${INSTANCE}`);
		expect(req.body).toMatchObject({ chat: CONTACT_JID, archive: true, lastMessage: { key: { id: 'LAST1', remoteJid: CONTACT_JID } } });
		expect(result.items[0].json).toEqual({ chatId: CONTACT_JID, archived: true });
	});

	it('unarchives with a given last message, without a lookup', async () => {
		await run('archive', { chatJid: chatById(GROUP), archive: false, options: { messageId: 'M1', fromMe: true } });
		expect(fake.requests).toHaveLength(1);
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/archiveChat/${INSTANCE}`);
		expect(req.body).toEqual({ chat: GROUP, archive: false, lastMessage: { key: { id: 'M1', fromMe: true, remoteJid: GROUP } } });
	});

	it('refuses before archiving when no message of the chat is stored, and says what to enter', async () => {
		const result = await run('archive', { chatJid: chatById(CONTACT) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toBe(`No stored message found in chat ${CONTACT_JID}`);
		expect(result.error?.description).toMatch(/Last Message ID/);
		expect(fake.requests.map((request) => request.path)).toEqual([`/chat/findMessages/${INSTANCE}`]);
	});

	it('the fake answers an archive without lastMessage as 2.3.6 does, even with stored messages', async () => {
		storeMessage(CONTACT_JID, 'LAST1');
		const response = await fetch(`${fake.url}/chat/archiveChat/${INSTANCE}`, {
			method: 'POST',
			headers: { apikey: API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ chat: CONTACT_JID, archive: true }),
		});
		expect(response.status).toBe(500);
		expect(JSON.stringify(await response.json())).toMatch(/An error occurred while archiving the chat.*PrismaClientValidationError/);
	});
});

describe('Chat → Mark as Unread (POST /chat/markChatUnread)', () => {
	it('sends the given last message key', async () => {
		const result = await run('markUnread', { chatJid: chatById(CONTACT), options: { messageId: 'M9' } });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(1);
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/markChatUnread/${INSTANCE}`);
		expect(req.body).toEqual({ chat: CONTACT_JID, lastMessage: { key: { id: 'M9', fromMe: false, remoteJid: CONTACT_JID } } });
		expect(result.items[0].json).toEqual({ chatId: CONTACT_JID, markedChatUnread: true });
	});

	it('looks the newest stored message up when no ID is given (the schema requires lastMessage)', async () => {
		storeMessage(CONTACT_JID, 'NEWEST', true);
		storeMessage('5511888888888@s.whatsapp.net', 'OTHER');
		const result = await run('markUnread', { chatJid: chatById(CONTACT) });
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		const lookup = expectCall(fake.requests[0], 'POST', `/chat/findMessages/${INSTANCE}`);
		expect(lookup.body).toEqual({ where: { key: { remoteJid: CONTACT_JID } }, page: 1, offset: 1 });
		const req = expectCall(fake.requests[1], 'POST', `/chat/markChatUnread/${INSTANCE}`);
		expect(req.body).toEqual({
			chat: CONTACT_JID,
			lastMessage: { key: { id: 'NEWEST', fromMe: true, remoteJid: CONTACT_JID }, messageTimestamp: 1714560000 },
		});
	});

	it('refuses a chat without stored messages after the lookup, without writing', async () => {
		const result = await run('markUnread', { chatJid: chatById(CONTACT) });
		expect(result.error?.message).toMatch(/No stored message found in chat/);
		expect(fake.requests.map((request) => request.route?.name)).toEqual(['findMessages']);
	});
});

describe('Chat → Delete Message (DELETE /chat/deleteMessageForEveryone)', () => {
	it('sends a DELETE with a JSON body and accepts the 201 answer', async () => {
		const result = await run('deleteMessage', { chatJid: chatById(CONTACT), messageId: '3EB0AA' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'DELETE', `/chat/deleteMessageForEveryone/${INSTANCE}`);
		expect(req.headers['content-type']).toMatch(/application\/json/);
		expect(req.body).toEqual({ id: '3EB0AA', fromMe: true, remoteJid: CONTACT_JID });
		expect(req.status).toBe(201);
		expect(result.items[0].json).toMatchObject({ messageType: 'protocolMessage', message: { protocolMessage: { type: 'REVOKE' } } });
	});

	it("deletes another member's group message with the participant", async () => {
		await run('deleteMessage', { chatJid: chatById(GROUP), messageId: '3EB0BB', fromMe: false, options: { participant: '+55 11 98888-7777' } });
		const req = expectCall(fake.lastRequest(), 'DELETE', `/chat/deleteMessageForEveryone/${INSTANCE}`);
		expect(req.body).toEqual({ id: '3EB0BB', fromMe: false, remoteJid: GROUP, participant: '5511988887777@s.whatsapp.net' });
	});

	it('refuses an empty message ID before any request', async () => {
		const result = await run('deleteMessage', { chatJid: chatById(CONTACT), messageId: '  ' });
		expect(result.error?.message).toMatch(/Message ID is empty/);
		expect(fake.requests).toHaveLength(0);
	});

	it('reports 404 for an unknown instance', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'chat', operation: 'deleteMessage', instanceName: instanceParam('nope'), chatJid: chatById(CONTACT), messageId: 'X' },
		});
		expect(result.error?.message).toBe('The instance "nope" does not exist on this server');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
	});
});

describe('Chat → Edit Message (POST /chat/updateMessage)', () => {
	it('sends number, text and the key with the same full chat ID', async () => {
		const result = await run('editMessage', { chatJid: chatById(CONTACT), messageId: '3EB0CC', text: 'Fixed *typo*' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/updateMessage/${INSTANCE}`);
		expect(req.body).toEqual({ number: CONTACT_JID, text: 'Fixed *typo*', key: { id: '3EB0CC', fromMe: true, remoteJid: CONTACT_JID } });
		expect(result.items[0].json).toMatchObject({ message: { protocolMessage: { type: 'MESSAGE_EDIT' } } });
	});

	it('refuses a blank text before any request', async () => {
		const result = await run('editMessage', { chatJid: chatById(CONTACT), messageId: '3EB0CC', text: '   ' });
		expect(result.error?.message).toMatch(/Text is empty/);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains a server validation error (400, nested message array)', async () => {
		fake.failNext('chat.updateMessage', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [['The "text" cannot be empty']] } },
		});
		const result = await run('editMessage', { chatJid: chatById(CONTACT), messageId: '3EB0CC', text: 'x' });
		expect(result.error?.message).toBe('The Evolution API server rejected the request: The "text" cannot be empty');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
	});
});

describe('Chat → Send Presence (POST /chat/sendPresence)', () => {
	it('sends number, presence and delay', async () => {
		const result = await run('sendPresence', { chatJid: chatById(CONTACT), presence: 'recording', delay: 1500 });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/sendPresence/${INSTANCE}`);
		expect(req.body).toEqual({ number: CONTACT, presence: 'recording', delay: 1500 });
		expect(result.items[0].json).toEqual({ presence: 'recording' });
	});

	it('defaults to typing for 3 seconds, and maps items to requests', async () => {
		await run(
			'sendPresence',
			{ chatJid: chatById('={{ $json.to }}') },
			{ items: [{ json: { to: CONTACT } }, { json: { to: GROUP } }] },
		);
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ number: CONTACT, presence: 'composing', delay: 3000 },
			{ number: GROUP, presence: 'composing', delay: 3000 },
		]);
	});

	it('refuses a non-numeric duration and an unknown presence before any request', async () => {
		const bad = await run('sendPresence', { chatJid: chatById(CONTACT), delay: '={{ "soon" }}' });
		expect(bad.error?.message).toMatch(/Duration \(Ms\) must be a whole number/);
		const unknown = await run('sendPresence', { chatJid: chatById(CONTACT), presence: '={{ "dancing" }}' });
		expect(unknown.error?.message).toMatch(/Presence "dancing" is not supported/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Chat → Update Block Status (POST /chat/updateBlockStatus)', () => {
	it('blocks and unblocks a contact', async () => {
		const result = await run('updateBlockStatus', { chatJid: chatById(CONTACT), blockStatus: 'unblock' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/chat/updateBlockStatus/${INSTANCE}`);
		expect(req.body).toEqual({ number: CONTACT, status: 'unblock' });
		expect(result.items[0].json).toEqual({ block: 'success' });
		await run('updateBlockStatus', { chatJid: chatById(CONTACT_JID) });
		expect(fake.lastRequest()!.body).toEqual({ number: CONTACT_JID, status: 'block' });
	});

	it('refuses a group before any request', async () => {
		const result = await run('updateBlockStatus', { chatJid: chatById(GROUP) });
		expect(result.error?.message).toMatch(/Contact is a group ID/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Chat → Get (GET /chat/findChatByRemoteJid)', () => {
	it('queries the exact stored ID and returns the chat', async () => {
		storeMessage(CONTACT_JID, 'M1');
		const result = await run('get', { chatJid: chatById(CONTACT) });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/chat/findChatByRemoteJid/${INSTANCE}`, { remoteJid: CONTACT_JID });
		expect(req.rawBody.length).toBe(0);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ remoteJid: CONTACT_JID });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('fails clearly when the server answers null', async () => {
		const result = await run('get', { chatJid: chatById(GROUP) });
		expectCall(fake.lastRequest(), 'GET', `/chat/findChatByRemoteJid/${INSTANCE}`, { remoteJid: GROUP });
		expect(result.error?.message).toBe(`The server has no chat ${GROUP}`);
	});

	it('explains the non-standard 400 body of the route', async () => {
		fake.failNext('chat.findChatByRemoteJid', { status: 400, body: { error: 'remoteJid is a required query parameter' } });
		const result = await run('get', { chatJid: chatById(GROUP) });
		expect(result.error?.message).toMatch(/remoteJid is a required query parameter/);
	});
});
