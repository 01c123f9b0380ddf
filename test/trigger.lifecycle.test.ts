/**
 * Evolution API Trigger: checkExists/create/delete through n8n-core's HookContext against the
 * contract fake — empty slot, someone else's webhook (saved and put back), another trigger's
 * webhook (refused, or taken over), test and production URL of the same node, failures.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { JWT_HEADER, OWNER_HEADER } from '../nodes/EvolutionApiTrigger/lifecycle';
import type { FakeEvolution } from './fake';
import { API_KEY, INSTANCE, serialise, startFake, stateOf, triggerFor } from './triggerHelpers';

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake.close());
beforeEach(() => fake.resetState());
afterEach(() => fake.assertAllValid());

const row = (): IDataObject | undefined => fake.state.webhooks.get(INSTANCE) as IDataObject | undefined;

/** Configures the instance's webhook through the API, as a user or another tool would. */
async function setWebhookByHand(webhook: IDataObject): Promise<void> {
	const response = await fetch(`${fake.url}/webhook/set/${INSTANCE}`, {
		method: 'POST',
		headers: { apikey: API_KEY, 'content-type': 'application/json' },
		body: JSON.stringify({ webhook }),
	});
	expect(response.status).toBe(201);
}

const FOREIGN = {
	enabled: true,
	url: 'https://crm.example.com/hooks/evolution?key=crm-hook-key',
	byEvents: true,
	base64: true,
	events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'],
	headers: { 'x-evolution-secret': 'foreign-secret-value' },
};

/** The stored row of FOREIGN, as /webhook/find returns it. */
const FOREIGN_ROW = {
	enabled: true,
	url: FOREIGN.url,
	webhookByEvents: true,
	webhookBase64: true,
	events: FOREIGN.events,
	headers: FOREIGN.headers,
};

describe('empty slot', () => {
	it('registers the node URL with a fresh 32-byte JWT secret, then checkExists is true', async () => {
		const trigger = triggerFor(fake, { events: ['MESSAGES_UPSERT', 'CONNECTION_UPDATE'] });

		expect(await trigger.checkExists()).toBe(false);
		expect(await trigger.create()).toBe(true);

		const state = stateOf(trigger);
		expect(Buffer.from(state.secret!, 'base64url')).toHaveLength(32);
		const owner = `${trigger.workflow.id}/${trigger.node.id}`;
		expect(row()).toMatchObject({
			enabled: true,
			url: trigger.webhookUrl,
			webhookByEvents: false,
			webhookBase64: false,
			events: ['CONNECTION_UPDATE', 'MESSAGES_UPSERT'],
			headers: { [JWT_HEADER]: state.secret, [OWNER_HEADER]: owner },
		});
		expect(state).toMatchObject({ owner, instance: INSTANCE, webhookUrl: trigger.webhookUrl, base64: false, dedupe: [] });
		expect(state.snapshot).toBeUndefined();
		expect(await trigger.checkExists()).toBe(true);

		const set = fake.requests.find((request) => request.route?.name === 'set');
		expect(set?.body).toEqual({
			webhook: {
				enabled: true,
				url: trigger.webhookUrl,
				byEvents: false,
				base64: false,
				events: ['CONNECTION_UPDATE', 'MESSAGES_UPSERT'],
				headers: { [JWT_HEADER]: state.secret, [OWNER_HEADER]: owner },
			},
		});
	});

	it('activates once: a second activation finds its registration', async () => {
		const trigger = triggerFor(fake);
		await trigger.activate();
		const secret = stateOf(trigger).secret;
		await trigger.activate();
		expect(fake.requests.filter((request) => request.route?.name === 'set')).toHaveLength(1);
		expect(stateOf(trigger).secret).toBe(secret);
	});

	it('uses a new secret on every create()', async () => {
		const trigger = triggerFor(fake);
		await trigger.create();
		const first = stateOf(trigger).secret;
		await trigger.create();
		expect(stateOf(trigger).secret).not.toBe(first);
		expect((row()?.headers as IDataObject)[JWT_HEADER]).toBe(stateOf(trigger).secret);
	});

	it('delete() switches the webhook off, removes the secret from the server and clears the static data', async () => {
		const trigger = triggerFor(fake);
		await trigger.activate();
		expect(await trigger.delete()).toBe(true);

		expect(row()).toMatchObject({ enabled: false, events: [], headers: {}, webhookBase64: false, webhookByEvents: false });
		expect(trigger.nodeStaticData).toEqual({});
		expect(await trigger.checkExists()).toBe(false);
	});

	it('registers "All Events" as the 28 events 2.3.6 delivers', async () => {
		const trigger = triggerFor(fake, { events: ['*'] });
		await trigger.create();
		const events = row()?.events as string[];
		expect(events).toHaveLength(28);
		expect(events).not.toEqual(expect.arrayContaining(['APPLICATION_STARTUP']));
		expect(events).not.toContain('CONTACTS_SET');
		expect(events).not.toContain('GROUP_UPDATE');
	});

	it('asks the server for base64 media when Include Media as Binary is on', async () => {
		const trigger = triggerFor(fake, { options: { downloadMedia: true } });
		await trigger.create();
		expect(row()).toMatchObject({ webhookBase64: true });
		expect(stateOf(trigger).base64).toBe(true);
	});

	it("falls back to the credential's Default Instance", async () => {
		const trigger = triggerFor(fake, {
			parameters: { instanceName: { __rl: true, mode: 'list', value: '' } },
			credentials: { defaultInstance: INSTANCE },
		});
		await trigger.create();
		expect(row()).toMatchObject({ url: trigger.webhookUrl });
	});
});

