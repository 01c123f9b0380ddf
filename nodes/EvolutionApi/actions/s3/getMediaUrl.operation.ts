import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkBinaryFieldName } from '../../../shared/binaryOutput';
import { fileNameFor, mimeTypeForFileName, parseMimeType, toBinaryData } from '../../../shared/media';
import { checkInteger, checkString, readCollection } from '../common';
import { checkBoolean, rethrow } from '../updateMode';
import type { OperationDefinition } from '../types';
import { ALL_INSTANCES_NOTE, baseName, mediaIdField } from './shared';

/** MinIO's limit for pre-signed URLs: 7 days. */
const MAX_EXPIRY = 604800;

/** Host and path of a pre-signed URL, without the signature in its query. */
function describeUrl(url: URL): string {
	return `${url.host}${url.pathname}`;
}

/**
 * Downloads the pre-signed URL. It is public by design: no credential is sent, which keeps the
 * Evolution API key away from the storage host.
 */
async function download(
	this: IExecuteFunctions,
	mediaUrl: string,
	itemIndex: number,
): Promise<{ data: Buffer; contentType?: string }> {
	let url: URL;
	try {
		url = new URL(mediaUrl);
	} catch {
		throw new NodeOperationError(this.getNode(), 'The server returned a media URL that is not valid', {
			itemIndex,
			description: 'Check the S3 settings of the Evolution API server (S3_ENDPOINT, S3_PORT, S3_USE_SSL).',
		});
	}
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url: mediaUrl,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw new NodeApiError(
			this.getNode(),
			// No `code` here: n8n would swap the message for its generic one.
			{ message: 'Could not download the media file from S3' },
			{
				itemIndex,
				message: 'Could not download the media file from S3',
				description: `The request to ${url.host} failed${typeof code === 'string' ? ` (${code})` : ''}. The URL points at the server's S3/MinIO endpoint (S3_ENDPOINT); n8n must be able to reach it.`,
			},
		);
	}
	if (response.statusCode >= 300) {
		throw new NodeApiError(
			this.getNode(),
			{ message: `S3 refused the download (HTTP ${response.statusCode})`, statusCode: response.statusCode },
			{
				itemIndex,
				httpCode: String(response.statusCode),
				message: `S3 refused the download of the media file (HTTP ${response.statusCode})`,
				description: `${describeUrl(url)} answered HTTP ${response.statusCode}. The pre-signed URL may have expired, or the object is missing from the bucket.`,
			},
		);
	}
	const body = response.body as unknown;
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: typeof body === 'string'
				? Buffer.from(body, 'binary')
				: Buffer.alloc(0);
	if (data.length === 0) {
		throw new NodeOperationError(this.getNode(), 'The media file downloaded from S3 is empty', { itemIndex });
	}
	const contentType = (response.headers as IDataObject | undefined)?.['content-type'];
	return { data, contentType: typeof contentType === 'string' ? contentType : undefined };
}

export const getMediaUrl: OperationDefinition = {
	value: 'getMediaUrl',
	name: 'Get Media URL',
	action: 'Get URL of media file',
	description: `Get a pre-signed, time-limited URL of a media file the server stored in S3/MinIO, and optionally download the file as binary data. Needs S3 storage enabled on the server (S3_ENABLED). ${ALL_INSTANCES_NOTE}`,
	route: { method: 'POST', path: '/s3/getMediaUrl/{instance}' },
	idempotent: true,
	properties: [
		mediaIdField,
		{
			displayName: 'Download File',
			name: 'download',
			type: 'boolean',
			default: false,
			description: 'Whether to download the file from the URL and output it as binary data with its MIME type and file name',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'outputBinaryField',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
			description: 'Binary field of the output item that receives the downloaded file',
			displayOptions: { show: { download: [true] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Expiry (Seconds)',
					name: 'expiry',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_EXPIRY, numberPrecision: 0 },
					default: 3600,
					description:
						'How long the URL stays valid (at most 7 days). Without it the storage default applies (7 days). Evolution API 2.3.6 passes this value to MinIO as text, which some servers refuse.',
				},
			],
		},
	],
	async execute(context) {
		const { itemIndex } = context;
		const id = checkString.call(this, this.getNodeParameter('mediaId', itemIndex, ''), itemIndex, {
			label: 'Media ID',
			required: true,
		});
		// The schema's pattern (\d+, unanchored) only asks for a digit somewhere.
		if (!/\d/.test(id)) {
			throw new NodeOperationError(this.getNode(), `Media ID "${id}" is not a media ID`, {
				itemIndex,
				description: 'Use the ID of a row from S3 → Get Many.',
			});
		}
		const options = readCollection.call(this, 'options', itemIndex);
		const body: IDataObject = { id };
		if (options.expiry !== undefined && options.expiry !== '') {
			// The schema wants the number of seconds as a numeric string.
			body.expiry = String(checkInteger.call(this, options.expiry, itemIndex, { label: 'Expiry (Seconds)', min: 1, max: MAX_EXPIRY }));
		}
		const wantsFile = checkBoolean.call(this, this.getNodeParameter('download', itemIndex, false), itemIndex, 'Download File');
		const property = wantsFile
			? checkBinaryFieldName.call(this, this.getNodeParameter('outputBinaryField', itemIndex, 'data'), itemIndex, 'Put Output File in Field')
			: '';

		let answer: IDataObject;
		try {
			answer = (await context.request({ body })) as IDataObject;
		} catch (error) {
			if (error instanceof NodeApiError && /expires should be/i.test(error.message) && body.expiry !== undefined) {
				error.description =
					'This server cannot apply a custom expiry: Evolution API 2.3.6 passes it to MinIO as text. Remove the Expiry option to get the default of 7 days.';
			}
			return rethrow.call(this, error, itemIndex);
		}
		const mediaUrl = answer.mediaUrl;
		if (typeof mediaUrl !== 'string' || mediaUrl === '') {
			throw new NodeOperationError(this.getNode(), 'The Evolution API server returned no media URL', {
				itemIndex,
				description: 'S3 storage is probably switched off on the server: set S3_ENABLED=true and the S3_* settings, then restart it.',
			});
		}
		if (!wantsFile) return answer;

		const { data, contentType } = await download.call(this, mediaUrl, itemIndex);
		const fileName = baseName(answer.fileName);
		// The MIME type WhatsApp gave wins; the storage's content type and the file name are fallbacks.
		const stored = parseMimeType(typeof answer.mimetype === 'string' ? answer.mimetype : undefined);
		const served = parseMimeType(contentType);
		const mimeType =
			stored?.essence ??
			(served && served.essence !== 'application/octet-stream' ? served.essence : undefined) ??
			mimeTypeForFileName(fileName) ??
			served?.essence;
		const binary = await toBinaryData(this, data, { mimeType, fileName: fileNameFor(fileName ?? `media-${id}`, mimeType) });
		const item: INodeExecutionData = { json: answer, binary: { [property]: binary } };
		return [item];
	},
};
