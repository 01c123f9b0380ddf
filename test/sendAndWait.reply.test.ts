/**
 * Chat replies to Send and Wait for Response, end to end in-process: the action node sends a
 * request through the contract fake and waits; the fake simulates the recipient's reply; the
 * Evolution API Trigger receives it (signed delivery) and posts the answer to the request's
 * signed resume link, served here the way n8n's WaitingWebhooks does (signature check, then
 * the node's webhook(), then the execution runs on; a finished one answers "no action").
 */
import { createServer, type Server } from 'node:http';

import { Container } from '@n8n/di';
import { InstanceSettings, validateUrlSignature } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ExecuteNodeResult } from './harness';
import type { FakeEvolution } from './fake';
import { runAction, INSTANCE } from './helpers/evolution';
import { deliverSigned, envelope, startFake, triggerFor, until } from './triggerHelpers';
import { findResumeLinks } from '../nodes/shared/sendAndWait';
import { SOCKET_TIMINGS } from '../nodes/shared/socket/client';

let fake: FakeEvolution;
let n8n: Server;
let root: string;
/** The executions "n8n" holds, by id; `resumed` once an answer resumed it. */
const executions = new Map<string, { waiting: ExecuteNodeResult; resumed?: ExecuteNodeResult }>();
const resumeCalls: Array<{ url: string; status: number }> = [];

beforeAll(async () => {
	fake = await startFake();
	n8n = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', root);
				const [, base, executionId] = url.pathname.split('/');
				const execution = executions.get(executionId);
				const signature = url.searchParams.get('signature') ?? '';
				const valid = validateUrlSignature(signature, url, Container.get(InstanceSettings).hmacSignatureSecret);
				let status = 200;
				if (base !== 'webhook-waiting' || !execution) status = 404;
				else if (!valid) status = 401;
				if (status !== 200 || execution?.resumed) {
					res.writeHead(status, { 'content-type': 'text/html' }).end('<html>No action required</html>');
				} else {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as IDataObject;
					const { delivery, resumed } = await execution!.waiting.waiting!.callWebhook({
						method: req.method as 'POST',
						query: Object.fromEntries(url.searchParams.entries()),
						body,
					});
					execution!.resumed = resumed;
					status = delivery.status ?? 200;
					const answer = delivery.responseBody ?? delivery.webhookResponse;
					res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
				}
				resumeCalls.push({ url: url.toString(), status });
			})();
		});
	});
	await new Promise<void>((resolve) => n8n.listen(0, '127.0.0.1', resolve));
	root = `http://127.0.0.1:${(n8n.address() as { port: number }).port}/`;
});
afterAll(async () => {
	await fake.close();
	await new Promise<void>((resolve) => n8n.close(() => resolve()));
});
beforeEach(() => {
	fake.reset();
	executions.clear();
	resumeCalls.length = 0;
});

const PHONE = '5511999999999';

async function ask(extra: INodeParameters = {}, remoteJid = PHONE): Promise<{ result: ExecuteNodeResult; requestId: string }> {
	const result = await runAction(fake, {
		webhookRoot: root,
		parameters: { resource: 'message', operation: 'sendAndWait', remoteJid, message: 'Ship order 42?', ...extra },
	});
	expect(result.run.status).toBe('waiting');
	executions.set(result.executionId, { waiting: result });
	const sent = fake.requests.find((request) => request.path === `/message/sendText/${INSTANCE}`);
	const requestId = String(((sent?.responseBody as IDataObject).key as IDataObject).id);
	return { result, requestId };
}

async function activeTrigger(options: IDataObject = {}) {
	const trigger = triggerFor(fake, { webhookBaseUrl: root, options: { replaceExisting: true, ...options } });
	await trigger.activate();
	return trigger;
}

async function reply(trigger: Awaited<ReturnType<typeof activeTrigger>>, input: Parameters<FakeEvolution['simulateIncoming']>[1]) {
	const record = await fake.simulateIncoming(INSTANCE, input);
	return { record, delivery: await deliverSigned(trigger, envelope('messages.upsert', record)) };
}

const double = { approvalOptions: { values: { approvalType: 'double', approveLabel: 'Ship it', disapproveLabel: 'Hold' } } };

