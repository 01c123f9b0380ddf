import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveInstance } from '../../shared/instance';
import { callRoute } from './common';
import { operationIndex } from './index';
import { routeNeedsInstance, type OperationResult } from './types';

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

function toItems(this: IExecuteFunctions, result: OperationResult): INodeExecutionData[] {
	if (result === null || result === undefined) return [{ json: { success: true } }];
	if (Array.isArray(result)) {
		if (result.length > 0 && result.every(isExecutionData)) return result as INodeExecutionData[];
		return this.helpers.returnJsonArray(result as never);
	}
	return this.helpers.returnJsonArray(result);
}

/**
 * Runs the selected operation once per input item. Every output item carries pairedItem;
 * with Continue On Fail a failing item becomes an error item and the others still run.
 * `firstItemOnly`: for operations that act once per run (Send and Wait for Response).
 */
export async function router(
	this: IExecuteFunctions,
	options: { firstItemOnly?: boolean } = {},
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const count = options.firstItemOnly === true ? Math.min(items.length, 1) : items.length;

	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const definition = operationIndex.get(`${resource}:${operation}`);
			if (!definition) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex },
				);
			}
			const instance = routeNeedsInstance(definition.route)
				? await resolveInstance.call(this, itemIndex)
				: '';
			const result = await definition.execute.call(this, {
				itemIndex,
				instance,
				request: async (options) => await callRoute.call(this, definition.route, itemIndex, instance, options),
			});
			const executionData = this.helpers.constructExecutionMetaData(toItems.call(this, result), {
				itemData: { item: itemIndex },
			});
			returnData.push(...executionData);
		} catch (error) {
			if (this.continueOnFail()) {
				const json: { error: string; description?: string; httpCode?: string } = {
					error: (error as Error).message,
				};
				const description = (error as NodeApiError).description;
				if (description) json.description = description;
				const httpCode = (error as NodeApiError).httpCode;
				if (httpCode) json.httpCode = httpCode;
				returnData.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			// Wrapping an existing n8n error returns it unchanged (itemIndex ignored), so set it first.
			if (error instanceof NodeApiError) {
				error.context.itemIndex = itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			if (error instanceof NodeOperationError) error.context.itemIndex = itemIndex;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
