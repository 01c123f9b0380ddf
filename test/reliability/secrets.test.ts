/**
 * Secrets never reach error messages, error descriptions, the recorded error, Continue On Fail
 * error items or anything logged: the API key (credential), instance tokens (the `token` of
 * Instance → Create and the `hash` it answers), webhook header secrets, the webhook `jwt_key`,
 * bearer JWTs, and the other secrets operations carry (OpenAI API key, proxy password).
 *
 * Every error path is taken with the secrets planted where a careless implementation would echo
 * them: in the credential, in the request body, and in the server's error bodies (every fault
 * mode of the contract fake echoes them back), plus the fake's real 401/404 answers, network
 * failures and a validation error before sending.
 *
 * The recorded error (`result.error`) is checked whole, except its `node`: n8n attaches the node
 * with its parameters, as the user typed them, to every error (that is n8n's design, and the
 * parameters are where the user put the secret); the credential's API key is not among them, so
 * for the API key the whole recorded error is checked.
 *
 * The secrets are built at run time (no literal in the repository looks like a credential).
 */
import { randomBytes } from 'node:crypto';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { signHs256 } from '../../nodes/shared/jwt';
import type { Fault, FakeEvolution } from '../fake';
import { closedPort, instanceParam, runAction, startFake, type RunActionOptions } from '../helpers/evolution';
import { captureLogs, errorWithoutNode, type LogCapture } from './helpers';

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

const API_KEY = secret('apikey');
const INSTANCE_TOKEN = secret('insttoken');
const NEW_INSTANCE_TOKEN = secret('newtoken');
const WEBHOOK_SECRET = secret('whsecret');
const JWT_KEY = secret('jwtkey');
const BEARER_JWT = signHs256({ sub: 'n8n', iat: 1700000000 }, secret('signing'));
const OPENAI_KEY = secret('openaikey');
const PROXY_PASSWORD = secret('proxypass');
const WRONG_KEY = secret('wrongkey');

const SECRETS: Record<string, string> = {
	API_KEY,
	INSTANCE_TOKEN,
	NEW_INSTANCE_TOKEN,
	WEBHOOK_SECRET,
	JWT_KEY,
	BEARER_JWT,
	OPENAI_KEY,
	PROXY_PASSWORD,
	WRONG_KEY,
};

/** What a server (or a proxy, or a careless handler) could send back: the given secrets, in several shapes. */
function echoOf(names: string[]): string {
	const parts: Record<string, string> = {
		API_KEY: `apikey: ${API_KEY}`,
		INSTANCE_TOKEN: `token ${INSTANCE_TOKEN}`,
		NEW_INSTANCE_TOKEN: `"token":"${NEW_INSTANCE_TOKEN}"`,
		WEBHOOK_SECRET: `x-evolution-secret=${WEBHOOK_SECRET}`,
		JWT_KEY: `jwt_key ${JWT_KEY}`,
		BEARER_JWT: `Authorization: Bearer ${BEARER_JWT}; signed ${BEARER_JWT}`,
		OPENAI_KEY: `apiKey=${OPENAI_KEY}`,
		PROXY_PASSWORD: `password ${PROXY_PASSWORD}`,
	};
	return names.map((name) => parts[name]).join(', ');
}

const html = (text: string) => `<!DOCTYPE html><html><head><title>${text}</title></head><body>${text}</body></html>`;

/** The fault modes of the contract fake, each echoing `echo`. */
function faults(echo: string): Array<[string, Fault]> {
	return [
		['400 with the secrets in the message', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [echo] } } }],
		['400 schema errors echoing the body', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [['Invalid format', echo]] } } }],
		['400 group validator shape', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [{ property: 'instance', message: echo }] } } }],
		['400 business (Meta) shape', { status: 400, body: { status: 400, error: 'Bad Request', message: echo, details: { error_user_msg: echo, whatsapp_error: echo } } }],
		['401 echoing the key', { status: 401, body: { status: 401, error: 'Unauthorized', response: { message: echo } } }],
		['403 already in use', { status: 403, body: { status: 403, error: 'Forbidden', response: { message: [`This name "x" is already in use. ${echo}`] } } }],
		['404 unknown route with the secrets in the query', { status: 404, body: { status: 404, error: 'Not Found', response: { message: [`Cannot POST /x?${encodeURI(echo)}`] } } }],
		['404 not found', { status: 404, body: { status: 404, error: 'Not Found', response: { message: [echo] } } }],
		['500 JSON', { status: 500, body: { status: 500, error: 'Internal Server Error', response: { message: echo } } }],
		['500 raw Boom object', { status: 500, body: { isBoom: true, output: { statusCode: 500, payload: { message: echo } } } }],
		['500 plain text', { status: 500, body: echo, contentType: 'text/plain' }],
		['500 HTML page', { status: 500, body: html(echo), contentType: 'text/html' }],
		['502 proxy page', { status: 502, body: html(echo), contentType: 'text/html' }],
		['200 with {error: true}', { status: 200, body: { error: true, message: echo } }],
		['200 that is not JSON', { status: 200, body: echo, contentType: 'text/plain' }],
		['201 truncated JSON', { status: 201, body: `{"echo":"${echo}`, contentType: 'application/json' }],
		['200 HTML page', { status: 200, body: html(echo), contentType: 'text/html' }],
		['201 empty body', { status: 201, body: '', contentType: 'application/json' }],
		['a reset connection', { destroy: true }],
		['a server that never answers', { hang: true }],
	];
}