describe('chat replies resume the waiting execution', () => {
	it.each([
		['yes', true],
		['Sim', true],
		['SÍ', true],
		['aprovado!', true],
		['1', true],
		['ship it', true],
		['👍', true],
		['No', false],
		['não', false],
		['Rechazar', false],
		['2', false],
		['HOLD', false],
	])('a reply quoting the request: "%s" → approved %s', async (text, approved) => {
		const trigger = await activeTrigger();
		const { result, requestId } = await ask(double);
		const { record, delivery } = await reply(trigger, { from: PHONE, pushName: 'Ana', text, quotedId: requestId });
		expect(delivery.workflowData).toBeUndefined();
		expect(delivery.responseBody).toEqual({ received: true, ignored: 'resumed a waiting execution' });
		const resumed = executions.get(result.executionId)?.resumed;
		expect(resumed?.run.status).toBe('success');
		expect(resumed?.items[0].json.data).toEqual({
			approved,
			text,
			via: 'chat',
			messageId: (record.key as IDataObject).id,
			chatJid: `${PHONE}@s.whatsapp.net`,
			answeredBy: { jid: `${PHONE}@s.whatsapp.net`, phoneNumber: PHONE, name: 'Ana' },
			respondedAt: expect.any(String),
		});
	});

	it('with Resume From Unquoted Replies, a reply that does not quote the request answers the last request in the chat (stored messages)', async () => {
		const trigger = await activeTrigger({ resumeUnquoted: true });
		// A chat of its own: the fake keeps the other tests' requests (same second, same order).
		const phone = '5511977776666';
		const { result } = await ask(double, phone);
		const { delivery } = await reply(trigger, { from: phone, text: 'yes' });
		expect(delivery.workflowData).toBeUndefined();
		expect(executions.get(result.executionId)?.resumed?.items[0].json.data).toMatchObject({ approved: true, via: 'chat' });
		expect(fake.requests.some((request) => request.path === `/chat/findMessages/${INSTANCE}`)).toBe(true);
	});

	it('free text: the reply\'s text', async () => {
		const trigger = await activeTrigger();
		const { result, requestId } = await ask({ responseType: 'freeText' });
		await reply(trigger, { from: PHONE, text: 'Ship on Monday, please', quotedId: requestId });
		expect(executions.get(result.executionId)?.resumed?.items[0].json.data).toMatchObject({ text: 'Ship on Monday, please', via: 'chat' });
	});

	it('in a group the first answer counts, and says who answered; later answers are ordinary messages', async () => {
		const group = '120363000000000001@g.us';
		// A send to a group needs a group the instance belongs to (the server reads its metadata).
		fake.state.groupsOf(INSTANCE).set(group, { id: group, subject: 'Orders' });
		const trigger = await activeTrigger();
		const { result, requestId } = await ask(double, group);
		const first = await reply(trigger, { from: '5511911111111', pushName: 'Bia', group, text: 'no', quotedId: requestId });
		expect(first.delivery.workflowData).toBeUndefined();
		const second = await reply(trigger, { from: '5511922222222', pushName: 'Caio', group, text: 'yes', quotedId: requestId });
		expect(second.delivery.workflowData?.[0]).toHaveLength(1);
		const data = executions.get(result.executionId)?.resumed?.items[0].json.data as IDataObject;
		expect(data).toMatchObject({ approved: false, via: 'chat', chatJid: group });
		expect(data.answeredBy).toMatchObject({ phoneNumber: '5511911111111', name: 'Bia' });
	});
});

describe('Evolution retries of a reply', () => {
	it('a retried delivery of a reply that resumed an execution is dropped, not output as a message', async () => {
		const trigger = await activeTrigger();
		const phone = '5511966665555';
		const { result, requestId } = await ask(double, phone);
		const record = await fake.simulateIncoming(INSTANCE, { from: phone, text: 'yes', quotedId: requestId });
		const first = await deliverSigned(trigger, envelope('messages.upsert', record));
		expect(first.responseBody).toEqual({ received: true, ignored: 'resumed a waiting execution' });
		expect(executions.get(result.executionId)?.resumed?.items[0].json.data).toMatchObject({ approved: true, via: 'chat' });
		const retry = await deliverSigned(trigger, envelope('messages.upsert', record));
		expect(retry.workflowData).toBeUndefined();
		expect(retry.responseBody).toEqual({ received: true, ignored: 'duplicate' });
	});
});

