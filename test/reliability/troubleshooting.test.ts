/**
 * docs/troubleshooting.md is built from what the node really says: every situation below is
 * produced against the contract fake (fault modes, real 401/404 answers, bad input), and its
 * message and description are written into the generated sections of the document, next to a
 * hand-written explanation. The "Which operations are safe to retry" list comes from the
 * operations' `idempotent` flag.
 *
 *   npx jest test/reliability/troubleshooting.test.ts                  checks the document
 *   UPDATE_DOCS=1 npx jest test/reliability/troubleshooting.test.ts     rewrites its generated sections
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeParameters } from 'n8n-workflow';

import { resources } from '../../nodes/EvolutionApi/actions';
import { buildApiError } from '../../nodes/shared/errors';
import { readSection, replaceSections } from '../../scripts/lib/operations-table';
import type { Fault, FakeEvolution } from '../fake';
import { closedPort, instanceParam, runAction, startFake, type RunActionOptions } from '../helpers/evolution';

const DOC = join(__dirname, '..', '..', 'docs', 'troubleshooting.md');
const INSTANCE = 'sales';
const PHONE = '5511988887777';
const sendText: INodeParameters = { resource: 'message', operation: 'sendText', remoteJid: PHONE, text: 'Hello' };

interface Situation {
	/** Heading: the message users see, shortened when it carries their data. */
	title: string;
	/** Hand-written: what happened. */
	meaning: string;
	/** Produces the error; the message and description in the document are the node's own. */
	produce: (fake: FakeEvolution) => Promise<{ name?: string; message?: string; description?: string | null } | undefined>;
}

