#!/usr/bin/env node
'use strict';
// Writes hlr.tmLanguage.json as an XML property list, the form of TextMate
// grammar that Sublime Text (and TextMate itself) loads:
//
//   node editors/textmate/tmlanguage-to-plist.js > editors/textmate/hlr.tmLanguage
//
// editors/test.sh checks that hlr.tmLanguage is up to date.

const fs = require('fs');
const path = require('path');

const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function value(v, indent) {
	const pad = '\t'.repeat(indent);
	if (Array.isArray(v))
		return `${pad}<array>\n${v.map(x => value(x, indent + 1)).join('')}${pad}</array>\n`;
	if (v && typeof v === 'object') {
		let out = `${pad}<dict>\n`;
		for (const [k, x] of Object.entries(v))
			if (k !== '$schema')
				out += `${pad}\t<key>${esc(k)}</key>\n${value(x, indent + 1)}`;
		return out + `${pad}</dict>\n`;
	}
	if (typeof v === 'string')
		return `${pad}<string>${esc(v)}</string>\n`;
	if (typeof v === 'boolean')
		return `${pad}<${v}/>\n`;
	if (Number.isInteger(v))
		return `${pad}<integer>${v}</integer>\n`;
	throw new Error(`cannot write ${JSON.stringify(v)} in a property list`);
}

function plist(grammar) {
	return '<?xml version="1.0" encoding="UTF-8"?>\n' +
		'<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" ' +
		'"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
		'<!-- Generated from hlr.tmLanguage.json by tmlanguage-to-plist.js: edit that file. -->\n' +
		'<plist version="1.0">\n' + value(grammar, 0) + '</plist>\n';
}

module.exports = {plist};

if (require.main === module) {
	const file = path.join(__dirname, 'hlr.tmLanguage.json');
	process.stdout.write(plist(JSON.parse(fs.readFileSync(file, 'utf8'))));
}
