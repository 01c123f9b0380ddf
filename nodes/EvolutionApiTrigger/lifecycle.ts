import { randomBytes, timingSafeEqual } from 'node:crypto';

import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../shared/errors';
import { instanceNameProblem, resolveInstance } from '../shared/instance';
import { evolutionApiRequest, readCredentials, type EvolutionRequest } from '../shared/transport';
import { parseChatList, selectedEvents } from '../shared/triggerEvent';

/*
 * The webhook lifecycle. An instance has ONE webhook row (upsert, no delete route), so:
 *   - the trigger marks its registration with a non-secret owner header (workflow id / node id);
 *   - a row without that header is someone else's configuration ("foreign"): it is saved in
 *     the node's static data before being overwritten, and put back by delete();
 *   - a row with another owner belongs to another n8n workflow's trigger: create() refuses
 *     unless "Replace Existing Webhook" is on (then it is saved and put back like a foreign one);
 *   - a row with our owner is ours: the production and the test URL of the same node may
 *     replace each other; the test registration saves the production one and puts it back.
 * Everything lives in getWorkflowStaticData('node'), never in process memory.
 */

/** Header Evolution sends back on every delivery; its value is not secret. */
export const OWNER_HEADER = 'x-n8n-evolution-trigger';
/** Evolution removes this header and signs an HS256 JWT with its value (webhook.md §5). */
export const JWT_HEADER = 'jwt_key';

/** What the node keeps in its static data. */
export interface TriggerState extends IDataObject {
	/** The jwt_key registered with the server; never output, logged or put into an error. */
	secret?: string;
	/** workflowId/nodeId of the registration. */
	owner?: string;
	instance?: string;
	webhookUrl?: string;
	events?: string[];
	base64?: boolean;
	/** The configuration found before ours, put back by delete(). May hold others' secrets. */
	snapshot?: IDataObject;
	/** Recently seen deliveries (see receive.ts). */
	dedupe?: Array<[string, number]>;
}

const STATE_KEYS: Array<keyof TriggerState> = ['secret', 'owner', 'instance', 'webhookUrl', 'events', 'base64', 'snapshot', 'dedupe'];

type SlotKind = 'empty' | 'own' | 'otherTrigger' | 'foreign';

export function ownerId(context: IHookFunctions): string {
	return `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}`;
}

function headersOf(row: IDataObject | null): IDataObject {
	const headers = row?.headers;
	return typeof headers === 'object' && headers !== null && !Array.isArray(headers) ? (headers as IDataObject) : {};
}

function headerValue(row: IDataObject | null, name: string): string | undefined {
	const headers = headersOf(row);
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return typeof value === 'string' ? value : undefined;
}

function classify(row: IDataObject | null, owner: string): SlotKind {
	if (!row || typeof row.url !== 'string' || row.url === '') return 'empty';
	const marker = headerValue(row, OWNER_HEADER);
	if (marker === undefined) return 'foreign';
	if (marker === owner) return 'own';
	// A disabled row still marked by another trigger is a leftover: nothing is listening.
	return row.enabled === true ? 'otherTrigger' : 'empty';
}

