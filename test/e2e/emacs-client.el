;;; Emacs (eglot) as a real LSP client of session-guard-language-server, configured by the README's
;;; snippet exactly as printed (SG_SNIPPET), with the server on PATH as after a global install.
;;; Inputs through the environment: SG_SNIPPET, SG_FILE, SG_OUT.
(require 'json)
(load (getenv "SG_SNIPPET") nil t)
(find-file (getenv "SG_FILE"))
;; eglot-ensure connects after the user's next command: run what that command would.
(run-hooks 'post-command-hook)
(let* ((deadline (+ (float-time) 60))
       (diags nil))
  (while (and (< (float-time) deadline) (< (length (setq diags (flymake-diagnostics))) 2))
    (accept-process-output nil 0.2))
  (let ((result
         `((mode . ,(symbol-name major-mode))
           (server . ,(if (eglot-current-server) t :json-false))
           (diagnostics
            . ,(vconcat
                (mapcar (lambda (d)
                          `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                            (type . ,(symbol-name (flymake-diagnostic-type d)))
                            (text . ,(flymake-diagnostic-text d))))
                        diags))))))
    (with-temp-file (getenv "SG_OUT") (insert (json-encode result)))))
(let ((server (eglot-current-server)))
  (when server (ignore-errors (eglot-shutdown server))))
(kill-emacs 0)