describe('replies that resume nothing go on as ordinary messages', () => {
	it('an unclear answer, a reply quoting another message, a custom form request', async () => {
		const trigger = await activeTrigger();
		const { result, requestId } = await ask(double);
		expect((await reply(trigger, { from: PHONE, text: 'maybe later', quotedId: requestId })).delivery.workflowData).toBeDefined();
		const other = await fake.simulateIncoming(INSTANCE, { from: PHONE, text: 'an older message' });
		expect((await reply(trigger, { from: PHONE, text: 'yes', quotedId: String((other.key as IDataObject).id) })).delivery.workflowData).toBeDefined();
		expect(executions.get(result.executionId)?.resumed).toBeUndefined();

		const form = await ask({ responseType: 'customForm', formFields: { values: [{ fieldLabel: 'Name' }] } });
		expect((await reply(trigger, { from: PHONE, text: 'Ana', quotedId: form.requestId })).delivery.workflowData).toBeDefined();
		expect(executions.get(form.result.executionId)?.resumed).toBeUndefined();
	});

	it('a reply to a request that no longer waits changes nothing and is output as a message', async () => {
		const trigger = await activeTrigger();
		const { result, requestId } = await ask(double);
		await reply(trigger, { from: PHONE, text: 'yes', quotedId: requestId });
		const resumed = executions.get(result.executionId)?.resumed;
		const late = await reply(trigger, { from: PHONE, text: 'no', quotedId: requestId });
		expect(late.delivery.workflowData?.[0][0].json).toMatchObject({ text: 'no' });
		expect(executions.get(result.executionId)?.resumed).toBe(resumed);
		expect(resumed?.items[0].json.data).toMatchObject({ approved: true });
	});

	it('by default an unquoted reply resumes nothing and costs no lookup of stored messages', async () => {
		const trigger = await activeTrigger();
		const phone = '5511944443333';
		const { result } = await ask(double, phone);
		const lookups = () => fake.requests.filter((request) => request.path === `/chat/findMessages/${INSTANCE}`).length;
		const before = lookups();
		const { delivery } = await reply(trigger, { from: phone, text: 'yes' });
		expect(delivery.workflowData?.[0]).toHaveLength(1);
		expect(executions.get(result.executionId)?.resumed).toBeUndefined();
		expect(lookups()).toBe(before);
	});

	it('links to another n8n are never followed', async () => {
		const trigger = await activeTrigger({ resumeUnquoted: false });
		const { requestId } = await ask(double);
		const record = await fake.simulateIncoming(INSTANCE, { from: PHONE, text: 'yes', quotedId: requestId });
		// The same reply, but quoting a request whose links point to another server.
		const elsewhere = JSON.parse(JSON.stringify(record).split(root).join('http://evil.example/')) as IDataObject;
		expect(JSON.stringify(elsewhere)).toContain('http://evil.example/webhook-waiting/');
		// A quote of a message this instance never sent (not in the stored messages).
		(elsewhere.contextInfo as IDataObject).stanzaId = 'NOT-STORED';
		const delivery = await deliverSigned(trigger, envelope('messages.upsert', elsewhere));
		expect(delivery.workflowData).toBeDefined();
		expect(resumeCalls).toEqual([]);
	});

	it('only n8n\'s waiting-webhook URLs are followed, not other URLs of this n8n in a forged quote', async () => {
		const trigger = await activeTrigger({ resumeUnquoted: false });
		const forged = `Approve?\n\n*Approve*\n${root}webhook/abc/webhook?approved=true&response=approval&signature=${'a'.repeat(64)}`;
		const record = await fake.simulateIncoming(INSTANCE, { from: PHONE, text: 'yes' });
		const quoting = { ...record, contextInfo: { stanzaId: 'NOT-OURS', participant: `${PHONE}@s.whatsapp.net`, quotedMessage: { conversation: forged } } };
		const delivery = await deliverSigned(trigger, envelope('messages.upsert', quoting));
		expect(delivery.workflowData).toBeDefined();
		expect(resumeCalls).toEqual([]);
	});

	it('a quoted request is read as this instance stored it (findMessages by the quoted id)', async () => {
		const trigger = await activeTrigger({ resumeUnquoted: false });
		const { result, requestId } = await ask(double);
		const record = await fake.simulateIncoming(INSTANCE, { from: PHONE, text: 'no', quotedId: requestId });
		// The quote as the phone sent it lost the decline link: the stored request still has it.
		const info = record.contextInfo as IDataObject;
		const quotedText = String((info.quotedMessage as IDataObject).conversation);
		const trimmed = { ...record, contextInfo: { ...info, quotedMessage: { conversation: quotedText.split('*Hold*')[0] } } };
		const delivery = await deliverSigned(trigger, envelope('messages.upsert', trimmed));
		expect(delivery.workflowData).toBeUndefined();
		expect(executions.get(result.executionId)?.resumed?.items[0].json.data).toMatchObject({ approved: false, via: 'chat' });
		const lookup = fake.requests.find((request) => request.path === `/chat/findMessages/${INSTANCE}`);
		expect((lookup?.body as IDataObject).where).toEqual({ key: { id: requestId, remoteJid: `${PHONE}@s.whatsapp.net`, fromMe: true } });
	});

	it('option off: the reply is an ordinary message; option on: a resuming reply also starts the workflow', async () => {
		const off = await activeTrigger({ resumeWaiting: false });
		const { result, requestId } = await ask(double);
		expect((await reply(off, { from: PHONE, text: 'yes', quotedId: requestId })).delivery.workflowData).toBeDefined();
		expect(executions.get(result.executionId)?.resumed).toBeUndefined();

		const both = await activeTrigger({ emitResumedReplies: true });
		const delivery = (await reply(both, { from: PHONE, text: 'yes', quotedId: requestId })).delivery;
		expect(delivery.workflowData).toBeDefined();
		expect(executions.get(result.executionId)?.resumed?.items[0].json.data).toMatchObject({ approved: true });
	});
});

