import { randomUUID } from 'node:crypto';

import { WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	NodeConnectionTypes,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IRun,
	type IRunData,
	type IRunExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { createAdditionalData, workflowBase } from './additional-data';
import { readBinary, useBinaryDataMode, type BinaryMode } from './binary';
import { deliveryResult, fakeRequest, FakeResponse, type DeliveryRequest, type DeliveryResult } from './trigger';
import { HarnessCredentialsHelper } from './credentials';
import {
	defaultTypeVersion,
	describeVersion,
	NodeTypesRegistry,
	PACKAGE_NAME,
	type AnyNodeType,
} from './node-types';

export const START_NODE_TYPE = 'n8n-nodes-harness.start';

/**
 * The node feeding the node under test. It outputs the items it was started with and
 * re-stores their binary properties through `prepareBinaryData`, so downstream binary
 * data is real n8n binary data of the run's mode (in memory, or files on disk with an id).
 */
export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Outputs the items given to the test harness',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json, binary } = items[itemIndex];
			const result: INodeExecutionData = { json };
			if (binary !== undefined) {
				result.binary = {};
				for (const [property, { fileName, mimeType }] of Object.entries(binary)) {
					// Reads base64 data as well as data already stored with an id (another run's output).
					const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
					result.binary[property] = await this.helpers.prepareBinaryData(buffer, fileName, mimeType);
				}
			}
			output.push(result);
		}
		return [output];
	}
}

export interface ExecuteNodeOptions {
	/** An instance of the node class, e.g. `new EvolutionApi()`. */
	node: AnyNodeType;
	/** Defaults to `n8n-nodes-evolution.<description.name>`. */
	typeName?: string;
	parameters: INodeParameters;
	/** Decrypted credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Instances of the credential classes; their `authenticate` is applied to requests. */
	credentialTypes?: ICredentialType[];
	/** Input items; `binary` entries as built by `toBinaryData()`. Default `[{ json: {} }]`. */
	items?: INodeExecutionData[];
	/** Sets the node's `onError: 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	/** Defaults to the node's `defaultVersion`, else its highest version. */
	typeVersion?: number;
	binaryMode?: BinaryMode;
	/** The instance's public webhook root (N8N_WEBHOOK_URL); default http://127.0.0.1:5678/. */
	webhookRoot?: string;
}

export interface ExecuteNodeResult {
	/** The node's main output 0 (empty when the node failed). */
	items: INodeExecutionData[];
	/** All main outputs of the node. */
	outputs: INodeExecutionData[][];
	/**
	 * The node's error as n8n records it: a plain copy of the thrown NodeApiError /
	 * NodeOperationError (`name`, `message`, `description`, `httpCode`, `context.itemIndex`,
	 * `node`, ...), not an instance of the class. Also set with continueOnFail when the node
	 * threw (n8n then passes the input items through); undefined when the node itself turned
	 * failures into error items.
	 */
	error?: ExecutionError;
	/** Run data of every node, keyed by node name (the start node is `Start`). */
	runData: IRunData;
	/** The node under test as it ran (name, type, typeVersion, parameters with defaults). */
	nodeUnderTest: INode;
	/** The full IRun the engine produced. */
	run: IRun;
	/** How often each credential type was read during the run (n8n reads them from its database). */
	credentialReads: Record<string, number>;
	/** Reads an output item's binary property, in either binary mode. */
	getBinaryBuffer(item: INodeExecutionData, property: string): Promise<Buffer>;
	/** The execution's id (in resume URLs). */
	executionId: string;
	/** Set when the run ended waiting (`putExecutionToWait`): what n8n does to resume it. */
	waiting?: WaitingExecution;
}

export interface WaitingExecution {
	/** The date the node set (WAIT_INDEFINITELY when it has no limit). */
	waitTill: Date;
	/**
	 * A request to the node's resume URL, as n8n's WaitingWebhooks handles it (after the
	 * signature check): runs `webhook()`, and when it returns workflowData, resumes the
	 * execution with it as the waiting node's output.
	 */
	callWebhook(request: DeliveryRequest): Promise<{ delivery: DeliveryResult; resumed?: ExecuteNodeResult }>;
	/** The wait limit passing, as n8n's WaitTracker resumes it: the same execution, run on. */
	timeOut(): Promise<ExecuteNodeResult>;
}

/**
 * Runs one node through n8n-core's real `WorkflowExecute`: a two-node workflow
 * `Start -> <node under test>` in 'manual' mode, with real parameter resolution,
 * credentials, HTTP helpers, paired items, binary data and error handling.
 */