describe('checkExists', () => {
	const changedBy: Array<[string, (webhook: IDataObject) => IDataObject]> = [
		['the URL', (webhook) => ({ ...webhook, url: 'https://elsewhere.example.com/hook' })],
		['enabled', (webhook) => ({ ...webhook, enabled: false })],
		['the events', (webhook) => ({ ...webhook, events: ['CONNECTION_UPDATE'] })],
		['base64', (webhook) => ({ ...webhook, base64: true })],
		['byEvents', (webhook) => ({ ...webhook, byEvents: true })],
		['the JWT secret', (webhook) => ({ ...webhook, headers: { ...(webhook.headers as IDataObject), [JWT_HEADER]: 'other' } })],
		['the owner', (webhook) => ({ ...webhook, headers: { ...(webhook.headers as IDataObject), [OWNER_HEADER]: 'wf/other' } })],
	];

	it.each(changedBy)('is false once %s changed on the server', async (_what, change) => {
		const trigger = triggerFor(fake);
		await trigger.create();
		const current = row()!;
		await setWebhookByHand(
			change({
				enabled: true,
				url: current.url,
				events: current.events,
				byEvents: false,
				base64: false,
				headers: current.headers,
			}),
		);
		expect(await trigger.checkExists()).toBe(false);
	});

	it('is false when the wanted events or media option changed in the node', async () => {
		const staticData: IDataObject = {};
		const webhookId = randomUUID();
		const nodeId = randomUUID();
		const first = triggerFor(fake, { staticData, webhookId, nodeId });
		await first.create();
		expect(await triggerFor(fake, { staticData, webhookId, nodeId }).checkExists()).toBe(true);
		expect(await triggerFor(fake, { staticData, webhookId, nodeId, events: ['CALL'] }).checkExists()).toBe(false);
		expect(await triggerFor(fake, { staticData, webhookId, nodeId, options: { downloadMedia: true } }).checkExists()).toBe(false);
	});

	it('is false without a secret in the static data (nothing to verify deliveries with)', async () => {
		const trigger = triggerFor(fake);
		await trigger.create();
		delete stateOf(trigger).secret;
		expect(await trigger.checkExists()).toBe(false);
	});

	it('is false when the row is gone', async () => {
		const trigger = triggerFor(fake);
		await trigger.create();
		fake.state.webhooks.delete(INSTANCE);
		expect(await trigger.checkExists()).toBe(false);
	});
});

