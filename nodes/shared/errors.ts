import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What the transport knows about a failed call; never includes headers, so no key can leak. */
export interface FailedCall {
	method: string;
	path: string;
	instance?: string;
	itemIndex?: number;
	statusCode?: number;
	body?: unknown;
	contentType?: string;
	/** Network-level error code (ECONNREFUSED, ETIMEDOUT, ...) when no response arrived. */
	networkCode?: string;
	serverUrl?: string;
}

// The *_ENABLED variable behind each "<Name> is disabled" answer.
const DISABLED_INTEGRATIONS: Record<string, string> = {
	typebot: 'TYPEBOT_ENABLED',
	openai: 'OPENAI_ENABLED',
	dify: 'DIFY_ENABLED',
	flowise: 'FLOWISE_ENABLED',
	n8n: 'N8N_ENABLED',
	evoai: 'EVOAI_ENABLED',
	chatwoot: 'CHATWOOT_ENABLED',
	rabbitmq: 'RABBITMQ_ENABLED',
	sqs: 'SQS_ENABLED',
	websocket: 'WEBSOCKET_ENABLED',
	nats: 'NATS_ENABLED',
	pusher: 'PUSHER_ENABLED',
	kafka: 'KAFKA_ENABLED',
	s3: 'S3_ENABLED',
};

// The server's own spelling ("Openai is disabled") reads oddly in a message.
const DISPLAY_NAMES: Record<string, string> = { openai: 'OpenAI', n8n: 'n8n', evoai: 'EvoAI', typebot: 'Typebot', dify: 'Dify', flowise: 'Flowise', chatwoot: 'Chatwoot' };

const BOT_GROUPS = ['evolutionBot', 'typebot', 'openai', 'dify', 'flowise', 'n8n', 'evoai'];

/** Event transports answer 2xx with an empty body when their *_ENABLED variable is off. */
export const EVENT_TRANSPORTS = ['websocket', 'rabbitmq', 'sqs', 'nats', 'pusher', 'kafka'];

const NETWORK_ERRORS: Record<string, { message: string; description: string }> = {
	ECONNREFUSED: {
		message: 'Could not connect to the Evolution API server',
		description:
			'Nothing answered at the Server URL. Check the URL and port in the credential and that the server is running.',
	},
	ENOTFOUND: {
		message: 'The Evolution API server host name could not be found',
		description: 'Check the host name in the credential\'s Server URL.',
	},
	EAI_AGAIN: {
		message: 'The Evolution API server host name could not be resolved',
		description: 'DNS did not answer. Check the host name in the Server URL and the network of the n8n host.',
	},
	ETIMEDOUT: {
		message: 'The Evolution API server did not answer in time',
		description:
			'The request timed out. The server may be overloaded or unreachable; raise the Timeout option or check the network. Send operations are not retried automatically, check the chat before sending again.',
	},
	ECONNRESET: {
		message: 'The Evolution API server closed the connection',
		description:
			'The connection was reset before a complete answer arrived. Check the server logs and any proxy in front of it.',
	},
};
NETWORK_ERRORS.ECONNABORTED = NETWORK_ERRORS.ETIMEDOUT;
NETWORK_ERRORS.ESOCKETTIMEDOUT = NETWORK_ERRORS.ETIMEDOUT;
NETWORK_ERRORS.EPIPE = NETWORK_ERRORS.ECONNRESET;

/**
 * Collects the human-readable text from every error body shape Evolution API 2.3.6 uses:
 * `response.message` as a string, an array, an array of arrays (schema errors) or an array of
 * `{property, message}` (group validators); a top-level `message` (business/template routes,
 * whatsappNumbers, `{error:true}` answers); a raw Boom object; or `{error: "..."}`.
 */
