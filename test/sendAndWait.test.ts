/**
 * Message → Send and Wait for Response through n8n-core's engine: the request sent, the wait
 * (and its date), the resume webhook for each response type and method, chat replies posted
 * by the trigger, the timeout output, and bad input refused before anything is sent.
 */
import { Container } from '@n8n/di';
import { InstanceSettings, validateUrlSignature } from 'n8n-core';
import { WAIT_INDEFINITELY, type IDataObject, type INodeParameters } from 'n8n-workflow';

import type { FakeEvolution } from './fake';
import { startFake, runAction, expectCall, INSTANCE } from './helpers/evolution';
import { findResumeLinks, CHAT_REPLY_KEY } from '../nodes/shared/sendAndWait';

const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

let fake: FakeEvolution;
const GROUP = '120363000000000001@g.us';
beforeAll(async () => {
	fake = await startFake();
	// A send to a group needs a group the instance belongs to (the server reads its metadata).
	fake.state.groupsOf(INSTANCE).set(GROUP, { id: GROUP, subject: 'Marketing' });
});
afterAll(async () => {
	await fake.close();
});
beforeEach(() => fake.reset());

function params(extra: INodeParameters): INodeParameters {
	return { resource: 'message', operation: 'sendAndWait', remoteJid: '5511999999999', message: 'Publish the campaign?', ...extra };
}

function sentText(): string {
	const request = expectCall(fake.lastRequest(), 'POST', `/message/sendText/${INSTANCE}`);
	const body = request.body as IDataObject;
	expect(body.linkPreview).toBe(false);
	return String(body.text);
}

function query(url: string): Record<string, string> {
	return Object.fromEntries(new URL(url).searchParams.entries());
}

describe('Send and Wait for Response: approval', () => {
	it('sends the question with one signed link per choice, on their own lines, then waits indefinitely', async () => {
		const result = await runAction(fake, {
			parameters: params({ approvalOptions: { values: { approvalType: 'double', approveLabel: 'Publish', disapproveLabel: 'Hold' } } }),
		});
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('waiting');
		expect(result.waiting?.waitTill).toEqual(WAIT_INDEFINITELY);

		const text = sentText();
		expect(text).not.toMatch(/<[a-z]/i);
		const links = findResumeLinks(text);
		expect(links.map((link) => link.approved)).toEqual([true, false]);
		const lines = text.split('\n');
		expect(lines[lines.indexOf(links[0].url) - 1]).toBe('*Publish*');
		expect(lines[lines.indexOf(links[1].url) - 1]).toBe('*Hold*');
		expect(text.startsWith('Publish the campaign?\n\n')).toBe(true);
		expect(text).toContain('*no* to hold');

		const secret = Container.get(InstanceSettings).hmacSignatureSecret;
		for (const link of links) {
			const url = new URL(link.url);
			expect(url.pathname).toBe(`/webhook-waiting/${result.executionId}/${result.nodeUnderTest.id}`);
			expect(validateUrlSignature(url.searchParams.get('signature')!, url, secret)).toBe(true);
		}
	});

	it('records the choice of the link opened in a browser and resumes with { data: { approved } }', async () => {
		const result = await runAction(fake, { parameters: params({ approvalOptions: { values: { approvalType: 'double' } } }) });
		const [, decline] = findResumeLinks(sentText());
		const { delivery, resumed } = await result.waiting!.callWebhook({
			method: 'GET',
			query: query(decline.url),
			headers: { 'user-agent': BROWSER },
		});
		expect(String(delivery.webhookResponse)).toContain('Got it, thanks');
		expect(resumed?.run.status).toBe('success');
		expect(resumed?.items).toHaveLength(1);
		expect(resumed?.items[0].json).toEqual({ data: { approved: false, via: 'link', respondedAt: expect.any(String) } });
	});

	it('ignores link previewers and bots: no answer is recorded', async () => {
		const result = await runAction(fake, { parameters: params({}) });
		const [approve] = findResumeLinks(sentText());
		for (const agent of ['WhatsApp/2.23.20.0 A', 'facebookexternalhit/1.1', 'Slackbot-LinkExpanding 1.0', '']) {
			const { delivery, resumed } = await result.waiting!.callWebhook({ method: 'GET', query: query(approve.url), headers: { 'user-agent': agent } });
			expect(resumed).toBeUndefined();
			expect(delivery.noWebhookResponse).toBe(true);
		}
	});

	it('takes a chat reply posted by the trigger: approved, via chat, who answered and the message id', async () => {
		const result = await runAction(fake, { parameters: params({ remoteJid: GROUP }) });
		const [approve] = findResumeLinks(sentText());
		const { resumed } = await result.waiting!.callWebhook({
			method: 'POST',
			query: query(approve.url),
			body: {
				[CHAT_REPLY_KEY]: {
					via: 'chat',
					text: 'Sim',
					approved: true,
					messageId: 'ABC123',
					chatJid: '120363000000000001@g.us',
					answeredBy: { jid: '5511988887777@s.whatsapp.net', phoneNumber: '5511988887777', name: 'Ana' },
				},
			},
		});
		expect(resumed?.items[0].json).toEqual({
			data: {
				approved: true,
				text: 'Sim',
				via: 'chat',
				messageId: 'ABC123',
				chatJid: '120363000000000001@g.us',
				answeredBy: { jid: '5511988887777@s.whatsapp.net', phoneNumber: '5511988887777', name: 'Ana' },
				respondedAt: expect.any(String),
			},
		});
	});

	it('approve only: one link, and the text tells the person they can reply', async () => {
		await runAction(fake, { parameters: params({}) });
		const text = sentText();
		expect(findResumeLinks(text)).toHaveLength(1);
		expect(text).toContain('Reply *yes* to approve');
		expect(text).toContain('_Sent automatically with n8n_');
	});
});