function safeEqual(a: string | undefined, b: string | undefined): boolean {
	if (a === undefined || b === undefined) return false;
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

function sameSet(a: unknown, b: string[]): boolean {
	if (!Array.isArray(a)) return false;
	const left = new Set(a.map(String));
	return left.size === new Set(b).size && b.every((value) => left.has(value));
}

/** Everything a secret could be: ours, and the header values of a saved configuration. */
function secretsOf(state: TriggerState, extra: Array<string | undefined> = []): string[] {
	const values = [state.secret, ...extra];
	const snapshotHeaders = state.snapshot?.headers;
	if (snapshotHeaders && typeof snapshotHeaders === 'object') {
		for (const value of Object.values(snapshotHeaders as IDataObject)) if (typeof value === 'string') values.push(value);
	}
	return values.filter((value): value is string => typeof value === 'string' && value.length >= 8);
}

function isInstanceGone(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404' && /does not exist/i.test(error.message);
}

/** The answer of /webhook/find when the instance itself no longer exists (its webhook row went with it). */
const INSTANCE_GONE = Symbol('instance gone');

/**
 * evolutionApiRequest, with any secret of the trigger removed from a failure's message and
 * description before n8n shows or logs it.
 */
async function request(
	context: IHookFunctions,
	call: EvolutionRequest,
	secrets: string[],
	options: { instanceMayBeGone?: boolean } = {},
): Promise<unknown> {
	try {
		return (await evolutionApiRequest.call(context, call)).body;
	} catch (error) {
		if (options.instanceMayBeGone && isInstanceGone(error)) return INSTANCE_GONE;
		const failure = error as NodeApiError;
		const message = redactSecrets(String(failure.message ?? ''), secrets);
		const description = redactSecrets(String(failure.description ?? ''), secrets);
		if (error instanceof NodeApiError) {
			const httpCode = failure.httpCode ?? undefined;
			throw new NodeApiError(context.getNode(), { message, description, httpCode: httpCode ?? null } as JsonObject, {
				message,
				description,
				httpCode,
			});
		}
		throw new NodeOperationError(context.getNode(), message, { description });
	}
}

const webhookPath = (action: 'find' | 'set', instance: string) => `/webhook/${action}/${encodeURIComponent(instance)}`;

async function findWebhook(
	context: IHookFunctions,
	instance: string,
	secrets: string[],
	options: { instanceMayBeGone?: boolean } = {},
): Promise<IDataObject | null | typeof INSTANCE_GONE> {
	const body = await request(context, { method: 'GET', path: webhookPath('find', instance), instance }, secrets, options);
	if (body === INSTANCE_GONE) return INSTANCE_GONE;
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : null;
}

async function findRow(context: IHookFunctions, instance: string, secrets: string[]): Promise<IDataObject | null> {
	const row = await findWebhook(context, instance, secrets);
	return row === INSTANCE_GONE ? null : row;
}

async function setWebhook(context: IHookFunctions, instance: string, webhook: IDataObject, secrets: string[]): Promise<void> {
	await request(context, { method: 'POST', path: webhookPath('set', instance), body: { webhook }, instance }, secrets);
}

/** The fields of a row needed to put it back exactly. */
function snapshotOf(row: IDataObject): IDataObject {
	return {
		url: typeof row.url === 'string' ? row.url : '',
		enabled: row.enabled === true,
		events: Array.isArray(row.events) ? row.events.map(String) : [],
		byEvents: row.webhookByEvents === true,
		base64: row.webhookBase64 === true,
		headers: { ...headersOf(row) },
	};
}

function restoreBody(snapshot: IDataObject): IDataObject {
	const enabled = snapshot.enabled === true;
	return {
		enabled,
		url: typeof snapshot.url === 'string' ? snapshot.url : '',
		events: enabled && Array.isArray(snapshot.events) ? snapshot.events : [],
		byEvents: snapshot.byEvents === true,
		base64: snapshot.base64 === true,
		headers: typeof snapshot.headers === 'object' && snapshot.headers !== null ? snapshot.headers : {},
	};
}

interface Wanted {
	instance: string;
	url: string;
	events: string[];
	base64: boolean;
	options: IDataObject;
}

async function wanted(context: IHookFunctions): Promise<Wanted> {
	const instance = await resolveInstance.call(context, 0);
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger', {
			description: 'Save the workflow and try again.',
		});
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const events = selectedEvents(context.getNodeParameter('events', []));
	return { instance, url, events, base64: options.downloadMedia === true, options };
}

/** Refuses options that cannot work before anything is registered (both connection modes). */
export function checkOptions(context: Pick<IHookFunctions, 'getNode'>, want: Pick<Wanted, 'events' | 'options' | 'base64'>): void {
	if (want.events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No events selected', {
			description: 'Select at least one event (or All Events) in the Events field.',
		});
	}
	for (const [field, label] of [
		['onlyChats', 'Only From Chats'],
		['ignoreChats', 'Ignore Chats'],
	]) {
		const { invalid } = parseChatList(want.options[field]);
		if (invalid.length > 0) {
			throw new NodeOperationError(context.getNode(), `${label} contains entries that are not phone numbers or WhatsApp IDs: ${invalid.join(', ')}`, {
				description: 'Use phone numbers with country code (e.g. 5511999999999) or WhatsApp IDs (…@s.whatsapp.net, …@g.us), separated by commas.',
			});
		}
	}
	const field = want.options.outputBinaryField;
	if (want.base64 && field !== undefined && (typeof field !== 'string' || !/^[\w.-]+$/.test(field.trim()))) {
		throw new NodeOperationError(context.getNode(), `Put Output File in Field "${String(field)}" is not a valid binary field name`, {
			description: 'Use letters, digits, "_", "-" or "." only, e.g. data.',
		});
	}
}

