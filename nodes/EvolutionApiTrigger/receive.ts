import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { subscriptionName } from '../shared/events';
import { bearerToken, verifyHs256 } from '../shared/jwt';
import { dedupeKey, pruneWindow } from '../shared/triggerEvent';
import { claimDelivery, deliveryScope } from './dedupe';
import { buildItem, readEmitSettings, readEnvelope, resumedWaitingExecution, screenEvent } from './item';
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

	const envelope = readEnvelope(this.getBodyData());
	if (!envelope) return answer(res, 400, { message: 'The body is not an Evolution API event' });

	const settings = readEmitSettings(this);
	const subscription = subscriptionName(envelope.event);
	if (!settings.events.includes(subscription)) return answer(res, 200, { received: true, ignored: 'event not selected' });

	// Duplicates first, so that a retried chat reply does not come out as a message after it
	// resumed its execution. Static data keeps the window where n8n saves it (test mode); the
	// process memory is what works on production webhooks (dedupe.ts).
	const key = dedupeKey(subscription, envelope);
	const window = pruneWindow(state.dedupe, nowSeconds, DEDUPE_TTL_SECONDS, DEDUPE_MAX_ENTRIES);
	const claim = window.some(([seen]) => seen === key)
		? 'duplicate'
		: await claimDelivery(deliveryScope(this), key, res, DEDUPE_TTL_SECONDS * 1000);
	if (claim === 'duplicate') return answer(res, 200, { received: true, ignored: 'duplicate' });
	// Retryable for Evolution: by its next attempt n8n has answered the first one.
	if (claim === 'in-flight') return answer(res, 409, { message: 'The first delivery of this event is still being processed' });

	// A chat reply to a Send and Wait for Response request resumes that execution instead.
	if (await resumedWaitingExecution(this, envelope, settings)) {
		return answer(res, 200, { received: true, ignored: 'resumed a waiting execution' });
	}
	const screened = screenEvent(envelope, settings);
	if ('drop' in screened) return answer(res, 200, { received: true, ignored: screened.drop });
	window.push([key, nowSeconds]);
	state.dedupe = window.slice(-DEDUPE_MAX_ENTRIES);

	const item = await buildItem(this, screened, settings.options);
	return { workflowData: [[item]] };
}
