'use strict';
// Checks that Vim's quickfix list reads hlrc's diagnostics (run by
// editors/test.sh):
//
//   node errorformat-test.js --vim VIM --hlrc HLRC
//
// Copies the broken reports in fixtures/ to a temporary folder, runs the
// real `hlrc check` on them, and checks that editors/vim/compiler/hlrc.vim
// turns the output into the right quickfix entries (file, line, column,
// type, text), both with :cfile and with :make (makeprg 'hlrc check %:S',
// with HLRC's folder first on PATH). The expected entries come from two
// places: a reading of the same output that follows docs/language.md
// ("Diagnostics"), and a fixed list for the fixtures written by hand.
//
// Prints "ok ..." or "FAIL ..." per check.

const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawnSync} = require('child_process');

const EDITORS = path.resolve(__dirname, '..');
const FIXTURES = path.join(__dirname, 'fixtures');

// What the quickfix list must hold for the fixtures: file, line, byte
// column, type, and what the text must end with (the code; notes have none,
// and the wording of messages may change).
const FIXED = [
	['broken.hlr', 5, 1, 'e', '[unknown-field]'],
	['broken.hlr', 9, 4, 'e', '[unknown-section]'],
	['broken.hlr', 10, 33, 'e', '[invalid-id]'],      // after é – “ ”: character 26
	['broken.hlr', 12, 4, 'e', '[undeclared-tag]'],   // after a tab
	['broken.hlr', 14, 23, 'e', '[duplicate-id]'],    // after –: character 21
	['broken.hlr', 13, 27, 'n', ''],
	['broken.hlr', 15, 3, 'e', '[undeclared-tag]'],   // its source line quotes a diagnostic
	['broken.hlr', 17, 4, 'w', '[empty-section]'],
	['series/2020-06-26.hlr', 7, 21, 'e', '[duplicate-id]'],
	['series/2020-06-19.hlr', 4, 34, 'n', ''],        // a note in another file
	['series/2020-06-26.hlr', 9, 4, 'w', '[empty-section]'],
	['missing.hlr', 0, 0, 'e', '[cannot-read]'],      // whole-file diagnostics
	['nul.hlr', 0, 0, 'e', '[not-text]'],
];

let failed = 0;

function report(ok, what, reasons = []) {
	if (!ok)
		failed++;
	console.log(`${ok ? 'ok' : 'FAIL'} ${what}`);
	if (!ok)
		for (const r of reasons.slice(0, 15))
			console.log(`    ${r}`);
}

// Runs a command in dir with standard output and error into one file, in
// the order written, as a terminal or :make would see them.
function run(dir, cmd, args, env) {
	const out = path.join(dir, '.out');
	const fd = fs.openSync(out, 'w');
	const r = spawnSync(cmd, args, {cwd: dir, env, stdio: ['ignore', fd, fd], timeout: 60000});
	fs.closeSync(fd);
	const text = fs.readFileSync(out, 'utf8');
	fs.unlinkSync(out);
	return {status: r.status, error: r.error, text};
}

// hlrc's diagnostics as docs/language.md describes them, with each column
// turned from characters into bytes of the line in the file.
function parseDiagnostics(dir, text) {
	const entries = [], strange = [];
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith(' '))
			continue; // the source line and the caret line
		let m = /^(.+?):(\d+):(\d+): (error|warning|note): (.*)$/.exec(line);
		if (m) {
			const [, file, lnum, col, level, msg] = m;
			let byte = Number(col);
			try {
				const src = fs.readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '');
				const l = src.split(/\r?\n/)[Number(lnum) - 1] || '';
				byte = Buffer.byteLength(Array.from(l).slice(0, Number(col) - 1).join('')) + 1;
			} catch (e) { /* a file that cannot be read keeps its column */ }
			entries.push({file, lnum: Number(lnum), col: byte, type: level[0], text: msg});
			continue;
		}
		m = /^(.+?): (error|warning|note): (.*)$/.exec(line);
		if (m) {
			entries.push({file: m[1], lnum: 0, col: 0, type: m[2][0], text: m[3]});
			continue;
		}
		strange.push(line);
	}
	return {entries, strange};
}

// Runs Vim with editors/vim on the runtime path; `commands` fill the
// quickfix list, which is written out as JSON, one entry a line.
function vimQuickfix(vim, dir, commands, env) {
	const out = path.join(dir, '.qf');
	const script = path.join(dir, '.qf.vim');
	fs.writeFileSync(script, `
let v:errmsg = ''
${commands.join('\n')}
let s:rows = []
for s:e in getqflist()
  call add(s:rows, json_encode({'file': s:e.bufnr ? fnamemodify(bufname(s:e.bufnr), ':p') : '',
        \\ 'lnum': s:e.lnum, 'col': s:e.col, 'type': s:e.type, 'valid': s:e.valid, 'text': s:e.text}))
endfor
call add(s:rows, json_encode({'errmsg': v:errmsg, 'makeprg': &makeprg}))
call writefile(s:rows, '${out}')
qall!
`);
	const r = spawnSync(vim, ['-N', '-u', 'NONE', '-i', 'NONE', '-n', '-es',
		'--cmd', 'set encoding=utf-8 nomore',
		'--cmd', `set runtimepath^=${path.join(EDITORS, 'vim')}`,
		'-c', 'filetype plugin on', '-c', `source ${script}`],
	{cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000});
	if (!fs.existsSync(out))
		return {error: `vim did not finish (status ${r.status}): ${(r.stderr || '').slice(0, 300)}`};
	const rows = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
	fs.unlinkSync(out);
	const last = rows.pop();
	return {entries: rows, errmsg: last.errmsg, makeprg: last.makeprg};
}