describe("someone else's webhook", () => {
	it('is saved in static data before being overwritten, and put back by delete()', async () => {
		await setWebhookByHand(FOREIGN);
		const trigger = triggerFor(fake);

		await trigger.activate();
		expect(row()).toMatchObject({ url: trigger.webhookUrl, enabled: true });
		expect(stateOf(trigger).snapshot).toEqual({
			url: FOREIGN.url,
			enabled: true,
			events: FOREIGN.events,
			byEvents: true,
			base64: true,
			headers: FOREIGN.headers,
		});

		await trigger.delete();
		expect(row()).toMatchObject(FOREIGN_ROW);
		expect(trigger.nodeStaticData).toEqual({});
	});

	it('keeps the saved configuration across re-registrations of the same trigger', async () => {
		await setWebhookByHand(FOREIGN);
		const staticData: IDataObject = {};
		const nodeId = randomUUID();
		const webhookId = randomUUID();
		await triggerFor(fake, { staticData, nodeId, webhookId }).create();
		// The workflow is updated (new events): n8n calls create() again, our row is in the slot.
		const updated = triggerFor(fake, { staticData, nodeId, webhookId, events: ['CALL'] });
		expect(await updated.checkExists()).toBe(false);
		await updated.create();
		await updated.delete();
		expect(row()).toMatchObject(FOREIGN_ROW);
	});

	it('puts back a disabled configuration as it was', async () => {
		await setWebhookByHand({ ...FOREIGN, enabled: false });
		const trigger = triggerFor(fake);
		await trigger.activate();
		await trigger.delete();
		expect(row()).toMatchObject({ enabled: false, url: FOREIGN.url, headers: FOREIGN.headers, webhookByEvents: true, webhookBase64: true });
	});

	it('leaves a webhook set by someone else after activation alone on delete()', async () => {
		const trigger = triggerFor(fake);
		await trigger.activate();
		await setWebhookByHand(FOREIGN);
		await trigger.delete();
		expect(row()).toMatchObject(FOREIGN_ROW);
		expect(trigger.nodeStaticData).toEqual({});
	});
});

describe("another n8n workflow's trigger", () => {
	it('refuses to take the slot, with a clear message, and leaves the other registration intact', async () => {
		const other = triggerFor(fake);
		await other.activate();
		const before = structuredClone(row());

		const mine = triggerFor(fake);
		expect(await mine.checkExists()).toBe(false);
		await expect(mine.create()).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringContaining(`The instance "${INSTANCE}" already sends its events to the Evolution API Trigger of another n8n workflow`),
			description: expect.stringContaining('Replace Existing Webhook'),
		});
		expect(row()).toEqual(before);
		expect(stateOf(mine).secret).toBeUndefined();

		// n8n then calls delete() to clean up the failed activation: the other trigger keeps the slot.
		expect(await mine.delete()).toBe(true);
		expect(row()).toEqual(before);
		expect(await other.checkExists()).toBe(true);
	});

	it('takes the slot over with Replace Existing Webhook and gives it back on delete()', async () => {
		const other = triggerFor(fake);
		await other.activate();
		const before = structuredClone(row())!;

		const mine = triggerFor(fake, { options: { replaceExisting: true } });
		await mine.activate();
		expect(row()).toMatchObject({ url: mine.webhookUrl });
		expect(await other.checkExists()).toBe(false);

		await mine.delete();
		expect(row()).toMatchObject({ url: before.url, enabled: true, headers: before.headers, events: before.events });
		expect(await other.checkExists()).toBe(true);
	});

	it('does not touch the slot when the displaced trigger is deactivated', async () => {
		const other = triggerFor(fake);
		await other.activate();
		const mine = triggerFor(fake, { options: { replaceExisting: true } });
		await mine.activate();
		const mineRow = structuredClone(row());

		await other.delete();
		expect(row()).toEqual(mineRow);
	});

	it("treats a switched-off registration of another trigger as a free slot", async () => {
		const other = triggerFor(fake);
		await other.activate();
		const current = row()!;
		await setWebhookByHand({ enabled: false, url: current.url, events: [], headers: current.headers });

		const mine = triggerFor(fake);
		await mine.activate();
		expect(stateOf(mine).snapshot).toBeUndefined();
		expect(row()).toMatchObject({ url: mine.webhookUrl, enabled: true });
	});
});

describe('test URL and production URL of the same node', () => {
	const sameNode = () => ({ nodeId: randomUUID(), webhookId: randomUUID() });

	it('"Listen for test event" borrows the slot from the active workflow and gives it back', async () => {
		const node = sameNode();
		const production = triggerFor(fake, { ...node, staticData: {} });
		await production.activate();
		const productionRow = structuredClone(row())!;

		// n8n's TestWebhooks: fresh static data, mode manual, the test URL.
		const test = triggerFor(fake, { ...node, mode: 'manual', staticData: {} });
		expect(test.webhookUrl).toContain('/webhook-test/');
		await test.activate();
		expect(row()).toMatchObject({ url: test.webhookUrl, enabled: true });
		expect(stateOf(test).snapshot).toMatchObject({ url: production.webhookUrl, headers: productionRow.headers });

		await test.delete();
		expect(row()).toMatchObject({
			url: production.webhookUrl,
			enabled: true,
			headers: productionRow.headers,
			events: productionRow.events,
		});
		expect(await production.checkExists()).toBe(true);
	});

	it('activating the workflow while a test listens is not refused, and the test then leaves it alone', async () => {
		const node = sameNode();
		const test = triggerFor(fake, { ...node, mode: 'manual', staticData: {} });
		await test.activate();

		const production = triggerFor(fake, { ...node, staticData: {} });
		await production.activate();
		expect(row()).toMatchObject({ url: production.webhookUrl });
		expect(stateOf(production).snapshot).toBeUndefined();

		await test.delete();
		expect(await production.checkExists()).toBe(true);
	});

	it('a test over a foreign webhook puts the foreign webhook back', async () => {
		await setWebhookByHand(FOREIGN);
		const test = triggerFor(fake, { mode: 'manual' });
		await test.activate();
		await test.delete();
		expect(row()).toMatchObject(FOREIGN_ROW);
	});
});

