import type { IBinaryData, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

import {
	decodeBase64,
	fileNameFor,
	mediaTypeForMimeType,
	mimeTypeForFileName,
	parseMimeType,
	sniffMimeType,
} from './media';

/**
 * Reading a file an operation sends: from an n8n binary property, a URL or base64 text.
 *
 *   properties: [...fileInputProperties({ noun: 'Image' }), { ...Options with fileNameOption, mimeTypeOption }]
 *   const file = await readFileInput.call(this, itemIndex, { accept: ['image'], fileName, mimeType });
 *   body.picture = await fileInputToMedia.call(this, file);       // URL or raw base64 (JSON routes)
 *   form.append('file', await fileInputToBlob.call(this, file));  // multipart (bytes only)
 */

export type FileSource = 'binary' | 'url' | 'base64';
export type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** Internal parameter names of the four fields; the same across operations so values survive switches. */
export interface FileFieldNames {
	source: string;
	binaryProperty: string;
	url: string;
	base64: string;
}

export const FILE_FIELD_NAMES: FileFieldNames = {
	source: 'fileSource',
	binaryProperty: 'binaryPropertyName',
	url: 'fileUrl',
	base64: 'fileBase64',
};

export interface FileFieldsOptions {
	/** What the file is, for descriptions, e.g. `Image`. Default `File`. */
	noun?: string;
	sources?: FileSource[];
	defaultSource?: FileSource;
	/** Extra `displayOptions.show` conditions for all the fields, e.g. `{ statusType: ['image'] }`. */
	show?: NonNullable<IDisplayOptions['show']>;
	names?: Partial<FileFieldNames>;
	/** Appended to the File Source description (e.g. how the route sends the file). */
	notice?: string;
}

const SOURCE_OPTIONS: Record<FileSource, { name: string; value: FileSource; description: string }> = {
	binary: {
		name: 'Binary File',
		value: 'binary',
		description: 'A file from a previous node (its binary data)',
	},
	url: {
		name: 'URL',
		value: 'url',
		description: 'A public link; the Evolution API server downloads the file itself',
	},
	base64: {
		name: 'Base64',
		value: 'base64',
		description: 'The file content as base64 text (a data: URL is accepted)',
	},
};

/** File Source, Input Data Field Name, File URL and Base64 Content, wired with displayOptions. */
export function fileInputProperties(options: FileFieldsOptions = {}): INodeProperties[] {
	const names = { ...FILE_FIELD_NAMES, ...options.names };
	const noun = options.noun ?? 'File';
	const sources = options.sources ?? ['binary', 'url', 'base64'];
	const show = options.show ?? {};
	const only = (source: FileSource): IDisplayOptions => ({ show: { ...show, [names.source]: [source] } });
	const properties: INodeProperties[] = [
		{
			displayName: 'File Source',
			name: names.source,
			type: 'options',
			options: sources.map((source) => SOURCE_OPTIONS[source]),
			default: 'binary',
			description: `Where the ${noun.toLowerCase()} comes from${options.notice ? `. ${options.notice}` : ''}`,
			...(Object.keys(show).length ? { displayOptions: { show } } : {}),
		},
	];
	properties[0].default = options.defaultSource ?? sources[0];
	if (sources.includes('binary')) {
		properties.push({
			displayName: 'Input Data Field Name',
			name: names.binaryProperty,
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'e.g. data',
			hint: 'The name of the input field containing the binary file data to be sent',
			description:
				'Name of the binary property of the input item that holds the file. Its file name and MIME type are used unless set in Options.',
			displayOptions: only('binary'),
		});
	}
	if (sources.includes('url')) {
		properties.push({
			displayName: 'File URL',
			name: names.url,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/files/photo.jpg',
			description: `Public http(s) link to the ${noun.toLowerCase()}; the server downloads it, so it must be reachable from the Evolution API server`,
			displayOptions: only('url'),
		});
	}
	if (sources.includes('base64')) {
		properties.push({
			displayName: 'Base64 Content',
			name: names.base64,
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. iVBORw0KGgoAAAANSUhEUgAA...',
			description: `The ${noun.toLowerCase()} encoded as base64, optionally as a data: URL (data:image/png;base64,...)`,
			displayOptions: only('base64'),
		});
	}
	return properties;
}

/** Options-collection entry overriding the file name taken from the binary data or URL. */
export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'e.g. invoice.pdf',
	description:
		"File name shown to the recipient; defaults to the binary data's file name or the URL's last segment. An extension is added from the MIME type when missing.",
};

