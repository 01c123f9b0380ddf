/**
 * Runs a node through n8n-core's WorkflowExecute, built from the test harness's own parts
 * (test/harness: additional data, credentials helper with the credential's real
 * `authenticate`, node type registry), so the bench measures exactly what the tests run.
 *
 * The one difference from `executeNode()`: the start node passes its items through unchanged.
 * The harness's start node re-stores every binary property with `prepareBinaryData`, which
 * would read a 64 MB file into memory before the node under test starts and spoil the memory
 * figures; binary data given here is already in n8n's store (see `storeFile`).
 */
import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { Container } from '@n8n/di';
import { BinaryDataService, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IBinaryData,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IRun,
} from 'n8n-workflow';

import { createAdditionalData, HARNESS_WORKFLOW_ID, workflowBase } from '../../test/harness/additional-data';
import { useBinaryDataMode, type BinaryMode } from '../../test/harness/binary';
import { HarnessCredentialsHelper } from '../../test/harness/credentials';
import { defaultTypeVersion, describeVersion, NodeTypesRegistry, PACKAGE_NAME, type AnyNodeType } from '../../test/harness/node-types';

const START_TYPE = 'n8n-nodes-bench.start';

class PassThroughStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Outputs the items given to the bench, unchanged',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface EngineOptions {
	node: AnyNodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	binaryMode?: BinaryMode;
}

export interface EngineRun {
	/** From processRunExecutionData() to the workflowExecuteAfter hook. */
	totalMs: number;
	/** nodeExecuteBefore → nodeExecuteAfter of the node under test. */
	nodeMs: number;
	items: INodeExecutionData[];
	error?: unknown;
	run: IRun;
}

/** One workflow `Start → node under test`, run as often as needed (a new Workflow per run, like n8n). */
export class Engine {
	private readonly typeName: string;
	private readonly typeVersion: number;
	private readonly nodeTypes: NodeTypesRegistry;
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private readonly nodeName: string;

	constructor(private readonly options: EngineOptions) {
		this.typeName = `${PACKAGE_NAME}.${options.node.description.name}`;
		this.typeVersion = defaultTypeVersion(options.node);
		const description = describeVersion(options.node, this.typeVersion);
		this.nodeName = description.defaults.name ?? description.displayName;
		this.nodeTypes = new NodeTypesRegistry({ [START_TYPE]: new PassThroughStart(), [this.typeName]: options.node });
		this.credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials);
	}

	async init(): Promise<void> {
		await useBinaryDataMode(this.options.binaryMode ?? 'default');
	}

	async run(items: INodeExecutionData[]): Promise<EngineRun> {
		const startNode: INode = { id: randomUUID(), name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
		const nodeUnderTest: INode = {
			id: randomUUID(),
			name: this.nodeName,
			type: this.typeName,
			typeVersion: this.typeVersion,
			position: [220, 0],
			parameters: deepCopy(this.options.parameters),
			credentials: this.credentialsHelper.nodeCredentials(),
		};
		const connections = { Start: { main: [[{ node: nodeUnderTest.name, type: NodeConnectionTypes.Main, index: 0 }]] } };
		const workflowData = workflowBase([startNode, nodeUnderTest], connections);
		const started = performance.now();
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections,
			active: false,
			nodeTypes: this.nodeTypes,
			settings: workflowData.settings,
		});
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [items] }, source: null }] },
		});
		const executionId = randomUUID();
		const additionalData = createAdditionalData({
			credentialsHelper: this.credentialsHelper,
			workflowData,
			mode: 'manual',
			executionId,
			runExecutionData,
		});
		let nodeStarted = 0;
		let nodeMs = 0;
		additionalData.hooks.addHandler('nodeExecuteBefore', (name) => {
			if (name === nodeUnderTest.name) nodeStarted = performance.now();
		});
		additionalData.hooks.addHandler('nodeExecuteAfter', (name) => {
			if (name === nodeUnderTest.name) nodeMs = performance.now() - nodeStarted;
		});
		const run = await new Promise<IRun>((resolve, reject) => {
			additionalData.hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
			try {
				new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow).catch(reject);
			} catch (error) {
				reject(error);
			}
		});
		const totalMs = performance.now() - started;
		const task = run.data.resultData.runData[nodeUnderTest.name]?.[0];
		return {
			totalMs,
			nodeMs,
			items: task?.data?.main?.[0] ?? [],
			error: task?.error ?? run.data.resultData.error,
			run,
		};
	}
}

/**
 * Puts a file into n8n's binary data store the way `prepareBinaryData` does (BinaryDataService.store,
 * here from a read stream so the file is never in memory) and returns the item's binary property.
 */
export async function storeFile(path: string, metadata: { fileName: string; mimeType: string }): Promise<IBinaryData> {
	const service = Container.get(BinaryDataService);
	return await service.store(
		{ type: 'execution', workflowId: HARNESS_WORKFLOW_ID, executionId: 'bench-input' },
		createReadStream(path),
		{ data: '', mimeType: metadata.mimeType, fileName: metadata.fileName },
	);
}
