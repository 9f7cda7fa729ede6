'use strict';
// Checks the editor grammars (run by editors/test.sh):
//
//   node highlight-test.js [--vim VIM] FILE...
//
// 1. editors/textmate/hlr.tmLanguage.json and the VS Code manifest are valid:
//    the JSON parses, the required keys are there, every include resolves
//    and every regular expression compiles with Oniguruma.
// 2. Every FILE is tokenized with the TextMate grammar (vscode-textmate +
//    vscode-oniguruma, as VS Code does) and checked against expect.js.
// 3. With --vim: Vim loads editors/vim (ftdetect, syntax, ftplugin,
//    compiler) without an error, and the syntax groups at the same places
//    are checked against expect.js too.
//
// Prints "ok ..." or "FAIL ..." per check, with the reasons under a failure.

const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawnSync} = require('child_process');
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');
const {classify} = require('./expect.js');
const {plist} = require('../textmate/tmlanguage-to-plist.js');

const EDITORS = path.resolve(__dirname, '..');
const GRAMMAR = path.join(EDITORS, 'textmate', 'hlr.tmLanguage.json');
const PLIST = path.join(EDITORS, 'textmate', 'hlr.tmLanguage');
const VSCODE = path.join(EDITORS, 'vscode');

let failed = 0;

function report(ok, what, reasons = []) {
	if (!ok)
		failed++;
	console.log(`${ok ? 'ok' : 'FAIL'} ${what}`);
	if (!ok)
		for (const r of reasons.slice(0, 15))
			console.log(`    ${r}`);
	if (!ok && reasons.length > 15)
		console.log(`    ... and ${reasons.length - 15} more`);
}

function readJSON(file, reasons) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		reasons.push(`${path.relative(process.cwd(), file)}: ${e.message}`);
		return null;
	}
}

// Every regular expression of a grammar, with where it is.
function* regexes(node, where) {
	if (Array.isArray(node)) {
		for (let i = 0; i < node.length; i++)
			yield* regexes(node[i], `${where}[${i}]`);
	} else if (node && typeof node === 'object') {
		for (const [k, v] of Object.entries(node)) {
			if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string')
				yield [v, `${where}.${k}`];
			else
				yield* regexes(v, `${where}.${k}`);
		}
	}
}

function* includes(node) {
	if (Array.isArray(node)) {
		for (const x of node)
			yield* includes(x);
	} else if (node && typeof node === 'object') {
		for (const [k, v] of Object.entries(node)) {
			if (k === 'include' && typeof v === 'string')
				yield v;
			else
				yield* includes(v);
		}
	}
}

function checkGrammarFile() {
	const reasons = [];
	const g = readJSON(GRAMMAR, reasons);
	if (g) {
		if (g.scopeName !== 'source.hlr')
			reasons.push(`scopeName is ${JSON.stringify(g.scopeName)}, not "source.hlr"`);
		for (const k of ['name', 'patterns', 'repository'])
			if (!(k in g))
				reasons.push(`no "${k}"`);
		if (!Array.isArray(g.patterns) || !g.patterns.length)
			reasons.push('"patterns" is not a non-empty list');
		if (!Array.isArray(g.fileTypes) || !g.fileTypes.includes('hlr'))
			reasons.push('"fileTypes" does not list hlr');
		for (const inc of includes(g)) {
			if (inc.startsWith('#') && !(g.repository && inc.slice(1) in g.repository))
				reasons.push(`include ${inc} names no repository entry`);
			else if (!inc.startsWith('#') && inc !== '$self' && inc !== '$base')
				reasons.push(`include ${inc} is outside this grammar`);
		}
		for (const [re, where] of regexes(g, 'grammar')) {
			try {
				new onig.OnigScanner([re]).dispose();
			} catch (e) {
				reasons.push(`${where}: ${e.message}: ${re}`);
			}
		}
	}
	report(!reasons.length, 'textmate grammar is valid (JSON, keys, includes, every regex compiles)', reasons);
}