export async function executeNode(options: ExecuteNodeOptions): Promise<ExecuteNodeResult> {
	const typeName = options.typeName ?? `${PACKAGE_NAME}.${options.node.description.name}`;
	const typeVersion = options.typeVersion ?? defaultTypeVersion(options.node);
	const description = describeVersion(options.node, typeVersion);

	await useBinaryDataMode(options.binaryMode ?? 'default');

	const nodeTypes = new NodeTypesRegistry({
		[START_NODE_TYPE]: new HarnessStart(),
		[typeName]: options.node,
	});
	const credentialsHelper = new HarnessCredentialsHelper(
		options.credentialTypes,
		options.credentials,
	);

	const startNode: INode = {
		id: randomUUID(),
		name: 'Start',
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: randomUUID(),
		name: description.defaults.name ?? description.displayName,
		type: typeName,
		typeVersion,
		position: [220, 0],
		// The Workflow constructor writes parameter defaults into this object: copy.
		parameters: deepCopy(options.parameters),
		credentials: credentialsHelper.nodeCredentials(),
		...(options.continueOnFail === true ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const connections = {
		[startNode.name]: {
			main: [[{ node: nodeUnderTest.name, type: NodeConnectionTypes.Main, index: 0 }]],
		},
	};
	const workflowData = workflowBase([startNode, nodeUnderTest], connections);
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});

	const items = deepCopy(options.items ?? [{ json: {} }]);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [items] }, source: null }],
		},
	});
	const executionId = randomUUID();
	const runOnce = async (data: IRunExecutionData): Promise<IRun> => {
		const runAdditionalData = createAdditionalData({
			credentialsHelper,
			workflowData,
			mode: 'manual',
			executionId,
			runExecutionData: data,
			webhookRoot: options.webhookRoot,
		});
		return await new Promise<IRun>((resolve, reject) => {
			runAdditionalData.hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
			try {
				new WorkflowExecute(runAdditionalData, 'manual', data).processRunExecutionData(workflow).catch(reject);
			} catch (error) {
				// e.g. WorkflowHasIssuesError (missing required parameter/credential) is thrown synchronously.
				reject(error);
			}
		});
	};

	const toResult = (run: IRun): ExecuteNodeResult => {
		const runData = run.data.resultData.runData;
		const tasks = runData[nodeUnderTest.name] ?? [];
		const task = tasks[tasks.length - 1];
		const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
		const result: ExecuteNodeResult = {
			items: outputs[0] ?? [],
			outputs,
			error: task?.error ?? run.data.resultData.error,
			runData,
			nodeUnderTest,
			run,
			executionId,
			credentialReads: Object.fromEntries(credentialsHelper.reads),
			getBinaryBuffer: async (item, property) => {
				const binary = item.binary?.[property];
				if (binary === undefined) throw new Error(`Item has no binary property "${property}"`);
				return await readBinary(binary);
			},
		};
		if (run.waitTill) result.waiting = waitingFor(run);
		return result;
	};

	const waitingFor = (run: IRun): WaitingExecution => ({
		waitTill: run.waitTill!,
		callWebhook: async (request) => {
			const data = run.data;
			const method = request.method ?? 'GET';
			const nodeType = nodeTypes.getByNameAndVersion(nodeUnderTest.type, nodeUnderTest.typeVersion);
			const description = nodeType.description.webhooks?.find((webhook) => webhook.httpMethod === method && webhook.restartWebhook === true);
			if (description === undefined || nodeType.webhook === undefined) throw new Error(`No resume webhook for ${method}`);
			const req = fakeRequest(request, `${executionId}/${nodeUnderTest.id}`);
			const res = new FakeResponse();
			const webhookAdditionalData: IWorkflowExecuteAdditionalData = {
				...createAdditionalData({ credentialsHelper, workflowData, mode: 'manual', executionId, runExecutionData: data }),
				httpRequest: req as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
				httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
			};
			const webhookData: IWebhookData = {
				httpMethod: method,
				node: nodeUnderTest.name,
				path: nodeUnderTest.id,
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: webhookAdditionalData,
			};
			const context = new WebhookContext(workflow, nodeUnderTest, webhookAdditionalData, 'manual', webhookData, [], data);
			const response: IWebhookResponseData = await nodeType.webhook.call(context);
			const delivery = deliveryResult(response, res);
			if (response.workflowData === undefined) return { delivery };
			// What n8n's WaitingWebhooks + WebhookHelpers do before running the execution on.
			data.waitTill = undefined;
			const entry = data.executionData!.nodeExecutionStack[0];
			entry.node.disabled = true;
			entry.data.main = response.workflowData;
			entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
			return { delivery, resumed: toResult(await runOnce(data)) };
		},
		timeOut: async () => toResult(await runOnce(run.data)),
	});

	return toResult(await runOnce(runExecutionData));
}
