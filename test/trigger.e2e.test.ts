/**
 * Evolution API Trigger end to end: the contract fake registers the trigger's webhook and then
 * POSTs its events (axios headers, HS256 JWT, retries) to a local HTTP server that plays n8n's
 * webhook endpoint and runs each request through the trigger's webhook() (WebhookContext).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { OWNER_HEADER } from '../nodes/EvolutionApiTrigger/lifecycle';
import type { FakeEvolution } from './fake';
import type { TriggerHarness } from './harness';
import { INSTANCE, INSTANCE_TOKEN, serialise, startFake, stateOf, triggerFor, type TriggerOptions } from './triggerHelpers';

/** Plays n8n's /webhook/* endpoint for one trigger. */
class N8nWebhookEndpoint {
	trigger?: TriggerHarness;
	readonly executions: INodeExecutionData[][] = [];
	/** Answer this status after running the trigger (an answer lost on the way back). */
	loseNextAnswers = 0;
	url = '';

	private readonly server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void this.handle(req, Buffer.concat(chunks), res);
		});
	});

	private async handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
		if (!this.trigger) {
			res.writeHead(404).end();
			return;
		}
		const result = await this.trigger.deliver({
			headers: req.headers as Record<string, string>,
			body: body.toString('utf8'),
		});
		if (result.workflowData) this.executions.push(result.workflowData[0]);
		if (this.loseNextAnswers > 0) {
			this.loseNextAnswers--;
			res.writeHead(504, { 'content-type': 'text/plain' }).end('Gateway Timeout');
			return;
		}
		if (result.responded) {
			res.writeHead(result.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(result.responseBody));
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"Workflow was started"}');
	}

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

let fake: FakeEvolution;
const n8n = new N8nWebhookEndpoint();

beforeAll(async () => {
	await n8n.start();
	fake = await startFake({ deliverWebhooks: true, exposeApikey: true, retry: { initialDelayMs: 20, maxDelayMs: 40, timeoutMs: 2000 } });
});
afterAll(async () => {
	await fake.close();
	await n8n.stop();
});
beforeEach(() => {
	fake.resetState();
	n8n.executions.length = 0;
	n8n.loseNextAnswers = 0;
	fake.events.options.globalWebhook = undefined;
});

async function activate(options: TriggerOptions = {}): Promise<TriggerHarness> {
	const trigger = triggerFor(fake, { webhookBaseUrl: n8n.url, ...options });
	await trigger.activate();
	n8n.trigger = trigger;
	return trigger;
}

it('runs the workflow once per incoming message, with the text and chat of the message', async () => {
	const trigger = await activate({ events: ['MESSAGES_UPSERT'] });
	await fake.simulateIncoming(INSTANCE, { from: '5511999999999', text: 'hello from WhatsApp', pushName: 'John' });
	await fake.deliveriesSettled();

	expect(n8n.executions).toHaveLength(1);
	expect(n8n.executions[0][0].json).toMatchObject({
		event: 'MESSAGES_UPSERT',
		instance: INSTANCE,
		chatJid: '5511999999999@s.whatsapp.net',
		phoneNumber: '5511999999999',
		text: 'hello from WhatsApp',
		pushName: 'John',
		fromMe: false,
	});
	// The server sent the JWT and our owner marker, not the secret itself; and it exposed its apikey.
	const attempt = fake.deliveries.find((delivery) => delivery.event === 'messages.upsert')!;
	expect(attempt).toMatchObject({ status: 200, outcome: 'delivered', url: trigger.webhookUrl });
	expect(attempt.headers.Authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
	expect(attempt.headers[OWNER_HEADER]).toBe(`${trigger.workflow.id}/${trigger.node.id}`);
	expect(JSON.stringify(attempt.headers)).not.toContain(stateOf(trigger).secret!);
	expect(attempt.body.apikey).toBe(INSTANCE_TOKEN);
	expect(serialise(n8n.executions)).not.toContain(INSTANCE_TOKEN);
	// contacts.upsert was emitted too, but not subscribed: never sent.
	expect(fake.deliveries.filter((delivery) => delivery.event !== 'messages.upsert')).toHaveLength(0);
});

it("drops Evolution's retry after a lost answer: one execution", async () => {
	await activate();
	n8n.loseNextAnswers = 1;
	await fake.simulateIncoming(INSTANCE, { from: '5511999999999', text: 'only once' });
	await fake.deliveriesSettled();

	const attempts = fake.deliveries.filter((delivery) => delivery.event === 'messages.upsert');
	expect(attempts.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
		[504, 'retry'],
		[200, 'delivered'],
	]);
	expect(attempts[1].responseBody).toContain('duplicate');
	expect(n8n.executions).toHaveLength(1);
});

it('answers 401 to the global webhook (no JWT), which stops Evolution from retrying', async () => {
	const trigger = await activate({ events: ['CONNECTION_UPDATE'] });
	fake.events.options.globalWebhook = { url: trigger.webhookUrl, events: ['CONNECTION_UPDATE'] };
	fake.simulateConnection(INSTANCE, 'connecting');
	await fake.deliveriesSettled();

	const global = fake.deliveries.filter((delivery) => delivery.kind === 'global');
	expect(global.map((attempt) => [attempt.status, attempt.outcome])).toEqual([[401, 'stopped']]);
	expect(fake.deliveries.filter((delivery) => delivery.kind === 'instance').map((attempt) => attempt.status)).toEqual([200]);
	expect(n8n.executions).toHaveLength(1);
});

it('delivers incoming media as binary data when Include Media as Binary is on', async () => {
	await activate({ options: { downloadMedia: true } });
	const png = readFileSync(join(__dirname, 'fixtures', 'media', 'image.png'));
	await fake.simulateIncoming(INSTANCE, { from: '5511999999999', media: { base64: png.toString('base64'), mimetype: 'image/png', caption: 'a photo' } });
	await fake.deliveriesSettled();

	expect(n8n.executions).toHaveLength(1);
	const [item] = n8n.executions[0];
	expect(item.json).toMatchObject({ contentType: 'image', text: 'a photo' });
	expect(item.binary?.data.mimeType).toBe('image/png');
	expect(Buffer.from(item.binary!.data.data, 'base64').equals(png)).toBe(true);
});

it('stops receiving after delete(): the webhook is switched off', async () => {
	const trigger = await activate();
	await trigger.delete();
	await fake.simulateIncoming(INSTANCE, { from: '5511999999999', text: 'nobody listens' });
	await fake.deliveriesSettled();
	expect(fake.deliveries).toHaveLength(0);
	expect(n8n.executions).toHaveLength(0);
});