// hlr.tmLanguage, for Sublime Text, is hlr.tmLanguage.json as a property list.
function checkPlist() {
	const reasons = [];
	try {
		const json = fs.readFileSync(GRAMMAR, 'utf8');
		const xml = fs.readFileSync(PLIST, 'utf8');
		if (xml !== plist(JSON.parse(json)))
			reasons.push('hlr.tmLanguage differs from hlr.tmLanguage.json: run ' +
				'node editors/textmate/tmlanguage-to-plist.js > editors/textmate/hlr.tmLanguage');
		const fromJson = vsctm.parseRawGrammar(json, 'hlr.tmLanguage.json');
		delete fromJson.$schema;
		const fromPlist = vsctm.parseRawGrammar(xml, 'hlr.tmLanguage');
		if (JSON.stringify(fromPlist) !== JSON.stringify(fromJson))
			reasons.push('vscode-textmate reads a different grammar from hlr.tmLanguage');
	} catch (e) {
		reasons.push(e.message);
	}
	report(!reasons.length, 'textmate plist hlr.tmLanguage (for Sublime Text) is hlr.tmLanguage.json, up to date', reasons);
}

function checkVSCode() {
	const reasons = [];
	const pkg = readJSON(path.join(VSCODE, 'package.json'), reasons);
	const conf = readJSON(path.join(VSCODE, 'language-configuration.json'), reasons);
	if (pkg) {
		for (const k of ['name', 'displayName', 'version', 'publisher', 'engines', 'contributes'])
			if (!(k in pkg))
				reasons.push(`package.json: no "${k}"`);
		const c = pkg.contributes || {};
		const lang = (c.languages || []).find(l => l.id === 'hlr');
		if (!lang)
			reasons.push('package.json: contributes.languages has no language "hlr"');
		else {
			if (!(lang.extensions || []).includes('.hlr'))
				reasons.push('package.json: language hlr does not claim the extension .hlr');
			if (!lang.configuration || !fs.existsSync(path.join(VSCODE, lang.configuration)))
				reasons.push('package.json: language hlr has no configuration file that exists');
		}
		const gr = (c.grammars || []).find(x => x.language === 'hlr');
		if (!gr)
			reasons.push('package.json: contributes.grammars has no grammar for "hlr"');
		else {
			if (gr.scopeName !== 'source.hlr')
				reasons.push('package.json: the grammar\'s scopeName is not source.hlr');
			// syntaxes/hlr.tmLanguage.json is a link to editors/textmate's, so that
			// the folder can be copied (cp -L) or packaged as it is
			let real = null;
			try {
				real = gr.path && fs.realpathSync(path.resolve(VSCODE, gr.path));
			} catch (e) { /* reported below */ }
			if (real !== fs.realpathSync(GRAMMAR))
				reasons.push(`package.json: the grammar path ${gr.path} does not lead to editors/textmate/hlr.tmLanguage.json`);
		}
	}
	if (conf) {
		if (!conf.comments || conf.comments.lineComment !== '#')
			reasons.push('language-configuration.json: comments.lineComment is not "#"');
	}
	report(!reasons.length, 'vscode extension manifest and language configuration are valid', reasons);
}

async function loadGrammar() {
	const registry = new vsctm.Registry({
		onigLib: Promise.resolve({
			createOnigScanner: patterns => new onig.OnigScanner(patterns),
			createOnigString: s => new onig.OnigString(s),
		}),
		loadGrammar: async scope => scope === 'source.hlr'
			? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
	});
	return registry.loadGrammar('source.hlr');
}

function describe(line, col, len) {
	return JSON.stringify(line.slice(col, col + len));
}

