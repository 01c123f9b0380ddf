/**
 * README.md's generated sections (operations tables, editor weight) must match the node as it is.
 * The same generator as `npm run docs` (scripts/lib/operations-table.js), fed the TypeScript
 * sources instead of dist/, so this runs before any build.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodeType } from 'n8n-workflow';

import catalogue from './fixtures/catalogue.json';
import packageJson from '../package.json';
import { resources } from '../nodes/EvolutionApi/actions';
import {
	buildSections,
	countLine,
	nodeEntries,
	outdatedSections,
	readSection,
	renderEditorWeight,
	renderOperations,
	replaceSections,
	type DocsCatalogue,
	type DocsDescription,
	type DocsResource,
} from '../scripts/lib/operations-table';

const ROOT = join(__dirname, '..');

async function sourceDescriptions(): Promise<DocsDescription[]> {
	const descriptions: DocsDescription[] = [];
	for (const entry of nodeEntries(packageJson)) {
		const module = (await import(join(ROOT, entry.source))) as Record<string, new () => INodeType>;
		const NodeClass = module[entry.className];
		descriptions.push(new NodeClass().description as DocsDescription);
	}
	return descriptions;
}

describe('README.md generated sections', () => {
	it.each(['editor-weight', 'operations'] as const)('%s is up to date (run `npm run build && npm run docs`)', async (name) => {
		const sections = buildSections({ resources, descriptions: await sourceDescriptions(), catalogue });
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		expect(readSection(readme, name)).toBe(sections[name]);
	});

	it('documents every operation of every resource', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const table = readSection(readme, 'operations');
		const rows = table.split('\n').filter((line) => /^\| .* \| `[A-Z]+ \/.*` \| /.test(line));
		const operations = resources.flatMap((resource) => resource.operations);
		expect(rows).toHaveLength(operations.length);
	});
});

describe('operations-table generator', () => {
	const tinyCatalogue: DocsCatalogue = {
		generatedFrom: 'EvolutionAPI/evolution-api @ release 2.3.6 (commit 3454bec7)',
		routes: [
			{ method: 'POST', path: '/message/sendText/{instance}', callable: true },
			{ method: 'GET', path: '/chat/findChats/{instance}', callable: true },
			{ method: 'GET', path: '/unused', callable: false },
		],
	};
	const tinyResources: DocsResource[] = [
		{
			name: 'Message',
			description: 'Send | receive',
			operations: [
				{ name: 'Send Text', description: 'Send a text\nmessage', route: { method: 'POST', path: '/message/sendText/{instance}' } },
			],
		},
	];

	it('counts operations and covered callable routes', () => {
		expect(countLine(tinyResources, tinyCatalogue)).toBe(
			'**1 operation** covering 1 of the 2 callable routes of Evolution API 2.3.6, in 1 resource.',
		);
		const full: DocsResource[] = [
			...tinyResources,
			{ name: 'Chat', operations: [{ name: 'Get Many', description: 'x', route: { method: 'GET', path: '/chat/findChats/{instance}' } }] },
		];
		expect(countLine(full, tinyCatalogue)).toBe(
			'**2 operations** covering all 2 callable routes of Evolution API 2.3.6, in 2 resources.',
		);
	});

	it('renders one escaped, single-line row per operation', () => {
		expect(renderOperations(tinyResources, tinyCatalogue).split('\n').slice(2)).toEqual([
			'### Message',
			'',
			'Send \\| receive',
			'',
			'| Operation | Route | Description |',
			'| --- | --- | --- |',
			'| Send Text | `POST /message/sendText/{instance}` | Send a text message |',
		]);
	});

	it('measures descriptions in UTF-8 bytes, without locale formatting', () => {
		const description = { displayName: 'X', name: 'x', properties: [{ note: 'ü'.repeat(1200) }] };
		const size = Buffer.byteLength(JSON.stringify(description));
		expect(size).toBeGreaterThan(2400);
		expect(renderEditorWeight([description])).toContain(`| X (\`x\`) | 1 | 2,${size - 2000} bytes (2.4 KiB) |`);
	});

	it('replaces only the text between the markers, and reports outdated sections', () => {
		const readme = '# T\n\n<!-- operations:start -->\nold\n<!-- operations:end -->\n\n## License\n';
		expect(outdatedSections(readme, { operations: 'new' })).toEqual(['operations']);
		const updated = replaceSections(readme, { operations: 'new\ntable' });
		expect(updated).toBe('# T\n\n<!-- operations:start -->\nnew\ntable\n<!-- operations:end -->\n\n## License\n');
		expect(outdatedSections(updated, { operations: 'new\ntable' })).toEqual([]);
		expect(() => readSection('no markers', 'operations')).toThrow('<!-- operations:start -->');
	});
});
