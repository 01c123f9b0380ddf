import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import {
	UnexpectedError,
	type IConnections,
	type INode,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials';

/** Where the (imaginary) n8n instance of the harness lives. */
export const INSTANCE_BASE_URL = 'http://127.0.0.1:5678';

export const HARNESS_WORKFLOW_ID = 'harness-workflow';

/**
 * n8n's base URLs are derived from one root, like the CLI does from N8N_WEBHOOK_URL:
 * `<root>webhook`, `<root>webhook-test`, ... (no trailing slash, n8n appends `/<path>`).
 */
export function baseUrls(webhookRoot = `${INSTANCE_BASE_URL}/`) {
	const root = webhookRoot.endsWith('/') ? webhookRoot : `${webhookRoot}/`;
	return {
		webhookBaseUrl: `${root}webhook`,
		webhookTestBaseUrl: `${root}webhook-test`,
		webhookWaitingBaseUrl: `${root}webhook-waiting`,
		formBaseUrl: `${root}form`,
		formTestBaseUrl: `${root}form-test`,
		formWaitingBaseUrl: `${root}form-waiting`,
		mcpBaseUrl: `${root}mcp`,
		mcpTestBaseUrl: `${root}mcp-test`,
	};
}

export function workflowBase(nodes: INode[], connections: IConnections): IWorkflowBase {
	const now = new Date();
	return {
		id: HARNESS_WORKFLOW_ID,
		name: 'Test harness workflow',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	workflowData: IWorkflowBase;
	mode: WorkflowExecuteMode;
	executionId: string;
	webhookRoot?: string;
	runExecutionData?: IRunExecutionData;
	httpRequest?: IWorkflowExecuteAdditionalData['httpRequest'];
	httpResponse?: IWorkflowExecuteAdditionalData['httpResponse'];
}

const notSupported = (what: string) => async (): Promise<never> => {
	throw new UnexpectedError(`Test harness: ${what} is not supported`);
};

export type HarnessAdditionalData = IWorkflowExecuteAdditionalData & {
	hooks: ExecutionLifecycleHooks;
};

/**
 * `IWorkflowExecuteAdditionalData` with every field n8n-core 2.41 reads for a regular node,
 * a webhook and a hook call. Sub-workflows, AI agents and task runners (Code node) are not
 * available and throw when a node reaches for them.
 */
export function createAdditionalData(options: AdditionalDataOptions): HarnessAdditionalData {
	const { credentialsHelper, workflowData, mode, executionId, runExecutionData } = options;
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		// No external secrets provider: `$secrets` resolves to nothing, as on a plain instance.
		externalSecretsProxy: new ExternalSecretsProxy(),
		executionId,
		workflowId: workflowData.id,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${INSTANCE_BASE_URL}/rest`,
		// As n8n's UrlService: the editor URL when set (never here), else the webhook URL's root.
		instanceBaseUrl: options.webhookRoot ? options.webhookRoot.replace(/\/+$/, '') : INSTANCE_BASE_URL,
		...baseUrls(options.webhookRoot),
		variables: {},
		httpRequest: options.httpRequest,
		httpResponse: options.httpResponse,
		getRunExecutionData: async (id) => (id === executionId ? runExecutionData : undefined),
		getRuntimeCredential: async () => undefined,
		executeWorkflow: notSupported('executeWorkflow (sub-workflows)'),
		startRunnerTask: notSupported('startRunnerTask (task runners)'),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
}
