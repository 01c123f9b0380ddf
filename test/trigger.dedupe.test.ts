/**
 * The duplicate filter's process memory (nodes/EvolutionApiTrigger/dedupe.ts) on its own: its
 * bounds (TTL, size), and the answer n8n wrote deciding what a retry finds. The trigger's use of
 * it through n8n-core's WebhookContext is in trigger.webhook.test.ts.
 */
import { EventEmitter } from 'node:events';

import { claimDelivery, forgetDeliveries, MEMORY_MAX_ENTRIES, type AnsweredResponse } from '../nodes/EvolutionApiTrigger/dedupe';

const TTL_MS = 15 * 60 * 1000;

/** A response n8n has already answered with `status` ('finish' was emitted before the claim). */
const answered = (status = 200): AnsweredResponse => ({ once: () => undefined, statusCode: status, writableEnded: true });

/** A response n8n has not answered yet. */
class OpenResponse extends EventEmitter implements AnsweredResponse {
	statusCode = 200;

	writableEnded = false;

	answer(status: number, { clientGone = false } = {}): void {
		this.statusCode = status;
		this.writableEnded = true;
		if (!clientGone) this.emit('finish');
	}
}

beforeEach(() => forgetDeliveries());

it('remembers a delivery per scope and key', async () => {
	expect(await claimDelivery('wf1\nnode', 'k', answered(), TTL_MS)).toBe('new');
	expect(await claimDelivery('wf1\nnode', 'k', answered(), TTL_MS)).toBe('duplicate');
	expect(await claimDelivery('wf2\nnode', 'k', answered(), TTL_MS)).toBe('new');
	expect(await claimDelivery('wf1\nnode', 'other', answered(), TTL_MS)).toBe('new');
});

it('counts an event that came without an HTTP request as accepted at once', async () => {
	expect(await claimDelivery('s', 'socket', undefined, TTL_MS)).toBe('new');
	expect(await claimDelivery('s', 'socket', undefined, TTL_MS, 0)).toBe('duplicate');
});

it('forgets a delivery after the TTL', async () => {
	expect(await claimDelivery('s', 'k', answered(), 1)).toBe('new');
	await new Promise((resolve) => setTimeout(resolve, 5));
	expect(await claimDelivery('s', 'k', answered(), 1)).toBe('new');
});

it(`keeps at most ${MEMORY_MAX_ENTRIES} deliveries, forgetting the oldest first`, async () => {
	for (let index = 0; index <= MEMORY_MAX_ENTRIES; index++) {
		expect(await claimDelivery('s', `k${index}`, answered(), TTL_MS)).toBe('new');
	}
	expect(await claimDelivery('s', `k${MEMORY_MAX_ENTRIES}`, answered(), TTL_MS)).toBe('duplicate');
	expect(await claimDelivery('s', 'k0', answered(), TTL_MS)).toBe('new');
});

it("settles on n8n's answer: 2xx keeps the mark, an error removes it (also when written after the client left)", async () => {
	const ok = new OpenResponse();
	expect(await claimDelivery('s', 'ok', ok, TTL_MS)).toBe('new');
	expect(await claimDelivery('s', 'ok', answered(), TTL_MS, 0)).toBe('in-flight');
	ok.answer(200);
	expect(await claimDelivery('s', 'ok', answered(), TTL_MS, 0)).toBe('duplicate');

	const failed = new OpenResponse();
	expect(await claimDelivery('s', 'failed', failed, TTL_MS)).toBe('new');
	failed.answer(500);
	expect(await claimDelivery('s', 'failed', answered(), TTL_MS, 0)).toBe('new');

	const late = new OpenResponse();
	expect(await claimDelivery('s', 'late', late, TTL_MS)).toBe('new');
	late.answer(503, { clientGone: true });
	expect(await claimDelivery('s', 'late', answered(), TTL_MS, 0)).toBe('new');
});
