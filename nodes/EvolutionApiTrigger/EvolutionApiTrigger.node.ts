import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { instanceLocator, searchInstances } from '../shared/instance';

export class EvolutionApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evolution API Trigger',
		name: 'evolutionApiTrigger',
		icon: { light: 'file:evolutionApi.svg', dark: 'file:evolutionApi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Instance: " + ($parameter["instanceName"].value || "default")}}',
		description: 'Starts the workflow when Evolution API sends a WhatsApp event',
		defaults: { name: 'Evolution API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [instanceLocator],
	};

	methods = {
		listSearch: { searchInstances },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				throw new NodeOperationError(this.getNode(), 'The trigger is not implemented yet');
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return { workflowData: [this.helpers.returnJsonArray(this.getBodyData())] };
	}
}
