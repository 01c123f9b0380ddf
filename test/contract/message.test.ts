/**
 * Contract tests of the Message operations without files (sendText, sendTemplate,
 * sendLocation, sendContact, sendReaction, sendPoll, sendList, sendButtons) against the
 * Evolution API 2.3.6 fake. The file-sending operations are in messageMedia.test.ts.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution, RecordedRequest } from '../fake';
import { INSTANCE, instanceParam, runAction, startFake, type RunActionOptions } from '../helpers/evolution';

const NUMBER = '5511999999999';
const GROUP = '120363025246125486@g.us';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
	fake.addInstance({ name: 'meta', integration: 'WHATSAPP-BUSINESS' });
	fake.addInstance({ name: 'evo', integration: 'EVOLUTION' });
	// Sends to a group need a group the instance belongs to (the server reads its metadata).
	fake.state.groupsOf(INSTANCE).set(GROUP, { id: GROUP, subject: 'Team' });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
});

async function run(operation: string, parameters: INodeParameters, options: Omit<RunActionOptions, 'parameters'> = {}) {
	return await runAction(fake, { parameters: { resource: 'message', operation, ...parameters }, ...options });
}

function expectSend(request: RecordedRequest | undefined, route: string, instance = INSTANCE): IDataObject {
	expect(request).toBeDefined();
	const req = request!;
	expect(req.method).toBe('POST');
	expect(req.path).toBe(`/message/${route}/${instance}`);
	expect(req.query).toEqual({});
	expect(String(req.headers['content-type'])).toMatch(/^application\/json/);
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBe(201);
	return req.body as IDataObject;
}

function expectPaired(items: INodeExecutionData[], ...indexes: number[]): void {
	expect(items.map((item) => item.pairedItem)).toEqual(indexes.map((item) => ({ item })));
}

function expectRefused(result: { error?: { message: string } }, message: string | RegExp): void {
	expect(result.error).toBeDefined();
	if (typeof message === 'string') expect(result.error!.message).toBe(message);
	else expect(result.error!.message).toMatch(message);
	expect(fake.requests).toHaveLength(0);
}

describe('Message → Send Text (POST /message/sendText)', () => {
	it('keeps its behaviour: text, link preview and the shared options with mentionsEveryOne', async () => {
		const result = await run('sendText', {
			remoteJid: GROUP,
			text: 'Hello *all*',
			options: { linkPreview: false, mentionsEveryOne: true, delay: 800 },
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendText')).toEqual({
			number: GROUP,
			text: 'Hello *all*',
			linkPreview: false,
			mentionsEveryOne: true,
			delay: 800,
		});
		expectPaired(result.items, 0);
	});

	it('refuses 70,000 characters before sending', async () => {
		expectRefused(await run('sendText', { remoteJid: NUMBER, text: 'a'.repeat(70000) }), 'Text is too long (70000 characters; the limit is 65536)');
	});
});

describe('Message → Send Template (POST /message/sendTemplate)', () => {
	it('sends name, language, parsed components and the status webhook on a Cloud API instance', async () => {
		const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }] }];
		const result = await run('sendTemplate', {
			instanceName: instanceParam('meta'),
			remoteJid: NUMBER,
			templateName: 'order_confirmation',
			language: 'pt_BR',
			components: JSON.stringify(components),
			options: { webhookUrl: 'https://example.com/status', delay: 100 },
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendTemplate', 'meta')).toEqual({
			number: NUMBER,
			name: 'order_confirmation',
			language: 'pt_BR',
			components,
			webhookUrl: 'https://example.com/status',
			delay: 100,
		});
		expect(result.items[0].json.messageType).toBe('template');
		expectPaired(result.items, 0);
	});

	it('omits empty components and accepts an array from an expression', async () => {
		await run('sendTemplate', { instanceName: instanceParam('meta'), remoteJid: NUMBER, templateName: 'hello_world', language: 'en_US' });
		expect(expectSend(fake.lastRequest(), 'sendTemplate', 'meta')).toEqual({ number: NUMBER, name: 'hello_world', language: 'en_US' });

		await run(
			'sendTemplate',
			{ instanceName: instanceParam('meta'), remoteJid: NUMBER, templateName: 't', language: 'en', components: '={{ $json.components }}' },
			{ items: [{ json: { components: [{ type: 'header' }] } }] },
		);
		expect(expectSend(fake.lastRequest(), 'sendTemplate', 'meta').components).toEqual([{ type: 'header' }]);
	});

	it('refuses broken components JSON and a bad language code', async () => {
		expectRefused(
			await run('sendTemplate', { remoteJid: NUMBER, templateName: 't', language: 'en_US', components: '[{"type":' }),
			'Components is not valid JSON',
		);
		expectRefused(await run('sendTemplate', { remoteJid: NUMBER, templateName: 't', language: 'English' }), 'Language "English" is not a language code');
	});

	it('reports the Baileys refusal (500 Method not available) as a server failure', async () => {
		const result = await run('sendTemplate', { remoteJid: NUMBER, templateName: 't', language: 'en_US' });
		expect(result.error?.message).toContain('Method not available in the Baileys service');
		expect(fake.lastRequest()!.status).toBe(500);
	});
});

describe('Message → Send Location (POST /message/sendLocation)', () => {
	it('sends the coordinates with name and address (required by the schema, empty allowed)', async () => {
		const result = await run('sendLocation', {
			remoteJid: NUMBER,
			latitude: -23.5613,
			longitude: -46.6565,
			options: { name: 'MASP', address: 'Av. Paulista, 1578' },
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendLocation')).toEqual({
			number: NUMBER,
			latitude: -23.5613,
			longitude: -46.6565,
			name: 'MASP',
			address: 'Av. Paulista, 1578',
		});
		expect(result.items[0].json.messageType).toBe('locationMessage');

		await run('sendLocation', { remoteJid: NUMBER, latitude: '={{ "51.5" }}', longitude: 0 });
		expect(expectSend(fake.lastRequest(), 'sendLocation')).toEqual({ number: NUMBER, latitude: 51.5, longitude: 0, name: '', address: '' });
	});

	it('refuses out-of-range and non-numeric coordinates', async () => {
		expectRefused(await run('sendLocation', { remoteJid: NUMBER, latitude: 91, longitude: 0 }), 'Latitude must be between -90 and 90, but got 91');
		expectRefused(await run('sendLocation', { remoteJid: NUMBER, latitude: 0, longitude: -180.5 }), 'Longitude must be between -180 and 180, but got -180.5');
		expectRefused(await run('sendLocation', { remoteJid: NUMBER, latitude: '={{ "north" }}', longitude: 0 }), 'Latitude must be a number, but got "north"');
	});

	it('surfaces the Evolution channel refusal', async () => {
		const result = await run('sendLocation', { instanceName: instanceParam('evo'), remoteJid: NUMBER, latitude: 1, longitude: 1 });
		expect(result.error?.message).toContain('Method not available on Evolution Channel');
		expect((result.error as unknown as { httpCode?: string }).httpCode).toBe('400');
	});
});

describe('Message → Send Contact (POST /message/sendContact)', () => {
	it('sends the cards, deriving the WhatsApp number from the phone number', async () => {
		const result = await run('sendContact', {
			remoteJid: NUMBER,
			contacts: {
				contact: [
					{ fullName: 'Maria Silva', phoneNumber: '+55 11 98888-7777', organization: 'ACME', email: 'maria@example.com', url: 'https://acme.example' },
					{ fullName: 'João', phoneNumber: '5511977776666', wuid: '+55 11 97777-6666' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendContact')).toEqual({
			number: NUMBER,
			contact: [
				{
					fullName: 'Maria Silva',
					phoneNumber: '+55 11 98888-7777',
					wuid: '5511988887777',
					organization: 'ACME',
					email: 'maria@example.com',
					url: 'https://acme.example',
				},
				{ fullName: 'João', phoneNumber: '5511977776666', wuid: '5511977776666' },
			],
		});
		expect(result.items[0].json.messageType).toBe('contactsArrayMessage');
	});

	it('refuses an empty list, a missing name and a short phone number', async () => {
		expectRefused(await run('sendContact', { remoteJid: NUMBER, contacts: {} }), 'Contacts is empty');
		expectRefused(
			await run('sendContact', { remoteJid: NUMBER, contacts: { contact: [{ fullName: ' ', phoneNumber: '5511988887777' }] } }),
			'Contacts → Contact 1 → Full Name is empty',
		);
		expectRefused(
			await run('sendContact', { remoteJid: NUMBER, contacts: { contact: [{ fullName: 'A', phoneNumber: '12345' }] } }),
			'Contacts → Contact 1 → Phone Number "12345" is not a full phone number',
		);
	});
});

describe('Message → Send Reaction (POST /message/sendReaction)', () => {
	it('reacts with the message key (chat as JID) and removes with an empty reaction', async () => {
		const result = await run('sendReaction', { remoteJid: NUMBER, messageId: '3EB0C767D26A1D2E5A8B', fromMe: true, reaction: '👍' });
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendReaction')).toEqual({
			key: { remoteJid: `${NUMBER}@s.whatsapp.net`, fromMe: true, id: '3EB0C767D26A1D2E5A8B' },
			reaction: '👍',
		});
		expect(result.items[0].json.messageType).toBe('reactionMessage');

		await run('sendReaction', { remoteJid: GROUP, messageId: 'ABC', reaction: '' });
		expect(expectSend(fake.lastRequest(), 'sendReaction')).toEqual({ key: { remoteJid: GROUP, fromMe: false, id: 'ABC' }, reaction: '' });

		await run('sendReaction', { remoteJid: NUMBER, messageId: 'ABC', reaction: '👍🏽' });
		expect(expectSend(fake.lastRequest(), 'sendReaction').reaction).toBe('👍🏽');
	});

	it('refuses text, two emojis and an empty message ID', async () => {
		expectRefused(await run('sendReaction', { remoteJid: NUMBER, messageId: 'A', reaction: 'ok' }), 'Reaction must be a single emoji or empty, not "ok"');
		expectRefused(await run('sendReaction', { remoteJid: NUMBER, messageId: 'A', reaction: '👍👍' }), /single emoji/);
		expectRefused(await run('sendReaction', { remoteJid: NUMBER, messageId: ' ', reaction: '👍' }), 'Message ID is empty');
	});
});

describe('Message → Send Poll (POST /message/sendPoll)', () => {
	it('sends the question, the answers as a list and the selectable count', async () => {
		const result = await run('sendPoll', {
			remoteJid: GROUP,
			pollName: 'Which day?',
			pollValues: { value: [{ text: 'Monday' }, { text: 'Tuesday' }, { text: 'Friday' }] },
			selectableCount: 2,
			options: { mentionsEveryOne: true },
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendPoll')).toEqual({
			number: GROUP,
			name: 'Which day?',
			selectableCount: 2,
			values: ['Monday', 'Tuesday', 'Friday'],
			mentionsEveryOne: true,
		});
		expect(result.items[0].json.messageType).toBe('pollCreationMessageV3');
		expectPaired(result.items, 0);
	});

	// 2.3.6 answers 400 ["[object Object]"] when it cannot read the group (its "Group not found" is lost).
	it('says the group was not found instead of "[object Object]"', async () => {
		const unknownGroup = '120363000000000099@g.us';
		const result = await run('sendPoll', { remoteJid: unknownGroup, pollName: 'Q', pollValues: { value: [{ text: 'A' }, { text: 'B' }] } });
		expect(fake.lastRequest()!.validationErrors).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(result.error?.message).toBe('The group was not found, so nothing was sent from instance "inst"');
		expect(result.error?.message).not.toContain('[object Object]');
	});

	it('refuses duplicates, too few answers, an empty answer and a count above the answers', async () => {
		const poll = (values: string[], selectableCount = 1) =>
			run('sendPoll', { remoteJid: NUMBER, pollName: 'Q', pollValues: { value: values.map((text) => ({ text })) }, selectableCount });
		expectRefused(await poll(['Yes', 'No', 'Yes']), 'Answers lists "Yes" twice');
		expectRefused(await poll(['Only one']), 'Answers must list 2 to 10 answers, but has 1');
		expectRefused(await poll([]), 'Answers must list 2 to 10 answers, but has 0');
		expectRefused(await poll(['A', ' ']), 'Answers → Answer 2 is empty');
		expectRefused(await poll(['A', 'B'], 3), 'Selectable Answers must be between 0 and 2, but got 3');
		expectRefused(await poll(Array.from({ length: 11 }, (_, index) => `Option ${index}`)), 'Answers must list 2 to 10 answers, but has 11');
	});
});

describe('Message → Send List (POST /message/sendList)', () => {
	const sections = {
		section: [
			{ title: 'Drinks', rows: { row: [{ title: 'Coffee', description: 'Espresso', rowId: 'coffee' }, { title: 'Tea', rowId: 'tea' }] } },
			{ title: 'Food', rows: { row: [{ title: 'Cake', rowId: 'cake' }] } },
		],
	};

	it('sends sections with rows; footerText is always present', async () => {
		const result = await run('sendList', {
			remoteJid: NUMBER,
			title: 'Menu',
			buttonText: 'See options',
			sections,
			options: { description: 'Pick one', delay: 100 },
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendList')).toEqual({
			number: NUMBER,
			title: 'Menu',
			description: 'Pick one',
			footerText: '',
			buttonText: 'See options',
			sections: [
				{ title: 'Drinks', rows: [{ title: 'Coffee', description: 'Espresso', rowId: 'coffee' }, { title: 'Tea', rowId: 'tea' }] },
				{ title: 'Food', rows: [{ title: 'Cake', rowId: 'cake' }] },
			],
			delay: 100,
		});
		expect(result.items[0].json.messageType).toBe('listMessage');
	});

	it('refuses no sections, a section without rows and duplicate row IDs', async () => {
		const list = (value: INodeParameters) => run('sendList', { remoteJid: NUMBER, title: 'T', buttonText: 'B', sections: value });
		expectRefused(await list({}), 'Sections is empty');
		expectRefused(await list({ section: [{ title: 'A', rows: {} }] }), 'Sections → Section 1 has no rows');
		expectRefused(
			await list({ section: [{ title: 'A', rows: { row: [{ title: 'x', rowId: '1' }] } }, { title: 'B', rows: { row: [{ title: 'y', rowId: '1' }] } }] }),
			'Row ID "1" is used twice',
		);
		expectRefused(await list({ section: [{ title: 'A', rows: { row: [{ title: 'x', rowId: '' }] } }] }), 'Sections → Section 1 → Row 1 → Row ID is empty');
	});
});

describe('Message → Send Buttons (POST /message/sendButtons)', () => {
	it('sends reply buttons', async () => {
		const result = await run('sendButtons', {
			remoteJid: NUMBER,
			title: 'Confirm your order',
			footer: 'ACME',
			buttons: { button: [{ type: 'reply', displayText: 'Yes', id: 'yes' }, { type: 'reply', displayText: 'No', id: 'no' }] },
			options: { description: 'Order #12', thumbnailUrl: 'https://example.com/t.jpg' },
		});
		expect(result.error).toBeUndefined();
		expect(expectSend(fake.lastRequest(), 'sendButtons')).toEqual({
			number: NUMBER,
			title: 'Confirm your order',
			footer: 'ACME',
			description: 'Order #12',
			thumbnailUrl: 'https://example.com/t.jpg',
			buttons: [
				{ type: 'reply', displayText: 'Yes', id: 'yes' },
				{ type: 'reply', displayText: 'No', id: 'no' },
			],
		});
		expect(result.items[0].json.messageType).toBe('buttonsMessage');
	});

	it('sends copy (with the unschemaed copyCode), URL and call buttons, and a PIX button alone', async () => {
		await run('sendButtons', {
			remoteJid: NUMBER,
			title: 'Links',
			buttons: {
				button: [
					{ type: 'copy', displayText: 'Copy coupon', copyCode: 'WELCOME10', id: 'ignored' },
					{ type: 'url', displayText: 'Open', url: 'https://example.com/o/1' },
					{ type: 'call', displayText: 'Call us', phoneNumber: '+55 11 99999-9999' },
				],
			},
		});
		expect(expectSend(fake.lastRequest(), 'sendButtons').buttons).toEqual([
			{ type: 'copy', displayText: 'Copy coupon', copyCode: 'WELCOME10' },
			{ type: 'url', displayText: 'Open', url: 'https://example.com/o/1' },
			{ type: 'call', displayText: 'Call us', phoneNumber: '+55 11 99999-9999' },
		]);

		await run('sendButtons', {
			remoteJid: NUMBER,
			title: 'Pay',
			buttons: { button: [{ type: 'pix', currency: 'brl', name: 'ACME Ltda', keyType: 'email', key: 'pay@acme.example' }] },
		});
		expect(expectSend(fake.lastRequest(), 'sendButtons').buttons).toEqual([
			{ type: 'pix', currency: 'BRL', name: 'ACME Ltda', keyType: 'email', key: 'pay@acme.example' },
		]);
	});

	it('refuses the combinations WhatsApp rejects and missing type fields', async () => {
		const send = (button: INodeParameters[]) => run('sendButtons', { remoteJid: NUMBER, title: 'T', buttons: { button } });
		expectRefused(await send([]), 'Buttons is empty');
		expectRefused(
			await send([{ type: 'reply', displayText: 'A', id: 'a' }, { type: 'url', displayText: 'B', url: 'https://x.example' }]),
			'Reply buttons cannot be mixed with other button types',
		);
		expectRefused(
			await send(['a', 'b', 'c', 'd'].map((id) => ({ type: 'reply', displayText: id, id }))),
			'A message can have at most 3 Reply buttons, not 4',
		);
		expectRefused(
			await send([
				{ type: 'pix', currency: 'BRL', name: 'A', keyType: 'cpf', key: '1' },
				{ type: 'copy', displayText: 'C', copyCode: 'x' },
			]),
			'A PIX button must be the only button',
		);
		expectRefused(await send([{ type: 'copy', displayText: 'Copy' }]), 'Buttons → Button 1 → Code to Copy is empty');
		expectRefused(
			await send([{ type: 'reply', displayText: 'Same', id: 'a' }, { type: 'reply', displayText: 'Same', id: 'b' }]),
			'Two buttons have the same Display Text "Same"',
		);
	});
});

describe('Message: error paths shared by the send operations', () => {
	it('sends one request per item; Continue On Fail keeps going after a refused item', async () => {
		const result = await run(
			'sendLocation',
			{ remoteJid: '={{ $json.to }}', latitude: '={{ $json.lat }}', longitude: 0 },
			{
				items: [{ json: { to: NUMBER, lat: 1 } }, { json: { to: NUMBER, lat: 200 } }, { json: { to: '5511888888888', lat: -1 } }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toBe('Latitude must be between -90 and 90, but got 200');
		expect(result.items[0].json.messageType).toBe('locationMessage');
		expect(result.items[2].json.messageType).toBe('locationMessage');
		expectPaired(result.items, 0, 1, 2);
		expect(fake.requests.map((req) => (req.body as IDataObject).latitude)).toEqual([1, -1]);
	});

	it('reports a 400 from the validator with its message, a 404 instance and a closed connection', async () => {
		fake.failNext('message.sendPoll', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [['instance.values contains duplicate item']] } },
		});
		const bad = await run('sendPoll', { remoteJid: NUMBER, pollName: 'Q', pollValues: { value: [{ text: 'a' }, { text: 'b' }] }, selectableCount: 1 });
		expect(bad.error?.message).toBe('The Evolution API server rejected the request: instance.values contains duplicate item');

		const ghost = await run('sendReaction', { instanceName: instanceParam('ghost'), remoteJid: NUMBER, messageId: 'A', reaction: '' });
		expect((ghost.error as unknown as { httpCode?: string }).httpCode).toBe('404');

		fake.connectionClosed(INSTANCE);
		try {
			const closed = await run('sendText', { remoteJid: NUMBER, text: 'hi' });
			expect(closed.error?.message).toContain('is not connected to WhatsApp');
		} finally {
			fake.setConnectionState(INSTANCE, 'open');
		}
	});

	it('never retries a send', async () => {
		fake.failNext('message.sendContact', { status: 502, body: '<html>Bad gateway</html>' });
		const result = await run('sendContact', { remoteJid: NUMBER, contacts: { contact: [{ fullName: 'A', phoneNumber: '5511988887777' }] } });
		expect(result.error?.message).toContain('502');
		expect(fake.requests).toHaveLength(1);
	});
});
