import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { searchInstances } from '../shared/instance';
import { buildProperties } from './actions/description';
import { methods, resources } from './actions';
import { router } from './actions/router';
import { isSendAndWait, waitForResponse, waitTillDate } from './sendAndWait/wait';
import { sendAndWaitWebhook, sendAndWaitWebhooks } from './sendAndWait/webhook';

export class EvolutionApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evolution API',
		name: 'evolutionApi',
		icon: { light: 'file:evolutionApi.svg', dark: 'file:evolutionApi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and manage instances, chats, groups and bots with Evolution API',
		defaults: { name: 'Evolution API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		// Send and Wait for Response: n8n resumes the waiting execution through these.
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip:
			'={{ $parameter["operation"] === "sendAndWait" ? "Execution will continue after the person answers (link or chat reply)" : "" }}',
		properties: buildProperties(resources),
	};

	methods = {
		listSearch: { ...methods.listSearch, searchInstances },
		loadOptions: methods.loadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (!isSendAndWait(this)) return await router.call(this);
		// As n8n's own send-and-wait nodes: one request per run (first item), then wait.
		const waitTill = waitTillDate(this);
		const [sent] = await router.call(this, { firstItemOnly: true });
		if (sent.length === 0 || sent[0].json.error !== undefined) return [sent];
		await waitForResponse(this, waitTill);
		return [this.getInputData()];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
