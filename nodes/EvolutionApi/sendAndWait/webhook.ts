import type { IDataObject, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CHAT_REPLY_KEY, type ChatReply } from '../../shared/sendAndWait';
import { ACTION_RECORDED_PAGE, formAnswers, formPageData, HTML_SANDBOX_CSP, toFormFields, type FormField } from './form';

/**
 * The resume webhooks of Send and Wait for Response, as n8n-nodes-base declares them: GET and
 * POST on `<webhook-waiting base>/<execution id>/<node id>`, restarting the waiting execution.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'GET',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

/**
 * Link previewers and bots open links without a person: they must not record an approval.
 * (WhatsApp, Telegram, Slack, Teams and Facebook previews, crawlers, and requests without a user agent.)
 */
const PREVIEWER = /bot|crawl|spider|slurp|preview|whatsapp|facebookexternalhit|facebot|telegram|skype|teams|discord|embedly|headless|curl|wget|python-requests|go-http-client/i;

export function isPreviewer(userAgent: unknown): boolean {
	return typeof userAgent !== 'string' || !userAgent.trim() || PREVIEWER.test(userAgent);
}

function readFormFields(context: IWebhookFunctions): FormField[] {
	const defineForm = context.getNodeParameter('defineForm', 'fields') as string;
	const raw = defineForm === 'json'
		? context.getNodeParameter('jsonOutput', '[]')
		: context.getNodeParameter('formFields.values', []);
	return toFormFields(context.getNode(), raw);
}

function renderForm(context: IWebhookFunctions, fields: FormField[]): IWebhookResponseData {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const message = String(context.getNodeParameter('message', '') ?? '');
	const description = String(options.responseFormDescription || message).replace(/\\n/g, '\n').replace(/<br>/g, '\n');
	const res = context.getResponseObject();
	res.setHeader('Content-Security-Policy', HTML_SANDBOX_CSP);
	res.render('form-trigger', formPageData({
		title: String(options.responseFormTitle ?? ''),
		description,
		buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
		fields,
	}));
	return { noWebhookResponse: true };
}

function chatReplyOf(body: unknown): ChatReply | undefined {
	const reply = (body as IDataObject | undefined)?.[CHAT_REPLY_KEY] as ChatReply | undefined;
	return reply && typeof reply === 'object' && reply.via === 'chat' ? reply : undefined;
}

/** Resumes the execution with `{ data }`; a browser gets n8n's "Got it" page, the trigger `{ resumed: true }`. */
function resumed(data: IDataObject): IWebhookResponseData {
	return {
		webhookResponse: data.via === 'chat' ? { resumed: true } : ACTION_RECORDED_PAGE,
		workflowData: [[{ json: { data: { ...data, respondedAt: new Date().toISOString() } } }]],
	};
}

function chatFields(reply: ChatReply): IDataObject {
	const fields: IDataObject = { via: 'chat' };
	if (reply.answeredBy) fields.answeredBy = reply.answeredBy as IDataObject;
	if (reply.messageId) fields.messageId = reply.messageId;
	if (reply.chatJid) fields.chatJid = reply.chatJid;
	return fields;
}

/**
 * Answers a resume link. Approval: records the choice of the (signed) link and shows the
 * "Got it, thanks" page. Free Text and Custom Form: n8n's form page on GET, the submission on
 * POST. A POST from the Evolution API Trigger carries a chat reply instead (see shared/sendAndWait).
 * n8n checks the link's signature before calling this.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const method = req.method;
	const responseType = this.getNodeParameter('responseType', 'approval') as string;
	const query = req.query as IDataObject;
	const reply = method === 'POST' ? chatReplyOf(this.getBodyData()) : undefined;

	if (reply) {
		if (responseType === 'approval') {
			const approved = typeof reply.approved === 'boolean' ? reply.approved : query.approved === 'true';
			return resumed({ approved, text: reply.text, ...chatFields(reply) });
		}
		if (responseType === 'freeText') return resumed({ text: reply.text, ...chatFields(reply) });
		res.status(409).json({ message: 'A custom form is answered through its link, not by a chat reply' });
		return { noWebhookResponse: true };
	}

	if (responseType === 'approval') {
		if (isPreviewer(req.headers['user-agent'])) {
			res.send('');
			return { noWebhookResponse: true };
		}
		return resumed({ approved: query.approved === 'true', via: 'link' });
	}

	if (responseType === 'freeText') {
		const fields: FormField[] = [{ fieldLabel: 'Response', fieldType: 'textarea', requiredField: true }];
		if (method === 'GET') return renderForm(this, fields);
		const data = ((this.getBodyData().data ?? {}) as IDataObject);
		return resumed({ text: String(data['field-0'] ?? ''), via: 'link' });
	}

	const fields = readFormFields(this);
	if (method === 'GET') return renderForm(this, fields);
	const data = ((this.getBodyData().data ?? {}) as IDataObject);
	return resumed({ via: 'link', ...formAnswers(fields, data) });
}
