import type { INodeExecutionData } from 'n8n-workflow';

/*
 * Webhook mode, "Listen for test event". A node type that has both webhook() and trigger() is
 * run by n8n through trigger() in a manual execution, even when the execution was started by
 * the test webhook (n8n-core WorkflowExecute.runNode checks `trigger` before `webhook`): the
 * items webhook() produced are not handed to the node. webhook() leaves them here and trigger()
 * emits them. Both run in the same n8n process, one right after the other; only the last
 * delivery per node is kept, and only for test runs.
 */
const pending = new Map<string, INodeExecutionData[][]>();

const keyOf = (workflowId: string | undefined, nodeName: string) => `${workflowId ?? ''}\n${nodeName}`;

export function rememberTestDelivery(workflowId: string | undefined, nodeName: string, data: INodeExecutionData[][]): void {
	pending.set(keyOf(workflowId, nodeName), data);
}

export function takeTestDelivery(workflowId: string | undefined, nodeName: string): INodeExecutionData[][] | undefined {
	const key = keyOf(workflowId, nodeName);
	const data = pending.get(key);
	pending.delete(key);
	return data;
}
