import Markdown

// The Markdown target's positions, named here so every file of SiteGen can use them without
// importing Markdown; only the files that parse or render Markdown import it.
public typealias SourcePosition = Markdown.SourcePosition
public typealias SourceRange = Markdown.SourceRange
