/**
 * Body validation as src/api/abstract/abstract.router.ts does it with jsonschema 1.5.0:
 * dataValidate (nested message array) and the four group validators ({property, message} list).
 */
import { Validator, type Schema } from 'jsonschema';

import { schemaOf, type CatalogueRoute } from './catalogue';
import { badRequest, plainError, type Thrown } from './errors';

export type Dto = Record<string, unknown>;
export type Query = Record<string, string | string[]>;

export interface SchemaError {
	property: string;
	message: string;
}

export type ValidationOutcome =
	| { ok: true; dto: Dto }
	| {
			ok: false;
			thrown: Thrown;
			/** Flat, human-readable list for RecordedRequest.validationErrors. */
			messages: string[];
	  };

/**
 * Each error becomes the failing sub-schema's `description` when it has one, otherwise the
 * jsonschema stack with the first `instance.` removed (String.replace, not replaceAll).
 */
export function schemaErrors(instance: unknown, schema: object): SchemaError[] {
	const result = new Validator().validate(instance, inlineLocalRefs(schema) as Schema);
	return result.errors.map((error) => {
		const subSchema = error.schema as unknown;
		const description =
			typeof subSchema === 'object' && subSchema !== null ? (subSchema as { description?: unknown }).description : undefined;
		return {
			property: error.property.replace('instance.', ''),
			message: typeof description === 'string' && description !== '' ? description : error.stack.replace('instance.', ''),
		};
	});
}

const inlined = new WeakMap<object, object>();

/**
 * Replaces local `{"$ref": "#/$defs/x"}` pointers (eventSchema) by their target. jsonschema 1.5.0
 * resolves them with `new URL(ref, 'thismessage::/')`, which Node 24's URL parser rejects; the
 * inlined schema yields the same errors (same property paths, same sub-schema objects' keywords).
 */
function inlineLocalRefs(schema: object): object {
	let result = inlined.get(schema);
	if (!result) {
		result = inlineNode(schema, schema) as object;
		inlined.set(schema, result);
	}
	return result;
}

function inlineNode(node: unknown, root: object): unknown {
	if (Array.isArray(node)) return node.map((item) => inlineNode(item, root));
	if (typeof node !== 'object' || node === null) return node;
	const ref = (node as { $ref?: unknown }).$ref;
	if (typeof ref === 'string' && ref.startsWith('#/')) {
		const target = ref
			.slice(2)
			.split('/')
			.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
			.reduce<unknown>((current, token) => (current as Record<string, unknown> | undefined)?.[token], root);
		if (target === undefined) throw new Error(`fake: unresolvable schema reference ${ref}`);
		// Draft-7 semantics: keywords next to $ref are ignored.
		return inlineNode(target, root);
	}
	return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineNode(value, root)]));
}

function first(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** dataValidate: `throw new BadRequestException(message)` with message = string[] → `[[...]]`. */
function dataValidate(route: CatalogueRoute, body: Dto): ValidationOutcome {
	const dto = { ...body };
	const schema = schemaOf(route);
	if (!schema) return { ok: true, dto };
	const messages = schemaErrors(dto, schema).map((error) => error.message);
	if (messages.length === 0) return { ok: true, dto };
	return { ok: false, thrown: badRequest(messages), messages };
}

/** The group validators spread the errors: `BadRequestException(...[{property, message}])`. */
function validateObjects(route: CatalogueRoute, dto: Dto): ValidationOutcome {
	const schema = schemaOf(route);
	const errors = schema ? schemaErrors(dto, schema) : [];
	if (errors.length === 0) return { ok: true, dto };
	return {
		ok: false,
		thrown: badRequest(...errors),
		messages: errors.map((error) => `${error.property}: ${error.message}`),
	};
}

function rejected(thrown: Thrown): ValidationOutcome {
	const message = thrown.message;
	const messages = Array.isArray(message) ? message.map(String) : [String(message)];
	return { ok: false, thrown, messages };
}

function groupValidate(route: CatalogueRoute, body: Dto, query: Query): ValidationOutcome {
	// body.groupJid wins; the query is the fallback (a truthiness check, like the source).
	let groupJid: unknown = body.groupJid || first(query.groupJid);
	if (!groupJid) {
		return rejected(badRequest('The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"'));
	}
	if (typeof groupJid !== 'string') return rejected(plainError('groupJid.endsWith is not a function'));
	if (!groupJid.endsWith('@g.us')) groupJid = `${groupJid}@g.us`;
	return validateObjects(route, { ...body, groupJid });
}

function inviteCodeValidate(route: CatalogueRoute, body: Dto, query: Query): ValidationOutcome {
	if (!first(query.inviteCode)) {
		return rejected(
			badRequest(
				'The group invite code id needs to be informed in the query',
				'ex: "inviteCode=F1EX5QZxO181L3TMVP31gY" (Obtained from group join link)',
			),
		);
	}
	// The whole query object is assigned onto the body before validation.
	return validateObjects(route, { ...body, ...query });
}

function getParticipantsValidate(route: CatalogueRoute, body: Dto, query: Query): ValidationOutcome {
	if (!first(query.getParticipants)) {
		return rejected(badRequest('The getParticipants needs to be informed in the query'));
	}
	return validateObjects(route, { ...body, ...query });
}

/** Runs the route's validator. Pure: the inputs are not modified. */
export function runValidator(route: CatalogueRoute, body: Dto, query: Query): ValidationOutcome {
	switch (route.validator) {
		case 'none':
			return { ok: true, dto: { ...body } };
		case 'dataValidate':
			return dataValidate(route, body);
		case 'groupValidate':
			return groupValidate(route, body, query);
		case 'inviteCodeValidate':
			return inviteCodeValidate(route, body, query);
		case 'getParticipantsValidate':
			return getParticipantsValidate(route, body, query);
		case 'groupNoValidate':
			return validateObjects(route, { ...body });
	}
}
