/**
 * examples/*.json must stay importable and match the nodes as they are: every Evolution API
 * node's resource and operation exist, every parameter it sets is one the editor shows for that
 * operation (nested collection and fixed-collection keys included), option values are real
 * values, and no required parameter is left empty. When the pinned n8n is installed
 * (n8n/node_modules), the other nodes (IF, Switch, HTTP Request, AI Agent...) are checked the
 * same way against n8n 2.41.1's own descriptions; without it those checks are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { EvolutionApi } from '../nodes/EvolutionApi/EvolutionApi.node';
import { EvolutionApiTrigger } from '../nodes/EvolutionApiTrigger/EvolutionApiTrigger.node';

const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'examples');
const PACKAGE = 'n8n-nodes-evolution';
const CREDENTIAL = 'evolutionServerApi';
const CREDENTIAL_NAME = 'Evolution API account';

interface ExampleNode extends INode {
	webhookId?: string;
}
interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>>;
	meta?: { e2e?: string };
}

/** The AI-tool variant n8n derives from a `usableAsTool` node (n8n's convertNodeToAiTool). */
function toolVariant(description: INodeTypeDescription): INodeTypeDescription {
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	return {
		...description,
		name: `${description.name}Tool`,
		displayName: `${description.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool'],
		properties: [descriptionType, toolDescription, ...description.properties],
	} as INodeTypeDescription;
}

const actionDescription = new EvolutionApi().description;
const OWN_TYPES = new Map<string, INodeTypeDescription>([
	[`${PACKAGE}.evolutionApi`, actionDescription],
	[`${PACKAGE}.evolutionApiTrigger`, new EvolutionApiTrigger().description],
	[`${PACKAGE}.evolutionApiTool`, toolVariant(actionDescription)],
]);

/** n8n 2.41.1's node descriptions, when the pinned n8n is installed (`npm start` installs it). */
function loadN8nTypes(): Map<string, INodeTypeDescription[]> | undefined {
	const files = [
		join(ROOT, 'n8n/node_modules/n8n-nodes-base/dist/types/nodes.json'),
		join(ROOT, 'n8n/node_modules/@n8n/n8n-nodes-langchain/dist/types/nodes.json'),
	];
	if (!files.every((file) => existsSync(file))) return undefined;
	const types = new Map<string, INodeTypeDescription[]>();
	for (const [file, prefix] of [
		[files[0], 'n8n-nodes-base.'],
		[files[1], '@n8n/n8n-nodes-langchain.'],
	]) {
		for (const description of JSON.parse(readFileSync(file, 'utf8')) as INodeTypeDescription[]) {
			const name = description.name.includes('.') ? description.name : `${prefix}${description.name}`;
			types.set(name, [...(types.get(name) ?? []), description]);
		}
	}
	return types;
}

const n8nTypes = loadN8nTypes();

function descriptionFor(node: INode): INodeTypeDescription | undefined {
	const own = OWN_TYPES.get(node.type);
	if (own) return own;
	const versions = n8nTypes?.get(node.type) ?? [];
	return versions.find((description) =>
		(Array.isArray(description.version) ? description.version : [description.version]).includes(node.typeVersion),
	);
}

interface Context {
	node: INode;
	description: INodeTypeDescription;
	/** The node's parameters with their defaults. */
	root: INodeParameters;
	path: string;
}

const isExpression = (value: unknown): boolean => typeof value === 'string' && value.startsWith('=');

function optionValues(property: INodeProperties): unknown[] | undefined {
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	return (property.options as INodePropertyOptions[] | undefined)?.map((option) => option.value);
}

/**
 * Problems with `values` (one level of parameters) against `properties`: unknown names, names
 * the editor hides for these settings, wrong value shapes and option values that do not exist.
 */
function parameterProblems(
	properties: INodeProperties[],
	values: INodeParameters,
	resolved: INodeParameters | undefined,
	context: Context,
): string[] {
	const problems: string[] = [];
	// Display conditions are evaluated on the values with their defaults, as the editor does.
	const withDefaults = { ...resolved, ...values };
	for (const [name, value] of Object.entries(values)) {
		const where = context.path ? `${context.path}.${name}` : name;
		const named = properties.filter((property) => property.name === name);
		if (named.length === 0) {
			problems.push(`${where}: no such parameter`);
			continue;
		}
		const shown = named.filter((property) =>
			NodeHelpers.displayParameter(withDefaults, property, context.node, context.description, context.root),
		);
		if (shown.length === 0) {
			problems.push(`${where}: not shown for these settings (check resource/operation or the conditions it depends on)`);
			continue;
		}
		// Several definitions may share a name (one per operation): the value must suit one of them.
		const attempts = shown.map((property) => valueProblems(property, value, resolved?.[name], { ...context, path: where }));
		if (!attempts.some((attempt) => attempt.length === 0)) problems.push(...attempts[0]);
	}
	return problems;
}

function valueProblems(
	property: INodeProperties,
	value: NodeParameterValueType | object,
	resolved: NodeParameterValueType | object | undefined,
	context: Context,
): string[] {
	const where = context.path;
	if (isExpression(value)) {
		return property.noDataExpression ? [`${where}: takes no expression`] : [];
	}
	switch (property.type) {
		case 'options': {
			const allowed = optionValues(property);
			return allowed && !allowed.includes(value) ? [`${where}: "${String(value)}" is not one of ${allowed.join(', ')}`] : [];
		}
		case 'multiOptions': {
			if (!Array.isArray(value)) return [`${where}: must be a list`];
			const allowed = optionValues(property);
			return allowed ? value.filter((entry) => !allowed.includes(entry)).map((entry) => `${where}: "${String(entry)}" is not one of ${allowed.join(', ')}`) : [];
		}
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${where}: must be true or false`];
		case 'number':
			return typeof value === 'number' ? [] : [`${where}: must be a number`];
		case 'string':
			return typeof value === 'string' ? [] : [`${where}: must be text`];
		case 'resourceLocator': {
			const locator = value as { __rl?: boolean; mode?: string };
			if (typeof locator !== 'object' || locator === null || locator.__rl !== true) return [`${where}: must be a resource locator ({"__rl": true, "mode", "value"})`];
			const modes = (property.modes ?? []).map((mode) => mode.name);
			return modes.length && !modes.includes(String(locator.mode)) ? [`${where}: mode "${String(locator.mode)}" is not one of ${modes.join(', ')}`] : [];
		}
		case 'collection': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where}: must be an object`];
			return parameterProblems((property.options ?? []) as INodeProperties[], value as INodeParameters, undefined, { ...context, path: where });
		}
		case 'fixedCollection': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where}: must be an object`];
			const problems: string[] = [];
			const groups = (property.options ?? []) as INodePropertyCollection[];
			for (const [groupName, entries] of Object.entries(value as Record<string, unknown>)) {
				const group = groups.find((candidate) => candidate.name === groupName);
				if (!group) {
					problems.push(`${where}.${groupName}: no such group (${groups.map((candidate) => candidate.name).join(', ')})`);
					continue;
				}
				const multiple = property.typeOptions?.multipleValues === true;
				if (multiple !== Array.isArray(entries)) {
					problems.push(`${where}.${groupName}: must be ${multiple ? 'a list' : 'an object'}`);
					continue;
				}
				const resolvedGroup = (resolved as Record<string, unknown> | undefined)?.[groupName];
				const list = (multiple ? entries : [entries]) as INodeParameters[];
				const resolvedList = (multiple ? resolvedGroup : [resolvedGroup]) as INodeParameters[] | undefined;
				list.forEach((entry, index) => {
					problems.push(...parameterProblems(group.values, entry, resolvedList?.[index], { ...context, path: `${where}.${groupName}` }));
				});
			}
			return problems;
		}
		default:
			// filter, assignmentCollection, json, dateTime, color...: shapes owned by n8n
			return [];
	}
}

