/**
 * Evolution API Trigger: deliveries through n8n-core's WebhookContext — JWT verification
 * (401 without an execution), event mapping, every filter, duplicate retries, media as
 * binary, payload samples of every delivered event, forged traffic, state in static data only.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { forgetDeliveries, IN_FLIGHT_WAIT_MS } from '../nodes/EvolutionApiTrigger/dedupe';
import type { TriggerState } from '../nodes/EvolutionApiTrigger/lifecycle';
import { DEDUPE_MAX_ENTRIES, DEDUPE_TTL_SECONDS } from '../nodes/EvolutionApiTrigger/receive';
import { signHs256 } from '../nodes/shared/jwt';
import type { FakeEvolution } from './fake';
import type { DeliveryResult, TriggerHarness } from './harness';
import {
	deliverSigned,
	envelope,
	eventFixtures,
	evolutionToken,
	INSTANCE_TOKEN,
	messageFixtures,
	messageRecord,
	nowSeconds,
	serialise,
	startFake,
	stateOf,
	triggerFor,
	type TriggerOptions,
} from './triggerHelpers';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.resetState());

async function activeTrigger(options: TriggerOptions = {}): Promise<TriggerHarness> {
	const trigger = triggerFor(fake, options);
	await trigger.activate();
	return trigger;
}

const media = (name: string) => readFileSync(join(__dirname, 'fixtures', 'media', name));

function items(result: DeliveryResult) {
	return result.workflowData?.[0] ?? [];
}

function expectNoExecution(result: DeliveryResult, status: number) {
	expect(result.workflowData).toBeUndefined();
	expect(result.noWebhookResponse).toBe(true);
	expect(result.responded).toBe(true);
	expect(result.status).toBe(status);
}

function expectOneItem(result: DeliveryResult) {
	expect(result.responded).toBe(false);
	expect(result.workflowData).toHaveLength(1);
	expect(items(result)).toHaveLength(1);
	return items(result)[0];
}

const upsert = (record: IDataObject = messageRecord(), overrides: IDataObject = {}) => envelope('messages.upsert', record, overrides);

describe('authentication', () => {
	it('accepts a delivery signed with the registered secret', async () => {
		const trigger = await activeTrigger();
		const item = expectOneItem(await deliverSigned(trigger, upsert()));
		expect(item.json.event).toBe('MESSAGES_UPSERT');
	});

	it('accepts a token that expired within the clock-skew leeway', async () => {
		const trigger = await activeTrigger();
		const token = evolutionToken(stateOf(trigger).secret!, nowSeconds() - 610);
		const result = await trigger.deliver({ headers: { authorization: `Bearer ${token}` }, body: upsert() });
		expectOneItem(result);
	});

	const forged: Array<[string, (secret: string) => Record<string, string>]> = [
		['no Authorization header', () => ({})],
		['an empty bearer', () => ({ authorization: 'Bearer ' })],
		['a Basic header', (secret) => ({ authorization: `Basic ${Buffer.from(`u:${secret}`).toString('base64')}` })],
		['a token signed with another secret', () => ({ authorization: `Bearer ${evolutionToken('another-secret-value')}` })],
		['an expired token', (secret) => ({ authorization: `Bearer ${evolutionToken(secret, nowSeconds() - 700)}` })],
		['a token issued in the future', (secret) => ({ authorization: `Bearer ${evolutionToken(secret, nowSeconds() + 120)}` })],
		['a token without exp', (secret) => ({ authorization: `Bearer ${signHs256({ iat: nowSeconds(), app: 'evolution', action: 'webhook' }, secret)}` })],
		['a token for another purpose', (secret) => ({ authorization: `Bearer ${evolutionToken(secret, nowSeconds(), { action: 'login' })}` })],
		[
			'an unsigned token (alg none)',
			() => {
				const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
				const now = nowSeconds();
				return { authorization: `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part({ iat: now, exp: now + 600, app: 'evolution', action: 'webhook' })}.` };
			},
		],
		['an HS512 token', (secret) => ({ authorization: `Bearer ${signHs256({ iat: nowSeconds(), exp: nowSeconds() + 600, app: 'evolution', action: 'webhook' }, secret, { alg: 'HS512', typ: 'JWT' })}` })],
		[
			'a token with a tampered payload',
			(secret) => {
				const [header, , signature] = evolutionToken(secret).split('.');
				const payload = Buffer.from(JSON.stringify({ iat: nowSeconds(), exp: nowSeconds() + 99999, app: 'evolution', action: 'webhook' })).toString('base64url');
				return { authorization: `Bearer ${header}.${payload}.${signature}` };
			},
		],
		['the secret itself as bearer', (secret) => ({ authorization: `Bearer ${secret}` })],
		['the secret as jwt_key header', (secret) => ({ jwt_key: secret })],
	];

	it.each(forged)('answers 401 without an execution for %s', async (_name, headers) => {
		const trigger = await activeTrigger();
		const result = await trigger.deliver({ headers: headers(stateOf(trigger).secret!), body: upsert() });
		expectNoExecution(result, 401);
		expect(result.responseBody).toEqual({ message: 'Unauthorized' });
		expect(result.responseHeaders['www-authenticate']).toBe('Bearer');
	});

	it('answers 401 before the trigger registered a secret', async () => {
		const trigger = triggerFor(fake);
		const result = await trigger.deliver({ headers: { authorization: `Bearer ${evolutionToken('x-secret-value')}` }, body: upsert() });
		expectNoExecution(result, 401);
	});

	it('answers 401 to a token of a previous registration', async () => {
		const trigger = await activeTrigger();
		const old = stateOf(trigger).secret!;
		await trigger.create();
		const result = await trigger.deliver({ headers: { authorization: `Bearer ${evolutionToken(old)}` }, body: upsert() });
		expectNoExecution(result, 401);
	});

	it('turns away 1,000 forged or replayed-after-expiry requests: 1,000 401s, no execution, no state written', async () => {
		const trigger = await activeTrigger();
		const secret = stateOf(trigger).secret!;
		const before = JSON.stringify(trigger.staticData);
		trigger.workflow.staticData.__dataChanged = false;

		const statuses: number[] = [];
		let executions = 0;
		for (let index = 0; index < 1000; index++) {
			let authorization: string | undefined;
			switch (index % 5) {
				case 0: // replayed long after expiry
					authorization = `Bearer ${evolutionToken(secret, nowSeconds() - 601 - 30 - index)}`;
					break;
				case 1: // guessed secret
					authorization = `Bearer ${evolutionToken(randomUUID())}`;
					break;
				case 2: // no header
					break;
				case 3: // garbage
					authorization = `Bearer ${randomUUID()}.${index}.x`;
					break;
				default: // valid signature bytes on another payload
					authorization = `Bearer ${evolutionToken(secret).split('.').slice(0, 2).join('.')}.${evolutionToken(randomUUID()).split('.')[2]}`;
			}
			const result = await trigger.deliver({
				headers: authorization ? { authorization } : {},
				body: upsert(messageRecord({ key: { id: `3EB0FORGED${index}` } })),
			});
			statuses.push(result.status ?? 0);
			if (result.workflowData) executions++;
		}
		expect(statuses.filter((status) => status === 401)).toHaveLength(1000);
		expect(executions).toBe(0);
		// Nothing for n8n to save: no database write per forged request.
		expect(trigger.workflow.staticData.__dataChanged).toBe(false);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
	});
});

describe('event mapping and output', () => {
	it('maps the dotted name to the subscription name and drops events not selected (200, no execution)', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_UPSERT'] });
		const result = await deliverSigned(trigger, envelope('connection.update', { instance: 'inst', state: 'open', statusReason: 200 }));
		expectNoExecution(result, 200);
		expect(result.responseBody).toEqual({ received: true, ignored: 'event not selected' });
	});

	it('answers 400 to a body that is not an Evolution event', async () => {
		const trigger = await activeTrigger();
		expectNoExecution(await deliverSigned(trigger, { hello: 'world' }), 400);
		expectNoExecution(await deliverSigned(trigger, '[1,2]'), 400);
	});

	it('outputs the envelope fields, message fields and data, without the envelope apikey', async () => {
		const trigger = await activeTrigger();
		const record = messageRecord({ key: { id: '3EB0ABC' }, message: { extendedTextMessage: { text: 'Hello' } }, messageType: 'extendedTextMessage' });
		const item = expectOneItem(await deliverSigned(trigger, upsert(record, { apikey: INSTANCE_TOKEN, date_time: '2025-10-21T12:00:00.000Z' })));
		expect(item.json).toEqual({
			event: 'MESSAGES_UPSERT',
			instance: 'inst',
			sender: '5511888888888@s.whatsapp.net',
			dateTime: '2025-10-21T12:00:00.000Z',
			serverUrl: 'https://evo.example.com',
			chatJid: '5511999999999@s.whatsapp.net',
			phoneNumber: '5511999999999',
			isGroup: false,
			pushName: 'John',
			fromMe: false,
			messageId: '3EB0ABC',
			messageType: 'extendedTextMessage',
			contentType: 'text',
			text: 'Hello',
			status: 'DELIVERY_ACK',
			timestamp: 1761048000,
			data: record,
		});
		expect(serialise(item)).not.toContain(INSTANCE_TOKEN);
		expect(item.binary).toBeUndefined();
	});

	it('works in test mode with the test URL registration', async () => {
		const trigger = await activeTrigger({ mode: 'manual' });
		expect(trigger.webhookUrl).toContain('/webhook-test/');
		expectOneItem(await deliverSigned(trigger, upsert()));
	});

	describe.each(eventFixtures())('payload sample %s', (_name, fixture) => {
		it('becomes one item with the right event and fields, and no apikey', async () => {
			const trigger = await activeTrigger({ events: ['*'] });
			const item = expectOneItem(await deliverSigned(trigger, fixture.envelope));
			expect(item.json.event).toBe(fixture.subscription);
			expect(item.json).toMatchObject(fixture.expect);
			expect(item.json.instance).toBe('inst');
			expect(item.json.data).toEqual(fixture.envelope.data);
			expect(item.json).not.toHaveProperty('apikey');
			expect(serialise(item.json)).not.toContain(INSTANCE_TOKEN);
		});
	});

	it('has a sample for every event 2.3.6 delivers', async () => {
		const trigger = triggerFor(fake, { events: ['*'] });
		await trigger.create();
		const subscribed = (fake.state.webhooks.get('inst')?.events as string[]).sort();
		expect(eventFixtures().map(([, fixture]) => fixture.subscription).sort()).toEqual(subscribed);
	});

	describe.each(messageFixtures())('message sample %s', (_name, fixture) => {
		it('gives the text and type whatever the message type', async () => {
			const trigger = await activeTrigger();
			const item = expectOneItem(await deliverSigned(trigger, upsert(fixture.data)));
			expect(item.json).toMatchObject(fixture.expect);
			expect(typeof item.json.text).toBe('string');
		});
	});
});

describe('filters', () => {
	const groupRecord = (overrides: IDataObject = {}) =>
		messageRecord({ key: { remoteJid: '120363025246125486@g.us', participant: '5511777777777@s.whatsapp.net' }, ...overrides });

	it('Ignore Messages Sent by Me drops own messages but keeps receipts and Send Message', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_UPSERT', 'SEND_MESSAGE', 'MESSAGES_UPDATE'], options: { ignoreFromMe: true } });
		const own = await deliverSigned(trigger, upsert(messageRecord({ key: { fromMe: true } })));
		expectNoExecution(own, 200);
		expect(own.responseBody).toEqual({ received: true, ignored: 'sent by me' });
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { fromMe: false } }))));
		expectOneItem(await deliverSigned(trigger, envelope('send.message', messageRecord({ key: { fromMe: true } }))));
		expectOneItem(await deliverSigned(trigger, envelope('messages.update', { keyId: '3EB0R', remoteJid: '5511999999999@s.whatsapp.net', fromMe: true, status: 'READ' })));
	});

	it('Ignore Groups drops group messages and group presence, but keeps group events that were selected', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_UPSERT', 'PRESENCE_UPDATE', 'GROUP_PARTICIPANTS_UPDATE'], options: { ignoreGroups: true } });
		expectNoExecution(await deliverSigned(trigger, upsert(groupRecord())), 200);
		expectNoExecution(await deliverSigned(trigger, envelope('presence.update', { id: '120363025246125486@g.us', presences: {} })), 200);
		expectOneItem(await deliverSigned(trigger, upsert()));
		expectOneItem(await deliverSigned(trigger, envelope('group-participants.update', { id: '120363025246125486@g.us', participants: [], action: 'add' })));
	});

	it('Ignore Status Updates drops status@broadcast', async () => {
		const trigger = await activeTrigger({ options: { ignoreStatus: true } });
		const status = messageRecord({ key: { remoteJid: 'status@broadcast', participant: '5511999999999@s.whatsapp.net' } });
		expectNoExecution(await deliverSigned(trigger, upsert(status)), 200);
		expectOneItem(await deliverSigned(trigger, upsert()));
	});

	it('delivers group and status messages when no filter is set', async () => {
		const trigger = await activeTrigger();
		const group = expectOneItem(await deliverSigned(trigger, upsert(groupRecord())));
		expect(group.json).toMatchObject({ isGroup: true, chatJid: '120363025246125486@g.us', participant: '5511777777777@s.whatsapp.net', phoneNumber: '5511777777777' });
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { remoteJid: 'status@broadcast' } }))));
	});

	it('Only From Chats accepts numbers in any notation, JIDs, Brazilian numbers with or without the 9, and LID chats by phone', async () => {
		const trigger = await activeTrigger({
			events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'],
			options: { onlyChats: '+55 (11) 99999-9999; 120363025246125486@g.us\n5521987654321, 5511666666666' },
		});
		expectOneItem(await deliverSigned(trigger, upsert()));
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { remoteJid: '5511999999999:12@s.whatsapp.net' } }))));
		expectOneItem(await deliverSigned(trigger, upsert(groupRecord())));
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { remoteJid: '552187654321@s.whatsapp.net' } }))));
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { remoteJid: '123456789012345@lid', remoteJidAlt: '5511666666666@s.whatsapp.net' } }))));
		const other = await deliverSigned(trigger, upsert(messageRecord({ key: { remoteJid: '5511000000000@s.whatsapp.net' } })));
		expectNoExecution(other, 200);
		expect(other.responseBody).toEqual({ received: true, ignored: 'chat not selected' });
		// Not about one chat: passes.
		expectOneItem(await deliverSigned(trigger, envelope('connection.update', { instance: 'inst', state: 'open', statusReason: 200 })));
	});

	it('Ignore Chats drops the listed chats', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_UPSERT', 'CALL'], options: { ignoreChats: '5511999999999' } });
		expectNoExecution(await deliverSigned(trigger, upsert()), 200);
		expectNoExecution(await deliverSigned(trigger, envelope('call', { chatId: '5511999999999@s.whatsapp.net', from: '5511999999999@s.whatsapp.net', id: 'C1', status: 'offer' })), 200);
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { remoteJid: '5511777777777@s.whatsapp.net' } }))));
	});

	it('Only Message Types keeps the chosen kinds of content', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_UPSERT', 'MESSAGES_UPDATE'], options: { messageTypes: ['image', 'audio'] } });
		expectNoExecution(await deliverSigned(trigger, upsert()), 200);
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ message: { imageMessage: { mimetype: 'image/jpeg' } }, messageType: 'imageMessage' }))));
		expectOneItem(
			await deliverSigned(
				trigger,
				upsert(messageRecord({ message: { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg' } } } }, messageType: 'viewOnceMessageV2' })),
			),
		);
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ message: { audioMessage: { ptt: true } }, messageType: 'audioMessage' }))));
		expectNoExecution(await deliverSigned(trigger, upsert(messageRecord({ message: { stickerMessage: {} }, messageType: 'stickerMessage' }))), 200);
		// Receipts carry no content: the type filter does not apply.
		expectOneItem(await deliverSigned(trigger, envelope('messages.update', { keyId: '3EB0R', remoteJid: '5511999999999@s.whatsapp.net', fromMe: true, status: 'READ' })));
	});

	it('filters the records of a Messages Set batch, and drops the batch when none is left', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_SET'], options: { ignoreFromMe: true, ignoreGroups: true } });
		const keep = messageRecord({ key: { id: 'KEEP' } });
		const batch = [keep, messageRecord({ key: { fromMe: true } }), groupRecord()];
		const item = expectOneItem(await deliverSigned(trigger, envelope('messages.set', batch)));
		expect(item.json.data).toEqual([keep]);
		expectNoExecution(await deliverSigned(trigger, envelope('messages.set', [groupRecord()])), 200);
	});
});

describe('duplicates', () => {
	it("drops Evolution's retry of the same message (same event and message id)", async () => {
		const trigger = await activeTrigger();
		const body = upsert(messageRecord({ key: { id: '3EB0RETRY' } }));
		expectOneItem(await deliverSigned(trigger, body));
		const retry = await deliverSigned(trigger, body);
		expectNoExecution(retry, 200);
		expect(retry.responseBody).toEqual({ received: true, ignored: 'duplicate' });
		// Another message, and the same id under another event, both pass.
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { id: '3EB0OTHER' } }))));
	});

	it('recognises a retry by its id even if the body differs', async () => {
		const trigger = await activeTrigger();
		expectOneItem(await deliverSigned(trigger, upsert(messageRecord({ key: { id: '3EB0SAME' }, status: 'SERVER_ACK' }))));
		expectNoExecution(await deliverSigned(trigger, upsert(messageRecord({ key: { id: '3EB0SAME' }, status: 'DELIVERY_ACK' }))), 200);
	});

	it('tells same-id events apart by event, and events without id by their body and server time', async () => {
		const trigger = await activeTrigger({ events: ['MESSAGES_UPSERT', 'SEND_MESSAGE', 'MESSAGES_UPDATE', 'CONNECTION_UPDATE'] });
		const record = messageRecord({ key: { id: '3EB0BOTH' } });
		expectOneItem(await deliverSigned(trigger, upsert(record)));
		expectOneItem(await deliverSigned(trigger, envelope('send.message', record)));

		const delivered = { keyId: '3EB0BOTH', remoteJid: '5511999999999@s.whatsapp.net', fromMe: true, status: 'DELIVERY_ACK' };
		const read = { ...delivered, status: 'READ' };
		const first = envelope('messages.update', delivered, { date_time: '2025-10-21T12:00:00.001Z' });
		expectOneItem(await deliverSigned(trigger, first));
		expectNoExecution(await deliverSigned(trigger, first), 200);
		expectOneItem(await deliverSigned(trigger, envelope('messages.update', read, { date_time: '2025-10-21T12:00:00.002Z' })));

		const connecting = { instance: 'inst', state: 'connecting', statusReason: 200 };
		expectOneItem(await deliverSigned(trigger, envelope('connection.update', connecting, { date_time: '2025-10-21T12:00:05.000Z' })));
		expectOneItem(await deliverSigned(trigger, envelope('connection.update', connecting, { date_time: '2025-10-21T12:00:10.000Z' })));
	});

	it(`keeps the window in static data, bounded to ${DEDUPE_MAX_ENTRIES} entries and ${DEDUPE_TTL_SECONDS / 60} minutes`, async () => {
		const trigger = await activeTrigger();
		const state = stateOf(trigger);
		const now = nowSeconds();
		state.dedupe = Array.from({ length: DEDUPE_MAX_ENTRIES }, (_unused, index): [string, number] => [`k${index}`, now - 60]);
		expectOneItem(await deliverSigned(trigger, upsert()));
		expect(state.dedupe).toHaveLength(DEDUPE_MAX_ENTRIES);
		expect(state.dedupe[0][0]).toBe('k1');

		// Entries older than the TTL are forgotten: the same message is accepted again.
		const body = upsert(messageRecord({ key: { id: '3EB0OLD' } }));
		expectOneItem(await deliverSigned(trigger, body));
		state.dedupe = state.dedupe.map(([key]) => [key, now - DEDUPE_TTL_SECONDS - 1] as [string, number]);
		// Only static data here: the process memory (dedupe.ts) would still know the message.
		forgetDeliveries();
		expectOneItem(await deliverSigned(trigger, body));
		expect(state.dedupe).toHaveLength(1);
	});

	it('writes state only for deliveries that start an execution', async () => {
		const trigger = await activeTrigger({ options: { ignoreFromMe: true } });
		trigger.workflow.staticData.__dataChanged = false;
		await deliverSigned(trigger, upsert(messageRecord({ key: { fromMe: true } })));
		expect(trigger.workflow.staticData.__dataChanged).toBe(false);
		await deliverSigned(trigger, upsert());
		expect(trigger.workflow.staticData.__dataChanged).toBe(true);
	});

	it('works across webhook processors sharing nothing but the saved static data (queue mode)', async () => {
		const nodeId = randomUUID();
		const webhookId = randomUUID();
		// The database column: what n8n saves after activation and after each webhook call.
		let saved = '';
		const main = triggerFor(fake, { nodeId, webhookId, staticData: {} });
		await main.activate();
		saved = JSON.stringify(main.staticData);

		/** A webhook process: loads the workflow (and its static data) from the database per request. */
		const processRequest = async (body: unknown) => {
			// A separate process: none of the other's memory (dedupe.ts), only the database.
			forgetDeliveries();
			const processor = triggerFor(fake, { nodeId, webhookId, staticData: JSON.parse(saved) as IDataObject });
			const result = await deliverSigned(processor, body);
			// LiveWebhooks → WorkflowStaticDataService.saveStaticData: only when __dataChanged.
			if (processor.workflow.staticData.__dataChanged === true) saved = JSON.stringify(processor.staticData);
			return result;
		};

		const body = upsert(messageRecord({ key: { id: '3EB0QUEUE' } }));
		expectOneItem(await processRequest(body));
		expectNoExecution(await processRequest(body), 200);
		expect((JSON.parse(saved) as IDataObject)[`node:${main.node.name}`]).toMatchObject({ dedupe: [[expect.any(String), expect.any(Number)]] });
	});
});

