#!/usr/bin/env node
/**
 * Builds test/fixtures/catalogue.json from the Evolution API 2.3.6 specification
 * (endpoints.json + events.json), keeping only what the tests and the contract fake need.
 * Tests read the fixture, never the specification folder, so they run without it.
 *
 * Usage: node scripts/extract-catalogue.js [specDir] [outFile]
 *   specDir defaults to ../shared/evolution-api (relative to the repository root).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const specDir = path.resolve(process.argv[2] || path.resolve(__dirname, '../../shared/evolution-api'));
const outFile = path.resolve(process.argv[3] || path.join(repoRoot, 'test/fixtures/catalogue.json'));

const INTEGRATIONS = ['WHATSAPP-BAILEYS', 'WHATSAPP-BUSINESS', 'EVOLUTION'];

// The static UI mounts and the endpoints WhatsApp providers call; README.md: "176 entries".
const NOT_CALLABLE = new Set([
	'GET /manager/{path}',
	'GET /assets/{file}',
	'POST /webhook/evolution',
	'GET /webhook/meta',
	'POST /webhook/meta',
	'POST /chatwoot/webhook/{instance}',
]);

function readJson(file) {
	return JSON.parse(fs.readFileSync(path.join(specDir, file), 'utf8'));
}

function normaliseAuth(route) {
	const text = route.auth;
	if (text.startsWith('none')) return 'none';
	if (text === 'global apikey') return 'global';
	if (text === 'instance token or global') return 'instance';
	if (text.startsWith('global apikey; an instance token is also accepted')) return 'global-or-any-token';
	throw new Error(`Unknown auth text on ${route.method} ${route.path}: ${text}`);
}

function normaliseContentType(route) {
	const text = route.contentType;
	if (text === null) return { contentType: null, multipartFileField: null };
	if (text === 'application/json') return { contentType: 'application/json', multipartFileField: null };
	const multipart = /^application\/json \| multipart\/form-data \(file field "(\w+)"\)$/.exec(text);
	if (multipart) return { contentType: 'application/json|multipart/form-data', multipartFileField: multipart[1] };
	// DELETE /group/leaveGroup: groupJid goes in the query; a JSON body is optional.
	if (text.startsWith('none needed')) return { contentType: 'application/json', multipartFileField: null };
	throw new Error(`Unknown contentType on ${route.method} ${route.path}: ${text}`);
}

/** The validator schema when the router validates a (normally absent) body with instanceSchema. */
function schemaRef(route) {
	if (route.bodySchema) return null;
	if (route.validatorSchemaRef && route.validatorSchemaRef.startsWith('instanceSchema')) return 'instanceSchema';
	return null;
}

/**
 * Per integration: does the channel implement the route, and if not, how does it fail.
 * Parsed from the prose of channelDetail so the fake can reproduce the failure.
 */
function channelSupport(route) {
	const result = {};
	for (const integration of INTEGRATIONS) {
		const detail = route.channelDetail ? route.channelDetail[integration] : null;
		if (!detail) {
			result[integration] = route.channels === 'n/a' ? null : { supported: true };
			continue;
		}
		let match;
		if (detail === 'n/a' || /^(Meta webhook verification|inbound )/.test(detail)) {
			result[integration] = null;
		} else if ((match = /^not available: HTTP (\d{3}) "(.+)"$/.exec(detail))) {
			const status = Number(match[1]);
			// 400s are BadRequestExceptions (message array); the 500 is a plain Error (message string).
			result[integration] = { supported: false, status, errorShape: status === 400 ? 'exception' : 'error', message: match[2] };
		} else if (/^not implemented: service method missing -> HTTP 500 TypeError/.test(detail)) {
			result[integration] = {
				supported: false,
				status: 500,
				errorShape: 'error',
				message: `this.waMonitor.waInstances[instanceName].${route.serviceMethod} is not a function`,
			};
		} else if (/^not implemented: service method missing -> TypeError, answered as HTTP 400 in the Meta-error shape/.test(detail)) {
			result[integration] = {
				supported: false,
				status: 400,
				errorShape: 'error',
				message: `this.waMonitor.waInstances[instanceName].${route.serviceMethod} is not a function`,
			};
		} else if (/^not meaningful/.test(detail)) {
			result[integration] = { supported: false, status: 400, errorShape: 'error', message: 'Meta Graph API call failed: the instance is not a WhatsApp Cloud API instance' };
		} else if (/^(supported|accepted|stored)/.test(detail)) {
			result[integration] = { supported: true };
		} else {
			throw new Error(`Unknown channelDetail on ${route.method} ${route.path}: ${detail}`);
		}
	}
	return result;
}

function extractRoute(route) {
	const key = `${route.method} ${route.path}`;
	const { contentType, multipartFileField } = normaliseContentType(route);
	return {
		group: route.group,
		name: route.name,
		method: route.method,
		path: route.path,
		pathParams: route.pathParams.map((param) => param.name),
		query: route.query.map((param) => ({ name: param.name, required: param.required === true })),
		contentType,
		multipartFileField,
		bodyRequired: route.bodyRequired === true,
		bodySchema: route.bodySchema ?? null,
		bodySchemaRef: schemaRef(route),
		validator: route.validator,
		successStatus: route.successStatus,
		auth: normaliseAuth(route),
		channels: route.channels,
		channelSupport: channelSupport(route),
		extraBodyFields: (route.extraBodyFields ?? []).map((field) => field.name),
		callable: !NOT_CALLABLE.has(key),
	};
}

function extractEvents(events) {
	return {
		subscribableEventNames: events.subscribableEventNames,
		events: events.events.map((event) => ({
			name: event.name,
			internalEvent: event.internalEvent,
			normalizedName: event.normalizedName,
			pathSuffix: event.pathSuffixWhenByEvents,
			emittedBy: event.emittedBy,
			deliveredToInstanceWebhook: event.deliveredToInstanceWebhook,
			deliveredToGlobalWebhook: event.deliveredToGlobalWebhook,
		})),
		otherEventNames: events.otherEventNames.map((event) => ({
			normalizedName: event.normalizedName,
			internalEvent: event.internalEvent,
			subscribable: event.subscribable,
		})),
		envelope: {
			fields: Object.keys(events.envelope.fields),
			example: events.envelope.example,
		},
	};
}

function main() {
	const endpoints = readJson('endpoints.json');
	const events = readJson('events.json');

	const create = endpoints.find((route) => route.method === 'POST' && route.path === '/instance/create');
	if (!create || !create.bodySchema) throw new Error('POST /instance/create with instanceSchema not found');

	const routes = endpoints.map(extractRoute);
	const callable = routes.filter((route) => route.callable).length;
	if (routes.length !== 182 || callable !== 176) {
		throw new Error(`Expected 182 routes / 176 callable, got ${routes.length} / ${callable}`);
	}

	const catalogue = {
		generatedFrom: events.generatedFrom,
		generatedBy: 'scripts/extract-catalogue.js',
		counts: { routes: routes.length, callable, events: events.subscribableEventNames.length },
		schemas: { instanceSchema: create.bodySchema },
		routes,
		events: extractEvents(events),
	};

	fs.mkdirSync(path.dirname(outFile), { recursive: true });
	fs.writeFileSync(outFile, `${JSON.stringify(catalogue, null, 2)}\n`);
	process.stdout.write(`wrote ${path.relative(repoRoot, outFile)}: ${routes.length} routes (${callable} callable), ${catalogue.counts.events} events\n`);
}

main();
