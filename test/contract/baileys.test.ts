/**
 * Contract tests of the Baileys resource (9 low-level routes) against the Evolution API 2.3.6 fake.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, RecordedRequest } from '../fake';
import { INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.setConnectionState(INSTANCE, 'open');
});

async function run(operation: string, parameters: INodeParameters = {}, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return await runAction(fake, { parameters: { resource: 'baileys', operation, ...parameters }, ...options });
}

function expectCall(request: RecordedRequest | undefined, name: string): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe('POST');
	expect(req.path).toBe(`/baileys/${name}/${INSTANCE}`);
	expect(req.query).toEqual({});
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBe(200);
	return req;
}

describe('Baileys → routes', () => {
	it('On WhatsApp: a phone number becomes a contact JID', async () => {
		const result = await run('onWhatsapp', { remoteJid: '+55 11 99999-9999' });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'onWhatsapp').body).toEqual({ jid: '5511999999999@s.whatsapp.net' });
		expect(result.items.map((item) => item.json)).toEqual([{ exists: true, jid: '5511999999999@s.whatsapp.net' }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('On WhatsApp: an empty answer means the ID is not on WhatsApp', async () => {
		fake.failNext('baileys.onWhatsapp', { status: 200, body: [] });
		const result = await run('onWhatsapp', { remoteJid: '5511999999999@s.whatsapp.net' });
		expect(result.items.map((item) => item.json)).toEqual([{ jid: '5511999999999@s.whatsapp.net', exists: false }]);
	});

	it('Profile Picture URL: the bare string answer becomes a field; options sent', async () => {
		const result = await run('profilePictureUrl', {
			remoteJid: '120363025246125486@g.us',
			options: { type: 'preview', timeoutMs: 5000 },
		});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'profilePictureUrl').body).toEqual({
			jid: '120363025246125486@g.us',
			type: 'preview',
			timeoutMs: 5000,
		});
		expect(result.items[0].json).toEqual({
			jid: '120363025246125486@g.us',
			profilePictureUrl: 'https://pps.whatsapp.net/fake/profile.jpg',
		});
	});

	it('Profile Picture URL: no picture gives null', async () => {
		fake.failNext('baileys.profilePictureUrl', { status: 200, body: undefined, contentType: 'application/json; charset=utf-8' });
		const result = await run('profilePictureUrl', { remoteJid: '5511999999999' });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'profilePictureUrl').body).toEqual({ jid: '5511999999999@s.whatsapp.net' });
		expect(result.items[0].json).toEqual({ jid: '5511999999999@s.whatsapp.net', profilePictureUrl: null });
	});

	it('Assert Sessions: JIDs (device IDs kept) deduplicated, force; boolean answer', async () => {
		const result = await run('assertSessions', {
			jids: '5511999999999:2@s.whatsapp.net\n5511999999999, 5511999999999@s.whatsapp.net',
			force: true,
		});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'assertSessions').body).toEqual({
			jids: ['5511999999999:2@s.whatsapp.net', '5511999999999@s.whatsapp.net'],
			force: true,
		});
		expect(result.items[0].json).toEqual({ newSessionsFetched: true });
	});

	it('Create Participant Nodes: message and extra attributes parsed', async () => {
		const result = await run('createParticipantNodes', {
			jids: '={{ $json.jids }}',
			message: '{"conversation": "Hi"}',
			extraAttrs: '={{ $json.attrs }}',
		}, { items: [{ json: { jids: ['5511999999999@s.whatsapp.net'], attrs: { mediatype: 'image' } } }] });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'createParticipantNodes').body).toEqual({
			jids: ['5511999999999@s.whatsapp.net'],
			message: { conversation: 'Hi' },
			extraAttrs: { mediatype: 'image' },
		});
		expect(result.items[0].json).toEqual({ nodes: [], shouldIncludeDeviceIdentity: false });
	});

	it('Get USync Devices: flags sent explicitly; devices as items, none as an empty list', async () => {
		let result = await run('getUSyncDevices', { jids: '5511999999999@s.whatsapp.net' });
		expect(expectCall(fake.lastRequest(), 'getUSyncDevices').body).toEqual({
			jids: ['5511999999999@s.whatsapp.net'],
			useCache: true,
			ignoreZeroDevices: false,
		});
		expect(result.items.map((item) => item.json)).toEqual([{ devices: [] }]);
		fake.failNext('baileys.getUSyncDevices', { status: 200, body: [{ user: '5511999999999', device: 0 }, { user: '5511999999999', device: 2 }] });
		result = await run('getUSyncDevices', { jids: '5511999999999@s.whatsapp.net', useCache: false, ignoreZeroDevices: true });
		expect(fake.lastRequest()?.body).toMatchObject({ useCache: false, ignoreZeroDevices: true });
		expect(result.items.map((item) => item.json.device)).toEqual([0, 2]);
	});

	it('Generate Message Tag: no body; the string answer becomes messageTag', async () => {
		const result = await run('generateMessageTag');
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'generateMessageTag');
		expect(req.rawBody.length).toBe(0);
		expect(result.items[0].json.messageTag).toMatch(/^\d+\.1-1$/);
	});

	it('Send Node: the stanza is sent as an object; an empty answer is success', async () => {
		const stanza = {
			tag: 'iq',
			attrs: { to: 's.whatsapp.net', type: 'get', xmlns: 'w:p', id: '1.1-1' },
			content: [{ tag: 'ping', attrs: {} }],
		};
		fake.failNext('baileys.sendNode', { status: 200, body: undefined, contentType: 'application/json; charset=utf-8' });
		const result = await run('sendNode', { stanza: JSON.stringify(stanza) });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'sendNode').body).toEqual({ stanza });
		expect(result.items[0].json).toEqual({ success: true });
	});

	it('Decrypt Message: JID, type and standard base64', async () => {
		fake.failNext('baileys.signalRepositoryDecryptMessage', { status: 200, body: 'aGVsbG8=' });
		const result = await run('signalRepositoryDecryptMessage', {
			remoteJid: '5511999999999@s.whatsapp.net',
			ciphertextType: 'pkmsg',
			ciphertext: 'Mwi-_w',
		});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'signalRepositoryDecryptMessage').body).toEqual({
			jid: '5511999999999@s.whatsapp.net',
			type: 'pkmsg',
			ciphertext: 'Mwi+/w==',
		});
		expect(result.items[0].json).toEqual({ plaintext: 'aGVsbG8=' });
	});

	it('Get Auth State: no body; the object is returned', async () => {
		const result = await run('getAuthState');
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'getAuthState').rawBody.length).toBe(0);
		expect(result.items[0].json).toEqual({ me: { id: '5511900000000@s.whatsapp.net', name: null }, account: {} });
	});
});

describe('Baileys → input validation (no request sent)', () => {
	it.each([
		['On WhatsApp, an empty ID', 'onWhatsapp', { remoteJid: '={{ "" }}' }, 'WhatsApp ID is empty'],
		['On WhatsApp, an object', 'onWhatsapp', { remoteJid: '={{ $json }}' }, 'WhatsApp ID must be text, not object'],
		['Profile Picture URL, a bad size', 'profilePictureUrl', { remoteJid: '5511999999999', options: { type: '={{ "huge" }}' } }, 'Size "huge" is not supported'],
		['Profile Picture URL, a fractional timeout', 'profilePictureUrl', { remoteJid: '5511999999999', options: { timeoutMs: 1.5 } }, 'Timeout (Ms) must be a whole number'],
		['Assert Sessions, no IDs', 'assertSessions', { jids: ' ,\n' }, 'WhatsApp IDs is empty'],
		['Assert Sessions, a bad ID', 'assertSessions', { jids: '5511999999999, foo@bar' }, 'WhatsApp IDs "foo@bar" is not a valid WhatsApp ID'],
		['Create Participant Nodes, broken JSON', 'createParticipantNodes', { jids: '5511999999999', message: '{"conversation": ' }, 'Message (JSON) is not valid JSON'],
		['Create Participant Nodes, a list as message', 'createParticipantNodes', { jids: '5511999999999', message: '[1]' }, 'Message (JSON) must be a JSON object, not a list'],
		['Create Participant Nodes, a number attribute', 'createParticipantNodes', { jids: '5511999999999', message: '{}', extraAttrs: '{"count": 1}' }, 'Extra Attributes (JSON): "count" must be a string'],
		['Send Node, no tag', 'sendNode', { stanza: '{"attrs": {}}' }, 'stanza.tag must be a non-empty string'],
		['Send Node, no attrs', 'sendNode', { stanza: '{"tag": "iq"}' }, 'stanza.attrs must be an object'],
		['Send Node, a number attribute', 'sendNode', { stanza: '{"tag": "iq", "attrs": {"id": 5}}' }, 'stanza.attrs.id must be a string'],
		['Send Node, a bad child', 'sendNode', { stanza: '{"tag": "iq", "attrs": {}, "content": [{"tag": "ping"}]}' }, 'stanza.content[0].attrs must be an object'],
		['Send Node, a string stanza', 'sendNode', { stanza: '"iq"' }, 'Stanza (JSON) must be a JSON object, not a string'],
		['Decrypt Message, broken base64', 'signalRepositoryDecryptMessage', { remoteJid: '5511999999999', ciphertext: 'not base64!' }, 'Ciphertext (Base64) is not valid base64'],
		['Decrypt Message, a bad type', 'signalRepositoryDecryptMessage', { remoteJid: '5511999999999', ciphertextType: '={{ "skmsg" }}', ciphertext: 'AAAA' }, 'Ciphertext Type "skmsg" is not supported'],
	])('refuses %s', async (_case, operation, parameters, message) => {
		const result = await run(operation, parameters as INodeParameters, { items: [{ json: { a: 1 } }] });
		expect(result.error?.message).toContain(message);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Baileys → server errors and items', () => {
	it('reports an unknown instance (404)', async () => {
		const result = await run('getAuthState', { instanceName: instanceParam('nope') });
		expect(result.error?.message).toBe('The instance "nope" does not exist on this server');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
	});

	it('reports a disconnected instance', async () => {
		fake.connectionClosed(INSTANCE);
		const result = await run('generateMessageTag');
		expect(result.error?.message).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
	});

	it('reports the TypeError a Cloud API instance answers (Baileys only)', async () => {
		fake.addInstance({ name: 'cloud-b', integration: 'WHATSAPP-BUSINESS' });
		const result = await run('generateMessageTag', { instanceName: instanceParam('cloud-b') });
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(result.error?.message).toContain('This operation is not available for the channel of instance');
	});

	it('one request per item; Continue On Fail turns a bad item into an error item', async () => {
		const result = await run(
			'onWhatsapp',
			{ remoteJid: '={{ $json.number }}' },
			{
				continueOnFail: true,
				items: [{ json: { number: '5511999999999' } }, { json: { number: 'abc' } }, { json: { number: '5511888888888' } }],
			},
		);
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ jid: '5511999999999@s.whatsapp.net' },
			{ jid: '5511888888888@s.whatsapp.net' },
		]);
		expect(result.items.map((item) => item.json.error ?? item.json.jid)).toEqual([
			'5511999999999@s.whatsapp.net',
			'WhatsApp ID "abc" is not a valid phone number',
			'5511888888888@s.whatsapp.net',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
