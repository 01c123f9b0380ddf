import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { searchInstances } from '../shared/instance';
import { triggerProperties } from './description';
import { checkExists, create, deleteWebhook } from './lifecycle';
import { receive } from './receive';

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
			// noData: answer 200 with an empty body (n8n would otherwise echo the literal text firstEntryJson).
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
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
		return await receive.call(this);
	}
}
