import type { FakeEvolution } from '../fake';
import { API_KEY, INSTANCE, INSTANCE_TOKEN, instanceParam, runAction, startFake } from '../helpers/evolution';

describe('Instance resource', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake({ instances: [{ name: INSTANCE, token: INSTANCE_TOKEN, state: 'open' }, { name: 'closed one', state: 'close' }] });
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	it('creates an instance with the global key and returns its token', async () => {
		const result = await runAction(fake, {
			parameters: {
				resource: 'instance',
				operation: 'create',
				newInstanceName: 'sales-line',
				integration: 'WHATSAPP-BAILEYS',
				additionalFields: { qrcode: false, rejectCall: true, msgCall: 'No calls', number: '+55 11 98888-7777' },
			},
		});
		expect(result.error).toBeUndefined();
		const request = fake.lastRequest()!;
		expect(request.route?.path).toBe('/instance/create');
		expect(request.method).toBe('POST');
		expect(request.headers.apikey).toBe(API_KEY);
		expect(request.validationErrors).toEqual([]);
		expect(request.violations).toEqual([]);
		expect(request.body).toEqual({
			instanceName: 'sales-line',
			integration: 'WHATSAPP-BAILEYS',
			qrcode: false,
			rejectCall: true,
			msgCall: 'No calls',
			number: '5511988887777',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.hash).toEqual(expect.any(String));
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('refuses a malicious new instance name before sending', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'create', newInstanceName: '../x', integration: 'WHATSAPP-BAILEYS' },
		});
		expect(result.error?.message).toMatch(/Instance Name "..\/x" is not valid/);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains a duplicate name (403)', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'create', newInstanceName: INSTANCE, integration: 'WHATSAPP-BAILEYS' },
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
		expect(result.error?.message).toMatch(/already in use/);
	});

	it.each([
		['connect', 'GET', '/instance/connect/{instance}'],
		['getConnectionState', 'GET', '/instance/connectionState/{instance}'],
		['setPresence', 'POST', '/instance/setPresence/{instance}'],
		['restart', 'POST', '/instance/restart/{instance}'],
		['logout', 'DELETE', '/instance/logout/{instance}'],
	])('%s calls %s %s for the selected instance', async (operation, method, path) => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation, presence: 'available' },
		});
		expect(result.error).toBeUndefined();
		const request = fake.lastRequest()!;
		expect(request.method).toBe(method);
		expect(request.route?.path).toBe(path);
		expect(request.instance).toBe(INSTANCE);
		expect(request.validationErrors).toEqual([]);
		expect(request.violations).toEqual([]);
		expect(Object.keys(request.query)).toEqual([]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends the pairing-code number as the documented query parameter only', async () => {
		await runAction(fake, {
			parameters: { resource: 'instance', operation: 'connect', instanceName: instanceParam('closed one'), options: { number: '+55 11 98888-7777' } },
		});
		const request = fake.lastRequest()!;
		expect(request.path).toBe('/instance/connect/closed%20one');
		expect(request.query).toEqual({ number: '5511988887777' });
		expect(request.violations).toEqual([]);
	});

	it('turns HTTP 200 {error:true} from restart into an error that says what to do', async () => {
		fake.failNext('instance.restart', { status: 200, body: { error: true, message: '[object Object]' } });
		const result = await runAction(fake, { parameters: { resource: 'instance', operation: 'restart' } });
		expect(result.error?.message).toMatch(/cannot be restarted: it is not connected to WhatsApp/);
		expect(result.error?.description).toMatch(/Instance → Connect/);
	});

	it('turns HTTP 200 {error:true} from connect into an error', async () => {
		fake.failNext('instance.connect', { status: 200, body: { error: true, message: 'Connection failure' } });
		const result = await runAction(fake, { parameters: { resource: 'instance', operation: 'connect' } });
		expect(result.error?.message).toBe('The Evolution API server reported an error: Connection failure');
	});

	it('lists instances with filters in the query and a limit', async () => {
		const all = await runAction(fake, { parameters: { resource: 'instance', operation: 'getAll', returnAll: true } });
		expect(all.items.map((item) => item.json.name)).toEqual(expect.arrayContaining(['closed one', INSTANCE]));
		expect(all.items.length).toBeGreaterThanOrEqual(2);
		const limited = await runAction(fake, { parameters: { resource: 'instance', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(limited.items).toHaveLength(1);
		fake.reset();
		await runAction(fake, { parameters: { resource: 'instance', operation: 'getAll', returnAll: true, filters: { instanceName: INSTANCE } } });
		expect(fake.lastRequest()!.query).toEqual({ instanceName: INSTANCE });
		expect(fake.lastRequest()!.violations).toEqual([]);
	});

	it('deletes an instance', async () => {
		await runAction(fake, { parameters: { resource: 'instance', operation: 'create', newInstanceName: 'temp', integration: 'EVOLUTION' } });
		const result = await runAction(fake, { parameters: { resource: 'instance', operation: 'delete', instanceName: instanceParam('temp') } });
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.route?.path).toBe('/instance/delete/{instance}');
		expect(result.items[0].json).toMatchObject({ status: 'SUCCESS' });
	});

	it('explains an unknown instance (404)', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'getConnectionState', instanceName: instanceParam('nope') },
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe('The instance "nope" does not exist on this server');
	});

	it('explains a wrong key (401) without revealing it', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'getConnectionState' },
			credentials: { apiKey: 'wrong-key-value' },
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.description).toMatch(/global key/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-value');
	});

	it('accepts the instance token for its own instance', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'getConnectionState' },
			credentials: { apiKey: INSTANCE_TOKEN },
		});
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.headers.apikey).toBe(INSTANCE_TOKEN);
	});

	it('uses the credential default instance when the field is empty', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'getConnectionState', instanceName: { __rl: true, mode: 'list', value: '' } },
			credentials: { defaultInstance: INSTANCE },
		});
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.instance).toBe(INSTANCE);
	});

	it.each([['a/b'], ['..'], ['.'], ['x?y'], ['x#y']])('refuses the instance name %p before any request', async (name) => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'getConnectionState', instanceName: instanceParam(name) },
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error?.message).toMatch(/is not valid/);
		expect(fake.requests).toHaveLength(0);
	});

	it('says what to do when no instance is chosen at all', async () => {
		const result = await runAction(fake, {
			parameters: { resource: 'instance', operation: 'getConnectionState', instanceName: { __rl: true, mode: 'list', value: '' } },
		});
		expect(result.error?.message).toBe('No instance selected');
		expect(fake.requests).toHaveLength(0);
	});
});