interface Scenario {
	name: string;
	parameters: INodeParameters;
	/** The secrets the node holds in this run (credential key and request body): the server echoes them. */
	secrets: string[];
	credentialKey?: string;
}

/** Operations carrying secrets in the credential or in their request body. */
const SCENARIOS: Scenario[] = [
	{ name: 'Message → Send Text (global API key)', parameters: { resource: 'message', operation: 'sendText', remoteJid: '5511988887777', text: 'hi' }, secrets: ['API_KEY'] },
	{
		name: 'Message → Send Text (an instance token as the API key)',
		parameters: { resource: 'message', operation: 'sendText', remoteJid: '5511988887777', text: 'hi' },
		secrets: ['INSTANCE_TOKEN'],
		credentialKey: INSTANCE_TOKEN,
	},
	{
		name: 'Event → Set Webhook (secret header, jwt_key, bearer JWT)',
		parameters: {
			resource: 'event',
			operation: 'setWebhook',
			updateMode: 'replace',
			enabled: true,
			webhookUrl: 'https://hooks.example.com/evolution',
			options: {
				webhookHeaders: {
					header: [
						{ name: 'x-evolution-secret', value: WEBHOOK_SECRET },
						{ name: 'jwt_key', value: JWT_KEY },
						{ name: 'authorization', value: `Bearer ${BEARER_JWT}` },
					],
				},
			},
		},
		secrets: ['API_KEY', 'WEBHOOK_SECRET', 'JWT_KEY', 'BEARER_JWT'],
	},
	{
		name: 'Instance → Create (instance token)',
		parameters: { resource: 'instance', operation: 'create', newInstanceName: 'fresh', additionalFields: { token: NEW_INSTANCE_TOKEN } },
		secrets: ['API_KEY', 'NEW_INSTANCE_TOKEN'],
	},
	{
		name: 'OpenAI → Create Credential (OpenAI API key)',
		parameters: { resource: 'openAi', operation: 'createCredential', credentialName: 'main', apiKey: OPENAI_KEY },
		secrets: ['API_KEY', 'OPENAI_KEY'],
	},
	{
		name: 'Proxy → Set (password)',
		parameters: {
			resource: 'proxy',
			operation: 'set',
			updateMode: 'replace',
			enabled: true,
			proxyHost: 'proxy.example.com',
			proxyPort: 8080,
			proxyProtocol: 'http',
			options: { proxyUsername: 'user', proxyPassword: PROXY_PASSWORD },
		},
		secrets: ['API_KEY', 'PROXY_PASSWORD'],
	},
];

/** Names of the secrets found in `text`. */
function leaked(text: string): string[] {
	return Object.entries(SECRETS)
		.filter(([, value]) => text.includes(value))
		.map(([name]) => name);
}

