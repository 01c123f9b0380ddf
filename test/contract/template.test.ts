/**
 * Contract tests of the Template resource (2 routes, WhatsApp Cloud API only) against the
 * Evolution API 2.3.6 fake.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeEvolution } from '../fake';
import { INSTANCE, expectCall, instanceParam, runAction, startFake } from '../helpers/evolution';

const CLOUD = 'cloud';
const COMPONENTS = [
	{ type: 'HEADER', format: 'TEXT', text: 'Order update' },
	{ type: 'BODY', text: 'Hello {{1}}, your order {{2}} has shipped.', example: { body_text: [['Ana', '#123']] } },
];

let fake: FakeEvolution;

beforeAll(async () => {
	fake = await startFake({ instances: [{ name: CLOUD, integration: 'WHATSAPP-BUSINESS', state: 'open' }, { name: INSTANCE }] });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.state.templates.clear();
});

async function run(operation: string, parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return await runAction(fake, {
		parameters: { resource: 'template', operation, instanceName: instanceParam(CLOUD), ...parameters },
		...options,
	});
}

const createParameters: INodeParameters = {
	templateName: 'order_update',
	category: 'UTILITY',
	language: 'en_US',
	components: JSON.stringify(COMPONENTS),
};

describe('Template → Create (POST /template/create)', () => {
	it('sends name, category, language and the parsed components', async () => {
		const result = await run('create', createParameters);
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'POST', `/template/create/${CLOUD}`);
		expect(req.body).toEqual({ name: 'order_update', category: 'UTILITY', language: 'en_US', components: COMPONENTS });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ name: 'order_update', template: { status: 'PENDING', category: 'UTILITY' } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends the additional fields and accepts components as an object from an expression', async () => {
		const result = await run(
			'create',
			{
				...createParameters,
				category: 'MARKETING',
				components: '={{ $json.components }}',
				additionalFields: { allowCategoryChange: true, webhookUrl: 'https://example.com/status' },
			},
			{ items: [{ json: { components: COMPONENTS } }] },
		);
		expect(result.error).toBeUndefined();
		expect(expectCall(fake.lastRequest(), 'POST', `/template/create/${CLOUD}`).body).toEqual({
			name: 'order_update',
			category: 'MARKETING',
			language: 'en_US',
			components: COMPONENTS,
			allowCategoryChange: true,
			webhookUrl: 'https://example.com/status',
		});
	});

	it.each([
		['an invalid name', { templateName: 'Order Update' }, 'Name "Order Update" is not a valid template name'],
		['an unknown category', { category: '={{ "PROMO" }}' }, 'Category "PROMO" is not supported'],
		['broken JSON components', { components: '[{"type": "BODY",' }, 'Components is not valid JSON'],
		['an object instead of a list', { components: '{"type": "BODY", "text": "x"}' }, 'Components must be a JSON list (array) of components'],
		['an empty list', { components: '[]' }, 'Components is an empty list'],
		['a component without type', { components: '[{"text": "x"}]' }, 'Components: entry 1 is not a component object with a "type"'],
		['a bad webhook URL', { additionalFields: { webhookUrl: 'example.com' } }, 'Status Webhook URL "example.com" is not a valid http(s) URL'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await run('create', { ...createParameters, ...(parameters as INodeParameters) });
		expect(result.error?.message).toContain(message);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});

	it('explains an error in the business/template error shape', async () => {
		const result = await run('create', { ...createParameters, instanceName: instanceParam(INSTANCE) });
		expect(fake.lastRequest()?.status).toBe(400);
		expect((fake.lastRequest()?.responseBody as { details: { type: string } }).details.type).toBe('whatsapp_api_error');
		expect(result.error?.message).toBe(
			'The Evolution API server rejected the request: Meta Graph API call failed: the instance is not a WhatsApp Cloud API instance',
		);
		expect(result.error?.description).toContain('WhatsApp Business (Meta) routes report errors this way');
	});

	it("explains Meta's own rejection", async () => {
		fake.failNext('template.create', {
			status: 400,
			body: {
				status: 400,
				error: 'Bad Request',
				message: 'Invalid parameter',
				details: {
					whatsapp_error: 'Template name already exists in this language',
					whatsapp_code: 100,
					error_user_title: 'Invalid parameter',
					error_user_msg: 'Template name already exists in this language',
					error_type: 'OAuthException',
					error_subcode: 2388024,
					fbtrace_id: 'A1',
					context: 'template_creation',
					type: 'whatsapp_api_error',
				},
				timestamp: '2025-01-01T00:00:00.000Z',
			},
		});
		const result = await run('create', createParameters);
		expect(result.error?.message).toBe("Meta's WhatsApp Cloud API refused the request: Invalid parameter; Template name already exists in this language");
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
	});
});

describe('Template → Get Many (GET /template/find)', () => {
	beforeEach(async () => {
		for (const name of ['welcome', 'order_update', 'reminder']) {
			await run('create', { ...createParameters, templateName: name });
		}
		fake.reset();
	});

	it('returns one item per template from Meta\'s {data} list, limited, without a query', async () => {
		const result = await run('getAll', { limit: 2 });
		expect(result.error).toBeUndefined();
		const req = expectCall(fake.lastRequest(), 'GET', `/template/find/${CLOUD}`);
		expect(req.rawBody.length).toBe(0);
		expect(result.items.map((item) => item.json.name)).toEqual(['welcome', 'order_update']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Return All; a bare array answer is handled too', async () => {
		let result = await run('getAll', { returnAll: true });
		expect(result.items).toHaveLength(3);
		fake.failNext('template.find', { status: 200, body: [{ name: 'a' }, { name: 'b' }] });
		result = await run('getAll', { returnAll: true });
		expect(result.items.map((item) => item.json)).toEqual([{ name: 'a' }, { name: 'b' }]);
	});

	it('explains the empty answer the server gives when Meta refused the call', async () => {
		fake.failNext('template.find', { status: 200, body: undefined, contentType: 'application/json; charset=utf-8' });
		const result = await run('getAll', { returnAll: true });
		expect(result.error?.message).toBe('The server returned no templates: the request to Meta failed');
		expect(result.error?.description).toContain('Business ID and token');
	});

	it('on a Baileys instance: the Meta error shape, and Continue On Fail keeps going', async () => {
		const result = await run(
			'getAll',
			{ instanceName: { __rl: true, mode: 'name', value: '={{ $json.instance }}' }, returnAll: true },
			{ continueOnFail: true, items: [{ json: { instance: INSTANCE } }, { json: { instance: CLOUD } }] },
		);
		expect(fake.requests).toHaveLength(2);
		expect(result.items[0].json.error).toContain('Meta Graph API call failed');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items.slice(1).map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }, { item: 1 }]);
	});

	it('reports an unknown instance (404)', async () => {
		const result = await run('getAll', { instanceName: instanceParam('nope') });
		expect(result.error?.message).toBe('The instance "nope" does not exist on this server');
	});
});
