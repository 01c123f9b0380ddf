import {
	NodeHelpers,
	UnexpectedError,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

/** The package name n8n prefixes our node type names with (`<package>.<description.name>`). */
export const PACKAGE_NAME = 'n8n-nodes-evolution';

export type AnyNodeType = INodeType | IVersionedNodeType;

function isVersioned(nodeType: AnyNodeType): nodeType is IVersionedNodeType {
	return 'nodeVersions' in nodeType;
}

/** `description.name` of a plain or versioned node type. */
export function nodeTypeName(nodeType: AnyNodeType): string {
	return nodeType.description.name;
}

/**
 * The type version n8n would give a freshly added node: `defaultVersion` when set,
 * else the highest listed version.
 */
export function defaultTypeVersion(nodeType: AnyNodeType): number {
	if (isVersioned(nodeType)) return nodeType.description.defaultVersion ?? nodeType.currentVersion;
	const { version, defaultVersion } = nodeType.description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

/** The description of the version that will run (for `defaults.name`, `credentials`, ...). */
export function describeVersion(nodeType: AnyNodeType, version: number): INodeTypeDescription {
	return NodeHelpers.getVersionedNodeType(nodeType, version).description;
}

/** A minimal `INodeTypes` registry over node type instances, like the CLI's NodeTypes. */
export class NodeTypesRegistry implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	constructor(types: Record<string, AnyNodeType> = {}) {
		for (const [name, type] of Object.entries(types)) this.add(name, type);
	}

	add(name: string, type: AnyNodeType): this {
		this.types.set(name, type);
		return this;
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types.get(nodeType);
		if (type === undefined) {
			throw new UnexpectedError(`Test harness: unknown node type "${nodeType}"`, {
				extra: { known: [...this.types.keys()] },
			});
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		// Same shape as the CLI's loaded-node list; n8n-core only looks at the keys.
		return Object.fromEntries(
			[...this.types.keys()].map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}
