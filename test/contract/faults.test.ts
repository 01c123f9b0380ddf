/**
 * Server faults (modes of the contract fake) become NodeApiErrors that say what happened and
 * what to do, never leak the API key, and are never retried by the node.
 */

import type { FakeEvolution } from '../fake';
import { API_KEY, closedPort, INSTANCE, runAction, startFake } from '../helpers/evolution';

const sendText = { resource: 'message', operation: 'sendText', remoteJid: '5511988887777', text: 'hi' };

describe('server faults', () => {
	let fake: FakeEvolution;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	const html = (title: string) => `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

	it.each([
		['500 with an HTML body', { status: 500, body: html('Internal Server Error'), contentType: 'text/html' }, /internal error|failed: Internal Server Error/, /server logs/],
		['502 from a proxy', { status: 502, body: html('502 Bad Gateway'), contentType: 'text/html' }, /proxy .* HTTP 502/, /behind the proxy/],
		['503 from a proxy', { status: 503, body: 'Service Unavailable', contentType: 'text/plain' }, /HTTP 503/, /running/],
		['401', { status: 401, body: { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } } }, /rejected the API key/, /global key .* token of instance/],
		['404 unknown route behind /manager', { status: 404, body: { status: 404, error: 'Not Found', response: { message: ['Cannot POST /manager/message/sendText/inst'] } } }, /manager UI/, /Remove \/manager/],
		['400 schema errors (nested array)', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [['Invalid format', 'instance requires property "text"']] } } }, /rejected the request: Invalid format; instance requires property "text"/, /Check the fields/],
		['400 group validator ({property, message})', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: [{ property: 'groupJid', message: 'The group id needs to be informed in the query' }] } } }, /groupJid: The group id needs to be informed/, /Check the fields/],
		['400 plain message array', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: ['Owner not found'] } } }, /rejected the request: Owner not found/, /Check the fields/],
		['400 integration disabled', { status: 400, body: { status: 400, error: 'Bad Request', response: { message: ['Openai is disabled'] } } }, /OpenAI integration is disabled/, /OPENAI_ENABLED=true/],
		['500 Connection Closed', { status: 500, body: { status: 500, error: 'Internal Server Error', response: { message: 'Connection Closed' } } }, /not connected to WhatsApp/, /Instance → Connect/],
		['HTTP 200 with {error:true}', { status: 200, body: { error: true, message: 'Something went wrong' } }, /reported an error: Something went wrong/, /logs/],
		['a non-JSON 200 body', { status: 200, body: 'OK', contentType: 'text/plain' }, /not valid JSON/, /starts with "OK"/],
		['truncated JSON', { status: 201, body: '{"key":{"remoteJid":"55119', contentType: 'application/json' }, /not valid JSON/, /cut off/],
		['an HTML 200 page', { status: 200, body: html('Login'), contentType: 'text/html' }, /web page instead of Evolution API data/, /Server URL/],
		['an empty body', { status: 201, body: '', contentType: 'application/json' }, /empty body/, /may not have been carried out/],
	])('%s', async (_label, fault, message, description) => {
		fake.failNext('message.sendText', fault as never);
		const result = await runAction(fake, { parameters: sendText });
		expect(result.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		expect(JSON.stringify(result.error)).not.toContain(API_KEY);
		// Sends are never retried by the node: exactly one request reached the server.
		expect(fake.requests).toHaveLength(1);
	});

	it('404 for an unknown instance', async () => {
		const result = await runAction(fake, { parameters: { ...sendText, instanceName: { __rl: true, mode: 'name', value: 'ghost' } } });
		expect(result.error?.message).toBe('The instance "ghost" does not exist on this server');
		expect(result.error?.description).toMatch(/case-sensitive/);
	});

	it('404 for an unknown route (wrong base URL)', async () => {
		const result = await runAction(fake, { parameters: sendText, credentials: { serverUrl: `${fake.url}/api/v2` } });
		expect(result.error?.message).toMatch(/does not know the route POST \/message\/sendText\/inst/);
		expect(result.error?.description).toMatch(/base URL/);
	});

	it('a Server URL ending in /manager is corrected before sending', async () => {
		const result = await runAction(fake, { parameters: sendText, credentials: { serverUrl: `${fake.url}/manager/` } });
		expect(result.error).toBeUndefined();
		expect(fake.lastRequest()!.path).toBe(`/message/sendText/${INSTANCE}`);
	});

	it('connection refused', async () => {
		const port = await closedPort();
		const result = await runAction(fake, { parameters: sendText, credentials: { serverUrl: `http://127.0.0.1:${port}` } });
		expect(result.error).toMatchObject({ name: 'NodeApiError' });
		expect(result.error?.message).toBe('Could not connect to the Evolution API server');
		expect(result.error?.description).toMatch(/Check the URL and port/);
	});

	it('a server that never answers hits the timeout', async () => {
		fake.failNext('message.sendText', { hang: true });
		const result = await runAction(fake, { parameters: { ...sendText, requestOptions: { timeout: 300 } } });
		expect(result.error?.message).toBe('The Evolution API server did not answer in time');
		expect(result.error?.description).toMatch(/check the chat before sending again/);
		expect(fake.requests).toHaveLength(1);
	});

	it('a reset connection', async () => {
		fake.failNext('message.sendText', { destroy: true });
		const result = await runAction(fake, { parameters: sendText });
		expect(result.error?.message).toMatch(/closed the connection|Could not reach/);
	});

	it('a slow but complete answer succeeds', async () => {
		fake.failNext('message.sendText', { delayMs: 200 });
		const result = await runAction(fake, { parameters: { ...sendText, requestOptions: { timeout: 5000 } } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ key: { fromMe: true } });
	});

	it('with Continue On Fail, every failed item yields an error item and the rest still run', async () => {
		fake.failNext('message.sendText', { status: 500, body: { status: 500, error: 'Internal Server Error', response: { message: 'Connection Closed' } } });
		fake.failNext('message.sendText', { status: 502, body: html('502 Bad Gateway'), contentType: 'text/html' });
		const result = await runAction(fake, {
			continueOnFail: true,
			parameters: sendText,
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.error).toMatch(/not connected/);
		expect(result.items[1].json.error).toMatch(/proxy/);
		expect(result.items[2].json).toMatchObject({ key: { fromMe: true } });
		expect(fake.requests).toHaveLength(3);
		expect(JSON.stringify(result.items)).not.toContain(API_KEY);
	});
});