export function extractServerMessages(body: unknown): string[] {
	const out: string[] = [];
	const visit = (value: unknown, depth: number): void => {
		if (depth > 5 || value === null || value === undefined) return;
		if (typeof value === 'string') {
			if (value.trim()) out.push(value.trim());
		} else if (Array.isArray(value)) {
			for (const entry of value) visit(entry, depth + 1);
		} else if (typeof value === 'object') {
			const record = value as Record<string, unknown>;
			if (typeof record.property === 'string' && record.message !== undefined) {
				// jsonschema names the root "instance", which means nothing to a user.
				const text = messagesOf(record.message).join(', ');
				out.push(record.property === 'instance' ? text : `${record.property}: ${text}`);
			} else if (typeof record.message === 'string' || Array.isArray(record.message)) {
				visit(record.message, depth + 1);
			} else if (record.message && typeof record.message === 'object') {
				visit(record.message, depth + 1);
			}
		}
	};
	const messagesOf = (value: unknown): string[] => {
		const saved = out.length;
		visit(value, 1);
		return out.splice(saved);
	};

	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		if (record.response !== undefined) visit(record.response, 0);
		if (out.length === 0 && record.message !== undefined) visit(record.message, 0);
		// Business/template errors: Meta's short title is in `message`, the reason in details.
		if (record.details && typeof record.details === 'object') {
			const details = record.details as Record<string, unknown>;
			for (const extra of [details.error_user_msg, details.whatsapp_error]) {
				if (typeof extra === 'string' && extra.trim() && !out.includes(extra.trim())) {
					out.push(extra.trim());
					break;
				}
			}
		}
		if (out.length === 0 && record.output && typeof record.output === 'object') {
			visit((record.output as Record<string, unknown>).payload, 0);
		}
		if (out.length === 0 && typeof record.error === 'string') visit(record.error, 0);
	} else {
		visit(body, 0);
	}
	return out;
}

function textOf(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return '';
}

function isHtml(body: unknown, contentType?: string): boolean {
	return /html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)/i.test(textOf(body));
}

function shorten(text: string, max = 300): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Removes anything that looks like a key or token from text we put into an error. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result.replace(/(Bearer\s+)[\w.-]+/gi, '$1***').replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '***');
}

interface Explanation {
	message: string;
	description: string;
}

// What Evolution API 2.3.6 answers when the server itself cannot reach a host (Meta, OpenAI, a proxy).
const OUTBOUND_FAILURE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|getaddrinfo)\b|Connection error/i;

/** The text JavaScript gives an object turned into a string: the server lost its own message. */
export const LOST_MESSAGE = '[object Object]';

/**
 * Business and template routes pass the request on to Meta's Graph API and report Meta's answer
 * (or the failure to reach it) as a 400 with `details`. The node did reach Evolution API, so
 * the credential's host is not the problem, whatever host name the message mentions.
 */
function explainMeta(call: FailedCall, group: string, joined: string): Explanation | undefined {
	if (group !== 'business' && group !== 'template') return undefined;
	const details = (call.body as { details?: Record<string, unknown> } | undefined)?.details;
	if (typeof details !== 'object' || details === null) return undefined;
	if (OUTBOUND_FAILURE.test(joined)) {
		return {
			message: `The Evolution API server could not reach Meta's WhatsApp Cloud API: ${joined}`,
			description:
				"n8n reached your Evolution API server; the server's own call to graph.facebook.com failed. Check the internet access, DNS and proxy of the Evolution API server, then retry.",
		};
	}
	// These routes wrap their own errors (schema, Connection Closed) in the same envelope; only
	// an answer from Meta carries Meta's trace ID, numeric code or error type.
	const fromMeta = details.fbtrace_id != null || typeof details.whatsapp_code === 'number' || (typeof details.error_type === 'string' && details.error_type !== 'UNKNOWN');
	if (!fromMeta) return undefined;
	return {
		message: `Meta's WhatsApp Cloud API refused the request: ${joined || 'Bad Request'}`,
		description:
			"The Evolution API server passed the request on to Meta, which refused it. Check the fields named above and the instance's Cloud API token, phone number ID and business ID.",
	};
}

