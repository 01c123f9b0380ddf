'use strict';
// The generated README sections, as pure functions of the node's own definitions:
//   operations     one table per resource (Operation | Route | Description) and a count line
//   editor-weight  property count and serialised size of each node's description
// `scripts/generate-docs.js` feeds it the compiled package (dist/); `test/docs.test.ts` feeds it
// the TypeScript sources. Both compare or write the text between the README markers
// `<!-- <name>:start -->` and `<!-- <name>:end -->`. Plain CommonJS, Node built-ins only; types
// in operations-table.d.ts.

const markers = (name) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

/** Table cell text: one line, pipes escaped. */
function cell(text) {
	return String(text ?? '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/\|/g, '\\|');
}

/** 123456 → "123,456" (no locale: the output must not depend on the machine). */
function thousands(value) {
	return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const routeKey = (route) => `${route.method.toUpperCase()} ${route.path}`;

/** "EvolutionAPI/evolution-api @ release 2.3.6 (...)" → "2.3.6" */
function catalogueVersion(catalogue) {
	const match = /release v?(\d+\.\d+\.\d+)/.exec(catalogue.generatedFrom ?? '');
	if (!match) throw new Error(`cannot read the Evolution API version from the catalogue: ${JSON.stringify(catalogue.generatedFrom)}`);
	return match[1];
}

/** The count line: how many operations, and how many of the catalogue's callable routes they cover. */
function countLine(resources, catalogue) {
	const operations = resources.flatMap((resource) => resource.operations);
	const callable = new Set(catalogue.routes.filter((route) => route.callable).map(routeKey));
	const covered = new Set(operations.map((operation) => routeKey(operation.route)).filter((key) => callable.has(key)));
	const coverage = covered.size === callable.size ? `all ${callable.size}` : `${covered.size} of the ${callable.size}`;
	const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
	return `**${plural(operations.length, 'operation')}** covering ${coverage} callable routes of Evolution API ${catalogueVersion(catalogue)}, in ${plural(resources.length, 'resource')}.`;
}

/**
 * The operations section: the count line, then per resource (in the node's order) its operations
 * sorted by name, as the editor lists them.
 */
function renderOperations(resources, catalogue) {
	const lines = [countLine(resources, catalogue)];
	for (const resource of resources) {
		lines.push('', `### ${resource.name}`, '');
		if (resource.description) lines.push(cell(resource.description), '');
		lines.push('| Operation | Route | Description |', '| --- | --- | --- |');
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name, 'en'));
		for (const operation of operations) {
			lines.push(`| ${cell(operation.name)} | \`${cell(routeKey(operation.route))}\` | ${cell(operation.description)} |`);
		}
	}
	return lines.join('\n');
}

/** Serialised size in bytes of a node description (what the editor downloads for the node type). */
function descriptionSize(description) {
	return Buffer.byteLength(JSON.stringify(description), 'utf8');
}

/** The editor-weight section: one row per node, in package.json order. */
function renderEditorWeight(descriptions) {
	const lines = [
		'Size of each node description, which n8n sends to the editor and evaluates there: top-level properties, and bytes of `JSON.stringify(description)`.',
		'',
		'| Node | Properties | Description size |',
		'| --- | ---: | ---: |',
	];
	for (const description of descriptions) {
		const size = descriptionSize(description);
		lines.push(
			`| ${cell(description.displayName)} (\`${cell(description.name)}\`) | ${thousands(description.properties.length)} | ${thousands(size)} bytes (${(size / 1024).toFixed(1)} KiB) |`,
		);
	}
	return lines.join('\n');
}

/** Every generated section, by marker name. */
function buildSections({ resources, descriptions, catalogue }) {
	return {
		'editor-weight': renderEditorWeight(descriptions),
		operations: renderOperations(resources, catalogue),
	};
}

function markerRange(markdown, name) {
	const [start, end] = markers(name);
	const from = markdown.indexOf(start);
	const to = markdown.indexOf(end);
	if (from < 0 || to < 0 || to < from || markdown.indexOf(start, from + 1) >= 0 || markdown.indexOf(end, to + 1) >= 0) {
		throw new Error(`README.md needs exactly one "${start}" followed by one "${end}"`);
	}
	return { contentStart: from + start.length, contentEnd: to };
}

/** The text between a section's markers, without the newlines that frame it. */
function readSection(markdown, name) {
	const { contentStart, contentEnd } = markerRange(markdown, name);
	return markdown.slice(contentStart, contentEnd).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

/** The markdown with every given section replaced. */
function replaceSections(markdown, sections) {
	let result = markdown;
	for (const [name, content] of Object.entries(sections)) {
		const { contentStart, contentEnd } = markerRange(result, name);
		result = `${result.slice(0, contentStart)}\n${content}\n${result.slice(contentEnd)}`;
	}
	return result;
}

/** Names of the sections whose README text differs from the generated one. */
function outdatedSections(markdown, sections) {
	return Object.entries(sections)
		.filter(([name, content]) => readSection(markdown, name) !== content)
		.map(([name]) => name);
}

/**
 * Where n8n loads each node from (package.json `n8n.nodes`), with the class name n8n's loader
 * expects and the TypeScript source it is compiled from.
 */
function nodeEntries(packageJson) {
	return (packageJson.n8n?.nodes ?? []).map((dist) => ({
		dist,
		className: dist.split('/').pop().replace(/\.node\.js$/, ''),
		source: dist.replace(/^dist\//, '').replace(/\.js$/, ''),
	}));
}

module.exports = {
	markers,
	countLine,
	renderOperations,
	renderEditorWeight,
	descriptionSize,
	buildSections,
	readSection,
	replaceSections,
	outdatedSections,
	nodeEntries,
};
