import { Credentials } from 'n8n-core';
import {
	deepCopy,
	Expression,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowDataProxyAdditionalKeys,
	type Workflow,
} from 'n8n-workflow';

export type CredentialsData = Record<string, ICredentialDataDecryptedObject>;

/**
 * The credentials helper n8n-core calls for `getCredentials()`,
 * `httpRequestWithAuthentication()` and friends. It stands in for the CLI's
 * `CredentialsHelper` (packages/cli/src/credentials-helper.ts), with plain
 * in-memory credential data instead of a database:
 *
 * - `getDecrypted` returns a copy of the data given for that credential type,
 *   with the type's property defaults filled in (as n8n does).
 * - `authenticate` applies the credential type's `authenticate`, both the
 *   function style and the declarative `type: 'generic'` block. The generic
 *   block is resolved by the workflow's own expression engine with
 *   `$credentials` bound to the decrypted data, exactly like the CLI does,
 *   so a test can assert on the header the credential type really produces.
 *   (n8n's own test helper only handles the function style.)
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	/** How often each credential type was read (decrypted), as n8n's database would be queried. */
	readonly reads = new Map<string, number>();

	constructor(credentialTypes: ICredentialType[] = [], credentials: CredentialsData = {}) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [type, data] of Object.entries(credentials)) this.data.set(type, deepCopy(data));
	}

	/** The credentials a node of the harness references: one per type, id = name = type name. */
	nodeCredentials(): INode['credentials'] {
		const result: NonNullable<INode['credentials']> = {};
		for (const type of this.data.keys()) result[type] = { id: type, name: type };
		return result;
	}

	/** Current stored data of a credential type (after preAuthentication/updateCredentials). */
	getStoredData(type: string): ICredentialDataDecryptedObject | undefined {
		return this.data.get(type);
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (type?.restrictToSupportedNodes !== true) return true;
		return type.supportedNodes?.includes(nodeType) ?? false;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types.get(type);
		if (credentialType === undefined) return [];
		// Like the CLI: parent types' properties first, own properties override them by name.
		const merged = new Map<string, INodeProperties>();
		for (const parent of credentialType.extends ?? []) {
			for (const property of this.getCredentialsProperties(parent)) merged.set(property.name, property);
		}
		for (const property of credentialType.properties) merged.set(property.name, property);
		return [...merged.values()];
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads.set(type, (this.reads.get(type) ?? 0) + 1);
		const stored = this.data.get(type);
		if (stored === undefined) {
			throw new UnexpectedError(
				`Test harness: no credential data given for type "${type}" (node credential "${nodeCredentials.name}")`,
			);
		}
		// Add the defaults of properties the test did not set, like the CLI's applyDefaultsAndOverwrites.
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			deepCopy(stored) as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...deepCopy(stored), ...(withDefaults as ICredentialDataDecryptedObject) };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const credentials = new Credentials(nodeCredentials, type);
		await credentials.setData(await this.getDecrypted(undefined, nodeCredentials, type));
		return credentials;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const authenticate = this.types.get(typeName)?.authenticate;
		if (authenticate === undefined) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (authenticate.type !== 'generic') return requestOptions;

		// Same algorithm as the CLI: every key and value of headers/qs/body/auth may be an
		// expression; resolved results are merged into the matching request option.
		requestOptions.headers ??= {};
		const additionalKeys = { $credentials: credentials } as IWorkflowDataProxyAdditionalKeys;
		const target = requestOptions as unknown as Record<string, IDataObject | undefined>;
		for (const [optionName, values] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				const resolvedKey = this.resolve(key, additionalKeys, workflow, node);
				const resolvedValue = this.resolve(value, additionalKeys, workflow, node);
				target[optionName] ??= {};
				target[optionName][resolvedKey] = resolvedValue;
			}
		}
		return requestOptions;
	}

	/** Mirrors the CLI: only runs when the type has an expirable hidden property that is empty (or expired). */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.get(typeName);
		if (credentialType?.preAuthentication === undefined) return undefined;
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) {
			throw new UnexpectedError(
				`The property "${expirable.name}" is missing from preAuthentication's output of "${typeName}"`,
			);
		}
		const updated = Object.assign(credentials, output) as ICredentialDataDecryptedObject;
		this.data.set(typeName, deepCopy(updated));
		return updated;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const preAuthentication = this.types.get(typeName)?.preAuthentication;
		if (preAuthentication === undefined) return undefined;
		return Object.assign(credentials, await preAuthentication.call(helpers, credentials));
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data.set(type, deepCopy(data));
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data.set(type, { ...this.data.get(type), oauthTokenData: data.oauthTokenData });
	}

	/** Resolves `={{ ... }}` with the workflow's expression engine; plain strings pass through. */
	private resolve(
		value: unknown,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow?: Workflow,
		node?: INode,
	): string {
		if (typeof value !== 'string' || !value.startsWith('=')) return String(value);
		const resolved =
			workflow !== undefined && node !== undefined
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', additionalKeys, undefined, '')
				: Expression.resolveWithoutWorkflow(value, additionalKeys as IDataObject);
		// The CLI turns empty results into '' and everything else into a string.
		return resolved === undefined || resolved === null || resolved === '' ? '' : String(resolved);
	}
}
