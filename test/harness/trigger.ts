import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

import { HookContext, TriggerContext, WebhookContext } from 'n8n-core';
import {
	deepCopy,
	isNodeClassInstance,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type CloseFunction,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestMethods,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type ITriggerResponse,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WebhookSetupMethodNames,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData, workflowBase } from './additional-data';
import { HarnessCredentialsHelper } from './credentials';
import {
	defaultTypeVersion,
	describeVersion,
	NodeTypesRegistry,
	PACKAGE_NAME,
	type AnyNodeType,
} from './node-types';

export interface TriggerHarnessOptions {
	/** An instance of the trigger node class. */
	node: AnyNodeType;
	/** Defaults to `n8n-nodes-evolution.<description.name>`. */
	typeName?: string;
	typeVersion?: number;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	/**
	 * The instance's public webhook root, like N8N_WEBHOOK_URL (e.g. `http://127.0.0.1:5678/`).
	 * n8n appends `webhook/` (production) or `webhook-test/` (manual). Default http://127.0.0.1:5678/.
	 */
	webhookBaseUrl?: string;
	/**
	 * `trigger` (default): an activated workflow, production URL, hooks run with activation
	 * 'activate' and deliveries in 'webhook' mode. `manual`: "Listen for test event", test URL.
	 */
	mode?: 'manual' | 'trigger';
	/** The workflow's static data; mutated in place, like n8n's persisted static data. */
	staticData?: IDataObject;
	/** The node's webhookId (the UUID in its production URL). Default: a random UUID. */
	webhookId?: string;
	/** Which webhook description of the node to drive. Default 'default'. */
	webhookName?: 'default' | 'setup';
}

export interface DeliveryRequest {
	/** Header names are lower-cased, as Node's http server delivers them. */
	headers?: Record<string, string | string[]>;
	/**
	 * An object is sent as JSON. A string or Buffer is sent as is (`req.rawBody`) and parsed as
	 * JSON into `req.body` when the content-type says JSON, so exact bytes can be signed.
	 */
	body?: unknown;
	method?: IHttpRequestMethods;
	query?: Record<string, string | string[]>;
	/** Route parameters (`req.params`) for webhook paths with `:param` segments. */
	params?: Record<string, string>;
	/**
	 * What n8n answers when webhook() returned items without answering itself: 200 by default
	 * (n8n's answer once the execution is started or queued), another status for an execution
	 * n8n could not start, or null to leave the request unanswered (use the result's `request`).
	 */
	n8nAnswer?: number | null;
}

export interface DeliveryResult {
	/** What `webhook()` returned: items that would start the workflow. */
	workflowData?: INodeExecutionData[][];
	webhookResponse?: unknown;
	noWebhookResponse?: boolean;
	/** True when the node wrote the HTTP response itself (e.g. a 401). */
	responded: boolean;
	/** Status of the response the node wrote (express's default 200 if it set none); else undefined. */
	status?: number;
	/** What the node sent: the object given to `res.json()`, or the text/Buffer given to `send`/`end`. */
	responseBody?: unknown;
	responseHeaders: Record<string, string>;
	/** What the node rendered with `res.render(view, data)`, if it did. */
	rendered?: { view: string; data: unknown };
	/** The HTTP request as n8n holds it after webhook(): answer it late, or let the client go. */
	request: {
		/** n8n writes its answer (a 'finish' event, unless the client has gone). */
		answer(status: number): void;
		/** The client closes the connection before n8n answered (Evolution's timeout). */
		abort(): void;
	};
}

/** A trigger() started the way n8n's ActiveWorkflows (or a manual run) starts it. */
export interface RunningTrigger {
	/** Every emit() call's data, in order. */
	readonly emitted: INodeExecutionData[][][];
	/** Every emitError() call. */
	readonly errors: Error[];
	/** The first item of every emit, in order (a trigger emitting one item per execution). */
	items(): INodeExecutionData[];
	/** Resolves once `count` emits happened; rejects after `timeoutMs` (default 10 s). */
	waitForEmits(count: number, timeoutMs?: number): Promise<INodeExecutionData[][][]>;
	/** What n8n does on deactivation: the closeFunction. */
	close(): Promise<void>;
	readonly response: ITriggerResponse | undefined;
}

