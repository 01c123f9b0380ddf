// Types for operations-table.js (plain CommonJS, shared by scripts/generate-docs.js and test/docs.test.ts).

export interface DocsRoute {
	method: string;
	path: string;
}

export interface DocsOperation {
	name: string;
	description: string;
	route: DocsRoute;
}

export interface DocsResource {
	name: string;
	description?: string;
	operations: DocsOperation[];
}

export interface DocsDescription {
	displayName: string;
	name: string;
	properties: unknown[];
}

export interface DocsCatalogue {
	generatedFrom: string;
	routes: Array<DocsRoute & { callable: boolean }>;
}

export interface DocsInput {
	resources: DocsResource[];
	descriptions: DocsDescription[];
	catalogue: DocsCatalogue;
}

export type DocsSections = Record<'editor-weight' | 'operations', string>;

export interface NodeEntry {
	/** As listed in package.json `n8n.nodes`, e.g. `dist/nodes/EvolutionApi/EvolutionApi.node.js`. */
	dist: string;
	/** The exported class n8n's loader instantiates, e.g. `EvolutionApi`. */
	className: string;
	/** The TypeScript module it is compiled from, without extension, e.g. `nodes/EvolutionApi/EvolutionApi.node`. */
	source: string;
}

export function markers(name: string): [string, string];
export function countLine(resources: DocsResource[], catalogue: DocsCatalogue): string;
export function renderOperations(resources: DocsResource[], catalogue: DocsCatalogue): string;
export function renderEditorWeight(descriptions: DocsDescription[]): string;
export function descriptionSize(description: unknown): number;
export function buildSections(input: DocsInput): DocsSections;
export function readSection(markdown: string, name: string): string;
export function replaceSections(markdown: string, sections: Partial<DocsSections>): string;
export function outdatedSections(markdown: string, sections: Partial<DocsSections>): string[];
export function nodeEntries(packageJson: { n8n?: { nodes?: string[] } }): NodeEntry[];
