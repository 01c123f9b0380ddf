import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, normalizeServerUrl, type EvolutionCredentials } from './credential';
import { buildApiError, isEmptyBody } from './errors';

export type EvolutionContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | ITriggerFunctions;

/** Common server limits on the request line are 8 KB; stay well below. */
const MAX_URL_LENGTH = 4096;

export interface EvolutionRequest {
	method: IHttpRequestMethods;
	/** Concrete path with every parameter already URL-encoded, e.g. `/message/sendText/my%20line`. */
	path: string;
	body?: IDataObject | IDataObject[] | FormData;
	/** Only the query parameters the route documents: the server lets extra ones override the path instance. */
	qs?: IDataObject;
	/** Instance name, used to explain errors. */
	instance?: string;
	itemIndex?: number;
	/** `json` (default) parses the answer; `text` keeps it as a string; `binary` returns a Buffer. */
	response?: 'json' | 'text' | 'binary';
	/** An empty 2xx body is an answer, not a failure (routes that return nothing). */
	allowEmpty?: boolean;
	timeout?: number;
	/**
	 * Send the credential's key in the `apikey` header ourselves instead of through n8n's
	 * authentication. Only for a trigger's requests after trigger() returned (WebSocket mode):
	 * n8n 2.41 resolves the credential's `={{$credentials.apiKey}}` header with its expression
	 * isolate, which it holds only while trigger() runs, so later requests fail with "No bridge
	 * acquired for this context" (measured in n8n 2.41.1 with its default N8N_EXPRESSION_ENGINE=vm).
	 */
	sendKeyDirectly?: boolean;
}

export interface EvolutionResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

// One credential read per node run, shared by its items, as n8n's own declarative nodes do
// (RoutingNode reads it once, for item 0): in n8n every read is a database query and a
// decryption (measured in a real n8n: 6.81 → 3.20 ms per Send Text item). Keyed by the node's
// execution context, so nothing outlives the run.
const credentialReads = new WeakMap<object, Promise<EvolutionCredentials>>();

/** The node's Evolution API credential, read once per execution context. */
export async function readCredentials(this: EvolutionContext, itemIndex?: number): Promise<EvolutionCredentials> {
	let pending = credentialReads.get(this);
	if (pending === undefined) {
		pending = this.getCredentials<EvolutionCredentials>(CREDENTIAL_TYPE, itemIndex);
		credentialReads.set(this, pending);
	}
	return await pending;
}

/**
 * The one function that talks to Evolution API. Every request goes through n8n's
 * httpRequestWithAuthentication, so proxy, TLS and the credential's `apikey` header are
 * handled by n8n; every failure, HTTP or network, is turned into one NodeApiError here.
 */