const html = (title: string) => `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

async function run(fake: FakeEvolution, options: Partial<RunActionOptions> & { parameters?: INodeParameters }, fault?: Fault) {
	if (fault) fake.failNext('*', fault);
	const result = await runAction(fake, { ...options, parameters: { instanceName: instanceParam(INSTANCE), ...sendText, ...options.parameters } });
	return result.error;
}

const node = { name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
/** Network failures that cannot be produced offline come from the same function the transport calls. */
const network = (code: string) => async () => buildApiError(node, { method: 'POST', path: `/message/sendText/${INSTANCE}`, instance: INSTANCE, networkCode: code });

const SECTIONS: Array<{ name: string; heading: string; situations: Situation[] }> = [
	{
		name: 'errors-connection',
		heading: 'Reaching the server',
		situations: [
			{
				title: 'Could not connect to the Evolution API server',
				meaning: 'Nothing accepted the connection at the host and port of the Server URL (ECONNREFUSED).',
				produce: async (fake) => await run(fake, { credentials: { serverUrl: `http://127.0.0.1:${await closedPort()}` } }),
			},
			{
				title: 'The Evolution API server host name could not be found',
				meaning: 'DNS does not know the host of the Server URL (ENOTFOUND): usually a typo, or a host name only known inside another network (e.g. a Docker service name used from outside Docker).',
				produce: network('ENOTFOUND'),
			},
			{
				title: 'The Evolution API server host name could not be resolved',
				meaning: 'DNS did not answer at all (EAI_AGAIN): the n8n host has a network or resolver problem.',
				produce: network('EAI_AGAIN'),
			},
			{
				title: 'The Evolution API server did not answer in time',
				meaning: 'No complete answer arrived within Request Options → Timeout (60 s by default). The server may still have carried out the request: a message may have been sent.',
				produce: async (fake) => await run(fake, { parameters: { requestOptions: { timeout: 300 } } }, { hang: true }),
			},
			{
				title: 'The Evolution API server closed the connection',
				meaning: 'The connection was reset before an answer arrived: the server crashed or restarted, or a proxy dropped the request.',
				produce: async (fake) => await run(fake, {}, { destroy: true }),
			},
			{
				title: "The credential's Server URL is not a valid URL",
				meaning: 'The Server URL of the credential cannot be parsed as an http(s) URL.',
				produce: async (fake) => await run(fake, { credentials: { serverUrl: 'evolution example com' } }),
			},
			{
				title: 'The server does not know the route …',
				meaning: 'Something answered, but not an Evolution API 2.3.x server at that base URL: the Server URL has an extra path (e.g. /api), or the server is another version.',
				produce: async (fake) => await run(fake, { credentials: { serverUrl: `${fake.url}/api/v2` } }),
			},
			{
				title: 'The Server URL points at the Evolution manager UI, not at the API',
				meaning: 'A server answered "Cannot POST /manager/…": the Server URL ends in /manager (the web UI).',
				produce: async (fake) =>
					await run(fake, {}, { status: 404, body: { status: 404, error: 'Not Found', response: { message: [`Cannot POST /manager/message/sendText/${INSTANCE}`] } } }),
			},
			{
				title: 'The server answered with a web page instead of Evolution API data',
				meaning: 'An HTML page came back with HTTP 200: a website, a login page of a proxy, or the manager UI sits at the Server URL.',
				produce: async (fake) => await run(fake, {}, { status: 200, body: html('Login'), contentType: 'text/html' }),
			},
			{
				title: 'A proxy in front of the Evolution API server answered HTTP 502',
				meaning: 'A reverse proxy (nginx, Traefik, a load balancer) could not reach Evolution API behind it (also 503 and 504).',
				produce: async (fake) => await run(fake, {}, { status: 502, body: html('502 Bad Gateway'), contentType: 'text/html' }),
			},
		],
	},
	{
		name: 'errors-auth',
		heading: 'API key and instance',
		situations: [
			{
				title: 'The Evolution API server rejected the API key (401 Unauthorized), on an instance',
				meaning: "The credential's API Key is neither the server's AUTHENTICATION_API_KEY nor the token of the instance the operation names.",
				produce: async (fake) => await run(fake, { credentials: { apiKey: 'not-the-key' } }),
			},
			{
				title: 'The Evolution API server rejected the API key (401 Unauthorized), without an instance',
				meaning: 'Instance → Create, Instance → Get Many and Server → Verify Credentials need the global key; an instance token is refused there.',
				produce: async (fake) => await run(fake, { parameters: { resource: 'instance', operation: 'create', newInstanceName: 'support' }, credentials: { apiKey: `${INSTANCE}-token` } }),
			},
			{
				title: 'The instance "…" does not exist on this server',
				meaning: 'The server has no instance of that name (names are case-sensitive).',
				produce: async (fake) => await run(fake, { parameters: { instanceName: instanceParam('Sales') } }),
			},
			{
				title: 'No instance selected',
				meaning: 'The Instance field is empty and the credential has no Default Instance.',
				produce: async (fake) => await run(fake, { parameters: { instanceName: instanceParam('') } }),
			},
			{
				title: 'The instance name "…" is not valid',
				meaning: 'The name would change the URL the node calls ("/", "?", "#", "." or ".."), so it is refused before anything is sent.',
				produce: async (fake) => await run(fake, { parameters: { instanceName: instanceParam('sales/../other') } }),
			},
			{
				title: 'The instance "…" is not connected to WhatsApp',
				meaning: 'The server answered "Connection Closed": the instance exists but has no WhatsApp session (never connected, logged out, or the phone unlinked it).',
				produce: async (fake) =>
					await run(fake, {}, { status: 500, body: { status: 500, error: 'Internal Server Error', response: { message: 'Connection Closed' } } }),
			},
			{
				title: 'The instance "…" cannot be restarted: it is not connected to WhatsApp',
				meaning: 'Instance → Restart on a closed instance: the server answers HTTP 200 with {"error": true, "message": "[object Object]"}, its own message lost.',
				produce: async (fake) => await run(fake, { parameters: { resource: 'instance', operation: 'restart' } }, { status: 200, body: { error: true, message: '[object Object]' } }),
			},
			{
				title: 'This name "…" is already in use.',
				meaning: 'Instance → Create with the name of an existing instance.',
				produce: async (fake) => await run(fake, { parameters: { resource: 'instance', operation: 'create', newInstanceName: INSTANCE } }),
			},
		],
	},
	{
		name: 'errors-server',
		heading: 'Server answers',
		situations: [
			{
				title: 'The Evolution API server rejected the request: …',
				meaning: 'HTTP 400: the server validated the request and named what it did not accept; its own words follow the colon.',
				produce: async (fake) =>
					await run(fake, {}, { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [['Invalid format', 'instance requires property "text"']] } } }),
			},
			{
				title: "Meta's WhatsApp Cloud API refused the request (Template and Business Catalog)",
				meaning: 'Template and Business Catalog routes pass on the error of Meta\'s Graph API with HTTP 400.',
				produce: async (fake) =>
					await run(
						fake,
						{ parameters: { resource: 'template', operation: 'getAll' } },
						{ status: 400, body: { status: 400, error: 'Bad Request', message: 'Invalid OAuth access token', details: { whatsapp_error: 'Invalid OAuth access token', whatsapp_code: 190, error_user_msg: 'The access token is not valid', error_type: 'OAuthException', fbtrace_id: 'A1', type: 'whatsapp_api_error' } } },
					),
			},
			{
				title: "The Evolution API server could not reach Meta's WhatsApp Cloud API",
				meaning: "A Cloud API instance's Template or Business Catalog call failed on the server's own connection to graph.facebook.com (no internet, DNS or proxy on the server); n8n did reach Evolution API.",
				produce: async (fake) =>
					await run(
						fake,
						{ parameters: { resource: 'template', operation: 'getAll' } },
						{ status: 400, body: { status: 400, error: 'Bad Request', message: 'Connection error: getaddrinfo ENOTFOUND graph.facebook.com', details: { whatsapp_error: 'Connection error: getaddrinfo ENOTFOUND graph.facebook.com', type: 'whatsapp_api_error' } } },
					),
			},
			{
				title: 'The group was not found, so nothing was sent',
				meaning: 'A send to a group whose details the server cannot read (unknown group ID, not a member, or no session): the server answers 400 "[object Object]".',
				produce: async (fake) =>
					await run(
						fake,
						{ parameters: { resource: 'message', operation: 'sendText', remoteJid: '120363000000000099@g.us', text: 'Hi' } },
						{ status: 400, body: { status: 400, error: 'Bad Request', response: { message: ['[object Object]'] } } },
					),
			},
			{
				title: 'The Typebot integration is disabled on the Evolution API server',
				meaning: 'The server answered "<Name> is disabled": the integration\'s *_ENABLED variable is not true on the server (Typebot, OpenAI, Dify, Flowise, n8n, EvoAI, Chatwoot, S3).',
				produce: async (fake) => {
					fake.enabledIntegrations.typebot = false;
					try {
						return await run(fake, { parameters: { resource: 'typebot', operation: 'getAll' } });
					} finally {
						fake.enabledIntegrations.typebot = true;
					}
				},
			},
			{
				title: 'The rabbitmq integration is disabled on the Evolution API server',
				meaning: 'Event transports (WebSocket, RabbitMQ, SQS, NATS, Pusher, Kafka) answer with an empty body when their *_ENABLED variable is off.',
				produce: async (fake) => {
					fake.enabledIntegrations.rabbitmq = false;
					try {
						return await run(fake, { parameters: { resource: 'event', operation: 'setRabbitMq', enabled: true } });
					} finally {
						fake.enabledIntegrations.rabbitmq = true;
					}
				},
			},
			{
				title: 'This operation is not available for the channel of instance "…"',
				meaning: 'The operation exists only for Baileys (WhatsApp app) instances or only for Cloud API instances, and the instance uses the other channel.',
				produce: async (fake) =>
					await run(fake, {}, { status: 400, body: { status: 400, error: 'Bad Request', response: { message: ['Method not available on WhatsApp Business API'] } } }),
			},
			{
				title: 'Not found: …',
				meaning: 'HTTP 404 for something the request names (a message, a bot, a label), not for the instance.',
				produce: async (fake) =>
					await run(fake, { parameters: { resource: 'typebot', operation: 'delete', botId: { __rl: true, mode: 'id', value: 'cl0000000000000000000000' } } }, { status: 404, body: { status: 404, error: 'Not Found', response: { message: ['Typebot not found'] } } }),
			},
			{
				title: 'The Evolution API server had an internal error (HTTP 500)',
				meaning: 'The server failed while carrying out the request (with its reason when it gives one: "The Evolution API server failed: …").',
				produce: async (fake) => await run(fake, {}, { status: 500, body: '', contentType: 'application/json' }),
			},
			{
				title: 'The Evolution API server answered with data that is not valid JSON',
				meaning: 'The answer was cut off or is not JSON: a proxy truncated it, or something else answered.',
				produce: async (fake) => await run(fake, {}, { status: 201, body: '{"key":{"remoteJid":"55119', contentType: 'application/json' }),
			},
			{
				title: 'The Evolution API server answered with an empty body',
				meaning: 'HTTP 2xx without a body where the operation expects data.',
				produce: async (fake) => await run(fake, {}, { status: 201, body: '', contentType: 'application/json' }),
			},
		],
	},
	{
		name: 'errors-input',
		heading: 'Input refused before sending',
		situations: [
			{
				title: 'Recipient "…" is not a valid phone number',
				meaning: 'The value is neither a phone number (digits; "+", spaces, dashes and brackets are removed) nor a WhatsApp ID. Nothing was sent for this item.',
				produce: async (fake) => await run(fake, { parameters: { remoteJid: 'call me' } }),
			},
			{
				title: 'Recipient "…" has 5 digits; a phone number with country code has 8 to 15',
				meaning: 'The number is too short or too long to be a phone number with country and area code.',
				produce: async (fake) => await run(fake, { parameters: { remoteJid: '12345' } }),
			},
			{
				title: 'Recipient is a group ID ("…"), but a contact is needed here',
				meaning: 'A group ID (…@g.us) where the operation acts on a person (calls, block status, mentions, participants).',
				produce: async (fake) => await run(fake, { parameters: { resource: 'call', operation: 'offer', remoteJid: '120363025246125486@g.us', callDuration: 5 } }),
			},
			{
				title: 'Text is too long (70000 characters; the limit is 65536)',
				meaning: 'WhatsApp refuses longer texts; split them into several messages.',
				produce: async (fake) => await run(fake, { parameters: { text: 'x'.repeat(70000) } }),
			},
			{
				title: 'Text must be text, but the expression gave an object',
				meaning: 'An expression returned an object or a list where text is expected (e.g. {{ $json }} instead of {{ $json.text }}).',
				produce: async (fake) => await run(fake, { parameters: { text: '={{ { text: "Hello" } }}' } }),
			},
			{
				title: 'Base64 Content [item 0] is not valid base64',
				meaning: 'The Base64 Content field holds something other than base64 (or a data: URL with base64).',
				produce: async (fake) => await run(fake, { parameters: { operation: 'sendMedia', fileSource: 'base64', fileBase64: 'not base64!' } }),
			},
			{
				title: 'Input Data Field Name: item 0 has no binary field "data"',
				meaning: 'The input item carries no file under that name: the previous node did not output a file, or it uses another field name.',
				produce: async (fake) => await run(fake, { parameters: { operation: 'sendMedia', fileSource: 'binary', binaryPropertyName: 'data' } }),
			},
			{
				title: 'File at … is text/plain, but this operation needs audio',
				meaning: 'The file\'s MIME type does not fit the operation (a PDF as a sticker, a text file as a voice note).',
				produce: async (fake) => await run(fake, { parameters: { operation: 'sendWhatsAppAudio', fileSource: 'url', fileUrl: 'https://example.com/voice', options: { mimeType: 'text/plain' } } }),
			},
			{
				title: 'Answers must list 2 to 10 answers, but has 1',
				meaning: 'A poll needs 2 to 10 different answers; lists and buttons likewise need at least one row or button.',
				produce: async (fake) => await run(fake, { parameters: { operation: 'sendPoll', pollName: 'Lunch?', pollValues: { value: [{ text: 'Yes' }] }, selectableCount: 1 } }),
			},
			{
				title: 'Latitude must be between -90 and 90, but got 123',
				meaning: 'Coordinates out of range: latitude and longitude are probably swapped.',
				produce: async (fake) => await run(fake, { parameters: { operation: 'sendLocation', latitude: 123, longitude: 45 } }),
			},
		],
	},
];

