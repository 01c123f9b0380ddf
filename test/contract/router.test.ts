/**
 * The router's promises, checked through Message → Send Text: every input item is processed,
 * every output item has pairedItem, Continue On Fail turns failures into error items.
 */
import type { FakeEvolution } from '../fake';
import { INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

const sendText = { resource: 'message', operation: 'sendText' };

describe('router and Send Text', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
		// A send to a group needs a group the instance belongs to (the server reads its metadata).
		fake.state.groupsOf(INSTANCE).set('120363025246125486@g.us', { id: '120363025246125486@g.us', subject: 'Team' });
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	it('sends one message per input item, each paired with its item', async () => {
		const result = await runAction(fake, {
			parameters: { ...sendText, remoteJid: '={{ $json.phone }}', text: '=Hello {{ $json.name }}' },
			items: [
				{ json: { phone: '+55 (11) 9 8888-7777', name: 'Ana' } },
				{ json: { phone: '5511977776666@s.whatsapp.net', name: 'Bia' } },
				{ json: { phone: '120363025246125486@g.us', name: 'Group' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((request) => request.body)).toEqual([
			{ number: '5511988887777', text: 'Hello Ana' },
			{ number: '5511977776666@s.whatsapp.net', text: 'Hello Bia' },
			{ number: '120363025246125486@g.us', text: 'Hello Group' },
		]);
		fake.assertAllValid();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ key: { fromMe: true } });
	});

	it('reads the credential once per run, for every item, and authenticates with it', async () => {
		const items = [{ json: { text: 'a' } }, { json: { text: 'b' } }, { json: { text: 'c' } }];
		const result = await runAction(fake, {
			parameters: { ...sendText, instanceName: instanceParam(''), remoteJid: '5511988887777', text: '={{ $json.text }}' },
			items,
			credentials: { defaultInstance: INSTANCE },
		});
		expect(result.error).toBeUndefined();
		// The fake answers 401 without the credential's apikey header, so three answers prove it was sent.
		expect(fake.requests.map((request) => request.status)).toEqual([201, 201, 201]);
		expect(fake.requests.map((request) => request.path)).toEqual(Array(3).fill(`/message/sendText/${INSTANCE}`));
		// n8n reads (queries and decrypts) a credential on every read: the node reads it once per
		// run (default instance included) and hands it to httpRequestWithAuthentication.
		expect(result.credentialReads).toEqual({ evolutionServerApi: 1 });
	});

	it('sends the options the way the server reads them', async () => {
		await runAction(fake, {
			parameters: {
				...sendText,
				remoteJid: '120363025246125486@g.us',
				text: 'Hi all',
				options: {
					delay: 1200,
					linkPreview: false,
					mentionsEveryOne: true,
					mentioned: '+55 11 98888-7777, 5511977776666, 5511988887777',
					quoted: { message: { id: '3EB0ABC', remoteJid: '5511988887777', fromMe: false, text: 'earlier' } },
				},
			},
		});
		const request = fake.lastRequest()!;
		expect(request.validationErrors).toEqual([]);
		expect(request.body).toEqual({
			number: '120363025246125486@g.us',
			text: 'Hi all',
			delay: 1200,
			linkPreview: false,
			// The schema names it everyOne; the server's send code reads mentionsEveryOne.
			mentionsEveryOne: true,
			mentioned: ['5511988887777', '5511977776666'],
			quoted: { key: { id: '3EB0ABC', remoteJid: '5511988887777@s.whatsapp.net', fromMe: false }, message: { conversation: 'earlier' } },
		});
	});

	it('with Continue On Fail, yields an error item for the failing item and still sends the others', async () => {
		const result = await runAction(fake, {
			continueOnFail: true,
			parameters: { ...sendText, remoteJid: '={{ $json.phone }}', text: 'x', instanceName: instanceParam('={{ $json.instance }}') },
			items: [
				{ json: { phone: '5511988887777', instance: INSTANCE } },
				{ json: { phone: 'not a number', instance: INSTANCE } },
				{ json: { phone: '5511988887777', instance: 'missing' } },
				{ json: { phone: '5511977776666', instance: INSTANCE } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[1].json.error).toMatch(/Recipient "not a number" is not a valid phone number/);
		expect(result.items[2].json).toMatchObject({ error: 'The instance "missing" does not exist on this server', httpCode: '404' });
		expect(result.items[3].json).toMatchObject({ key: { fromMe: true } });
		// The invalid number never reached the server; the unknown instance did (404).
		expect(fake.requests.map((request) => request.instance)).toEqual([INSTANCE, 'missing', INSTANCE]);
	});

	it('without Continue On Fail, stops at the failing item and names it', async () => {
		const result = await runAction(fake, {
			parameters: { ...sendText, remoteJid: '={{ $json.phone }}', text: 'x' },
			items: [{ json: { phone: '5511988887777' } }, { json: { phone: 'abc' } }],
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 1 } });
		expect(fake.requests).toHaveLength(1);
	});

	it.each([
		['a 70,000-character text', { text: 'x'.repeat(70000) }, /Text is too long \(70000 characters; the limit is 65536\)/],
		['an empty text', { text: '   ' }, /Text is empty/],
		['an object as text', { text: '={{ { a: 1 } }}' }, /Text must be text, but the expression gave an object/],
		['letters as number', { remoteJid: 'call me' }, /not a valid phone number/],
		['a too-short number', { remoteJid: '12345' }, /has 5 digits/],
		['a string delay', { options: { delay: '=abc' } }, /Delay \(Ms\) must be a whole number/],
		['a negative delay', { options: { delay: -5 } }, /Delay \(Ms\) must be between 0/],
		['a group in the mentions', { options: { mentioned: '120363025246125486@g.us' } }, /Mentioned Numbers is a group ID/],
	])('refuses %s before sending', async (_label, override, message) => {
		const result = await runAction(fake, {
			parameters: { ...sendText, remoteJid: '5511988887777', text: 'hello', ...override },
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 0 } });
		expect(result.error?.message).toMatch(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('accepts numbers given as strings by expressions', async () => {
		const result = await runAction(fake, {
			parameters: { ...sendText, remoteJid: '={{ 5511988887777 }}', text: '={{ 42 }}', options: { delay: '={{ "1500" }}' } },
		});
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.body).toEqual({ number: '5511988887777', text: '42', delay: 1500 });
	});

	it('reports "Connection Closed" as a disconnected instance', async () => {
		fake.connectionClosed(INSTANCE);
		const result = await runAction(fake, { parameters: { ...sendText, remoteJid: '5511988887777', text: 'x' } });
		expect(result.error?.message).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
		fake.setConnectionState(INSTANCE, 'open');
	});
});
