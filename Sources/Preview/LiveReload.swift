import Foundation

/// What `sitegen serve` adds to the pages it serves, and nothing else does: a script that asks
/// the server which build it has and reloads the page when a newer one is ready. The files
/// on disk stay exactly as `sitegen build` writes them; the script and the policy that lets it
/// run exist only in the server's responses.
public enum LiveReload {
    /// Where the server answers with the script, and with the number of the latest build.
    public static let scriptPath = "/_sitegen/live-reload.js"
    public static let buildPath = "/_sitegen/build"

    /// The built-in theme's pages run no script (`script-src 'none'`); served pages run this
    /// one, from the server's own address.
    static let publishedScriptPolicy = "script-src 'none'"
    static let servedScriptPolicy = "script-src 'self'"

    /// Polls `buildPath` (same origin: the policy's `default-src 'self'` allows it) and reloads
    /// when the number on its first line differs from the build the page came from (`data-build`
    /// on its tag). Lines after the number are the errors of a build that failed: they are shown
    /// over the page, as text, until a build succeeds.
    public static let script = """
        // Added by `sitegen serve` only: reloads the page when a newer build of the site is ready,
        // and shows the errors of a build that failed.
        (function () {
          var build = document.currentScript && document.currentScript.dataset.build;
          var panel = null;
          function show(errors) {
            if (!errors.length) { if (panel) { panel.remove(); panel = null; } return; }
            if (!panel) {
              panel = document.createElement("pre");
              panel.setAttribute("role", "alert");
              var s = panel.style;
              s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.margin = "0"; s.zIndex = "2147483647";
              s.maxHeight = "50vh"; s.overflow = "auto"; s.padding = "1em"; s.whiteSpace = "pre-wrap";
              s.background = "#fff3f3"; s.color = "#6b0000"; s.borderTop = "3px solid #b00020"; s.font = "14px/1.4 monospace";
              document.body.appendChild(panel);
            }
            panel.textContent = "sitegen: the last build failed; this page is from the build before.\\n\\n" + errors.join("\\n");
          }
          function poll() {
            fetch("\(buildPath)", { cache: "no-store" })
              .then(function (response) { return response.text(); })
              .then(function (text) {
                var lines = text.split("\\n");
                if (build && lines[0].trim() !== build) { location.reload(); return; }
                show(lines.slice(1).filter(function (line) { return line.length > 0; }));
                setTimeout(poll, 500);
              })
              .catch(function () { setTimeout(poll, 2000); });
          }
          poll();
        })();

        """

    /// `html` with the script's tag before `</head>` (at the end when there is none) and the page's
    /// Content-Security-Policy `script-src 'none'` relaxed to `'self'` so that the tag may run.
    public static func inject(into html: String, build: Int) -> String {
        let tag = "<script src=\"\(scriptPath)\" data-build=\"\(build)\" defer></script>"
        var page = html
        // The policy's `<meta>` tag, whatever the order of its attributes.
        if let policy = page.range(of: "http-equiv=\"Content-Security-Policy\"", options: .caseInsensitive),
           let open = page.range(of: "<meta", options: [.backwards, .caseInsensitive], range: page.startIndex..<policy.lowerBound),
           let close = page.range(of: ">", range: policy.upperBound..<page.endIndex),
           let rule = page.range(of: publishedScriptPolicy, range: open.upperBound..<close.lowerBound) {
            page.replaceSubrange(rule, with: servedScriptPolicy)
        }
        if let head = page.range(of: "</head>") {
            page.insert(contentsOf: tag + "\n", at: head.lowerBound)
        } else {
            page += tag
        }
        return page
    }
}