function quote(text: string | null | undefined): string {
	const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
	return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

async function renderErrors(fake: FakeEvolution): Promise<Record<string, string>> {
	const sections: Record<string, string> = {};
	for (const section of SECTIONS) {
		const parts: string[] = [];
		for (const situation of section.situations) {
			fake.resetState();
			const error = await situation.produce(fake);
			if (!error?.message) throw new Error(`"${situation.title}" produced no error`);
			parts.push(
				[
					`#### ${situation.title}`,
					'',
					`- **Message:** \`${quote(error.message).replace(/`/g, "'")}\``,
					`- **What it means:** ${situation.meaning}`,
					`- **What to do:** ${quote(error.description) || '(no description)'}`,
				].join('\n'),
			);
		}
		sections[section.name] = parts.join('\n\n');
	}
	return sections;
}

function renderRetry(): string {
	const line = (resource: string, operation: string, method: string, path: string) => `| ${resource} | ${operation} | \`${method} ${path}\` |`;
	const reads: string[] = [];
	const writes: string[] = [];
	for (const resource of resources) {
		for (const operation of [...resource.operations].sort((a, b) => a.name.localeCompare(b.name))) {
			(operation.idempotent ? reads : writes).push(line(resource.name, operation.name, operation.route.method, operation.route.path));
		}
	}
	const header = ['| Resource | Operation | Route |', '| --- | --- | --- |'];
	return [
		`**Safe to retry (${reads.length} reads).** Enable n8n's *Retry On Fail* only on these:`,
		'',
		...header,
		...reads,
		'',
		`**Never retry automatically (${writes.length} sends and other writes).** The node never retries them; a timeout or a dropped connection does not mean nothing happened:`,
		'',
		...header,
		...writes,
	].join('\n');
}

