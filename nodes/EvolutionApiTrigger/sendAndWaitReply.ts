import type { IDataObject, INodeProperties, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	CHAT_REPLY_KEY,
	findResumeLinks,
	labelsOf,
	readApprovalReply,
	type ChatReply,
	type ResumeLink,
} from '../shared/sendAndWait';
import { evolutionApiRequest } from '../shared/transport';
import { messageRecordFields, messageText, unwrapMessage, type EvolutionEnvelope } from '../shared/triggerEvent';

/**
 * Chat replies to Send and Wait for Response: a person answers a request by replying in the
 * chat, and the waiting execution resumes. Stateless: the request message carries its signed
 * resume links, found in the message the reply quotes, or else in the last request this
 * instance sent in that chat (Evolution's stored messages). Only links to this n8n are
 * followed, unchanged (still signed); the answer goes in the body of a POST to the link.
 */

/** Trigger options (kept here so the trigger's description only lists them). */
export const replyOptions: INodeProperties[] = [
	{
		displayName: 'Resume From Unquoted Replies',
		name: 'resumeUnquoted',
		type: 'boolean',
		default: false,
		description:
			'Whether a reply that does not quote the request answers the last request sent in that chat. Costs one extra request to Evolution (its stored messages) for every received message, which slows a busy trigger down; a reply that quotes the request works either way.',
	},
	{
		displayName: 'Resume Waiting Executions',
		name: 'resumeWaiting',
		type: 'boolean',
		default: true,
		description:
			'Whether a reply in the chat to a Send and Wait for Response request of this n8n resumes the waiting execution (needs the Messages Upsert event): yes / no / 1 / 2 or the labels for approvals, the text for free text',
	},
	{
		displayName: 'Resumed Replies Start Workflow',
		name: 'emitResumedReplies',
		type: 'boolean',
		default: false,
		description: 'Whether a reply that resumed a waiting execution also starts this workflow',
	},
];

export type ReplyOutcome = 'resumed' | 'not-a-reply';

/** A webhook delivery (Webhook mode) or the running trigger (WebSocket mode). */
type ReplyContext = IWebhookFunctions | ITriggerFunctions;

/** How the trigger calls Evolution: see sendKeyDirectly in transport.ts (WebSocket mode). */
interface LookupOptions {
	sendKeyDirectly?: boolean;
}

type Obj = IDataObject;
const obj = (value: unknown): Obj | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;

/** How many of the chat's latest messages are searched for the last request. */
const RECENT_MESSAGES = 20;

/** The contextInfo of a message: Evolution puts it on the record and inside the content. */
function contextInfoOf(record: Obj): Obj | undefined {
	const direct = obj(record.contextInfo);
	if (direct && (direct.quotedMessage || direct.stanzaId)) return direct;
	const content = unwrapMessage(record.message);
	for (const value of Object.values(content)) {
		const info = obj(obj(value)?.contextInfo);
		if (info && (info.quotedMessage || info.stanzaId)) return info;
	}
	return undefined;
}

/**
 * Origins of this n8n: its instance URL and its webhook URL (which may differ). A running
 * trigger (WebSocket mode) knows only the instance URL: with a WEBHOOK_URL on another origin,
 * chat replies are then not followed (the links still work).
 */
function ownOrigins(context: ReplyContext): Set<string> {
	const origins = new Set<string>();
	const add = (url: string | undefined) => {
		if (!url) return;
		try {
			origins.add(new URL(url).origin);
		} catch {
			// not a URL: nothing to add
		}
	};
	add(context.getInstanceBaseUrl());
	// Webhook deliveries know the node's webhook URL; other connection modes may not.
	if ('getNodeWebhookUrl' in context) add(context.getNodeWebhookUrl('default'));
	return origins;
}

/** Messages this instance sent in the chat (newest first), from Evolution's stored messages. */
async function sentMessages(context: ReplyContext, instance: string, key: IDataObject, lookup: LookupOptions): Promise<Obj[]> {
	const { body } = await evolutionApiRequest.call(context, {
		method: 'POST',
		path: `/chat/findMessages/${encodeURIComponent(instance)}`,
		body: { where: { key: { ...key, fromMe: true } }, page: 1, offset: RECENT_MESSAGES },
		instance,
		timeout: 10000,
		sendKeyDirectly: lookup.sendKeyDirectly,
	});
	const records = (obj(obj(body)?.messages)?.records ?? []) as unknown[];
	return records
		.map((record) => obj(record) ?? {})
		.sort((a, b) => Number(b.messageTimestamp ?? 0) - Number(a.messageTimestamp ?? 0));
}

