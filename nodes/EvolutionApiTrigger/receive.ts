import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { subscriptionName } from '../shared/events';
import { bearerToken, verifyHs256 } from '../shared/jwt';
import { decodeBase64, sniffMimeType, toBinaryData } from '../shared/media';
import {
	applyFilters,
	dedupeKey,
	eventJson,
	parseEnvelope,
	pruneWindow,
	readFilters,
	selectedEvents,
	takeEmbeddedMedia,
	type EventFields,
	type EvolutionEnvelope,
} from '../shared/triggerEvent';
import { claimDelivery, deliveryScope } from './dedupe';
import type { TriggerState } from './lifecycle';

/** Accepted clock difference between the Evolution server and n8n. */
export const JWT_LEEWAY_SECONDS = 30;
/**
 * The duplicate window: a delivery is remembered for 15 minutes, and at most the last 1,000
 * are kept. Evolution retries a failed delivery with the same JWT, which expires 600 s after
 * it was signed, so no retry can be accepted later than 10 minutes (+ leeway) after the first.
 */
export const DEDUPE_TTL_SECONDS = 15 * 60;
export const DEDUPE_MAX_ENTRIES = 1000;

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Answers the request ourselves; no execution is started. */
function answer(res: Response, status: number, body: IDataObject): IWebhookResponseData {
	if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

async function outputItem(
	context: IWebhookFunctions,
	subscription: string,
	envelope: EvolutionEnvelope,
	data: unknown,
	fields: EventFields,
	options: IDataObject,
): Promise<INodeExecutionData> {
	if (options.downloadMedia !== true) return { json: eventJson(subscription, envelope, fields, data) };

	// The body is n8n's parsed request: work on a copy when taking the base64 out.
	const copy = data === null || data === undefined ? data : deepCopy(data as IDataObject);
	const media = takeEmbeddedMedia(subscription, copy);
	const json = eventJson(subscription, envelope, fields, copy);
	if (!media) return { json };

	let decoded: { data: Buffer; mimeType?: string };
	try {
		decoded = decodeBase64(context.getNode(), media.base64, { field: 'The media in the event', itemIndex: 0 });
	} catch (error) {
		// Reported in the item rather than failing the delivery: the event itself is valid.
		json.mediaError = (error as Error).message;
		return { json };
	}
	const mimeType = media.mimeType ?? decoded.mimeType ?? sniffMimeType(decoded.data);
	const property = typeof options.outputBinaryField === 'string' && options.outputBinaryField.trim()
		? options.outputBinaryField.trim()
		: 'data';
	const binary = await toBinaryData(context, decoded.data, { mimeType, fileName: media.fileName });
	return { json, binary: { [property]: binary } };
}

/**
 * One delivery: verify the JWT (401 without an execution when it fails), map the event, apply
 * the filters, drop retried duplicates, then output one item. Deliveries that are not wanted
 * get a 200 (so Evolution does not retry them) and start no execution.
 *
 * State: only the duplicate window is written, and only for deliveries that start an
 * execution, by assigning a new array to a top-level key of the node's static data (n8n's
 * change tracking only sees assignments to objects that existed when the workflow was loaded).
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = this.getResponseObject();
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const nowSeconds = Math.floor(Date.now() / 1000);

	const verdict = verifyHs256(
		bearerToken(this.getHeaderData().authorization),
		typeof state.secret === 'string' ? state.secret : undefined,
		{ nowSeconds, leewaySeconds: JWT_LEEWAY_SECONDS, requiredClaims: { app: 'evolution', action: 'webhook' } },
	);
	if (!verdict.valid) return answer(res, 401, { message: 'Unauthorized' });

	const envelope = parseEnvelope(this.getBodyData());
	if (!envelope) return answer(res, 400, { message: 'The body is not an Evolution API event' });

	const subscription = subscriptionName(envelope.event);
	if (!selectedEvents(this.getNodeParameter('events', [])).includes(subscription)) {
		return answer(res, 200, { received: true, ignored: 'event not selected' });
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filtered = applyFilters(subscription, envelope.data, readFilters(options), envelope.sender);
	if ('drop' in filtered) return answer(res, 200, { received: true, ignored: filtered.drop });

	// Static data keeps the window where n8n saves it (test mode); the process memory is what
	// works on production webhooks (dedupe.ts).
	const key = dedupeKey(subscription, envelope);
	const window = pruneWindow(state.dedupe, nowSeconds, DEDUPE_TTL_SECONDS, DEDUPE_MAX_ENTRIES);
	const claim = window.some(([seen]) => seen === key)
		? 'duplicate'
		: await claimDelivery(deliveryScope(this), key, res, DEDUPE_TTL_SECONDS * 1000);
	if (claim === 'duplicate') return answer(res, 200, { received: true, ignored: 'duplicate' });
	// Retryable for Evolution: by its next attempt n8n has answered the first one.
	if (claim === 'in-flight') return answer(res, 409, { message: 'The first delivery of this event is still being processed' });
	window.push([key, nowSeconds]);
	state.dedupe = window.slice(-DEDUPE_MAX_ENTRIES);

	const item = await outputItem(this, subscription, envelope, filtered.data, filtered.fields, options);
	return { workflowData: [[item]] };
}
