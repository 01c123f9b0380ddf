/**
 * What the action node's Send and Wait for Response and the trigger's chat replies agree on:
 * the query parameters signed into the resume links, how the links sit in the request text,
 * how a reply in the chat is read as an approval, and the body the trigger posts to a link.
 * The request message itself carries everything (no storage outside n8n and Evolution).
 */

/** n8n-workflow's SEND_AND_WAIT_OPERATION; n8n lists and resumes such operations as its own. */
export const SEND_AND_WAIT = 'sendAndWait';

/** Signed into every resume link: which kind of answer the link expects. */
export const RESPONSE_PARAM = 'response';

export type LinkResponse = 'approval' | 'text' | 'form';

/** One resume link found in a request message. */
export interface ResumeLink {
	url: string;
	response: LinkResponse;
	/** Approval links: the choice the link records. */
	approved?: boolean;
}

/** The JSON body the trigger posts to a resume link when the answer came in the chat. */
export interface ChatReply {
	via: 'chat';
	/** The reply's text. */
	text: string;
	/** Approval requests: what the reply was read as. */
	approved?: boolean;
	messageId?: string;
	chatJid?: string;
	/** Who answered: the contact, or the participant in a group. */
	answeredBy?: { jid?: string; phoneNumber?: string; name?: string };
	/** Seconds since the epoch, from the message. */
	timestamp?: number;
}

export const CHAT_REPLY_KEY = 'evolutionChatReply';

/** n8n's signed resume links: `<webhook-waiting base>/<execution id>/<node id>?…&signature=<hex>`. */
const LINK_PATTERN = /https?:\/\/[^\s<>"'*]+[?&]signature=[0-9a-f]{64}/gi;

/** The resume links in a request text, in order; links of other kinds are ignored. */
export function findResumeLinks(text: string): ResumeLink[] {
	const links: ResumeLink[] = [];
	for (const match of text.match(LINK_PATTERN) ?? []) {
		let url: URL;
		try {
			url = new URL(match);
		} catch {
			continue;
		}
		const response = url.searchParams.get(RESPONSE_PARAM);
		if (response !== 'approval' && response !== 'text' && response !== 'form') continue;
		const link: ResumeLink = { url: match, response };
		const approved = url.searchParams.get('approved');
		if (response === 'approval') {
			if (approved !== 'true' && approved !== 'false') continue;
			link.approved = approved === 'true';
		}
		links.push(link);
	}
	return links;
}

/** Lower case, no accents, no punctuation or emoji at the ends, single spaces. */
export function normalizeReply(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

// As Evolution's users write them: English, Portuguese and Spanish (accents and case ignored).
const YES = [
	'yes', 'y', 'yeah', 'yep', 'yup', 'ok', 'okay', 'approve', 'approved', 'accept', 'accepted', 'confirm', 'confirmed', 'go',
	'sim', 's', 'aprovo', 'aprovar', 'aprovado', 'aprovada', 'aceito', 'aceitar', 'confirmo', 'confirmar', 'pode', 'claro',
	'si', 'apruebo', 'aprobar', 'aprobado', 'aprobada', 'acepto', 'aceptar', 'vale', 'dale', 'de acuerdo',
];
const NO = [
	'no', 'n', 'nope', 'nah', 'decline', 'declined', 'disapprove', 'reject', 'rejected', 'deny', 'denied', 'cancel',
	'nao', 'recuso', 'recusar', 'recusado', 'reprovo', 'reprovar', 'reprovado', 'negar', 'nego', 'negado', 'cancelar',
	'rechazo', 'rechazar', 'rechazado', 'declinar', 'denegar', 'denegado',
];
const YES_EMOJI = ['👍', '✅', '✔', '👌'];
const NO_EMOJI = ['👎', '❌', '✖', '🚫'];

/**
 * Reads a chat reply to an approval request: true (approve), false (decline) or undefined
 * (not an answer). Accepts the words above, the option numbers (1 approve, 2 decline) and the
 * request's own labels.
 */
export function readApprovalReply(text: string, labels: { approve?: string; decline?: string } = {}): boolean | undefined {
	const trimmed = text.trim();
	if (!trimmed) return undefined;
	const reply = normalizeReply(trimmed);
	if (!reply) {
		if (YES_EMOJI.some((emoji) => trimmed.startsWith(emoji))) return true;
		if (NO_EMOJI.some((emoji) => trimmed.startsWith(emoji))) return false;
		return undefined;
	}
	const approveLabel = labels.approve ? normalizeReply(labels.approve) : '';
	const declineLabel = labels.decline ? normalizeReply(labels.decline) : '';
	if (reply === '1' || (approveLabel && reply === approveLabel) || YES.includes(reply)) return true;
	if (reply === '2' || (declineLabel && reply === declineLabel) || NO.includes(reply)) return false;
	return undefined;
}

/** The labels a request text shows next to its approval links (`*Label*` on the line before). */
export function labelsOf(text: string, links: ResumeLink[]): { approve?: string; decline?: string } {
	const lines = text.split('\n');
	const labels: { approve?: string; decline?: string } = {};
	for (const link of links) {
		const index = lines.findIndex((line) => line.includes(link.url));
		const previous = index > 0 ? lines[index - 1].trim() : '';
		const label = /^\*(.+)\*:?$/.exec(previous)?.[1];
		if (!label) continue;
		if (link.approved === true) labels.approve = label;
		if (link.approved === false) labels.decline = label;
	}
	return labels;
}