/** True only if the instance's webhook is our current registration, with the wanted settings. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	if (typeof state.secret !== 'string') return false;
	const want = await wanted(this);
	if (state.instance !== want.instance) return false;
	const row = await findRow(this, want.instance, secretsOf(state));
	return (
		row !== null &&
		row.enabled === true &&
		row.url === want.url &&
		row.webhookByEvents !== true &&
		(row.webhookBase64 === true) === want.base64 &&
		sameSet(row.events, want.events) &&
		headerValue(row, OWNER_HEADER) === ownerId(this) &&
		safeEqual(headerValue(row, JWT_HEADER), state.secret)
	);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const want = await wanted(this);
	checkOptions(this, want);
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const owner = ownerId(this);
	const isTest = this.getMode() === 'manual';

	const row = await findRow(this, want.instance, secretsOf(state));
	const kind = classify(row, owner);
	if (kind === 'otherTrigger' && want.options.replaceExisting !== true) {
		const otherWorkflow = (headerValue(row, OWNER_HEADER) ?? '').split('/')[0];
		throw new NodeOperationError(
			this.getNode(),
			`The instance "${want.instance}" already sends its events to the Evolution API Trigger of another n8n workflow (ID ${otherWorkflow})`,
			{
				description:
					'An instance has one webhook. Deactivate that workflow (or remove its trigger) first, or turn on Options → Replace Existing Webhook to take the webhook over; its configuration is then put back when this trigger stops.',
			},
		);
	}

	// What delete() puts back: whatever held the slot before, except our own registration
	// (its saved configuration, if any, stays) and stale test registrations.
	let snapshot = state.snapshot;
	if (kind === 'empty') snapshot = undefined;
	else if (kind === 'foreign' || kind === 'otherTrigger') snapshot = snapshotOf(row as IDataObject);
	else if (isTest && row?.url !== want.url) snapshot = snapshotOf(row as IDataObject); // our production registration

	const secret = randomBytes(32).toString('base64url');
	const secrets = secretsOf(state, [secret, ...Object.values(headersOf(row)).map((value) => (typeof value === 'string' ? value : undefined))]);
	await setWebhook(
		this,
		want.instance,
		{
			enabled: true,
			url: want.url,
			byEvents: false,
			base64: want.base64,
			events: want.events,
			headers: { [JWT_HEADER]: secret, [OWNER_HEADER]: owner },
		},
		secrets,
	);

	state.secret = secret;
	state.owner = owner;
	state.instance = want.instance;
	state.webhookUrl = want.url;
	state.events = want.events;
	state.base64 = want.base64;
	if (snapshot) state.snapshot = snapshot;
	else delete state.snapshot;
	state.dedupe = [];
	if (kind === 'foreign' || kind === 'otherTrigger' || snapshot !== undefined) {
		this.logger.info(`Evolution API Trigger registered on instance "${want.instance}"; the previous webhook configuration was saved and is put back when the trigger stops`);
	}
	return true;
}

/** The instance named in the node or the credential, without failing when there is none. */
async function configuredInstance(context: IHookFunctions): Promise<string | undefined> {
	const raw = context.getNodeParameter('instanceName', '', { extractValue: true }) as unknown;
	let name = typeof raw === 'string' ? raw.trim() : '';
	if (!name) {
		const credentials = await readCredentials.call(context);
		name = String(credentials.defaultInstance ?? '').trim();
	}
	return name && !instanceNameProblem(name) ? name : undefined;
}

function clearState(state: TriggerState): void {
	for (const key of STATE_KEYS) delete state[key];
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const owner = ownerId(this);
	const instance = typeof state.instance === 'string' ? state.instance : await configuredInstance(this);
	if (!instance) {
		clearState(state);
		return true;
	}
	const secrets = secretsOf(state);
	const row = await findWebhook(this, instance, secrets, { instanceMayBeGone: true });
	if (row === INSTANCE_GONE) {
		this.logger.warn(`Evolution API Trigger: instance "${instance}" no longer exists on the server, so there is no webhook to switch off`);
		clearState(state);
		return true;
	}

	const ourUrls = new Set([this.getNodeWebhookUrl('default'), state.webhookUrl].filter((url) => typeof url === 'string'));
	if (row && headerValue(row, OWNER_HEADER) === owner && ourUrls.has(String(row.url))) {
		const snapshot = state.snapshot;
		if (snapshot && typeof snapshot === 'object') {
			await setWebhook(this, instance, restoreBody(snapshot), secrets);
			this.logger.info(`Evolution API Trigger: put back the previous webhook configuration of instance "${instance}"`);
		} else {
			await setWebhook(
				this,
				instance,
				{ enabled: false, url: row.url, events: [], byEvents: false, base64: false, headers: {} },
				secrets,
			);
		}
	} else if (row && row.enabled === true) {
		// Someone replaced our registration meanwhile: theirs stays untouched.
		this.logger.info(`Evolution API Trigger: the webhook of instance "${instance}" no longer points at this trigger; left as it is`);
	}
	clearState(state);
	return true;
}