/** Options-collection entry overriding the MIME type; it wins over the file's metadata and extension. */
export const mimeTypeOption: INodeProperties = {
	displayName: 'MIME Type',
	name: 'mimeType',
	type: 'string',
	default: '',
	placeholder: 'e.g. application/pdf',
	description:
		"MIME type of the file; defaults to the binary data's MIME type (or the file extension). When set it wins, even over a contradicting file extension.",
};

export interface ReadFileOptions {
	names?: Partial<FileFieldNames>;
	/** What the file is, for error messages. Default `File`. */
	noun?: string;
	/** Override from an Options collection (fileNameOption). */
	fileName?: unknown;
	/** Override from an Options collection (mimeTypeOption). */
	mimeType?: unknown;
	/** Media kinds the route accepts; anything else is refused before the request. */
	accept?: MediaKind[];
	/** For the URL source: fail when the type cannot be told from the override or the URL. */
	requireType?: boolean;
}

export interface UrlFileInput {
	kind: 'url';
	url: string;
	/** From the MIME Type override or the URL's extension; undefined when unknown. */
	mimeType?: string;
	fileName?: string;
	mediaType?: MediaKind;
}

export interface BytesFileInput {
	kind: 'binary' | 'base64';
	/** As given (parameters kept, e.g. `audio/ogg; codecs=opus`). */
	mimeType: string;
	/** Always with an extension. */
	fileName: string;
	mediaType: MediaKind;
	size: number;
	/** The bytes, when they are in memory. */
	data?: Buffer;
	/** n8n binary data id: the file lives in n8n's binary data store (filesystem mode) and is streamed. */
	binaryDataId?: string;
}

export type FileInput = UrlFileInput | BytesFileInput;

const OCTET_STREAM = 'application/octet-stream';

function problem(this: IExecuteFunctions, itemIndex: number, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

function optionalText(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') {
		throw problem.call(this, itemIndex, `${label} must be text [item ${itemIndex}]`, `Enter ${label} as text.`);
	}
	return value.trim() || undefined;
}

function readMimeOverride(this: IExecuteFunctions, value: unknown, itemIndex: number): string | undefined {
	const text = optionalText.call(this, value, 'MIME Type', itemIndex);
	if (text === undefined) return undefined;
	const parsed = parseMimeType(text);
	if (!parsed) {
		throw problem.call(
			this,
			itemIndex,
			`MIME Type "${text}" is not a valid MIME type [item ${itemIndex}]`,
			'Use the type/subtype form, e.g. image/jpeg, video/mp4, audio/ogg or application/pdf, or leave it empty.',
		);
	}
	return parsed.full;
}

/** A MIME type worth trusting (a valid type other than application/octet-stream). */
function informative(mimeType: string | undefined): string | undefined {
	const parsed = parseMimeType(mimeType);
	return parsed && parsed.essence !== OCTET_STREAM ? parsed.full : undefined;
}

function kindList(kinds: MediaKind[]): string {
	const names = kinds.map((kind) => `${kind === 'image' || kind === 'audio' ? 'an' : 'a'} ${kind}`);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
}

