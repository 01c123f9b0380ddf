import { sleep, type IWebhookFunctions } from 'n8n-workflow';

/**
 * The duplicate filter's process memory: the deliveries this n8n process accepted recently.
 *
 * Why not only static data: n8n 2.35 to 2.41.1 resets its static-data change flag before it
 * saves after a production webhook call that starts an execution, so a window kept there is
 * never saved on the production URL. A module-level Map lives as long as the n8n process and
 * is shared by all its webhook requests, which is exactly the single-process set-up. In queue
 * mode each webhook processor has its own memory: a retry that reaches another processor is
 * not recognised (README, docs/queue-mode.md).
 *
 * A delivery is marked synchronously when webhook() accepts it, before the execution starts, so
 * a retry that arrives while the first is still being handled finds the mark. Whether n8n then
 * accepted it is read from the HTTP response n8n writes for that request: 2xx keeps the mark;
 * an error answer (the execution could not be started or queued) removes it, so Evolution's next
 * retry runs instead of being dropped. Evolution gives up on a slow request (its
 * WEBHOOK_REQUEST_TIMEOUT_MS) and closes the connection; n8n still writes its answer on the
 * closed response later, without a 'finish' event, so such a mark stays open until a retry
 * looks at that response.
 */

/** The part of express's Response this filter reads. */
export interface AnsweredResponse {
	once(event: 'finish', listener: () => void): unknown;
	/** The status n8n set; final once `writableEnded` is true. */
	statusCode: number;
	/** True once n8n wrote its answer, also when the client had already gone. */
	writableEnded: boolean;
}

interface Mark {
	/** Date.now() when the delivery was accepted by webhook(). */
	at: number;
	/** The first delivery's response while n8n has not answered it; dropped once settled. */
	response?: AnsweredResponse;
}

/** What a delivery finds: never seen, a duplicate of an accepted one, or one still in flight. */
export type Claim = 'new' | 'duplicate' | 'in-flight';

/** At most this many deliveries are remembered across all triggers of the process. */
export const MEMORY_MAX_ENTRIES = 20000;

const marks = new Map<string, Mark>();

/** The settled outcome of a mark, or 'in-flight' while n8n has not answered its request. */
function outcome(mark: Mark): 'accepted' | 'failed' | 'in-flight' {
	if (!mark.response) return 'accepted';
	if (!mark.response.writableEnded) return 'in-flight';
	return mark.response.statusCode >= 200 && mark.response.statusCode < 300 ? 'accepted' : 'failed';
}

/** Settles a mark from its response: keeps it without the response, or removes it on failure. */
function settle(id: string, mark: Mark): ReturnType<typeof outcome> {
	const result = outcome(mark);
	if (result === 'accepted') mark.response = undefined;
	if (result === 'failed' && marks.get(id) === mark) marks.delete(id);
	return result;
}

/** Drops marks older than the TTL (the Map is in claim order) and the oldest beyond the cap. */
function prune(nowMs: number, ttlMs: number): void {
	for (const [id, mark] of marks) {
		if (mark.at > nowMs - ttlMs && marks.size <= MEMORY_MAX_ENTRIES) break;
		marks.delete(id);
	}
}

/**
 * Checks and marks one delivery in a single synchronous step (no await between the check and
 * the mark, so two requests of one process cannot both claim it).
 * @param scope workflow and node: the same event is new for every other trigger
 * @param key the delivery's dedupe key
 * @param response the Response n8n will answer this request on; none for an event that did not
 *   come as an HTTP request (it counts as accepted at once)
 */
function claimNow(scope: string, key: string, response: AnsweredResponse | undefined, nowMs: number, ttlMs: number): Claim {
	prune(nowMs, ttlMs);
	const id = `${scope}\n${key}`;
	const previous = marks.get(id);
	if (previous) {
		const result = settle(id, previous);
		if (result === 'accepted') return 'duplicate';
		if (result === 'in-flight') return 'in-flight';
	}
	const mark: Mark = { at: nowMs, response };
	marks.set(id, mark);
	response?.once('finish', () => settle(id, mark));
	return 'new';
}

/** How long a delivery waits for n8n's answer to an identical one still in flight. */
export const IN_FLIGHT_WAIT_MS = 5000;
const IN_FLIGHT_POLL_MS = 50;

/**
 * Claims one delivery (see claimNow). An identical delivery still in flight is usually a twin
 * the server emitted in the same millisecond (Baileys repeats connection.update so) and is
 * answered within moments: wait for that answer rather than make Evolution retry. After
 * `waitMs` (the first one is slow, typically after Evolution's own timeout) it stays in flight.
 */
export async function claimDelivery(
	scope: string,
	key: string,
	response: AnsweredResponse | undefined,
	ttlMs: number,
	waitMs = IN_FLIGHT_WAIT_MS,
): Promise<Claim> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const claim = claimNow(scope, key, response, Date.now(), ttlMs);
		if (claim !== 'in-flight' || Date.now() >= deadline) return claim;
		await sleep(IN_FLIGHT_POLL_MS);
	}
}

/** The scope of a trigger: its workflow and node (the node id survives renames). */
export function deliveryScope(context: IWebhookFunctions): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}\n${node.id ?? node.name}`;
}

/** Forgets every mark: for tests that play several n8n processes in one. */
export function forgetDeliveries(): void {
	marks.clear();
}
