import Foundation
import Hummingbird
import Mustache

/// Every template, parsed once and compiled once per language at start-up, and the page layout around them.
///
/// Start-up fails, naming the template and line, when a required template is missing, a template refers
/// to a partial or parent that does not exist, a template does not parse, or a page template reads a
/// name its view model does not have (or uses it as what it is not: raw HTML escaped, a list as text…).
public struct Views: Sendable {
    let libraries: [Language: MustacheLibrary]
    public let localizations: Localizations
    let assets: AssetManifest
    public let timeZone: TimeZone
    let navigation: Navigation

    public init(templatesDirectory: String, publicDirectory: String, timeZone: TimeZone) throws {
        try self.init(templatesDirectory: templatesDirectory, publicDirectory: publicDirectory, timeZone: timeZone, areas: Area.all)
    }

    /// The templates of `areas` (and the layout and error page) must all be there.
    init(templatesDirectory: String, publicDirectory: String, timeZone: TimeZone, areas: [Area]) throws {
        let localizations = try Localizations(directory: "\(templatesDirectory)/locales")
        let source = try TemplateSource(directory: templatesDirectory)
        let required = [PageTemplate.layout, .error] + areas.flatMap(\.templates)
        self.libraries = try Self.compile(source, required: required, localizations: localizations, directory: templatesDirectory)
        self.navigation = Navigation(areas: areas, localizations: localizations)
        self.localizations = localizations
        self.assets = try AssetManifest(publicDirectory: publicDirectory)
        self.timeZone = timeZone
    }

    static func compile(
        _ source: TemplateSource, required: [PageTemplate], localizations: Localizations, directory: String
    ) throws -> [Language: MustacheLibrary] {
        for template in required where source.templates[template.name] == nil {
            throw StartupError("template \(template.name).mustache is missing from \(directory)")
        }
        for (name, text) in source.templates.sorted(by: { $0.key < $1.key }) {
            for reference in TemplateSource.references(in: text) where source.templates[reference] == nil {
                throw StartupError("template \(name).mustache refers to \(reference), which is missing from \(directory)")
            }
        }
        var libraries: [Language: MustacheLibrary] = [:]
        do {
            let parsed = try MustacheTemplates(source.templates)
            for language in Language.allCases {
                let localizer = localizations.localizer(for: language)
                libraries[language] = try MustacheLibrary(parsed) { localizer.templateText(TemplateSource.normalizedKey($0)) }
            }
        } catch let error as MustacheLoadError {
            throw StartupError("template \(error)")
        }
        // Names do not depend on the language: one library is enough to check every page against its view model.
        if let library = libraries[.en] {
            let problems = required.flatMap { template in template.root.map { library.check(template.name, rootedAt: $0()) } ?? [] }
            if !problems.isEmpty {
                throw StartupError("templates read what their view models do not have:\n" + problems.map(\.description).joined(separator: "\n"))
            }
        }
        return libraries
    }

    /// The request's language's localizer.
    public func localizer(for context: some PageRequestContext) -> Localizer {
        localizations.localizer(for: context.language)
    }

    /// Renders a page template inside the layout, in the request's language.
    public func render<Content: MustacheObject & Sendable>(
        _ template: PageTemplate,
        title: String,
        content: Content,
        context: some PageRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        Self.htmlResponse(page(template, title: title, content: content, context: context), status: status)
    }

    /// The bytes of what ``render(_:title:content:context:status:)`` answers (a page a cache keeps).
    public func page<Content: MustacheObject & Sendable>(
        _ template: PageTemplate, title: String, content: Content, context: some PageRequestContext
    ) -> ByteBuffer {
        assert(template.contentType == ObjectIdentifier(Content.self), "\(template.name) renders another view model than \(Content.self)")
        assert(!template.isDocument, "\(template.name) is a document of its own: render(document:…)")
        let localizer = localizations.localizer(for: context.language)
        let page = Page(
            lang: context.language.rawValue,
            title: title,
            stylesheetURL: assets.url(for: "css/app.css"),
            iconURL: assets.url(for: "icon.svg"),
            navigation: navigation.links(for: context, localizer: localizer),
            account: context.session.flatMap { session in
                session.user.map { PageAccount(user: $0, session: session, localizer: localizer) }
            },
            flashes: context.session?.flashes ?? [],
            requestID: context.id,
            content: content
        )
        return libraries[context.language]?.render(page, template: template.name) ?? ByteBuffer()
    }

    /// An HTML page's answer.
    public static func htmlResponse(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        response(body, contentType: "text/html; charset=utf-8", status: status)
    }

    /// Renders a document template by itself, without the layout, in the request's language.
    public func render<Content: MustacheObject & Sendable>(
        document template: PageTemplate, content: Content, contentType: String, context: some PageRequestContext
    ) -> Response {
        assert(template.contentType == ObjectIdentifier(Content.self), "\(template.name) renders another view model than \(Content.self)")
        assert(template.isDocument, "\(template.name) is a page: render it inside the layout")
        let body = libraries[context.language]?.render(content, template: template.name) ?? ByteBuffer()
        return Self.response(body, contentType: contentType, status: .ok)
    }

    private static func response(_ body: ByteBuffer, contentType: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