function nodeProblems(node: INode, description: INodeTypeDescription): string[] {
	const resolved =
		NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? node.parameters;
	const problems = parameterProblems(description.properties, node.parameters, resolved, {
		node,
		description,
		root: resolved,
		path: '',
	});
	// What the editor flags with a red triangle: required parameters left empty.
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
	for (const [name, messages] of Object.entries(issues?.parameters ?? {})) {
		problems.push(...messages.map((message) => `${name}: ${message}`));
	}
	return problems;
}

const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')).sort();
const examples: Array<[string, Example]> = files.map((file) => [file, JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Example]);

/** Node types a "run" example may use: no outside service, no credential but the sandbox's. */
const RUNNABLE_TYPES = new Set([
	`${PACKAGE}.evolutionApi`,
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.set',
	'n8n-nodes-base.code',
	'n8n-nodes-base.if',
	'n8n-nodes-base.switch',
	'n8n-nodes-base.filter',
	'n8n-nodes-base.merge',
	'n8n-nodes-base.noOp',
	'n8n-nodes-base.splitOut',
	'n8n-nodes-base.aggregate',
	'n8n-nodes-base.limit',
	'n8n-nodes-base.wait',
]);

describe('examples/', () => {
	it('holds at least five examples, two of them runnable against the sandbox', () => {
		expect(files.length).toBeGreaterThanOrEqual(5);
		expect(examples.filter(([, example]) => example.meta?.e2e === 'run').length).toBeGreaterThanOrEqual(2);
	});

	it('examples/README.md describes every example', () => {
		const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
		for (const file of files) expect(readme).toContain(`(${file})`);
	});

	it('the main README links the examples', () => {
		expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('examples/');
	});

	describe.each(examples)('%s', (file, example) => {
		it('is a workflow n8n can import: unique node names and IDs, connections between existing nodes', () => {
			// `n8n import:workflow` refuses a workflow without an ID; the editor ignores it.
			expect((example as { id?: string }).id).toMatch(/^[A-Za-z0-9]{16}$/);
			expect(examples.filter(([, other]) => (other as { id?: string }).id === (example as { id?: string }).id)).toHaveLength(1);
			expect(typeof example.name).toBe('string');
			expect(Array.isArray(example.nodes)).toBe(true);
			const names = example.nodes.map((node) => node.name);
			expect(new Set(names).size).toBe(names.length);
			const ids = example.nodes.map((node) => node.id);
			expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
			expect(new Set(ids).size).toBe(ids.length);
			for (const node of example.nodes) {
				expect(Array.isArray(node.position) && node.position.length === 2).toBe(true);
				expect(typeof node.parameters).toBe('object');
			}
			for (const [source, outputs] of Object.entries(example.connections)) {
				expect(names).toContain(source);
				for (const targets of Object.values(outputs).flat()) {
					for (const target of targets ?? []) expect(names).toContain(target.node);
				}
			}
		});

		it('says whether the e2e suite runs it (meta.e2e)', () => {
			expect(['run', 'import']).toContain(example.meta?.e2e);
			if (example.meta?.e2e !== 'run') return;
			const foreign = example.nodes.filter((node) => !RUNNABLE_TYPES.has(node.type)).map((node) => `${node.name} (${node.type})`);
			expect(foreign).toEqual([]);
			expect(example.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger')).toHaveLength(1);
		});

		it('uses the Evolution API nodes with existing resources, operations and parameters', () => {
			const own = example.nodes.filter((node) => OWN_TYPES.has(node.type));
			expect(own.length).toBeGreaterThan(0);
			const problems: string[] = [];
			for (const node of own) {
				const description = OWN_TYPES.get(node.type)!;
				if (node.typeVersion !== 1) problems.push(`${node.name}: typeVersion ${node.typeVersion} (the node has version 1)`);
				const credential = node.credentials?.[CREDENTIAL];
				if (!credential || credential.name !== CREDENTIAL_NAME || !credential.id) {
					problems.push(`${node.name}: credentials.${CREDENTIAL} must be {"id": "…", "name": "${CREDENTIAL_NAME}"}`);
				}
				if (node.type !== `${PACKAGE}.evolutionApiTrigger`) {
					const resource = node.parameters.resource;
					const operation = node.parameters.operation;
					const resourceOption = description.properties.find((property) => property.name === 'resource');
					if (!(resourceOption?.options as INodePropertyOptions[]).some((option) => option.value === resource)) {
						problems.push(`${node.name}: resource "${String(resource)}" does not exist`);
						continue;
					}
					const operationProperty = description.properties.find(
						(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[]).includes(String(resource)),
					);
					if (!(operationProperty?.options as INodePropertyOptions[]).some((option) => option.value === operation)) {
						problems.push(`${node.name}: operation "${String(operation)}" does not exist in resource "${String(resource)}"`);
						continue;
					}
				} else if (!node.webhookId) {
					problems.push(`${node.name}: a trigger needs a webhookId`);
				}
				problems.push(...nodeProblems(node, description).map((problem) => `${node.name}: ${problem}`));
			}
			expect(problems).toEqual([]);
		});

		(n8nTypes ? it : it.skip)('uses n8n 2.41.1 nodes that exist, with known parameters (needs n8n/node_modules)', () => {
			const problems: string[] = [];
			for (const node of example.nodes.filter((candidate) => !OWN_TYPES.has(candidate.type))) {
				const description = descriptionFor(node);
				if (!description) {
					problems.push(`${node.name}: ${node.type} version ${node.typeVersion} does not exist in n8n 2.41.1`);
					continue;
				}
				problems.push(...nodeProblems(node, description).map((problem) => `${node.name}: ${problem}`));
			}
			expect(problems).toEqual([]);
		});
	});
});