describe('Send and Wait for Response: limit wait time and timeout', () => {
	it('sets the wait to now + the interval', async () => {
		const before = Date.now();
		const result = await runAction(fake, {
			parameters: params({ options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } }),
		});
		const waitTill = result.waiting!.waitTill.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3600_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 2 * 3600_000);
	});

	it('sets the wait to the given date and time, and on timeout outputs that it timed out', async () => {
		const result = await runAction(fake, {
			parameters: params({ options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2030-01-02T03:04:05.000Z' } } } }),
		});
		expect(result.waiting!.waitTill.toISOString()).toBe('2030-01-02T03:04:05.000Z');
		const timedOut = await result.waiting!.timeOut();
		expect(timedOut.run.status).toBe('success');
		expect(timedOut.items.map((item) => item.json)).toEqual([{ data: { timedOut: true, via: 'timeout', respondedAt: null, approved: false } }]);
	});
});

describe('Send and Wait for Response: free text', () => {
	const freeText = params({ responseType: 'freeText', options: { responseFormTitle: 'Your answer', messageButtonLabel: 'Answer' } });

	it('renders n8n\'s form page on GET and takes the submission on POST', async () => {
		const result = await runAction(fake, { parameters: freeText });
		const text = sentText();
		expect(text).toContain('Reply to this message with your answer');
		const [link] = findResumeLinks(text);
		expect(link.response).toBe('text');
		expect(text.split('\n')[text.split('\n').indexOf(link.url) - 1]).toBe('*Answer*');

		const page = await result.waiting!.callWebhook({ method: 'GET', query: query(link.url), headers: { 'user-agent': BROWSER } });
		expect(page.resumed).toBeUndefined();
		expect(page.delivery.rendered?.view).toBe('form-trigger');
		const data = page.delivery.rendered?.data as IDataObject;
		expect(data.formTitle).toBe('Your answer');
		expect(data.formDescription).toBe('Publish the campaign?');
		expect(data.formFields).toEqual([expect.objectContaining({ id: 'field-0', label: 'Response', isTextarea: true, inputRequired: 'form-required' })]);
		expect(page.delivery.responseHeaders['content-security-policy']).toMatch(/^sandbox /);

		const { resumed } = await result.waiting!.callWebhook({ method: 'POST', query: query(link.url), body: { data: { 'field-0': 'Next Monday' } } });
		expect(resumed?.items[0].json).toEqual({ data: { text: 'Next Monday', via: 'link', respondedAt: expect.any(String) } });
	});

	it('takes a chat reply\'s text', async () => {
		const result = await runAction(fake, { parameters: freeText });
		const [link] = findResumeLinks(sentText());
		const { resumed } = await result.waiting!.callWebhook({
			method: 'POST',
			query: query(link.url),
			body: { [CHAT_REPLY_KEY]: { via: 'chat', text: 'Tomorrow at 9', messageId: 'M1' } },
		});
		expect(resumed?.items[0].json).toEqual({ data: { text: 'Tomorrow at 9', via: 'chat', messageId: 'M1', respondedAt: expect.any(String) } });
	});
});