/** Refuses a MIME type the route cannot send, and one its own file name contradicts. */
function checkType(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ReadFileOptions,
	details: { mimeType: string | undefined; fileName: string | undefined; source: string; overridden: boolean },
): void {
	const noun = options.noun ?? 'File';
	const { mimeType, fileName, source } = details;
	if (mimeType && fileName && !details.overridden) {
		const fromName = mimeTypeForFileName(fileName);
		if (fromName && mediaTypeForMimeType(fromName) !== mediaTypeForMimeType(mimeType)) {
			throw problem.call(
				this,
				itemIndex,
				`${noun} ${source}: its MIME type ${parseMimeType(mimeType)?.essence} contradicts the file name "${fileName}" [item ${itemIndex}]`,
				`The MIME type says ${mediaTypeForMimeType(mimeType)}, the extension says ${mediaTypeForMimeType(fromName)}. Set Options → MIME Type to the real type (it wins over the file's metadata) or fix the file name.`,
			);
		}
	}
	if (mimeType && options.accept && !options.accept.includes(mediaTypeForMimeType(mimeType))) {
		throw problem.call(
			this,
			itemIndex,
			`${noun} ${source} is ${parseMimeType(mimeType)?.essence}, but this operation needs ${kindList(options.accept)} [item ${itemIndex}]`,
			`Send a file whose MIME type starts with ${options.accept
				.filter((kind) => kind !== 'document')
				.map((kind) => `${kind}/`)
				.join(' or ')}, or set Options → MIME Type if the file's type is wrong.`,
		);
	}
}

function isBinaryObject(value: unknown): value is IBinaryData {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as IBinaryData).mimeType === 'string' &&
		(typeof (value as IBinaryData).data === 'string' || typeof (value as IBinaryData).id === 'string')
	);
}

