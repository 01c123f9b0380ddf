/**
 * Contract tests of the Instance Setting resource (POST /settings/set, GET /settings/find)
 * against the Evolution API 2.3.6 fake.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution } from '../fake';
import { INSTANCE, expectCall, instanceParam, runAction, startFake } from '../helpers/evolution';

const SWITCHES = ['rejectCall', 'groupsIgnore', 'alwaysOnline', 'readMessages', 'readStatus', 'syncFullHistory'];
const ALL_OFF = Object.fromEntries(SWITCHES.map((name) => [name, false]));

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	const row = fake.state.settings.get(INSTANCE)!;
	Object.assign(row, ALL_OFF, { msgCall: '', wavoipToken: '' });
});

async function run(
	operation: string,
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource: 'instanceSetting', operation, ...parameters }, ...options });
}

describe('Instance Setting → Get (GET /settings/find)', () => {
	it('outputs the stored settings in camelCase', async () => {
		fake.state.settings.get(INSTANCE)!.readMessages = true;
		const result = await run('get', {});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/settings/find/${INSTANCE}`);
		expect(req.rawBody.length).toBe(0);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ ...ALL_OFF, readMessages: true, msgCall: '', wavoipToken: '' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('outputs {configured: false} when the server answers null', async () => {
		const saved = fake.state.settings.get(INSTANCE)!;
		fake.state.settings.delete(INSTANCE);
		try {
			const result = await run('get', {});
			expect(fake.lastRequest()?.responseBody).toBeNull();
			expect(result.items.map((item) => item.json)).toEqual([{ configured: false }]);
		} finally {
			fake.state.settings.set(INSTANCE, saved);
		}
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('get', { instanceName: instanceParam('ghost') });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
	});
});

describe('Instance Setting → Set (POST /settings/set)', () => {
	it('sends all six switches plus the call message (replace mode)', async () => {
		const result = await run('set', { rejectCall: true, msgCall: 'No calls, please', alwaysOnline: true });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/settings/set/${INSTANCE}`);
		expect(fake.requests).toHaveLength(1);
		expect(req.body).toEqual({ ...ALL_OFF, rejectCall: true, alwaysOnline: true, msgCall: 'No calls, please' });
		expect(result.items[0].json).toEqual({
			settings: { instanceName: INSTANCE, settings: req.body },
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(fake.state.settings.get(INSTANCE)).toMatchObject({ rejectCall: true, msgCall: 'No calls, please' });
	});

	it('does not send the call message while Reject Calls is off, and sends the Wavoip token option', async () => {
		fake.state.settings.get(INSTANCE)!.msgCall = 'kept';
		const result = await run('set', { rejectCall: false, msgCall: 'ignored', options: { wavoipToken: 'wv-1' } });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/settings/set/${INSTANCE}`);
		expect(req.body).toEqual({ ...ALL_OFF, wavoipToken: 'wv-1' });
		expect(fake.state.settings.get(INSTANCE)).toMatchObject({ msgCall: 'kept', wavoipToken: 'wv-1' });
	});

	it('"Change Only the Given Fields" reads the settings, keeps the others and writes a valid body', async () => {
		Object.assign(fake.state.settings.get(INSTANCE)!, { groupsIgnore: true, readStatus: true, msgCall: 'busy' });
		const result = await run('set', { updateMode: 'merge', updateFields: { alwaysOnline: true, readStatus: false } });
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((req) => `${req.method} ${req.path}`)).toEqual([
			`GET /settings/find/${INSTANCE}`,
			`POST /settings/set/${INSTANCE}`,
		]);
		expectCall(fake.requests[0], 'GET', `/settings/find/${INSTANCE}`);
		const req = expectCall(fake.requests[1], 'POST', `/settings/set/${INSTANCE}`);
		// The stored texts are written back as read.
		expect(req.body).toEqual({ ...ALL_OFF, groupsIgnore: true, alwaysOnline: true, msgCall: 'busy', wavoipToken: '' });
		expect(fake.state.settings.get(INSTANCE)).toMatchObject({
			groupsIgnore: true,
			alwaysOnline: true,
			readStatus: false,
			msgCall: 'busy',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('"Change Only the Given Fields" starts from all off when the server has no settings', async () => {
		const saved = fake.state.settings.get(INSTANCE)!;
		fake.state.settings.delete(INSTANCE);
		try {
			const result = await run('set', { updateMode: 'merge', updateFields: { readMessages: true, msgCall: 'hi' } });
			expect(result.error).toBeUndefined();
			const req = expectCall(fake.requests[1], 'POST', `/settings/set/${INSTANCE}`);
			expect(req.body).toEqual({ ...ALL_OFF, readMessages: true, msgCall: 'hi' });
		} finally {
			fake.state.settings.set(INSTANCE, saved);
		}
	});

	it('accepts "true"/"false" text from expressions, per item', async () => {
		const result = await run(
			'set',
			{ readMessages: '={{ $json.read }}' },
			{ items: [{ json: { read: 'TRUE' } }, { json: { read: false } }] },
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests.map((req) => (req.body as Record<string, unknown>).readMessages)).toEqual([true, false]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a value that is not a boolean before any request', async () => {
		const result = await run('set', { updateMode: 'merge', updateFields: { alwaysOnline: '={{ "sometimes" }}' } });
		expect(result.error?.message).toBe('Always Online must be true or false, but got "sometimes"');
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses a call message that is an object', async () => {
		const result = await run('set', { rejectCall: true, msgCall: '={{ { a: 1 } }}' });
		expect(result.error?.message).toBe('Call Rejection Message must be text, but the expression gave an object');
		expect(fake.requests).toHaveLength(0);
	});

	it('explains a 400 from the server validator', async () => {
		fake.failNext('settings.set', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [['The "rejectCall" cannot be empty']] } },
		});
		const result = await run('set', {});
		expect(result.error?.message).toContain('The "rejectCall" cannot be empty');
	});

	it('Continue On Fail: an unknown instance becomes an error item, the other item still runs', async () => {
		const result = await run(
			'set',
			{ instanceName: instanceParam('={{ $json.instance }}'), alwaysOnline: true },
			{ continueOnFail: true, items: [{ json: { instance: 'ghost' } }, { json: { instance: INSTANCE } }] },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe('The instance "ghost" does not exist on this server');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toHaveProperty('settings');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(fake.requests.map((req) => req.status)).toEqual([404, 201]);
	});

	it('merge mode: a failing read stops the item before any write', async () => {
		const result = await run('set', { instanceName: instanceParam('ghost'), updateMode: 'merge', updateFields: { readStatus: true } });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
		expect(fake.requests.map((req) => req.method)).toEqual(['GET']);
	});
});