/**
 * Evolution API 2.3.6 turns some of its own errors into the text "[object Object]" (an exception
 * object passed through `toString()`). Where the route tells what it meant, say that instead.
 */
function explainLostMessage(call: FailedCall, messages: string[]): Explanation | undefined {
	if (messages.length === 0 || messages.some((text) => text !== LOST_MESSAGE)) return undefined;
	const instance = call.instance ? `"${call.instance}"` : 'the instance';
	const note = `(Evolution API 2.3.6 reports this as "${LOST_MESSAGE}".)`;
	if (/^\/instance\/restart\//.test(call.path)) {
		return {
			message: `The instance ${instance} cannot be restarted: it is not connected to WhatsApp`,
			description: `Restart only reconnects an instance that is connecting or open. Start a session with Instance → Connect (then scan the QR code) and check it with Instance → Get Connection State. ${note}`,
		};
	}
	if (/^\/message\/send/.test(call.path) && call.statusCode === 400) {
		return {
			message: `The group was not found, so nothing was sent from instance ${instance}`,
			description: `The server could not read the group's details. Check the group ID (…@g.us, e.g. from Group → Get Many), that the instance is a member of the group, and that the instance is connected (Instance → Get Connection State). ${note}`,
		};
	}
	return {
		message: 'The Evolution API server failed without saying why',
		description: `The server lost its own error message ${note} Its log names the cause; if the instance is not connected to WhatsApp, connect it first.`,
	};
}

/** `response.message` entries like `{jid, exists: false, number}`: what a send says about a number without WhatsApp. */
function numbersNotOnWhatsApp(body: unknown): string[] {
	const message = ((body as { response?: { message?: unknown } } | undefined)?.response?.message ?? []) as unknown;
	if (!Array.isArray(message)) return [];
	return message
		.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && (entry as Record<string, unknown>).exists === false)
		.map((entry) => String(entry.number ?? entry.jid ?? ''))
		.filter((number) => number !== '');
}

