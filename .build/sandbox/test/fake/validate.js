"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schemaErrors = schemaErrors;
exports.runValidator = runValidator;
const jsonschema_1 = require("jsonschema");
const catalogue_1 = require("./catalogue");
const errors_1 = require("./errors");
function schemaErrors(instance, schema) {
    const result = new jsonschema_1.Validator().validate(instance, inlineLocalRefs(schema));
    return result.errors.map((error) => {
        const subSchema = error.schema;
        const description = typeof subSchema === 'object' && subSchema !== null ? subSchema.description : undefined;
        return {
            property: error.property.replace('instance.', ''),
            message: typeof description === 'string' && description !== '' ? description : error.stack.replace('instance.', ''),
        };
    });
}
const inlined = new WeakMap();
function inlineLocalRefs(schema) {
    let result = inlined.get(schema);
    if (!result) {
        result = inlineNode(schema, schema);
        inlined.set(schema, result);
    }
    return result;
}
function inlineNode(node, root) {
    if (Array.isArray(node))
        return node.map((item) => inlineNode(item, root));
    if (typeof node !== 'object' || node === null)
        return node;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
        const target = ref
            .slice(2)
            .split('/')
            .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
            .reduce((current, token) => current?.[token], root);
        if (target === undefined)
            throw new Error(`fake: unresolvable schema reference ${ref}`);
        return inlineNode(target, root);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineNode(value, root)]));
}
function first(value) {
    return Array.isArray(value) ? value[0] : value;
}
function dataValidate(route, body) {
    const dto = { ...body };
    const schema = (0, catalogue_1.schemaOf)(route);
    if (!schema)
        return { ok: true, dto };
    const messages = schemaErrors(dto, schema).map((error) => error.message);
    if (messages.length === 0)
        return { ok: true, dto };
    return { ok: false, thrown: (0, errors_1.badRequest)(messages), messages };
}
function validateObjects(route, dto) {
    const schema = (0, catalogue_1.schemaOf)(route);
    const errors = schema ? schemaErrors(dto, schema) : [];
    if (errors.length === 0)
        return { ok: true, dto };
    return {
        ok: false,
        thrown: (0, errors_1.badRequest)(...errors),
        messages: errors.map((error) => `${error.property}: ${error.message}`),
    };
}
function rejected(thrown) {
    const message = thrown.message;
    const messages = Array.isArray(message) ? message.map(String) : [String(message)];
    return { ok: false, thrown, messages };
}
function groupValidate(route, body, query) {
    let groupJid = body.groupJid || first(query.groupJid);
    if (!groupJid) {
        return rejected((0, errors_1.badRequest)('The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"'));
    }
    if (typeof groupJid !== 'string')
        return rejected((0, errors_1.plainError)('groupJid.endsWith is not a function'));
    if (!groupJid.endsWith('@g.us'))
        groupJid = `${groupJid}@g.us`;
    return validateObjects(route, { ...body, groupJid });
}
function inviteCodeValidate(route, body, query) {
    if (!first(query.inviteCode)) {
        return rejected((0, errors_1.badRequest)('The group invite code id needs to be informed in the query', 'ex: "inviteCode=F1EX5QZxO181L3TMVP31gY" (Obtained from group join link)'));
    }
    return validateObjects(route, { ...body, ...query });
}
function getParticipantsValidate(route, body, query) {
    if (!first(query.getParticipants)) {
        return rejected((0, errors_1.badRequest)('The getParticipants needs to be informed in the query'));
    }
    return validateObjects(route, { ...body, ...query });
}
function runValidator(route, body, query) {
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