it('the request links are found by the trigger\'s parser', async () => {
	await ask(double);
	const sent = fake.requests.find((request) => request.path === `/message/sendText/${INSTANCE}`);
	expect(findResumeLinks(String((sent?.body as IDataObject).text)).map((link) => link.url.startsWith(root))).toEqual([true, true]);
});

describe('chat replies in WebSocket mode', () => {
	const saved = { ...SOCKET_TIMINGS };
	beforeAll(() => {
		// Shorter waits than in production; the behaviour is the same.
		Object.assign(SOCKET_TIMINGS, { initialDelayMs: 50, maxDelayMs: 200, namespaceRetryMs: 100 });
	});
	afterAll(() => {
		Object.assign(SOCKET_TIMINGS, saved);
	});

	it('a reply that arrives over the socket resumes the execution and is not emitted; the next message is', async () => {
		const trigger = await triggerFor(fake, { webhookBaseUrl: root, parameters: { connectionMode: 'webSocket' } }).startTrigger();
		try {
			fake.sockets.createNamespace(INSTANCE);
			await until(() => fake.sockets.clients(INSTANCE) === 1, 'the trigger to join the namespace');
			const phone = '5511955554444';
			const { result, requestId } = await ask(double, phone);
			const answer = await fake.simulateIncoming(INSTANCE, { from: phone, pushName: 'Duda', text: 'Sí', quotedId: requestId });
			await until(() => executions.get(result.executionId)?.resumed !== undefined, 'the execution to resume');
			expect(executions.get(result.executionId)?.resumed?.items[0].json.data).toMatchObject({
				approved: true,
				via: 'chat',
				messageId: (answer.key as IDataObject).id,
				answeredBy: { phoneNumber: phone, name: 'Duda' },
			});
			// Events are handled in order: once the next message is out, the reply was not. (The
			// join's catch-up may emit other tests' messages: the fake keeps them.)
			const fromPhone = () => trigger.items().filter((item) => item.json.chatJid === `${phone}@s.whatsapp.net`);
			const next = await fake.simulateIncoming(INSTANCE, { from: phone, text: 'Thanks!' });
			await until(() => fromPhone().length > 0, 'the next message to be emitted');
			expect(fromPhone().map((item) => item.json.messageId)).toEqual([(next.key as IDataObject).id]);
		} finally {
			await trigger.close();
		}
	});
});