function explainHttp(call: FailedCall, messages: string[]): Explanation {
	const status = call.statusCode ?? 0;
	const joined = messages.join('; ');
	const instance = call.instance ? `"${call.instance}"` : 'the instance';
	const group = call.path.split('/')[1] ?? '';

	const meta = explainMeta(call, group, joined);
	if (meta) return meta;
	const lost = explainLostMessage(call, messages);
	if (lost) return lost;
	const notOnWhatsApp = numbersNotOnWhatsApp(call.body);
	if (status === 400 && notOnWhatsApp.length > 0) {
		return {
			message: `Not on WhatsApp: ${notOnWhatsApp.join(', ')}`,
			description: 'The server checked the recipient with WhatsApp and found no account. Check the number (country code, no leading zero) or look it up first with Chat → Check Numbers.',
		};
	}

	const disabled = joined.match(/(\w+) is disabled/i);
	if (disabled) {
		const name = DISPLAY_NAMES[disabled[1].toLowerCase()] ?? disabled[1];
		const variable = DISABLED_INTEGRATIONS[disabled[1].toLowerCase()] ?? `${disabled[1].toUpperCase()}_ENABLED`;
		return {
			message: `The ${name} integration is disabled on the Evolution API server`,
			description: `Set ${variable}=true in the Evolution API server's environment and restart it, then run the node again.`,
		};
	}
	if (/connection closed/i.test(joined)) {
		return {
			message: `The instance ${instance} is not connected to WhatsApp`,
			description:
				'Connect it first (Instance → Connect, then scan the QR code or enter the pairing code) and check Instance → Get Connection State shows "open".',
		};
	}
	if (/instance is not connected/i.test(joined)) {
		return {
			message: `The instance ${instance} is not connected to WhatsApp`,
			description: 'Nothing to log out: the instance is already disconnected. Connect it first if you meant to use it.',
		};
	}
	if (status >= 300 && status < 400) {
		return {
			message: `The Evolution API server answered with a redirect (HTTP ${status}): ${joined}`,
			description:
				'Uploads do not follow redirects. Put the final address in the credential\'s Server URL (for example https:// instead of http://, or without a trailing path).',
		};
	}
	if (status === 401) {
		return {
			message: 'The Evolution API server rejected the API key (401 Unauthorized)',
			description: call.instance
				? `The credential's API key is neither the server's global key (AUTHENTICATION_API_KEY) nor the token of instance ${instance}. An instance token only works for its own instance; use the global key to act on several instances.`
				: "This operation needs the server's global API key (AUTHENTICATION_API_KEY); an instance token is not accepted here. Put the global key in the credential.",
		};
	}
	const unknownRoute = joined.match(/Cannot (GET|POST|PUT|DELETE|PATCH) (\S+)/);
	if (status === 404 && unknownRoute) {
		if (/\/manager(\/|$)/i.test(unknownRoute[2])) {
			return {
				message: 'The Server URL points at the Evolution manager UI, not at the API',
				description:
					'Remove /manager (and anything after it) from the Server URL in the credential, e.g. https://evolution.example.com',
			};
		}
		return {
			message: `The server does not know the route ${call.method} ${call.path}`,
			description:
				'Check that the credential\'s Server URL is the base URL of an Evolution API 2.3.x server (no extra path) and that the server version supports this operation.',
		};
	}
	if (status === 404 && call.instance && /instance does not exist/i.test(joined)) {
		return {
			message: `The instance ${instance} does not exist on this server`,
			description:
				'Check the instance name (it is case-sensitive) or pick one from the list; create it first with Instance → Create if needed.',
		};
	}
	if (status === 404) {
		return {
			message: joined ? `Not found: ${joined}` : 'Not found (HTTP 404)',
			description: 'Check the name, ID or message you entered; it does not exist on this instance.',
		};
	}
	// Cloud API and Evolution instances lack Baileys-only methods and fail with a TypeError.
	if (/is not a function|Method not available/i.test(joined)) {
		return {
			message: `This operation is not available for the channel of instance ${instance}: ${joined}`,
			description:
				'Check the operation description: some operations work only on Baileys (WhatsApp app) instances, others only on WhatsApp Cloud API instances.',
		};
	}
	if (status === 403 && /already in use/i.test(joined)) {
		return {
			message: joined,
			description: 'Choose another instance name, or delete the existing instance first.',
		};
	}
	if (status === 400 || status === 422) {
		const isBusiness = group === 'business' || group === 'template';
		return {
			message: `The Evolution API server rejected the request: ${joined || 'Bad Request'}`,
			description: isBusiness
				? 'WhatsApp Business (Meta) routes report errors this way; check the fields named above and that the instance uses the channel this operation needs.'
				: 'Check the fields named in the message; the server validates every request against its schema.',
		};
	}
	if (status === 502 || status === 503 || status === 504) {
		return {
			message: `A proxy in front of the Evolution API server answered HTTP ${status}`,
			description:
				'The server behind the proxy is down, restarting or too slow. Check that Evolution API is running and reachable from the proxy, then retry.',
		};
	}
	if (status >= 500) {
		const isBot = BOT_GROUPS.includes(group);
		return {
			message: joined
				? `The Evolution API server failed: ${joined}`
				: `The Evolution API server had an internal error (HTTP ${status})`,
			description: isBot
				? 'The server could not carry out the request. Check the bot settings named in the message and the Evolution API server logs.'
				: 'The server could not carry out the request. Check the Evolution API server logs; if the instance is not connected to WhatsApp, connect it first.',
		};
	}
	return {
		message: joined
			? `The Evolution API server answered HTTP ${status}: ${joined}`
			: `The Evolution API server answered HTTP ${status}`,
		description: 'Check the Evolution API server logs for details.',
	};
}