describe('failures are reported, never swallowed', () => {
	it('create() fails when the server cannot be asked, and stores nothing', async () => {
		fake.failNext('webhook.find', { status: 500, body: { status: 500, error: 'Internal Server Error', response: { message: 'boom' } } });
		const trigger = triggerFor(fake);
		await expect(trigger.create()).rejects.toMatchObject({ name: 'NodeApiError', message: expect.stringContaining('boom') });
		expect(trigger.nodeStaticData).toEqual({});
		expect(row()).toBeUndefined();
	});

	it('create() fails when the server refuses the registration', async () => {
		fake.failNext('webhook.set', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [['instance.webhook.url is required']] } } });
		const trigger = triggerFor(fake);
		await expect(trigger.create()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(stateOf(trigger).secret).toBeUndefined();
	});

	it('delete() fails when the webhook cannot be switched off, and keeps its state for a retry', async () => {
		await setWebhookByHand(FOREIGN);
		const trigger = triggerFor(fake);
		await trigger.activate();
		fake.failNext('webhook.set', { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });

		await expect(trigger.delete()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '502' });
		expect(stateOf(trigger).snapshot).toBeDefined();
		expect(row()).toMatchObject({ url: trigger.webhookUrl });

		await trigger.delete();
		expect(row()).toMatchObject(FOREIGN_ROW);
	});

	it('delete() fails on a wrong API key', async () => {
		const trigger = triggerFor(fake);
		await trigger.activate();
		const wrongKey = triggerFor(fake, { credentials: { apiKey: 'wrong-key' }, staticData: trigger.staticData, nodeId: trigger.node.id, webhookId: trigger.node.webhookId });
		await expect(wrongKey.delete()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});

	it('delete() succeeds when the instance itself was deleted (its webhook went with it)', async () => {
		const trigger = triggerFor(fake);
		await trigger.activate();
		fake.state.deleteInstance(INSTANCE);
		expect(await trigger.delete()).toBe(true);
		expect(trigger.nodeStaticData).toEqual({});
	});

	it('create() refuses an empty event selection before calling the server', async () => {
		const trigger = triggerFor(fake, { events: [] });
		await expect(trigger.create()).rejects.toMatchObject({ message: 'No events selected' });
		expect(fake.requests.filter((request) => request.route?.name === 'set')).toHaveLength(0);
	});

	it('create() refuses chat filters that are neither numbers nor WhatsApp IDs', async () => {
		const trigger = triggerFor(fake, { options: { onlyChats: '5511999999999, john' } });
		await expect(trigger.create()).rejects.toMatchObject({ message: expect.stringContaining('john') });
	});

	it('create() fails on an unknown instance', async () => {
		const trigger = triggerFor(fake, { parameters: { instanceName: { __rl: true, mode: 'name', value: 'nope' } } });
		await expect(trigger.create()).rejects.toMatchObject({ httpCode: '404', message: expect.stringContaining('does not exist') });
	});
});

describe('secrets', () => {
	it('never appear in an error, even when the server echoes them', async () => {
		const fixed = Buffer.alloc(32, 7);
		const secret = fixed.toString('base64url');
		await setWebhookByHand(FOREIGN);
		const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
		const spy = jest.spyOn(crypto, 'randomBytes').mockImplementationOnce(() => fixed);
		fake.failNext('webhook.set', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [[`bad header ${secret} and ${FOREIGN.headers['x-evolution-secret']}`]] } },
		});
		const trigger = triggerFor(fake);
		const error = (await trigger.create().catch((caught: unknown) => caught)) as Error & { description?: string };
		spy.mockRestore();

		expect(error).toBeInstanceOf(Error);
		const text = serialise({ message: error.message, description: error.description, error });
		expect(text).toContain('bad header');
		expect(text).not.toContain(secret);
		expect(text).not.toContain(FOREIGN.headers['x-evolution-secret']);
	});
});