describe('Send and Wait for Response: custom form', () => {
	const fields = {
		values: [
			{ fieldLabel: 'Name', fieldType: 'text', requiredField: true },
			{ fieldLabel: 'Quantity', fieldType: 'number' },
			{ fieldLabel: 'Delivery', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'Pick up' }, { option: 'Courier' }] } },
		],
	};

	it('renders the fields on GET and outputs { data: { <fields> } } on POST', async () => {
		const result = await runAction(fake, { parameters: params({ responseType: 'customForm', formFields: fields }) });
		const text = sentText();
		expect(text).not.toContain('Reply');
		const [link] = findResumeLinks(text);
		expect(link.response).toBe('form');

		const page = await result.waiting!.callWebhook({ method: 'GET', query: query(link.url), headers: { 'user-agent': BROWSER } });
		const formFields = (page.delivery.rendered?.data as IDataObject).formFields as IDataObject[];
		expect(formFields.map((field) => field.label)).toEqual(['Name', 'Quantity', 'Delivery']);
		expect(formFields[1]).toMatchObject({ isInput: true, type: 'number' });
		expect(formFields[2]).toMatchObject({ isSelect: true, selectOptions: ['Pick up', 'Courier'] });

		const { resumed } = await result.waiting!.callWebhook({
			method: 'POST',
			query: query(link.url),
			body: { data: { 'field-0': 'Ana', 'field-1': '3', 'field-2': 'Courier' } },
		});
		expect(resumed?.items[0].json).toEqual({
			data: { via: 'link', Name: 'Ana', Quantity: 3, Delivery: 'Courier', respondedAt: expect.any(String) },
		});
	});

	it('accepts the fields as JSON, and refuses a chat reply (links only)', async () => {
		const result = await runAction(fake, {
			parameters: params({ responseType: 'customForm', defineForm: 'json', jsonOutput: JSON.stringify(fields.values) }),
		});
		const [link] = findResumeLinks(sentText());
		const page = await result.waiting!.callWebhook({ method: 'GET', query: query(link.url), headers: { 'user-agent': BROWSER } });
		expect(((page.delivery.rendered?.data as IDataObject).formFields as IDataObject[])).toHaveLength(3);
		const chat = await result.waiting!.callWebhook({
			method: 'POST',
			query: query(link.url),
			body: { [CHAT_REPLY_KEY]: { via: 'chat', text: 'Ana' } },
		});
		expect(chat.resumed).toBeUndefined();
		expect(chat.delivery.status).toBe(409);
	});
});

describe('Send and Wait for Response: bad input is refused before sending', () => {
	it.each([
		// An empty literal is refused by n8n itself (required parameter); an expression reaches the node.
		['no recipient', params({ remoteJid: '={{ $json.phone }}' }), /Recipient/],
		['an empty message', params({ message: '   ' }), /Message/],
		['a form without fields', params({ responseType: 'customForm', formFields: {} }), /The form has no fields/],
		['a form with broken JSON', params({ responseType: 'customForm', defineForm: 'json', jsonOutput: '[{' }), /not valid JSON/],
		[
			'an invalid wait limit',
			params({ options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' } } } }),
			/Limit Wait Time/,
		],
	])('%s', async (_case, parameters, message) => {
		const result = await runAction(fake, { parameters });
		expect(result.error?.message).toMatch(message);
		expect(result.run.status).not.toBe('waiting');
		expect(fake.requests.filter((request) => request.path.startsWith('/message/'))).toEqual([]);
	});

	it('an empty recipient field: n8n refuses the workflow before it starts', async () => {
		await expect(runAction(fake, { parameters: params({ remoteJid: '' }) })).rejects.toThrow(/Recipient" is required/);
		expect(fake.requests).toEqual([]);
	});

	it('sends once, for the first item only (as n8n\'s send-and-wait nodes)', async () => {
		const result = await runAction(fake, { parameters: params({}), items: [{ json: {} }, { json: {} }] });
		expect(result.run.status).toBe('waiting');
		expect(fake.requests.filter((request) => request.path.startsWith('/message/'))).toHaveLength(1);
	});
});