export async function evolutionApiRequest(
	this: EvolutionContext,
	request: EvolutionRequest,
): Promise<EvolutionResponse> {
	const credentials = await readCredentials.call(this, request.itemIndex);
	const serverUrl = normalizeServerUrl(credentials.serverUrl);
	if (!serverUrl) {
		throw new NodeOperationError(this.getNode(), 'The credential\'s Server URL is not a valid URL', {
			description: 'Enter the base URL of the Evolution API server, e.g. https://evolution.example.com',
			itemIndex: request.itemIndex,
		});
	}
	const secrets = [credentials.apiKey, ...secretValuesOf(request.body)];
	const isForm = typeof FormData !== 'undefined' && request.body instanceof FormData;

	// Servers refuse request lines of more than a few KB and close the connection without an answer.
	const urlLength = serverUrl.length + request.path.length + JSON.stringify(request.qs ?? {}).length;
	if (urlLength > MAX_URL_LENGTH) {
		throw new NodeOperationError(this.getNode(), `A value sent in the URL is too long (${urlLength} characters)`, {
			description: 'IDs, names and filters go into the URL of the request; check the value mapped into them (an expression may have returned a whole text or file).',
			itemIndex: request.itemIndex,
		});
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${serverUrl}${request.path}`,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Parse JSON ourselves: the server's bodies are not always JSON and we must explain why.
		json: false,
		encoding: request.response === 'binary' ? 'arraybuffer' : 'text',
		headers: { accept: 'application/json' },
	};
	if (request.qs && Object.keys(request.qs).length > 0) options.qs = request.qs;
	if (request.timeout) options.timeout = request.timeout;
	if (request.body !== undefined) {
		if (isForm) {
			options.body = request.body;
			// Following redirects makes n8n's HTTP layer keep every uploaded chunk until the answer
			// arrives (measured: the whole file in memory); a redirect is reported instead.
			options.disableFollowRedirect = true;
		} else {
			options.body = JSON.stringify(request.body);
			options.headers = { ...options.headers, 'content-type': 'application/json' };
		}
	}

	let raw: IN8nHttpFullResponse;
	try {
		// Hand over the credential read above: otherwise n8n reads (and decrypts) it again for
		// every request (measured: 8.07 → 6.81 ms per item in a real n8n).
		const { id = '', name = '' } = this.getNode().credentials?.[CREDENTIAL_TYPE] ?? {};
		raw = request.sendKeyDirectly
			? ((await this.helpers.httpRequest({
					...options,
					headers: { ...options.headers, apikey: credentials.apiKey },
				})) as IN8nHttpFullResponse)
			: ((await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
					credentialsDecrypted: { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials },
				})) as IN8nHttpFullResponse);
	} catch (error) {
		if (error instanceof NodeOperationError) {
			throw new NodeOperationError(this.getNode(), error, { itemIndex: request.itemIndex });
		}
		throw buildApiError(
			this.getNode(),
			{
				method: request.method,
				path: request.path,
				instance: request.instance,
				itemIndex: request.itemIndex,
				networkCode: networkCodeOf(error),
				statusCode: statusOf(error),
				body: bodyOf(error),
			},
			secrets,
		);
	}

	const headers = (raw.headers ?? {}) as IDataObject;
	const contentType = String(headers['content-type'] ?? '');
	const statusCode = raw.statusCode;
	let body: unknown = raw.body;
	if (request.response !== 'binary') body = parseBody(body, contentType, statusCode >= 400);

	const call = {
		method: request.method,
		path: request.path,
		instance: request.instance,
		itemIndex: request.itemIndex,
		statusCode,
		body,
		contentType,
	};
	if (statusCode >= 400) throw buildApiError(this.getNode(), call, secrets);
	if (statusCode >= 300) {
		const location = String(headers.location ?? '');
		throw buildApiError(
			this.getNode(),
			{ ...call, contentType: 'application/json', body: { message: `Redirected to ${location || 'another address'}` } },
			secrets,
		);
	}
	if (request.response === 'binary') return { statusCode, body, headers };
	if (isEmptyBody(body)) {
		if (request.allowEmpty) return { statusCode, body: undefined, headers };
		throw buildApiError(this.getNode(), call, secrets);
	}
	if (request.response !== 'text') {
		// A string left after parsing is HTML or broken JSON; `{error:true}` is how
		// connect/restart report failures with HTTP 200.
		if (typeof body === 'string') throw buildApiError(this.getNode(), call, secrets);
		if (isErrorFlag(body)) throw buildApiError(this.getNode(), call, secrets);
	}
	return { statusCode, body, headers };
}

function parseBody(body: unknown, contentType: string, isError: boolean): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	if (text === '') return '';
	const looksJson = /json/i.test(contentType) || /^\s*[[{"]|^\s*(null|true|false|-?\d)/.test(text);
	if (!looksJson && !isError) return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function isErrorFlag(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Array.isArray(body) &&
		(body as IDataObject).error === true
	);
}

function networkCodeOf(error: unknown): string | undefined {
	const candidate = error as { code?: unknown; cause?: { code?: unknown }; httpCode?: unknown };
	for (const code of [candidate?.cause?.code, candidate?.code]) {
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	const text = String((error as Error)?.message ?? '');
	const match = text.match(/\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|ECONNABORTED|EAI_AGAIN|EPIPE)\b/);
	if (match) return match[1];
	if (/timeout/i.test(text)) return 'ETIMEDOUT';
	if (statusOf(error) === undefined) return 'ECONNRESET';
	return undefined;
}

function statusOf(error: unknown): number | undefined {
	const candidate = error as { cause?: { response?: { status?: number } }; response?: { status?: number } };
	return candidate?.cause?.response?.status ?? candidate?.response?.status;
}

function bodyOf(error: unknown): unknown {
	const candidate = error as { cause?: { response?: { data?: unknown } }; response?: { data?: unknown } };
	return candidate?.cause?.response?.data ?? candidate?.response?.data;
}

// Body keys whose values are secrets (instance token, OpenAI/Dify/bot API keys, Pusher secret,
// proxy password, Chatwoot token); every value under `headers` (webhook headers, jwt_key) too.
const SECRET_KEY = /^(token|apikey|api_key|secret|password|jwt_key|authorization)$|(Token|Secret|Password|ApiKey)$/i;

/** The secrets a request body carries, so an error never repeats them when the server echoes them. */
export function secretValuesOf(value: unknown, secret = false, found: string[] = []): string[] {
	if (typeof value === 'string') {
		if (secret && value.trim().length >= 4) {
			found.push(value, value.trim());
			const bearer = /^\s*Bearer\s+(\S+)/i.exec(value);
			if (bearer) found.push(bearer[1]);
		}
	} else if (Array.isArray(value)) {
		for (const entry of value) secretValuesOf(entry, secret, found);
	} else if (value && typeof value === 'object' && !(typeof FormData !== 'undefined' && value instanceof FormData)) {
		for (const [key, entry] of Object.entries(value)) secretValuesOf(entry, secret || key === 'headers' || SECRET_KEY.test(key), found);
	}
	return found;
}

/** Fills a catalogue path template such as `/typebot/fetch/{typebotId}/{instance}`. */
export function buildPath(template: string, params: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`);
		// "." and ".." would be removed by URL normalisation and the request would reach another route.
		if (value === '.' || value === '..') throw new Error(`"${value}" is not a valid ${name}`);
		return encodeURIComponent(value);
	});
}