describe('docs/troubleshooting.md', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake({ instances: [{ name: INSTANCE, token: `${INSTANCE}-token`, state: 'open' }] });
	});
	afterAll(async () => await fake.close());

	it('its generated sections match what the node says and the operations it has (UPDATE_DOCS=1 rewrites them)', async () => {
		const sections = { ...(await renderErrors(fake)), retry: renderRetry() };
		const doc = readFileSync(DOC, 'utf8');
		if (process.env.UPDATE_DOCS) {
			// The README's section helpers, typed for the README's sections: the markers work the same here.
			writeFileSync(DOC, replaceSections(doc, sections as Parameters<typeof replaceSections>[1]));
			return;
		}
		for (const [name, content] of Object.entries(sections)) expect(readSection(doc, name)).toBe(content);
	});

	it('lists every idempotent operation as safe to retry, and no other', () => {
		const retry = readSection(readFileSync(DOC, 'utf8'), 'retry');
		const [safe, never] = retry.split('**Never retry automatically');
		for (const resource of resources) {
			for (const operation of resource.operations) {
				const row = `| ${resource.name} | ${operation.name} | \`${operation.route.method} ${operation.route.path}\` |`;
				expect(operation.idempotent ? safe : never).toContain(row);
				expect(operation.idempotent ? never : safe).not.toContain(row);
			}
		}
	});

	it('every situation is produced by the node itself, mostly as the error class users see', async () => {
		const names = new Set<string>();
		for (const section of SECTIONS) {
			for (const situation of section.situations) {
				fake.resetState();
				const error = await situation.produce(fake);
				names.add(String(error?.name));
			}
		}
		expect([...names].sort()).toEqual(['NodeApiError', 'NodeOperationError']);
	});
});