describe('duplicates on production webhooks (process memory)', () => {
	/**
	 * What n8n 2.35 to 2.41.1 does on the production URL: every request starts from the static
	 * data saved at activation, because the window written during the call is never saved.
	 */
	async function productionWebhook(options: IDataObject = {}) {
		const nodeId = randomUUID();
		const webhookId = randomUUID();
		const main = triggerFor(fake, { nodeId, webhookId, staticData: {}, options });
		await main.activate();
		const saved = JSON.stringify(main.staticData);
		return (body: unknown, extra: Parameters<typeof deliverSigned>[2] = {}) =>
			deliverSigned(triggerFor(fake, { nodeId, webhookId, options, staticData: JSON.parse(saved) as IDataObject }), body, extra);
	}

	it('drops a retry of an accepted delivery although static data is not saved', async () => {
		const deliver = await productionWebhook();
		const body = upsert(messageRecord({ key: { id: '3EB0PROD' } }));
		expectOneItem(await deliver(body));
		const retry = await deliver(body);
		expectNoExecution(retry, 200);
		expect(retry.responseBody).toEqual({ received: true, ignored: 'duplicate' });
		expectOneItem(await deliver(upsert(messageRecord({ key: { id: '3EB0PROD2' } }))));
	});

	it('waits for the answer to an identical delivery in flight (a twin sent in the same millisecond), then drops it', async () => {
		const deliver = await productionWebhook();
		const body = upsert(messageRecord({ key: { id: '3EB0TWIN' } }));
		const first = await deliver(body, { n8nAnswer: null });
		expectOneItem(first);
		// n8n answers the first one while the twin is already waiting in webhook()
		setTimeout(() => first.request.answer(200), 300);
		const answered = await deliver(body);
		expectNoExecution(answered, 200);
		expect(answered.responseBody).toEqual({ received: true, ignored: 'duplicate' });
	});

	it(`answers 409 to a retry while n8n still handles the first delivery after ${IN_FLIGHT_WAIT_MS / 1000} s (Evolution timed out), then drops it once n8n accepted`, async () => {
		const deliver = await productionWebhook();
		const body = upsert(messageRecord({ key: { id: '3EB0SLOW' } }));
		const first = await deliver(body, { n8nAnswer: null });
		expectOneItem(first);
		// Evolution gives up on the first attempt and closes the connection; n8n is still busy.
		first.request.abort();
		const early = await deliver(body);
		expectNoExecution(early, 409);
		// n8n writes its answer on the closed connection (no 'finish' event): the execution runs.
		first.request.answer(200);
		const late = await deliver(body);
		expectNoExecution(late, 200);
		expect(late.responseBody).toEqual({ received: true, ignored: 'duplicate' });
	});

	it('lets the retry run when n8n could not start the first execution (an error answer)', async () => {
		const deliver = await productionWebhook();
		const body = upsert(messageRecord({ key: { id: '3EB0FAIL' } }));
		expectOneItem(await deliver(body, { n8nAnswer: 500 }));
		expectOneItem(await deliver(body));
		expectNoExecution(await deliver(body), 200);
	});

	it('lets the retry run when n8n failed the first delivery after Evolution had gone', async () => {
		const deliver = await productionWebhook();
		const body = upsert(messageRecord({ key: { id: '3EB0GONE' } }));
		const first = await deliver(body, { n8nAnswer: null });
		first.request.abort();
		first.request.answer(503);
		expectOneItem(await deliver(body));
	});

	it('keeps each trigger apart: the same event starts each workflow once', async () => {
		// The second takes the instance's webhook over; both still get deliveries signed for them.
		const [one, two] = [await productionWebhook(), await productionWebhook({ replaceExisting: true })];
		const body = upsert(messageRecord({ key: { id: '3EB0BOTHWF' } }));
		expectOneItem(await one(body));
		expectOneItem(await two(body));
		expectNoExecution(await one(body), 200);
		expectNoExecution(await two(body), 200);
	});

	it('does not mark deliveries that start nothing (refused, ignored or filtered)', async () => {
		const deliver = await productionWebhook();
		const body = upsert(messageRecord({ key: { id: '3EB0UNSIGNED' } }));
		expectNoExecution(await deliver(body, { headers: { authorization: 'Bearer x.y.z' } }), 401);
		expectOneItem(await deliver(body));
	});
});