/** Builds the one error the node raises for any failed call to Evolution API. */
export function buildApiError(node: INode, call: FailedCall, secrets: Array<string | undefined> = []): NodeApiError {
	let explanation: Explanation;
	const group = call.path.split('/')[1] ?? '';

	if (call.networkCode) {
		explanation = NETWORK_ERRORS[call.networkCode] ?? {
			message: `Could not reach the Evolution API server (${call.networkCode})`,
			description: 'Check the Server URL in the credential and the network between n8n and the server.',
		};
	} else if ((call.statusCode ?? 0) < 300 && isEmptyBody(call.body)) {
		explanation = EVENT_TRANSPORTS.includes(group)
			? {
					message: `The ${group} integration is disabled on the Evolution API server`,
					description: `The server answered with an empty body, which it does when ${DISABLED_INTEGRATIONS[group]} is not true. Set it in the server's environment and restart the server.`,
				}
			: {
					message: 'The Evolution API server answered with an empty body',
					description: 'The operation may not have been carried out. Check the Evolution API server logs.',
				};
	} else if ((call.statusCode ?? 0) < 300 && isHtml(call.body, call.contentType)) {
		explanation = {
			message: 'The server answered with a web page instead of Evolution API data',
			description:
				'The Server URL probably points at a website, a login page or the manager UI. Use the base URL of the Evolution API server.',
		};
	} else if ((call.statusCode ?? 0) < 300 && typeof call.body === 'string') {
		explanation = {
			message: 'The Evolution API server answered with data that is not valid JSON',
			description: `The answer was cut off or is not JSON (it starts with "${shorten(call.body, 60)}"). Check the server and any proxy in front of it.`,
		};
	} else if ((call.statusCode ?? 0) < 300) {
		// HTTP 200 carrying {error: true, message}: how connect and restart report failures.
		const all = extractServerMessages(call.body);
		const messages = all.filter((m) => m !== LOST_MESSAGE);
		explanation = explainLostMessage(call, all) ?? {
			message: messages.length
				? `The Evolution API server reported an error: ${messages.join('; ')}`
				: 'The Evolution API server reported an error without details',
			description: /\/instance\/(restart|connect)\//.test(call.path)
				? 'Restart and Connect fail like this when the instance is closed or not loaded. Use Instance → Connect to start a new session and check Instance → Get Connection State.'
				: 'Check the Evolution API server logs for details.',
		};
	} else {
		const html = isHtml(call.body, call.contentType);
		const messages = html ? [] : extractServerMessages(call.body);
		if (html) {
			// Proxies and web servers answer with a page; its title is the only useful part.
			const title = textOf(call.body).match(/<title>([^<]*)<\/title>/i)?.[1];
			if (title) messages.push(title.trim());
		} else if (messages.length === 0 && typeof call.body === 'string') {
			const text = shorten(call.body, 200);
			if (text) messages.push(text);
		}
		explanation = explainHttp(call, messages);
	}

	const message = redactSecrets(explanation.message, secrets);
	const description = redactSecrets(explanation.description, secrets);
	const details: JsonObject = {
		message,
		description,
		method: call.method,
		path: redactSecrets(call.path, secrets),
	};
	if (call.statusCode !== undefined) details.httpCode = String(call.statusCode);
	// Not `code`/httpCode for network errors: n8n would replace our message with its generic one.
	if (call.networkCode) details.networkError = call.networkCode;
	const error = new NodeApiError(node, details, {
		message,
		description,
		httpCode: call.statusCode !== undefined ? String(call.statusCode) : undefined,
		itemIndex: call.itemIndex,
	});
	// NodeApiError swaps any message containing a network code (ENOTFOUND, ECONNREFUSED, …) for
	// n8n's "incorrect host" text. Ours already says whose connection failed: keep it.
	error.message = message;
	return error;
}

export function isEmptyBody(body: unknown): boolean {
	return (
		body === undefined ||
		body === '' ||
		(Buffer.isBuffer(body) && body.length === 0)
	);
}