export interface TriggerHarness {
	/** Runs the node's trigger() with a real TriggerContext; emits are recorded. */
	startTrigger(): Promise<RunningTrigger>;
	/** `webhookMethods[<webhookName>].checkExists` with a real HookContext. */
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	/** What n8n does on activation: `checkExists()`, then `create()` if it returned false. */
	activate(): Promise<void>;
	/** Runs `node.webhook()` with a real WebhookContext on a fake express req/res. */
	deliver(request: DeliveryRequest): Promise<DeliveryResult>;
	/** What `getNodeWebhookUrl(<webhookName>)` returns for the node in this mode. */
	readonly webhookUrl: string;
	/** The workflow's static data; node static data is under `node:<node name>`. */
	readonly staticData: IDataObject;
	/** Static data of the trigger node, i.e. `getWorkflowStaticData('node')`. */
	readonly nodeStaticData: IDataObject;
	readonly workflow: Workflow;
	readonly node: INode;
	/** Credential data as currently stored (after preAuthentication/updateCredentials). */
	getCredentialData(type: string): ICredentialDataDecryptedObject | undefined;
}

/**
 * Drives a webhook trigger like n8n's ActiveWorkflowManager / TestWebhooks (lifecycle) and
 * WebhookService (deliveries) do, on one in-memory workflow whose static data persists
 * across calls.
 */
