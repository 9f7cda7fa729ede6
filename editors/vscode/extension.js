'use strict';
// Starts hlrc's language server (`hlrc lsp`) for .hlr files. The setting
// hlrc.path names the program (default: hlrc on PATH). Needs the npm
// package vscode-languageclient: run `npm install` in this folder once.
const vscode = require('vscode');
const {LanguageClient} = require('vscode-languageclient/node');

let client;

function activate(context) {
	const program = vscode.workspace.getConfiguration('hlrc').get('path') || 'hlrc';
	const server = {command: program, args: ['lsp']};
	client = new LanguageClient('hlrc', 'hlrc language server', server, {
		documentSelector: [{scheme: 'file', language: 'hlr'}, {scheme: 'untitled', language: 'hlr'}],
		// reports changed on disk (git checkout, another editor) are read again
		synchronize: {fileEvents: vscode.workspace.createFileSystemWatcher('**/*.hlr')},
	});
	context.subscriptions.push(client.start());
}

function deactivate() {
	return client ? client.stop() : undefined;
}

module.exports = {activate, deactivate};
