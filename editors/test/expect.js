'use strict';
// What a highlighter must show in a .hlr file, worked out from the language
// rules (docs/language.md, grammar/scan.l) without looking at either
// grammar. classify() returns, for one file, a list of checks:
//
//   {line, col, len, what, tm: [scopes], vim: [groups]}   every character of
//       line[col, col+len) must carry one of the TextMate scopes in tm (when
//       given) and one of the Vim syntax groups in vim (when given);
//   {line, col, len, what, tmNot: [scopes], vimNot: [groups]}   none of them.
//
// Lines and columns count from 0; columns are UTF-16 indexes into the line
// as JavaScript holds it, without the line end (and without a byte order
// mark, which is reported separately as `bom`).
//
// The rule the checks follow ("no gaps"): the first character of every
// non-blank line that starts a construct (a field, part, section, item,
// tag, comment, none or unchanged line) carries that construct's scope;
// ids, tags and references carry theirs wherever they are; header values,
// section keywords and headings carry theirs; text lines start with no
// construct scope; ids, tags, markup and fields appear nowhere else.

// Unicode spaces, read as a space where the syntax expects one, and the
// dashes and Word bullets read as an item marker ("Writing as in Word")
const USP = '\u00A0\u2000-\u200A\u202F\u205F\u3000';
const WMARK = '\u2010-\u2015\u2212\u2022\u2023\u2043\u25CF\u25E6\u25AA';
const TAG = new RegExp(`^@[A-Za-z][A-Za-z0-9_]*[:;,.]?(?=[ \\t${USP}]|$)`);
const ITEM = new RegExp(`^([ \\t${USP}]*)(?:[-*+${WMARK}](?=[ \\t${USP}]|$)|[-${WMARK}](?=[A-Za-z]))`);
const NONE_ALONE = new RegExp(`^none[.:]?(?=[ \\t${USP}]*$)`, 'i');
const NONE_WORDS = /^None(?=[ \t]+(?!of\b)\S)/;
const UNCHANGED_AS_WRITTEN = new RegExp(`^([ \\t${USP}]*)(unchanged[.:]?)(?:[ \\t${USP}]+#([A-Za-z][A-Za-z0-9_-]*))?[ \\t${USP}]*$`, 'i');
const VALID_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KNOWN_FIELDS = new Set(['title', 'service', 'author', 'period', 'authority', 'section',
	'cadence', 'previous', 'require', 'standing', 'stale-after', 'profile', 'fiscal-year-start', 'field',
	'number', 'reference', 'meeting', 'published', 'marking', 'statuses', 'dimensions', 'metric', 'status',
	'log', 'entry-state', 'owner', 'attachment']);