describe('secrets never appear in errors, error items or logs', () => {
	let fake: FakeEvolution;
	let logs: LogCapture;
	beforeAll(async () => {
		fake = await startFake({ apiKey: API_KEY, instances: [{ name: 'inst', token: INSTANCE_TOKEN, state: 'open' }] });
	});
	afterAll(async () => await fake.close());
	beforeEach(() => {
		fake.resetState();
		logs = captureLogs();
	});
	afterEach(() => logs.restore());

	const run = async (options: RunActionOptions, credentialKey = API_KEY) =>
		await runAction(fake, { ...options, credentials: { apiKey: credentialKey, ...options.credentials } });

	/** Everything the user (or a log collector) sees of a failed run. */
	function expectNoLeak(result: Awaited<ReturnType<typeof run>>, continueOnFail: boolean): void {
		const seen: Record<string, string> = {};
		if (continueOnFail) {
			expect(result.items.length).toBeGreaterThan(0);
			const errorItems = result.items.filter((item) => item.json.error !== undefined);
			expect(errorItems.length).toBeGreaterThan(0);
			seen['error items'] = JSON.stringify(errorItems);
		} else {
			expect(result.error).toBeDefined();
			seen['error.message'] = String(result.error?.message);
			seen['error.description'] = String(result.error?.description);
			seen['JSON.stringify(error) without node'] = errorWithoutNode(result.error);
			// The credential is never part of the node: the whole recorded error must be free of the key.
			expect(JSON.stringify(result.error)).not.toContain(API_KEY);
		}
		seen.logs = logs.text();
		const leaks = Object.entries(seen)
			.map(([where, text]) => [where, leaked(text)] as const)
			.filter(([, names]) => names.length > 0)
			.map(([where, names]) => `${where}: ${names.join(', ')}`);
		expect(leaks).toEqual([]);
	}

	describe.each(SCENARIOS)('$name', (scenario) => {
		for (const [label, fault] of faults(echoOf(scenario.secrets))) {
			for (const continueOnFail of [false, true]) {
				const title = `${label}${continueOnFail ? ' (Continue On Fail)' : ''}`;
				it(title, async () => {
					fake.failNext('*', fault);
					const hangs = 'hang' in fault;
					const result = await run(
						{ parameters: { ...scenario.parameters, ...(hangs ? { requestOptions: { timeout: 300 } } : {}) }, continueOnFail },
						scenario.credentialKey,
					);
					expect(fake.requests).toHaveLength(1);
					expectNoLeak(result, continueOnFail);
				});
			}
		}
	});

	describe('answers of the fake itself', () => {
		it('401 for a wrong key (an unknown token as the credential key)', async () => {
			const result = await run({ parameters: SCENARIOS[2].parameters, credentials: { apiKey: WRONG_KEY } });
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			expect(JSON.stringify(result.error)).not.toContain(WRONG_KEY);
			expectNoLeak(result, false);
		});

		it('401 for an instance token used where the global key is needed (Instance → Create)', async () => {
			const result = await run({ parameters: SCENARIOS[3].parameters, credentials: { apiKey: INSTANCE_TOKEN } });
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			expect(JSON.stringify(result.error)).not.toContain(INSTANCE_TOKEN);
			expectNoLeak(result, false);
		});

		it('404 for an unknown instance, with an instance token as the key', async () => {
			const result = await run({
				parameters: { ...SCENARIOS[2].parameters, instanceName: instanceParam('ghost') },
				credentials: { apiKey: INSTANCE_TOKEN },
			});
			expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
			expect(JSON.stringify(result.error)).not.toContain(INSTANCE_TOKEN);
			expectNoLeak(result, false);
		});

		it('with Continue On Fail, 401 and 404 items carry no secret', async () => {
			const items: INodeExecutionData[] = [{ json: { instance: 'inst' } }, { json: { instance: 'ghost' } }];
			const result = await run({
				parameters: { ...SCENARIOS[2].parameters, instanceName: instanceParam('={{ $json.instance }}') },
				credentials: { apiKey: WRONG_KEY },
				items,
				continueOnFail: true,
			});
			expect(result.items.map((item) => item.json.httpCode)).toEqual(['401', '404']);
			expectNoLeak(result, true);
		});

		it('connection refused', async () => {
			const port = await closedPort();
			const result = await run({ parameters: SCENARIOS[2].parameters, credentials: { serverUrl: `http://127.0.0.1:${port}` } });
			expect(result.error).toMatchObject({ name: 'NodeApiError' });
			expectNoLeak(result, false);
		});

		it('a validation error before sending (an invalid header name next to the secrets)', async () => {
			const parameters = structuredClone(SCENARIOS[2].parameters) as INodeParameters & { options: { webhookHeaders: { header: Array<{ name: string }> } } };
			parameters.options.webhookHeaders.header[0].name = 'x evolution secret';
			const result = await run({ parameters });
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(fake.requests).toHaveLength(0);
			expectNoLeak(result, false);
		});

		it('a validation error quoting a header whose secret value has a line break', async () => {
			const parameters = structuredClone(SCENARIOS[2].parameters) as INodeParameters & { options: { webhookHeaders: { header: Array<{ value: string }> } } };
			parameters.options.webhookHeaders.header[0].value = `${WEBHOOK_SECRET}\nX-Injected: 1`;
			const result = await run({ parameters });
			expect(result.error).toMatchObject({ name: 'NodeOperationError' });
			expect(fake.requests).toHaveLength(0);
			expectNoLeak(result, false);
		});
	});

	describe('success paths', () => {
		it('Instance → Create keeps the instance token (hash) in the output, and logs nothing of it', async () => {
			const result = await run({ parameters: SCENARIOS[3].parameters });
			expect(result.error).toBeUndefined();
			// The hash is the user's data: the node hands it on.
			expect(JSON.stringify(result.items[0].json)).toContain(NEW_INSTANCE_TOKEN);
			expect(leaked(logs.text())).toEqual([]);
		});

		it('Instance → Create with a server-generated token: the hash is output, never logged', async () => {
			const result = await run({ parameters: { resource: 'instance', operation: 'create', newInstanceName: 'generated' } });
			expect(result.error).toBeUndefined();
			const hash = JSON.stringify(result.items[0].json).match(/"hash":"([^"]+)"/)?.[1];
			expect(hash).toBeTruthy();
			expect(logs.text()).not.toContain(hash!);
		});

		it('Event → Set Webhook and Get Webhook log none of the header secrets', async () => {
			expect((await run({ parameters: SCENARIOS[2].parameters })).error).toBeUndefined();
			const read = await run({ parameters: { resource: 'event', operation: 'getWebhook' } });
			expect(read.error).toBeUndefined();
			expect(leaked(logs.text())).toEqual([]);
		});
	});
});
