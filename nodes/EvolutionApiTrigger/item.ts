import type { IDataObject, INodeExecutionData, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { subscriptionName } from '../shared/events';
import { decodeBase64, sniffMimeType, toBinaryData } from '../shared/media';
import {
	applyFilters,
	eventJson,
	parseEnvelope,
	readFilters,
	selectedEvents,
	takeEmbeddedMedia,
	type EventFields,
	type EvolutionEnvelope,
} from '../shared/triggerEvent';

/*
 * The one path from an Evolution event to the trigger's output item, shared by both connection
 * modes (webhook deliveries in receive.ts, socket events in socketMode.ts), so both emit
 * identical items:
 *
 *   readEnvelope (apikey removed) → screenEvent (selected? filters) → [mode-specific duplicate
 *   check] → buildItem (JSON fields, media as binary)
 */

/** The context an item is built in: a webhook call or a running trigger. */
export type ItemContext = IWebhookFunctions | ITriggerFunctions;

/** The node's settings that decide what is emitted, read once per event (or once per connection). */
export interface EmitSettings {
	/** Selected subscription names ("All Events" expanded). */
	events: string[];
	options: IDataObject;
}

export function readEmitSettings(context: ItemContext): EmitSettings {
	return {
		events: selectedEvents(context.getNodeParameter('events', [])),
		options: context.getNodeParameter('options', {}) as IDataObject,
	};
}

/**
 * The envelope of an event, without its `apikey`. Evolution puts the instance's full API token
 * into every socket event (and into webhook bodies when AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES
 * is on): it is dropped here, before anything else looks at the event, so it cannot reach an
 * item, an error or a log. The received object is not changed.
 */
export function readEnvelope(body: unknown): EvolutionEnvelope | undefined {
	const envelope = parseEnvelope(body);
	if (!envelope) return undefined;
	if (!('apikey' in envelope)) return envelope;
	const copy: EvolutionEnvelope = { ...envelope };
	delete copy.apikey;
	return copy;
}

/** An event that passed the selection and the filters. */
export interface ScreenedEvent {
	subscription: string;
	envelope: EvolutionEnvelope;
	/** The data left after the filters (Messages Set keeps the records that pass). */
	data: unknown;
	fields: EventFields;
}

export type ScreenResult = ScreenedEvent | { drop: string };

/** Whether the node wants the event: selected in Events, and passing the options' filters. */
export function screenEvent(envelope: EvolutionEnvelope, settings: EmitSettings): ScreenResult {
	const subscription = subscriptionName(envelope.event);
	if (!settings.events.includes(subscription)) return { drop: 'event not selected' };
	const filtered = applyFilters(subscription, envelope.data, readFilters(settings.options), envelope.sender);
	if ('drop' in filtered) return { drop: filtered.drop };
	return { subscription, envelope, data: filtered.data, fields: filtered.fields };
}

/** The output item of a screened event; media embedded by the server becomes binary data when asked for. */
export async function buildItem(context: ItemContext, event: ScreenedEvent, options: IDataObject): Promise<INodeExecutionData> {
	const { subscription, envelope, data, fields } = event;
	if (options.downloadMedia !== true) return { json: eventJson(subscription, envelope, fields, data) };

	// The data belongs to n8n's parsed request (or the socket message): work on a copy when taking the base64 out.
	const copy = data === null || data === undefined ? data : deepCopy(data as IDataObject);
	const media = takeEmbeddedMedia(subscription, copy);
	const json = eventJson(subscription, envelope, fields, copy);
	if (!media) return { json };

	let decoded: { data: Buffer; mimeType?: string };
	try {
		decoded = decodeBase64(context.getNode(), media.base64, { field: 'The media in the event', itemIndex: 0 });
	} catch (error) {
		// Reported in the item rather than failing the delivery: the event itself is valid.
		json.mediaError = (error as Error).message;
		return { json };
	}
	const mimeType = media.mimeType ?? decoded.mimeType ?? sniffMimeType(decoded.data);
	const property = typeof options.outputBinaryField === 'string' && options.outputBinaryField.trim()
		? options.outputBinaryField.trim()
		: 'data';
	const binary = await toBinaryData(context, decoded.data, { mimeType, fileName: media.fileName });
	return { json, binary: { [property]: binary } };
}