const TEXT_VALUE = [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']];

// The value forms of the fields that have one, from docs/language.md.
const VALUE_FORMS = {
	title: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	service: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	author: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	statuses: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	dimensions: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	metric: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	status: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	log: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	'entry-state': [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	owner: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	attachment: [/^/, ['string.unquoted.value.hlr'], ['hlrFieldValue']],
	previous: [/^/, ['string.unquoted.filename.hlr'], ['hlrFileName']],
	period: [/^(?:(?:week|fortnight) ending +\d{4}-\d\d-\d\d|month +\d{4}-\d\d|quarter +\d{4}-Q\d|(?:day|as at) +\d{4}-\d\d-\d\d|P\d{1,2} +FY\d{4}(?:-\d\d)?|FY\d{4}(?:-\d\d)?)$/,
		['keyword.other.period.hlr'], ['hlrPeriodWord']],
	authority: [/^[A-Za-z][A-Za-z0-9_]*[ \t]+\S/, ['entity.name.tag.authority.hlr'], ['hlrAuthorityTag']],
	section: [/^[a-z][a-z0-9-]*[ \t]+\S/, ['keyword.other.section.hlr'], ['hlrDeclKeyword']],
	cadence: [/^(?:daily|weekly|fortnightly|4-weekly|monthly|quarterly)$/, ['constant.language.cadence.hlr'], ['hlrCadence']],
	profile: [/^(?:council|prince2|project-status|own)$/, ['constant.language.profile.hlr'], ['hlrProfile']],
	'fiscal-year-start': [/^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/,
		['constant.language.month.hlr'], ['hlrMonth']],
	field: TEXT_VALUE, number: TEXT_VALUE, reference: TEXT_VALUE, meeting: TEXT_VALUE,
	published: TEXT_VALUE, marking: TEXT_VALUE,
	require: [/^/, ['keyword.other.section.hlr'], ['hlrRequireKeyword']],
	standing: [/^/, ['keyword.other.section.hlr'], ['hlrRequireKeyword']],
	'stale-after': [/^\d+$/, ['constant.numeric.integer.hlr'], ['hlrNumber']],
};

// Scopes and groups that only some constructs may have.
const MARKUP_TM = ['markup.bold.hlr', 'markup.italic.hlr', 'markup.inline.raw.string.hlr',
	'meta.link.inline.hlr', 'meta.link.reference.hlr', 'meta.image.inline.hlr',
	'meta.link.autolink.hlr', 'constant.character.escape.hlr'];
const MARKUP_VIM = ['hlrStrong', 'hlrEmphasis', 'hlrCode', 'hlrLinkText', 'hlrReference',
	'hlrAutolink', 'hlrEscape'];
const CONSTRUCT_TM = ['comment.line.number-sign.hlr', 'meta.field.hlr', 'markup.heading.part.hlr',
	'markup.heading.section.hlr', 'punctuation.definition.list.begin.hlr',
	'constant.language.none.hlr', 'keyword.control.unchanged.hlr',
	'invalid.illegal.outside-section.hlr', 'markup.table.row.hlr'];
const CONSTRUCT_VIM = ['hlrComment', 'hlrFieldName', 'hlrFieldUnknown', 'hlrPartMarker',
	'hlrSectionMarker', 'hlrSubheadMarker', 'hlrBullet', 'hlrNone', 'hlrUnchanged', 'hlrHeaderStray', 'hlrTableStart',
	'hlrTableAlign'];
const ID_TM = ['meta.attribute.id.hlr'];
const ID_VIM = ['hlrId', 'hlrSectionId'];
const TAG_TM = ['entity.name.tag.authority.hlr'];
const TAG_VIM = ['hlrTag'];

function classify(text) {
	const checks = [];
	let bom = false;
	if (text.startsWith('\uFEFF')) {
		bom = true;
		text = text.slice(1);
	}
	const lines = text.split(/\r?\n/);
	if (lines.length && lines[lines.length - 1] === '')
		lines.pop();
	const want = (line, col, len, what, tm, vim) =>
		len > 0 && checks.push({line, col, len, what, tm, vim});
	const forbid = (line, col, len, what, tmNot, vimNot) =>
		len > 0 && checks.push({line, col, len, what, tmNot, vimNot});
	const firstNonBlank = s => s.search(/[^ \t]/);

	// {#id} at the end of a line (item, text or section line), or an escaped one.
	function ids(n, s, from, vimGroups) {
		const m = /\{#([^}]*)\}[ \t]*$/.exec(s.slice(from));
		let idAt = -1;
		if (m) {
			const at = from + m.index;
			if (s[at - 1] === '\\') {
				forbid(n, at, 2, 'escaped {#', ID_TM, ID_VIM);
			} else {
				idAt = at;
				const len = m[0].trimEnd().length;
				want(n, at, len, 'id', ID_TM, vimGroups);
				if (VALID_ID.test(m[1]))
					want(n, at + 2, m[1].length, 'id name', ['entity.other.attribute-name.id.hlr'], null);
				else
					want(n, at + 2, m[1].length, 'invalid id name', ['invalid.illegal.id.hlr'], null);
			}
		}
		for (let i = s.indexOf('{#', from); i >= 0; i = s.indexOf('{#', i + 1))
			if (i !== idAt)
				forbid(n, i, 1, '{# that is not an id', ID_TM, ID_VIM);
	}

	// @TAG words from `from` on, then every other '@' is text.
	function tags(n, s, from) {
		let p = from;
		const tagAt = new Set();
		for (;;) {
			while (s[p] === ' ' || s[p] === '\t' || new RegExp(`[${USP}]`).test(s[p] || ''))
				p++;
			const m = TAG.exec(s.slice(p));
			if (!m)
				break;
			want(n, p, m[0].length, 'tag', TAG_TM, TAG_VIM);
			tagAt.add(p);
			p += m[0].length;
		}
		for (let i = s.indexOf('@', from); i >= 0; i = s.indexOf('@', i + 1))
			if (!tagAt.has(i))
				forbid(n, i, 1, "'@' that is not a tag", TAG_TM, TAG_VIM);
	}

	// References and a few kinds of inline markup in item and text lines.
	function inline(n, s, from) {
		const t = s.slice(from);
		let m;
		// a reference inside a code span is code, as the compiler reads it
		const spans = [];
		for (const c of t.matchAll(/`[^`]+`/g))
			if (t[c.index - 1] !== '\\')
				spans.push([c.index, c.index + c[0].length]);
		const inCode = i => spans.some(([a, b]) => i >= a && i < b);
		const re = /\]\((\^[^)\s"]*)/g;
		while ((m = re.exec(t))) {
			if (inCode(m.index))
				continue;
			const at = from + m.index + 2, addr = m[1];
			want(n, at, addr.length, 'reference address', ['markup.underline.link.reference.hlr'],
				['hlrReferenceAddress', 'hlrReferenceId']);
			const hash = addr.indexOf('#');
			if (hash >= 0)
				want(n, at + hash + 1, addr.length - hash - 1, 'reference id',
					['entity.other.attribute-name.id.hlr'], ['hlrReferenceId']);
		}
		const escaped = i => s[from + i - 1] === '\\';
		const code = /`([^`]+)`/g;
		while ((m = code.exec(t)))
			if (!escaped(m.index))
				want(n, from + m.index + 1, m[1].length, 'code span', ['markup.inline.raw.string.hlr'], ['hlrCode']);
		const strong = /\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g;
		while ((m = strong.exec(t)))
			if (!escaped(m.index))
				want(n, from + m.index + 2, m[1].length, 'strong', ['markup.bold.hlr'], ['hlrStrong']);
		const em = /(?<![*\\\w])\*([A-Za-z](?:[^*]*[A-Za-z])?)\*(?!\*)/g;
		while ((m = em.exec(t)))
			want(n, from + m.index + 1, m[1].length, 'emphasis', ['markup.italic.hlr'], ['hlrEmphasis']);
		const link = /(?<![!\\])\[([^\]\[]+)\]\((?!\^)[^)\s]/g;
		while ((m = link.exec(t)))
			want(n, from + m.index + 1, m[1].length, 'link text', ['string.other.link.title.hlr'], ['hlrLinkText']);
	}

	let body = false;
	lines.forEach((s, n) => {
		const first = firstNonBlank(s);
		if (first < 0)
			return;
		if (/^[ \t]*#(?:[ \t]|$)/.test(s)) {
			want(n, first, 1, 'comment', ['comment.line.number-sign.hlr'], ['hlrComment']);
			if (/^[ \t]*# hlrc-ignore:/.test(s))
				want(n, first + 2, 12, 'hlrc-ignore directive', ['keyword.other.directive.hlr'], ['hlrDirectiveKeyword']);
			forbid(n, first, s.length - first, 'comment text', [...ID_TM, ...TAG_TM, ...MARKUP_TM],
				[...ID_VIM, ...TAG_VIM, ...MARKUP_VIM]);
			return;
		}
		if (!body && /^(?:==|=(?:[ \t]|$))/.test(s))
			body = true;
		if (!body) {
			forbid(n, 0, s.length, 'header line', [...ID_TM, ...MARKUP_TM, 'markup.heading.section.hlr',
				'markup.list.unnumbered.hlr'], [...ID_VIM, ...MARKUP_VIM, 'hlrBullet', 'hlrTag']);
			const f = /^([A-Za-z][A-Za-z0-9_-]*:?)(?=[ \t]|$)[ \t]*(.*?)[ \t]*$/.exec(s);
			if (!f) {
				want(n, first, 1, 'text outside a section', ['invalid.illegal.outside-section.hlr'], ['hlrHeaderStray']);
				return;
			}
			const name = f[1], value = f[2], at = s.indexOf(value, name.length);
			if (!KNOWN_FIELDS.has(name) && /^[a-z][a-z0-9-]*$/.test(name)) {
				// a lowercase key: a field a series declares, maybe in another file
				want(n, 0, name.length, 'declared field name', ['keyword.other.field.hlr'], ['hlrFieldName']);
				if (value)
					want(n, at, 1, 'declared field value', TEXT_VALUE[1], TEXT_VALUE[2]);
			} else if (KNOWN_FIELDS.has(name)) {
				want(n, 0, name.length, 'field name', ['keyword.other.field.hlr'], ['hlrFieldName']);
				const form = VALUE_FORMS[name];
				const range = name === 'period' && /^\d{4}-\d\d-\d\d +to +\d{4}-\d\d-\d\d$/.test(value);
				if (range) {
					// a range of dates starts with its first date
					want(n, at, 10, 'range start', ['constant.numeric.date.hlr'], ['hlrDate']);
					want(n, at + value.length - 10, 10, 'range end', ['constant.numeric.date.hlr'], ['hlrDate']);
				} else if (value && form[0].test(value))
					want(n, at, 1, `${name} value`, form[1], form[2]);
				else if (value)
					want(n, at, 1, `malformed ${name} value`, ['invalid.illegal.value.hlr'], ['hlrBadValue']);
				if (name === 'period' && form[0].test(value)) {
					const d = /\d{4}-(?:Q\d|\d\d(?:-\d\d)?)$/.exec(value);
					if (d) // not in "FY2019", a year from January
						want(n, at + d.index, d[0].length, 'period date', ['constant.numeric.date.hlr'], ['hlrDate']);
				}
			} else {
				want(n, 0, name.length, 'unknown field name', ['invalid.illegal.unknown-field.hlr'], ['hlrFieldUnknown']);
			}
			want(n, 0, 1, 'field', ['meta.field.hlr'], null);
			return;
		}
		forbid(n, 0, s.length, 'body line', ['meta.field.hlr', 'invalid.illegal.outside-section.hlr',
			'invalid.illegal.unknown-field.hlr'], ['hlrFieldName', 'hlrFieldUnknown', 'hlrHeaderStray', 'hlrHeader']);
		let m;
		if (/^=(?:[ \t]|$)/.test(s)) {
			want(n, 0, 1, 'part', ['markup.heading.part.hlr', 'punctuation.definition.heading.hlr'], ['hlrPartMarker']);
			const h = /^=[ \t]*(.*?)[ \t]*(?:(?<!\\)\{#[^}]*\}[ \t]*)?$/.exec(s);
			if (h && h[1]) {
				const at = s.indexOf(h[1], 1);
				want(n, at, 1, 'part heading', ['entity.name.section.part.hlr'], ['hlrPartHeading']);
				forbid(n, at, h[1].length, 'part heading', [...ID_TM, ...TAG_TM, ...MARKUP_TM],
					[...ID_VIM, ...TAG_VIM, ...MARKUP_VIM]);
			}
			ids(n, s, 1, ['hlrSectionId']);
		} else if (/^===(?:[ \t]|$)/.test(s)) {
			want(n, 0, 3, 'sub-heading', ['punctuation.definition.heading.hlr'], ['hlrSubheadMarker']);
			want(n, 0, 1, 'sub-heading', ['markup.heading.subsection.hlr'], null);
			const h = /^===[ \t]*(.*?)[ \t]*(?:(?<!\\)\{#[^}]*\}[ \t]*)?$/.exec(s);
			if (h && h[1]) {
				const at = s.indexOf(h[1], 3);
				want(n, at, 1, 'sub-heading words', ['entity.name.section.subheading.hlr'], ['hlrSubheadHeading']);
				forbid(n, at, h[1].length, 'sub-heading words', [...TAG_TM, ...MARKUP_TM], [...TAG_VIM, ...MARKUP_VIM]);
			}
			ids(n, s, 3, ['hlrSectionId']);
		} else if (s.startsWith('==')) {
			want(n, 0, 2, 'section', ['punctuation.definition.heading.hlr'], ['hlrSectionMarker']);
			want(n, 0, 1, 'section', ['markup.heading.section.hlr'], null);
			const k = /^==[ \t]*([^ \t:{]+)/.exec(s);
			if (k)
				want(n, k[0].length - k[1].length, k[1].length, 'section keyword', ['keyword.other.section.hlr'],
					['hlrSectionKeyword']);
			const h = /^==[ \t]*[^ \t:{]*[ \t]*:[ \t]*(.*?)[ \t]*(?:(?<!\\)\{#[^}]*\}[ \t]*)?$/.exec(s);
			if (h && h[1]) {
				const at = s.indexOf(h[1], 2);
				want(n, at, 1, 'section heading', ['entity.name.section.hlr'], ['hlrSectionHeading']);
				forbid(n, at, h[1].length, 'section heading', [...TAG_TM, ...MARKUP_TM], [...TAG_VIM, ...MARKUP_VIM]);
			}
			ids(n, s, 2, ['hlrSectionId']);
		} else if (s.startsWith('|')) {
			// A table row: its first bar; the alignment row as a whole; in
			// other rows tags first in the first cell, and inline markup.
			if (/^\|(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/.test(s)) {
				want(n, 1, s.trimEnd().length - 1, 'table alignment row', ['markup.table.alignment.hlr'], ['hlrTableAlign']);
			} else {
				want(n, 0, 1, 'table row', ['markup.table.row.hlr', 'punctuation.separator.table.hlr'],
					['hlrTableStart']);
				tags(n, s, 1);
				inline(n, s, 1);
			}
			forbid(n, 0, s.length, 'table row', ID_TM, ID_VIM);
		} else if ((m = ITEM.exec(s))) {
			want(n, m[1].length, 1, 'item bullet', ['markup.list.unnumbered.hlr', 'punctuation.definition.list.begin.hlr'],
				['hlrBullet']);
			tags(n, s, m[0].length);
			ids(n, s, m[0].length, ['hlrId']);
			inline(n, s, m[0].length);
		} else if ((m = /^([ \t]*)([0-9]{1,9}[.)]|[A-Za-z]\)|[ivxlc]{2,8}\)|[IVXLC]{2,8}\))(?=[ \t]|$)/.exec(s))) {
			want(n, m[1].length, m[2].length, 'ordered item marker',
				['markup.list.numbered.hlr', 'punctuation.definition.list.begin.hlr'], ['hlrBullet']);
			tags(n, s, m[0].length);
			ids(n, s, m[0].length, ['hlrId']);
			inline(n, s, m[0].length);
		} else if ((m = NONE_ALONE.exec(s)) && !/^none(?=[ \t]|$)/.test(s)) {
			want(n, 0, m[0].length, 'none as written', ['constant.language.none.hlr'], ['hlrNone']);
		} else if (/^none(?=[ \t]|$)/.test(s) || NONE_WORDS.test(s)) {
			want(n, 0, 4, 'none', ['constant.language.none.hlr'], ['hlrNone']);
			forbid(n, 4, s.length - 4, 'none text', [...ID_TM, ...TAG_TM, ...MARKUP_TM],
				[...ID_VIM, ...TAG_VIM, ...MARKUP_VIM]);
		} else if ((m = UNCHANGED_AS_WRITTEN.exec(s)) && !/^unchanged(?=[ \t]|$)/.test(s)) {
			want(n, m[1].length, m[2].length, 'unchanged as written', ['keyword.control.unchanged.hlr'], ['hlrUnchanged']);
			if (m[3])
				want(n, s.lastIndexOf('#') + 1, m[3].length, 'unchanged id', ['entity.other.attribute-name.id.hlr'],
					['hlrUnchangedId']);
		} else if (/^unchanged(?=[ \t]|$)/.test(s)) {
			want(n, 0, 9, 'unchanged', ['keyword.control.unchanged.hlr'], ['hlrUnchanged']);
			const u = /^unchanged[ \t]+#([A-Za-z][A-Za-z0-9_-]*)[ \t]*$/.exec(s);
			if (u)
				want(n, s.indexOf('#') + 1, u[1].length, 'unchanged id', ['entity.other.attribute-name.id.hlr'],
					['hlrUnchangedId']);
		} else if ((m = /^close[ \t]+#([A-Za-z][A-Za-z0-9_-]*)/.exec(s))) {
			// A log's close line (docs/language.md, Logs): the word and the id.
			want(n, 0, 5, 'close', ['keyword.control.close.hlr'], ['hlrClose']);
			want(n, s.indexOf('#') + 1, m[1].length, 'close id', ['entity.other.attribute-name.id.hlr'],
				['hlrCloseId']);
		} else if ((m = /^([ \t]+)(owner|due|state)(?=[ \t]+\S)/.exec(s))) {
			// A log entry's fields line: its first key (the grammars mark it
			// wherever such a line may be one, as the status word).
			want(n, m[1].length, m[2].length, 'entry field key', ['keyword.other.field.entry.hlr'],
				['hlrEntryKey']);
		} else if ((m = /^([ \t]*)status(?=[ \t]+\S)/.exec(s))) {
			// A status line (a section's first line, an item's field line):
			// the grammars mark the word wherever such a line may be one.
			want(n, m[1].length, 6, 'status word', ['keyword.other.status.hlr'], ['hlrStatusWord']);
		} else {
			// A paragraph line or a continuation line: plain text, perhaps tagged.
			forbid(n, first, 1, 'start of a text line', CONSTRUCT_TM, CONSTRUCT_VIM);
			tags(n, s, 0);
			ids(n, s, 0, ['hlrId']);
			inline(n, s, 0);
		}
	});
	return {bom, lines, checks};
}

module.exports = {classify};