function show(e) {
	return `${e.file}:${e.lnum}:${e.col}: ${e.type}: ${e.text}`;
}

// Compares Vim's entries with the expected ones, in order.
function compare(dir, got, want) {
	const reasons = [];
	const n = Math.max(got.length, want.length);
	for (let i = 0; i < n; i++) {
		const g = got[i], w = want[i];
		if (!g || !w) {
			reasons.push(g ? `unexpected entry ${show(g)}` : `missing entry ${show(w)}`);
			continue;
		}
		const wfile = path.resolve(dir, w.file);
		if (g.file !== wfile || g.lnum !== w.lnum || g.col !== w.col || g.type !== w.type ||
		    g.text !== w.text || g.valid !== 1)
			reasons.push(`entry ${i + 1}: got ${show({...g, file: path.relative(dir, g.file)})}` +
				`${g.valid ? '' : ' (not valid)'}, wanted ${show(w)}`);
	}
	return reasons;
}

// Checks Vim's entries against FIXED (for the files FIXED names).
function compareFixed(dir, got, files) {
	const reasons = [];
	const fixed = FIXED.filter(f => files.some(x => f[0] === x || f[0].startsWith(x + '/')));
	for (const [file, lnum, col, type, end] of fixed) {
		const hit = got.find(g => g.file === path.resolve(dir, file) && g.lnum === lnum &&
			g.col === col && g.type === type && g.text.endsWith(end));
		if (!hit)
			reasons.push(`no entry ${file}:${lnum}:${col}: ${type}: ...${end}`);
	}
	if (got.length !== fixed.length)
		reasons.push(`${got.length} entries, wanted ${fixed.length}`);
	return reasons;
}

function main() {
	const args = process.argv.slice(2);
	const opt = {};
	for (let i = 0; i < args.length; i += 2)
		opt[args[i].replace(/^--/, '')] = args[i + 1];
	const hlrc = path.resolve(opt.hlrc);
	const vim = opt.vim;

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hlr-efm-'));
	try {
		fs.cpSync(FIXTURES, dir, {recursive: true});
		fs.writeFileSync(path.join(dir, 'nul.hlr'), 'title  A report\0with a NUL byte\n');
		const env = {...process.env, PATH: `${path.dirname(hlrc)}${path.delimiter}${process.env.PATH}`};

		// 1. :cfile on the output for every kind of line.
		const files = ['broken.hlr', 'series', 'missing.hlr', 'nul.hlr'];
		const r = run(dir, hlrc, ['check', ...files], env);
		const parsed = parseDiagnostics(dir, r.text);
		report(r.status === 1 && !parsed.strange.length && parsed.entries.length === FIXED.length,
			`hlrc check on the broken fixtures exits 1 with ${FIXED.length} diagnostics in the documented form`,
			[`exit status ${r.status}${r.error ? ` (${r.error.message})` : ''}, ` +
			 `${parsed.entries.length} diagnostics`, ...parsed.strange.map(l => `not a diagnostic: ${l}`),
			 ...r.text.split('\n').slice(0, 8)]);
		fs.writeFileSync(path.join(dir, 'check.out'), r.text);
		const cf = vimQuickfix(vim, dir, ['compiler hlrc', 'cfile check.out'], env);
		if (cf.error) {
			report(false, 'vim :cfile reads hlrc check output', [cf.error]);
		} else {
			const reasons = compare(dir, cf.entries, parsed.entries);
			if (cf.errmsg)
				reasons.unshift(`vim: ${cf.errmsg}`);
			report(!reasons.length, `vim :cfile turns hlrc check output into ${parsed.entries.length} quickfix ` +
				'entries (file, line, byte column, type, text); source and caret lines ignored', reasons);
			const fixed = compareFixed(dir, cf.entries, files);
			report(!fixed.length, 'vim :cfile entries match the list written for the fixtures ' +
				'(columns after non-ASCII text and tabs, notes, whole-file errors)', fixed);
		}

		// 2. :make in a buffer: the ftplugin sets the compiler, makeprg runs
		// 'hlrc check' on the file.
		for (const file of ['broken.hlr', 'series/2020-06-26.hlr', 'nul.hlr']) {
			const want = parseDiagnostics(dir, run(dir, hlrc, ['check', file], env).text).entries;
			const mk = vimQuickfix(vim, dir, [`edit ${file}`, 'silent make!'], env);
			if (mk.error) {
				report(false, `vim :make in ${file}`, [mk.error]);
				continue;
			}
			const reasons = compare(dir, mk.entries, want);
			if (mk.errmsg)
				reasons.unshift(`vim: ${mk.errmsg}`);
			if (mk.makeprg !== 'hlrc check %:S')
				reasons.unshift(`makeprg is '${mk.makeprg}'`);
			reasons.push(...compareFixed(dir, mk.entries,
				[file === 'series/2020-06-26.hlr' ? 'series' : file]));
			report(!reasons.length, `vim :make (makeprg=${mk.makeprg}) in ${file} gives ` +
				`${want.length} quickfix entries`, reasons);
		}
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}

try {
	main();
} catch (e) {
	report(false, `vim errorformat test: ${e.stack || e}`);
}
process.exitCode = failed ? 1 : 0;