export function createTriggerHarness(options: TriggerHarnessOptions): TriggerHarness {
	const typeName = options.typeName ?? `${PACKAGE_NAME}.${options.node.description.name}`;
	const typeVersion = options.typeVersion ?? defaultTypeVersion(options.node);
	const description = describeVersion(options.node, typeVersion);
	const isTest = options.mode === 'manual';
	const hookMode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
	const activation: WorkflowActivateMode = isTest ? 'manual' : 'activate';
	const deliveryMode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
	const webhookName = options.webhookName ?? 'default';

	const nodeTypes = new NodeTypesRegistry({ [typeName]: options.node });
	const credentialsHelper = new HarnessCredentialsHelper(
		options.credentialTypes,
		options.credentials,
	);
	const node: INode = {
		id: randomUUID(),
		name: description.defaults.name ?? description.displayName,
		type: typeName,
		typeVersion,
		position: [0, 0],
		webhookId: options.webhookId ?? randomUUID(),
		parameters: deepCopy(options.parameters),
		credentials: credentialsHelper.nodeCredentials(),
	};
	const workflowData = workflowBase([node], {});
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: [node],
		connections: {},
		active: !isTest,
		nodeTypes,
		// Not copied: the caller's object is the persisted static data.
		staticData: options.staticData ?? {},
		settings: workflowData.settings,
	});
	const nodeType = nodeTypes.getByNameAndVersion(typeName, typeVersion);

	const additionalData = (extra: Partial<IWorkflowExecuteAdditionalData> = {}) => ({
		...createAdditionalData({
			credentialsHelper,
			workflowData,
			mode: hookMode,
			executionId: randomUUID(),
			webhookRoot: options.webhookBaseUrl,
		}),
		...extra,
	});

	const webhookData = webhookDataFor(workflow, node, nodeType, webhookName, hookMode, additionalData());
	webhookData.isTest = isTest;

	const runWebhookMethod = async (method: WebhookSetupMethodNames): Promise<boolean> => {
		const fn = nodeType.webhookMethods?.[webhookName]?.[method];
		if (fn === undefined) {
			throw new UnexpectedError(`Node type "${typeName}" has no webhookMethods.${webhookName}.${method}`);
		}
		const context = new HookContext(workflow, node, additionalData(), hookMode, activation, webhookData);
		return await fn.call(context);
	};

	const webhookUrl = new HookContext(workflow, node, additionalData(), hookMode, activation, webhookData)
		.getNodeWebhookUrl(webhookName);
	if (webhookUrl === undefined) {
		throw new UnexpectedError(`Node type "${typeName}" has no "${webhookName}" webhook`);
	}

	const startTrigger = async (): Promise<RunningTrigger> => {
		const emitted: INodeExecutionData[][][] = [];
		const errors: Error[] = [];
		const waiters: Array<() => void> = [];
		const notify = () => {
			for (const waiter of waiters.splice(0)) waiter();
		};
		const context = new TriggerContext(
			workflow,
			node,
			additionalData(),
			hookMode,
			activation,
			(data) => {
				emitted.push(data);
				notify();
			},
			(error) => {
				errors.push(error);
				notify();
			},
			(error) => {
				errors.push(error as Error);
				notify();
			},
			{ registerCron: () => undefined } as unknown as ConstructorParameters<typeof TriggerContext>[8],
		);
		if (nodeType.trigger === undefined) throw new UnexpectedError(`Node type "${typeName}" has no trigger() method`);
		const response = await nodeType.trigger.call(context);
		// n8n 2.41 holds the expression isolate only while trigger() runs (default
		// N8N_EXPRESSION_ENGINE=vm); afterwards resolving the credential's expression header in
		// httpRequestWithAuthentication fails. Same here.
		context.helpers.httpRequestWithAuthentication = async () => {
			throw new UnexpectedError('No bridge acquired for this context. Call acquire() first.');
		};
		// A manual run calls manualTriggerFunction right after trigger() returns.
		if (isTest && response?.manualTriggerFunction) await response.manualTriggerFunction();
		return {
			emitted,
			errors,
			response,
			items: () => emitted.map((data) => data[0]?.[0]).filter((item): item is INodeExecutionData => item !== undefined),
			waitForEmits: async (count, timeoutMs = 10_000) => {
				const started = Date.now();
				while (emitted.length < count) {
					if (errors.length > 0) throw errors[0];
					const remaining = timeoutMs - (Date.now() - started);
					if (remaining <= 0) throw new UnexpectedError(`Timed out waiting for ${count} emits (got ${emitted.length})`);
					await new Promise<void>((resolve) => {
						const timer = setTimeout(resolve, Math.min(remaining, 200));
						waiters.push(() => {
							clearTimeout(timer);
							resolve();
						});
					});
				}
				return emitted;
			},
			close: async () => {
				await response?.closeFunction?.();
			},
		};
	};

	return {
		startTrigger,
		checkExists: async () => await runWebhookMethod('checkExists'),
		create: async () => await runWebhookMethod('create'),
		delete: async () => await runWebhookMethod('delete'),
		activate: async () => {
			if (!(await runWebhookMethod('checkExists'))) await runWebhookMethod('create');
		},
		deliver: async (request) => {
			const req = fakeRequest(request, webhookData.path);
			const res = new FakeResponse();
			const data = additionalData({
				executionId: undefined, // A webhook call runs before n8n creates the execution.
				httpRequest: req as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
				httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
			});
			const closeFunctions: CloseFunction[] = [];
			const context = new WebhookContext(
				workflow,
				node,
				data,
				deliveryMode,
				{ ...webhookData, workflowExecuteAdditionalData: data },
				closeFunctions,
				null,
			);
			// Like the CLI's WebhookService: new-style `Node` classes get the context as argument.
			let result: IWebhookResponseData;
			const { webhook } = nodeType;
			if (isNodeClassInstance(nodeType) && nodeType.webhook !== undefined) {
				result = await nodeType.webhook(context);
			} else if (webhook !== undefined) {
				result = await webhook.call(context);
			} else {
				throw new UnexpectedError(`Node type "${typeName}" has no webhook() method`);
			}
			await Promise.all(closeFunctions.map(async (close) => await close()));
			const delivered = deliveryResult(result, res);
			const answer = request.n8nAnswer === undefined ? 200 : request.n8nAnswer;
			if (!res.finished && answer !== null) delivered.request.answer(answer);
			return delivered;
		},
		webhookUrl,
		get staticData() {
			return workflow.staticData;
		},
		get nodeStaticData() {
			return workflow.getStaticData('node', node);
		},
		workflow,
		node,
		getCredentialData: (type) => credentialsHelper.getStoredData(type),
	};
}

/** The IWebhookData n8n registers for a node's webhook, as the CLI's getWorkflowWebhooks builds it. */
function webhookDataFor(
	workflow: Workflow,
	node: INode,
	nodeType: INodeType,
	name: string,
	mode: WorkflowExecuteMode,
	additionalData: IWorkflowExecuteAdditionalData,
): IWebhookData {
	const description = nodeType.description.webhooks?.find((webhook) => webhook.name === name);
	if (description === undefined) {
		throw new UnexpectedError(`Node type "${node.type}" has no "${name}" webhook description`);
	}
	const resolve = <T>(value: unknown, fallback: T) =>
		workflow.expression.getSimpleParameterValue(
			node,
			value as string | boolean | undefined,
			mode,
			{},
			undefined,
			fallback as string | boolean,
		) as T;
	const rawPath = String(resolve(description.path, '')).replace(/^\/|\/$/g, '');
	return {
		httpMethod: resolve<IHttpRequestMethods>(description.httpMethod, 'GET'),
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			rawPath,
			resolve<boolean>(description.isFullPath, false),
			resolve<boolean>(description.restartWebhook, false),
		),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
}

