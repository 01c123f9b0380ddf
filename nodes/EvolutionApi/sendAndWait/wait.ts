import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { SEND_AND_WAIT } from '../../shared/sendAndWait';

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Whether this run is Message → Send and Wait for Response (read from the first item, as n8n does). */
export function isSendAndWait(context: IExecuteFunctions): boolean {
	return (
		context.getNodeParameter('resource', 0, 'message') === 'message' &&
		context.getNodeParameter('operation', 0, '') === SEND_AND_WAIT
	);
}

/**
 * When the wait ends without an answer (Options → Limit Wait Time): after an interval, or at a
 * date and time. Checked before the message is sent, so a bad limit sends nothing.
 */
export function waitTillDate(context: IExecuteFunctions, now = Date.now()): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	let date: Date;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
		date = new Date(now + amount * (unit ?? NaN));
		if (!(amount >= 0)) date = new Date(NaN);
	} else {
		const value = limit.maxDateAndTime;
		date = value instanceof Date ? value : new Date(String(value ?? ''));
		if (value === '' || value === undefined || value === null) date = new Date(NaN);
	}
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(context.getNode(), 'Could not configure Limit Wait Time', {
			description: 'Enter a positive amount and a unit, or a valid date and time.',
			itemIndex: 0,
		});
	}
	return date;
}

/**
 * What the node outputs when the wait ends without an answer. n8n resumes a timed-out wait by
 * passing the waiting node's queued input through, so the node queues this output there.
 */
export function timeoutItems(responseType: string): INodeExecutionData[] {
	const data: IDataObject = { timedOut: true, via: 'timeout', respondedAt: null };
	if (responseType === 'approval') data.approved = false;
	return [{ json: { data }, pairedItem: { item: 0 } }];
}

/** Puts the execution to wait; the node's webhook() or the wait limit resumes it. */
export async function waitForResponse(context: IExecuteFunctions, waitTill: Date): Promise<void> {
	const responseType = context.getNodeParameter('responseType', 0, 'approval') as string;
	const queued = context.getExecuteData();
	queued.data = { ...queued.data, main: [timeoutItems(responseType)] };
	await context.putExecutionToWait(waitTill);
}
