import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { searchInstances } from '../shared/instance';
import { CONNECTION_MODE, triggerProperties } from './description';
import { checkExists, create, deleteWebhook } from './lifecycle';
import { receive } from './receive';
import { socketTrigger } from './socketMode';
import { rememberTestDelivery, takeTestDelivery } from './testDelivery';

/** true in WebSocket mode; evaluated by n8n for the webhook description below. */
const IS_SOCKET = `$parameter["connectionMode"] === "${CONNECTION_MODE.webSocket}"`;

export class EvolutionApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evolution API Trigger',
		name: 'evolutionApiTrigger',
		icon: { light: 'file:evolutionApi.svg', dark: 'file:evolutionApi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Instance: " + ($parameter["instanceName"].value || "credential default")}}',
		description: 'Starts the workflow when Evolution API sends a WhatsApp event',
		defaults: { name: 'Evolution API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				// WebSocket mode registers no webhook: n8n skips a webhook whose method is empty
				// (cli WebhookService.getNodeWebhooks), so checkExists/create/delete never run.
				httpMethod: `={{${IS_SOCKET} ? "" : "POST"}}`,
				// noData: answer 200 with an empty body (n8n would otherwise echo the literal text firstEntryJson).
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
				ndvHideUrl: `={{${IS_SOCKET}}}`,
				ndvHideMethod: `={{${IS_SOCKET}}}`,
			},
		],
		properties: triggerProperties,
	};

	methods = {
		listSearch: { searchInstances },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = await receive.call(this);
		if (this.getMode() === 'manual' && response.workflowData) {
			rememberTestDelivery(this.getWorkflow().id, this.getNode().name, response.workflowData);
		}
		return response;
	}

	/**
	 * WebSocket mode: the connection. Webhook mode: n8n calls trigger() too, because the node
	 * type has one; on activation there is nothing to do, and in a test run started by the test
	 * webhook it hands on what webhook() produced (see testDelivery.ts).
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		if (this.getNodeParameter('connectionMode', CONNECTION_MODE.webhook) === CONNECTION_MODE.webSocket) {
			return await socketTrigger(this);
		}
		if (this.getMode() !== 'manual') return {};
		const data = takeTestDelivery(this.getWorkflow().id, this.getNode().name);
		return {
			manualTriggerFunction: async () => {
				if (data) this.emit(data);
				else {
					this.emitError(
						new NodeOperationError(this.getNode(), 'The test event did not reach this n8n process', {
							description: 'Listen for the test event again. In queue mode with manual executions offloaded to workers, use the WebSocket connection mode or an active workflow.',
						}),
					);
				}
			},
		};
	}
}
