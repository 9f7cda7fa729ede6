;;; hlr-eglot.el --- hlrc's language server for .hlr reports, with eglot -*- lexical-binding: t -*-

;; Load it from your init file:
;;
;;   (load "/path/to/hlrc/editors/emacs/hlr-eglot.el")
;;
;; .hlr files then open in `hlr-mode' (comments with "# ", two-space
;; indentation) and `eglot' starts "hlrc lsp" for them: diagnostics through
;; Flymake as you type, completion (completion-at-point), xref for
;; definitions and references, eglot-rename, eglot-format-buffer,
;; eglot-code-actions for the quick fixes. Set `hlr-hlrc-program' to use
;; another hlrc than the one on PATH. Needs Emacs 29 (eglot built in), or
;; eglot from GNU ELPA.

;;; Code:

(require 'eglot)

(defgroup hlr nil "Highlight reports (.hlr)." :group 'languages)

(defcustom hlr-hlrc-program "hlrc"
  "The hlrc program that runs the language server."
  :type 'string :group 'hlr)

(define-derived-mode hlr-mode text-mode "HLR"
  "Major mode for .hlr highlight reports."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+\\s-*")
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 2))

(add-to-list 'auto-mode-alist '("\\.hlr\\'" . hlr-mode))
(add-to-list 'eglot-server-programs
             `(hlr-mode . ,(lambda (&rest _) (list hlr-hlrc-program "lsp"))))
(add-hook 'hlr-mode-hook #'eglot-ensure)

(provide 'hlr-eglot)
;;; hlr-eglot.el ends here
