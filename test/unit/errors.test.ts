import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { buildApiError, extractServerMessages, redactSecrets } from '../../nodes/shared/errors';
import { normalizeServerUrl } from '../../nodes/shared/credential';

const node = { name: 'Evolution API', type: 'n8n-nodes-evolution.evolutionApi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const call = { method: 'POST', path: '/message/sendText/inst', instance: 'inst', itemIndex: 2 };

describe('extractServerMessages', () => {
	it.each([
		[{ status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } }, ['Unauthorized']],
		[{ status: 404, error: 'Not Found', response: { message: ['The "x" instance does not exist'] } }, ['The "x" instance does not exist']],
		[{ status: 400, error: 'Bad Request', response: { message: [['Invalid format', 'instance requires property "text"']] } }, ['Invalid format', 'instance requires property "text"']],
		[{ status: 400, error: 'Bad Request', response: { message: [{ property: 'groupJid', message: 'The group id needs to be informed in the query' }] } }, ['groupJid: The group id needs to be informed in the query']],
		[{ status: 400, error: 'Bad Request', message: 'Invalid parameter', details: { whatsapp_error: 'x' }, timestamp: 't' }, ['Invalid parameter', 'x']],
		[{ status: 400, message: 'Invalid parameter', details: { error_user_msg: 'Template name already exists', whatsapp_error: 'y' } }, ['Invalid parameter', 'Template name already exists']],
		[{ status: 400, response: { message: [{ property: 'instance', message: 'instance requires property "groupJid"' }] } }, ['instance requires property "groupJid"']],
		[{ error: 'remoteJid is a required query parameter' }, ['remoteJid is a required query parameter']],
		[{ data: null, isBoom: true, output: { statusCode: 428, payload: { statusCode: 428, error: 'Precondition Required', message: 'Connection Closed' } } }, ['Connection Closed']],
		[{ error: true, message: 'Something failed' }, ['Something failed']],
	])('reads %j', (body, expected) => {
		expect(extractServerMessages(body)).toEqual(expected);
	});
});

