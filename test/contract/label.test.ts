/**
 * Contract tests of the Label resource (2 routes) against the Evolution API 2.3.6 fake.
 */
import type { ILoadOptionsFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { searchLabels } from '../../nodes/EvolutionApi/actions/label/shared';
import type { FakeEvolution } from '../fake';
import { API_KEY, INSTANCE, expectCall, instanceParam, runAction, startFake } from '../helpers/evolution';

const LABELS = [
	{ id: '1', name: 'New customer', color: 1, predefinedId: '1' },
	{ id: '5', name: 'Paid', color: 4, predefinedId: null },
	{ id: '3', name: 'Follow up', color: 2, predefinedId: null },
];

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.labels.set(INSTANCE, LABELS.map((label) => ({ ...label })));
	fake.setConnectionState(INSTANCE, 'open');
});

async function run(operation: string, parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return await runAction(fake, { parameters: { resource: 'label', operation, ...parameters }, ...options });
}

function labelById(id: string): INodeParameters {
	return { __rl: true, mode: 'id', value: id };
}

describe('Label → Get Many (GET /label/findLabels)', () => {
	it('returns one item per label, limited', async () => {
		const result = await run('getAll', { limit: 2 });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/label/findLabels/${INSTANCE}`);
		expect(req.rawBody.length).toBe(0);
		expect(result.items.map((item) => item.json)).toEqual(LABELS.slice(0, 2));
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Return All returns every label; two input items make two requests', async () => {
		const result = await run('getAll', { returnAll: true }, { items: [{ json: {} }, { json: {} }] });
		expect(fake.requests).toHaveLength(2);
		expect(result.items).toHaveLength(6);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it('works without a WhatsApp connection (database read)', async () => {
		fake.connectionClosed(INSTANCE);
		const result = await run('getAll', { returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('getAll', { instanceName: instanceParam('ghost') });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
	});
});

describe('Label → Add or Remove on Chat (POST /label/handleLabel)', () => {
	it.each(['add', 'remove'])('%s: number normalised, label ID from the locator', async (action) => {
		const result = await run('handle', { labelId: labelById('5'), remoteJid: '+55 (11) 99999-9999', labelAction: action });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/label/handleLabel/${INSTANCE}`);
		expect(req.body).toEqual({ number: '5511999999999', labelId: '5', action });
		expect(result.items[0].json).toEqual({ numberJid: '5511999999999@s.whatsapp.net', labelId: '5', [action]: true });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('accepts a numeric label ID and a group chat from expressions', async () => {
		const result = await run(
			'handle',
			{ labelId: { __rl: true, mode: 'list', value: '={{ $json.label }}' }, remoteJid: '={{ $json.chat }}' },
			{ items: [{ json: { label: 3, chat: '120363025246125486@g.us' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/label/handleLabel/${INSTANCE}`).body).toEqual({
			number: '120363025246125486@g.us',
			labelId: '3',
			action: 'add',
		});
	});

	it.each([
		['an empty label', { labelId: labelById(' '), remoteJid: '5511999999999' }, 'Label is empty'],
		['an empty chat', { labelId: labelById('5'), remoteJid: '={{ "" }}' }, 'Chat is empty'],
		['a malformed number', { labelId: labelById('5'), remoteJid: '12ab' }, 'Chat "12ab" is not a valid phone number'],
		['an unknown action', { labelId: labelById('5'), remoteJid: '5511999999999', labelAction: '={{ "toggle" }}' }, 'Action "toggle" is not supported'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('handle', parameters as INodeParameters);
		expect(result.error?.message).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('reports a disconnected instance, and Continue On Fail keeps the other items', async () => {
		fake.connectionClosed(INSTANCE);
		const result = await run(
			'handle',
			{ labelId: labelById('5'), remoteJid: '={{ $json.chat }}' },
			{ continueOnFail: true, items: [{ json: { chat: '5511999999999' } }, { json: { chat: 'x' } }] },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe(`The instance "${INSTANCE}" is not connected to WhatsApp`);
		expect(result.items[1].json.error).toBe('Chat "x" is not a valid phone number');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fake.requests).toHaveLength(1);
	});

	it('reports a Cloud API instance (Baileys only)', async () => {
		fake.addInstance({ name: 'cloud-label', integration: 'WHATSAPP-BUSINESS' });
		const result = await run('handle', {
			instanceName: instanceParam('cloud-label'),
			labelId: labelById('5'),
			remoteJid: '5511999999999',
		});
		expect(result.error?.message).toBe(
			'This operation is not available for the channel of instance "cloud-label": Method not available on WhatsApp Business API',
		);
	});
});

describe('Label list search (searchLabels)', () => {
	function loadOptionsContext(instance: string): ILoadOptionsFunctions {
		const context = {
			getNode: () => ({ id: '1', name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCurrentNodeParameter: () => '',
			getCredentials: async () => ({ serverUrl: fake.url, apiKey: API_KEY, defaultInstance: instance }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string }) => {
					const response = await fetch(options.url, { method: options.method, headers: { apikey: API_KEY } });
					return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
				},
			},
		};
		return context as unknown as ILoadOptionsFunctions;
	}

	it("lists labels by name, using the credential's default instance", async () => {
		const result = await searchLabels.call(loadOptionsContext(INSTANCE));
		expectCall(fake.lastRequest(), 'GET', `/label/findLabels/${INSTANCE}`);
		expect(result.results).toEqual([
			{ name: 'Follow up', value: '3' },
			{ name: 'New customer', value: '1' },
			{ name: 'Paid', value: '5' },
		]);
		const filtered = await searchLabels.call(loadOptionsContext(INSTANCE), 'PAI');
		expect(filtered.results).toEqual([{ name: 'Paid', value: '5' }]);
	});

	it('asks for an instance when none is selected', async () => {
		await expect(searchLabels.call(loadOptionsContext(''))).rejects.toThrow('Select an instance first');
	});
});
