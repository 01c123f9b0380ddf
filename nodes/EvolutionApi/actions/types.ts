import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** One Evolution API route, written exactly as in the 2.3.6 catalogue (`{instance}` last). */
export interface Route {
	method: IHttpRequestMethods;
	path: string;
}

export interface RequestOptions {
	/** Values for `{xxxId}` placeholders; `{instance}` comes from the context. */
	pathParams?: Record<string, string>;
	body?: IDataObject | IDataObject[] | FormData;
	/** Only the query parameters the route documents (extra ones override the path instance). */
	qs?: IDataObject;
	response?: 'json' | 'text' | 'binary';
	/** Whether an empty 2xx body is a valid answer. */
	allowEmpty?: boolean;
}

export interface OperationContext {
	itemIndex: number;
	/** The resolved, validated instance name; empty for routes without `{instance}`. */
	instance: string;
	/** Calls this operation's own route, so the path always matches the declared one. */
	request(options?: RequestOptions): Promise<unknown>;
}

/** What an operation hands back for one input item; the router adds pairedItem. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[] | null | undefined;

/**
 * One operation = one route. `properties` lists only this operation's fields, without
 * displayOptions for resource/operation (the description builder adds them); a property
 * object shared by reference between operations of one resource is emitted once.
 */
export interface OperationDefinition {
	/** Internal value, e.g. `sendText`. */
	value: string;
	/** Title Case, without the resource, e.g. `Send Text`. */
	name: string;
	/** Sentence case with the resource, e.g. `Send a text message`. */
	action: string;
	description: string;
	route: Route;
	/**
	 * Value of the operation of the same resource whose route this one also calls (a variant,
	 * e.g. Send and Wait for Response sends through Send Text's route). Counted once in coverage.
	 */
	sharesRouteWith?: string;
	properties: INodeProperties[];
	/** Whether the node may retry it safely (reads); sends and other writes are never retried. */
	idempotent?: boolean;
	execute(this: IExecuteFunctions, context: OperationContext): Promise<OperationResult>;
}

export interface ResourceDefinition {
	/** Internal value, e.g. `message`. */
	value: string;
	/** Singular display name, e.g. `Message`. */
	name: string;
	description?: string;
	/** Operation preselected when the resource is picked; the first by name otherwise. */
	defaultOperation?: string;
	operations: OperationDefinition[];
	/** Lists the editor offers for this resource's fields (method names must be unique node-wide). */
	methods?: {
		listSearch?: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>>;
		loadOptions?: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>>;
	};
}

export function routeNeedsInstance(route: Route): boolean {
	return route.path.includes('{instance}');
}