/** Just enough of an express Request for n8n's WebhookContext and typical webhook() code. */
/** What webhook() answered and what it did to the response, with n8n's side of the request. */
export function deliveryResult(result: IWebhookResponseData, res: FakeResponse): DeliveryResult {
	return {
		workflowData: result.workflowData,
		webhookResponse: result.webhookResponse as unknown,
		noWebhookResponse: result.noWebhookResponse,
		responded: res.finished,
		status: res.finished || res.statusSet ? res.statusCode : undefined,
		responseBody: res.body,
		responseHeaders: { ...res.headers },
		rendered: res.rendered,
		request: {
			answer: (status) => res.status(status).json({ message: status < 300 ? 'Workflow was started' : 'Error' }),
			abort: () => res.abort(),
		},
	};
}

export function fakeRequest(request: DeliveryRequest, path: string) {
	const headers: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = value;

	let rawBody: Buffer | undefined;
	let body: unknown = request.body ?? {};
	if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) {
		rawBody = Buffer.from(request.body);
		const contentType = String(headers['content-type'] ?? '');
		body = contentType.includes('json') ? JSON.parse(rawBody.toString('utf8')) : rawBody.toString('utf8');
	} else if (request.body !== undefined) {
		rawBody = Buffer.from(JSON.stringify(request.body));
		headers['content-type'] ??= 'application/json';
	}
	if (rawBody !== undefined) headers['content-length'] ??= String(rawBody.length);

	const query = request.query ?? {};
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
	}
	const url = `/${path}${search.size > 0 ? `?${search.toString()}` : ''}`;
	const header = (name: string) => headers[name.toLowerCase()];

	return {
		method: request.method ?? 'POST',
		url,
		originalUrl: url,
		path: `/${path}`,
		headers,
		body,
		rawBody,
		query,
		params: request.params ?? {},
		ip: '127.0.0.1',
		hostname: '127.0.0.1',
		protocol: 'http',
		get: header,
		header,
	};
}

/**
 * Records what a node does to the express Response it gets from `getResponseObject()`; like
 * Node's ServerResponse it emits 'finish' when the answer is written to a connected client and
 * 'close' when the connection ends, and `writableEnded` turns true on any written answer.
 */
export class FakeResponse extends EventEmitter {
	statusCode = 200;

	private clientGone = false;

	statusSet = false;

	finished = false;

	headersSent = false;

	body: unknown;

	/** What `res.render(view, data)` was called with (n8n renders its templates, e.g. form-trigger). */
	rendered?: { view: string; data: unknown };

	readonly headers: Record<string, string> = {};

	render(view: string, data?: unknown): void {
		this.rendered = { view, data };
		this.finish(`<rendered ${view}>`);
	}

	status(code: number): this {
		this.statusCode = code;
		this.statusSet = true;
		return this;
	}

	sendStatus(code: number): this {
		return this.status(code).send(String(code));
	}

	setHeader(name: string, value: string | number | readonly string[]): this {
		this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		return this;
	}

	set(name: string | Record<string, string>, value?: string): this {
		if (typeof name === 'string') return this.setHeader(name, value ?? '');
		for (const [key, item] of Object.entries(name)) this.setHeader(key, item);
		return this;
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	getHeader(name: string): string | undefined {
		return this.headers[name.toLowerCase()];
	}

	writeHead(code: number, headers: Record<string, string> = {}): this {
		this.status(code).set(headers);
		this.headersSent = true;
		return this;
	}

	json(body: unknown): this {
		this.headers['content-type'] ??= 'application/json';
		return this.finish(body);
	}

	send(body?: unknown): this {
		return this.finish(body);
	}

	write(chunk: string | Buffer): boolean {
		const previous = this.body === undefined ? '' : String(this.body);
		this.body = previous + String(chunk);
		this.headersSent = true;
		return true;
	}

	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.write(chunk);
		return this.finish(this.body);
	}

	get writableEnded(): boolean {
		return this.finished;
	}

	/** The client went away before the answer. */
	abort(): void {
		if (this.finished || this.clientGone) return;
		this.clientGone = true;
		this.emit('close');
	}

	private finish(body: unknown): this {
		const first = !this.finished;
		this.body = body;
		this.finished = true;
		this.headersSent = true;
		if (first && !this.clientGone) {
			this.emit('finish');
			this.emit('close');
		}
		return this;
	}
}