/**
 * Only n8n's waiting-webhook URLs of this n8n are followed: same origin, and the path
 * `/<…-waiting endpoint>/<execution id>/<node id>` (n8n's default endpoint is webhook-waiting).
 */
export function isOwnResumeLink(url: string, origins: Set<string>): boolean {
	const parsed = new URL(url);
	if (!origins.has(parsed.origin)) return false;
	const segments = parsed.pathname.split('/').filter(Boolean);
	return segments.length >= 3 && segments[segments.length - 3].endsWith('-waiting');
}

/** The latest message this instance sent in the chat that carries resume links. */
async function lastRequestText(context: ReplyContext, instance: string, chatJid: string, lookup: LookupOptions): Promise<string | undefined> {
	for (const record of await sentMessages(context, instance, { remoteJid: chatJid }, lookup)) {
		const text = messageText(record.message);
		if (findResumeLinks(text).length > 0) return text;
	}
	return undefined;
}

function pickLink(text: string, requestText: string, links: ResumeLink[]): { link: ResumeLink; approved?: boolean } | undefined {
	const approvals = links.filter((link) => link.response === 'approval');
	if (approvals.length > 0) {
		const approved = readApprovalReply(text, labelsOf(requestText, approvals));
		if (approved === undefined) return undefined;
		const link = approvals.find((candidate) => candidate.approved === approved);
		return link ? { link, approved } : undefined;
	}
	const free = links.find((link) => link.response === 'text');
	return free ? { link: free } : undefined;
}

/**
 * Resumes the execution waiting for the request this message answers. 'not-a-reply' when it
 * answers none (or the request no longer waits): the event then goes on as any other.
 */
export async function resumeFromReply(
	context: ReplyContext,
	subscription: string,
	envelope: EvolutionEnvelope,
	options: IDataObject,
	lookup: LookupOptions = {},
): Promise<ReplyOutcome> {
	if (options.resumeWaiting === false || subscription !== 'MESSAGES_UPSERT') return 'not-a-reply';
	const record = obj(envelope.data);
	if (!record || obj(record.key)?.fromMe === true) return 'not-a-reply';
	const fields = messageRecordFields(record, envelope.sender);
	const text = (fields.text ?? '').trim();
	if (!text || !fields.chatJid) return 'not-a-reply';

	try {
		let requestText: string | undefined;
		const quoted = contextInfoOf(record);
		if (quoted) {
			// A reply to another message is not an answer, even if a request is pending.
			requestText = messageText(quoted.quotedMessage);
			// The quote comes from the replier's phone: prefer the request as this instance stored it.
			const stanzaId = typeof quoted.stanzaId === 'string' ? quoted.stanzaId : undefined;
			if (stanzaId && envelope.instance && findResumeLinks(requestText).length > 0) {
				const [stored] = await sentMessages(context, envelope.instance, { id: stanzaId, remoteJid: fields.chatJid }, lookup).catch(() => []);
				if (stored) requestText = messageText(stored.message);
			}
		} else if (options.resumeUnquoted === true && envelope.instance) {
			requestText = await lastRequestText(context, envelope.instance, fields.chatJid, lookup);
		}
		if (!requestText) return 'not-a-reply';

		const origins = ownOrigins(context);
		const links = findResumeLinks(requestText).filter((link) => isOwnResumeLink(link.url, origins));
		const choice = pickLink(text, requestText, links);
		if (!choice) return 'not-a-reply';

		const reply: ChatReply = {
			via: 'chat',
			text,
			messageId: fields.messageId,
			chatJid: fields.chatJid,
			answeredBy: {
				jid: fields.participant ?? fields.chatJid,
				phoneNumber: fields.phoneNumber,
				name: fields.pushName,
			},
			timestamp: fields.timestamp,
		};
		if (choice.approved !== undefined) reply.approved = choice.approved;
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url: choice.link.url,
			body: { [CHAT_REPLY_KEY]: reply },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10000,
		})) as { statusCode: number; body: unknown };
		// The node's webhook answers a chat reply with { resumed: true }; n8n answers a request
		// that no longer waits with a page (or 404/409): then the reply is an ordinary message.
		return response.statusCode === 200 && obj(response.body)?.resumed === true ? 'resumed' : 'not-a-reply';
	} catch {
		// Never lose the event over a failed lookup or resume: it goes on as an ordinary message.
		return 'not-a-reply';
	}
}