describe('buildApiError', () => {
	const explain = (extra: Record<string, unknown>, secrets: string[] = []) =>
		buildApiError(node, { ...call, ...extra }, secrets);

	it('explains a wrong key for an instance route', () => {
		const error = explain({ statusCode: 401, body: { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/rejected the API key/);
		expect(error.description).toMatch(/global key .* token of instance "inst"/);
		expect(error.context.itemIndex).toBe(2);
		expect(error.httpCode).toBe('401');
	});

	it('explains an unknown instance', () => {
		const error = explain({ statusCode: 404, body: { response: { message: ['The "inst" instance does not exist'] } } });
		expect(error.message).toBe('The instance "inst" does not exist on this server');
	});

	it('recognises a Server URL pointing at the manager UI', () => {
		const error = explain({ statusCode: 404, body: { response: { message: ['Cannot POST /manager/message/sendText/inst'] } } });
		expect(error.message).toMatch(/manager UI/);
		expect(error.description).toMatch(/Remove \/manager/);
	});

	it('recognises an unknown route', () => {
		const error = explain({ statusCode: 404, body: { response: { message: ['Cannot POST /v1/message/sendText/inst'] } } });
		expect(error.message).toMatch(/does not know the route/);
	});

	it('names the server variable for a disabled integration', () => {
		const error = explain({ path: '/typebot/find/inst', statusCode: 400, body: { response: { message: ['Typebot is disabled'] } } });
		expect(error.message).toMatch(/Typebot integration is disabled/);
		expect(error.description).toMatch(/TYPEBOT_ENABLED=true/);
	});

	it('explains Connection Closed', () => {
		const error = explain({ statusCode: 500, body: { response: { message: 'Connection Closed' } } });
		expect(error.message).toMatch(/not connected to WhatsApp/);
		expect(error.description).toMatch(/Instance → Connect/);
	});

	it('explains a proxy error page', () => {
		const error = explain({ statusCode: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>', contentType: 'text/html' });
		expect(error.message).toMatch(/proxy .* HTTP 502/);
	});

	it('explains HTTP 200 with error:true from restart', () => {
		const error = explain({ path: '/instance/restart/inst', statusCode: 200, body: { error: true, message: '[object Object]' } });
		expect(error.message).toBe('The instance "inst" cannot be restarted: it is not connected to WhatsApp');
		expect(error.description).toMatch(/Instance → Connect/);
		expect(error.message).not.toContain('[object Object]');
	});

	// Seen on the real 2.3.6 server: a Cloud API instance's template call fails on the server's own
	// call to graph.facebook.com; n8n's NodeApiError would replace that with "incorrect host".
	it("does not blame the credential's host when the server could not reach Meta", () => {
		const error = explain({
			method: 'GET',
			path: '/template/find/cloud',
			statusCode: 400,
			body: {
				status: 400,
				error: 'Bad Request',
				message: 'Connection error: getaddrinfo ENOTFOUND graph.facebook.com',
				details: { whatsapp_error: 'Connection error: getaddrinfo ENOTFOUND graph.facebook.com', context: 'template_find', type: 'whatsapp_api_error' },
			},
		});
		expect(error.message).toBe("The Evolution API server could not reach Meta's WhatsApp Cloud API: Connection error: getaddrinfo ENOTFOUND graph.facebook.com");
		expect(error.message).not.toMatch(/incorrect host/);
		expect(error.description).toMatch(/internet access, DNS and proxy of the Evolution API server/);
		expect(error.httpCode).toBe('400');
	});

	it("names Meta's refusal of a template", () => {
		const error = explain({
			path: '/template/create/cloud',
			statusCode: 400,
			body: { status: 400, message: 'Invalid parameter', details: { error_user_msg: 'Template name already exists', whatsapp_code: 100, error_type: 'OAuthException', fbtrace_id: 'A1', type: 'whatsapp_api_error' } },
		});
		expect(error.message).toBe("Meta's WhatsApp Cloud API refused the request: Invalid parameter; Template name already exists");
	});

	it('says what a send meant by "[object Object]" (a group the server could not read)', () => {
		const error = explain({ path: '/message/sendPoll/inst', statusCode: 400, body: { status: 400, error: 'Bad Request', response: { message: ['[object Object]'] } } });
		expect(error.message).toBe('The group was not found, so nothing was sent from instance "inst"');
		expect(error.message).not.toContain('[object Object]');
		expect(error.description).toMatch(/member of the group/);
	});

	it('never shows "[object Object]" alone', () => {
		const error = explain({ path: '/chat/archiveChat/inst', statusCode: 500, body: { status: 500, response: { message: ['[object Object]'] } } });
		expect(error.message).toBe('The Evolution API server failed without saying why');
	});

	it('names a recipient without WhatsApp', () => {
		const error = explain({ statusCode: 400, body: { status: 400, error: 'Bad Request', response: { message: [{ jid: '5511900000000@s.whatsapp.net', exists: false, number: '5511900000000' }] } } });
		expect(error.message).toBe('Not on WhatsApp: 5511900000000');
	});

	it('explains an empty body from a disabled event transport', () => {
		const error = explain({ path: '/rabbitmq/set/inst', statusCode: 201, body: '' });
		expect(error.message).toMatch(/rabbitmq integration is disabled/);
		expect(error.description).toMatch(/RABBITMQ_ENABLED/);
	});

	it('explains truncated JSON', () => {
		const error = explain({ statusCode: 201, body: '{"key":{"id":"AB' });
		expect(error.message).toMatch(/not valid JSON/);
	});

	it('explains network failures', () => {
		expect(explain({ networkCode: 'ECONNREFUSED' }).message).toMatch(/Could not connect/);
		expect(explain({ networkCode: 'ETIMEDOUT' }).message).toMatch(/did not answer in time/);
	});

	it('never lets the API key into the message or description', () => {
		const hidden = ['super', 'secret', 'key', '123'].join('-');
		const error = explain({ statusCode: 500, body: { response: { message: `bad key ${hidden} Bearer abc.def.ghi` } } }, [hidden]);
		const text = JSON.stringify({ message: error.message, description: error.description, context: error.context });
		expect(text).not.toContain(hidden);
		expect(text).not.toContain('abc.def.ghi');
	});
});

describe('redactSecrets', () => {
	it('masks every occurrence and bearer tokens', () => {
		expect(redactSecrets('a KEY1 b KEY1', ['KEY1'])).toBe('a *** b ***');
		expect(redactSecrets('Authorization: Bearer eyJ.x.y', [])).toBe('Authorization: Bearer ***');
	});
});

describe('normalizeServerUrl', () => {
	it.each([
		['https://evo.example.com', 'https://evo.example.com'],
		['https://evo.example.com/', 'https://evo.example.com'],
		['  https://evo.example.com///  ', 'https://evo.example.com'],
		['https://evo.example.com/manager', 'https://evo.example.com'],
		['https://evo.example.com/manager/', 'https://evo.example.com'],
		['https://evo.example.com/manager/instance/abc', 'https://evo.example.com'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['https://example.com/evolution/', 'https://example.com/evolution'],
	])('%s → %s', (input, expected) => {
		expect(normalizeServerUrl(input)).toBe(expected);
	});

	it.each([['evo.example.com'], [''], ['ftp://x'], [undefined]])('refuses %p', (input) => {
		expect(normalizeServerUrl(input)).toBeUndefined();
	});
});