describe('media as binary', () => {
	const withMedia = (message: IDataObject, messageType: string, file: Buffer) =>
		messageRecord({ key: { id: '3EB0MEDIA' }, message: { ...message, base64: file.toString('base64') }, messageType });

	it('turns an image into binary data with its MIME type and a file name, and removes the base64', async () => {
		const trigger = await activeTrigger({ options: { downloadMedia: true } });
		const png = media('image.png');
		const record = withMedia({ imageMessage: { mimetype: 'image/png', caption: 'Look' } }, 'imageMessage', png);
		const item = expectOneItem(await deliverSigned(trigger, upsert(record)));

		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'image-3EB0MEDIA.png', fileExtension: 'png' });
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(png)).toBe(true);
		expect((item.json.data as IDataObject).message).toEqual({ imageMessage: { mimetype: 'image/png', caption: 'Look' } });
		expect(item.json.text).toBe('Look');
		expect(serialise(item.json)).not.toContain(png.toString('base64').slice(0, 40));
	});

	it.each([
		['a voice note', { audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true } }, 'audioMessage', 'voice.ogg', 'audio/ogg', 'audio-3EB0MEDIA.ogg'],
		['a video', { videoMessage: { mimetype: 'video/mp4' } }, 'videoMessage', 'clip.mp4', 'video/mp4', 'video-3EB0MEDIA.mp4'],
		['a document', { documentMessage: { mimetype: 'application/pdf', fileName: 'invoice.pdf' } }, 'documentMessage', 'document.pdf', 'application/pdf', 'invoice.pdf'],
		[
			'a document with caption',
			{ documentWithCaptionMessage: { message: { documentMessage: { mimetype: 'application/pdf', fileName: 'report', caption: 'Q3' } } } },
			'documentWithCaptionMessage',
			'document.pdf',
			'application/pdf',
			'report.pdf',
		],
		['media without MIME type', { imageMessage: {} }, 'imageMessage', 'image.png', 'image/png', 'image-3EB0MEDIA.png'],
	])('turns %s into binary data', async (_what, message, messageType, file, mimeType, fileName) => {
		const trigger = await activeTrigger({ options: { downloadMedia: true, outputBinaryField: 'media' } });
		const bytes = media(file);
		const item = expectOneItem(await deliverSigned(trigger, upsert(withMedia(message, messageType, bytes))));
		expect(item.binary?.media).toMatchObject({ mimeType, fileName });
		expect(Buffer.from(item.binary!.media.data, 'base64').equals(bytes)).toBe(true);
		expect(((item.json.data as IDataObject).message as IDataObject).base64).toBeUndefined();
	});

	it('turns Send Message media and the QR code into binary data', async () => {
		const trigger = await activeTrigger({ events: ['SEND_MESSAGE', 'QRCODE_UPDATED'], options: { downloadMedia: true } });
		const sent = expectOneItem(
			await deliverSigned(trigger, envelope('send.message', withMedia({ imageMessage: { mimetype: 'image/png' } }, 'imageMessage', media('image.png')))),
		);
		expect(sent.binary?.data.mimeType).toBe('image/png');

		const qr = `data:image/png;base64,${media('image.png').toString('base64')}`;
		const item = expectOneItem(await deliverSigned(trigger, envelope('qrcode.updated', { qrcode: { instance: 'inst', code: '2@abc', pairingCode: 'WZYEH1YY', base64: qr } })));
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'qrcode.png' });
		expect(item.json.data).toEqual({ qrcode: { instance: 'inst', code: '2@abc', pairingCode: 'WZYEH1YY' } });
	});

	it('reports corrupt base64 in the item instead of failing the delivery', async () => {
		const trigger = await activeTrigger({ options: { downloadMedia: true } });
		const record = messageRecord({ message: { imageMessage: { mimetype: 'image/png' }, base64: '%%% not base64 %%%' }, messageType: 'imageMessage' });
		const item = expectOneItem(await deliverSigned(trigger, upsert(record)));
		expect(item.binary).toBeUndefined();
		expect(item.json.mediaError).toContain('not valid base64');
	});

	it('leaves base64 in the JSON when Include Media as Binary is off', async () => {
		const trigger = await activeTrigger();
		const record = withMedia({ imageMessage: { mimetype: 'image/png' } }, 'imageMessage', media('image.png'));
		const item = expectOneItem(await deliverSigned(trigger, upsert(record)));
		expect(item.binary).toBeUndefined();
		expect(((item.json.data as IDataObject).message as IDataObject).base64).toBe(media('image.png').toString('base64'));
	});
});

describe('secrets', () => {
	it('never appear in items or answers', async () => {
		const trigger = await activeTrigger({ events: ['*'], options: { downloadMedia: true } });
		const secret = (stateOf(trigger) as TriggerState).secret!;
		const outputs: unknown[] = [];
		for (const [, fixture] of eventFixtures()) outputs.push(await deliverSigned(trigger, fixture.envelope));
		outputs.push(await trigger.deliver({ headers: { authorization: `Bearer ${evolutionToken('x-wrong-secret')}` }, body: upsert() }));
		const text = serialise(outputs);
		expect(text).not.toContain(secret);
		expect(text).not.toContain(INSTANCE_TOKEN);
	});
});