// Checks one file with the TextMate grammar; returns the list of failures.
function tmCheck(grammar, raw, c) {
	const rawLines = raw.split(/\r?\n/);
	// scopes[n][i]: the scopes of character i of line n (as classify() counts).
	const scopes = [];
	let stack = vsctm.INITIAL;
	const failures = [];
	rawLines.forEach((line, n) => {
		const r = grammar.tokenizeLine(line, stack);
		stack = r.ruleStack;
		const shift = n === 0 && c.bom ? 1 : 0;
		const at = new Array(Math.max(0, line.length - shift));
		for (const t of r.tokens)
			for (let i = t.startIndex; i < t.endIndex; i++)
				if (i - shift >= 0)
					at[i - shift] = t.scopes;
		scopes.push(at);
		if (r.stoppedEarly)
			failures.push(`${n + 1}: tokenizing stopped early`);
	});
	for (const k of c.checks) {
		const line = c.lines[k.line];
		for (let i = k.col; i < k.col + k.len; i++) {
			const s = (scopes[k.line] && scopes[k.line][i]) || ['source.hlr'];
			if (k.tm && !k.tm.some(x => s.includes(x))) {
				failures.push(`${k.line + 1}:${i + 1}: ${k.what} ${describe(line, k.col, k.len)}: ` +
					`wanted ${k.tm.join(' or ')}, got ${s.join(' ')}`);
				break;
			}
			if (k.tmNot && k.tmNot.some(x => s.includes(x))) {
				failures.push(`${k.line + 1}:${i + 1}: ${k.what} ${describe(line, k.col, k.len)}: ` +
					`must not be ${k.tmNot.filter(x => s.includes(x)).join(' ')}`);
				break;
			}
		}
	}
	return failures;
}

// Runs Vim once over every file (a copy of the bytes that were classified,
// under the same name) and returns, per file, its failures; or a string
// when Vim itself failed.
function vimCheck(vim, files, contents, classified) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hlr-vim-'));
	try {
		const copies = files.map((file, i) => {
			const copy = path.join(dir, 'in', String(i), path.basename(file));
			fs.mkdirSync(path.dirname(copy), {recursive: true});
			fs.writeFileSync(copy, contents[i]);
			return copy;
		});
		// One line per check: file index, line, byte column (from 1), length in
		// bytes, want/not, groups, what.
		const rows = [];
		files.forEach((file, fi) => {
			const c = classified[fi];
			for (const k of c.checks) {
				const line = c.lines[k.line];
				const col = Buffer.byteLength(line.slice(0, k.col)) + 1;
				const len = Buffer.byteLength(line.slice(k.col, k.col + k.len));
				const groups = k.vim || k.vimNot;
				if (groups)
					rows.push([fi, k.line + 1, col, len, k.vim ? 'want' : 'not', groups.join(','),
						`${k.what} ${describe(line, k.col, k.len)}`].join('\t'));
			}
		});
		const listFile = path.join(dir, 'files');
		const checkFile = path.join(dir, 'checks');
		const outFile = path.join(dir, 'out');
		fs.writeFileSync(listFile, copies.join('\n') + '\n');
		fs.writeFileSync(checkFile, rows.join('\n') + '\n');
		const script = path.join(dir, 'check.vim');
		fs.writeFileSync(script, `
let s:files = readfile('${listFile}')
let s:out = []
let s:byfile = {}
for s:row in readfile('${checkFile}')
  if s:row ==# '' | continue | endif
  let s:f = split(s:row, "\\t", 1)
  if !has_key(s:byfile, s:f[0]) | let s:byfile[s:f[0]] = [] | endif
  call add(s:byfile[s:f[0]], s:f)
endfor
for s:i in range(len(s:files))
  let v:errmsg = ''
  silent! bwipeout!
  execute 'silent edit ' . fnameescape(s:files[s:i])
  if v:errmsg !=# ''
    call add(s:out, s:i . "\\terror\\t" . v:errmsg)
  endif
  if &filetype !=# 'hlr' || get(b:, 'current_syntax', '') !=# 'hlr'
    call add(s:out, s:i . "\\terror\\tfiletype '" . &filetype . "', syntax '" . get(b:, 'current_syntax', '') . "'")
  endif
  if get(b:, 'current_compiler', get(g:, 'current_compiler', '')) !=# 'hlrc' || &l:makeprg !~# 'hlrc check'
    call add(s:out, s:i . "\\terror\\tcompiler hlrc not set by the ftplugin: makeprg '" . &makeprg . "'")
  endif
  for s:f in get(s:byfile, string(s:i), [])
    let [s:lnum, s:col, s:len] = [str2nr(s:f[1]), str2nr(s:f[2]), str2nr(s:f[3])]
    let s:groups = split(s:f[5], ',')
    let s:c = s:col
    while s:c < s:col + s:len
      let s:names = map(synstack(s:lnum, s:c), 'synIDattr(v:val, "name")')
      let s:hit = filter(copy(s:names), 'index(s:groups, v:val) >= 0')
      if (s:f[4] ==# 'want') == empty(s:hit)
        call add(s:out, s:i . "\\tat\\t" . s:lnum . ':' . s:c . ': ' . s:f[6] . ': '
              \\ . (s:f[4] ==# 'want' ? 'wanted ' . join(s:groups, ' or ') : 'must not be ' . join(s:hit, ' '))
              \\ . ', got [' . join(s:names, ' ') . ']')
        break
      endif
      let s:c += max([1, len(matchstr(getline(s:lnum), '\\%' . s:c . 'c.'))])
    endwhile
  endfor
endfor
call add(s:out, 'done')
call writefile(s:out, '${outFile}')
qall!
`);
		const r = spawnSync(vim, ['-N', '-u', 'NONE', '-i', 'NONE', '-n', '-es',
			'--cmd', 'set encoding=utf-8 nomore',
			'--cmd', `set runtimepath^=${path.join(EDITORS, 'vim')}`,
			'-c', 'filetype plugin on', '-c', 'syntax on', '-c', `source ${script}`],
		{encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000});
		if (!fs.existsSync(outFile))
			return `vim did not finish (status ${r.status}): ${(r.stderr || r.stdout || '').slice(0, 500)}`;
		const out = fs.readFileSync(outFile, 'utf8').split('\n').filter(Boolean);
		if (out[out.length - 1] !== 'done')
			return 'vim stopped before the end of its script';
		const byFile = files.map(() => []), loading = [];
		for (const l of out.slice(0, -1)) {
			const [fi, kind, ...rest] = l.split('\t');
			if (kind === 'error')
				loading.push(`${files[Number(fi)]}: ${rest.join(' ')}`);
			else
				byFile[Number(fi)].push(rest.join(' '));
		}
		return {byFile, loading};
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}

