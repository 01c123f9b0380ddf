/**
 * Contract tests of what only some chatbot integrations have (Typebot Start, the OpenAI
 * credentials and models, OpenAI bot types), the editor lists of the chatbot resources, and
 * the error paths they share, against the Evolution API 2.3.6 fake.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { methods, resources } from '../../nodes/EvolutionApi/actions';
import type { FakeEvolution, RecordedRequest } from '../fake';
import { API_KEY, INSTANCE, instanceParam, runAction, startFake } from '../helpers/evolution';

let fake: FakeEvolution;
const seen: RecordedRequest[] = [];

beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	for (const kind of Object.keys(fake.state.bots) as Array<keyof typeof fake.state.bots>) {
		fake.state.bots[kind].clear();
		fake.state.botSettings[kind].clear();
	}
	fake.state.openaiCreds.clear();
	fake.state.sessions.length = 0;
});
afterEach(() => {
	seen.push(...fake.requests);
	fake.requests.length = 0;
});

async function run(
	resource: string,
	operation: string,
	parameters: INodeParameters = {},
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runAction(fake, { parameters: { resource, operation, ...parameters }, ...options });
}

function expectCall(request: RecordedRequest | undefined, method: string, path: string, query: IDataObject = {}): RecordedRequest {
	expect(request).toBeDefined();
	const req = request!;
	expect({ method: req.method, path: req.path }).toEqual({ method, path });
	expect(req.query).toEqual(query);
	expect(req.validationErrors).toEqual([]);
	expect(req.violations).toEqual([]);
	expect(req.status).toBeLessThan(300);
	return req;
}

function instanceId(): string {
	return fake.state.instances.get(INSTANCE)!.id;
}

function seedCreds(id: string, name: string): void {
	fake.state.openaiCreds.set(id, { id, name, apiKey: `sk-${id}`, createdAt: '2025-01-01T00:00:00.000Z', instanceId: instanceId() });
}

function seedBot(kind: keyof typeof fake.state.bots, id: string, row: IDataObject): void {
	fake.state.bots[kind].set(id, {
		id,
		enabled: true,
		description: null,
		triggerType: 'keyword',
		triggerOperator: 'equals',
		triggerValue: id,
		instanceId: instanceId(),
		...row,
	});
}

const byId = (value: string): INodeParameters => ({ __rl: true, mode: 'id', value });

describe('Typebot → Start (POST /typebot/start)', () => {
	it('starts a flow for a chat with variables', async () => {
		const result = await run('typebot', 'start', {
			remoteJid: '5511999999999',
			url: 'https://typebot.example.com',
			typebot: 'my-flow',
			options: {
				startSession: true,
				variables: { variable: [{ name: 'customerName', value: 'Ana' }, { name: 'plan', value: 'gold' }] },
			},
		});
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/typebot/start/${INSTANCE}`);
		expect(req.body).toEqual({
			remoteJid: '5511999999999@s.whatsapp.net',
			url: 'https://typebot.example.com',
			typebot: 'my-flow',
			startSession: true,
			variables: [
				{ name: 'customerName', value: 'Ana' },
				{ name: 'plan', value: 'gold' },
			],
		});
		expect(result.items[0].json).toMatchObject({ typebot: { typebot: { prefilledVariables: { customerName: 'Ana', plan: 'gold' } } } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('accepts the empty answer the server gives for status@broadcast', async () => {
		const result = await run('typebot', 'start', { remoteJid: 'status@broadcast', url: 'https://typebot.example.com', typebot: 'my-flow' });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/typebot/start/${INSTANCE}`).body).toEqual({
			remoteJid: 'status@broadcast',
			url: 'https://typebot.example.com',
			typebot: 'my-flow',
		});
		expect(result.items[0].json).toEqual({ success: true });
	});

	it.each([
		['a variable given twice', { options: { variables: { variable: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } } }, 'Variables → Name "a" is given twice'],
		['a URL without scheme', { url: 'typebot.example.com' }, 'Typebot URL "typebot.example.com" is not a valid URL'],
		['an empty public ID from an expression', { typebot: '={{ "" }}' }, 'Public ID is empty'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('typebot', 'start', {
			remoteJid: '5511999999999',
			url: 'https://typebot.example.com',
			typebot: 'my-flow',
			...(parameters as INodeParameters),
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('OpenAI credentials', () => {
	it('Create Credential (POST /openai/creds) stores name and key', async () => {
		const result = await run('openAi', 'createCredential', { credentialName: 'sales', apiKey: 'sk-abc' });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/openai/creds/${INSTANCE}`);
		expect(req.status).toBe(201);
		expect(req.body).toEqual({ name: 'sales', apiKey: 'sk-abc' });
		expect(result.items[0].json).toMatchObject({ name: 'sales' });
	});

	it('Create Credential explains a name already used on the server', async () => {
		seedCreds('c1', 'sales');
		const result = await run('openAi', 'createCredential', { credentialName: 'sales', apiKey: 'sk-abc' });
		expect(fake.lastRequest()?.status).toBe(500);
		expect(result.error?.message).toBe('The Evolution API server failed: Error creating openai creds');
		expect(result.error?.description).toContain('unique on the whole server');
	});

	it('Get Many Credentials (GET /openai/creds) lists them, limited, and says the keys are included', async () => {
		seedCreds('c1', 'one');
		seedCreds('c2', 'two');
		const result = await run('openAi', 'getAllCredentials', { returnAll: false, limit: 1 });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'GET', `/openai/creds/${INSTANCE}`);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 'c1', apiKey: 'sk-c1' });
		const definition = resources.find((r) => r.value === 'openAi')!.operations.find((op) => op.value === 'getAllCredentials')!;
		expect(definition.description).toContain('the output contains each OpenAI API key');
	});

	it('Delete Credential (DELETE /openai/creds/{openaiCredsId}) deletes it', async () => {
		seedCreds('c1', 'one');
		const result = await run('openAi', 'deleteCredential', { openaiCredsId: byId('c1') });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'DELETE', `/openai/creds/c1/${INSTANCE}`);
		expect(result.items[0].json).toEqual({ openaiCreds: { id: 'c1' } });
		expect(fake.state.openaiCreds.has('c1')).toBe(false);
	});

	it('Delete Credential explains a credential still in use', async () => {
		seedCreds('c1', 'one');
		seedBot('openai', 'b1', { openaiCredsId: 'c1', botType: 'assistant', assistantId: 'asst_1' });
		const result = await run('openAi', 'deleteCredential', { openaiCredsId: byId('c1') });
		expect(fake.lastRequest()?.status).toBe(500);
		expect(result.error?.description).toContain('still use it');
		expect(fake.state.openaiCreds.has('c1')).toBe(true);
	});

	it('Get Many Models (GET /openai/getModels) sends only the documented openaiCredsId query', async () => {
		seedCreds('c1', 'one');
		const result = await run('openAi', 'getAllModels', { modelOptions: { openaiCredsId: 'c1' }, returnAll: true });
		expect(result.error).toBeUndefined();
		expectCall(fake.lastRequest(), 'GET', `/openai/getModels/${INSTANCE}`, { openaiCredsId: 'c1' });
		expect(result.items.map((item) => item.json.id)).toEqual(['gpt-4o', 'gpt-4o-mini', 'gpt-3.5-turbo']);

		const limited = await run('openAi', 'getAllModels', { returnAll: false, limit: 2 });
		expect(limited.error?.description).toContain('choose an OpenAI Credential');
		expect(fake.lastRequest()?.query).toEqual({});
	});
});

describe('OpenAI bot types', () => {
	beforeEach(() => seedCreds('creds-1', 'main'));

	it('creates an Assistant bot with its assistant ID and no chat-completion fields', async () => {
		const result = await run('openAi', 'create', {
			openaiCredsId: { __rl: true, mode: 'list', value: 'creds-1', cachedResultName: 'main' },
			botType: 'assistant',
			assistantId: 'asst_123',
			model: 'ignored',
			triggerType: 'all',
			additionalFields: { functionUrl: 'https://api.example.com/fn', systemMessages: ['Be brief'] },
		});
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/openai/create/${INSTANCE}`).body).toEqual({
			enabled: true,
			openaiCredsId: 'creds-1',
			botType: 'assistant',
			assistantId: 'asst_123',
			triggerType: 'all',
			functionUrl: 'https://api.example.com/fn',
			systemMessages: ['Be brief'],
		});
	});

	it('refuses an Assistant bot without assistant ID before any request', async () => {
		const result = await run('openAi', 'create', { openaiCredsId: byId('creds-1'), botType: 'assistant', assistantId: '={{ " " }}', triggerType: 'all' });
		expect(result.error?.message).toBe('Assistant ID is empty');
		expect(fake.requests).toHaveLength(0);
	});

	it('explains the duplicate-bot check (same model and max tokens)', async () => {
		seedBot('openai', 'b1', { openaiCredsId: 'creds-1', botType: 'chatCompletion', model: 'gpt-4o', maxTokens: 300 });
		const result = await run('openAi', 'create', {
			openaiCredsId: byId('creds-1'),
			botType: 'chatCompletion',
			model: 'gpt-4o',
			maxTokens: 300,
			triggerType: 'keyword',
			triggerOperator: 'equals',
			triggerValue: 'other',
		});
		expect(result.error?.message).toBe('The Evolution API server failed: Openai Bot already exists');
		expect(result.error?.description).toContain('assistant, or model and max tokens');
	});

	it('explains the one-"all"-bot rule', async () => {
		seedBot('openai', 'b1', { openaiCredsId: 'creds-1', botType: 'assistant', assistantId: 'asst_1', triggerType: 'all' });
		const result = await run('openAi', 'create', { openaiCredsId: byId('creds-1'), botType: 'assistant', assistantId: 'asst_2', triggerType: 'all' });
		expect(result.error?.message).toContain('with an "All" trigger');
		expect(result.error?.description).toContain('Only one enabled OpenAI bot per instance may use the All Messages trigger');
	});

	it('refuses switching to Assistant without an assistant ID, after reading the bot and before writing', async () => {
		seedBot('openai', 'b1', { openaiCredsId: 'creds-1', botType: 'chatCompletion', model: 'gpt-4o', maxTokens: 300, assistantId: null });
		const result = await run('openAi', 'update', { botId: byId('b1'), updateFields: { botType: 'assistant' } });
		expect(result.error?.message).toBe('Assistant ID is required');
		expect(fake.requests.map((req) => req.method)).toEqual(['GET']);
	});

	it('changes the credential of a bot through Update Fields', async () => {
		seedCreds('creds-2', 'second');
		seedBot('openai', 'b1', { openaiCredsId: 'creds-1', botType: 'chatCompletion', model: 'gpt-4o', maxTokens: 300 });
		const result = await run('openAi', 'update', { botId: byId('b1'), updateFields: { openaiCredsId: 'creds-2', userMessages: ['Hi'] } });
		expect(result.error).toBeUndefined();
		const body = expectCall(fake.lastRequest(), 'PUT', `/openai/update/b1/${INSTANCE}`).body as IDataObject;
		expect(body).toMatchObject({ openaiCredsId: 'creds-2', userMessages: ['Hi'], model: 'gpt-4o', maxTokens: 300 });
	});

	it('refuses OpenAI default settings without a credential (replace mode), before any request', async () => {
		const result = await run('openAi', 'setSettings', { updateMode: 'replace', defaultSettings: { expire: 5 } });
		expect(result.error?.message).toBe('OpenAI Credential is required');
		expect(fake.requests).toHaveLength(0);
	});

	it('sends the credential and speech to text in the OpenAI default settings', async () => {
		const result = await run('openAi', 'setSettings', {
			updateMode: 'merge',
			defaultSettings: { openaiCredsId: 'creds-1', speechToText: true },
		});
		expect(result.error).toBeUndefined();
		const body = expectCall(fake.lastRequest(), 'POST', `/openai/settings/${INSTANCE}`).body as IDataObject;
		expect(body).toMatchObject({ openaiCredsId: 'creds-1', speechToText: true, expire: 300 });
		expect(body).not.toHaveProperty('splitMessages');
	});

	// Seen on the real 2.3.6 server: any fallbackId next to the credential ends in 500.
	it('leaves fallbackId out of the OpenAI default settings, which 2.3.6 refuses with a credential', async () => {
		const refused = await fetch(`${fake.url}/openai/settings/${INSTANCE}`, {
			method: 'POST',
			headers: { apikey: API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ openaiCredsId: 'creds-1', expire: 0, keywordFinish: 'bye', delayMessage: 1000, unknownMessage: 'x', listeningFromMe: false, stopBotFromMe: false, keepOpen: false, debounceTime: 0, ignoreJids: [], fallbackId: null }),
		});
		expect(refused.status).toBe(500);
		fake.requests.length = 0;
		const result = await run('openAi', 'setSettings', { updateMode: 'replace', defaultSettings: { openaiCredsId: 'creds-1' } });
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/openai/settings/${INSTANCE}`).body).not.toHaveProperty('fallbackId');
	});
});

describe('Dify bot types', () => {
	it('creates a workflow bot and refuses an unknown bot type from an expression', async () => {
		const ok = await run('dify', 'create', {
			botType: 'workflow',
			apiUrl: 'https://api.dify.ai/v1',
			apiKey: 'app-1',
			triggerType: 'none',
		});
		expect(ok.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/dify/create/${INSTANCE}`).body).toEqual({
			enabled: true,
			botType: 'workflow',
			apiUrl: 'https://api.dify.ai/v1',
			apiKey: 'app-1',
			triggerType: 'none',
		});
		fake.requests.length = 0;
		const bad = await run('dify', 'create', { botType: '={{ "chat" }}', apiUrl: 'https://api.dify.ai/v1', apiKey: 'app-1', triggerType: 'none' });
		expect(bad.error?.message).toBe('Bot Type "chat" is not valid');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('errors shared by the chatbot routes', () => {
	const flowise = { apiUrl: 'https://flowise.example.com/api/v1/prediction/abc', triggerType: 'keyword', triggerOperator: 'equals' };

	it('explains an unknown instance (404)', async () => {
		const result = await run('flowise', 'getAll', { returnAll: true, instanceName: instanceParam('missing') });
		expect(fake.lastRequest()?.status).toBe(404);
		expect(result.error?.message).toBe('The instance "missing" does not exist on this server');
	});

	it("explains a 400 in the server's validator shape", async () => {
		fake.failNext('flowise.create', {
			status: 400,
			body: { status: 400, error: 'Bad Request', response: { message: [['instance requires property "enabled"']] } },
		});
		const result = await run('flowise', 'create', { ...flowise, triggerValue: 'hi' });
		expect(result.error?.message).toBe('The Evolution API server rejected the request: instance requires property "enabled"');
		expect(result.error).toMatchObject({ httpCode: '400' });
	});

	it('sends one request per input item, each with its own values', async () => {
		const result = await run(
			'flowise',
			'create',
			{ ...flowise, triggerValue: '={{ $json.keyword }}' },
			{ items: [{ json: { keyword: 'one' } }, { json: { keyword: 'two' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(fake.requests.map((req) => (req.body as IDataObject).triggerValue)).toEqual(['one', 'two']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('with Continue On Fail, turns a failing item into an error item and runs the others', async () => {
		const result = await run(
			'flowise',
			'create',
			{ ...flowise, triggerValue: '={{ $json.keyword }}' },
			{ items: [{ json: { keyword: 'dup' } }, { json: { keyword: 'dup' } }, { json: { keyword: '' } }, { json: { keyword: 'ok' } }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items[0].json).toMatchObject({ triggerValue: 'dup' });
		expect(result.items[1].json).toMatchObject({ error: 'The Evolution API server failed: Trigger already exists', httpCode: '500' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json).toMatchObject({ error: 'A Keyword trigger needs a Trigger Operator and a Trigger Value' });
		expect(result.items[2].pairedItem).toEqual({ item: 2 });
		expect(result.items[3].json).toMatchObject({ triggerValue: 'ok' });
		expect(fake.requests).toHaveLength(3);
	});

	it('refuses wrong types from expressions by field name, before any request', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[{ additionalFields: { expire: '={{ "soon" }}' } }, 'Expire (Minutes) must be a whole number, but got "soon"'],
			[{ additionalFields: { delayMessage: -5 } }, 'Delay per Message (Ms) must be between 0 and ∞, but got -5'],
			[{ additionalFields: { ignoreJids: '={{ { a: 1 } }}' } }, 'Ignored Chats must be a list of chats'],
			[{ additionalFields: { listeningFromMe: '={{ "yes" }}' } }, 'Listen to My Messages must be true or false'],
			[{ apiUrl: 'ftp://flowise.example.com' }, 'API URL "ftp://flowise.example.com" is not a valid URL'],
			[{ triggerValue: '={{ { a: 1 } }}' }, 'Trigger Value must be text, but the expression gave an object'],
		];
		for (const [parameters, message] of cases) {
			const result = await run('flowise', 'create', { ...flowise, triggerValue: 'hi', ...parameters });
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.itemIndex).toBe(0);
		}
		expect(fake.requests).toHaveLength(0);
	});

	it('explains a Get of a bot that does not exist', async () => {
		const result = await run('flowise', 'get', { botId: byId('nope') });
		expect(fake.lastRequest()?.status).toBe(500);
		expect(result.error?.message).toBe('The Evolution API server failed: Flowise not found');
		expect(result.error?.description).toContain('No Flowise bot with this ID exists');
	});

	it('explains a Get answered with null (how the server reports an unknown ID)', async () => {
		fake.failNext('flowise.fetch', { status: 200, body: null });
		const result = await run('flowise', 'get', { botId: byId('nope') });
		expect(result.error?.message).toBe(`No Flowise bot with ID "nope" exists on instance "${INSTANCE}"`);
	});
});

describe('editor lists', () => {
	function loadOptionsContext(instance: string | undefined, defaultInstance = ''): ILoadOptionsFunctions {
		const context = {
			getNode: () => ({ id: '1', name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCurrentNodeParameter: (name: string) => (name === 'instanceName' ? instance : undefined),
			getCredentials: async () => ({ serverUrl: fake.url, apiKey: API_KEY, defaultInstance }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string }) => {
					const response = await fetch(options.url, { method: options.method, headers: { apikey: API_KEY } });
					return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
				},
			},
		};
		return context as unknown as ILoadOptionsFunctions;
	}

	it('registers a uniquely named bot list per integration, and the credential lists', () => {
		expect(Object.keys(methods.listSearch).sort()).toEqual(
			expect.arrayContaining([
				'searchDifyBots',
				'searchEvoAiBots',
				'searchEvolutionBotBots',
				'searchFlowiseBots',
				'searchN8nBots',
				'searchOpenAiBots',
				'searchOpenAiCredentials',
				'searchTypebotBots',
			]),
		);
		expect(Object.keys(methods.loadOptions)).toEqual(expect.arrayContaining(['getTypebotBots', 'getOpenAiCredentials']));
	});

	it('lists Typebot bots by description and trigger, filtered', async () => {
		seedBot('typebot', 'b1', { description: 'Sales', typebot: 'sales-flow' });
		seedBot('typebot', 'b2', { description: null, typebot: 'support-flow', triggerType: 'all', enabled: false });
		const all = await methods.listSearch.searchTypebotBots.call(loadOptionsContext(INSTANCE));
		expectCall(fake.lastRequest(), 'GET', `/typebot/find/${INSTANCE}`);
		expect(all.results).toEqual([
			{ name: 'Sales (equals "b1")', value: 'b1' },
			{ name: 'support-flow (all messages, disabled)', value: 'b2' },
		]);
		const filtered = await methods.listSearch.searchTypebotBots.call(loadOptionsContext(INSTANCE), 'support');
		expect(filtered.results.map((entry: { value: string }) => entry.value)).toEqual(['b2']);
	});

	it("uses the credential's default instance for the fallback list", async () => {
		seedBot('dify', 'd1', { description: 'Helper', botType: 'chatBot' });
		const options = await methods.loadOptions.getDifyBots.call(loadOptionsContext('', INSTANCE));
		expectCall(fake.lastRequest(), 'GET', `/dify/find/${INSTANCE}`);
		expect(options).toEqual([{ name: 'Helper (equals "d1")', value: 'd1' }]);
	});

	it('lists OpenAI credentials by name without their keys', async () => {
		seedCreds('c1', 'main');
		const result = await methods.listSearch.searchOpenAiCredentials.call(loadOptionsContext(INSTANCE));
		expectCall(fake.lastRequest(), 'GET', `/openai/creds/${INSTANCE}`);
		expect(result.results).toEqual([{ name: 'main', value: 'c1' }]);
		expect(JSON.stringify(result)).not.toContain('sk-');
	});

	it('asks for an instance when none is selected', async () => {
		await expect(methods.listSearch.searchN8nBots.call(loadOptionsContext(''))).rejects.toThrow('Select an instance first');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('resource names', () => {
	it('shows n8n in its own spelling', () => {
		expect(resources.find((resource) => resource.value === 'n8nBot')?.name).toBe('n8n Bot');
	});
});

describe('route coverage', () => {
	it('called Typebot Start and the four OpenAI credential/model routes with valid requests', () => {
		seen.push(...fake.requests);
		const expected = ['typebot.start', 'openai.createCreds', 'openai.findCreds', 'openai.deleteCreds', 'openai.getModels'];
		const valid = new Set(
			seen
				.filter((req) => req.route && req.status > 0 && req.status < 300 && req.validationErrors.length === 0 && req.violations.length === 0)
				.map((req) => `${req.route!.group}.${req.route!.name}`),
		);
		expect(expected.filter((key) => !valid.has(key))).toEqual([]);
	});
});