async function readBinarySource(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ReadFileOptions,
	names: FileFieldNames,
	fileNameOverride: string | undefined,
	mimeOverride: string | undefined,
): Promise<BytesFileInput> {
	const raw = this.getNodeParameter(names.binaryProperty, itemIndex, 'data') as unknown;
	let binary: IBinaryData;
	let where: string;
	if (isBinaryObject(raw)) {
		binary = raw;
		where = 'from the Input Data Field Name expression';
	} else {
		if (typeof raw !== 'string' || !raw.trim()) {
			throw problem.call(
				this,
				itemIndex,
				`Input Data Field Name must be the name of a binary property, e.g. "data" [item ${itemIndex}]`,
				'Enter the name of the field that holds the file in the input item (shown on the Binary tab of the previous node).',
			);
		}
		const property = raw.trim();
		const available = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
		const found = this.getInputData()[itemIndex]?.binary?.[property];
		if (!found) {
			throw problem.call(
				this,
				itemIndex,
				`Input Data Field Name: item ${itemIndex} has no binary field "${property}"`,
				available.length
					? `The item's binary fields are: ${available.join(', ')}. Enter one of them in Input Data Field Name.`
					: 'The input item carries no binary data. Make sure a previous node outputs a file (e.g. HTTP Request with Response Format "File", or Read/Write Files from Disk), or choose File Source "URL" or "Base64".',
			);
		}
		binary = found;
		where = `in field "${property}"`;
	}

	let data: Buffer | undefined;
	let size: number;
	if (binary.id) {
		size = typeof binary.bytes === 'number' ? binary.bytes : (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
	} else {
		data = Buffer.from(binary.data ?? '', BINARY_ENCODING);
		size = data.length;
	}
	if (!size) {
		throw problem.call(this, itemIndex, `${options.noun ?? 'File'} ${where} is empty (0 bytes) [item ${itemIndex}]`, 'Check the node that produced the file.');
	}

	const metadataType = informative(binary.mimeType);
	const baseName = fileNameOverride ?? optionalText.call(this, binary.fileName, 'File Name', itemIndex);
	const mimeType =
		mimeOverride ??
		metadataType ??
		mimeTypeForFileName(baseName) ??
		(data ? sniffMimeType(data) : undefined) ??
		OCTET_STREAM;
	checkType.call(this, itemIndex, options, {
		mimeType: informative(mimeType),
		fileName: baseName,
		source: where,
		overridden: mimeOverride !== undefined,
	});
	if (options.accept && !informative(mimeType)) {
		throw problem.call(
			this,
			itemIndex,
			`${options.noun ?? 'File'} ${where} has no usable MIME type [item ${itemIndex}]`,
			'Set Options → MIME Type (e.g. image/jpeg), or give the file a name with an extension.',
		);
	}
	return {
		kind: 'binary',
		mimeType,
		fileName: fileNameFor(baseName, mimeType),
		mediaType: mediaTypeForMimeType(mimeType),
		size,
		data,
		binaryDataId: binary.id,
	};
}

function readUrlSource(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ReadFileOptions,
	names: FileFieldNames,
	fileNameOverride: string | undefined,
	mimeOverride: string | undefined,
): UrlFileInput {
	const raw = this.getNodeParameter(names.url, itemIndex, '') as unknown;
	const text = typeof raw === 'string' ? raw.trim() : '';
	let url: URL | undefined;
	try {
		url = text ? new URL(text) : undefined;
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) {
		throw problem.call(
			this,
			itemIndex,
			text ? `File URL "${text}" is not a valid http(s) URL [item ${itemIndex}]` : `File URL is empty [item ${itemIndex}]`,
			'Enter a public link starting with https:// (or http://) that the Evolution API server can download.',
		);
	}
	const lastSegment = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	const urlName = /\.[a-z0-9]{1,8}$/i.test(lastSegment) ? lastSegment : undefined;
	const mimeType = mimeOverride ?? mimeTypeForFileName(urlName);
	checkType.call(this, itemIndex, options, {
		mimeType,
		fileName: fileNameOverride,
		source: `at ${url.href}`,
		overridden: mimeOverride !== undefined,
	});
	if (options.requireType && !mimeType) {
		throw problem.call(
			this,
			itemIndex,
			`The type of the file at ${url.href} cannot be told from its URL [item ${itemIndex}]`,
			'Set Options → MIME Type (e.g. image/jpeg or application/pdf).',
		);
	}
	const baseName = fileNameOverride ?? urlName;
	return {
		kind: 'url',
		url: text,
		mimeType,
		fileName: baseName ? fileNameFor(baseName, mimeType) : undefined,
		mediaType: mimeType ? mediaTypeForMimeType(mimeType) : undefined,
	};
}

function readBase64Source(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ReadFileOptions,
	names: FileFieldNames,
	fileNameOverride: string | undefined,
	mimeOverride: string | undefined,
): BytesFileInput {
	const raw = this.getNodeParameter(names.base64, itemIndex, '') as unknown;
	if (typeof raw !== 'string' || !raw.trim()) {
		throw problem.call(
			this,
			itemIndex,
			`Base64 Content is ${typeof raw === 'string' || raw === undefined || raw === null ? 'empty' : 'not text'} [item ${itemIndex}]`,
			'Map the base64 text of the file, e.g. {{ $json.base64 }}.',
		);
	}
	const { data, mimeType: dataUrlType } = decodeBase64(this.getNode(), raw, {
		field: `Base64 Content [item ${itemIndex}]`,
		itemIndex,
	});
	const declared = informative(dataUrlType);
	const mimeType = mimeOverride ?? declared ?? mimeTypeForFileName(fileNameOverride) ?? sniffMimeType(data) ?? OCTET_STREAM;
	checkType.call(this, itemIndex, options, {
		mimeType: informative(mimeType),
		fileName: fileNameOverride,
		source: 'in Base64 Content',
		overridden: mimeOverride !== undefined,
	});
	if (options.accept && !informative(mimeType)) {
		throw problem.call(
			this,
			itemIndex,
			`The type of the file in Base64 Content cannot be told [item ${itemIndex}]`,
			'Set Options → MIME Type (e.g. image/jpeg), or use a data: URL (data:image/jpeg;base64,...).',
		);
	}
	return {
		kind: 'base64',
		mimeType,
		fileName: fileNameFor(fileNameOverride, mimeType),
		mediaType: mediaTypeForMimeType(mimeType),
		size: data.length,
		data,
	};
}

/**
 * Reads the file of item `itemIndex` from the source picked in the File Source field.
 * Every problem (missing binary property, empty file, invalid base64 or URL, a MIME type the
 * route cannot send or that contradicts the file name) is a NodeOperationError naming the
 * field and the item, raised before any request. URLs are not downloaded.
 */
export async function readFileInput(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ReadFileOptions = {},
): Promise<FileInput> {
	const names = { ...FILE_FIELD_NAMES, ...options.names };
	const source = this.getNodeParameter(names.source, itemIndex, 'binary') as unknown;
	const fileName = optionalText.call(this, options.fileName, 'File Name', itemIndex);
	const mimeType = readMimeOverride.call(this, options.mimeType, itemIndex);
	switch (source) {
		case 'binary':
			return await readBinarySource.call(this, itemIndex, options, names, fileName, mimeType);
		case 'url':
			return readUrlSource.call(this, itemIndex, options, names, fileName, mimeType);
		case 'base64':
			return readBase64Source.call(this, itemIndex, options, names, fileName, mimeType);
		default:
			throw problem.call(
				this,
				itemIndex,
				`File Source must be "binary", "url" or "base64", not ${JSON.stringify(source)} [item ${itemIndex}]`,
			);
	}
}

/** The whole file in memory (reads n8n's binary data store when needed). */
export async function fileInputToBuffer(this: IExecuteFunctions, file: BytesFileInput): Promise<Buffer> {
	if (file.data) return file.data;
	if (!file.binaryDataId) return Buffer.alloc(0);
	return await this.helpers.binaryToBuffer(await this.helpers.getBinaryStream(file.binaryDataId));
}

/** What a JSON body carries for the file: the URL, or the raw base64 (no data: prefix). */
export async function fileInputToMedia(this: IExecuteFunctions, file: FileInput): Promise<string> {
	if (file.kind === 'url') return file.url;
	return (await fileInputToBuffer.call(this, file)).toString('base64');
}

/**
 * A File whose bytes are read from n8n's binary data store only when the request body is
 * written, chunk by chunk: axios (behind httpRequestWithAuthentication) encodes a FormData
 * by iterating each File's stream(), so a file on disk is never loaded whole.
 */
class BinaryStreamFile extends File {
	readonly #open: () => Promise<AsyncIterable<Uint8Array>>;

	constructor(open: () => Promise<AsyncIterable<Uint8Array>>, size: number, name: string, type: string) {
		super([], name, { type });
		this.#open = open;
		// Blob's size getter would say 0; axios reads `size` for the part's Content-Length.
		Object.defineProperty(this, 'size', { value: size, enumerable: true });
	}

	override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
		const open = this.#open;
		let iterator: AsyncIterator<Uint8Array> | undefined;
		return new ReadableStream<Uint8Array<ArrayBuffer>>({
			async pull(controller) {
				iterator ??= (await open())[Symbol.asyncIterator]();
				const { value, done } = await iterator.next();
				if (done) controller.close();
				else controller.enqueue(value as Uint8Array<ArrayBuffer>);
			},
			async cancel() {
				await iterator?.return?.();
			},
		});
	}

	override async arrayBuffer(): Promise<ArrayBuffer> {
		const chunks: Uint8Array[] = [];
		for await (const chunk of this.stream()) chunks.push(chunk);
		const joined = Buffer.concat(chunks);
		return joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.length) as ArrayBuffer;
	}

	override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
		return new Uint8Array(await this.arrayBuffer());
	}

	override async text(): Promise<string> {
		return new TextDecoder().decode(await this.arrayBuffer());
	}
}

/**
 * The file as a File for a multipart body (`form.append('file', blob)`, without a file name
 * argument so the File is kept as is). Files in n8n's binary data store are streamed.
 */
export async function fileInputToBlob(this: IExecuteFunctions, file: BytesFileInput): Promise<File> {
	if (file.binaryDataId && !file.data) {
		const id = file.binaryDataId;
		return new BinaryStreamFile(async () => await this.helpers.getBinaryStream(id), file.size, file.fileName, file.mimeType);
	}
	const data = await fileInputToBuffer.call(this, file);
	return new File([new Uint8Array(data.buffer, data.byteOffset, data.length)], file.fileName, { type: file.mimeType });
}