async function main() {
	const args = process.argv.slice(2);
	let vim = null;
	if (args[0] === '--vim') {
		vim = args[1];
		args.splice(0, 2);
	}
	const files = args;
	const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
	await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

	checkGrammarFile();
	checkPlist();
	checkVSCode();

	const grammar = await loadGrammar();
	const contents = files.map(f => fs.readFileSync(f));
	const classified = contents.map(b => classify(b.toString('utf8')));
	files.forEach((file, i) => {
		const c = classified[i];
		const raw = contents[i].toString('utf8');
		const failures = tmCheck(grammar, raw, c);
		// A report that compiles (examples, the language tests, the series tests
		// but the err- ones) has nothing marked invalid.
		if (/^(examples\/|tests\/lang\/|tests\/series\/(?!err-))/.test(file)) {
			let stack = vsctm.INITIAL;
			raw.split(/\r?\n/).forEach((line, n) => {
				const r = grammar.tokenizeLine(line, stack);
				stack = r.ruleStack;
				for (const t of r.tokens) {
					const bad = t.scopes.find(s => s.startsWith('invalid.'));
					if (bad)
						failures.push(`${n + 1}:${t.startIndex + 1}: ${bad} in a valid report: ` +
							describe(line, t.startIndex, t.endIndex - t.startIndex));
				}
			});
		}
		report(!failures.length, `textmate tokenizes ${file} (${c.checks.length} checks)`, failures);
	});

	if (vim) {
		const result = vimCheck(vim, files, contents, classified);
		if (typeof result === 'string') {
			report(false, 'vim loads editors/vim and highlights the inputs', [result]);
		} else {
			report(!result.loading.length, `vim loads editors/vim (ftdetect, syntax, ftplugin, compiler) ` +
				`without an error for ${files.length} files, as filetype hlr with makeprg 'hlrc check'`,
			result.loading);
			files.forEach((file, i) => {
				const n = classified[i].checks.filter(k => k.vim || k.vimNot).length;
				report(!result.byFile[i].length, `vim highlights ${file} (${n} checks)`, result.byFile[i]);
			});
		}
	}
}

main().then(() => {
	process.exitCode = failed ? 1 : 0;
}, e => {
	console.log(`FAIL highlight test: ${e.stack || e}`);
	process.exitCode = 1;
});
